"""Tables of the reports, drawn directly: each cell's text is wrapped once and its lines
written one by one (fpdf2's own table wraps every cell several times, too slow for a year
of 60 indicators). Bordered, across the text width, the heading repeated on every page,
a row never split, and the heading never alone at the foot of a page."""

from __future__ import annotations

from collections.abc import Sequence

from fpdf import FPDF

from bot.core.pdf import FONT_FAMILY

TABLE_SIZE = 8.5
TABLE_LINE = 3.9
PAD_Y, PAD_X = 1.0, 1.2
_HEAD_FILL = (225, 230, 238)
_BORDER = (60, 60, 60)

Wrapped = tuple[tuple[str, ...], ...]


class _Widths:
    """Word widths in the table font, measured once per document."""

    def __init__(self, pdf: FPDF) -> None:
        self.pdf = pdf
        self.known: dict[tuple[str, str], float] = {}

    def of(self, style: str, word: str) -> float:
        key = (style, word)
        found = self.known.get(key)
        if found is None:
            found = self.known[key] = self.pdf.get_string_width(word)
        return found


def _split_word(widths: _Widths, style: str, word: str, room: float) -> list[str]:
    """A word wider than a line, cut into pieces that fit."""
    pieces, piece = [], ""
    for char in word:
        if piece and widths.of(style, piece + char) > room:
            pieces.append(piece)
            piece = ""
        piece += char
    return [*pieces, piece]


def wrap(widths: _Widths, style: str, text: str, room: float) -> tuple[str, ...]:
    """``text`` broken into lines no wider than ``room`` millimetres, at spaces (a word
    longer than a line is cut); each line of the text starts a new line."""
    lines: list[str] = []
    space = widths.of(style, " ")
    for paragraph in text.split("\n"):
        line, used = "", 0.0
        for word in paragraph.split():
            width = widths.of(style, word)
            if line and used + space + width <= room:
                line, used = f"{line} {word}", used + space + width
                continue
            if line:
                lines.append(line)
            if width > room:
                *whole, word = _split_word(widths, style, word, room)
                lines += whole
                width = widths.of(style, word)
            line, used = word, width
        lines.append(line)
    return tuple(lines) or ("",)


def _wrap(widths: _Widths, cells: Sequence[str], columns: Sequence[float], style: str) -> Wrapped:
    widths.pdf.set_font(FONT_FAMILY, style, TABLE_SIZE)
    return tuple(
        wrap(widths, style, text, width - 2 * PAD_X)
        for text, width in zip(cells, columns, strict=True)
    )


def _height(cells: Wrapped) -> float:
    return max(len(lines) for lines in cells) * TABLE_LINE + 2 * PAD_Y


def _draw(
    pdf: FPDF,
    cells: Wrapped,
    widths: Sequence[float],
    aligns: Sequence[str],
    *,
    head: bool = False,
) -> None:
    height, top, x = _height(cells), pdf.get_y(), pdf.l_margin
    pdf.set_font(FONT_FAMILY, "B" if head else "", TABLE_SIZE)
    pdf.set_draw_color(*_BORDER)
    pdf.set_line_width(0.2)
    pdf.set_fill_color(*_HEAD_FILL)
    for lines, width, align in zip(cells, widths, aligns, strict=True):
        pdf.rect(x, top, width, height, style="DF" if head else "D")
        for number, line in enumerate(lines):
            pdf.set_xy(x + PAD_X, top + PAD_Y + number * TABLE_LINE)
            pdf.cell(width - 2 * PAD_X, TABLE_LINE, line, align=align)
        x += width
    pdf.set_xy(pdf.l_margin, top + height)


def draw_table(
    pdf: FPDF,
    widths: Sequence[float],
    head: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    aligns: Sequence[str],
    bottom: float,
) -> None:
    """The table from the current line; ``bottom`` is where a page's text area ends."""
    scale = pdf.epw / sum(widths)
    widths = [w * scale for w in widths]
    measure = _Widths(pdf)
    heading = _wrap(measure, head, widths, "B")
    body = [_wrap(measure, row, widths, "") for row in rows]
    centred = ["C"] * len(widths)
    lead = _height(heading) + sum(_height(cells) for cells in body[:2])
    if pdf.get_y() + lead > bottom and pdf.get_y() > pdf.t_margin + 1:
        pdf.add_page()
    auto, margin, cell_margin = pdf.auto_page_break, pdf.b_margin, pdf.c_margin
    pdf.set_auto_page_break(False)
    pdf.c_margin = 0  # the padding is the cell's own
    try:
        _draw(pdf, heading, widths, centred, head=True)
        for cells in body:
            if pdf.get_y() + _height(cells) > bottom:
                pdf.add_page()
                _draw(pdf, heading, widths, centred, head=True)
            _draw(pdf, cells, widths, aligns)
    finally:
        pdf.set_auto_page_break(auto, margin)
        pdf.c_margin = cell_margin
