"""Benchmark: how far one instance goes (issue 13, "PostgreSQL for real").

1. A simulated year (tests/benchmarks/capacity_world.py) through the real application over
   the in-process fake Bot API: N units (OPD) from the profile, each with owners (PJ) and
   mapped packages, a team and a head, the plan approved; every owner reports every period
   through /lapor with an evidence PDF, the team accepts each report through /verifikasi,
   the reminders job runs every day (31 December into January too), the quarterly
   performance reports are signed, and the year is compiled. Reported: the time it took,
   the database size (SQLite: the file after a WAL checkpoint; PostgreSQL:
   ``pg_database_size``), the biggest tables and the archive folder.
2. Updates/s at that size: many distinct users (owners and team members) at once, each
   doing what people do (/status, /tugas, the steps of /lapor with an evidence file,
   /verifikasi and Terima) with a think time between two updates (exponential, mean
   ``--think`` s). The number of users doubles per level until p95 passes 2 s or
   ``--max-users``; per level: updates/s sustained, p50/p95 latency of one update (from
   the moment it is handed to the application, waiting for a free place included), the
   reports sent and accepted, the bot process's CPU ms, SQL statements and database
   connections (sessions) per update, the messages the bot sent or edited a second
   (Telegram takes about 30), and the machine's load average (it is shared).

Run (SQLite, the default 20 units x 2 owners x 2 packages x 4 periods, a few minutes):
    python -m tests.benchmarks.capacity
    python -m tests.benchmarks.capacity --units 200 --max-users 1600
    python -m tests.benchmarks.capacity --database-url \\
        'postgresql+psycopg://postgres@/kinerja_capacity?host=/tmp/pg-capacity&port=5434'
The PostgreSQL database must exist and be empty (the schema is created by the bot).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import os
import pstats
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, inspect, text

from bot.core.roles import Role
from bot.results.usecases import compilation
from tests.benchmarks.capacity_world import (
    YEAR,
    Size,
    TimedPerson,
    World,
    evidence_pdf,
    live_the_year,
)
from tests.harness import WIT

P95_LIMIT = 2.0  # seconds
LEVEL_SECONDS = 30.0
AFTER_THE_YEAR = datetime(YEAR + 1, 1, 6, 10, 0, tzinfo=WIT)  # Triwulan IV still open
MB = 1024 * 1024


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.capacity")
    parser.add_argument("--units", type=int, default=20, help="OPD in the profile")
    parser.add_argument("--owners", type=int, default=2, help="owners (PJ) per unit")
    parser.add_argument("--packages", type=int, default=2, help="mapped packages per unit")
    parser.add_argument("--periods", type=int, default=4, choices=(1, 2, 4, 12))
    parser.add_argument("--evidence-kb", type=int, default=200, help="size of each evidence")
    parser.add_argument("--database-url", default=None, help="default: a temp SQLite file")
    parser.add_argument("--users", type=int, default=25, help="users at the first level")
    parser.add_argument("--max-users", type=int, default=800, help="users at most")
    parser.add_argument("--think", type=float, default=5.0, help="mean s between updates")
    parser.add_argument("--seconds", type=float, default=LEVEL_SECONDS, help="per level")
    parser.add_argument("--skip-load", action="store_true", help="only the simulated year")
    parser.add_argument("--profile", action="store_true", help="cProfile of the load phase")
    return parser


# --- sizes --------------------------------------------------------------------------------


def folder_size(folder: Path) -> tuple[int, int]:
    """Bytes and files under ``folder``."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def database_size(url: str) -> int:
    """Bytes the database takes: the SQLite file after a WAL checkpoint, or PostgreSQL's
    ``pg_database_size``."""
    if url.startswith("sqlite"):
        path = Path(url.split("///", 1)[1])
        with sqlite3.connect(path) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        wal = path.with_name(path.name + "-wal")
        return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            found = connection.execute(text("SELECT pg_database_size(current_database())"))
            return int(found.scalar_one())
    finally:
        engine.dispose()


def biggest_tables(url: str, limit: int = 6) -> list[tuple[str, int]]:
    """The tables with the most rows."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            counts = [
                (name, int(connection.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one()))
                for name in inspect(connection).get_table_names()
            ]
    finally:
        engine.dispose()
    return sorted(counts, key=lambda c: -c[1])[:limit]


def _empty_postgres(url: str) -> None:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            names = inspect(connection).get_table_names()
    finally:
        engine.dispose()
    if names:
        raise SystemExit(f"the database of {url} is not empty ({len(names)} tables): use a new one")


# --- 1. the year ----------------------------------------------------------------------------


async def simulate_year(world: World, echo: Callable[[str], None]) -> dict[str, Any]:
    size = world.size
    started = time.perf_counter()
    await world.people_and_plan()
    echo(
        f"year {YEAR}: {size.units} units x {size.owners} owners x {size.packages} packages,"
        f" {size.periods} periods, evidence {size.evidence_kb} KB"
    )
    await live_the_year(world, echo)
    compiled_at = time.perf_counter()
    found = compilation(world.bot.svc, YEAR)
    assert found is not None
    compile_seconds = time.perf_counter() - compiled_at
    await world.team[0].command("capaian")
    seconds = time.perf_counter() - started
    url = world.bot.settings.database_url
    archive, files = folder_size(world.bot.settings.kinerja_archive_dir or Path("."))
    return {
        "seconds": seconds,
        "reports": world.reports,
        "database": database_size(url),
        "archive": archive,
        "files": files,
        "compile": compile_seconds,
        "tables": biggest_tables(url),
    }


# --- 2. the load ----------------------------------------------------------------------------


class Load:
    """Users doing what people do, each with a think time between two updates."""

    def __init__(self, world: World, think: float) -> None:
        self.world = world
        self.think = think
        self.latencies: list[float] = []
        self.stop_at = 0.0
        self.errors = 0
        self._pdfs = 0
        self._open = world.periods()[-1]
        self._extra = 0
        self.sent = 0  # reports sent through /lapor
        self.accepted = 0

    async def people(self, count: int) -> list[TimedPerson]:
        """``count`` users: one team member in twenty (at least two), the rest owners (the
        year's, then new ones spread over the units)."""
        world = self.world
        team = [*world.team]
        while len(team) < max(2, count // 20):
            team.append(await world.person(3000 + len(team), Role.TIM))
        owners = list(world.owners.values())
        while len(owners) < count - len(team):
            self._extra += 1
            unit = self._extra % world.size.units + 1
            owners.append(await world.owner(900_000 + self._extra, unit))
        chosen = team[: max(2, count // 20)] + owners[: count - len(team[: max(2, count // 20)])]
        for person in chosen:
            person.latencies = self.latencies
        return chosen

    async def _pause(self) -> bool:
        """A think time (never past the end of the level); False when the level is over."""
        left = self.stop_at - time.perf_counter()
        await asyncio.sleep(max(0.0, min(left, random.expovariate(1 / self.think))))
        return time.perf_counter() < self.stop_at

    async def owner(self, person: TimedPerson) -> None:
        names = self.world.unit_packages.get(self.world.unit_of[person.telegram_id], [])
        label = f"{self._open.label} {YEAR} ·"
        steps: list[Callable[[], Any]] = [
            lambda: person.command("status"),
            lambda: person.command("tugas"),
        ]
        while await self._pause():
            for step in steps:
                await step()
                if not await self._pause():
                    return
            if not names:
                continue
            await self._lapor(person, label, random.choice(names))

    async def _lapor(self, person: TimedPerson, label: str, name: str) -> None:
        """/lapor on the open period: each answer is one update, a think time apart."""
        shown = await person.command("lapor")
        if any("Lanjutkan" in b for m in shown for b in m.button_texts):
            shown = await person.press("Mulai baru") if _has(shown, "Mulai baru") else shown
        if not _has(shown, label):
            return
        shown = await person.press(label)
        if not _has(shown, name):
            return
        shown = await person.press(name)
        while shown and await self._pause():
            last = shown[-1]
            if _has([last], "berjalan"):
                shown = await person.press("berjalan")
            elif _has([last], "Kirim"):
                shown = await person.press("Kirim")
                if _has(shown, "revisi baru"):
                    shown = await person.press("revisi baru")
                self.sent += any("terkirim" in m.plain for m in shown)
                return
            elif "bukti" in last.plain.lower() and _has([last], "Selesai"):
                self._pdfs += 1
                pdf = evidence_pdf(10**6 + self._pdfs, self.world.size.evidence_kb)
                await person.upload(f"bukti-{self._pdfs}.pdf", pdf, "application/pdf")
                shown = await person.press("Selesai")
            else:
                shown = await person.send("10")

    async def team_member(self, person: TimedPerson) -> None:
        while await self._pause():
            shown = await person.command("verifikasi")
            if _has(shown, "Terima") and await self._pause():
                await person.press("Terima")
                self.accepted += 1
            if await self._pause():
                await person.command("status")

    async def level(self, count: int, seconds: float) -> dict[str, float]:
        people = await self.people(count)
        self.world.clear_chats()
        self.latencies.clear()
        self.sent = self.accepted = 0
        errors_before = len(self.world.bot.errors)
        queries, sessions = [0], [0]

        def counted(*_: Any) -> None:
            queries[0] += 1

        def checked_out(*_: Any) -> None:
            sessions[0] += 1

        engine = self.world.bot.svc.db.engine
        event.listen(engine, "before_cursor_execute", counted)
        event.listen(engine, "engine_connect", checked_out)
        cpu = time.process_time()
        started = time.perf_counter()
        self.stop_at = started + seconds
        roles = [self.team_member if p.telegram_id < 100_000 else self.owner for p in people]
        drain = asyncio.create_task(self._drain())
        await asyncio.gather(*(role(p) for role, p in zip(roles, people, strict=True)))
        drain.cancel()
        event.remove(engine, "before_cursor_execute", counted)
        event.remove(engine, "engine_connect", checked_out)
        done = sorted(self.latencies)
        return {
            "users": count,
            "updates": len(done),
            "rate": len(done) / (time.perf_counter() - started),
            "cpu": (time.process_time() - cpu) / max(1, len(done)),
            "load": os.getloadavg()[0],
            "queries": queries[0] / max(1, len(done)),
            "sessions": sessions[0] / max(1, len(done)),
            "messages": _messages(self.world) / (time.perf_counter() - started),
            "p50": statistics.median(done) if done else 0.0,
            "p95": done[int(len(done) * 0.95)] if done else 0.0,
            "errors": len(self.world.bot.errors) - errors_before,
            "sent": self.sent,
            "accepted": self.accepted,
        }

    async def _drain(self) -> None:
        """The outbox job: notices to owners go out as the running bot sends them."""
        while True:
            await asyncio.sleep(1.0)
            await self.world.bot.drain_outbox()


def _messages(world: World) -> int:
    """Messages the bot sent or edited since the chats were cleared (Telegram's ~30 a
    second counts them all)."""
    return sum(1 for c in world.bot.api.calls if c.method.startswith(("send", "edit")))


def _has(shown: list[Any], label: str) -> bool:
    return any(label in b for m in shown for b in m.button_texts)


async def load(world: World, args: argparse.Namespace, echo: Callable[[str], None]) -> None:
    world.bot.clock.set(AFTER_THE_YEAR)
    runner = Load(world, args.think)
    echo(f"load: think time {args.think:g} s (mean), {args.seconds:g} s per level")
    echo(
        f"{'users':>6} {'updates':>8} {'upd/s':>7} {'p50 ms':>7} {'p95 ms':>7}"
        f" {'errors':>6} {'lapor':>5} {'terima':>6} {'cpu ms':>6} {'sql':>5} {'conn':>5}"
        f" {'msg/s':>5} {'load':>5}"
    )
    count, below, above, halved = args.users, 0, None, False
    while count <= args.max_users:
        found = await runner.level(count, args.seconds)
        echo(
            f"{count:>6} {found['updates']:>8.0f} {found['rate']:>7.1f} "
            f"{found['p50'] * 1000:>7.0f} {found['p95'] * 1000:>7.0f} {found['errors']:>6.0f}"
            f" {found['sent']:>5.0f} {found['accepted']:>6.0f}"
            f" {found['cpu'] * 1000:>6.1f} {found['queries']:>5.1f}"
            f" {found['sessions']:>5.1f} {found['messages']:>5.1f} {found['load']:>5.1f}"
        )
        if found["p95"] <= P95_LIMIT:
            below = count
        else:
            above = count if above is None else min(above, count)
        if above is None:
            count *= 2
        elif below and above > below * 1.4 and not halved:  # once more, half way
            count, halved = (below + above) // 2, True
        else:
            break
    if above is None:
        echo(f"p95 stayed under {P95_LIMIT:.0f} s up to {below} users")
    else:
        echo(f"p95 over {P95_LIMIT:.0f} s at {above} users (under it at {below})")


# --- main -----------------------------------------------------------------------------------


def _year_table(found: dict[str, Any], echo: Callable[[str], None]) -> None:
    echo(
        f"simulated year: {found['seconds']:.0f} s, {found['reports']} reports sent and accepted;"
        f" compilation {found['compile']:.2f} s"
    )
    echo(
        f"database {found['database'] / MB:.1f} MB; archive {found['archive'] / MB:.1f} MB"
        f" in {found['files']} files"
    )
    echo("rows: " + ", ".join(f"{name} {rows}" for name, rows in found["tables"]))


async def main(argv: list[str], echo: Callable[[str], None] = print) -> int:
    args = _parser().parse_args(argv)
    size = Size(args.units, args.owners, args.packages, args.periods, args.evidence_kb)
    if args.database_url and not args.database_url.startswith("sqlite"):
        _empty_postgres(args.database_url)
    folder = Path(tempfile.mkdtemp(prefix="kinerja-capacity-"))
    world = World(folder, size, args.database_url)
    try:
        await world.start()
        echo(f"database: {world.bot.settings.database_url.split('?')[0]}")
        _year_table(await simulate_year(world, echo), echo)
        if not args.skip_load:
            profiler = cProfile.Profile() if args.profile else None
            if profiler is not None:
                profiler.enable()
            await load(world, args, echo)
            if profiler is not None:
                profiler.disable()
                out = io.StringIO()
                pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(40)
                echo(out.getvalue())
        for failure in world.failures[:10]:
            echo(f"FAILED {failure}")
        if world.bot.errors:
            echo(f"handler errors: {len(world.bot.errors)}, first: {world.bot.errors[0]!r}")
        return 1 if world.failures or world.bot.errors else 0
    finally:
        await world.bot.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
