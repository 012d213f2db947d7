"""The report's workbook (.xlsx) with every number: Ringkasan, Capaian (every indicator and
period: target, realisation, achievement, band, the units missing), Rencana Aksi, Analisis
and Rekomendasi.

Numbers are written as numbers (with an Indonesian-looking number format), dates as dates;
whatever a person typed is written as text and never read as a formula (a text starting
with ``=`` stays that text).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from bot.core.dates import format_datetime
from bot.core.profile import OrgProfile
from bot.core.xlsx_text import text_cell
from bot.performance.documents.content import ReportInput, band_counts, period_label, rows
from bot.performance.documents.report import TITLE

Cell = str | float | int | date | None
_BOLD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="E1E6EE")
_WRAP = Alignment(wrap_text=True, vertical="top")
_NUMBER = "#,##0.##"
_PERCENT = "0.0"
_DATE = "DD/MM/YYYY"

_CAPAIAN = (
    ("Kode", 10),
    ("Indikator", 45),
    ("Area strategis", 28),
    ("Satuan", 9),
    ("Arah", 16),
    ("Frekuensi", 12),
    ("Periode", 14),
    ("Akhir periode", 13),
    ("Target", 16),
    ("Realisasi", 16),
    ("Capaian (%)", 11),
    ("Kategori", 14),
    ("Perubahan dari periode lalu", 14),
    ("Paket diharapkan", 10),
    ("Paket terhitung", 10),
    ("Unit belum melapor", 40),
    ("Keterangan", 30),
)


def _put(sheet: Worksheet, row: int, values: Sequence[Cell]) -> None:
    """One row: text as text (never a formula), numbers as numbers, dates as dates."""
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column)
        if value is None:
            continue
        text_cell(cell, value)
        if isinstance(value, date | datetime):
            cell.number_format = _DATE
        elif isinstance(value, float):
            cell.number_format = _NUMBER


def _table(
    sheet: Worksheet, head: Sequence[tuple[str, int]], body: Sequence[Sequence[Cell]], top: int = 1
) -> None:
    """A heading row (bold, shaded, frozen) and the rows under it."""
    _put(sheet, top, [name for name, _ in head])
    for column, (_, width) in enumerate(head, start=1):
        cell = sheet.cell(row=top, column=column)
        cell.font, cell.fill, cell.alignment = _BOLD, _HEAD_FILL, _WRAP
        sheet.column_dimensions[get_column_letter(column)].width = width
    for offset, values in enumerate(body, start=1):
        _put(sheet, top + offset, values)
    sheet.freeze_panes = sheet.cell(row=top + 1, column=1)


def _summary(sheet: Worksheet, profile: OrgProfile, report: ReportInput) -> None:
    computed = format_datetime(report.compilation.computed_at, profile.timezone)
    _put(sheet, 1, [f"{TITLE} {report.period.title}"])
    sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
    _put(sheet, 2, [profile.unit_name])
    _put(sheet, 3, ["Data terverifikasi sampai dengan", computed])
    _put(sheet, 4, ["Revisi", report.signing.revision])
    status = "draf, belum ditandatangani" if report.signing.approval is None else "ditandatangani"
    _put(sheet, 5, ["Status", status])
    counts = band_counts(rows(report.compilation, report.period))
    body: list[Sequence[Cell]] = [(band, n) for band, n in counts]
    body.append(("Jumlah", sum(n for _, n in counts)))
    _table(sheet, (("Kategori capaian", 30), ("Jumlah indikator", 18)), body, top=6)


def _capaian_rows(report: ReportInput) -> list[Sequence[Cell]]:
    areas = {a.code: a.name for a in report.compilation.areas}
    body: list[Sequence[Cell]] = []
    for indicator in report.compilation.indicators:
        direction = "makin tinggi makin baik" if indicator.higher_is_better else "makin rendah"
        for result in indicator.periods:
            body.append(
                (
                    indicator.code,
                    indicator.name,
                    f"{indicator.area_code} {areas.get(indicator.area_code, '')}".strip(),
                    indicator.unit,
                    direction,
                    indicator.frequency,
                    result.period_label,
                    result.period_end,
                    result.target,
                    result.realisation,
                    None if result.achievement is None else round(result.achievement, 2),
                    result.band or ("belum ada data" if result.is_missing else ""),
                    result.change_from_previous,
                    result.packages_expected,
                    result.packages_counted,
                    ", ".join(result.missing_units),
                    result.reason,
                )
            )
    return body


def _actions(report: ReportInput) -> list[Sequence[Cell]]:
    return [
        (
            a.indicator_code,
            a.number,
            a.activity,
            a.pic_unit,
            a.end,
            a.status,
            "Ya" if a.late else "Tidak",
            "; ".join(f"{unit}: {status}" for unit, status in a.by_unit),
        )
        for a in report.compilation.actions
    ]


def report_workbook(profile: OrgProfile, report: ReportInput) -> bytes:
    """The workbook of the report, as .xlsx bytes."""
    book = Workbook()

    def label(key: str) -> str:
        return period_label(report.compilation, key)

    summary = book.active
    assert summary is not None
    summary.title = "Ringkasan"
    _summary(summary, profile, report)
    _table(book.create_sheet("Capaian"), _CAPAIAN, _capaian_rows(report))
    capaian = book["Capaian"]
    for row in capaian.iter_rows(min_row=2, min_col=11, max_col=11):
        for cell in row:
            cell.number_format = _PERCENT
    action_head = (
        ("Indikator", 10),
        ("No", 5),
        ("Kegiatan", 50),
        ("Unit PIC", 30),
        ("Batas", 12),
        ("Status", 14),
        ("Terlambat", 10),
        ("Status per unit", 50),
    )
    _table(book.create_sheet("Rencana Aksi"), action_head, _actions(report))
    analysis_head = (
        ("Indikator", 10),
        ("Periode", 14),
        ("Yang terjadi", 50),
        ("Penyebab", 50),
        ("Metode analisis", 30),
    )
    analyses = [
        (a.indicator_code, label(a.period_key), a.what_happened, a.causes, a.method)
        for a in report.analyses
    ]
    _table(book.create_sheet("Analisis"), analysis_head, analyses)
    recommendation_head = (
        ("Indikator", 10),
        ("Periode", 14),
        ("No", 5),
        ("Rekomendasi", 50),
        ("Pelaksana", 30),
        ("Batas waktu", 12),
        ("Keputusan", 20),
    )
    recommendations = [
        (r.indicator_code, label(r.period_key), r.position, r.what, r.who, r.due, r.decision)
        for r in report.recommendations
    ]
    _table(book.create_sheet("Rekomendasi"), recommendation_head, recommendations)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
