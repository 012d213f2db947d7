"""Opening, drafting and editing a letter, and submitting it for the head's signature.

A draft starts in the default wording (the circular at once, the invitation after the team
names its date, time, place and agenda, the report from the socialisation's attendance and
notes); any part can be replaced until it is submitted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from sqlmodel import Session

from bot.core.dates import format_date, next_working_day
from bot.letters.documents import LetterContent, default_circular, default_invitation
from bot.letters.documents import default_report as report_wording
from bot.letters.documents.content import InvitationContent, content_to_json
from bot.letters.documents.wording import HEAD_SPEAKER_MATERIAL
from bot.letters.kinds import LetterKind, LetterStatus
from bot.letters.parts import Part, find_part
from bot.letters.parts import replace_part as replaced
from bot.letters.usecases.views import (
    LetterCard,
    LetterView,
    Missing,
    Opening,
    letter_card,
    letter_view,
)
from bot.outreach.usecases.delivery import owners, report_attendance, report_notes
from bot.services import Services
from bot.sop import workflow
from bot.sop.cycles import default_working_year
from storage import cycles, plans, units, users
from storage import letters as store
from storage.models import Letter

# Owners get two weeks to name their PJ Kinerja.
CIRCULAR_DEADLINE = timedelta(days=14)


def _latest(session: Session, kind: LetterKind, year: int) -> Letter | None:
    cycle = cycles.find_cycle(session, year=year)
    if cycle is None or cycle.id is None:
        return None
    return store.latest_letter(session, cycle_id=cycle.id, kind=kind)


def _opening(svc: Services, session: Session, kind: LetterKind, year: int) -> Opening:
    """The year's letter of ``kind``, or what has to happen before it can be drafted."""
    letter = _latest(session, kind, year)
    if letter is not None:
        return Opening(kind, year, card=letter_card(session, letter, now=svc.now()))
    if plans.approved_plan(session, year=year) is None:
        revision, _ = plans.current_plan(session, year=year)
        waiting = revision is not None and revision.status == plans.SUBMITTED
        return Opening(kind, year, missing=Missing.PLAN, plan_submitted=waiting)
    if kind is LetterKind.INVITATION:
        circular = _latest(session, LetterKind.CIRCULAR, year)
        if circular is None or circular.status != LetterStatus.SIGNED:
            return Opening(kind, year, missing=Missing.CIRCULAR)
    return Opening(kind, year)


def open_letter(svc: Services, *, kind: LetterKind, year: int | None = None) -> Opening:
    """The letter of ``kind`` of ``year`` (default: the year the team works on)."""
    year = default_working_year(svc) if year is None else year
    with svc.db.read() as session:
        return _opening(svc, session, kind, year)


def _create(
    svc: Services,
    session: Session,
    *,
    kind: LetterKind,
    year: int,
    content: LetterContent,
    actor_id: int,
) -> Letter:
    """A new draft in the year's cycle; its step is running."""
    now = svc.now()
    cycle = cycles.get_or_create_cycle(session, year=year, now=now)
    actor = users.get_user(session, actor_id)
    assert cycle.id is not None and actor is not None
    letter = store.create_letter(
        session,
        cycle_id=cycle.id,
        kind=kind,
        content_json=content_to_json(content),
        actor=actor,
        now=now,
    )
    workflow.letter_drafted(session, cycle_id=cycle.id, step=kind.step, actor_id=actor_id, now=now)
    return letter


def start_letter(svc: Services, *, kind: LetterKind, year: int, actor_id: int) -> Opening:
    """ "Buat draf": the circular is drafted at once; an invitation comes back without a card
    (its questions come first); a letter that exists, or cannot be drafted yet, comes back
    as :func:`open_letter` shows it."""
    with svc.db.write() as session:
        opening = _opening(svc, session, kind, year)
        if opening.card is not None or opening.missing is not None:
            return opening
        if kind is not LetterKind.CIRCULAR:
            return opening
        plan = plans.approved_plan(session, year=year)
        deadline = next_working_day(svc.today() + CIRCULAR_DEADLINE, svc.profile.holidays)
        content = default_circular(
            svc.profile,
            year=year,
            indicator_count=0 if plan is None else len(plan.indicators),
            deadline_text=format_date(deadline),
        )
        letter = _create(svc, session, kind=kind, year=year, content=content, actor_id=actor_id)
        return Opening(kind, year, card=letter_card(session, letter, now=svc.now()))


@dataclass(frozen=True)
class Event:
    """The socialisation the invitation is for, as the team named it."""

    day: date
    time_text: str
    place: str
    agenda: str


def draft_invitation(svc: Services, *, year: int, event: Event, actor_id: int) -> Opening:
    """The invitation in the default wording, inviting every registered owner (or the
    year's letter as it is, when one exists or cannot be drafted yet)."""
    kind = LetterKind.INVITATION
    with svc.db.write() as session:
        opening = _opening(svc, session, kind, year)
        if opening.card is not None or opening.missing is not None:
            return opening
        unit_names = {u.id: u.name for u in units.list_units(session, active_only=False)}
        invitees = [(u.full_name, unit_names.get(u.unit_id or 0, "-")) for u in owners(session)]
        content = default_invitation(
            svc.profile,
            day=event.day,
            time_text=event.time_text,
            place=event.place,
            agenda=event.agenda,
            invitees=invitees,
            year=year,
        )
        letter = _create(svc, session, kind=kind, year=year, content=content, actor_id=actor_id)
        return Opening(kind, year, card=letter_card(session, letter, now=svc.now()))


def open_report(
    svc: Services, *, invitation_id: int, actor_id: int, may_draft: bool
) -> Opening | None:
    """The socialisation report of a signed invitation; drafted from the attendance and the
    notes when there is none and ``may_draft``. None when ``invitation_id`` is no signed
    invitation."""
    with svc.db.write() as session:
        invitation = store.get_letter(session, invitation_id)
        if (
            invitation is None
            or invitation.kind != LetterKind.INVITATION
            or invitation.status != LetterStatus.SIGNED
        ):
            return None
        year = store.year_of(session, invitation)
        kind = LetterKind.REPORT
        report = store.latest_letter(session, cycle_id=invitation.cycle_id, kind=kind)
        if report is None and may_draft:
            content = _default_report(svc, session, invitation, year, actor_id)
            report = _create(svc, session, kind=kind, year=year, content=content, actor_id=actor_id)
        if report is None:
            return Opening(kind, year)
        return Opening(kind, year, card=letter_card(session, report, now=svc.now()))


def _default_report(
    svc: Services, session: Session, invitation: Letter, year: int, actor_id: int
) -> LetterContent:
    event = letter_view(session, invitation, now=svc.now()).content
    actor = users.get_user(session, actor_id)
    assert isinstance(event, InvitationContent) and actor is not None
    return report_wording(
        svc.profile,
        day=event.day,
        time_text=event.time_text,
        place=event.place,
        speakers=(
            (svc.profile.head.name, HEAD_SPEAKER_MATERIAL),
            (actor.full_name, event.agenda),
        ),
        attendance=report_attendance(session, invitation=invitation),
        photos=(),
        notes=report_notes(session, archive_dir=svc.archive_dir, cycle_id=invitation.cycle_id),
        year=year,
    )


def card_of(svc: Services, *, letter_id: int) -> LetterCard | None:
    """The card of a letter; None when there is no such letter."""
    with svc.db.read() as session:
        letter = store.get_letter(session, letter_id)
        return None if letter is None else letter_card(session, letter, now=svc.now())


class Refusal(Enum):
    """Why a letter cannot be edited or submitted."""

    GONE = "gone"  # no such letter (or part): a stale button
    NOT_DRAFT = "not_draft"  # submitted or signed already


@dataclass(frozen=True)
class PartToEdit:
    letter: LetterView
    part: Part | None  # None: choosing which part


def part_to_edit(
    svc: Services, *, letter_id: int, part_key: str | None = None
) -> PartToEdit | Refusal:
    """A draft and its part ``part_key`` (or none yet), to ask for the new text."""
    with svc.db.read() as session:
        letter = store.get_letter(session, letter_id)
        if letter is None:
            return Refusal.GONE
        view = letter_view(session, letter, now=svc.now())
    if view.status is not LetterStatus.DRAFT:
        return Refusal.NOT_DRAFT
    part = None if part_key is None else find_part(view.content, part_key)
    if part_key is not None and part is None:
        return Refusal.GONE
    return PartToEdit(view, part)


@dataclass(frozen=True)
class PartReplaced:
    card: LetterCard
    part: Part


def replace_part(
    svc: Services, *, letter_id: int, part_key: str, text: str, actor_id: int
) -> PartReplaced | Refusal:
    """Replace one part of a draft. ValueError (the reason in Indonesian) when the text is
    too short or too long; nothing is stored then."""
    with svc.db.write() as session:
        letter = store.get_letter(session, letter_id)
        if letter is None or letter.status != LetterStatus.DRAFT:
            return Refusal.GONE
        view = letter_view(session, letter, now=svc.now())
        if find_part(view.content, part_key) is None:
            return Refusal.GONE
        content = replaced(view.content, part_key, text)
        actor = users.get_user(session, actor_id)
        assert actor is not None
        store.update_content(
            session,
            letter=letter,
            content_json=content_to_json(content),
            actor=actor,
            now=svc.now(),
        )
        part = find_part(content, part_key)
        assert part is not None
        return PartReplaced(letter_card(session, letter, now=svc.now()), part)


def submit_for_signature(svc: Services, *, letter_id: int) -> LetterView | Refusal:
    """The draft waits for the head's signature."""
    with svc.db.write() as session:
        letter = store.get_letter(session, letter_id)
        if letter is None:
            return Refusal.GONE
        if letter.status != LetterStatus.DRAFT:
            return Refusal.NOT_DRAFT
        store.set_status(session, letter=letter, status=store.AWAITING, now=svc.now())
        return letter_view(session, letter, now=svc.now())
