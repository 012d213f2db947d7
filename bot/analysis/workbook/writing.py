"""Writing the lembar analisis of a period (docs/formats/lembar-analisis-xlsx.md): the
indicators with their compiled numbers (read-only) and the analysis to fill, the period's
recommendations not decided yet, and a short ``Petunjuk``.

What people typed goes back into the workbook as text, never as a formula: a cell starting
with ``=``, ``+``, ``-`` or ``@`` is stored as a string with Excel's quote prefix.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from bot.analysis.workbook.layout import (
    ANALYSIS_COLUMNS,
    FILL_KEYS,
    GUIDE_LINES,
    GUIDE_ROWS,
    RECOMMENDATION_COLUMNS,
    SHEET_ANALYSIS,
    SHEET_GUIDE,
    SHEET_RECOMMENDATIONS,
    VERSION,
)
from bot.core.xlsx_text import put

DATE_FORMAT = "DD/MM/YYYY"
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
_READ_ONLY_FILL = PatternFill("solid", fgColor="E7E6E6")
_WRAP = Alignment(wrap_text=True, vertical="top")
_UNLOCKED = Protection(locked=False)


@dataclass(frozen=True)
class AnalysisRow:
    """One indicator: its numbers as shown (text, empty when missing) and its analysis."""

    code: str
    name: str
    realisation: str = ""
    target: str = ""
    achievement: str = ""
    band: str = ""
    what_happened: str = ""
    causes: str = ""
    method: str = ""


@dataclass(frozen=True)
class RecommendationRow:
    code: str
    what: str
    who: str
    due: date | None


@dataclass(frozen=True)
class SheetContent:
    """Everything the lembar analisis of one period holds."""

    year: int
    period_key: str
    period_label: str
    unit_name: str
    analyses: Sequence[AnalysisRow]
    recommendations: Sequence[RecommendationRow]
    decided: int  # recommendations already decided in a meeting (not in the sheet)


def _header(sheet: Worksheet, columns: Sequence[tuple[str, str, int]]) -> None:
    for index, (_, label, width) in enumerate(columns, start=1):
        cell = sheet.cell(1, index, label)
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _WRAP
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def _analysis_sheet(sheet: Worksheet, rows: Sequence[AnalysisRow]) -> None:
    _header(sheet, ANALYSIS_COLUMNS)
    for number, item in enumerate(rows, start=2):
        for index, (key, _, _) in enumerate(ANALYSIS_COLUMNS, start=1):
            put(sheet, number, index, getattr(item, key))
            cell = sheet.cell(number, index)
            cell.alignment = _WRAP
            if key in FILL_KEYS:
                cell.protection = _UNLOCKED
            else:
                cell.fill = _READ_ONLY_FILL


def _recommendation_sheet(sheet: Worksheet, rows: Sequence[RecommendationRow]) -> None:
    _header(sheet, RECOMMENDATION_COLUMNS)
    for number, item in enumerate(rows, start=2):
        put(sheet, number, 1, item.code)
        put(sheet, number, 2, item.what)
        put(sheet, number, 3, item.who)
        put(sheet, number, 4, item.due)
    for number in range(2, max(len(rows) + 2, 200)):
        for index in range(1, len(RECOMMENDATION_COLUMNS) + 1):
            sheet.cell(number, index).alignment = _WRAP
        sheet.cell(number, 4).number_format = DATE_FORMAT


def _guide_sheet(sheet: Worksheet, content: SheetContent) -> None:
    put(sheet, 1, 1, f"Lembar Analisis Kinerja — {content.unit_name}")
    sheet["A1"].font = Font(bold=True, size=13)
    values = {
        "version": VERSION,
        "year": content.year,
        "period": f"{content.period_label} {content.year}",
        "period_key": content.period_key,
    }
    for row, (key, label) in enumerate(GUIDE_ROWS, start=3):
        sheet.cell(row, 1, label).font = Font(bold=True)
        put(sheet, row, 2, values[key])
    first = 4 + len(GUIDE_ROWS)
    lines = list(GUIDE_LINES)
    if content.decided:
        lines.append(
            f"{content.decided} rekomendasi yang sudah diputuskan dalam rapat tidak ada di "
            "lembar Rekomendasi dan tidak berubah."
        )
    for offset, line in enumerate(lines):
        put(sheet, first + offset, 1, line)
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 60


def analysis_workbook(content: SheetContent) -> bytes:
    """The .xlsx of the lembar analisis."""
    workbook = Workbook()
    guide = workbook.active
    assert guide is not None
    guide.title = SHEET_GUIDE
    _guide_sheet(guide, content)
    _analysis_sheet(workbook.create_sheet(SHEET_ANALYSIS), content.analyses)
    _recommendation_sheet(workbook.create_sheet(SHEET_RECOMMENDATIONS), content.recommendations)
    workbook.active = 1
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
