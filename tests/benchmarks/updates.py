"""Benchmark: updates per second of the full application against a bare PTB application.

Both run on the same in-process fake Bot API and are fed prepared updates with
``application.process_update``, one after another, as the polling loop hands them over.

(a) bare: a PTB Application with one CommandHandler that answers a message;
(b) full: ``build_services``/``build_application`` on a temp-file SQLite database with a
    registered head, team member and owner and the example plan of the year approved; each
    command is sent by the three in turn.

For /status, /tugas and /bantuan it prints updates/s of both and the ratio full/bare
(best of three rounds each, bare and full rounds alternating: the machine is shared, so
single rounds are noisy).

Run: python -m tests.benchmarks.updates [updates per round, default 600] [--profile]
--profile runs the full application's rounds under cProfile and prints the top functions.
"""

from __future__ import annotations

import asyncio
import cProfile
import io
import itertools
import pstats
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import Application, ApplicationBuilder, CommandHandler, ContextTypes

from bot.core.roles import Role
from bot.devtools.fake_bot_api import FakeBotApi
from bot.planning.rules.example import example_plan
from tests.harness import Harness, approve_plan

COMMANDS = ("status", "tugas", "bantuan")
ROUNDS = 3
WARM_UP = 20
WIT = ZoneInfo("Asia/Jayapura")
NOW = datetime(2027, 3, 10, 9, 0, tzinfo=WIT)  # reporting on the approved 2027 plan
PEOPLE = (1001, 2001, 3001)  # head, team member, owner

_ids = itertools.count(1)


def _updates(app: Application[Any, Any, Any, Any, Any, Any], command: str, n: int) -> list[Update]:
    """``n`` messages ``/command``, from the three people in turn, bound to ``app``'s bot."""
    result = []
    for i in range(n):
        telegram_id = PEOPLE[i % len(PEOPLE)]
        text = f"/{command}"
        data = {
            "update_id": next(_ids),
            "message": {
                "message_id": next(_ids),
                "date": int(NOW.timestamp()),
                "chat": {"id": telegram_id, "type": "private", "first_name": "Uji"},
                "from": {"id": telegram_id, "is_bot": False, "first_name": "Uji"},
                "text": text,
                "entities": [{"type": "bot_command", "offset": 0, "length": len(text)}],
            },
        }
        result.append(Update.de_json(data, app.bot))
    return result


async def _round(
    app: Application[Any, Any, Any, Any, Any, Any],
    api: FakeBotApi,
    command: str,
    n: int,
    profiler: cProfile.Profile | None = None,
) -> float:
    """Updates/s of one round of ``n`` updates ``/command``."""
    updates = _updates(app, command, n)
    api.calls.clear()
    api.transcript.clear()
    api.shown.clear()
    if profiler is not None:
        profiler.enable()
    started = time.perf_counter()
    for update in updates:
        await app.process_update(update)
    elapsed = time.perf_counter() - started
    if profiler is not None:
        profiler.disable()
    answered = sum(1 for call in api.calls if call.method == "sendMessage")
    if answered < n:
        raise AssertionError(f"/{command}: {answered} answers to {n} updates")
    return n / elapsed


async def _answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_message is not None:
        await update.effective_message.reply_text("Siap.")


@asynccontextmanager
async def bare_app() -> AsyncIterator[tuple[Application[Any, Any, Any, Any, Any, Any], FakeBotApi]]:
    """A bare PTB application: one CommandHandler answering a message."""
    api = FakeBotApi()
    app = ApplicationBuilder().token("123456:BENCH").request(api).get_updates_request(api).build()
    app.add_handler(CommandHandler(list(COMMANDS), _answer))
    await app.initialize()
    try:
        yield app, api
    finally:
        await app.shutdown()


@asynccontextmanager
async def full_app() -> AsyncIterator[tuple[Application[Any, Any, Any, Any, Any, Any], FakeBotApi]]:
    """The whole bot on a temp-file SQLite database: head, team member, owner, approved plan."""
    with tempfile.TemporaryDirectory() as folder:
        harness = Harness(Path(folder))
        harness.clock.set(NOW)
        await harness.start()
        try:
            await harness.registered(PEOPLE[0], Role.KEPALA, name="Yulianus Lokobal")
            await harness.registered(PEOPLE[1], Role.TIM, name="Maria Wenda")
            await harness.registered(PEOPLE[2], Role.PJ, unit="Dinas Kesehatan")
            with harness.svc.db.write() as session:
                approve_plan(session, example_plan(NOW.year), harness.clock.now())
            assert harness.app is not None
            yield harness.app, harness.api
            if harness.errors:
                raise AssertionError(f"handler raised: {harness.errors!r}")
        finally:
            await harness.stop()


async def measure(
    n: int, profiler: cProfile.Profile | None = None
) -> tuple[dict[str, float], dict[str, float]]:
    """Best updates/s per command of the bare and the full application. Their rounds
    alternate, so a neighbour's load on the machine hits both alike."""
    bare_rates: dict[str, float] = {}
    full_rates: dict[str, float] = {}
    async with bare_app() as (bare, bare_api), full_app() as (full, full_api):
        for command in COMMANDS:
            for app in (bare, full):
                for update in _updates(app, command, WARM_UP):
                    await app.process_update(update)
            for _ in range(ROUNDS):
                rate = await _round(bare, bare_api, command, n)
                bare_rates[command] = max(bare_rates.get(command, 0.0), rate)
                rate = await _round(full, full_api, command, n, profiler)
                full_rates[command] = max(full_rates.get(command, 0.0), rate)
    return bare_rates, full_rates


def _table(bare_rates: dict[str, float], full_rates: dict[str, float]) -> str:
    lines = [f"{'command':<10} {'bare upd/s':>11} {'full upd/s':>11} {'ratio':>6}"]
    for command in COMMANDS:
        b, f = bare_rates[command], full_rates[command]
        lines.append(f"{'/' + command:<10} {b:>11.0f} {f:>11.0f} {f / b:>6.2f}")
    return "\n".join(lines)


def _top(profiler: cProfile.Profile, sort: str, limit: int = 30) -> str:
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats(sort).print_stats(limit)
    return out.getvalue()


async def main(argv: list[str], echo: Callable[[str], None] = print) -> None:
    numbers = [a for a in argv if not a.startswith("--")]
    n = int(numbers[0]) if numbers else 600
    profiler = cProfile.Profile() if "--profile" in argv else None
    bare_rates, full_rates = await measure(n, profiler)
    echo(f"updates: {n} per round, best of {ROUNDS} rounds")
    echo(_table(bare_rates, full_rates))
    if profiler is not None:
        echo(_top(profiler, "cumulative"))
        echo(_top(profiler, "tottime"))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
