"""Flowing text on an official page: the room left on a page and the lines a text takes,
for the writers of letters (``bot.letters.documents``) and of reports
(``bot.performance.documents``)."""

from __future__ import annotations

from fpdf import FPDF

from bot.core.pdf import BODY_SIZE, FONT_FAMILY, line_count


class FlowWriter:
    """What a writer of flowing text needs of its page: where the text area ends (``bottom``
    millimetres above the page's edge), a new page unless a block fits, and how many lines a
    text takes (``size``: its default body size). The letters' and the reports' writers."""

    bottom = 20.0
    size = BODY_SIZE
    pdf: FPDF

    @property
    def trigger(self) -> float:
        """Where the text area of a page ends (the usual page break)."""
        return self.pdf.h - self.bottom

    def keep(self, height: float) -> None:
        """Start a new page unless ``height`` millimetres fit below the current line."""
        pdf = self.pdf
        if pdf.get_y() + height > self.trigger and pdf.get_y() > pdf.t_margin + 1:
            pdf.add_page()

    def lines(self, text: str, width: float, style: str = "", size: float | None = None) -> int:
        self.pdf.set_font(FONT_FAMILY, style, self.size if size is None else size)
        return line_count(self.pdf, text, width)
