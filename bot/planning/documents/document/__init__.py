"""The planning document (Dokumen Perencanaan Kinerja) of SOP steps 1-4 as a PDF.

One A4 portrait document: letterhead, title with the year and the revision, the plan's
parts A-E and the head's signature block; an approved revision carries the approval (its
date, the approver in their capacity, the note with its verification code), any other the
"DRAF" mark. docs/formats/dokumen-perencanaan-kinerja-pdf.md describes the layout.
"""

from __future__ import annotations

from datetime import UTC, datetime

from bot.core.dates import format_datetime
from bot.core.pdf import set_metadata
from bot.core.profile import OrgProfile
from bot.core.signing import Approval
from bot.planning.documents.document.page import PlanPdf
from bot.planning.documents.document.sections import DOCUMENT_TITLE, SIGNED_KIND, Writer
from bot.planning.rules.model import Plan

__all__ = ["DOCUMENT_TITLE", "SIGNED_KIND", "plan_document_pdf"]


def plan_document_pdf(
    plan: Plan,
    profile: OrgProfile,
    *,
    revision_label: str,
    generated_at: datetime,
    approval: Approval | None = None,
) -> bytes:
    """The planning document of ``plan`` as PDF bytes.

    ``revision_label`` (e.g. "Revisi 2 — disetujui") is printed under the title and in the
    footer; ``generated_at`` gives the generation time in the footer, in the profile's time
    zone (naive means UTC). ``approval`` (an approved revision) dates and signs the document;
    without it the document is a draft: marked "DRAF", the signature's day left open.
    """
    if generated_at.tzinfo is None:
        generated_at = generated_at.replace(tzinfo=UTC)
    footer_text = f"Dokumen Perencanaan Kinerja {plan.year} — {revision_label}"
    footer_time = "Dibuat oleh Kinerja PBJ Bot, " + format_datetime(generated_at, profile.timezone)
    pdf = PlanPdf(footer_text, footer_time, draft=approval is None)
    try:
        set_metadata(
            pdf,
            title=f"Dokumen Perencanaan Kinerja {plan.year} — {revision_label}",
            profile=profile,
            created=generated_at,
        )
        pdf.add_page()
        writer = Writer(plan, profile, pdf)
        writer.letterhead()
        writer.title(revision_label)
        if plan.is_empty:
            writer.empty()
        else:
            writer.objectives()
            writer.areas()
            writer.indicator_cards()
            writer.targets()
            title, last, before = writer.actions()
            writer.ending(title, last, before, writer.signature_block(approval, generated_at))
        return bytes(pdf.output())
    finally:
        pdf.close_fonts()
