"""Letters in the database: drafts, numbering, signing, attendance, the socialisation's files."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlmodel import Session, col, select

from storage import audit
from storage.models import Attendance, Cycle, Document, Letter, LetterSequence, User


class LetterStatus(StrEnum):
    """Where a letter is on its way to being signed; the value is stored in ``letter.status``."""

    DRAFT = "draft"
    AWAITING = "awaiting_signature"
    SIGNED = "signed"


DRAFT, AWAITING, SIGNED = LetterStatus.DRAFT, LetterStatus.AWAITING, LetterStatus.SIGNED


def create_letter(
    session: Session, *, cycle_id: int, kind: str, content_json: str, actor: User, now: datetime
) -> Letter:
    letter = Letter(
        cycle_id=cycle_id,
        kind=kind,
        status=DRAFT,
        content_json=content_json,
        created_by_user_id=actor.id,
        created_at=now,
        updated_at=now,
    )
    session.add(letter)
    session.flush()
    _audit(session, letter, "letter.create", actor=actor, now=now)
    return letter


def _audit(
    session: Session,
    letter: Letter,
    action: str,
    *,
    actor: User | None,
    now: datetime,
    before: dict[str, object] | None = None,
    after: dict[str, object] | None = None,
) -> None:
    """An audit entry about ``letter``, by ``actor`` (the system when None)."""
    assert letter.id is not None
    audit.record(
        session,
        at=now,
        actor=actor,
        action=action,
        entity=letter.kind,
        entity_id=letter.id,
        before=before,
        after=after,
    )


def get_letter(session: Session, letter_id: int) -> Letter | None:
    return session.get(Letter, letter_id)


def year_of(session: Session, letter: Letter) -> int:
    """The year of the cycle a letter belongs to (what its "Tahun ..." wording speaks of)."""
    cycle = session.get(Cycle, letter.cycle_id)
    if cycle is None:
        raise LookupError(f"cycle {letter.cycle_id} not found")
    return cycle.year


def latest_letter(session: Session, *, cycle_id: int, kind: str) -> Letter | None:
    return session.exec(
        select(Letter)
        .where(Letter.cycle_id == cycle_id, Letter.kind == kind)
        .order_by(col(Letter.id).desc())
    ).first()


def update_content(
    session: Session, *, letter: Letter, content_json: str, actor: User, now: datetime
) -> None:
    before = letter.content_json
    letter.content_json = content_json
    letter.status = DRAFT
    letter.updated_at = now
    session.add(letter)
    _audit(
        session,
        letter,
        "letter.edit",
        actor=actor,
        now=now,
        before={"content": before},
        after={"content": content_json},
    )


def set_attendance_window(session: Session, *, letter: Letter, until: datetime) -> None:
    """Owners may say they are present until ``until`` (now, or earlier, closes it)."""
    letter.attendance_open_until = until
    session.add(letter)


def set_status(session: Session, *, letter: Letter, status: str, now: datetime) -> None:
    letter.status = status
    letter.updated_at = now
    session.add(letter)


def next_number(session: Session, *, year: int) -> int:
    """The next number of the year's sequence; taken numbers are never given again."""
    row = session.get(LetterSequence, year)
    if row is None:
        row = LetterSequence(year=year, last_number=0)
    row.last_number += 1
    session.add(row)
    session.flush()
    return row.last_number


def reserve_number(session: Session, *, letter: Letter, year: int) -> tuple[int, int]:
    """The year and number of the letter's signature: the one reserved before, or the
    next of ``year``'s sequence, reserved on the letter now."""
    if letter.reserved_sequence is not None and letter.reserved_year is not None:
        return letter.reserved_year, letter.reserved_sequence
    letter.reserved_year = year
    letter.reserved_sequence = next_number(session, year=year)
    session.add(letter)
    return year, letter.reserved_sequence


def sign(
    session: Session,
    *,
    letter: Letter,
    number: str | None,
    sequence: int | None,
    signer: User | None,
    document_id: int,
    now: datetime,
) -> None:
    letter.status = SIGNED
    letter.number = number
    letter.sequence = sequence
    letter.reserved_sequence = letter.reserved_year = None
    letter.signed_at = now
    letter.signed_by_user_id = None if signer is None else signer.id
    letter.document_id = document_id
    letter.updated_at = now
    session.add(letter)
    after: dict[str, object] = {"number": number, "document_id": document_id}
    _audit(session, letter, "letter.sign", actor=signer, now=now, after=after)


def mark_attendance(
    session: Session,
    *,
    letter_id: int,
    user_id: int,
    present: bool,
    via: str,
    marked_by: User | None,
    now: datetime,
) -> Attendance:
    row = session.exec(
        select(Attendance).where(Attendance.letter_id == letter_id, Attendance.user_id == user_id)
    ).first()
    if row is None:
        row = Attendance(letter_id=letter_id, user_id=user_id, marked_at=now)
    row.present = present
    row.via = via
    row.marked_by_user_id = None if marked_by is None else marked_by.id
    row.marked_at = now
    session.add(row)
    return row


def attendance(session: Session, *, letter_id: int) -> dict[int, Attendance]:
    rows = session.exec(select(Attendance).where(Attendance.letter_id == letter_id))
    return {row.user_id: row for row in rows}


def documents_of(session: Session, *, kind: str, cycle_id: int) -> list[Document]:
    """The archived files of ``kind`` of a cycle (the socialisation's photos or notes), oldest
    first."""
    return list(
        session.exec(
            select(Document)
            .where(Document.kind == kind, Document.cycle_id == cycle_id)
            .order_by(col(Document.id))
        )
    )


def signed_and_sent(session: Session, *, kind: str) -> list[Letter]:
    """Every signed letter of ``kind`` that went out (has its broadcast), oldest first."""
    return list(
        session.exec(
            select(Letter)
            .where(
                Letter.kind == kind,
                Letter.status == SIGNED.value,
                col(Letter.broadcast_id).is_not(None),
            )
            .order_by(col(Letter.id))
        )
    )
