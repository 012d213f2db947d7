"""What each person chose about reminders (muted kinds), and their reminders still to come."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlmodel import Session, col, select

from storage.models import Reminder, ReminderMute


def muted_users(session: Session, *, kind: str) -> set[int]:
    """The people who muted ``kind``."""
    rows = session.exec(select(ReminderMute.user_id).where(ReminderMute.kind == kind))
    return set(rows)


def mutes_of(session: Session, *, user_id: int) -> set[str]:
    """The kinds one person muted."""
    rows = session.exec(select(ReminderMute.kind).where(ReminderMute.user_id == user_id))
    return set(rows)


def set_muted(session: Session, *, user_id: int, kind: str, muted: bool, now: datetime) -> bool:
    """Mute or unmute ``kind`` for one person; False when it already was so."""
    row = session.exec(
        select(ReminderMute).where(ReminderMute.user_id == user_id, ReminderMute.kind == kind)
    ).first()
    if muted and row is None:
        session.add(ReminderMute(user_id=user_id, kind=kind, created_at=now))
        return True
    if not muted and row is not None:
        session.delete(row)
        return True
    return False


def upcoming_for(
    session: Session, *, user_id: int, leave_out: Collection[str] = (), limit: int = 10
) -> list[Reminder]:
    """One person's reminders neither sent nor skipped yet, soonest first (kinds in
    ``leave_out`` aside: muted ones whose rows the engine has not dropped yet)."""
    query = (
        select(Reminder)
        .where(
            Reminder.user_id == user_id,
            col(Reminder.sent_at).is_(None),
            col(Reminder.skipped_at).is_(None),
        )
        .order_by(col(Reminder.due_at), col(Reminder.id))
        .limit(limit)
    )
    if leave_out:
        query = query.where(col(Reminder.kind).not_in(list(leave_out)))
    return list(session.exec(query))
