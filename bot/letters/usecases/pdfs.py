"""A letter's PDF: the preview of a draft (marked DRAF, no number), or the signed letter as
archived. Rendering is slow (fonts, photos); it runs in a worker thread, outside any
transaction."""

from __future__ import annotations

import asyncio
import dataclasses
from dataclasses import dataclass
from datetime import date

from bot.core.signing import Approval
from bot.letters.documents import SocialisationReport, default_header, letter_pdf
from bot.letters.kinds import LetterKind
from bot.letters.usecases.views import LetterView, letter_view
from bot.outreach.usecases.delivery import socialisation_photos
from bot.services import Services
from storage import archive
from storage import letters as store
from storage.models import Document


@dataclass(frozen=True)
class LetterFile:
    """A letter's PDF and its file name; a signed one with its number."""

    content: bytes
    file_name: str
    kind: LetterKind
    signed: bool
    number: str = ""


def file_name(kind: LetterKind, *, signed: bool) -> str:
    return f"{kind.document}-{'final' if signed else 'draf'}.pdf"


def render(
    svc: Services,
    letter: LetterView,
    *,
    number: str | None,
    day: date,
    approval: Approval | None = None,
) -> bytes:
    """The letter's PDF: a draft (no number) or the signed one (with its approval). A report
    shows the socialisation's photos."""
    content = letter.content
    if isinstance(content, SocialisationReport):
        with svc.db.read() as session:
            photos = socialisation_photos(
                session, archive_dir=svc.archive_dir, cycle_id=letter.cycle_id
            )
        content = dataclasses.replace(content, photos=photos)
    header = default_header(letter.kind, svc.profile, day=day, number=number, year=letter.year)
    return letter_pdf(svc.profile, header, content, approval=approval)


async def draft_pdf(svc: Services, letter: LetterView) -> LetterFile:
    """The draft's PDF, dated today."""
    content = await asyncio.to_thread(render, svc, letter, number=None, day=svc.today())
    return LetterFile(content, file_name(letter.kind, signed=False), letter.kind, signed=False)


async def preview(svc: Services, *, letter_id: int) -> LetterFile | None:
    """The signed letter exactly as archived, or the draft's PDF; None when there is no
    such letter."""
    with svc.db.read() as session:
        letter = store.get_letter(session, letter_id)
        if letter is None:
            return None
        view = letter_view(session, letter, now=svc.now())
        document = (
            session.get(Document, letter.document_id)
            if view.signed and letter.document_id is not None
            else None
        )
    if document is None:
        return await draft_pdf(svc, view)
    content = archive.path_of(svc.archive_dir, document).read_bytes()
    return LetterFile(
        content, file_name(view.kind, signed=True), view.kind, signed=True, number=view.number or ""
    )
