"""The planning document's parts, top to bottom: letterhead, title, A. Tujuan PBJ, B. Area
Strategis, C. Manual Indikator, D. Tabel Baseline dan Target, E. Rencana Aksi and the
head's signature."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from fpdf.enums import XPos, YPos

from bot.core.dates import format_date
from bot.core.pdf import (
    BLACK,
    FONT_FAMILY,
    GREY_TEXT,
    SignatureBlock,
    draw_letterhead,
    signature_block,
)
from bot.core.profile import OrgProfile
from bot.core.signing import Approval, capacity_lines
from bot.planning.documents.document.grid import (
    LABEL_STYLE,
    MISSING,
    PAD_X,
    SUBHEAD_STYLE,
    TABLE_SIZE,
    Block,
    Cell,
    Grid,
    grid_block,
    value_cell,
)
from bot.planning.documents.document.page import Layout, PlanPdf
from bot.planning.documents.document.values import (
    bare,
    formula_text,
    period_targets_compact,
    period_targets_full,
    schedule,
    with_unit,
)
from bot.planning.rules.model import ActionPlan, Indicator, Plan

DOCUMENT_TITLE = "DOKUMEN PERENCANAAN KINERJA"
# The document's kind in the profile's [atas_nama] table.
SIGNED_KIND = "dokumen-perencanaan"


class Writer(Layout):
    """Lays the document of ``plan`` out on ``pdf``."""

    def __init__(self, plan: Plan, profile: OrgProfile, pdf: PlanPdf) -> None:
        super().__init__(pdf)
        self.plan = plan
        self.profile = profile

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
            block = self._numbered(f"{number}.", objective.text.strip() or MISSING)
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
        rows = [tuple(Cell(t) for t in ("Kode", "Area Strategis", "Kategori Pengukuran", "Tujuan"))]
        for area in self.plan.areas:
            number = numbers.get(area.objective_code)
            goal = area.objective_code or "-"
            if number is not None:
                goal = f"Tujuan {number} ({area.objective_code})"
            rows.append(
                (
                    Cell(area.code),
                    value_cell(area.name),
                    Cell(area.category.value),
                    Cell(goal),
                )
            )
        self._section(title, grid_block(self.pdf, Grid((16, 79, 38, 32), tuple(rows))))

    def indicator_cards(self) -> None:
        title = "C. Manual Indikator"
        indicators = self.plan.indicators
        if not indicators:
            self._section(title, "Belum ada indikator kinerja.")
            return
        for index, indicator in enumerate(indicators):
            block = grid_block(self.pdf, self._card(indicator))
            if index == 0:
                self._section(title, block)
            else:
                self._place(block, before=6)

    def _card(self, indicator: Indicator) -> Grid:
        """Six columns: full rows span 1+5, paired rows 1+2+1+2, input rows 1+2+2+1."""
        area = self.plan.area(indicator.area_code)
        unit = indicator.unit
        rows: list[tuple[Cell, ...]] = []

        def full(name: str, text: str) -> None:
            rows.append((Cell(name, style=LABEL_STYLE), value_cell(text, 5)))

        def pair(name1: str, text1: str, name2: str, text2: str) -> None:
            rows.append(
                (
                    Cell(name1, style=LABEL_STYLE),
                    value_cell(text1, 2),
                    Cell(name2, style=LABEL_STYLE),
                    value_cell(text2, 2),
                )
            )

        rows.append((Cell(f"{indicator.code}   {indicator.name.strip()}".strip(), 6),))
        full("Kode", indicator.code)
        area_text = indicator.area_code
        if area is not None:
            area_text = f"{area.code} — {area.name} ({area.category.value})"
        full("Area strategis", area_text)
        full("Nama indikator", indicator.name)
        full("Definisi", indicator.definition)
        full("Rumus", formula_text(indicator.formula))
        if indicator.inputs:
            rows.append(
                (
                    Cell("Input rumus", rowspan=len(indicator.inputs) + 1, style=LABEL_STYLE),
                    Cell("Nama input", 2, style=SUBHEAD_STYLE),
                    Cell("Keterangan", 2, style=SUBHEAD_STYLE),
                    Cell("Jenis", style=SUBHEAD_STYLE),
                )
            )
            for item in indicator.inputs:
                rows.append((Cell(item.name, 2), value_cell(item.label, 2), Cell(item.kind.value)))
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
        baseline = with_unit(indicator.baseline_value, unit)
        if baseline and indicator.baseline_year is not None:
            baseline += f" (tahun {indicator.baseline_year})"
        pair("Baseline", baseline, "Target tahunan", with_unit(indicator.annual_target, unit))
        full("Target per periode", period_targets_full(indicator))
        return Grid((33, 22, 24, 33, 35, 18), tuple(rows))

    def targets(self) -> None:
        title = "D. Tabel Baseline dan Target"
        if not self.plan.indicators:
            self._section(title, "Belum ada indikator kinerja.")
            return
        head = ("Kode", "Indikator", "Satuan", "Baseline", "Target Tahunan", "Target per Periode")
        rows = [tuple(Cell(text) for text in head)]
        for indicator in self.plan.indicators:
            # The unit has its own column, so values are bare numbers (Rupiah too).
            baseline = bare(indicator.baseline_value, indicator.unit)
            if indicator.baseline_value is not None and indicator.baseline_year is not None:
                baseline += f"\n({indicator.baseline_year})"
            rows.append(
                (
                    Cell(indicator.code),
                    Cell(indicator.name.strip() or "-"),
                    Cell(indicator.unit or "-"),
                    Cell(baseline),
                    Cell(bare(indicator.annual_target, indicator.unit)),
                    Cell(period_targets_compact(indicator)),
                )
            )
        # Number columns as wide as their longest value (Rupiah amounts are long), so
        # numbers never break inside; the indicator name takes what is left.
        pdf = self.pdf
        pdf.set_font(FONT_FAMILY, "", TABLE_SIZE)

        def needed(column: int, least: float, most: float) -> float:
            longest = max(
                pdf.get_string_width(line)
                for row in rows[1:]
                for line in row[column].text.split("\n")
            )
            return min(max(longest + 2 * PAD_X + 0.5, least), most)

        numbers = [needed(3, 21, 34), needed(4, 21, 34), needed(5, 34, 48)]
        grid = Grid((18, pdf.epw - 18 - 15 - sum(numbers), 15, *numbers), tuple(rows))
        # The table may run over pages (its heading repeats); its heading and first row are
        # kept with the section heading.
        self._section(title, grid_block(pdf, grid))

    def actions(self) -> tuple[str, Block, float]:
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
        blocks = [grid_block(self.pdf, self._action_group(code, group)) for code, group in groups]
        if len(blocks) == 1:
            return title, blocks[0], 6.0
        self._section(title, blocks[0])
        for block in blocks[1:-1]:
            self._place(block, before=4.0)
        return "", blocks[-1], 4.0

    def _action_group(self, code: str, actions: Sequence[ActionPlan]) -> Grid:
        indicator = self.plan.indicator(code)
        title = f"{code}   {indicator.name.strip()}" if indicator and indicator.name else code
        head = ("No", "Kegiatan", "Keluaran", "Jadwal", "Unit PIC", "Status")
        rows = [(Cell(title, 6),), tuple(Cell(text, style=SUBHEAD_STYLE) for text in head)]
        for action in actions:
            rows.append(
                (
                    Cell(str(action.number)),
                    Cell(action.activity.strip() or "-"),
                    Cell(action.output.strip() or "-"),
                    Cell(schedule(action)),
                    Cell(action.pic_unit.strip() or "-"),
                    Cell(action.status.value),
                )
            )
        return Grid((9, 44, 36, 33, 25, 18), tuple(rows), headings=2)

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
