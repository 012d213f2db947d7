"""A signed letter on its way to the owners, and how far it got.

These run inside the letters' transactions: signing sends the letter in the same unit of
work that numbers and archives it, and the letter card reads the tallies with the letter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlmodel import Session

from bot.core.delivery import FailureReason, ItemStatus, failure_reason
from bot.core.roles import Role
from bot.letters.documents import LetterContent
from bot.letters.documents.content import attendance_status
from bot.letters.kinds import LetterKind
from bot.outreach import messages
from bot.outreach.callbacks import RsvpAnswer
from storage import archive, outbox, units, users
from storage import letters as store
from storage.models import Letter, OutboxItem, User

# The response stored on a copy of the circular its owner acknowledged.
ACKNOWLEDGED = "diterima"
# The socialisation's files in the archive.
PHOTO_KIND = "foto_sosialisasi"
NOTE_KIND = "catatan_sosialisasi"
# The letters that go to every owner once signed.
SENT_KINDS = (LetterKind.CIRCULAR, LetterKind.INVITATION)


@dataclass(frozen=True)
class Copy:
    """One owner's copy of a letter: where it is and what they answered."""

    name: str | None  # None: the recipient is no longer registered
    unit: str
    status: ItemStatus
    response: str
    failure: FailureReason | None

    @property
    def sent(self) -> bool:
        return self.status is ItemStatus.SENT

    @property
    def failed(self) -> bool:
        return self.status in (ItemStatus.UNREACHABLE, ItemStatus.FAILED)

    @property
    def queued(self) -> bool:
        return self.status in (ItemStatus.PENDING, ItemStatus.SENDING)

    @property
    def silent(self) -> bool:
        """Delivered, and not answered yet."""
        return self.sent and not self.response


@dataclass(frozen=True)
class UnitWithoutOwner:
    id: int
    name: str
    short_name: str


@dataclass(frozen=True)
class CircularDelivery:
    copies: tuple[Copy, ...]
    units_without_owner: tuple[UnitWithoutOwner, ...]


@dataclass(frozen=True)
class InvitationResponses:
    copies: tuple[Copy, ...]
    present: int  # people marked present on the day
    window_until: datetime | None  # while owners may say they are present


def owners(session: Session) -> list[User]:
    """Every active Penanggung Jawab Kinerja."""
    return [u for u in users.list_users(session, role=Role.PJ) if u.active]


def send_signed_letter(
    session: Session,
    *,
    letter: Letter,
    kind: LetterKind,
    number: str,
    content: LetterContent,
    document_id: int,
    now: datetime,
) -> int:
    """Queue a signed circular or invitation for every owner; how many it goes to."""
    if kind not in SENT_KINDS:
        return 0
    recipients = owners(session)
    message = messages.signed_letter(kind, number, content)
    broadcast = outbox.create_broadcast(
        session,
        kind=kind.archive_kind,
        ref_id=letter.id,
        text=message.text,
        recipients=[(u.id, u.telegram_id) for u in recipients],
        now=now,
        buttons=message.buttons,
        document_id=document_id,
        created_by_user_id=letter.created_by_user_id,
    )
    letter.broadcast_id = broadcast.id
    session.add(letter)
    return len(recipients)


def _copies(session: Session, broadcast_id: int) -> tuple[Copy, ...]:
    people = {u.id: u for u in users.list_users(session)}
    unit_names = {u.id: u.name for u in units.list_units(session, active_only=False)}
    found = []
    for item in outbox.items_of(session, broadcast_id=broadcast_id):
        person = people.get(item.user_id) if item.user_id else None
        unit = unit_names.get(person.unit_id, "-") if person and person.unit_id else "-"
        status = ItemStatus(item.status)
        failed = status in (ItemStatus.UNREACHABLE, ItemStatus.FAILED)
        found.append(
            Copy(
                name=None if person is None else person.full_name,
                unit=unit,
                status=status,
                response=item.response,
                failure=failure_reason(item.status, item.last_error) if failed else None,
            )
        )
    return tuple(found)


def units_without_owner(session: Session) -> tuple[UnitWithoutOwner, ...]:
    """Every active unit without a registered owner."""
    owned = {u.unit_id for u in owners(session)}
    return tuple(
        UnitWithoutOwner(u.id, u.name, u.short_name)
        for u in units.list_units(session)
        if u.id and u.id not in owned
    )


def circular_delivery(session: Session, *, letter: Letter) -> CircularDelivery | None:
    """How the signed circular went out; None before it did."""
    if letter.broadcast_id is None:
        return None
    return CircularDelivery(_copies(session, letter.broadcast_id), units_without_owner(session))


def invitation_responses(
    session: Session, *, letter: Letter, now: datetime
) -> InvitationResponses | None:
    """How the signed invitation went out, the answers, and who was present; None before."""
    if letter.broadcast_id is None or letter.id is None:
        return None
    marks = store.attendance(session, letter_id=letter.id)
    until = letter.attendance_open_until
    return InvitationResponses(
        copies=_copies(session, letter.broadcast_id),
        present=sum(1 for row in marks.values() if row.present),
        window_until=until if until is not None and until > now else None,
    )


def report_attendance(session: Session, *, invitation: Letter) -> list[tuple[str, str, str]]:
    """Name, unit and attendance of everyone the invitation went to, for the report."""
    if invitation.broadcast_id is None or invitation.id is None:
        return []
    people = {u.id: u for u in users.list_users(session)}
    unit_names = {u.id: u.name for u in units.list_units(session, active_only=False)}
    marks = store.attendance(session, letter_id=invitation.id)
    rows = []
    for item in outbox.items_of(session, broadcast_id=invitation.broadcast_id):
        person = people.get(item.user_id) if item.user_id else None
        if person is None or person.id is None:
            continue
        mark = marks.get(person.id)
        delegate = item.response_note if item.response == RsvpAnswer.REPRESENTED else None
        status = attendance_status(present=mark is not None and mark.present, delegate=delegate)
        rows.append((person.full_name, unit_names.get(person.unit_id or 0, "-"), status))
    return rows


def report_notes(session: Session, *, archive_dir: Path, cycle_id: int) -> str:
    """The notes the team typed during the socialisation, one after the other."""
    return "\n".join(
        archive.path_of(archive_dir, d).read_text(encoding="utf-8")
        for d in store.documents_of(session, kind=NOTE_KIND, cycle_id=cycle_id)
    )


def socialisation_photos(
    session: Session, *, archive_dir: Path, cycle_id: int
) -> tuple[bytes, ...]:
    """The photos of the socialisation, in the order they were sent."""
    return tuple(
        archive.path_of(archive_dir, d).read_bytes()
        for d in store.documents_of(session, kind=PHOTO_KIND, cycle_id=cycle_id)
    )


def copy_of(session: Session, *, item_id: int, user_id: int) -> OutboxItem | None:
    """The copy ``item_id`` if it is ``user_id``'s own."""
    item = session.get(OutboxItem, item_id)
    return item if item is not None and item.user_id == user_id else None
