"""Tables of the planning document: cells, grids measured before they are drawn (so a
block can be kept on one page), rows too tall for a page split into continuation rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass

from fpdf import FPDF, FontFace
from fpdf.enums import TableBordersLayout, VAlign
from fpdf.table import Table

from bot.core.pdf import FONT_FAMILY, GREY_TEXT, SMALL_SIZE, line_count, text_lines

MISSING = "belum diisi"
_HEAD_FILL = (214, 226, 240)
_LABEL_FILL = (243, 243, 243)

TABLE_SIZE = 9.0
TABLE_LINE = TABLE_SIZE * 0.45
PAD_Y, PAD_X = 1.1, 1.4
_CONTINUED = "(lanjutan)"
HEAD_STYLE = FontFace(emphasis="BOLD", fill_color=_HEAD_FILL)
LABEL_STYLE = FontFace(emphasis="BOLD", fill_color=_LABEL_FILL)
SUBHEAD_STYLE = FontFace(emphasis="BOLD", size_pt=SMALL_SIZE)
MISSING_STYLE = FontFace(color=GREY_TEXT)


@dataclass(frozen=True)
class Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    style: FontFace | None = None


def value_cell(text: str, colspan: int = 1) -> Cell:
    """A value cell; an empty value says it is not filled in yet."""
    if text.strip():
        return Cell(text.strip(), colspan)
    return Cell(MISSING, colspan, style=MISSING_STYLE)


def pdf_table(pdf: FPDF, widths: Sequence[float], headings: int) -> AbstractContextManager[Table]:
    """``pdf.table`` with this document's look; ``widths`` are millimetres."""
    pdf.set_font(FONT_FAMILY, "", TABLE_SIZE)
    return pdf.table(
        width=sum(widths),
        col_widths=tuple(widths),
        align="LEFT",
        text_align="LEFT",
        v_align=VAlign.T,
        line_height=TABLE_LINE,
        padding=(PAD_Y, PAD_X, PAD_Y, PAD_X),
        headings_style=HEAD_STYLE,
        first_row_as_headings=headings > 0,
        num_heading_rows=headings,
        repeat_headings=1,
        borders_layout=TableBordersLayout.ALL,
    )


@dataclass(frozen=True)
class Grid:
    """A table: column widths (mm) and rows; the first ``headings`` rows repeat on each page."""

    widths: tuple[float, ...]
    rows: tuple[tuple[Cell, ...], ...]
    headings: int = 1

    def draw(self, pdf: FPDF) -> None:
        with pdf_table(pdf, self.widths, self.headings) as table:
            for cells in self.rows:
                row = table.row()
                for cell in cells:
                    row.cell(
                        cell.text, colspan=cell.colspan, rowspan=cell.rowspan, style=cell.style
                    )

    def _set_font(self, pdf: FPDF, index: int, cell: Cell) -> None:
        style = cell.style or FontFace()
        bold = index < self.headings or (style.emphasis is not None and "B" in style.emphasis.style)
        pdf.set_font(FONT_FAMILY, "B" if bold else "", style.size_pt or TABLE_SIZE)

    def row_heights(self, pdf: FPDF) -> list[float]:
        """Each row's drawn height, measured (a spanning cell is assumed to fit its rows)."""
        heights: list[float] = []
        spanned: dict[int, int] = {}  # column -> rows still covered by a rowspan above
        for index, cells in enumerate(self.rows):
            lines, column = 1, 0
            for cell in cells:
                while spanned.get(column, 0) > 0:
                    column += 1
                width = sum(self.widths[column : column + cell.colspan])
                if cell.rowspan > 1:
                    for covered in range(column, column + cell.colspan):
                        spanned[covered] = cell.rowspan
                else:
                    self._set_font(pdf, index, cell)
                    lines = max(lines, line_count(pdf, cell.text, width, padding_x=PAD_X))
                column += cell.colspan
            spanned = {col: left - 1 for col, left in spanned.items() if left > 1}
            heights.append(lines * TABLE_LINE + 2 * PAD_Y)
        return heights

    def height(self, pdf: FPDF) -> float:
        return sum(self.row_heights(pdf))

    def lead(self, heights: Sequence[float]) -> float:
        """The height of the headings and the first row (``heights`` are the rows'):
        what a caption is kept with."""
        return sum(heights[: self.headings + 1])

    def fitted(self, pdf: FPDF, heights: Sequence[float]) -> Grid:
        """This grid with every row too tall for a page split into continuation rows.

        A row is split by its wrapped lines: each part holds the next lines of every cell;
        the first cell of a continuation row (a label) says "<label> (lanjutan)". Rows with
        a rowspan (short by nature) are left alone.
        """
        repeated = sum(heights[: self.headings])
        most = max(int((pdf.eph - repeated - 8) / TABLE_LINE), 4)
        rows: list[tuple[Cell, ...]] = []
        for index, (cells, height) in enumerate(zip(self.rows, heights, strict=True)):
            spans = any(cell.rowspan > 1 for cell in cells)
            if height <= pdf.eph - repeated - 8 or index < self.headings or spans:
                rows.append(cells)
                continue
            parts: list[list[str]] = []
            column = 0
            for cell in cells:
                width = sum(self.widths[column : column + cell.colspan])
                self._set_font(pdf, index, cell)
                parts.append(text_lines(pdf, cell.text, width, padding_x=PAD_X))
                column += cell.colspan
            longest = max(len(lines) for lines in parts)
            for start in range(0, longest, most):
                row = []
                for position, (cell, lines) in enumerate(zip(cells, parts, strict=True)):
                    text = "\n".join(lines[start : start + most])
                    if start and position == 0 and not text:
                        text = f"{cell.text} {_CONTINUED}"  # "Definisi (lanjutan)"
                    row.append(Cell(text, cell.colspan, 1, cell.style))
                rows.append(tuple(row))
        return Grid(self.widths, tuple(rows), self.headings)

    def split_tail(self, count: int) -> tuple[Grid, Grid]:
        """The rows but the last ``count``, and the last ``count`` (without headings)."""
        cut = max(len(self.rows) - count, self.headings)
        return (
            Grid(self.widths, self.rows[:cut], self.headings),
            Grid(self.widths, self.rows[cut:], 0),
        )

    def with_headings(self, headings: Sequence[tuple[Cell, ...]]) -> Grid:
        return Grid(self.widths, (*headings, *self.rows), len(headings))


@dataclass(frozen=True)
class Block:
    """Something to place on the page, with its measured height; ``lead`` is the part that
    must stay on the page of what comes just before it (a caption's first row)."""

    draw: Callable[[FPDF], None]
    height: float
    lead: float = 0.0
    grid: Grid | None = None


def grid_block(pdf: FPDF, grid: Grid) -> Block:
    heights = grid.row_heights(pdf)
    fitted = grid.fitted(pdf, heights)
    if fitted.rows != grid.rows:
        heights = fitted.row_heights(pdf)
    return Block(fitted.draw, sum(heights), fitted.lead(heights), fitted)
