"""The head's weekly summary: Monday 08:00 WIT, for the head and an acting head (Plt/Plh) in
force: per unit, how many reports of the current periods were sent, late and verified, and
the decisions waiting. Optional (a person may mute it in /pengingat)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from sqlmodel import Session

from bot import texts as app_texts
from bot.core.dates import format_date, format_datetime
from bot.reminders import texts
from bot.reminders.model import (
    KindSpec,
    PlannedReminder,
    ReminderKind,
    ReminderView,
    Rendered,
    Shift,
)
from bot.reminders.recipients import Decider, deciders_on, decides_on, local_at, local_day
from bot.reminders.standing import is_over, period_standing
from bot.reporting.rules import ReportingPeriod, current_or_last_period
from bot.services import Services
from bot.sop.cycles import CycleView, reporting_cycles
from storage import approvals, reminder_prefs

KIND = ReminderKind.HEAD_WEEKLY
SUBJECT = "week"
# This week's summary is still planned this long after Monday 08:00, so a bot that was down
# on Monday (or a Monday holiday) still sends it once; someone named later in the week waits
# for the next Monday.
LATE_GRACE = timedelta(days=2)


def week_key(monday: date) -> str:
    """``2027-W02``: the ISO week of a Monday."""
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def _mondays(svc: Services, now: datetime) -> list[date]:
    today = local_day(svc, now)
    this = today - timedelta(days=today.weekday())
    found = [this + timedelta(days=7)]
    if now < local_at(svc, this) + LATE_GRACE:
        found.insert(0, this)
    return found


def plan_weekly(session: Session, svc: Services, now: datetime) -> Sequence[PlannedReminder]:
    """This week's summary (while it is early in the week) and next week's, for everyone
    deciding for the head that Monday (today, when Monday has passed), unless muted."""
    muted = reminder_prefs.muted_users(session, kind=KIND)
    today = local_day(svc, now)
    planned = []
    for monday in _mondays(svc, now):
        for decider in deciders_on(session, max(monday, today)):
            if decider.user_id in muted:
                continue
            planned.append(
                PlannedReminder(
                    kind=KIND,
                    user_id=decider.user_id,
                    subject=SUBJECT,
                    period=week_key(monday),
                    offset="0d",
                    at=local_at(svc, monday),
                    shift=Shift.LATER,
                )
            )
    return planned


def _period_lines(session: Session, svc: Services, now: datetime) -> list[str]:
    lines = []
    for view in reporting_cycles(svc):
        current = current_or_last_period(view.periods, now)
        if current is None:
            continue
        # December closes a month, a quarter, a semester and the year at once: all of them.
        for period in (p for p in view.periods if p.end == current.end):
            lines += _standing_lines(session, svc, view, period, now)
    return lines or [texts.WEEKLY_NO_PERIOD]


def _standing_lines(
    session: Session, svc: Services, view: CycleView, period: ReportingPeriod, now: datetime
) -> list[str]:
    over = is_over(period, now)
    heading = texts.WEEKLY_PERIOD.format(
        period=period.label,
        year=view.year,
        deadline=format_datetime(period.deadline, svc.profile.timezone),
        state=texts.WEEKLY_PERIOD_OVER if over else texts.WEEKLY_PERIOD_OPEN,
    )
    units = [
        texts.WEEKLY_UNIT_LINE.format(
            unit=app_texts.esc(s.name),
            sent=s.sent,
            due=s.due,
            late=s.late + (s.missing if over else 0),
            verified=s.verified,
        )
        for s in period_standing(session, view, period)
    ]
    return [heading, *(units or [texts.WEEKLY_NO_UNITS])]


def _decision_lines(session: Session, svc: Services) -> list[str]:
    waiting = approvals.pending(session)
    if not waiting:
        return [texts.WEEKLY_NO_DECISIONS]
    zone = svc.profile.timezone
    return [texts.WEEKLY_DECISIONS.format(count=len(waiting))] + [
        texts.WEEKLY_DECISION_LINE.format(
            title=app_texts.esc(r.title), when=format_datetime(r.requested_at, zone)
        )
        for r in waiting
    ]


def weekly_text(session: Session, svc: Services, decider: Decider, now: datetime) -> str:
    """The summary as it stands at ``now``."""
    lines = [texts.WEEKLY_HEADER.format(today=format_date(local_day(svc, now)))]
    if decider.title:
        lines.append(texts.WEEKLY_ACTING.format(title=decider.title))
    lines += _period_lines(session, svc, now)
    lines += _decision_lines(session, svc)
    return "\n".join(lines)


def render_weekly(
    session: Session, svc: Services, reminder: ReminderView, now: datetime
) -> Rendered | None:
    """The summary; None when the person no longer decides for the head, or muted it."""
    decider = decides_on(session, reminder.user_id, local_day(svc, now))
    if decider is None or KIND in reminder_prefs.mutes_of(session, user_id=reminder.user_id):
        return None
    return Rendered(weekly_text(session, svc, decider, now))


HEAD_WEEKLY = KindSpec(KIND, plan_weekly, render_weekly, optional=True)
