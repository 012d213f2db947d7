"""Writing a plan as the workbook template: one sheet per kind of thing, drop-down lists,
locked header rows."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from bot.core.xlsx_text import put
from bot.planning.documents.sheets import DATE_FORMAT, protect
from bot.planning.documents.workbook.guide import TOP, WRAP, write_guide
from bot.planning.documents.workbook.layout import COLUMNS, DATA_SHEETS, MAX_ROWS, Column, Kind
from bot.planning.rules.model import Plan
from bot.planning.rules.periods import period_label

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
_HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center")
_UNLOCKED = Protection(locked=False)

Row = tuple[object, ...]


def _last_row(data_rows: int) -> int:
    """The last row the drop-down lists of a sheet with ``data_rows`` rows cover."""
    return max(MAX_ROWS, data_rows) + 1


def _target_rows(plan: Plan) -> list[Row]:
    targets: list[Row] = []
    for indicator in plan.indicators:
        frequency = indicator.reporting_frequency
        for number, value in enumerate(indicator.period_targets, start=1):
            label = ""
            if frequency is not None and number <= frequency.periods_per_year:
                label = period_label(frequency, number)
            targets.append((indicator.code, number, label, value))
    return targets


def _indicator_rows(plan: Plan) -> list[Row]:
    return [
        (
            i.code,
            i.area_code,
            i.name,
            i.definition,
            i.formula,
            i.unit,
            i.polarity.value if i.polarity else None,
            i.monitoring_frequency.value if i.monitoring_frequency else None,
            i.reporting_frequency.value if i.reporting_frequency else None,
            i.data_source,
            i.pic_unit,
            i.evidence,
            i.baseline_value,
            i.baseline_year,
            i.annual_target,
        )
        for i in plan.indicators
    ]


def _rows(plan: Plan) -> dict[str, list[Row]]:
    """The cell values of every data sheet, in the order of ``COLUMNS``."""
    rows: tuple[list[Row], ...] = (
        [(o.code, o.text) for o in plan.objectives],
        [(a.code, a.name, a.category.value, a.objective_code) for a in plan.areas],
        _indicator_rows(plan),
        [
            (i.code, put.name, put.label, put.kind.value)
            for i in plan.indicators
            for put in i.inputs
        ],
        _target_rows(plan),
        [
            (
                a.indicator_code,
                a.number,
                a.activity,
                a.output,
                a.start,
                a.end,
                a.pic_unit,
                a.status.value,
            )
            for a in plan.actions
        ],
    )
    return dict(zip(DATA_SHEETS, rows, strict=True))


def _validation(column: Column, last_rows: dict[str, int]) -> Any:
    if column.choices:
        listed = ",".join(column.choices)
        rule = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True)
        rule.errorStyle = "stop"
        rule.error = f"Pilih salah satu: {', '.join(column.choices)}"
    else:
        last = last_rows[column.codes_of]
        rule = DataValidation(
            type="list", formula1=f"'{column.codes_of}'!$A$2:$A${last}", allow_blank=True
        )
        # A warning, not a stop: the code may be added to the other sheet afterwards.
        rule.errorStyle = "warning"
        rule.error = f"Kode ini belum ada di lembar {column.codes_of}."
    rule.errorTitle = column.header
    rule.showErrorMessage = True
    return rule


def _write_sheet(workbook: Any, name: str, rows: Sequence[Row], last_rows: dict[str, int]) -> None:
    sheet = workbook.create_sheet(name)
    last = last_rows[name]
    for index, column in enumerate(COLUMNS[name], start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        header = put(sheet, 1, index, column.header)
        header.font = _HEADER_FONT
        header.fill = _HEADER_FILL
        header.alignment = _HEADER_ALIGNMENT
        _unlock(sheet, index, column, len(rows))
        if column.choices or column.codes_of:
            rule = _validation(column, last_rows)
            rule.add(f"{letter}2:{letter}{last}")
            sheet.add_data_validation(rule)
    for number, values in enumerate(rows, start=2):
        for index, value in enumerate(values, start=1):
            if value is not None and value != "":
                put(sheet, number, index, value)
    sheet.freeze_panes = "A2"
    sheet.row_dimensions[1].height = 32
    protect(sheet, sorting=True)


def _unlock(sheet: Any, index: int, column: Column, data_rows: int) -> None:
    """Unlock (and format) a column below its header.

    The column's default style is unlocked, which Excel and LibreOffice use for every cell
    not written in the file, so people can type in any row; the data cells get the same
    style. Unlocking empty cells one by one instead would make every template ten times
    slower to write and read.
    """
    alignment = WRAP if column.wrap else TOP
    number_format = {Kind.DATE: DATE_FORMAT, Kind.CODE: "@"}.get(column.kind)
    dimension = sheet.column_dimensions[get_column_letter(index)]
    cells = (sheet.cell(row=n, column=index) for n in range(2, data_rows + 2))
    for target in (dimension, *cells):
        target.protection = _UNLOCKED
        target.alignment = alignment
        if number_format:
            target.number_format = number_format


def plan_workbook(plan: Plan, *, title: str) -> bytes:
    """The plan as an .xlsx template: instructions, then one sheet per kind of thing."""
    workbook = Workbook()
    workbook.properties.title = title
    workbook.properties.creator = "Kinerja PBJ Bot"
    write_guide(workbook, plan.year, title)
    rows = _rows(plan)
    last_rows = {name: _last_row(len(rows[name])) for name in DATA_SHEETS}
    for name in DATA_SHEETS:
        _write_sheet(workbook, name, rows[name], last_rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
