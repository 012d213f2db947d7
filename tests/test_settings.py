"""Which `.env` file the settings read: the checkout's, never the working directory's."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOW = "from bot.settings import Settings; print('chats=' + Settings().kinerja_operator_chat_ids)"


def _show(cwd: Path, pythonpath: Path, **extra: str) -> str:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(pythonpath),
        "HOME": str(cwd),
        "LANG": "C.UTF-8",
        **extra,
    }
    done = subprocess.run(
        [sys.executable, "-c", SHOW],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.strip()


def _checkout(tmp_path: Path) -> Path:
    """A copy of the package's settings module in a checkout of its own (pyproject.toml)."""
    checkout = tmp_path / "checkout"
    (checkout / "bot").mkdir(parents=True)
    for name in ("__init__.py", "settings.py"):
        shutil.copy(ROOT / "bot" / name, checkout / "bot" / name)
    (checkout / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    return checkout


def test_a_env_file_in_the_working_directory_is_not_read(tmp_path: Path) -> None:
    checkout = _checkout(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / ".env").write_text("KINERJA_OPERATOR_CHAT_IDS=777\n", encoding="utf-8")
    assert _show(elsewhere, checkout) == "chats="


def test_the_checkouts_env_file_is_read_from_any_directory(tmp_path: Path) -> None:
    checkout = _checkout(tmp_path)
    (checkout / ".env").write_text("KINERJA_OPERATOR_CHAT_IDS=555\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / ".env").write_text("KINERJA_OPERATOR_CHAT_IDS=777\n", encoding="utf-8")
    assert _show(elsewhere, checkout) == "chats=555"
    assert _show(checkout, checkout) == "chats=555"
    # The environment still wins over the file.
    assert _show(elsewhere, checkout, KINERJA_OPERATOR_CHAT_IDS="999") == "chats=999"
