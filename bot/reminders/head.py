"""The head's weekly summary: Monday 08:00 WIT, for the head and an acting head (Plt/Plh) in
force: for each current period the totals (units, reports due, sent, late, verified), the
units behind (not every report sent, or late) least sent first, how many are complete, and
the decisions waiting. One message at any size: the lists are capped so that it fits.
Optional (a person may mute it in /pengingat)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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
from bot.reminders.standing import UnitStanding, is_over, period_standing
from bot.reporting.rules import ReportingPeriod, current_or_last_period
from bot.services import Services
from bot.sop.cycles import CycleView, reporting_cycles
from bot.ui.fit import first_that_fits
from storage import approvals, reminder_prefs
from storage.models import ApprovalRequest

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


@dataclass(frozen=True)
class _Section:
    """One reporting period of the summary: its heading and where each unit stands."""

    heading: str
    standings: tuple[UnitStanding, ...]
    over: bool


def _sections(session: Session, svc: Services, now: datetime) -> list[_Section]:
    found = []
    for view in reporting_cycles(svc):
        current = current_or_last_period(view.periods, now)
        if current is None:
            continue
        # December closes a month, a quarter, a semester and the year at once: all of them.
        for period in (p for p in view.periods if p.end == current.end):
            found.append(_section(session, svc, view, period, now))
    return found


def _section(
    session: Session, svc: Services, view: CycleView, period: ReportingPeriod, now: datetime
) -> _Section:
    over = is_over(period, now)
    heading = texts.WEEKLY_PERIOD.format(
        period=period.label,
        year=view.year,
        deadline=format_datetime(period.deadline, svc.profile.timezone),
        state=texts.WEEKLY_PERIOD_OVER if over else texts.WEEKLY_PERIOD_OPEN,
    )
    return _Section(heading, tuple(period_standing(session, view, period)), over)


def _late(s: UnitStanding, over: bool) -> int:
    """Reports sent late, and once the deadline has passed, the missing ones too."""
    return s.late + (s.missing if over else 0)


def _section_lines(section: _Section, cap: int) -> list[str]:
    """The period's totals (when it has more than one unit), then the units behind (not
    every report sent, or late), the least sent first, at most ``cap`` of them, and how many
    units are complete."""
    standings, over = section.standings, section.over
    if not standings:
        return [section.heading, texts.WEEKLY_NO_UNITS]
    lines = [section.heading]
    if len(standings) > 1:
        lines.append(
            texts.WEEKLY_TOTALS.format(
                units=len(standings),
                sent=sum(s.sent for s in standings),
                due=sum(s.due for s in standings),
                late=sum(_late(s, over) for s in standings),
                verified=sum(s.verified for s in standings),
            )
        )
    behind = sorted(
        (s for s in standings if s.missing or _late(s, over)),
        key=lambda s: (s.sent / s.due, -_late(s, over), s.name),
    )
    lines += [
        texts.WEEKLY_UNIT_LINE.format(
            unit=app_texts.esc(s.name),
            sent=s.sent,
            due=s.due,
            late=_late(s, over),
            verified=s.verified,
        )
        for s in behind[:cap]
    ]
    if len(behind) > cap:
        lines.append(texts.WEEKLY_MORE_BEHIND.format(count=len(behind) - cap))
    if len(standings) > len(behind):
        lines.append(texts.WEEKLY_COMPLETE.format(count=len(standings) - len(behind)))
    return lines


def _decision_lines(svc: Services, waiting: Sequence[ApprovalRequest], cap: int) -> list[str]:
    if not waiting:
        return [texts.WEEKLY_NO_DECISIONS]
    zone = svc.profile.timezone
    lines = [texts.WEEKLY_DECISIONS.format(count=len(waiting))] + [
        texts.WEEKLY_DECISION_LINE.format(
            title=app_texts.esc(r.title), when=format_datetime(r.requested_at, zone)
        )
        for r in waiting[:cap]
    ]
    if len(waiting) > cap:
        lines.append(texts.WEEKLY_MORE_DECISIONS.format(count=len(waiting) - cap))
    return lines


def weekly_text(session: Session, svc: Services, decider: Decider, now: datetime) -> str:
    """The summary as it stands at ``now``: always one message, however many units (a
    province's 200 OPD too). The lines about single units and decisions are capped, and the
    cap shrinks until the whole fits; the totals and the counts left out always show."""
    head = [texts.WEEKLY_HEADER.format(today=format_date(local_day(svc, now)))]
    if decider.title:
        head.append(texts.WEEKLY_ACTING.format(title=decider.title))
    sections = _sections(session, svc, now)
    waiting = list(approvals.pending(session))

    def worded(cap: int) -> str:
        lines = list(head)
        for section in sections:
            lines += _section_lines(section, cap)
        lines += [] if sections else [texts.WEEKLY_NO_PERIOD]
        lines += _decision_lines(svc, waiting, cap)
        return "\n".join(lines)

    return first_that_fits(worded)


def render_weekly(
    session: Session, svc: Services, reminder: ReminderView, now: datetime
) -> Rendered | None:
    """The summary; None when the person no longer decides for the head, or muted it."""
    decider = decides_on(session, reminder.user_id, local_day(svc, now))
    if decider is None or KIND in reminder_prefs.mutes_of(session, user_id=reminder.user_id):
        return None
    return Rendered(weekly_text(session, svc, decider, now))


HEAD_WEEKLY = KindSpec(KIND, plan_weekly, render_weekly, optional=True)
