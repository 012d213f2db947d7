"""Reminders: one row per (kind, person, subject, period, offset), sent at most once."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from storage.models import Reminder, ReminderMute

# Rows a person asked for (``Ingatkan besok``): no planner plans them, so keeping the rows in
# step with the planners leaves them alone.
SNOOZE = "snooze:"

Key = tuple[str, int, str, str, str]
_CHUNK = 500  # people per lookup: well under any database's limit on bound parameters


def key_of(row: Reminder | State) -> Key:
    return row.kind, row.user_id, row.subject, row.period, row.offset


def of_kind(session: Session, *, kind: str) -> list[Reminder]:
    """Every row of ``kind``."""
    return list(session.exec(select(Reminder).where(Reminder.kind == kind)))


class State(NamedTuple):
    """A row as the engine's planning reads it: plain values, no ORM object to build."""

    id: int
    kind: str
    user_id: int
    subject: str
    period: str
    offset: str
    due_at: datetime
    sent_at: datetime | None
    skipped_at: datetime | None


_STATE = (
    col(Reminder.id),
    col(Reminder.kind),
    col(Reminder.user_id),
    col(Reminder.subject),
    col(Reminder.period),
    col(Reminder.offset),
    col(Reminder.due_at),
    col(Reminder.sent_at),
    col(Reminder.skipped_at),
)


def open_of_kinds(session: Session, *, kinds: Sequence[str]) -> list[State]:
    """The rows of ``kinds`` neither sent nor dropped: the ones that can still change."""
    rows = session.connection().execute(
        sa_select(*_STATE[:7]).where(
            col(Reminder.kind).in_(kinds),
            col(Reminder.sent_at).is_(None),
            col(Reminder.skipped_at).is_(None),
        )
    )
    return [State._make((*row, None, None)) for row in rows]  # neither sent nor dropped


def closed_among(session: Session, *, keys: Collection[Key]) -> list[State]:
    """The sent or dropped rows whose key is one of ``keys`` (looked up by kind, person,
    subject and period, a few hundred people at a time, then matched exactly)."""
    wanted = set(keys)
    found: list[State] = []
    groups: dict[str, set[int]] = {}
    for kind, user_id, *_ in wanted:
        groups.setdefault(kind, set()).add(user_id)
    for kind, people in groups.items():
        subjects = {k[2] for k in wanted if k[0] == kind}
        periods = {k[3] for k in wanted if k[0] == kind}
        ordered = sorted(people)
        for start in range(0, len(ordered), _CHUNK):
            rows = session.connection().execute(
                sa_select(*_STATE).where(
                    col(Reminder.kind) == kind,
                    col(Reminder.user_id).in_(ordered[start : start + _CHUNK]),
                    col(Reminder.subject).in_(subjects),
                    col(Reminder.period).in_(periods),
                    or_(col(Reminder.sent_at).is_not(None), col(Reminder.skipped_at).is_not(None)),
                )
            )
            found += [State._make(row) for row in rows if tuple(row[1:6]) in wanted]
    return found


def add(
    session: Session,
    *,
    key: Key,
    due_at: datetime,
    now: datetime,
    skipped: bool = False,
) -> Reminder:
    kind, user_id, subject, period, offset = key
    row = Reminder(
        kind=kind,
        user_id=user_id,
        subject=subject,
        period=period,
        offset=offset,
        due_at=due_at,
        skipped_at=now if skipped else None,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    return row


def get(session: Session, reminder_id: int) -> Reminder | None:
    return session.get(Reminder, reminder_id)


def find(session: Session, *, key: Key) -> Reminder | None:
    kind, user_id, subject, period, offset = key
    return session.exec(
        select(Reminder).where(
            Reminder.kind == kind,
            Reminder.user_id == user_id,
            Reminder.subject == subject,
            Reminder.period == period,
            Reminder.offset == offset,
        )
    ).first()


def due(session: Session, *, now: datetime, kinds: Sequence[str]) -> list[Reminder]:
    """Unsent, unskipped rows of ``kinds`` due by ``now``, oldest first."""
    return list(
        session.exec(
            select(Reminder)
            .where(
                col(Reminder.kind).in_(kinds),
                col(Reminder.sent_at).is_(None),
                col(Reminder.skipped_at).is_(None),
                col(Reminder.due_at) <= now,
            )
            .order_by(col(Reminder.due_at), col(Reminder.id))
        )
    )


def next_of(session: Session, *, user_id: int, now: datetime) -> Reminder | None:
    """A person's next reminder still to be sent (None when there is none)."""
    return session.exec(
        select(Reminder)
        .where(
            Reminder.user_id == user_id,
            col(Reminder.sent_at).is_(None),
            col(Reminder.skipped_at).is_(None),
            col(Reminder.due_at) > now,
        )
        .order_by(col(Reminder.due_at), col(Reminder.id))
    ).first()


def mark_sent(session: Session, row: Reminder, *, broadcast_id: int, now: datetime) -> None:
    row.sent_at = now
    row.broadcast_id = broadcast_id
    row.updated_at = now
    session.add(row)


def mark_skipped(session: Session, row: Reminder, *, now: datetime) -> None:
    row.skipped_at = now
    row.updated_at = now
    session.add(row)


def move(session: Session, row: Reminder, *, due_at: datetime, now: datetime) -> None:
    row.due_at = due_at
    row.updated_at = now
    session.add(row)


def is_muted(session: Session, *, user_id: int, kind: str) -> bool:
    """Whether the person chose not to receive ``kind`` (optional kinds only)."""
    found = session.exec(
        select(ReminderMute).where(ReminderMute.user_id == user_id, ReminderMute.kind == kind)
    ).first()
    return found is not None
