"""The presentation deck of the report (SOP step 16): a landscape 16:9 PDF with a title
slide, the summary, one slide per strategic area with its chart and figures, the
recommendations, and the decisions the head is asked to take in the meeting (the
recommendations not decided yet)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime, time

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from bot.core.dates import format_date
from bot.core.labels import fit
from bot.core.pdf import DRAFT_LABEL, FONT_FAMILY, close_fonts, register_fonts, set_metadata
from bot.core.profile import OrgProfile
from bot.performance.documents import figures
from bot.performance.documents.content import (
    NO_DATA,
    UNCATEGORISED,
    AreaChart,
    Recommendation,
    ReportInput,
    Row,
    areas,
    band_counts,
    chart_of,
    period_label,
    rows,
)
from bot.performance.documents.page import fitted
from bot.performance.documents.report import TITLE

WIDTH, HEIGHT = 338.67, 190.5  # millimetres: 13,333 x 7,5 inch, 16:9
_MARGIN = 14.0
_NAVY = (31, 56, 100)
_GREY = (110, 110, 110)
_TABLE_ROWS = 14
_LIST_ROWS = 7
PARTIAL_NOTE = "* sementara: belum semua unit melapor (rinciannya di laporan)"
_BAND_COLOURS = {
    "Sangat Tinggi": (46, 125, 50),
    "Tinggi": (124, 179, 66),
    "Sedang": (251, 192, 45),
    "Rendah": (245, 124, 0),
    "Sangat Rendah": (198, 40, 40),
    UNCATEGORISED: (120, 144, 156),
    NO_DATA: (150, 150, 150),
}


class _Deck(FPDF):
    def __init__(self, footer_text: str) -> None:
        super().__init__(orientation="landscape", unit="mm", format=(HEIGHT, WIDTH))
        register_fonts(self)
        self.set_auto_page_break(auto=False)
        self.set_margins(_MARGIN, _MARGIN, _MARGIN)
        self.footer_text = footer_text

    def footer(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font(FONT_FAMILY, "", 9)
        self.set_text_color(*_GREY)
        self.set_xy(_MARGIN, HEIGHT - 10)
        self.cell(self.epw - 20, 5, self.footer_text)
        self.cell(20, 5, str(self.page_no()), align="R")
        self.set_text_color(0, 0, 0)


def _slide(deck: _Deck, title: str) -> None:
    """A new slide with its title bar."""
    deck.add_page()
    deck.set_fill_color(*_NAVY)
    deck.rect(0, 0, WIDTH, 22, style="F")
    deck.set_text_color(255, 255, 255)
    deck.set_font(FONT_FAMILY, "B", 20)
    deck.set_xy(_MARGIN, 6)
    deck.cell(deck.epw, 10, title)
    deck.set_text_color(0, 0, 0)
    deck.set_xy(_MARGIN, 30)


def _title_slide(deck: _Deck, profile: OrgProfile, report: ReportInput) -> None:
    deck.add_page()
    deck.set_fill_color(*_NAVY)
    deck.rect(0, 0, WIDTH, HEIGHT, style="F")
    deck.set_text_color(255, 255, 255)
    deck.set_xy(_MARGIN, 48)
    lines = (
        ("B", 14, profile.government.upper()),
        ("B", 18, profile.unit_name.upper()),
        ("", 6, ""),
        ("B", 30, f"Bahan Paparan {TITLE}"),
        ("", 20, f"Periode {report.period.title}"),
        ("", 6, ""),
        ("", 14, format_date(report.signing.day, with_weekday=False)),
    )
    for style, size, text in lines:
        deck.set_font(FONT_FAMILY, style, size)
        deck.multi_cell(deck.epw, size * 0.5, text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    deck.set_text_color(0, 0, 0)


def _summary_slide(deck: _Deck, report: ReportInput) -> None:
    _slide(deck, "Ringkasan Capaian")
    report_rows = rows(report.compilation, report.period)
    counts = band_counts(report_rows)
    box = (deck.epw - (len(counts) - 1) * 6) / len(counts)
    for n, (band, count) in enumerate(counts):
        x = _MARGIN + n * (box + 6)
        deck.set_fill_color(*_BAND_COLOURS.get(band, _BAND_COLOURS[NO_DATA]))
        deck.rect(x, 40, box, 46, style="F")
        deck.set_text_color(255, 255, 255)
        deck.set_font(FONT_FAMILY, "B", 34)
        deck.set_xy(x, 46)
        deck.cell(box, 18, str(count), align="C")
        deck.set_font(FONT_FAMILY, "B", 12)
        deck.set_xy(x, 68)
        deck.multi_cell(box, 6, band, align="C")
    deck.set_text_color(0, 0, 0)
    codes = {row.indicator.code for row in report_rows}
    actions = [a for a in report.compilation.actions if a.indicator_code in codes]
    late = sum(1 for a in actions if a.late)
    undecided = sum(1 for r in _in_scope(report) if not r.decision)
    deck.set_font(FONT_FAMILY, "", 16)
    deck.set_xy(_MARGIN, 100)
    facts = (
        f"{len(report_rows)} indikator dilaporkan pada periode {report.period.title}.",
        f"{sum(1 for r in report_rows if r.missing)} indikator belum memiliki data lengkap.",
        f"{len(actions)} rencana aksi, {late} di antaranya terlambat.",
        f"{undecided} rekomendasi menunggu keputusan Kepala.",
    )
    for fact in facts:
        deck.set_x(_MARGIN + 4)
        deck.multi_cell(deck.epw - 4, 10, f"\u2022  {fact}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _area_table(deck: _Deck, x: float, width: float, area_rows: Sequence[Row]) -> None:
    widths = (width * 0.36, width * 0.22, width * 0.18, width * 0.24)
    deck.set_xy(x, 32)
    deck.set_font(FONT_FAMILY, "B", 10)
    deck.set_fill_color(225, 230, 238)
    for text, w in zip(("Indikator", "Realisasi", "Capaian", "Kategori"), widths, strict=True):
        deck.cell(w, 8, text, border=1, align="C", fill=True)
    deck.set_font(FONT_FAMILY, "", 10)
    partial = False
    for row in area_rows[:_TABLE_ROWS]:
        result = None if row.missing else row.result
        mark = "*" if result is not None and result.missing_units else ""
        partial = partial or bool(mark)
        cells = (
            fit(f"{row.indicator.code} {row.indicator.name}", 24),
            figures.MISSING
            if result is None
            else figures.value(result.realisation, row.indicator.unit) + mark,
            figures.percent(None if result is None else result.achievement),
            "-" if result is None else result.band or "-",
        )
        deck.set_xy(x, deck.get_y() + 8)
        for text, w, align in zip(cells, widths, ("L", "R", "R", "C"), strict=True):
            deck.cell(w, 8, text, border=1, align=align)
    if len(area_rows) > _TABLE_ROWS:
        deck.set_xy(x, deck.get_y() + 10)
        deck.cell(width, 6, f"dan {len(area_rows) - _TABLE_ROWS} indikator lain (lihat laporan)")
    if partial:
        deck.set_xy(x, deck.get_y() + 10)
        deck.set_font(FONT_FAMILY, "", 8)
        deck.cell(width, 5, PARTIAL_NOTE)


def _area_slides(deck: _Deck, report: ReportInput, chart: AreaChart | None) -> None:
    for area, area_rows in areas(report.compilation, report.period):
        _slide(deck, f"{area.code} {area.name}")
        png = chart_of(chart, report, area_rows)
        table_x = _MARGIN
        if png:
            width, height = fitted(png, 196, HEIGHT - 30 - 18)
            deck.image(io.BytesIO(png), x=_MARGIN, y=30, w=width, h=height)
            table_x = _MARGIN + width + 6
        _area_table(deck, table_x, WIDTH - _MARGIN - table_x, area_rows)


def _in_scope(report: ReportInput) -> list[Recommendation]:
    codes = {row.indicator.code: row for row in rows(report.compilation, report.period)}
    found = []
    for item in report.recommendations:
        row = codes.get(item.indicator_code)
        key = report.period.key if row is None or row.result is None else row.result.period_key
        if row is not None and item.period_key == key:
            found.append(item)
    return found


def _list_slides(deck: _Deck, title: str, items: Sequence[Recommendation], empty: str) -> None:
    """Recommendations, seven to a slide (``title`` continued on the next)."""
    pages = [items[i : i + _LIST_ROWS] for i in range(0, len(items), _LIST_ROWS)] or [[]]
    for number, page in enumerate(pages):
        _slide(deck, title if number == 0 else f"{title} (lanjutan)")
        deck.set_font(FONT_FAMILY, "", 14)
        if not page:
            deck.multi_cell(deck.epw, 8, empty)
        for item in page:
            due = format_date(item.due, with_weekday=False) if item.due else "-"
            deck.set_font(FONT_FAMILY, "B", 13)
            deck.set_x(_MARGIN)
            deck.multi_cell(
                deck.epw,
                7,
                f"{item.indicator_code}  {item.what}",
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
            deck.set_font(FONT_FAMILY, "", 11)
            deck.set_text_color(*_GREY)
            decision = f"  \u2014  {item.decision}" if item.decision else ""
            deck.multi_cell(
                deck.epw,
                6,
                f"Pelaksana: {item.who or '-'}; batas waktu: {due}{decision}",
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
            deck.set_text_color(0, 0, 0)
            deck.ln(3)


def deck_pdf(profile: OrgProfile, report: ReportInput, *, chart: AreaChart | None = None) -> bytes:
    """The deck as a landscape 16:9 PDF."""
    label = period_label(report.compilation, report.period.key)
    footer = f"{profile.unit_name} \u2014 {TITLE} {report.period.title}"
    if report.signing.approval is None:
        footer += f" \u2014 {DRAFT_LABEL}"
    deck = _Deck(footer)
    try:
        set_metadata(
            deck,
            title=f"Bahan Paparan {TITLE} {label}",
            profile=profile,
            created=datetime.combine(report.signing.day, time(8), tzinfo=profile.timezone),
        )
        _title_slide(deck, profile, report)
        _summary_slide(deck, report)
        _area_slides(deck, report, chart)
        items = _in_scope(report)
        _list_slides(deck, "Rekomendasi", items, "Belum ada rekomendasi untuk periode ini.")
        _list_slides(
            deck,
            "Keputusan yang Diperlukan",
            [i for i in items if not i.decision],
            "Tidak ada rekomendasi yang menunggu keputusan.",
        )
        return bytes(deck.output())
    finally:
        close_fonts(deck)
