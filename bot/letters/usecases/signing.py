"""The head's decision on a letter: returned to the team as a draft, or signed.

Signing reserves the next number of the year on the letter (a retry after a stop signs with
the same number, so none is lost), renders the final PDF with the approval beside the
signature (outside any transaction), then, in one transaction, archives it, records the
letter as signed, sends a circular or invitation to every owner, moves the SOP steps on and
marks the head's decision applied (bot/approvals/effects.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

from bot import deliveries
from bot.approvals import effects
from bot.core import signing
from bot.core.signing import Decision
from bot.deliveries import Notice
from bot.letters.kinds import LetterKind, LetterStatus
from bot.letters.usecases.pdfs import render
from bot.letters.usecases.views import LetterView, letter_view
from bot.outreach.usecases.delivery import send_signed_letter
from bot.services import Services
from bot.sop import workflow
from storage import archive, users
from storage import letters as store
from storage.archive import NewDocument, Signed


def is_awaiting(svc: Services, *, letter_id: int) -> bool:
    """Whether the letter still waits for the head's signature."""
    with svc.db.read() as session:
        letter = store.get_letter(session, letter_id)
        return letter is not None and letter.status == LetterStatus.AWAITING


def return_to_draft(
    svc: Services,
    *,
    letter_id: int,
    team_notice: Callable[[LetterView], Notice] | None = None,
    request_id: int | None = None,
) -> LetterView | None:
    """The head returned the letter: it is a draft again (the team's notice, rendered by
    ``team_notice``, queued in the same transaction, which marks the decision
    ``request_id`` applied). None when it is gone or the decision was applied already."""
    with svc.db.write() as session:
        letter = store.get_letter(session, letter_id)
        if letter is None or not effects.finish(session, request_id):
            return None
        store.set_status(session, letter=letter, status=store.DRAFT, now=svc.now())
        view = letter_view(session, letter, now=svc.now())
        if team_notice is not None:
            text, buttons = team_notice(view)
            deliveries.tell_team(session, svc, text, buttons, ref_id=letter_id)
        return view


@dataclass(frozen=True)
class SignedLetter:
    kind: LetterKind
    number: str
    recipients: int  # owners the letter goes to (0 for the report)


@dataclass(frozen=True)
class _Numbered:
    """A letter about to be signed: its number (reserved on the letter) and the approval."""

    letter: LetterView
    year: int  # of the number's sequence
    sequence: int
    number: str
    approval: signing.Approval


def _reserve(
    svc: Services, letter_id: int, decision: Decision, request_id: int | None
) -> _Numbered | None:
    """The letter, its number and the approval; None when it is gone, no longer awaits the
    signature, or the decision was applied already. The number is reserved on the letter
    in this transaction: a retry after a stop signs with the same one."""
    with svc.db.write() as session:
        letter = store.get_letter(session, letter_id)
        if letter is None or letter.status != store.AWAITING:
            return None
        if not effects.pending(session, request_id):
            return None
        # Letter numbers run per calendar year of signing (027/001/UKPBJ/2027 is the first
        # letter signed in 2027), whatever cycle the letter belongs to.
        year, sequence = store.reserve_number(session, letter=letter, year=svc.today().year)
        view = letter_view(session, letter, now=svc.now())
        signer = None if decision.user_id is None else users.get_user(session, decision.user_id)
        signatory = (signer.full_name, signer.nip) if signer else (decision.name, "")
    approval = signing.approval(
        svc.profile,
        kind=view.kind.document,
        acting=decision.acting,
        approved_by=signatory[0],
        approver_nip=signatory[1],
        at=decision.at or svc.now(),
        code=signing.new_verification_code(),
    )
    number = svc.profile.letter_number(sequence=sequence, year=year)
    return _Numbered(view, year, sequence, number, approval)


async def sign(
    svc: Services,
    *,
    letter_id: int,
    decision: Decision,
    team_notice: Callable[[SignedLetter], Notice] | None = None,
    request_id: int | None = None,
) -> SignedLetter | None:
    """Number, render, archive and send the letter the head signed (the team's notice,
    rendered by ``team_notice``, queued with it, and the decision ``request_id`` marked
    applied); None when it is gone or the decision was applied already."""
    numbered = _reserve(svc, letter_id, decision, request_id)
    if numbered is None:
        return None
    pdf = await asyncio.to_thread(
        render,
        svc,
        numbered.letter,
        number=numbered.number,
        day=svc.today(),
        approval=numbered.approval,
    )
    return _record(svc, numbered, pdf, decision, team_notice, request_id)


def _record(
    svc: Services,
    numbered: _Numbered,
    pdf: bytes,
    decision: Decision,
    team_notice: Callable[[SignedLetter], Notice] | None,
    request_id: int | None,
) -> SignedLetter | None:
    """One transaction: the archived PDF, the letter signed, the owners' and the team's
    copies queued, the steps moved on and the decision marked applied (None, and nothing
    written, when another attempt applied it first)."""
    view, now = numbered.letter, svc.now()
    kind = view.kind
    with svc.db.write() as session:
        letter = store.get_letter(session, view.id)
        if letter is None or letter.status != store.AWAITING:
            return None
        if not effects.finish(session, request_id):
            return None
        signer = None if decision.user_id is None else users.get_user(session, decision.user_id)
        meta = _archived_as(numbered, None if signer is None else signer.id)
        document = archive.store(session, root=svc.archive_dir, content=pdf, meta=meta, now=now)
        assert document.id is not None
        store.sign(
            session,
            letter=letter,
            number=numbered.number,
            sequence=numbered.sequence,
            signer=signer,
            document_id=document.id,
            now=now,
        )
        recipients = send_signed_letter(
            session,
            letter=letter,
            kind=kind,
            number=numbered.number,
            content=view.content,
            document_id=document.id,
            now=now,
        )
        workflow.letter_signed(
            session, cycle_id=view.cycle_id, step=kind.step, actor_id=decision.user_id, now=now
        )
        signed = SignedLetter(kind, numbered.number, recipients)
        if team_notice is not None:
            deliveries.tell_team(session, svc, *team_notice(signed), ref_id=view.id)
    return signed


def _archived_as(numbered: _Numbered, signer_id: int | None) -> NewDocument:
    """The signed letter's entry in the archive, with its signature."""
    kind, approval = numbered.letter.kind, numbered.approval
    return NewDocument(
        kind=kind.archive_kind,
        file_name=f"{kind.archive_kind}-{numbered.sequence:03d}-{numbered.year}.pdf",
        mime_type="application/pdf",
        cycle_id=numbered.letter.cycle_id,
        step_no=int(kind.step),
        uploaded_by_user_id=signer_id,
        signature=Signed(
            number=numbered.number,
            signed_by=approval.signatory.name,
            signed_as=approval.capacity,
            signed_at=approval.at,
            verification_code=approval.code,
        ),
    )
