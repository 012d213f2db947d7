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
