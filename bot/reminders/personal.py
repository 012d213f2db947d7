"""A person's own reminders: snoozing one (Ingatkan besok) and the next one (/jadwal)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from bot.reminders.model import ReminderKind
from bot.reminders.rules import WorkingTime, next_working_morning
from bot.reporting.render import period_label
from bot.reporting.usecases.common import find_period
from bot.services import Services
from bot.sop.cycles import cycle
from storage import reminders


class SnoozeOutcome(Enum):
    SNOOZED = "snoozed"
    ALREADY = "already"  # snoozed before, or itself a snoozed reminder
    GONE = "gone"  # not this person's, not sent, or unknown


@dataclass(frozen=True)
class Snoozed:
    outcome: SnoozeOutcome
    due_at: datetime | None = None


def snooze(svc: Services, *, user_id: int, reminder_id: int) -> Snoozed:
    """Plan the sent reminder once more at the configured hour of the next working day;
    at most once per reminder (the snoozed copy's key is the reminder's with ``snooze:``)."""
    now = svc.now()
    with svc.db.write() as session:
        row = reminders.get(session, reminder_id)
        if row is None or row.user_id != user_id or row.sent_at is None:
            return Snoozed(SnoozeOutcome.GONE)
        if row.offset.startswith(reminders.SNOOZE):
            return Snoozed(SnoozeOutcome.ALREADY)
        key = (row.kind, row.user_id, row.subject, row.period, reminders.SNOOZE + row.offset)
        if reminders.find(session, key=key) is not None:
            return Snoozed(SnoozeOutcome.ALREADY)
        working = WorkingTime.of(svc.profile)
        due_at = next_working_morning(now, working, svc.profile.reminders.hour)
        reminders.add(session, key=key, due_at=due_at, now=now)
    return Snoozed(SnoozeOutcome.SNOOZED, due_at)


@dataclass(frozen=True)
class NextReminder:
    """A person's next reminder: when, of which kind, and the reporting period it is about
    (``Triwulan I 2027``; "" when it is about none)."""

    due_at: datetime
    kind: ReminderKind
    period_label: str


def next_reminder(svc: Services, *, user_id: int) -> NextReminder | None:
    """The person's next reminder still to be sent (None when none is planned)."""
    with svc.db.read() as session:
        row = reminders.next_of(session, user_id=user_id, now=svc.now())
        if row is None:
            return None
        due_at, kind, subject = row.due_at, ReminderKind(row.kind), row.subject
    year, _, key = subject.partition(":")
    period = find_period(cycle(svc, int(year)), key) if year.isdigit() else None
    label = period_label(int(year), period) if period is not None else ""
    return NextReminder(due_at, kind, label)
