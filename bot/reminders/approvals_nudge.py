"""The approval nudge: a request still pending ``KINERJA_APPROVAL_OVERDUE_DAYS`` days after it
was made is brought once more to the head and to an acting head (Plt/Plh) in force, with a
button that opens it (the approvals feature's ``ShowRequest``). Not optional.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlmodel import Session

from bot import texts as app_texts
from bot.approvals.callbacks import ShowRequest
from bot.approvals.rules import RequestStatus
from bot.core.dates import format_datetime
from bot.reminders import texts
from bot.reminders.model import (
    KindSpec,
    PlannedReminder,
    ReminderKind,
    ReminderView,
    Rendered,
    Shift,
)
from bot.reminders.recipients import deciders_on, decides_on, local_day
from bot.services import Services
from storage import approvals

SUBJECT = "request:{id}"


def plan_nudges(session: Session, svc: Services, now: datetime) -> Sequence[PlannedReminder]:
    """One nudge per pending request and decider, ``overdue_days`` after the request; the
    deciders are those in force on that day (today, when it has passed)."""
    days = svc.settings.kinerja_approval_overdue_days
    planned = []
    for request in approvals.pending(session):
        assert request.id is not None
        at = request.requested_at + timedelta(days=days)
        for decider in deciders_on(session, local_day(svc, max(at, now))):
            planned.append(
                PlannedReminder(
                    kind=ReminderKind.APPROVAL_NUDGE,
                    user_id=decider.user_id,
                    subject=SUBJECT.format(id=request.id),
                    period="",
                    offset=f"+{days}d",
                    at=at,
                    shift=Shift.LATER,
                )
            )
    return planned


def render_nudge(
    session: Session, svc: Services, reminder: ReminderView, now: datetime
) -> Rendered | None:
    """The nudge with its button; None once the request is decided or superseded, or when
    the person no longer decides today."""
    _, _, number = reminder.subject.partition(":")
    request = approvals.get_request(session, int(number)) if number.isdigit() else None
    if request is None or request.id is None or request.status != RequestStatus.PENDING:
        return None
    decider = decides_on(session, reminder.user_id, local_day(svc, now))
    if decider is None:
        return None
    zone = svc.profile.timezone
    acting = texts.NUDGE_ACTING.format(title=decider.title) if decider.title else ""
    text = texts.NUDGE.format(
        days=(now - request.requested_at).days,
        title=app_texts.esc(request.title),
        when=format_datetime(request.requested_at, zone),
        acting=acting,
    )
    show = ShowRequest(request_id=request.id).encode()
    return Rendered(text, (((texts.NUDGE_BUTTON, show),),))


APPROVAL_NUDGE = KindSpec(ReminderKind.APPROVAL_NUDGE, plan_nudges, render_nudge, optional=False)
