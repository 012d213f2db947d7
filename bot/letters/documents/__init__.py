"""The official letters of SOP steps 7-9 as PDFs: circular, invitation and socialisation report.

Pure functions: content in, PDF bytes out. The content model is in ``content``, the default
wording in ``wording``, the page in ``layout``, ``tables`` and ``ending`` (the signature),
and each kind of letter in its own module. What the letters look like, and the rules their
page breaks follow, are described in docs/formats/surat-pdf.md.
"""

from __future__ import annotations

from bot.core.profile import OrgProfile
from bot.core.signing import Approval
from bot.letters.documents.circular import circular_pdf
from bot.letters.documents.content import (
    CircularContent,
    InvitationContent,
    LetterContent,
    LetterHeader,
    SocialisationReport,
    attendance_summary,
)
from bot.letters.documents.invitation import invitation_pdf
from bot.letters.documents.numbering import draft_number, spelled_number
from bot.letters.documents.report import socialisation_report_pdf
from bot.letters.documents.wording import (
    LetterTemplateError,
    default_circular,
    default_header,
    default_invitation,
    default_report,
)

__all__ = [
    "CircularContent",
    "InvitationContent",
    "LetterContent",
    "LetterHeader",
    "LetterTemplateError",
    "SocialisationReport",
    "attendance_summary",
    "circular_pdf",
    "default_circular",
    "default_header",
    "default_invitation",
    "default_report",
    "draft_number",
    "invitation_pdf",
    "letter_pdf",
    "socialisation_report_pdf",
    "spelled_number",
]


def letter_pdf(
    profile: OrgProfile,
    header: LetterHeader,
    content: LetterContent,
    *,
    approval: Approval | None = None,
) -> bytes:
    """The PDF of a letter of any kind, by its content."""
    if isinstance(content, CircularContent):
        return circular_pdf(profile, header, content, approval=approval)
    if isinstance(content, InvitationContent):
        return invitation_pdf(profile, header, content, approval=approval)
    return socialisation_report_pdf(profile, header, content, approval=approval)
