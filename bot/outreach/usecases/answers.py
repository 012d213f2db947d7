"""What owners press under what they received: "Sudah diterima" under the circular, an
answer to the invitation, "Saya hadir" on the day. A copy answers only for its own owner
and only for the broadcast it belongs to."""

from __future__ import annotations

from enum import Enum

from sqlmodel import Session

from bot.letters.kinds import LetterKind
from bot.outreach.callbacks import RsvpAnswer
from bot.outreach.usecases.day import ATTENDANCE_CALL_KIND
from bot.outreach.usecases.delivery import ACKNOWLEDGED, copy_of
from bot.services import Services
from storage import letters as store
from storage import outbox
from storage.models import Broadcast, OutboxItem


class Answered(Enum):
    """What became of a press under a copy."""

    RECORDED = "recorded"
    ALREADY = "already"  # acknowledged before
    CLOSED = "closed"  # the attendance window is not open
    NOT_YOURS = "not_yours"  # someone else's copy, or not a copy of this kind


def _own_copy(session: Session, *, item_id: int, user_id: int, kind: str) -> OutboxItem | None:
    item = copy_of(session, item_id=item_id, user_id=user_id)
    if item is None:
        return None
    broadcast = session.get(Broadcast, item.broadcast_id)
    return item if broadcast is not None and broadcast.kind == kind else None


def acknowledge(svc: Services, *, user_id: int, item_id: int) -> Answered:
    """Record that the owner received the circular (once)."""
    with svc.db.write() as session:
        kind = LetterKind.CIRCULAR.archive_kind
        item = _own_copy(session, item_id=item_id, user_id=user_id, kind=kind)
        if item is None or item.id is None:
            return Answered.NOT_YOURS
        if item.response == ACKNOWLEDGED:
            return Answered.ALREADY
        outbox.respond(session, item_id=item.id, response=ACKNOWLEDGED, note="", now=svc.now())
    return Answered.RECORDED


def may_answer(svc: Services, *, user_id: int, item_id: int) -> bool:
    """Whether ``item_id`` is the owner's own copy of an invitation."""
    with svc.db.read() as session:
        kind = LetterKind.INVITATION.archive_kind
        return _own_copy(session, item_id=item_id, user_id=user_id, kind=kind) is not None


def answer_invitation(
    svc: Services, *, user_id: int, item_id: int, answer: RsvpAnswer, note: str
) -> Answered:
    """Record the owner's answer (the representative's name, or why not, in ``note``); a
    later answer replaces an earlier one."""
    with svc.db.write() as session:
        kind = LetterKind.INVITATION.archive_kind
        item = _own_copy(session, item_id=item_id, user_id=user_id, kind=kind)
        if item is None or item.id is None:
            return Answered.NOT_YOURS
        outbox.respond(session, item_id=item.id, response=answer, note=note, now=svc.now())
    return Answered.RECORDED


def mark_present(svc: Services, *, user_id: int, item_id: int) -> Answered:
    """Record that the owner is at the socialisation, while its attendance window is open."""
    now = svc.now()
    with svc.db.write() as session:
        item = _own_copy(session, item_id=item_id, user_id=user_id, kind=ATTENDANCE_CALL_KIND)
        if item is None:
            return Answered.NOT_YOURS
        broadcast = session.get(Broadcast, item.broadcast_id)
        letter = None if broadcast is None else store.get_letter(session, broadcast.ref_id or 0)
        until = None if letter is None else letter.attendance_open_until
        if letter is None or letter.id is None or until is None or until <= now:
            return Answered.CLOSED
        store.mark_attendance(
            session,
            letter_id=letter.id,
            user_id=user_id,
            present=True,
            via="sendiri",
            marked_by=None,
            now=now,
        )
    return Answered.RECORDED
