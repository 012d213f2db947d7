"""A letter as handlers see it: frozen views read inside a use case's transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from sqlmodel import Session

from bot.letters.documents import LetterContent
from bot.letters.documents.content import content_from_json
from bot.letters.kinds import LetterKind, LetterStatus
from bot.outreach.usecases.delivery import (
    CircularDelivery,
    InvitationResponses,
    circular_delivery,
    invitation_responses,
)
from storage import approvals
from storage import letters as store
from storage.models import Letter


@dataclass(frozen=True)
class LetterView:
    """One letter: its kind, state, the cycle's year its wording speaks of, its content."""

    id: int
    kind: LetterKind
    status: LetterStatus
    year: int
    cycle_id: int
    content: LetterContent
    number: str | None
    attendance_open: bool  # owners may say they are present (a signed invitation, on the day)

    @property
    def signed(self) -> bool:
        return self.status is LetterStatus.SIGNED


@dataclass(frozen=True)
class LetterCard:
    """What the card of a letter shows: the letter, the head's waiting request to sign it,
    and, once it went out, how the circular was delivered or the invitation answered."""

    letter: LetterView
    sign_request_id: int | None
    delivery: CircularDelivery | None
    responses: InvitationResponses | None


class Missing(Enum):
    """What has to happen before a letter can be drafted."""

    PLAN = "plan"  # the year's plan is not approved (steps 5-6)
    CIRCULAR = "circular"  # the invitation waits for the signed circular (step 7)


@dataclass(frozen=True)
class Opening:
    """The year's letter of a kind: its card, or what is missing first, or nothing yet."""

    kind: LetterKind
    year: int
    card: LetterCard | None = None
    missing: Missing | None = None
    plan_submitted: bool = False  # with Missing.PLAN: the plan waits for the head


def letter_view(session: Session, letter: Letter, *, now: datetime) -> LetterView:
    assert letter.id is not None
    until = letter.attendance_open_until
    kind = LetterKind(letter.kind)
    return LetterView(
        id=letter.id,
        kind=kind,
        status=LetterStatus(letter.status),
        year=store.year_of(session, letter),
        cycle_id=letter.cycle_id,
        content=content_from_json(kind, letter.content_json),
        number=letter.number,
        attendance_open=until is not None and until > now,
    )


def _sign_request(session: Session, letter: Letter, kind: LetterKind) -> int | None:
    for request in approvals.pending(session):
        if request.kind == kind.approval_kind and request.subject_id == letter.id:
            return request.id
    return None


def letter_card(session: Session, letter: Letter, *, now: datetime) -> LetterCard:
    view = letter_view(session, letter, now=now)
    return LetterCard(
        letter=view,
        sign_request_id=(
            _sign_request(session, letter, view.kind)
            if view.status is LetterStatus.AWAITING
            else None
        ),
        delivery=(
            circular_delivery(session, letter=letter) if view.kind is LetterKind.CIRCULAR else None
        ),
        responses=(
            invitation_responses(session, letter=letter, now=now)
            if view.kind is LetterKind.INVITATION
            else None
        ),
    )
