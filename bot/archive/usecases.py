"""What /arsip reads and remembers: years, steps and kinds with their counts, a kind's
documents, one document's file (its Telegram file id, or its checked bytes)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot import texts as app_texts
from bot.planning.rules.periods import periods
from bot.reporting.rules import parse_period_key
from bot.services import Services
from storage import archive, units
from storage.models import Document

NO_STEP = 0
"""The step number under which documents archived without a step are listed."""


@dataclass(frozen=True)
class Count:
    """A year, a step or a kind, with how many documents it has."""

    key: int | str
    count: int


@dataclass(frozen=True)
class Listed:
    """One archived document as the list shows it."""

    id: int
    kind: str
    file_name: str
    created_at: datetime
    period: str  # its reporting period in words, "" when it has none
    unit: str  # the unit it concerns, "" when none
    revision: int
    number: str  # the number it was signed under, "" when unsigned


@dataclass(frozen=True)
class ArchivedFile:
    """A document to send again: where it is listed, and a Telegram file id when known."""

    listed: Listed
    year: int
    step: int
    mime_type: str
    file_id: str | None


def kind_name(kind: str) -> str:
    """A kind of document in words; a kind the catalogue does not know, in general words."""
    return app_texts.DOCUMENT_KIND_NAMES.get(kind, app_texts.DOCUMENT_KIND_OTHER)


def period_label(period_key: str, year: int) -> str:
    """``Triwulan I 2027`` for ``triwulanan-1``; "" for no period or one not understood."""
    if not period_key:
        return ""
    try:
        frequency, number = parse_period_key(period_key)
    except ValueError:
        return ""
    return f"{periods(frequency, year)[number - 1].label} {year}"


def step_of(document: Document) -> int:
    return NO_STEP if document.step_no is None else document.step_no


def years(svc: Services) -> tuple[Count, ...]:
    """The years whose cycle has documents, newest first."""
    with svc.db.read() as session:
        return tuple(Count(year, count) for year, count in archive.years_with_documents(session))


def steps(svc: Services, *, year: int) -> tuple[Count, ...]:
    """The steps of ``year`` that have documents, in step order, documents of no step last
    (empty: none)."""
    counted: Counter[int] = Counter()
    with svc.db.read() as session:
        for step, _, count in archive.counts_of_year(session, year):
            counted[NO_STEP if step is None else step] += count
    ordered = sorted(counted, key=lambda step: (step == NO_STEP, step))
    return tuple(Count(step, counted[step]) for step in ordered)


def kinds(svc: Services, *, year: int, step: int) -> tuple[Count, ...]:
    """The kinds of documents of a step of ``year``, by name (empty: none)."""
    with svc.db.read() as session:
        found = archive.counts_of_year(session, year)
    counted = {kind: count for s, kind, count in found if (NO_STEP if s is None else s) == step}
    ordered = sorted(counted, key=lambda kind: (kind_name(kind), kind))
    return tuple(Count(kind, counted[kind]) for kind in ordered)


def _listed(document: Document, year: int, unit_names: dict[int | None, str]) -> Listed:
    assert document.id is not None
    return Listed(
        id=document.id,
        kind=document.kind,
        file_name=document.file_name,
        created_at=document.created_at,
        period=period_label(document.period_key, year),
        unit=unit_names.get(document.unit_id, ""),
        revision=document.revision,
        number=document.number,
    )


def unit_names(session: Session) -> dict[int | None, str]:
    return {u.id: u.name for u in units.list_units(session, active_only=False)}


@dataclass(frozen=True)
class DocumentPage:
    """One page of a kind's documents, newest first; ``first`` is the position (from 1) of
    its first document in the whole list."""

    items: tuple[Listed, ...]
    page: int
    pages: int
    total: int
    first: int


def documents(
    svc: Services, *, year: int, step: int, kind: str, page: int, page_size: int
) -> DocumentPage | None:
    """A page (kept within the pages there are) of the documents of one kind of a step of
    ``year``; None when there are none."""
    with svc.db.read() as session:
        total = sum(
            count
            for s, k, count in archive.counts_of_year(session, year)
            if k == kind and (NO_STEP if s is None else s) == step
        )
        if not total:
            return None
        pages = -(-total // page_size)
        page = min(max(page, 1), pages)
        found = archive.documents_of_kind(
            session,
            year=year,
            step_no=None if step == NO_STEP else step,
            kind=kind,
            offset=(page - 1) * page_size,
            limit=page_size,
        )
        names = unit_names(session)
        items = tuple(_listed(d, year, names) for d in found)
    return DocumentPage(items, page, pages, total, (page - 1) * page_size + 1)


def archived_file(svc: Services, *, document_id: int) -> ArchivedFile | None:
    """A document of a cycle to send again; None when there is none with that id."""
    with svc.db.read() as session:
        document = session.get(Document, document_id)
        year = None if document is None else archive.year_of(session, document)
        if document is None or year is None:
            return None
        return ArchivedFile(
            listed=_listed(document, year, unit_names(session)),
            year=year,
            step=step_of(document),
            mime_type=document.mime_type,
            file_id=archive.known_file_id(session, document),
        )


def file_content(svc: Services, *, document_id: int) -> bytes | None:
    """The document's archived bytes; None when they are gone or no longer match their
    sha256 (nothing altered is ever sent as the archived document)."""
    with svc.db.read() as session:
        document = session.get(Document, document_id)
    return None if document is None else archive.intact_content(svc.archive_dir, document)


def remember_file_id(svc: Services, *, document_id: int, file_id: str) -> None:
    """Keep the file id Telegram gave the document, so the next request sends no bytes."""
    with svc.db.write() as session:
        archive.remember_file_id(session, document_id=document_id, file_id=file_id)
