"""The team's digest: for every active team member, 08:00 WIT on the day after each reporting
deadline (``Shift.LATER``: the first working morning): units and owners still missing
reports, reports waiting for verification, circulars not acknowledged and invitations not
answered before an event still ahead. Optional (a person may mute it in /pengingat). One
message at any size: the units (most missing first) and names are capped until it fits, with
how many were left out.

Periods that share a deadline (March and the first quarter) share one digest: its subject
is the cycle's year and the deadline's date, its period the first of them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta

from sqlmodel import Session

from bot import texts as app_texts
from bot.core.dates import format_date, format_datetime
from bot.core.roles import Role
from bot.letters.kinds import LetterKind
from bot.outreach.usecases.delivery import Copy, circular_delivery, invitation_responses
from bot.reminders import texts
from bot.reminders.events import Event, upcoming_events
from bot.reminders.model import (
    KindSpec,
    PlannedReminder,
    ReminderKind,
    ReminderView,
    Rendered,
    Shift,
)
from bot.reminders.recipients import active_of_role, is_active, local_at, local_day
from bot.reminders.standing import UnitStanding, period_standing
from bot.reporting.rules import ReportingPeriod
from bot.services import Services
from bot.sop.cycles import CycleView, cycle, reporting_cycles
from bot.ui.fit import first_that_fits
from storage import letters, reminder_prefs, submissions

KIND = ReminderKind.TEAM_DIGEST
# Deadlines further back are not planned any more (a team member registered in June gets
# no digest about January); a digest the bot missed while down is still sent.
LOOKBACK = timedelta(days=14)


def _by_deadline(svc: Services, view: CycleView) -> dict[date, list[ReportingPeriod]]:
    found: dict[date, list[ReportingPeriod]] = {}
    for period in view.periods:
        found.setdefault(local_day(svc, period.deadline), []).append(period)
    return found


def plan_digests(session: Session, svc: Services, now: datetime) -> Sequence[PlannedReminder]:
    """One digest per deadline of every reporting cycle and team member, unless muted."""
    team = [u.id for u in active_of_role(session, Role.TIM, muting=KIND) if u.id is not None]
    planned = []
    for view in reporting_cycles(svc):
        for day, periods in _by_deadline(svc, view).items():
            if periods[0].deadline < now - LOOKBACK:
                continue
            planned += [
                PlannedReminder(
                    kind=KIND,
                    user_id=user_id,
                    subject=f"{view.year}:{day.isoformat()}",
                    period=periods[0].key,
                    offset="+1d",
                    at=local_at(svc, day + timedelta(days=1)),
                    shift=Shift.LATER,
                )
                for user_id in team
            ]
    return planned


Late = list[tuple[UnitStanding, ReportingPeriod]]
Worded = Callable[[int], str]


def _late(session: Session, view: CycleView, periods: list[ReportingPeriod]) -> Late:
    """The units that have not sent everything, most missing first."""
    late = [
        (s, period)
        for period in periods
        for s in period_standing(session, view, period)
        if s.missing
    ]
    return sorted(late, key=lambda found: (-found[0].missing, found[0].name))


def _late_lines(late: Late, periods: list[ReportingPeriod], cap: int) -> list[str]:
    """Those units, at most ``cap`` of them, and how many more."""
    if not late:
        return [texts.DIGEST_ALL_IN]
    lines = [texts.DIGEST_LATE_HEADER.format(count=len(late))]
    for s, period in late[:cap]:
        owners = ", ".join(app_texts.esc(o) for o in s.owners) or texts.DIGEST_NO_OWNER
        unit = s.name if len(periods) == 1 else f"{s.name} ({period.label})"
        lines.append(
            texts.DIGEST_LATE_LINE.format(
                unit=app_texts.esc(unit), missing=s.missing, due=s.due, owners=owners
            )
        )
    if len(late) > cap:
        lines.append(texts.DIGEST_MORE_LATE.format(count=len(late) - cap))
    return lines


def _names(copies: Sequence[Copy], cap: int) -> str:
    named = [c for c in copies if c.name is not None]
    text = ", ".join(
        texts.DIGEST_NAME.format(name=app_texts.esc(c.name), unit=app_texts.esc(c.unit))
        for c in named[:cap]
    )
    if len(named) > cap:
        text += texts.DIGEST_MORE_NAMES.format(count=len(named) - cap)
    return text


def _outreach_lines(session: Session, svc: Services, now: datetime) -> list[Worded]:
    """The circular's and the upcoming invitations' silent recipients, each line worded
    with at most ``cap`` names."""
    lines: list[Worded] = []
    for view in reporting_cycles(svc):
        if view.cycle_id is None:
            continue
        letter = letters.latest_letter(session, cycle_id=view.cycle_id, kind=LetterKind.CIRCULAR)
        delivery = None if letter is None else circular_delivery(session, letter=letter)
        silent = [] if delivery is None else [c for c in delivery.copies if c.silent]
        if silent:
            lines.append(functools.partial(_circular_line, silent))
    for event in upcoming_events(session, svc, now):
        letter = letters.get_letter(session, event.letter_id)
        answers = None if letter is None else invitation_responses(session, letter=letter, now=now)
        silent = [] if answers is None else [c for c in answers.copies if c.silent]
        if silent:
            lines.append(functools.partial(_rsvp_line, event, silent))
    return lines


def _circular_line(silent: Sequence[Copy], cap: int) -> str:
    return texts.DIGEST_CIRCULAR.format(count=len(silent), names=_names(silent, cap))


def _rsvp_line(event: Event, silent: Sequence[Copy], cap: int) -> str:
    return texts.DIGEST_RSVP.format(
        event=app_texts.esc(event.agenda),
        when=format_date(event.day),
        count=len(silent),
        names=_names(silent, cap),
    )


def _waiting(session: Session, svc: Services) -> int:
    return sum(
        len(submissions.queue(session, cycle_id=view.cycle_id))
        for view in reporting_cycles(svc)
        if view.cycle_id is not None
    )


def _subject(svc: Services, subject: str) -> tuple[CycleView, list[ReportingPeriod]] | None:
    """The cycle and the periods of a digest's subject (``2027:2027-04-12``), while the
    cycle still takes reports; None otherwise."""
    year, _, day = subject.partition(":")
    try:
        deadline_day = date.fromisoformat(day)
    except ValueError:
        return None
    view = cycle(svc, int(year)) if year.isdigit() else None
    if view is None or view.facts.closed or view.plan is None:
        return None
    periods = _by_deadline(svc, view).get(deadline_day, [])
    return (view, periods) if periods else None


def render_digest(
    session: Session, svc: Services, reminder: ReminderView, now: datetime
) -> Rendered | None:
    """The digest as things stand at ``now``; None when the person left the team or muted
    it, or the cycle no longer takes reports."""
    if not is_active(session, reminder.user_id, Role.TIM):
        return None
    if KIND in reminder_prefs.mutes_of(session, user_id=reminder.user_id):
        return None
    found = _subject(svc, reminder.subject)
    if found is None:
        return None
    view, periods = found
    header = texts.DIGEST_HEADER.format(
        period=app_texts.esc(", ".join(p.label for p in periods)),
        year=view.year,
        deadline=format_datetime(periods[0].deadline, svc.profile.timezone),
    )
    waiting = _waiting(session, svc)
    outreach = _outreach_lines(session, svc, now)
    late = _late(session, view, periods)

    def worded(cap: int) -> str:
        lines = [header, *_late_lines(late, periods, cap)]
        lines.append(
            texts.DIGEST_WAITING.format(count=waiting) if waiting else texts.DIGEST_NOTHING_WAITING
        )
        lines += [line(cap) for line in outreach]
        return "\n".join(lines)

    # One message at any size (a province's 200 OPD): the lists shrink until it fits.
    return Rendered(first_that_fits(worded))


TEAM_DIGEST = KindSpec(KIND, plan_digests, render_digest, optional=True)
