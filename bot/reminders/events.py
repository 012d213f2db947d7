"""Event reminders: whoever answered "Hadir" or "Diwakilkan" to a signed socialisation
invitation is reminded at 08:00 WIT on the working day before and two hours before it
starts (both before the event: ``Shift.EARLIER``). The wording names the event, its date,
time and place, and says "besok" or "hari ini" as it is at the moment it is sent.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlmodel import Session

from bot import texts as app_texts
from bot.core.dates import format_date, is_working_day
from bot.letters.documents import InvitationContent
from bot.letters.documents.content import content_from_json
from bot.letters.kinds import LetterKind, LetterStatus
from bot.outreach.callbacks import RsvpAnswer
from bot.reminders import texts
from bot.reminders.model import (
    KindSpec,
    PlannedReminder,
    ReminderKind,
    ReminderView,
    Rendered,
    Shift,
)
from bot.reminders.recipients import local_at, local_day
from bot.services import Services
from storage import letters as store
from storage import outbox, users
from storage.models import Letter

ATTENDING = (RsvpAnswer.PRESENT.value, RsvpAnswer.REPRESENTED.value)
BEFORE_START = timedelta(hours=2)
DAY_BEFORE, HOURS_BEFORE = "-1d", "-2h"
# The start as the invitation wizard writes it ("09.00 WIT s.d. selesai"), or typed "13:30".
_START = re.compile(r"^\s*(\d{1,2})[.:](\d{2})")


@dataclass(frozen=True)
class Event:
    """A signed socialisation invitation: what, when (``start`` None when its time does not
    start with a clock time) and where, and the broadcast its answers are kept on."""

    letter_id: int
    broadcast_id: int
    agenda: str
    day: date
    time_text: str
    place: str
    start: datetime | None


def start_of(svc: Services, day: date, time_text: str) -> datetime | None:
    """The local start of an event from its time text; None when it names no clock time."""
    match = _START.match(time_text)
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        return None
    return datetime.combine(day, time(hour, minute), tzinfo=svc.profile.timezone)


def event_of(session: Session, svc: Services, letter: Letter | None) -> Event | None:
    """The event of a signed, sent invitation; None for any other letter."""
    if letter is None or letter.id is None or letter.broadcast_id is None:
        return None
    if letter.kind != LetterKind.INVITATION or letter.status != LetterStatus.SIGNED:
        return None
    content = content_from_json(LetterKind.INVITATION, letter.content_json)
    assert isinstance(content, InvitationContent)
    start = start_of(svc, content.day, content.time_text)
    return Event(
        letter.id,
        letter.broadcast_id,
        content.agenda,
        content.day,
        content.time_text,
        content.place,
        start,
    )


def is_ahead(svc: Services, event: Event, now: datetime) -> bool:
    """Whether the event has not started yet (not yet its day, when its time is unknown)."""
    if event.start is not None:
        return now < event.start
    return local_day(svc, now) <= event.day


def upcoming_events(session: Session, svc: Services, now: datetime) -> list[Event]:
    """The signed, sent invitations whose event is still ahead, soonest first (a cycle may
    hold more than one socialisation)."""
    found = []
    for letter in store.signed_and_sent(session, kind=LetterKind.INVITATION):
        event = event_of(session, svc, letter)
        if event is not None and is_ahead(svc, event, now):
            found.append(event)
    return sorted(found, key=lambda e: (e.day, e.letter_id))


def attendees(session: Session, event: Event) -> list[tuple[int, str]]:
    """(user id, answer) of the active people who will come or send someone."""
    active = {u.id for u in users.list_users(session) if u.active}
    return [
        (item.user_id, item.response)
        for item in outbox.items_of(session, broadcast_id=event.broadcast_id)
        if item.user_id in active and item.user_id is not None and item.response in ATTENDING
    ]


def _working_day_before(svc: Services, day: date) -> date:
    before = day - timedelta(days=1)
    while not is_working_day(before, svc.profile.holidays):
        before -= timedelta(days=1)
    return before


def plan_events(session: Session, svc: Services, now: datetime) -> Sequence[PlannedReminder]:
    """Two reminders per attendee of each event still ahead."""
    planned = []
    for event in upcoming_events(session, svc, now):
        moments = [(DAY_BEFORE, local_at(svc, _working_day_before(svc, event.day)))]
        if event.start is not None:
            moments.append((HOURS_BEFORE, event.start - BEFORE_START))
        for user_id, _answer in attendees(session, event):
            planned += [
                PlannedReminder(
                    kind=ReminderKind.EVENT,
                    user_id=user_id,
                    subject=f"letter:{event.letter_id}",
                    period="",
                    offset=offset,
                    at=at,
                    shift=Shift.EARLIER,
                )
                for offset, at in moments
            ]
    return planned


def _relative(svc: Services, day: date, now: datetime) -> str:
    today = local_day(svc, now)
    if day == today:
        return texts.EVENT_TODAY
    if day == today + timedelta(days=1):
        return texts.EVENT_TOMORROW
    return texts.EVENT_LATER.format(day=format_date(day))


def render_event(
    session: Session, svc: Services, reminder: ReminderView, now: datetime
) -> Rendered | None:
    """The reminder, worded for ``now``; None once the event started, the invitation is
    gone, or the person no longer says they come."""
    _, _, letter_id = reminder.subject.partition(":")
    if not letter_id.isdigit():
        return None
    event = event_of(session, svc, store.get_letter(session, int(letter_id)))
    if event is None or not is_ahead(svc, event, now):
        return None
    answer = dict(attendees(session, event)).get(reminder.user_id)
    if answer is None:
        return None
    return Rendered(
        texts.EVENT_TEXT.format(
            relative=_relative(svc, event.day, now),
            agenda=app_texts.esc(event.agenda),
            day=format_date(event.day),
            time=app_texts.esc(event.time_text),
            place=app_texts.esc(event.place),
            answer=texts.EVENT_ANSWERS[answer],
        )
    )


EVENT = KindSpec(ReminderKind.EVENT, plan_events, render_event, optional=False)
