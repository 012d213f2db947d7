"""Tables in a letter: bordered, flush right, the heading repeated on every page they run
over, the caption kept with the first row, and the last rows kept with what follows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from fpdf import FontFace
from fpdf.enums import TableBordersLayout, VAlign

from bot.core.pdf import FONT_FAMILY, line_count
from bot.letters.documents.layout import LINE, PAD_X, PAD_Y, SIZE, TABLE_LINE, TABLE_SIZE, Writer

# The signature never stands alone on a page: at least this many of the last lines of
# text (or rows of a table) before it go over with it.
KEEP_WITH_SIGNATURE = 2
_HEAD_STYLE = FontFace(emphasis="BOLD", fill_color=(230, 230, 230))
_TOTAL_STYLE = FontFace(emphasis="BOLD")


class _Columns(NamedTuple):
    """A table's column widths, heading texts and alignments."""

    widths: Sequence[float]
    head: Sequence[str]
    aligns: Sequence[str]


class TableWriter(Writer):
    """A :class:`Writer` that also draws tables."""

    def row_height(self, cells: Sequence[str], widths: Sequence[float], style: str = "") -> float:
        """The height of a table row, as :meth:`table` draws it."""
        self.pdf.set_font(FONT_FAMILY, style, TABLE_SIZE)
        lines = max(
            line_count(self.pdf, text, width, padding_x=PAD_X)
            for text, width in zip(cells, widths, strict=True)
        )
        return lines * TABLE_LINE + 2 * PAD_Y

    def table(
        self,
        widths: Sequence[float],
        head: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        aligns: Sequence[str],
        total: Sequence[str] | None = None,
        caption: str = "",
        after: float = 0.0,
    ) -> None:
        """A bordered table flush right, its heading repeated on each page it runs over.

        The ``caption`` line above it (indented as the table) stays with its heading and
        first row. The last rows stay with the ``total`` row and with the ``after``
        millimetres below the table (a signature): they go over together, under the
        repeated heading, when they do not fit.
        """
        pdf = self.pdf
        head_height = self.row_height(head, widths, "B")
        total_height = 0.0 if total is None else self.row_height(total, widths, "B")
        keep = min(KEEP_WITH_SIGNATURE, len(rows)) if total is not None or after else 0
        first, last = rows[: len(rows) - keep], rows[len(rows) - keep :]
        tail = sum(self.row_height(row, widths) for row in last) + total_height + after
        if caption:
            indent = pdf.epw - sum(widths)
            caption_height = self.lines(caption, pdf.epw - indent) * LINE + 1.2
            lead = self.row_height(first[0], widths) if first else tail
            self.keep(caption_height + head_height + lead + 1)
            self.text(caption, x=indent, align="L", gap=1.2)
        elif not first:
            self.keep(head_height + tail)
        with_heading = True
        if first:
            self._rows(_Columns(widths, head, aligns), first)
            with_heading = pdf.get_y() + tail > self.trigger
            if with_heading:
                pdf.add_page()
        if last or total is not None:
            self._rows(_Columns(widths, head, aligns), last, total=total, heading=with_heading)
        pdf.set_font(FONT_FAMILY, "", SIZE)

    def _rows(
        self,
        columns: _Columns,
        rows: Sequence[Sequence[str]],
        *,
        total: Sequence[str] | None = None,
        heading: bool = True,
    ) -> None:
        """Draw the rows (under the heading when ``heading``; without, they continue the
        table drawn just above)."""
        widths, head, aligns = columns
        pdf = self.pdf
        pdf.set_font(FONT_FAMILY, "", TABLE_SIZE)
        with pdf.table(
            width=sum(widths),
            col_widths=tuple(widths),
            align="RIGHT",
            v_align=VAlign.T,
            line_height=TABLE_LINE,
            padding=(PAD_Y, PAD_X, PAD_Y, PAD_X),
            headings_style=_HEAD_STYLE,
            first_row_as_headings=heading,
            repeat_headings=1,
            borders_layout=TableBordersLayout.ALL,
        ) as table:
            if heading:
                heading_row = table.row()
                for text in head:
                    heading_row.cell(text, align="C")
            for cells in rows:
                row = table.row()
                for text, align in zip(cells, aligns, strict=True):
                    row.cell(text, align=align)
            if total is not None:
                row = table.row()
                for text, align in zip(total, aligns, strict=True):
                    row.cell(text, align=align, style=_TOTAL_STYLE)
