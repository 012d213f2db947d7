"""The pages of the results documents: A4 portrait with the letterhead on the first page,
"- 2 -" atop the later ones, a footer naming the document, and the pieces the reports draw
(headings kept with what follows, paragraphs, ``label : value`` lines, tables whose heading
repeats on every page, charts, and the signature block that never stands alone).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime, time

from fpdf.enums import XPos, YPos
from PIL import Image

from bot.core.dates import format_date
from bot.core.pdf import (
    BLACK,
    FONT_FAMILY,
    OfficialPdf,
    SignatureBlock,
    draw_draft_mark,
    draw_letterhead,
    draw_page_footer,
    set_metadata,
    signature_block,
)
from bot.core.pdf_flow import FlowWriter
from bot.core.profile import OrgProfile
from bot.core.signing import capacity_lines
from bot.performance.documents.content import Signing
from bot.performance.documents.tables import draw_table

SIZE = 11.0
LINE = 5.2
BOTTOM = 24.0
SIGNATURE_KIND = "laporan-kinerja"
_SIGNATURE_WIDTH = 0.52
_SIGNATURE_BEFORE = 6.0


class ReportPdf(OfficialPdf):
    """A report's pages: DRAF across a draft, the page number atop later pages, a footer."""

    def __init__(self, *, draft: bool, footer_text: str, printed: str) -> None:
        super().__init__(body_size=SIZE, bottom=BOTTOM, draft=draft)
        self.footer_text = footer_text
        self.printed = printed

    def header(self) -> None:
        if self.draft:
            draw_draft_mark(self)
        if self.page_no() > 1:
            self.set_font(FONT_FAMILY, "", 9)
            self.set_text_color(*BLACK)
            self.set_xy(self.l_margin, 9)
            self.cell(self.epw, 4, f"- {self.page_no()} -", align="C")
        self.set_xy(self.l_margin, self.t_margin)

    def footer(self) -> None:
        draw_page_footer(self, self.footer_text, self.printed)


class Writer(FlowWriter):
    """Draws the parts of a report on a :class:`ReportPdf` (room on the page: FlowWriter)."""

    bottom = BOTTOM
    size = SIZE
    pdf: ReportPdf

    def __init__(self, pdf: ReportPdf, profile: OrgProfile, signing: Signing) -> None:
        self.pdf = pdf
        self.profile = profile
        self.signing = signing

    def title(self, lines: Sequence[str]) -> None:
        """The centred bold title lines under the letterhead."""
        for number, text in enumerate(lines):
            self.pdf.set_font(FONT_FAMILY, "B", 13 if number == 0 else SIZE)
            self.pdf.multi_cell(
                self.pdf.epw, 6.2, text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
        self.pdf.ln(4)

    def heading(self, text: str, *, size: float = 12.0, follow: float = 3 * LINE) -> None:
        """A bold heading, kept on the page of the ``follow`` millimetres below it."""
        pdf = self.pdf
        height = self.lines(text, pdf.epw, "B", size) * LINE + 3
        self.keep(height + follow)
        pdf.ln(2)
        pdf.set_font(FONT_FAMILY, "B", size)
        pdf.multi_cell(pdf.epw, LINE, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1)

    def text(self, text: str, *, x: float = 0.0, style: str = "", gap: float = 1.6) -> None:
        """Paragraphs (one a line of ``text``), justified, ``x`` mm in from the margin."""
        pdf = self.pdf
        for paragraph in (p.strip() for p in text.split("\n")):
            if not paragraph:
                continue
            if pdf.get_y() + 2 * LINE > self.trigger:
                self.keep(min(self.lines(paragraph, pdf.epw - x, style), 2) * LINE)
            pdf.set_font(FONT_FAMILY, style, SIZE)
            pdf.set_x(pdf.l_margin + x)
            pdf.multi_cell(
                pdf.epw - x, LINE, paragraph, align="J", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
            pdf.ln(gap)

    def fields(self, rows: Sequence[tuple[str, str]], *, x: float = 0.0, label: float = 38) -> None:
        """``label : value`` lines; a long value wraps under itself."""
        pdf = self.pdf
        width = pdf.epw - x - label - 4
        for name, value in rows:
            if pdf.get_y() + 2 * LINE > self.trigger:
                self.keep(min(self.lines(value or "-", width), 2) * LINE)
            pdf.set_font(FONT_FAMILY, "", SIZE)
            pdf.set_x(pdf.l_margin + x)
            pdf.cell(label, LINE, name)
            pdf.cell(4, LINE, ":")
            pdf.multi_cell(
                width, LINE, value or "-", align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )

    def table(
        self,
        widths: Sequence[float],
        head: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        aligns: Sequence[str],
    ) -> None:
        """A bordered table across the text width (see ``tables``)."""
        draw_table(self.pdf, widths, head, rows, aligns=aligns, bottom=self.trigger)
        self.pdf.set_font(FONT_FAMILY, "", SIZE)
        self.pdf.ln(3)

    def image(self, png: bytes, *, width: float, caption: str) -> None:
        """A chart centred, ``width`` mm wide (at most a page high), its caption below, on
        one page."""
        pdf = self.pdf
        width, height = fitted(png, width, self.trigger - pdf.t_margin - 3 * LINE)
        self.keep(height + 2 * LINE)
        top = pdf.get_y()
        pdf.image(io.BytesIO(png), x=pdf.l_margin + (pdf.epw - width) / 2, y=top, w=width, h=height)
        pdf.set_y(top + height + 1)
        pdf.set_font(FONT_FAMILY, "", 9)
        pdf.multi_cell(pdf.epw, 4.2, caption, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(FONT_FAMILY, "", SIZE)
        pdf.ln(3)

    def signature(self) -> SignatureBlock:
        """The block: place and date, capacity, room to sign, name, rank and NIP; on a signed
        report the approval note and verification code beside it."""
        approval = self.signing.approval
        place_date = (f"{self.profile.city}, {format_date(self.signing.day, with_weekday=False)}",)
        if approval is None:
            signatory = self.profile.head
            capacity = capacity_lines(
                signatory.position,
                on_behalf_of=self.profile.signs_on_behalf_of(SIGNATURE_KIND),
            )
            note = ""
        else:
            signatory = approval.signatory
            capacity = approval.capacity_lines()
            note = approval.note(self.profile.timezone)
        return signature_block(
            signatory,
            place_date,
            width=self.pdf.epw * _SIGNATURE_WIDTH,
            capacity=capacity,
            note=note,
            line=LINE,
            gap=20.0,
            size=SIZE,
        )

    def closing(self, heading: str, text: str) -> None:
        """The closing section and the signature: never apart, the signature never alone
        on a page (the heading and the closing words go over with it)."""
        pdf = self.pdf
        block = self.signature()
        height = self.lines(heading, pdf.epw, "B", 12) * LINE + 3
        height += sum(self.lines(p, pdf.epw) * LINE + 1.6 for p in text.split("\n") if p.strip())
        self.keep(height + _SIGNATURE_BEFORE + block.height(pdf))
        self.heading(heading, follow=0)
        self.text(text)
        pdf.ln(_SIGNATURE_BEFORE)
        block.draw(pdf)


def fitted(png: bytes, width: float, room: float) -> tuple[float, float]:
    """The width and height (mm) of a picture ``width`` mm wide, made narrower to be at most
    ``room`` mm high; its proportions kept."""
    with Image.open(io.BytesIO(png)) as image:
        pixels_wide, pixels_high = image.size
    height = width * pixels_high / max(pixels_wide, 1)
    if height > room:
        width, height = width * room / height, room
    return width, height


def start(
    profile: OrgProfile, signing: Signing, *, title: str, footer: str
) -> tuple[ReportPdf, Writer]:
    """A new report: metadata, the first page and its letterhead."""
    printed = f"Dicetak oleh Kinerja PBJ Bot, {format_date(signing.day, with_weekday=False)}"
    pdf = ReportPdf(draft=signing.approval is None, footer_text=footer, printed=printed)
    set_metadata(
        pdf,
        title=title,
        profile=profile,
        created=datetime.combine(signing.day, time(8), tzinfo=profile.timezone),
    )
    pdf.add_page()
    draw_letterhead(pdf, profile)
    return pdf, Writer(pdf, profile, signing)


def finish(pdf: ReportPdf) -> bytes:
    try:
        return bytes(pdf.output())
    finally:
        pdf.close_fonts()
