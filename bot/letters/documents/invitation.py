"""The Surat Undangan (step 8) as a PDF: place and date top right; Nomor, Sifat, Lampiran,
Hal; "Yth."; the opening, the hari/tanggal, waktu, tempat and acara, the closing; the
signature block; the invitees in a lampiran page."""

from __future__ import annotations

from fpdf.enums import XPos, YPos

from bot.core.dates import format_date
from bot.core.pdf import FONT_FAMILY
from bot.core.profile import OrgProfile
from bot.core.signing import Approval
from bot.letters.documents.content import InvitationContent, LetterHeader
from bot.letters.documents.ending import LetterWriter, render
from bot.letters.documents.layout import LINE, SIZE
from bot.letters.kinds import LetterKind

_FIELD_LABEL = 22.0  # "Lampiran" column of the Nomor/Sifat/Lampiran/Hal block
# Printed after the recipients of an invitation with a list of invitees, and only then.
_ATTACHED_LIST = "(daftar terlampir)"
_ONE_ATTACHMENT = "1 (satu) berkas"


def _without_attached_list(recipient: str) -> str:
    """A recipient line without "(daftar terlampir)", for a letter without the list."""
    index = recipient.casefold().find(_ATTACHED_LIST)
    if index < 0:
        return recipient
    return (recipient[:index] + recipient[index + len(_ATTACHED_LIST) :]).strip()


def invitation_pdf(
    profile: OrgProfile,
    header: LetterHeader,
    content: InvitationContent,
    *,
    approval: Approval | None = None,
) -> bytes:
    """The Surat Undangan as PDF bytes, with the invitees as a lampiran page.

    Lampiran and "(daftar terlampir)" print only when there are invitees to list.
    """
    attached = bool(content.invitees)
    lampiran = header.lampiran.strip()
    if not attached:
        lampiran = "-"
    elif lampiran in ("", "-"):
        lampiran = _ONE_ATTACHMENT
    recipients = content.recipients
    if not attached:
        recipients = tuple(_without_attached_list(r) for r in recipients)

    def draw(w: LetterWriter) -> None:
        _head(w, lampiran, recipients)
        _body(w, content)
        if content.invitees:
            w.pdf.add_page()
            _invitees(w, content)

    title = header.hal or "Surat Undangan"
    return render(profile, header, LetterKind.INVITATION, approval, title, draw)


def _head(w: LetterWriter, lampiran: str, recipients: tuple[str, ...]) -> None:
    """Place and date; Nomor, Sifat, Lampiran, Hal; the recipients."""
    pdf = w.pdf
    pdf.set_font(FONT_FAMILY, "", SIZE)
    pdf.cell(pdf.epw, LINE, w.place_date(), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    w.fields(
        [
            ("Nomor", w.number),
            ("Sifat", w.header.sifat),
            ("Lampiran", lampiran),
            ("Hal", w.header.hal),
        ],
        x=0,
        label_width=_FIELD_LABEL,
        width=pdf.epw * 0.8,
    )
    pdf.ln(5)
    w.recipients(recipients, place_line=True)
    pdf.ln(5)


def _body(w: LetterWriter, content: InvitationContent) -> None:
    """The opening, the event, the closing with the signature, the copies."""
    pdf = w.pdf
    body = _FIELD_LABEL + 4.0  # the body lines up with the values of Nomor ... Hal
    w.text(content.opening, x=body)
    pdf.ln(0.5)
    w.fields(
        [
            ("Hari/tanggal", format_date(content.day)),
            ("Waktu", content.time_text),
            ("Tempat", content.place),
            ("Acara", content.agenda),
        ],
        x=body + 6,
        label_width=28,
        width=pdf.epw - body - 6,
    )
    pdf.ln(3)
    w.ending(content.closing, x=body, place_date=[])
    w.copies(content.copies)


def _invitees(w: LetterWriter, content: InvitationContent) -> None:
    pdf = w.pdf
    w.attachment_caption(f"Lampiran Surat {w.profile.head.position}")
    w.centred("DAFTAR UNDANGAN", style="B", width=pdf.epw)
    w.centred(content.agenda, width=pdf.epw)
    pdf.ln(5)
    rows = [
        (str(number), name, unit) for number, (name, unit) in enumerate(content.invitees, start=1)
    ]
    w.signature_after_table(
        (12, 74, pdf.epw - 86),
        ("No", "Nama", "Unit/OPD"),
        rows,
        aligns=("C", "L", "L"),
        place_date=[],
    )
