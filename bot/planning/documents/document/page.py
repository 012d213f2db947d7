"""The planning document's pages: A4 portrait with its footer, and the placing of
blocks so that a caption stays with what follows and the signature never stands alone."""

from __future__ import annotations

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from bot.core.pdf import FONT_FAMILY, OfficialPdf, SignatureBlock, draw_page_footer, line_count
from bot.planning.documents.document.grid import Block

BODY_SIZE = 11.0
BODY_LINE = 5.4


class PlanPdf(OfficialPdf):
    """A4 portrait with the document's fonts, margins, footer and (drafts) the DRAF mark."""

    def __init__(self, footer_text: str, footer_time: str, *, draft: bool) -> None:
        super().__init__(body_size=BODY_SIZE, draft=draft)
        self.footer_text = footer_text
        self.footer_time = footer_time

    def footer(self) -> None:
        draw_page_footer(self, self.footer_text, self.footer_time)


class Layout:
    """Places blocks on ``pdf``: on the current page when they fit, else on a new one."""

    def __init__(self, pdf: PlanPdf) -> None:
        self.pdf = pdf

    def _fits(self, height: float, *, before: float = 0.0) -> bool:
        pdf = self.pdf
        return pdf.get_y() + before + height <= pdf.page_break_trigger

    def _at_top(self) -> bool:
        return self.pdf.get_y() <= self.pdf.t_margin + 0.5

    def _place(self, block: Block, *, before: float = 0.0) -> None:
        """Draw ``block``, on a new page when it does not fit here but fits on a fresh page
        (a block taller than a page starts here when its lead fits)."""
        pdf = self.pdf
        keep = block.height if block.height <= pdf.eph else block.lead
        if not self._at_top() and not self._fits(keep, before=before):
            pdf.add_page()
        elif not self._at_top():
            pdf.ln(before)
        block.draw(pdf)

    def _text(self, text: str, *, style: str = "", size: float = BODY_SIZE) -> Block:
        pdf = self.pdf
        pdf.set_font(FONT_FAMILY, style, size)
        line = BODY_LINE * size / BODY_SIZE

        def draw(target: FPDF) -> None:
            target.set_font(FONT_FAMILY, style, size)
            target.multi_cell(0, line, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

        lines = line_count(pdf, text, pdf.epw)
        return Block(draw, lines * line, min(lines, 2) * line)

    def _numbered(self, number: str, text: str) -> Block:
        pdf = self.pdf
        indent, line = 8.0, BODY_LINE
        pdf.set_font(FONT_FAMILY, "", BODY_SIZE)

        def draw(target: FPDF) -> None:
            target.set_font(FONT_FAMILY, "", BODY_SIZE)
            target.cell(indent, line, number)
            target.multi_cell(
                target.epw - indent, line, text, align="J", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )

        lines = line_count(pdf, text, pdf.epw - indent)
        return Block(draw, lines * line, min(lines, 2) * line)

    def _heading(self, title: str, first: Block | str) -> Block:
        """A section heading and the section's first block, as one block."""
        if isinstance(first, str):
            first = self._text(first)
        heading = 8.0
        body = first

        def draw(pdf: FPDF) -> None:
            pdf.set_font(FONT_FAMILY, "B", 12)
            pdf.cell(0, 6.5, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(heading - 6.5)
            body.draw(pdf)

        return Block(draw, heading + first.height, heading + first.lead)

    def _section(self, title: str, first: Block | str) -> None:
        """A section heading, kept on the page of the section's first block (its lead)."""
        self._place(self._heading(title, first), before=6)

    # Parts of the document ------------------------------------------------------------

    def ending(self, title: str, last: Block, before: float, signature: SignatureBlock) -> None:
        """The last block (under the section ``title`` when given) and the signature under
        it: never the signature alone on a page.

        When both fit on a page they stay together; a last table too long for that keeps
        its last two rows (its headings repeated when they go over) with the signature.
        """
        pdf = self.pdf
        gap = 12.0
        height = signature.height(pdf)

        def draw_signature(target: FPDF) -> None:
            target.ln(gap)
            signature.draw(target)

        def titled(block: Block) -> Block:
            return self._heading(title, block) if title else block

        grid = last.grid
        if grid is None or titled(last).height + gap + height <= pdf.eph:

            def draw(target: FPDF) -> None:
                last.draw(target)
                draw_signature(target)

            together = Block(draw, last.height + gap + height, last.lead)
            self._place(titled(together), before=before)
            return
        head, tail = grid.split_tail(2)
        heights = head.row_heights(pdf)
        self._place(titled(Block(head.draw, sum(heights), head.lead(heights))), before=before)
        heights = tail.row_heights(pdf)
        if self._fits(sum(heights) + gap + height):
            tail.draw(pdf)
        else:
            pdf.add_page()
            tail.with_headings(grid.rows[: grid.headings]).draw(pdf)
        draw_signature(pdf)
