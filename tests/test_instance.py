"""One instance per database, a resilient start, quiet logs and grouped operator alerts."""

from __future__ import annotations

import asyncio
import logging
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from telegram.error import Conflict, TimedOut
from telegram.ext import Job

from bot import lease
from bot.app import build_application
from bot.devtools.fake_bot_api import Failure
from bot.errors import CONFLICT_LOG
from bot.ops.database import head_revision, schema
from bot.outbox import OutboxSender
from bot.settings import Settings
from bot.start import quiet_loggers
from storage import lease as storage_lease
from storage import outbox
from storage.db import Database
from tests import test_cli
from tests.botapi_server import running_server
from tests.cli_runner import Outcome
from tests.databases import database_url
from tests.harness import Harness
from tests.test_cli import TOKEN, WAIT, _db_url, _env, _program

# The command line's fixtures: main() in tmp_path, and the database it writes.
cli = test_cli.cli
db = test_cli.db

OPERATOR = 5550001


# --- the lease ---------------------------------------------------------------------------


async def test_a_second_instance_waits_for_the_first_lease_to_expire(bot: Harness) -> None:
    second = build_application(bot.svc, request=bot.api, instance="host-b:42:abc")
    await second.initialize()
    try:
        assert second.post_init is not None
        with pytest.raises(lease.LeaseRefused) as refused:
            await second.post_init(second)
        assert refused.value.held.holder == bot.instance
        # The first renews while it runs...
        bot.clock.advance(timedelta(seconds=60))
        assert lease.renew(bot.svc, bot.instance)
        bot.clock.advance(timedelta(seconds=60))
        with pytest.raises(lease.LeaseRefused):
            await second.post_init(second)
        # ...and once it renews no more (a crash), the lease expires and may be taken over.
        bot.clock.advance(lease.LEASE_TTL + timedelta(seconds=1))
        await second.post_init(second)
        assert lease.holds(bot.svc, "host-b:42:abc")
        assert not lease.renew(bot.svc, bot.instance), "the first lost its lease"
    finally:
        await second.shutdown()


async def test_the_outbox_recovers_sending_rows_only_under_the_lease(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    recovered: list[int] = []
    real = outbox.recover_in_flight

    def counting(session: object) -> int:
        recovered.append(1)
        return real(session)  # type: ignore[arg-type]

    monkeypatch.setattr(outbox, "recover_in_flight", counting)
    app = bot.app
    assert app is not None
    OutboxSender(bot.svc, app.bot, holder="host-b:42:abc")  # not the holder
    OutboxSender(bot.svc, app.bot)  # a sender beside the running one
    assert recovered == []
    OutboxSender(bot.svc, app.bot, holder=bot.instance)
    assert recovered == [1]


def test_run_refuses_a_database_in_use_before_any_call(
    tmp_path: Path,
    cli: Callable[..., Outcome],
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db.upgrade()
    from bot.app import build_services

    settings = Settings(_env_file=None, database_url=db.url)
    svc = build_services(settings, db=db)
    lease.take(svc, "other-host:4242:ffffff")
    with running_server(TOKEN) as server:
        monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
        monkeypatch.setenv("TELEGRAM_API_BASE_URL", server.url)
        result = cli("run")
        assert server.api.calls == []
    assert result.code == 4
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert "other-host:4242:ffffff" in lines[0] and " / " in lines[0]
    assert "sedang dipakai bot lain" in lines[0] and "in use by another bot" in lines[0]
    assert lease.holds(svc, "other-host:4242:ffffff"), "the refused one leaves the lease alone"


def test_a_refused_run_leaves_an_older_schema_untouched(
    tmp_path: Path, cli: Callable[..., Outcome], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new release's `run`, refused by the old bot still running, migrates nothing."""
    url = database_url(tmp_path / "data", empty=True)
    monkeypatch.setenv("DATABASE_URL", url)
    old = Database(url)
    old.upgrade("0016")  # the running old bot's schema: behind this code's head
    now = datetime.now(UTC)
    with old.write() as session:
        assert (
            storage_lease.acquire(
                session, holder="old-bot:4242:abcdef", now=now, ttl=timedelta(minutes=5)
            )
            is None
        )
    old.dispose()
    assert head_revision() != "0016"
    with running_server(TOKEN) as server:
        monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
        monkeypatch.setenv("TELEGRAM_API_BASE_URL", server.url)
        result = cli("run")
        assert server.api.calls == []
    assert result.code == 4, result.err
    (line,) = result.err.strip().splitlines()  # the refusal, and nothing else
    assert "old-bot:4242:abcdef" in line and "sedang dipakai bot lain" in line
    assert schema(url).current == "0016", "the refused run upgraded the schema"
    # Commands other than upgrade-db and run refuse too rather than migrate under the bot.
    invite = cli("invite", "--role", "tim")
    assert invite.code == 2
    assert "jalankan `kinerja-bot upgrade-db`" in invite.err and " / " in invite.err
    assert schema(url).current == "0016", "invite upgraded the schema"


def test_a_second_run_on_the_same_database_refuses_in_one_line(tmp_path: Path) -> None:
    with running_server(TOKEN) as server:
        env = _env(tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=server.url)
        first, err = _start(tmp_path, env)
        try:
            server.wait_for_call("getUpdates", timeout=WAIT)
            second = _program(tmp_path, "run", env=env)
            first.send_signal(signal.SIGINT)
            assert first.wait(timeout=WAIT) == 0, err.read_text()
        finally:
            if first.poll() is None:
                first.kill()
                first.wait(timeout=WAIT)
        assert len(server.calls_of("getMe")) == 1, "the second called Telegram"
    assert second.returncode == 4, second.stderr
    (line,) = second.stderr.strip().splitlines()  # no INFO line before the refusal
    assert "Basis data ini sedang dipakai bot lain" in line and " / " in line
    assert "Traceback" not in second.stdout + second.stderr
    assert "Kinerja PBJ Bot berjalan" not in second.stderr
    # The first gave the lease up when it stopped: the database is free again.
    database = Database(_db_url(tmp_path))
    try:
        with database.read() as session:
            assert storage_lease.current(session) is None
    finally:
        database.dispose()


# --- the start ---------------------------------------------------------------------------


@pytest.mark.parametrize("token", ["12345", "123456:short", "abc:" + "A" * 35, "1234:" + "é" * 35])
def test_a_token_of_the_wrong_shape_is_refused_before_any_call(
    cli: Callable[..., Outcome],
    monkeypatch: pytest.MonkeyPatch,
    token: str,
) -> None:
    with running_server(TOKEN) as server:
        monkeypatch.setenv("TELEGRAM_BOT_TOKEN", token)
        monkeypatch.setenv("TELEGRAM_API_BASE_URL", server.url)
        result = cli("run")
        assert server.api.calls == []
    assert result.code == 2
    assert "tidak berbentuk token bot" in result.err and "does not look like" in result.err
    assert token not in result.err
    assert "Traceback" not in result.err


def _start(tmp_path: Path, env: dict[str, str]) -> tuple[subprocess.Popen[str], Path]:
    err = tmp_path / "bot.err"
    with err.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            cwd=tmp_path,
            env=env,
            stdout=stderr,
            stderr=stderr,
            text=True,
        )
    return process, err


def test_start_up_waits_for_telegram_then_says_it_runs(tmp_path: Path) -> None:
    with running_server(TOKEN) as server:
        with server.lock:
            server.api.fail_next("getMe", Failure(network=True), times=2)
        env = _env(tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=server.url)
        process, err = _start(tmp_path, env)
        try:
            server.wait_for_call("getUpdates", timeout=WAIT)
            assert len(server.calls_of("getMe")) == 3
            process.send_signal(signal.SIGINT)
            assert process.wait(timeout=WAIT) == 0, err.read_text()
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=WAIT)
    output = err.read_text()
    assert "Kinerja PBJ Bot berjalan untuk" in output
    assert "Traceback" not in output and "ERROR" not in output, output
    assert output.count("dicoba lagi") == 2


def test_start_up_gives_up_in_one_line_when_configured(tmp_path: Path) -> None:
    with running_server(TOKEN) as server:
        with server.lock:
            server.api.fail_next("getMe", Failure(network=True), times=10)
        env = _env(
            tmp_path,
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_API_BASE_URL=server.url,
            KINERJA_BOOTSTRAP_RETRIES="1",
        )
        url = server.url
        result = subprocess.run(
            [sys.executable, "-m", "bot", "run"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert "Traceback" not in output, output
    assert "berjalan" not in output
    assert "tidak dapat dihubungi" in output and url in output
    assert "TELEGRAM_API_BASE_URL" in output
    # Two tries (one retry): one line saying it tries again, one saying what to check.
    assert output.count("dicoba lagi") == 1, output
    last = output.strip().splitlines()[-1]
    assert "Periksa jaringan server" in last
    assert TOKEN not in output


CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)


def test_another_poller_on_the_token_stops_the_bot_with_one_report(tmp_path: Path) -> None:
    with running_server(TOKEN) as server:
        with server.lock:
            server.api.fail_next("getUpdates", Failure(409, CONFLICT), times=50)
        env = _env(
            tmp_path,
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_API_BASE_URL=server.url,
            KINERJA_OPERATOR_CHAT_IDS=str(OPERATOR),
        )
        process, err = _start(tmp_path, env)
        try:
            code = process.wait(timeout=WAIT)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=WAIT)
        alerts = [m.plain for m in server.api.chat(OPERATOR)]
    output = err.read_text()
    assert code == 4, output
    assert output.count("Program lain sedang mengambil pembaruan") == 2, output  # log + exit
    assert "Traceback" not in output, output
    assert len(alerts) == 1 and "program lain sedang memakai token" in alerts[0], alerts


# --- Conflict, alerts, quiet logs ----------------------------------------------------------


async def test_conflict_is_reported_once_and_stops_the_bot(
    bot: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    bot.settings.kinerja_operator_chat_ids = str(OPERATOR)
    app = bot.app
    assert app is not None
    stops: list[int] = []
    monkeypatch.setattr(app, "stop_running", lambda: stops.append(1))
    caplog.set_level(logging.INFO)
    for _ in range(15):
        await app.process_error(None, Conflict("terminated by other getUpdates request"))
    bot.expected_errors += 15
    assert stops == [1]
    assert len(bot.api.chat(OPERATOR)) == 1
    assert "program lain sedang memakai token bot ini" in bot.api.chat(OPERATOR)[0].plain
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [r.getMessage() for r in errors] == [CONFLICT_LOG]
    assert all(r.exc_info is None for r in errors)


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[Harness]:
    """A running bot whose operator alerts may name the Python error (they are for the
    people who read the log, not for users: the ``bot`` fixture's leak check would object)."""
    harness = Harness(tmp_path)
    await harness.start()
    try:
        yield harness
    finally:
        await harness.stop()


async def test_operator_alerts_are_grouped_per_kind_and_name_what_failed(
    harness: Harness,
) -> None:
    bot = harness
    bot.settings.kinerja_operator_chat_ids = str(OPERATOR)
    app = bot.app
    assert app is not None

    async def job(context: Any) -> None:
        pass

    outbox_job: Job[Any] = Job(job, name="outbox")
    reminder_job: Job[Any] = Job(job, name="pengingat")
    for _ in range(5):
        await app.process_error(None, RuntimeError("basis data terkunci"), job=outbox_job)
    await app.process_error(None, RuntimeError("x"), job=reminder_job)
    await app.process_error(None, TimedOut("timed out"))
    shown = [m.plain for m in bot.api.chat(OPERATOR)]
    assert len(shown) == 3, shown
    assert "RuntimeError" in shown[0] and "pengiriman pesan antrean (outbox)" in shown[0]
    assert "pengingat terjadwal" in shown[1]
    assert "getUpdates" in shown[2] and "TimedOut" in shown[2]
    assert not any("saat menangani tugas terjadwal." in text for text in shown)
    # Within ten minutes nothing more of the kind; after them one alert with the count.
    bot.clock.advance(timedelta(minutes=9))
    await app.process_error(None, RuntimeError("lagi"), job=outbox_job)
    assert len(bot.api.chat(OPERATOR)) == 3
    bot.clock.advance(timedelta(minutes=2))
    await app.process_error(None, RuntimeError("lagi"), job=outbox_job)
    last = bot.api.chat(OPERATOR)[-1].plain
    assert len(bot.api.chat(OPERATOR)) == 4
    assert "pengiriman pesan antrean (outbox)" in last
    assert "5 kejadian serupa sejak pukul 09:00" in last


async def test_an_idle_bot_writes_no_log_lines(
    bot: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    names = ("alembic", "apscheduler", "fontTools", "httpx", "matplotlib")
    levels = {name: logging.getLogger(name).level for name in names}
    quiet_loggers(bot.settings)
    app = bot.app
    assert app is not None
    try:
        caplog.set_level(logging.INFO)
        await app.start()  # the job queue: the outbox every 2 s, reminders after 5 s
        caplog.clear()
        await asyncio.sleep(6)
        idle = [r.getMessage() for r in caplog.records]
        await app.stop()
    finally:
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)
    assert idle == []


def test_a_pdf_writes_no_log_lines(caplog: pytest.LogCaptureFixture) -> None:
    from bot.core.pdf import OfficialPdf

    names = ("alembic", "apscheduler", "fontTools", "httpx", "matplotlib")
    levels = {name: logging.getLogger(name).level for name in names}
    quiet_loggers(Settings(_env_file=None))
    try:
        caplog.set_level(logging.INFO)
        pdf = OfficialPdf()
        try:
            pdf.add_page()
            pdf.multi_cell(0, 6, "Laporan Kinerja — ✓ Ω")
            assert bytes(pdf.output()).startswith(b"%PDF")
        finally:
            pdf.close_fonts()
    finally:
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)
    assert [r.name for r in caplog.records] == []
