"""Telegram update ids already taken, so an update delivered twice is processed once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from storage.models import ProcessedUpdate


def taken(session: Session, update_id: int) -> bool:
    """Whether ``update_id`` was recorded (its update was processed)."""
    return session.get(ProcessedUpdate, update_id) is not None


def highest(session: Session) -> int:
    """The highest update id recorded (-1 when none): Telegram's ids grow, so an id above it
    was not processed before this process started."""
    found = session.exec(select(func.max(ProcessedUpdate.update_id))).one()
    return -1 if found is None else int(found)


def claim(session: Session, *, update_id: int, now: datetime) -> bool:
    """Record ``update_id`` as taken; False when it was recorded already."""
    if session.get(ProcessedUpdate, update_id) is not None:
        return False
    session.add(ProcessedUpdate(update_id=update_id, processed_at=now))
    return True


def prune(session: Session, *, before: datetime) -> None:
    """Forget ids taken before ``before`` (Telegram redelivers for a day at most)."""
    session.exec(delete(ProcessedUpdate).where(col(ProcessedUpdate.processed_at) < before))
