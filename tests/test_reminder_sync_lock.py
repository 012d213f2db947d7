"""The reminders job runs every minute: when nothing changed, its sync plans in a read
session and never takes the write lock (which every update of every user waits for), and it
does not read the rows already sent or dropped."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlmodel import Session

from bot.reminders import engine
from bot.reminders.kinds import KINDS
from storage import reminders
from tests.test_reporting_usecases import World


def count_writes(world: World) -> list[int]:
    writes = [0]
    db: Any = world.svc.db
    original = db.write

    @contextmanager
    def write() -> Iterator[Session]:
        writes[0] += 1
        with original() as session:
            yield session

    db.write = write
    return writes


def test_a_sync_with_nothing_to_change_takes_no_write_lock(tmp_path: Path) -> None:
    world = World(tmp_path)
    first = engine.sync(world.svc, KINDS)
    assert first.added > 0
    writes = count_writes(world)
    assert engine.sync(world.svc, KINDS) == engine.SyncResult()
    assert writes == [0]
    # The report comes in: the owner's reminders are dropped, in one write.
    world.submit()
    writes[0] = 0
    assert engine.sync(world.svc, KINDS).dropped > 0
    assert writes == [1]
    with world.svc.db.read() as session:
        still = reminders.open_of_kinds(session, kinds=[k.kind.value for k in KINDS])
        owners = {row.period for row in still if row.user_id == world.owner_id}
        assert owners == {"triwulanan-2", "triwulanan-3", "triwulanan-4"}
    assert engine.sync(world.svc, KINDS) == engine.SyncResult()
    assert writes == [1]


def test_a_row_sent_between_planning_and_writing_is_left_as_sent(tmp_path: Path) -> None:
    """The difference is worked out before the write lock: a row that changed in between
    (here sent) is re-checked and left alone; the others are still dropped."""
    world = World(tmp_path)
    engine.sync(world.svc, KINDS)
    world.submit()
    with world.svc.db.read() as session:
        doomed = [
            r.id
            for r in reminders.open_of_kinds(session, kinds=[k.kind.value for k in KINDS])
            if r.user_id == world.owner_id and r.period == "triwulanan-1"
        ]
    assert len(doomed) > 1
    db: Any = world.svc.db
    original = db.write

    @contextmanager
    def write() -> Iterator[Session]:
        with original() as session:  # what send_due could do between the two transactions
            row = reminders.get(session, doomed[0])
            assert row is not None
            row.sent_at = world.clock.now()
            session.add(row)
        with original() as session:
            yield session

    db.write = write
    assert engine.sync(world.svc, KINDS).dropped == len(doomed) - 1
    db.write = original
    with world.svc.db.read() as session:
        rows = [reminders.get(session, i) for i in doomed]
        states = [(r.sent_at is not None, r.skipped_at is not None) for r in rows if r]
    assert states == [(True, False)] + [(False, True)] * (len(doomed) - 1)
