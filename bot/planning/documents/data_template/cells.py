"""How the data template's cells look and what they accept: header rows, data cells,
drop-down lists and number or date checks."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.datavalidation import DataValidation

from bot.core.xlsx_text import put
from bot.planning.documents.data_template.layout import (
    FIRST_DATA_ROW,
    HINT_ROW,
    KEY_ROW,
    LABEL_ROW,
)

THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="D6E2F0")
HINT_FILL = PatternFill("solid", fgColor="EEF3F9")
FIXED_FILL = PatternFill("solid", fgColor="F2F2F2")
LOCKED = Protection(locked=True)
UNLOCKED = Protection(locked=False)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")

Column = tuple[str, str, str]  # key, label, hint


def row_height(cells: Sequence[tuple[object, float]], *, line: float = 15.0) -> float:
    """A row height (points) that shows every wrapped value; cells are (value, width).

    Spreadsheet programs do not all grow rows to fit wrapped text on opening, so the
    height is set from an estimate: about 1.1 characters per unit of column width.
    """
    lines = 1
    for value, width in cells:
        if value is None:
            continue
        per_line = max(int(width * 1.1), 1)
        lines = max(
            lines,
            sum(max(1, -(-len(part) // per_line)) for part in str(value).split("\n")),
        )
    return lines * line


def header(ws: Any, columns: Sequence[Column], widths: Sequence[float]) -> None:
    """The three header rows (label, hint, key), frozen above the data."""
    for index, ((key, label, hint), width) in enumerate(zip(columns, widths, strict=True), 1):
        for row, text, font, fill in (
            (LABEL_ROW, label, Font(bold=True), HEAD_FILL),
            (HINT_ROW, hint, Font(italic=True, size=9, color="404040"), HINT_FILL),
            (KEY_ROW, key, Font(size=8, color="808080"), HINT_FILL),
        ):
            cell = put(ws, row, index, text)
            cell.font = font
            cell.fill = fill
            cell.border = BORDER
            cell.alignment = WRAP_TOP
            cell.protection = LOCKED
        ws.column_dimensions[get_column_letter(index)].width = width
    for row, at in ((LABEL_ROW, 1), (HINT_ROW, 2)):
        texts = [(column[at], width) for column, width in zip(columns, widths, strict=True)]
        ws.row_dimensions[row].height = row_height(texts, line=12.5)
    ws.print_title_rows = f"{LABEL_ROW}:{KEY_ROW}"
    ws.page_setup.orientation = "landscape"
    fit_to_width(ws)
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=1).coordinate


def data_cell(
    ws: Any,
    row: int,
    column: int,
    value: object = None,
    *,
    number_format: str | None = None,
    locked: bool = False,
) -> None:
    cell = put(ws, row, column, value)
    cell.border = BORDER
    cell.alignment = WRAP_TOP
    cell.protection = LOCKED if locked else UNLOCKED
    if locked:
        cell.fill = FIXED_FILL
    if number_format:
        cell.number_format = number_format


def fit_to_width(ws: Any) -> None:
    """Print every column on the page width."""
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_setup.paperSize = ws.PAPERSIZE_A4


def validate(ws: Any, rule: Any, column: int, first: int, last: int) -> None:
    if last < first:
        return
    letter = get_column_letter(column)
    rule.add(f"{letter}{first}:{letter}{last}")
    ws.add_data_validation(rule)


def list_rule(choices: Sequence[str], what: str) -> Any:
    return DataValidation(
        type="list",
        formula1='"' + ",".join(choices) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Pilihan tidak dikenal",
        error=f"Pilih {what} dari daftar.",
    )


def number_rule() -> Any:
    return DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Bukan angka",
        error="Isi dengan angka 0 atau lebih, tanpa Rp dan tanpa satuan.",
    )


def date_rule() -> Any:
    return DataValidation(
        type="date",
        operator="between",
        formula1=str(int(to_excel(date(2000, 1, 1)))),
        formula2=str(int(to_excel(date(2100, 12, 31)))),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Bukan tanggal",
        error="Isi dengan tanggal, contoh 31/03/2027.",
    )
