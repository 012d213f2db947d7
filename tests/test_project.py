"""Project-wide rules: linters and types, README and CI in step, one clock, one text catalogue."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CODE_DIRS = ("bot", "storage")


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    "command",
    [("ruff", "check", "."), ("ruff", "format", "--check", "."), ("mypy",)],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_code_quality(command: tuple[str, ...]) -> None:
    result = _run(*command)
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_test_command_is_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    ci_command = next(line for line in ci.splitlines() if line.startswith("python3 -m venv"))
    assert ci_command in readme.splitlines()
    # The quick start is two commands (run the bot, run the tests), both pinned.
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = [line for line in quick_start.splitlines() if line.startswith("python3 -m venv")]
    assert len(commands) == 2 and ci_command in commands
    assert all(" -c constraints.txt " in command for command in commands)


def _requirement_name(requirement: str) -> str:
    name = re.split(r"[\s\[<>=!~;]", requirement.strip(), maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_dependency_is_pinned_in_the_constraints() -> None:
    """Run, test (ruff and mypy too) and postgres dependencies each have one exact version."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"].values()
    wanted = [*project["dependencies"], *(r for extra in extras for r in extra)]
    pinned = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version.strip(), line
            pinned[_requirement_name(name)] = version.strip()
    missing = [r for r in wanted if _requirement_name(r) not in pinned]
    assert missing == []
    assert {"ruff", "mypy", "psycopg", "psycopg-binary"} <= set(pinned)


def _python_files() -> list[Path]:
    return [p for d in CODE_DIRS for p in (ROOT / d).rglob("*.py")]


def test_now_comes_only_from_the_clock() -> None:
    pattern = re.compile(r"\b(datetime\.now|datetime\.utcnow|date\.today|time\.time)\(")
    offenders = [
        str(path.relative_to(ROOT))
        for path in _python_files()
        if path.name != "clock.py" and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


_SENDERS = {"reply_text", "send_message", "edit_message_text", "show", "answer", "refuse"}


def test_handlers_take_their_words_from_the_catalogue() -> None:
    """No Indonesian sentence written inline in a handler: all of it lives in a texts.py catalogue.

    (The reasons that SOP rules give for refusing a value live with the rules, which never
    import Telegram; only modules that talk to Telegram are checked.)
    """
    offenders = []
    for path in (ROOT / "bot").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        if (
            path.name == "texts.py"
            or "devtools" in path.parts
            or not re.search(r"^(from|import) telegram", source, re.M)
        ):
            continue
        tree = ast.parse(source)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name not in _SENDERS:
                continue
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
                if isinstance(arg, ast.JoinedStr) and any(
                    isinstance(part, ast.Constant) and any(ch.isalpha() for ch in str(part.value))
                    for part in arg.values
                ):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_no_secrets_or_databases_are_tracked() -> None:
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.split()
    if not tracked:
        pytest.skip("not a git checkout")
    assert ".env" not in tracked
    assert not [name for name in tracked if name.endswith((".db", ".sqlite", ".db-wal"))]


def test_every_text_in_a_catalogue_is_used() -> None:
    """A text nobody shows is dead weight that translators and reviewers still read."""
    words = re.compile(r"\b[A-Z][A-Z0-9_]+\b")
    counts = {
        path: Counter(words.findall(path.read_text(encoding="utf-8")))
        for path in (ROOT / "bot").rglob("*.py")
        if "devtools" not in path.parts
    }
    everywhere: Counter[str] = sum(counts.values(), Counter())
    unused = []
    for path, here in counts.items():
        if path.name != "texts.py":
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets = node.targets if isinstance(node, ast.Assign) else []
            if isinstance(node, ast.AnnAssign):
                targets = [node.target]
            for target in targets:
                name = getattr(target, "id", "")
                # Used elsewhere, or by another text of the same catalogue.
                if name.isupper() and everywhere[name] == here[name] == 1:
                    unused.append(f"{path.relative_to(ROOT)}: {name}")
    assert unused == []
