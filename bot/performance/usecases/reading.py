"""Reading a signed report: the archived files of a period's newest signed report, exactly
as signed (the head's /laporan)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.performance.kinds import ReportChoice
from bot.performance.usecases import choices
from bot.performance.usecases.making import ReportFile
from bot.services import Services
from storage import archive
from storage import performance as store
from storage.models import Document
from storage.performance import ReportStatus


@dataclass(frozen=True)
class SignedFiles:
    """The files of a signed report, its revision and verification code."""

    files: tuple[ReportFile, ...]
    revision: int
    code: str


def signed_files(
    svc: Services, *, year: int, choice: ReportChoice, number: int
) -> SignedFiles | None:
    """The newest signed report of the period: its PDF (workbook, deck); None when no
    report of it is signed."""
    cycle = choices.planned(svc, year)
    if cycle is None or cycle.cycle_id is None:
        return None
    with svc.db.read() as session:
        signed = [
            r
            for r in store.of_cycle(session, cycle_id=cycle.cycle_id)
            if r.kind == choice.stored_kind
            and r.frequency == choice.frequency.value
            and r.period_number == number
            and r.status == ReportStatus.SIGNED.value
        ]
        if not signed:
            return None
        newest = signed[-1]
        revision = store.revision_of(session, newest)
        ids = (newest.document_id, newest.workbook_document_id, newest.deck_document_id)
        documents = [d for i in ids if i is not None and (d := session.get(Document, i))]
    files = tuple(
        ReportFile(archive.path_of(svc.archive_dir, d).read_bytes(), d.file_name, d.mime_type)
        for d in documents
    )
    code = documents[0].verification_code or "" if documents else ""
    return SignedFiles(files, revision, code)
