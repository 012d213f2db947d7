"""The document archive: files kept under generated names, described in the database.

The SOP's record-keeping rule says every related file is kept as an electronic record.
A file's bytes live in the archive folder under a random name (never a name a user
chose); the same content is stored once and found again by its sha256. A signed document
also carries its number, signatory, capacity, signing time and verification code, and is
found by that code too.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePath

from sqlmodel import Session, col, func, select

from storage.models import Broadcast, Cycle, Document

_SAFE_SUFFIX_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789")


@dataclass(frozen=True)
class NewDocument:
    """What the caller knows of a file it wants archived: its kind, the cycle and SOP step it
    belongs to, the reporting period (a ``ReportingPeriod`` key, empty when none), the unit
    it concerns, its revision (an owner's report sent again, a plan's revision number)."""

    kind: str
    file_name: str
    mime_type: str
    cycle_id: int | None = None
    step_no: int | None = None
    unit_id: int | None = None
    period_key: str = ""
    revision: int = 1
    telegram_file_id: str | None = None
    uploaded_by_user_id: int | None = None
    signature: Signed | None = None


@dataclass(frozen=True)
class Signed:
    """How a signed document was signed: its number (a letter number, a plan revision), the
    signatory's name, the capacity they signed in, when, and the printed verification code."""

    number: str
    signed_by: str
    signed_as: str
    signed_at: datetime
    verification_code: str


def _suffix(file_name: str) -> str:
    """A short, lower-case, alphanumeric extension taken from the user's file name, or none."""
    suffix = PurePath(file_name).suffix.lower().lstrip(".")
    if 0 < len(suffix) <= 8 and set(suffix) <= _SAFE_SUFFIX_CHARS:
        return "." + suffix
    return ""


def display_name(file_name: str) -> str:
    """The user's file name reduced to its last part, for showing only."""
    name = PurePath(file_name.replace("\\", "/")).name.strip()
    return name[:255] or "berkas"


def store(
    session: Session, *, root: Path, content: bytes, meta: NewDocument, now: datetime
) -> Document:
    """Archive ``content``; the same bytes of the same kind and cycle are stored once."""
    digest = hashlib.sha256(content).hexdigest()
    existing = session.exec(
        select(Document).where(
            Document.sha256 == digest,
            Document.kind == meta.kind,
            Document.cycle_id == meta.cycle_id,
        )
    ).first()
    if existing is not None:
        return existing
    root.mkdir(parents=True, exist_ok=True)
    stored_name = f"{now:%Y%m}-{secrets.token_hex(12)}{_suffix(meta.file_name)}"
    target = root / stored_name
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_bytes(content)
    os.replace(temporary, target)
    document = Document(
        kind=meta.kind,
        cycle_id=meta.cycle_id,
        step_no=meta.step_no,
        unit_id=meta.unit_id,
        period_key=meta.period_key,
        revision=meta.revision,
        file_name=display_name(meta.file_name),
        stored_name=stored_name,
        mime_type=meta.mime_type,
        telegram_file_id=meta.telegram_file_id,
        sha256=digest,
        size_bytes=len(content),
        uploaded_by_user_id=meta.uploaded_by_user_id,
        created_at=now,
    )
    if meta.signature is not None:
        document.number = meta.signature.number
        document.signed_by = meta.signature.signed_by
        document.signed_as = meta.signature.signed_as
        document.signed_at = meta.signature.signed_at
        document.verification_code = meta.signature.verification_code
    session.add(document)
    session.flush()
    return document


def find_by_content(session: Session, content: bytes) -> list[Document]:
    """The archived documents with exactly these bytes (the same file archived as several
    kinds or cycles is listed once for each), oldest first."""
    digest = hashlib.sha256(content).hexdigest()
    return list(
        session.exec(select(Document).where(Document.sha256 == digest).order_by(col(Document.id)))
    )


def find_by_code(session: Session, code: str) -> Document | None:
    """The signed document printed with verification ``code`` (stored form, no dash)."""
    return session.exec(select(Document).where(Document.verification_code == code)).first()


def is_intact(root: Path, document: Document) -> bool:
    """Whether the archived copy is still there with the bytes it was archived with."""
    path = path_of(root, document)
    if not path.is_file():
        return False
    return hashlib.sha256(path.read_bytes()).hexdigest() == document.sha256


def path_of(root: Path, document: Document) -> Path:
    return root / document.stored_name


def intact_content(root: Path, document: Document) -> bytes | None:
    """The archived bytes, or None when they are gone or no longer match their sha256."""
    path = path_of(root, document)
    if not path.is_file():
        return None
    content = path.read_bytes()
    return content if hashlib.sha256(content).hexdigest() == document.sha256 else None


# --- browsing and exporting ---------------------------------------------------------------


def years_with_documents(session: Session) -> list[tuple[int, int]]:
    """(cycle year, number of documents) of every cycle with archived documents, newest
    year first."""
    rows = session.exec(
        select(Cycle.year, func.count(col(Document.id)))
        .join(Document, col(Document.cycle_id) == col(Cycle.id))
        .group_by(col(Cycle.year))
        .order_by(col(Cycle.year).desc())
    )
    return [(year, count) for year, count in rows]


def documents_of_year(session: Session, year: int) -> list[Document]:
    """The archived documents of the cycle of ``year``, newest first."""
    return list(
        session.exec(
            select(Document)
            .join(Cycle, col(Document.cycle_id) == col(Cycle.id))
            .where(Cycle.year == year)
            .order_by(col(Document.created_at).desc(), col(Document.id).desc())
        )
    )


def counts_of_year(session: Session, year: int) -> list[tuple[int | None, str, int]]:
    """(step, kind, number of documents) of the cycle of ``year``."""
    rows = session.exec(
        select(Document.step_no, Document.kind, func.count(col(Document.id)))
        .join(Cycle, col(Document.cycle_id) == col(Cycle.id))
        .where(Cycle.year == year)
        .group_by(col(Document.step_no), col(Document.kind))
    )
    return [(step, kind, count) for step, kind, count in rows]


def documents_of_kind(
    session: Session, *, year: int, step_no: int | None, kind: str, offset: int, limit: int
) -> list[Document]:
    """Documents ``offset`` to ``offset + limit`` of one kind and step (None: of no step) of
    ``year``, newest first."""
    step = col(Document.step_no).is_(None) if step_no is None else Document.step_no == step_no
    return list(
        session.exec(
            select(Document)
            .join(Cycle, col(Document.cycle_id) == col(Cycle.id))
            .where(Cycle.year == year, step, Document.kind == kind)
            .order_by(col(Document.created_at).desc(), col(Document.id).desc())
            .offset(offset)
            .limit(limit)
        )
    )


def year_of(session: Session, document: Document) -> int | None:
    """The cycle year a document belongs to, None when it belongs to no cycle."""
    cycle = None if document.cycle_id is None else session.get(Cycle, document.cycle_id)
    return None if cycle is None else cycle.year


def known_file_id(session: Session, document: Document) -> str | None:
    """A Telegram file id of the document: its own, or one the outbox got sending it."""
    if document.telegram_file_id:
        return document.telegram_file_id
    return session.exec(
        select(Broadcast.telegram_file_id)
        .where(Broadcast.document_id == document.id, col(Broadcast.telegram_file_id).is_not(None))
        .order_by(col(Broadcast.id).desc())
    ).first()


def remember_file_id(session: Session, *, document_id: int, file_id: str) -> None:
    """Keep the file id Telegram gave the document when it was sent again."""
    document = session.get(Document, document_id)
    if document is not None:
        document.telegram_file_id = file_id
        session.add(document)


# --- uploads waiting for a person's decision ---------------------------------------------------

_HELD = "tertunda"


def hold(root: Path, content: bytes) -> str:
    """Keep an upload server-side until its sender confirms it; returns its token."""
    token = secrets.token_hex(12)
    folder = root / _HELD
    folder.mkdir(parents=True, exist_ok=True)
    (folder / token).write_bytes(content)
    return token


def held(root: Path, token: str) -> bytes | None:
    """The held upload, or None when it is gone (or the token is not one of ours)."""
    if len(token) != 24 or not all(ch in "0123456789abcdef" for ch in token):
        return None
    path = root / _HELD / token
    return path.read_bytes() if path.is_file() else None


def release(root: Path, token: str) -> None:
    """Forget a held upload (confirmed, discarded or cancelled)."""
    if held(root, token) is not None:
        (root / _HELD / token).unlink(missing_ok=True)
