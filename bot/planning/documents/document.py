"""The planning document (Dokumen Perencanaan Kinerja) of SOP steps 1-4 as a PDF.

One A4 portrait document: the unit's letterhead (kop), the title with the year and the
revision, then A. Tujuan PBJ, B. Area Strategis, C. Manual Indikator (one card per
indicator), D. Tabel Baseline dan Target, E. Rencana Aksi, and the head's signature block.
Every page carries a footer with the revision, "halaman X dari Y" and the generation time.
An approved revision shows the approval (date, approver in their capacity, the note of the
approval in the bot with its verification code); any other carries the "DRAF" mark.

Text is set in Liberation Sans (see ``bot.core.pdf``), embedded, so any name prints.
Blocks (an indicator card, an indicator's action table, the signature) are kept on one page
when they fit on one: their height is measured with the font's metrics before drawing, which
costs far less than drawing them twice. A table row too tall for a page is split into
continuation rows, so no text is ever cut; the signature is kept with the last rows above it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime

from fpdf import FPDF, FontFace
from fpdf.enums import TableBordersLayout, VAlign, XPos, YPos
from fpdf.table import Table

from bot.core.dates import format_date, format_datetime, format_rupiah
from bot.core.pdf import (
    BLACK,
    FONT_FAMILY,
    GREY_TEXT,
    SMALL_SIZE,
    OfficialPdf,
    SignatureBlock,
    draw_letterhead,
    draw_page_footer,
    line_count,
    set_metadata,
    signature_block,
    text_lines,
)
from bot.core.profile import OrgProfile
from bot.core.signing import Approval, capacity_lines
from bot.planning.rules.model import ActionPlan, Frequency, Indicator, Plan
from bot.planning.rules.periods import period_label
from bot.planning.rules.values import format_number

DOCUMENT_TITLE = "DOKUMEN PERENCANAAN KINERJA"
# The document's kind in the profile's [atas_nama] table.
SIGNED_KIND = "dokumen-perencanaan"

_BODY_SIZE = 11.0
_BODY_LINE = 5.4

_HEAD_FILL = (214, 226, 240)
_LABEL_FILL = (243, 243, 243)

_TABLE_SIZE = 9.0
_TABLE_LINE = _TABLE_SIZE * 0.45
_PAD_Y, _PAD_X = 1.1, 1.4
_CONTINUED = "(lanjutan)"

_MISSING = "belum diisi"

_EVERY_PERIOD = {
    Frequency.BULANAN: "setiap bulan",
    Frequency.TRIWULANAN: "setiap triwulan",
    Frequency.SEMESTER: "setiap semester",
}

_HEAD_STYLE = FontFace(emphasis="BOLD", fill_color=_HEAD_FILL)
_LABEL_STYLE = FontFace(emphasis="BOLD", fill_color=_LABEL_FILL)
_SUBHEAD_STYLE = FontFace(emphasis="BOLD", size_pt=SMALL_SIZE)
_MISSING_STYLE = FontFace(color=GREY_TEXT)


class _PlanPdf(OfficialPdf):
    """A4 portrait with the document's fonts, margins, footer and (drafts) the DRAF mark."""

    def __init__(self, footer_text: str, footer_time: str, *, draft: bool) -> None:
        super().__init__(body_size=_BODY_SIZE, draft=draft)
        self.footer_text = footer_text
        self.footer_time = footer_time

    def footer(self) -> None:
        draw_page_footer(self, self.footer_text, self.footer_time)


# Values -----------------------------------------------------------------------------------


def _bare(value: float | None, unit: str) -> str:
    """A value without its unit, for tables with a unit column (whole Rupiah)."""
    if value is not None and unit == "Rp":
        value = round(value)
    return format_number(value)


def _with_unit(value: float | None, unit: str) -> str:
    """``45 hari``, ``60%``, ``Rp 1.250.000``, ``82`` (empty when there is no value)."""
    if value is None:
        return ""
    if unit == "Rp":
        return format_rupiah(value)
    text = format_number(value)
    if unit == "%":
        return f"{text}%"
    if unit == "hari":
        return f"{text} hari"
    return text


def _label(frequency: Frequency | None, number: int) -> str:
    if frequency is not None and 1 <= number <= frequency.periods_per_year:
        return period_label(frequency, number)
    return f"Periode {number}"


def _short_label(label: str) -> str:
    """``TW I``, ``Smt II``, ``Jan``: period labels for the compact table."""
    if label.startswith("Triwulan "):
        return "TW " + label.removeprefix("Triwulan ")
    if label.startswith("Semester "):
        return "Smt " + label.removeprefix("Semester ")
    if label.startswith("Periode ") or label == "Tahunan":
        return label
    return label[:3]


def _period_targets_full(indicator: Indicator) -> str:
    """One period a line; months (more than four periods) run on in one paragraph."""
    frequency = indicator.reporting_frequency
    parts = [
        f"{_label(frequency, n)}: {_with_unit(value, indicator.unit)}"
        for n, value in enumerate(indicator.period_targets, start=1)
    ]
    return ("; " if len(parts) > 4 else "\n").join(parts)


def _period_targets_compact(indicator: Indicator) -> str:
    """``setiap triwulan: 45`` or one ``TW I: 25`` a line, for the baseline/target table."""
    targets = indicator.period_targets
    if not targets:
        return "-"
    frequency = indicator.reporting_frequency
    if len(targets) > 1 and len(set(targets)) == 1 and frequency in _EVERY_PERIOD:
        assert frequency is not None
        return f"{_EVERY_PERIOD[frequency]}: {_bare(targets[0], indicator.unit)}"
    return "\n".join(
        f"{_short_label(_label(frequency, n))}: {_bare(value, indicator.unit)}"
        for n, value in enumerate(targets, start=1)
    )


def _formula_text(formula: str) -> str:
    return " ".join(formula.replace("*", " × ").split())


def _schedule(action: ActionPlan) -> str:
    start = format_date(action.start, with_weekday=False) if action.start else ""
    end = format_date(action.end, with_weekday=False) if action.end else ""
    if start and end:
        return f"{start} –\n{end}"
    if start:
        return f"mulai {start}"
    if end:
        return f"s.d. {end}"
    return "-"


# Tables -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    style: FontFace | None = None


def _value(text: str, colspan: int = 1) -> _Cell:
    """A value cell; an empty value says it is not filled in yet."""
    if text.strip():
        return _Cell(text.strip(), colspan)
    return _Cell(_MISSING, colspan, style=_MISSING_STYLE)


def _table(pdf: FPDF, widths: Sequence[float], headings: int) -> AbstractContextManager[Table]:
    """``pdf.table`` with this document's look; ``widths`` are millimetres."""
    pdf.set_font(FONT_FAMILY, "", _TABLE_SIZE)
    return pdf.table(
        width=sum(widths),
        col_widths=tuple(widths),
        align="LEFT",
        text_align="LEFT",
        v_align=VAlign.T,
        line_height=_TABLE_LINE,
        padding=(_PAD_Y, _PAD_X, _PAD_Y, _PAD_X),
        headings_style=_HEAD_STYLE,
        first_row_as_headings=headings > 0,
        num_heading_rows=headings,
        repeat_headings=1,
        borders_layout=TableBordersLayout.ALL,
    )


@dataclass(frozen=True)
class _Grid:
    """A table: column widths (mm) and rows; the first ``headings`` rows repeat on each page."""

    widths: tuple[float, ...]
    rows: tuple[tuple[_Cell, ...], ...]
    headings: int = 1

    def draw(self, pdf: FPDF) -> None:
        with _table(pdf, self.widths, self.headings) as table:
            for cells in self.rows:
                row = table.row()
                for cell in cells:
                    row.cell(
                        cell.text, colspan=cell.colspan, rowspan=cell.rowspan, style=cell.style
                    )

    def _set_font(self, pdf: FPDF, index: int, cell: _Cell) -> None:
        style = cell.style or FontFace()
        bold = index < self.headings or (style.emphasis is not None and "B" in style.emphasis.style)
        pdf.set_font(FONT_FAMILY, "B" if bold else "", style.size_pt or _TABLE_SIZE)

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
                    lines = max(lines, line_count(pdf, cell.text, width, padding_x=_PAD_X))
                column += cell.colspan
            spanned = {col: left - 1 for col, left in spanned.items() if left > 1}
            heights.append(lines * _TABLE_LINE + 2 * _PAD_Y)
        return heights

    def height(self, pdf: FPDF) -> float:
        return sum(self.row_heights(pdf))

    def lead(self, heights: Sequence[float]) -> float:
        """The height of the headings and the first row (``heights`` are the rows'):
        what a caption is kept with."""
        return sum(heights[: self.headings + 1])

    def fitted(self, pdf: FPDF, heights: Sequence[float]) -> _Grid:
        """This grid with every row too tall for a page split into continuation rows.

        A row is split by its wrapped lines: each part holds the next lines of every cell;
        the first cell of a continuation row (a label) says "<label> (lanjutan)". Rows with
        a rowspan (short by nature) are left alone.
        """
        repeated = sum(heights[: self.headings])
        most = max(int((pdf.eph - repeated - 8) / _TABLE_LINE), 4)
        rows: list[tuple[_Cell, ...]] = []
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
                parts.append(text_lines(pdf, cell.text, width, padding_x=_PAD_X))
                column += cell.colspan
            longest = max(len(lines) for lines in parts)
            for start in range(0, longest, most):
                row = []
                for position, (cell, lines) in enumerate(zip(cells, parts, strict=True)):
                    text = "\n".join(lines[start : start + most])
                    if start and position == 0 and not text:
                        text = f"{cell.text} {_CONTINUED}"  # "Definisi (lanjutan)"
                    row.append(_Cell(text, cell.colspan, 1, cell.style))
                rows.append(tuple(row))
        return _Grid(self.widths, tuple(rows), self.headings)

    def split_tail(self, count: int) -> tuple[_Grid, _Grid]:
        """The rows but the last ``count``, and the last ``count`` (without headings)."""
        cut = max(len(self.rows) - count, self.headings)
        return (
            _Grid(self.widths, self.rows[:cut], self.headings),
            _Grid(self.widths, self.rows[cut:], 0),
        )

    def with_headings(self, headings: Sequence[tuple[_Cell, ...]]) -> _Grid:
        return _Grid(self.widths, (*headings, *self.rows), len(headings))


@dataclass(frozen=True)
class _Block:
    """Something to place on the page, with its measured height; ``lead`` is the part that
    must stay on the page of what comes just before it (a caption's first row)."""

    draw: Callable[[FPDF], None]
    height: float
    lead: float = 0.0
    grid: _Grid | None = None


def _grid_block(pdf: FPDF, grid: _Grid) -> _Block:
    heights = grid.row_heights(pdf)
    fitted = grid.fitted(pdf, heights)
    if fitted.rows != grid.rows:
        heights = fitted.row_heights(pdf)
    return _Block(fitted.draw, sum(heights), fitted.lead(heights), fitted)


class _Writer:
    """Lays the document out on ``pdf``."""

    def __init__(self, plan: Plan, profile: OrgProfile, pdf: _PlanPdf) -> None:
        self.plan = plan
        self.profile = profile
        self.pdf = pdf

    # Placing blocks -------------------------------------------------------------------

    def _fits(self, height: float, *, before: float = 0.0) -> bool:
        pdf = self.pdf
        return pdf.get_y() + before + height <= pdf.page_break_trigger

    def _at_top(self) -> bool:
        return self.pdf.get_y() <= self.pdf.t_margin + 0.5

    def _place(self, block: _Block, *, before: float = 0.0) -> None:
        """Draw ``block``, on a new page when it does not fit here but fits on a fresh page
        (a block taller than a page starts here when its lead fits)."""
        pdf = self.pdf
        keep = block.height if block.height <= pdf.eph else block.lead
        if not self._at_top() and not self._fits(keep, before=before):
            pdf.add_page()
        elif not self._at_top():
            pdf.ln(before)
        block.draw(pdf)

    def _text(self, text: str, *, style: str = "", size: float = _BODY_SIZE) -> _Block:
        pdf = self.pdf
        pdf.set_font(FONT_FAMILY, style, size)
        line = _BODY_LINE * size / _BODY_SIZE

        def draw(target: FPDF) -> None:
            target.set_font(FONT_FAMILY, style, size)
            target.multi_cell(0, line, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

        lines = line_count(pdf, text, pdf.epw)
        return _Block(draw, lines * line, min(lines, 2) * line)

    def _numbered(self, number: str, text: str) -> _Block:
        pdf = self.pdf
        indent, line = 8.0, _BODY_LINE
        pdf.set_font(FONT_FAMILY, "", _BODY_SIZE)

        def draw(target: FPDF) -> None:
            target.set_font(FONT_FAMILY, "", _BODY_SIZE)
            target.cell(indent, line, number)
            target.multi_cell(
                target.epw - indent, line, text, align="J", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )

        lines = line_count(pdf, text, pdf.epw - indent)
        return _Block(draw, lines * line, min(lines, 2) * line)

    def _heading(self, title: str, first: _Block | str) -> _Block:
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

        return _Block(draw, heading + first.height, heading + first.lead)

    def _section(self, title: str, first: _Block | str) -> None:
        """A section heading, kept on the page of the section's first block (its lead)."""
        self._place(self._heading(title, first), before=6)

    # Parts of the document ------------------------------------------------------------

    def letterhead(self) -> None:
        draw_letterhead(self.pdf, self.profile)

    def title(self, revision_label: str) -> None:
        pdf = self.pdf
        pdf.set_font(FONT_FAMILY, "B", 13)
        pdf.multi_cell(0, 6.5, DOCUMENT_TITLE, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(FONT_FAMILY, "B", 12)
        pdf.multi_cell(
            0, 6, f"TAHUN {self.plan.year}", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        pdf.set_font(FONT_FAMILY, "", 9.5)
        pdf.set_text_color(*GREY_TEXT)
        pdf.multi_cell(0, 5, revision_label, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(*BLACK)
        pdf.ln(2)

    def empty(self) -> None:
        self._place(
            self._text(
                f"Rencana kinerja tahun {self.plan.year} masih kosong: belum ada tujuan PBJ, "
                "area strategis, indikator kinerja maupun rencana aksi."
            ),
            before=6,
        )

    def objectives(self) -> None:
        title = "A. Tujuan PBJ"
        objectives = self.plan.objectives
        if not objectives:
            self._section(title, "Belum ada tujuan PBJ.")
            return
        for number, objective in enumerate(objectives, start=1):
            block = self._numbered(f"{number}.", objective.text.strip() or _MISSING)
            if number == 1:
                self._section(title, block)
            else:
                self._place(block, before=1.2)

    def areas(self) -> None:
        title = "B. Area Strategis"
        if not self.plan.areas:
            self._section(title, "Belum ada area strategis.")
            return
        numbers = {o.code: n for n, o in enumerate(self.plan.objectives, start=1)}
        rows = [
            tuple(_Cell(t) for t in ("Kode", "Area Strategis", "Kategori Pengukuran", "Tujuan"))
        ]
        for area in self.plan.areas:
            number = numbers.get(area.objective_code)
            goal = area.objective_code or "-"
            if number is not None:
                goal = f"Tujuan {number} ({area.objective_code})"
            rows.append(
                (
                    _Cell(area.code),
                    _value(area.name),
                    _Cell(area.category.value),
                    _Cell(goal),
                )
            )
        self._section(title, _grid_block(self.pdf, _Grid((16, 79, 38, 32), tuple(rows))))

    def indicator_cards(self) -> None:
        title = "C. Manual Indikator"
        indicators = self.plan.indicators
        if not indicators:
            self._section(title, "Belum ada indikator kinerja.")
            return
        for index, indicator in enumerate(indicators):
            block = _grid_block(self.pdf, self._card(indicator))
            if index == 0:
                self._section(title, block)
            else:
                self._place(block, before=6)

    def _card(self, indicator: Indicator) -> _Grid:
        """Six columns: full rows span 1+5, paired rows 1+2+1+2, input rows 1+2+2+1."""
        area = self.plan.area(indicator.area_code)
        unit = indicator.unit
        rows: list[tuple[_Cell, ...]] = []

        def full(name: str, text: str) -> None:
            rows.append((_Cell(name, style=_LABEL_STYLE), _value(text, 5)))

        def pair(name1: str, text1: str, name2: str, text2: str) -> None:
            rows.append(
                (
                    _Cell(name1, style=_LABEL_STYLE),
                    _value(text1, 2),
                    _Cell(name2, style=_LABEL_STYLE),
                    _value(text2, 2),
                )
            )

        rows.append((_Cell(f"{indicator.code}   {indicator.name.strip()}".strip(), 6),))
        full("Kode", indicator.code)
        area_text = indicator.area_code
        if area is not None:
            area_text = f"{area.code} — {area.name} ({area.category.value})"
        full("Area strategis", area_text)
        full("Nama indikator", indicator.name)
        full("Definisi", indicator.definition)
        full("Rumus", _formula_text(indicator.formula))
        if indicator.inputs:
            rows.append(
                (
                    _Cell("Input rumus", rowspan=len(indicator.inputs) + 1, style=_LABEL_STYLE),
                    _Cell("Nama input", 2, style=_SUBHEAD_STYLE),
                    _Cell("Keterangan", 2, style=_SUBHEAD_STYLE),
                    _Cell("Jenis", style=_SUBHEAD_STYLE),
                )
            )
            for item in indicator.inputs:
                rows.append((_Cell(item.name, 2), _value(item.label, 2), _Cell(item.kind.value)))
        else:
            full("Input rumus", "")
        polarity = indicator.polarity.value if indicator.polarity else ""
        pair("Satuan", unit, "Polaritas", polarity)
        monitoring, reporting = indicator.monitoring_frequency, indicator.reporting_frequency
        pair(
            "Frekuensi pemantauan",
            monitoring.value if monitoring else "",
            "Frekuensi pelaporan",
            reporting.value if reporting else "",
        )
        pair("Sumber data", indicator.data_source, "Unit PIC", indicator.pic_unit)
        full("Bukti dukung", indicator.evidence)
        baseline = _with_unit(indicator.baseline_value, unit)
        if baseline and indicator.baseline_year is not None:
            baseline += f" (tahun {indicator.baseline_year})"
        pair("Baseline", baseline, "Target tahunan", _with_unit(indicator.annual_target, unit))
        full("Target per periode", _period_targets_full(indicator))
        return _Grid((33, 22, 24, 33, 35, 18), tuple(rows))

    def targets(self) -> None:
        title = "D. Tabel Baseline dan Target"
        if not self.plan.indicators:
            self._section(title, "Belum ada indikator kinerja.")
            return
        head = ("Kode", "Indikator", "Satuan", "Baseline", "Target Tahunan", "Target per Periode")
        rows = [tuple(_Cell(text) for text in head)]
        for indicator in self.plan.indicators:
            # The unit has its own column, so values are bare numbers (Rupiah too).
            baseline = _bare(indicator.baseline_value, indicator.unit)
            if indicator.baseline_value is not None and indicator.baseline_year is not None:
                baseline += f"\n({indicator.baseline_year})"
            rows.append(
                (
                    _Cell(indicator.code),
                    _Cell(indicator.name.strip() or "-"),
                    _Cell(indicator.unit or "-"),
                    _Cell(baseline),
                    _Cell(_bare(indicator.annual_target, indicator.unit)),
                    _Cell(_period_targets_compact(indicator)),
                )
            )
        # Number columns as wide as their longest value (Rupiah amounts are long), so
        # numbers never break inside; the indicator name takes what is left.
        pdf = self.pdf
        pdf.set_font(FONT_FAMILY, "", _TABLE_SIZE)

        def needed(column: int, least: float, most: float) -> float:
            longest = max(
                pdf.get_string_width(line)
                for row in rows[1:]
                for line in row[column].text.split("\n")
            )
            return min(max(longest + 2 * _PAD_X + 0.5, least), most)

        numbers = [needed(3, 21, 34), needed(4, 21, 34), needed(5, 34, 48)]
        grid = _Grid((18, pdf.epw - 18 - 15 - sum(numbers), 15, *numbers), tuple(rows))
        # The table may run over pages (its heading repeats); its heading and first row are
        # kept with the section heading.
        self._section(title, _grid_block(pdf, grid))

    def actions(self) -> tuple[str, _Block, float]:
        """Place the action plans but the last block, which is returned, with the section
        title when it is the section's first block and the space before it, to be placed
        with the signature."""
        title = "E. Rencana Aksi"
        plan = self.plan
        codes = [i.code for i in plan.indicators]
        codes += sorted({a.indicator_code for a in plan.actions} - set(codes))
        groups = [(code, plan.actions_of(code)) for code in codes]
        groups = [(code, actions) for code, actions in groups if actions]
        if not groups:
            return title, self._text("Belum ada rencana aksi."), 6.0
        blocks = [_grid_block(self.pdf, self._action_group(code, group)) for code, group in groups]
        if len(blocks) == 1:
            return title, blocks[0], 6.0
        self._section(title, blocks[0])
        for block in blocks[1:-1]:
            self._place(block, before=4.0)
        return "", blocks[-1], 4.0

    def _action_group(self, code: str, actions: Sequence[ActionPlan]) -> _Grid:
        indicator = self.plan.indicator(code)
        title = f"{code}   {indicator.name.strip()}" if indicator and indicator.name else code
        head = ("No", "Kegiatan", "Keluaran", "Jadwal", "Unit PIC", "Status")
        rows = [(_Cell(title, 6),), tuple(_Cell(text, style=_SUBHEAD_STYLE) for text in head)]
        for action in actions:
            rows.append(
                (
                    _Cell(str(action.number)),
                    _Cell(action.activity.strip() or "-"),
                    _Cell(action.output.strip() or "-"),
                    _Cell(_schedule(action)),
                    _Cell(action.pic_unit.strip() or "-"),
                    _Cell(action.status.value),
                )
            )
        return _Grid((9, 44, 36, 33, 25, 18), tuple(rows), headings=2)

    def signature_block(self, approval: Approval | None, generated_at: datetime) -> SignatureBlock:
        """The head's block; on an approved revision: the approval date, the approver in
        their capacity and the note of the approval in the bot."""
        pdf, profile = self.pdf, self.profile
        width = pdf.epw * 0.5
        if approval is None:
            # A draft is not dated yet: the day stays open, as on a konsep.
            month_year = format_date(generated_at.astimezone(profile.timezone).date())
            month_year = " ".join(month_year.split()[2:])
            capacity = capacity_lines(
                profile.head.position, on_behalf_of=profile.signs_on_behalf_of(SIGNED_KIND)
            )
            place_date = f"{profile.city},              {month_year}"
            return signature_block(profile.head, [place_date], width=width, capacity=capacity)
        day = approval.at.astimezone(profile.timezone).date()
        place_date = f"{profile.city}, {format_date(day, with_weekday=False)}"
        return signature_block(
            approval.signatory,
            [place_date],
            width=width,
            capacity=approval.capacity_lines(),
            note=approval.note(profile.timezone),
        )

    def ending(self, title: str, last: _Block, before: float, signature: SignatureBlock) -> None:
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

        def titled(block: _Block) -> _Block:
            return self._heading(title, block) if title else block

        grid = last.grid
        if grid is None or titled(last).height + gap + height <= pdf.eph:

            def draw(target: FPDF) -> None:
                last.draw(target)
                draw_signature(target)

            together = _Block(draw, last.height + gap + height, last.lead)
            self._place(titled(together), before=before)
            return
        head, tail = grid.split_tail(2)
        heights = head.row_heights(pdf)
        self._place(titled(_Block(head.draw, sum(heights), head.lead(heights))), before=before)
        heights = tail.row_heights(pdf)
        if self._fits(sum(heights) + gap + height):
            tail.draw(pdf)
        else:
            pdf.add_page()
            tail.with_headings(grid.rows[: grid.headings]).draw(pdf)
        draw_signature(pdf)


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
    pdf = _PlanPdf(footer_text, footer_time, draft=approval is None)
    try:
        set_metadata(
            pdf,
            title=f"Dokumen Perencanaan Kinerja {plan.year} — {revision_label}",
            profile=profile,
            created=generated_at,
        )
        pdf.add_page()
        writer = _Writer(plan, profile, pdf)
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
