"""The page and the text of a letter: sizes, the running page number, the DRAF mark, and
the pieces every letter writes (paragraphs, numbered items, ``label : value`` lines,
headings, the recipients, the copies).

The body is Liberation Sans (Arial's metrics) at 12 pt; long text wraps, never cut.
"""

from __future__ import annotations

from collections.abc import Sequence

from fpdf.enums import XPos, YPos

from bot.core.dates import format_date
from bot.core.pdf import (
    BLACK,
    BODY_SIZE,
    FONT_FAMILY,
    OfficialPdf,
    draw_draft_mark,
)
from bot.core.pdf_flow import FlowWriter
from bot.core.profile import OrgProfile
from bot.core.signing import Approval
from bot.letters.documents.content import LetterHeader
from bot.letters.documents.numbering import letter_number_text
from bot.letters.kinds import LetterKind

SIZE = BODY_SIZE  # body text, points (12)
LINE = 5.4  # body line height, millimetres
PARAGRAPH_GAP = 1.8
BOTTOM = 20.0  # bottom margin, millimetres
TABLE_SIZE = 10.0
TABLE_LINE = 4.5
PAD_Y, PAD_X = 1.2, 1.6
NUMBER_WIDTH = 8.0  # "1." or "a." before an item
YTH_WIDTH = 11.0  # "Yth." before the recipients
COPY_NUMBER_WIDTH = 7.0
COPIES_BEFORE = 8.0
HEADING_BEFORE = 3.0


class LetterPdf(OfficialPdf):
    """A letter's pages: "- 2 -" atop every page after the first, "DRAF" across drafts."""

    def __init__(self, *, draft: bool) -> None:
        super().__init__(body_size=SIZE, bottom=BOTTOM, draft=draft)

    def header(self) -> None:
        # A page break brought forward (to keep lines with the signature) ends here.
        self.set_auto_page_break(auto=True, margin=BOTTOM)
        if self.draft:
            draw_draft_mark(self)
        if self.page_no() > 1:
            self.set_font(FONT_FAMILY, "", 10)
            self.set_text_color(*BLACK)
            self.set_xy(self.l_margin, 9)
            self.cell(self.epw, 4, f"- {self.page_no()} -", align="C")
        self.set_xy(self.l_margin, self.t_margin)


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


class Writer(FlowWriter):
    """Draws the parts letters share on a :class:`LetterPdf`."""

    bottom = BOTTOM
    size = SIZE
    pdf: LetterPdf

    def __init__(
        self,
        pdf: LetterPdf,
        profile: OrgProfile,
        header: LetterHeader,
        kind: LetterKind,
        approval: Approval | None,
    ) -> None:
        self.pdf = pdf
        self.profile = profile
        self.header = header
        self.kind = kind
        self.approval = approval
        self.number = letter_number_text(profile, header)

    # Room on the page: trigger, keep and lines (FlowWriter) -----------------------------

    def heading_height(self, title: str, *, before: float = HEADING_BEFORE) -> float:
        return before + self.lines(title, self.pdf.epw - NUMBER_WIDTH, "B") * LINE + 0.8

    # Text -------------------------------------------------------------------------------

    def text(
        self,
        text: str,
        *,
        x: float = 0.0,
        align: str = "J",
        style: str = "",
        size: float = SIZE,
        gap: float = PARAGRAPH_GAP,
    ) -> None:
        """Paragraphs (one a line of ``text``) ``x`` millimetres in from the left margin."""
        pdf = self.pdf
        line = LINE * size / SIZE
        for paragraph in paragraphs(text):
            width = pdf.epw - x
            self.keep(min(self.lines(paragraph, width, style, size), 2) * line)
            pdf.set_font(FONT_FAMILY, style, size)
            pdf.set_x(pdf.l_margin + x)
            pdf.multi_cell(width, line, paragraph, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(gap)

    def centred(self, text: str, *, style: str = "", size: float = SIZE, width: float) -> None:
        pdf = self.pdf
        pdf.set_font(FONT_FAMILY, style, size)
        pdf.set_x(pdf.l_margin + (pdf.epw - width) / 2)
        pdf.multi_cell(
            width, LINE * size / SIZE, text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )

    def item(
        self,
        label: str,
        text: str,
        *,
        x: float,
        label_width: float = NUMBER_WIDTH,
        style: str = "",
        align: str = "J",
        gap: float = PARAGRAPH_GAP / 2,
    ) -> None:
        """``label`` then ``text`` with a hanging indent; later paragraphs under the text."""
        pdf = self.pdf
        parts = paragraphs(text) or [""]
        width = pdf.epw - x - label_width
        self.keep(min(self.lines(parts[0], width, style), 2) * LINE)
        pdf.set_font(FONT_FAMILY, style, SIZE)
        pdf.set_x(pdf.l_margin + x)
        pdf.cell(label_width, LINE, label)
        pdf.multi_cell(width, LINE, parts[0], align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(gap)
        if parts[1:]:
            self.text("\n".join(parts[1:]), x=x + label_width, style=style, gap=gap)

    def fields(
        self, rows: Sequence[tuple[str, str]], *, x: float, label_width: float, width: float
    ) -> None:
        """``label : value`` lines; a value wraps under itself within ``width`` (all of it)."""
        pdf = self.pdf
        colon = 4.0
        value_width = width - label_width - colon
        for label, value in rows:
            self.keep(min(self.lines(value, value_width), 2) * LINE)
            pdf.set_font(FONT_FAMILY, "", SIZE)
            pdf.set_x(pdf.l_margin + x)
            pdf.cell(label_width, LINE, label)
            pdf.cell(colon, LINE, ":")
            pdf.multi_cell(
                value_width, LINE, value or "-", align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )

    def heading(
        self, label: str, title: str, *, x: float = 0.0, before: float = HEADING_BEFORE
    ) -> None:
        """A bold numbered heading, kept on the page of the first lines below it."""
        pdf = self.pdf
        self.keep(self.heading_height(title, before=before) + 2 * LINE)
        pdf.ln(before)
        self.item(label, title, x=x, style="B", align="L", gap=0.8)

    def recipients(self, recipients: Sequence[str], *, place_line: bool) -> None:
        """``Yth.`` and the recipients (numbered when more than one); ``di Tempat`` if asked."""
        pdf = self.pdf
        pdf.set_font(FONT_FAMILY, "", SIZE)
        self.keep(3 * LINE)
        pdf.cell(YTH_WIDTH, LINE, "Yth.")
        width = pdf.epw * 0.62
        if len(recipients) == 1:
            pdf.set_x(pdf.l_margin + YTH_WIDTH)
            pdf.multi_cell(
                width, LINE, recipients[0], align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
        for number, recipient in enumerate(recipients if len(recipients) > 1 else (), start=1):
            pdf.set_x(pdf.l_margin + YTH_WIDTH)
            pdf.cell(NUMBER_WIDTH, LINE, f"{number}.")
            pdf.multi_cell(
                width - NUMBER_WIDTH,
                LINE,
                recipient,
                align="L",
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
        if place_line:
            pdf.set_x(pdf.l_margin + YTH_WIDTH)
            pdf.cell(0, LINE, "di", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.set_x(pdf.l_margin + YTH_WIDTH + 6)
            pdf.cell(0, LINE, "Tempat", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def place_date(self) -> str:
        return f"{self.header.place}, {format_date(self.header.day, with_weekday=False)}"

    def copies(self, copies: Sequence[str]) -> None:
        if not copies:
            return
        pdf = self.pdf
        self.keep(COPIES_BEFORE + 2 * LINE)
        pdf.ln(COPIES_BEFORE)
        pdf.set_font(FONT_FAMILY, "", SIZE)
        pdf.cell(0, LINE, "Tembusan:", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        for number, copy in enumerate(copies, start=1):
            self.item(f"{number}.", copy, x=0, label_width=COPY_NUMBER_WIDTH, align="L", gap=0)

    # The signature, never alone on its page ----------------------------------------------
