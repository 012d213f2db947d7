"""Fixtures: a running bot per test, failing the test on any handler exception and on any
internal value (a snake_case key, ``None``, a repr, Telegram's English errors...) the bot
showed a person (see ``bot/devtools/leaks.py``)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.devtools.leaks import describe, leaks_in
from tests import databases
from tests.cli_runner import logging_kept
from tests.harness import Harness

_SETTINGS_ENV = (
    "TELEGRAM_BOT_TOKEN",
    "DATABASE_URL",
    "TELEGRAM_API_BASE_URL",
    "TELEGRAM_FILE_BASE_URL",
    "TELEGRAM_LOCAL_MODE",
    "KINERJA_CONFIG",
    "KINERJA_ARCHIVE_DIR",
    "KINERJA_DATA_DIR",
    "KINERJA_OPERATOR_CHAT_IDS",
    "KINERJA_APPROVAL_OVERDUE_DAYS",
    "KINERJA_REPORT_DEADLINE_DAYS",
    "KINERJA_BOOTSTRAP_RETRIES",
)


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A developer's own settings must not leak into the tests, and no test writes data
    into the checkout (where the data folder defaults to without a profile)."""
    for name in _SETTINGS_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KINERJA_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture(autouse=True)
def _own_databases() -> Iterator[None]:
    """On PostgreSQL (``KINERJA_TEST_POSTGRES``), drop the databases the test made."""
    try:
        yield
    finally:
        databases.drop_all()


@pytest.fixture(autouse=True, scope="session")
def _postgres_template() -> Iterator[None]:
    try:
        yield
    finally:
        databases.drop_template()


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[Harness]:
    harness = Harness(tmp_path)
    await harness.start()
    try:
        yield harness
    finally:
        await harness.stop()
    unexpected = harness.errors[harness.expected_errors :]
    if unexpected:
        raise AssertionError(f"handler raised: {unexpected!r}") from unexpected[0]
    leaks = list(leaks_in(harness.api.calls))
    if leaks:
        raise AssertionError(describe(leaks))


@pytest.fixture
def exported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Where the command writes, with the harness's database and archive; main() configures
    logging for a process, which is undone afterwards."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", databases.database_url(tmp_path))
    monkeypatch.setenv("KINERJA_ARCHIVE_DIR", str(tmp_path / "arsip"))
    with logging_kept():
        yield tmp_path / "arsip-2027.zip"
