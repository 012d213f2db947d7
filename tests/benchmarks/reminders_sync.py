"""How much one run of the reminders' ``sync`` costs as the year goes on (issue 13, "how far
one instance goes"): N units with 2 owners each and one mapped package per area (quarterly
and the other frequencies of the test plan), a year lived week by week (sync and send every
Monday, every unit reports a few days after each deadline), then at the end of March and in
mid-December: the time of one ``sync`` when nothing changed (median of 5), the reminder rows
it loads, how long it holds the write lock, and the rows stored.

    .venv/bin/python -m tests.benchmarks.reminders_sync [--units 100]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlmodel import Session, func, select

from bot.core.roles import Role
from bot.reminders import engine
from bot.reminders.kinds import KINDS
from bot.sop.cycles import cycle
from storage import reminders, submissions, users
from storage.models import Package, Reminder
from tests.harness import WIT
from tests.test_reminder_head_scale import add_units
from tests.test_reporting_usecases import World

AREAS = ("A1", "A2", "A3", "A4")


def build(world: World, count: int) -> list[int]:
    """``count`` units with one package per area and two owners each; the package ids."""
    made = add_units(world, count, packages_each=len(AREAS), areas=AREAS)
    with world.svc.db.read() as session:
        unit_ids = [session.get(Package, ids[0]).unit_id for ids in made]  # type: ignore[union-attr]
    for number, unit_id in enumerate(unit_ids):
        for k in range(2):
            world._person(100_000 + 10 * number + k, Role.PJ, unit_id)
    return [package_id for ids in made for package_id in ids]


def report_all(world: World, package_ids: list[int], period_key: str) -> None:
    now = world.clock.now()
    with world.svc.db.write() as session:
        owner = users.get_user(session, world.owner_id)
        assert owner is not None
        done = submissions.reported(session, cycle_id=world.cycle_id)
        for package_id in package_ids:
            if (package_id, period_key) in done:
                continue
            submissions.submit(
                session,
                cycle_id=world.cycle_id,
                package_id=package_id,
                period_key=period_key,
                values={},
                actions=[],
                constraints="",
                evidence=[],
                via="bot",
                late=False,
                owner=owner,
                now=now,
            )


def live_until(world: World, package_ids: list[int], until: datetime, start: datetime) -> datetime:
    """Every Monday 09.00 WIT from ``start`` to ``until``: sync, send, and report every
    period whose deadline passed three days ago or more."""
    periods = cycle(world.svc, 2027).periods
    day = start
    while day <= until:
        world.clock.set(day)
        engine.sync(world.svc, KINDS)
        engine.send_due(world.svc, KINDS)
        for period in periods:
            if period.deadline + timedelta(days=3) <= day:
                report_all(world, package_ids, period.key)
        day += timedelta(days=7)
    world.clock.set(until)
    engine.sync(world.svc, KINDS)
    return day


class Meter:
    """Counts the reminder rows the engine's sync loads (whichever storage functions it
    uses: ``of_kind`` before, ``open_of_kinds`` and ``closed_among`` now) and the time spent
    inside write transactions."""

    def __init__(self, world: World) -> None:
        self.loaded = 0
        self.locked = 0.0
        for name in ("of_kind", "open_of_kinds", "closed_among"):
            if hasattr(reminders, name):
                setattr(reminders, name, self._counting(getattr(reminders, name)))
        db: Any = world.svc.db
        original = db.write

        @contextmanager
        def write() -> Iterator[Session]:
            began = time.perf_counter()
            with original() as session:
                yield session
            self.locked += time.perf_counter() - began

        db.write = write

    def _counting(self, load: Any) -> Any:
        def counted(*args: Any, **kwargs: Any) -> Any:
            found = load(*args, **kwargs)
            self.loaded += len(found)
            return found

        return counted

    def measure(self, world: World) -> tuple[float, int, float]:
        times = []
        self.loaded, self.locked = 0, 0.0
        for _ in range(5):
            began = time.process_time()
            engine.sync(world.svc, KINDS)
            times.append(time.process_time() - began)
        return statistics.median(times), self.loaded // 5, self.locked / 5


def stored(world: World) -> int:
    with world.svc.db.read() as session:
        return int(session.exec(select(func.count()).select_from(Reminder)).one())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        world = World(Path(folder))
        package_ids = build(world, args.units)
        meter = Meter(world)
        day = datetime(2027, 1, 4, 9, tzinfo=WIT)
        print(f"{args.units} units, {2 * args.units} owners, {len(package_ids)} packages")
        for label, until in (
            ("31 March", datetime(2027, 3, 31, 9, tzinfo=WIT)),
            ("15 December", datetime(2027, 12, 15, 9, tzinfo=WIT)),
        ):
            day = live_until(world, package_ids, until, day)
            cpu, loaded, locked = meter.measure(world)
            print(
                f"{label}: {stored(world)} reminder rows stored; one sync: "
                f"{cpu * 1000:.0f} ms CPU, {loaded} rows loaded, "
                f"write lock held {locked * 1000:.0f} ms"
            )


if __name__ == "__main__":
    main()
