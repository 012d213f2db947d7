"""The shape of the code, per feature folder (see the README's "Where things are").

- Handlers (modules that talk to Telegram) open no database session and import neither
  sqlmodel nor storage: they call one use case and render what it returns.
- Modules stay small (about 400 lines; text catalogues aside), functions short (about 60).
- Buttons carry typed data (bot/ui/callbacks.py), never f-strings read back by position.
- Drafts go through bot/ui/drafts.py, not raw user_data keys.
- Every conversation has a Mermaid state diagram beside it, in step with its states.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FEATURES = (
    "people",
    "approvals",
    "planning",
    "letters",
    "outreach",
    "packages",
    "reporting",
    "analysis",
    "reminders",
    "guide",
    "performance",
    "results",
)
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def _modules(feature: str) -> list[Path]:
    folder = ROOT / "bot" / feature
    return sorted(folder.rglob("*.py")) if folder.exists() else []


def _talks_to_telegram(source: str) -> bool:
    return re.search(r"^(from|import) telegram", source, re.M) is not None


def _check(feature: str, offenders: list[str]) -> None:
    assert offenders == [], feature


@pytest.mark.parametrize("feature", FEATURES)
def test_handlers_open_no_session(feature: str) -> None:
    forbidden = re.compile(r"\.db\.(read|write)\(|^(from|import) (sqlmodel|storage)", re.M)
    offenders = []
    for path in _modules(feature):
        source = path.read_text(encoding="utf-8")
        if _talks_to_telegram(source):
            offenders += [f"{path.name}: {m.group(0)}" for m in forbidden.finditer(source)]
    _check(feature, offenders)


@pytest.mark.parametrize("feature", FEATURES)
def test_modules_and_functions_are_small(feature: str) -> None:
    offenders = []
    for path in _modules(feature):
        if path.name == "texts.py":
            continue
        source = path.read_text(encoding="utf-8")
        lines = source.count("\n")
        if lines > MAX_MODULE_LINES:
            offenders.append(f"{path.relative_to(ROOT)}: {lines} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.name}: {length} lines")
    _check(feature, offenders)


@pytest.mark.parametrize("feature", FEATURES)
def test_buttons_carry_typed_data(feature: str) -> None:
    offenders = []
    for path in _modules(feature):
        source = path.read_text(encoding="utf-8")
        if "callback_parts(" in source:
            offenders.append(f"{path.name}: callback_parts")
        for node in ast.walk(ast.parse(source)):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", "")) == "button"
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant | ast.JoinedStr)
            ):
                offenders.append(f"{path.name}:{node.lineno}: button data as a string")
    _check(feature, offenders)


@pytest.mark.parametrize("feature", FEATURES)
def test_drafts_are_typed(feature: str) -> None:
    raw = re.compile(r"user_data(\[|\.get\(|\.pop\(|\.setdefault\()")
    offenders = []
    for path in _modules(feature):
        source = path.read_text(encoding="utf-8")
        offenders += [f"{path.name}: {m.group(0)}" for m in raw.finditer(source)]
    _check(feature, offenders)


def _diagram_states(path: Path) -> set[str]:
    states: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\s*([\w\[\]*]+)\s*-->\s*([\w\[\]*]+)", line)
        if match:
            states.update(s for s in match.groups() if s != "[*]")
    return states


async def test_conversations_have_diagrams_in_step(tmp_path: Path) -> None:
    from bot.ui.chat import FlowConversation
    from tests.harness import Harness

    harness = Harness(tmp_path)
    await harness.start()
    try:
        assert harness.app is not None
        flows = [
            h
            for group in harness.app.handlers.values()
            for h in group
            if isinstance(h, FlowConversation)
        ]
        offenders = []
        for flow in flows:
            module = flow.entry_points[0].callback.__module__
            feature = module.split(".")[1]
            diagram = ROOT / "bot" / feature / f"{flow.name}.mmd"
            names = {getattr(state, "name", str(state)) for state in flow.states}
            if not diagram.exists():
                offenders.append(f"{feature}: no {diagram.name}")
            elif _diagram_states(diagram) != names:
                offenders.append(
                    f"{diagram.name}: {sorted(_diagram_states(diagram))} != {sorted(names)}"
                )
        assert offenders == []
    finally:
        await harness.stop()


def test_every_module_is_small_and_says_what_it_is_for() -> None:
    """Beyond the features too: shared modules, storage, devtools (text catalogues, the
    table models and migrations aside)."""
    offenders = []
    for path in sorted([*(ROOT / "bot").rglob("*.py"), *(ROOT / "storage").rglob("*.py")]):
        if path.name == "texts.py" or path.name == "models.py" or "migrations" in path.parts:
            continue
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        where = path.relative_to(ROOT)
        if ast.get_docstring(tree) is None:
            offenders.append(f"{where}: no module docstring")
        if source.count("\n") > MAX_MODULE_LINES:
            offenders.append(f"{where}: {source.count(chr(10))} lines")
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    offenders.append(f"{where}:{node.name}: {length} lines")
    assert offenders == []
