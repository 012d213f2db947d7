"""The reminders engine: keeps the stored rows in step with every kind's planner and sends
what is due through the outbox, at most once.

``sync`` plans in a read session and takes the write lock only to apply a difference (see
``sync``). It inserts the reminders planned for the first time, moves unsent ones whose moment
changed (a deadline moved, the profile's working time changed), brings back unsent ones
planned again after they were dropped (a returned report), and drops (``skipped_at``) unsent
ones no longer planned (the report was sent, the owner deactivated). A reminder whose moment
had already passed when it was first planned is stored as dropped: an owner added in April
gets no January reminders.

``send_due`` runs only in working time. It takes the due rows in one write transaction (the
write lock: ``BEGIN IMMEDIATE`` on SQLite, an advisory lock on PostgreSQL; two overlapping runs
or a second process wait for it, then find the rows sent), words each at the moment of
sending, puts one single-recipient broadcast into the outbox and records it on the row in that
same transaction; the unique key on the rows keeps any reminder from existing twice. A crash
before the commit leaves everything as it was (sent after the restart); after it, the outbox
delivers. Of several reminders of one person about one subject and period that fell due
together (the bot was down), only the newest is sent, and none when another of them is still
to come later the same day.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, time

from sqlmodel import Session

from bot.reminders.model import KindSpec, PlannedReminder, ReminderKind, ReminderView
from bot.reminders.rules import WorkingTime, in_working_time, into_working_time
from bot.services import Services
from storage import outbox, reminders, users
from storage.models import Reminder

logger = logging.getLogger(__name__)

BROADCAST_KIND = "pengingat"


@dataclass(frozen=True)
class SyncResult:
    added: int = 0
    moved: int = 0
    dropped: int = 0


@dataclass(frozen=True)
class SendResult:
    sent: int = 0
    skipped: int = 0


def _key(planned: PlannedReminder) -> reminders.Key:
    return planned.kind.value, planned.user_id, planned.subject, planned.period, planned.offset


@dataclass(frozen=True)
class _Changes:
    """What one sync must write, worked out in a read session: the rows to add (key, due
    moment, already past), and per row id the state it was read in with what to do."""

    adds: list[tuple[reminders.Key, datetime, bool]] = field(default_factory=list)
    moves: list[tuple[int, datetime, bool, datetime]] = field(default_factory=list)
    drops: list[tuple[int, datetime]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.adds or self.moves or self.drops)


def sync(svc: Services, kinds: Sequence[KindSpec]) -> SyncResult:
    """Keep the stored reminders of ``kinds`` in step with their planners.

    The planners run and the difference is worked out in a read session, reading only the
    rows that can still change (neither sent nor dropped) and, of the others, only those
    planned again; the write lock is taken only when something changes, and each change is
    applied only if its row is still as it was read (else the next minute's run redoes it)."""
    now = svc.now()
    with svc.db.read() as session:
        changes = _changes(session, svc, kinds, now)
    if not changes:
        return SyncResult()
    with svc.db.write() as session:
        return _apply(session, changes, now)


def _changes(session: Session, svc: Services, kinds: Sequence[KindSpec], now: datetime) -> _Changes:
    working = WorkingTime.of(svc.profile)
    changes = _Changes()
    open_rows: dict[str, list[reminders.State]] = {}
    for state in reminders.open_of_kinds(session, kinds=[spec.kind.value for spec in kinds]):
        open_rows.setdefault(state.kind, []).append(state)
    # A planner may serve several kinds (the owners' before and after a deadline): it runs
    # once, and each kind keeps what is its own.
    plans: dict[int, Sequence[PlannedReminder]] = {}
    for spec in kinds:
        if id(spec.planner) not in plans:
            plans[id(spec.planner)] = spec.planner(session, svc, now)
        planned = {
            _key(p): into_working_time(p.at, working, p.shift)
            for p in plans[id(spec.planner)]
            if p.kind is spec.kind
        }
        stored = {reminders.key_of(r): r for r in open_rows.get(spec.kind.value, [])}
        rest = [key for key in planned if key not in stored]
        stored.update((reminders.key_of(r), r) for r in reminders.closed_among(session, keys=rest))
        for key, due_at in planned.items():
            row = stored.get(key)
            if row is None:
                changes.adds.append((key, due_at, due_at < now))
            elif row.sent_at is None and _moves(row, due_at, now):
                changes.moves.append((row.id, row.due_at, row.skipped_at is None, due_at))
        for key, row in stored.items():
            if key in planned or row.sent_at is not None or row.skipped_at is not None:
                continue
            if not row.offset.startswith(reminders.SNOOZE):
                changes.drops.append((row.id, row.due_at))
    return changes


def _moves(row: reminders.State, due_at: datetime, now: datetime) -> bool:
    """Whether an unsent row goes to its planned moment: a dropped one comes back while its
    moment is still ahead; a waiting one moves when its moment changed."""
    if row.skipped_at is not None:
        return due_at > now
    return row.due_at != due_at


def _unchanged(row: Reminder | None, due_at: datetime, waiting: bool) -> bool:
    """Whether ``row`` is still unsent, waiting (or dropped) and due at ``due_at``."""
    return (
        row is not None
        and row.sent_at is None
        and (row.skipped_at is None) == waiting
        and row.due_at == due_at
    )


def _apply(session: Session, changes: _Changes, now: datetime) -> SyncResult:
    added = moved = dropped = 0
    for key, due_at, past in changes.adds:
        if reminders.find(session, key=key) is None:
            reminders.add(session, key=key, due_at=due_at, now=now, skipped=past)
            added += 1
    for row_id, was_due, waiting, due_at in changes.moves:
        row = reminders.get(session, row_id)
        if row is not None and _unchanged(row, was_due, waiting):
            row.skipped_at = None
            reminders.move(session, row, due_at=due_at, now=now)
            moved += 1
    for row_id, was_due in changes.drops:
        row = reminders.get(session, row_id)
        if row is not None and _unchanged(row, was_due, True):
            reminders.mark_skipped(session, row, now=now)
            dropped += 1
    return SyncResult(added, moved, dropped)


def send_due(svc: Services, kinds: Sequence[KindSpec]) -> SendResult:
    """Send every due reminder of ``kinds`` once, worded now, through the outbox. Outside
    working time nothing goes out: what fell due while the bot was down over a weekend waits
    for Monday's working hours."""
    now = svc.now()
    if not in_working_time(now, WorkingTime.of(svc.profile)):
        return SendResult()
    specs = {spec.kind.value: spec for spec in kinds}
    sent = skipped = 0
    # Rows due later today count too: a reminder that fell due while the bot was down gives
    # way to one of the same subject still coming today (one message, not two).
    end_of_day = datetime.combine(
        now.astimezone(svc.profile.timezone).date(), time.max, tzinfo=svc.profile.timezone
    )
    with svc.db.write() as session:
        groups: dict[tuple[int, str, str], list[Reminder]] = {}
        for row in reminders.due(session, now=end_of_day, kinds=list(specs)):
            groups.setdefault((row.user_id, row.subject, row.period), []).append(row)
        for rows in groups.values():
            # The newest wins; at the same moment, the planned one over a snoozed one.
            *older, newest = sorted(
                rows, key=lambda r: (r.due_at, not r.offset.startswith(reminders.SNOOZE), r.id)
            )
            if newest.due_at > now:
                older = [row for row in older if row.due_at <= now]
            for row in older:
                reminders.mark_skipped(session, row, now=now)
            skipped += len(older)
            if newest.due_at > now:
                continue
            if _send(session, svc, specs[newest.kind], newest, now):
                sent += 1
            else:
                reminders.mark_skipped(session, newest, now=now)
                skipped += 1
    return SendResult(sent, skipped)


def _send(session: Session, svc: Services, spec: KindSpec, row: Reminder, now: datetime) -> bool:
    """Word ``row`` and put it into the outbox; False when it is not sent (the person is
    deactivated or muted the kind, or the renderer says it is no longer needed)."""
    user = users.get_user(session, row.user_id)
    if user is None or not user.active or row.id is None:
        return False
    if spec.optional and reminders.is_muted(session, user_id=user.id or 0, kind=row.kind):
        return False
    view = ReminderView(
        id=row.id,
        kind=ReminderKind(row.kind),
        user_id=row.user_id,
        subject=row.subject,
        period=row.period,
        offset=row.offset,
        due_at=row.due_at,
    )
    try:
        rendered = spec.renderer(session, svc, view, now)
    except Exception:  # one reminder that cannot be worded must not stop all the others
        logger.exception("reminder %s could not be worded; dropped", row.id)
        return False
    if rendered is None:
        return False
    broadcast = outbox.create_broadcast(
        session,
        kind=BROADCAST_KIND,
        ref_id=row.id,
        text=rendered.text,
        recipients=[(user.id, user.telegram_id)],
        now=now,
        buttons=rendered.buttons,
    )
    assert broadcast.id is not None
    reminders.mark_sent(session, row, broadcast_id=broadcast.id, now=now)
    return True
