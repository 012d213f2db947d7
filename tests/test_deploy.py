"""deploy/: the systemd units say what the README promises, and kinerja-bot-cli reads the
service's env file as data (a value with & or $ is neither run nor expanded)."""

from __future__ import annotations

import configparser
import subprocess
from pathlib import Path

from bot import start

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"


def _unit(name: str) -> configparser.RawConfigParser:
    parser = configparser.RawConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string((DEPLOY / name).read_text(encoding="utf-8"))
    return parser


def test_the_service_runs_as_its_own_user_with_its_settings_and_restarts() -> None:
    service = _unit("kinerja-bot.service")["Service"]
    assert service["User"] == "kinerja"
    assert service["WorkingDirectory"] == "/var/lib/kinerja-bot"
    assert service["EnvironmentFile"] == "/etc/kinerja-bot/kinerja-bot.env"
    assert service["Restart"] == "always"
    # Refused as a second bot (lease or Conflict): no restart every RestartSec, no alert
    # storm; the README says what exit 4 means and what to do.
    assert service["RestartPreventExitStatus"].split() == [str(start.EXIT_IN_USE)]
    assert start.EXIT_IN_USE == 4
    assert service["ExecStart"] == "/opt/kinerja-bot/.venv/bin/kinerja-bot run"
    text = (DEPLOY / "kinerja-bot.service").read_text(encoding="utf-8")
    assert "\nEnvironment=MPLCONFIGDIR=/var/cache/kinerja-bot/matplotlib\n" in text
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in ("/opt/kinerja-bot", "/etc/kinerja-bot/kinerja-bot.env", "/var/lib/kinerja-bot"):
        assert path in readme
    assert "RestartPreventExitStatus=4" in readme and "status=4" in readme


def test_a_daily_timer_starts_the_backup() -> None:
    timer = _unit("kinerja-bot-backup.timer")["Timer"]
    assert timer["OnCalendar"] == "*-*-* 02:30:00" and timer["Persistent"] == "true"
    backup = _unit("kinerja-bot-backup.service")["Service"]
    assert backup["Type"] == "oneshot" and backup["User"] == "kinerja"
    assert "kinerja-bot backup" in backup["ExecStart"]


def test_the_cli_wrapper_reads_the_env_file_as_data(tmp_path: Path) -> None:
    app = tmp_path / "app"
    (app / ".venv" / "bin").mkdir(parents=True)
    program = app / ".venv" / "bin" / "kinerja-bot"
    program.write_text('#!/bin/sh\necho "args=$*"\nenv | sort\n', encoding="utf-8")
    program.chmod(0o755)
    env_file = tmp_path / "kinerja-bot.env"
    env_file.write_text(
        "# komentar\n\nDATABASE_URL=postgresql+psycopg://k@/k?host=/run/pg&port=5433\n"
        "KINERJA_OPERATOR_CHAT_IDS=1, 2\nTELEGRAM_BOT_TOKEN=1:a$(touch "
        f"{tmp_path / 'ran'})\nbukan baris\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        ["sh", str(DEPLOY / "kinerja-bot-cli"), "doctor", "--x"],
        env={
            "PATH": "/usr/bin:/bin",
            "KINERJA_ENV_FILE": str(env_file),
            "KINERJA_APP_DIR": str(app),
        },
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "args=doctor --x"
    assert "DATABASE_URL=postgresql+psycopg://k@/k?host=/run/pg&port=5433" in lines
    assert "KINERJA_OPERATOR_CHAT_IDS=1, 2" in lines
    assert f"TELEGRAM_BOT_TOKEN=1:a$(touch {tmp_path / 'ran'})" in lines
    assert "MPLCONFIGDIR=/var/cache/kinerja-bot/matplotlib" in lines
    assert not (tmp_path / "ran").exists()


def test_the_server_section_says_what_an_operator_needs() -> None:
    """What an operator following "Menjalankan di server" from scratch tripped over."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Menjalankan di server") :]
    section = section[: section.index("\n### ")]
    assert "/usr/bin/python3 -m venv .venv" in section  # not a shim under /root
    assert section.index("createdb -O kinerja") < section.index("kinerja-bot-cli upgrade-db")
    assert "runuser -u postgres --" in section
    assert section.count("-e '.[postgres]'") >= 3  # install, PostgreSQL and upgrade
    assert "STAMP=$(date +%Y%m%d-%H%M)" in section and "sebelum-upgrade-*" in section
    assert "Kembali ke versi sebelumnya" in section and "restore --force" in section
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    assert "/var/lib/kinerja-bot/data" in example
    assert "KINERJA_DATA_DIR=/var/lib/kinerja-bot/data" in section
