"""The socialisation itself: the attendance window and the call to owners, the team's
checklist, photos and notes for the report; and inviting the owner of a unit without one."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlmodel import Session

from bot.core.roles import Role
from bot.letters.kinds import LetterKind, LetterStatus
from bot.outreach import messages
from bot.outreach.usecases.delivery import NOTE_KIND, PHOTO_KIND, owners
from bot.people.invitation_rules import DEFAULT_LIFETIME, new_code
from bot.services import Services
from bot.sop.steps import StepId
from storage import archive, outbox, units, users
from storage import letters as store
from storage.archive import NewDocument
from storage.models import Letter

ATTENDANCE_WINDOW = timedelta(hours=3)
# The broadcast asking owners to tap "Saya hadir".
ATTENDANCE_CALL_KIND = "hadir_sosialisasi"


def _signed_invitation(session: Session, letter_id: int) -> Letter | None:
    letter = store.get_letter(session, letter_id)
    if letter is None or letter.kind != LetterKind.INVITATION:
        return None
    return letter if letter.status == LetterStatus.SIGNED else None


def set_attendance_window(svc: Services, *, letter_id: int, open_it: bool, actor_id: int) -> bool:
    """Open the attendance window for three hours (and call every owner), or close it;
    False when ``letter_id`` is no signed invitation."""
    now = svc.now()
    with svc.db.write() as session:
        letter = _signed_invitation(session, letter_id)
        if letter is None:
            return False
        store.set_attendance_window(
            session, letter=letter, until=now + ATTENDANCE_WINDOW if open_it else now
        )
        if open_it:
            call = messages.attendance_call()
            outbox.create_broadcast(
                session,
                kind=ATTENDANCE_CALL_KIND,
                ref_id=letter.id,
                text=call.text,
                recipients=[(u.id, u.telegram_id) for u in owners(session)],
                now=now,
                buttons=call.buttons,
                created_by_user_id=actor_id,
            )
    return True


@dataclass(frozen=True)
class Ticked:
    user_id: int
    name: str
    present: bool


@dataclass(frozen=True)
class AttendanceChecklist:
    letter_id: int
    owners: tuple[Ticked, ...]


def checklist(
    svc: Services, *, letter_id: int, tick_user_id: int | None, actor_id: int
) -> AttendanceChecklist | None:
    """Every owner and whether they were present, after turning ``tick_user_id``'s mark
    over; None when ``letter_id`` is no invitation."""
    with svc.db.write() as session:
        letter = store.get_letter(session, letter_id)
        if letter is None or letter.id is None or letter.kind != LetterKind.INVITATION:
            return None
        people = owners(session)
        if tick_user_id is not None and any(u.id == tick_user_id for u in people):
            current = store.attendance(session, letter_id=letter.id).get(tick_user_id)
            store.mark_attendance(
                session,
                letter_id=letter.id,
                user_id=tick_user_id,
                present=not (current is not None and current.present),
                via="tim",
                marked_by=users.get_user(session, actor_id),
                now=svc.now(),
            )
        marks = store.attendance(session, letter_id=letter.id)
        ticked = tuple(
            Ticked(u.id, u.full_name, (row := marks.get(u.id)) is not None and row.present)
            for u in people
            if u.id is not None
        )
        return AttendanceChecklist(letter.id, ticked)


def _keep(svc: Services, *, letter_id: int, content: bytes, meta: NewDocument) -> bool:
    with svc.db.write() as session:
        letter = store.get_letter(session, letter_id)
        if letter is None:
            return False
        meta = replace(meta, cycle_id=letter.cycle_id)
        archive.store(session, root=svc.archive_dir, content=content, meta=meta, now=svc.now())
    return True


def keep_note(svc: Services, *, letter_id: int, text: str, actor_id: int) -> bool:
    """Archive a note typed during the socialisation (it goes into the report)."""
    meta = NewDocument(
        kind=NOTE_KIND,
        file_name="catatan.txt",
        mime_type="text/plain",
        step_no=int(StepId.SOCIALISATION),
        uploaded_by_user_id=actor_id,
    )
    return _keep(svc, letter_id=letter_id, content=text.encode(), meta=meta)


def keep_photo(
    svc: Services,
    *,
    letter_id: int,
    photo: bytes,
    file_name: str,
    mime_type: str,
    file_id: str,
    actor_id: int,
) -> bool:
    """Archive a photo of the socialisation (it goes into the report)."""
    meta = NewDocument(
        kind=PHOTO_KIND,
        file_name=file_name,
        mime_type=mime_type,
        step_no=int(StepId.SOCIALISATION),
        telegram_file_id=file_id,
        uploaded_by_user_id=actor_id,
    )
    return _keep(svc, letter_id=letter_id, content=photo, meta=meta)


@dataclass(frozen=True)
class OwnerInvitation:
    unit: str
    code: str
    expires_at: datetime


def invite_owner(svc: Services, *, unit_id: int, actor_id: int) -> OwnerInvitation | None:
    """A one-time invitation for the Penanggung Jawab Kinerja of a unit; None when the
    unit is unknown."""
    now = svc.now()
    with svc.db.write() as session:
        unit = units.get_unit(session, unit_id)
        if unit is None:
            return None
        invitation = users.create_invitation(
            session,
            code=new_code(),
            role=Role.PJ,
            unit_id=unit.id,
            created_by=users.get_user(session, actor_id),
            created_via="bot",
            now=now,
            expires_at=now + DEFAULT_LIFETIME,
        )
        return OwnerInvitation(unit.name, invitation.code, now + DEFAULT_LIFETIME)


def takes_media(svc: Services, *, letter_id: int) -> bool:
    """Whether photos and notes can be kept for ``letter_id`` (a socialisation's invitation)."""
    with svc.db.read() as session:
        letter = store.get_letter(session, letter_id)
        return letter is not None and letter.kind == LetterKind.INVITATION
