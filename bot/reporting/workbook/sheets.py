"""Locating the sheets of a filled Template Data Kinerja: the checks of ``Petunjuk``, the
columns of each data sheet by their machine key, and its non-blank rows (see
docs/formats/template-data-kinerja-xlsx-membaca.md)."""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from typing import Any

from bot.core.limits import length_problem
from bot.core.xlsx_guard import XlsxRules, find_sheet, is_blank, load_xlsx, normal
from bot.core.xlsx_guard import cell_text as text_of
from bot.planning.documents import data_template as template
from bot.planning.documents.workbook import (
    MAX_CELLS_PER_SHEET,
    MAX_ROWS,
    MAX_UNCOMPRESSED_BYTES,
    MAX_WORKBOOK_BYTES,
    MAX_ZIP_ENTRIES,
    TEMPLATE_VERSION,
)
from bot.planning.documents.workbook.cells import layout_problems
from bot.planning.rules.model import Plan
from bot.planning.rules.validation import Problem
from bot.planning.rules.values import parse_year
from bot.reporting.rules import ReportingPeriod

logger = logging.getLogger(__name__)

LABELS = dict(
    template.PACKAGE_COLUMNS_BEFORE
    + template.PACKAGE_COLUMNS_AFTER
    + template.ACTION_COLUMNS
    + template.ISSUE_COLUMNS
)

HINT_NEW = "unduh Template Data Kinerja baru dari bot, salin isiannya ke sana, lalu kirim lagi"
HINT_SEND = "kirim Template Data Kinerja (.xlsx) yang diunduh dari bot"
VERSION_LABEL = "Versi template"
XLSX_RULES = XlsxRules(
    max_bytes=MAX_WORKBOOK_BYTES,
    max_uncompressed_bytes=MAX_UNCOMPRESSED_BYTES,
    max_zip_entries=MAX_ZIP_ENTRIES,
    max_cells_per_sheet=MAX_CELLS_PER_SHEET,
    empty_hint=HINT_SEND,
    not_xlsx_hint=HINT_SEND,
    pdf_hint=HINT_SEND,
    unpacked_hint=HINT_SEND + " tanpa tambahan lain",
    cells_hint=f"paling banyak {MAX_ROWS} baris data per lembar; hapus baris dan kolom "
    "yang tidak dipakai",
    logger=logger,
    log_name="data template",
)


_UNCACHED = object()  # a formula cell without a stored value


@dataclass
class Table:
    """A data sheet located in the workbook: the column of each machine key."""

    name: str
    sheet: Any
    columns: dict[str, int]  # key -> 1-based column
    uncached: set[tuple[int, int]] = field(default_factory=set)


class Row:
    """One data row: its cells by key (values and number formats), recording problems as it
    goes."""

    def __init__(
        self,
        table: Table,
        number: int,
        values: dict[str, object],
        formats: dict[str, str],
        found: list[Problem],
    ) -> None:
        self.table = table
        self.number = number
        self.values = values
        self.formats = formats
        self.found = found
        self.key = ""

    def report(self, column: str, message: str, hint: str = "") -> None:
        self.found.append(Problem(self.table.name, self.key, column, message, hint, self.number))

    def raw(self, key: str, label: str) -> object:
        """The cell's value; None when blank, missing or an uncached formula (reported)."""
        value = self.values.get(key)
        if value is _UNCACHED:
            self.report(
                label,
                "sel berisi rumus Excel tanpa nilai tersimpan",
                "ketik nilainya langsung (tanpa tanda =)",
            )
            return None
        return None if is_blank(value) else value

    def text(self, key: str) -> str:
        return text_of(self.raw(key, LABELS.get(key, key)))

    def text_at_most(self, key: str, limit: int) -> str:
        """The cell's text; one longer than the chat route allows is reported."""
        text = self.text(key)
        problem = length_problem(text, limit)
        if problem is None:
            return text
        self.report(LABELS.get(key, key), *problem)
        return ""


def data_rows(table: Table, found: list[Problem]) -> Iterator[Row]:
    """The non-blank data rows of a table (blank: every located column empty)."""
    sheet = table.sheet
    width = max(table.columns.values(), default=1)
    for number, cells in enumerate(
        sheet.iter_rows(min_row=template.FIRST_DATA_ROW, max_row=sheet.max_row, max_col=width),
        start=template.FIRST_DATA_ROW,
    ):
        values: dict[str, object] = {}
        formats: dict[str, str] = {}
        for key, column in table.columns.items():
            cell = cells[column - 1] if column <= len(cells) else None
            value = None if cell is None else cell.value
            values[key] = _UNCACHED if (number, column) in table.uncached else value
            formats[key] = "General" if cell is None else cell.number_format
        if not all(is_blank(value) for value in values.values()):
            yield Row(table, number, values, formats, found)


def _guide_problem(column: str, message: str, hint: str, cell: str) -> Problem:
    return Problem(template.SHEET_GUIDE, "", column, message, hint, int(cell[1:]))


def _version_problem(sheet: Any) -> Problem | None:
    version = text_of(sheet[template.VERSION_CELL].value)
    if version == template.DATA_TEMPLATE_VERSION:
        return None
    if version == TEMPLATE_VERSION:
        message = "berkas ini template rencana kinerja, bukan Template Data Kinerja"
    elif not version:
        message = "penanda versi template tidak ditemukan; berkas ini bukan Template Data Kinerja"
    else:
        message = (
            f"versi template {version:.30} tidak dikenal (yang dipakai sekarang "
            f"{template.DATA_TEMPLATE_VERSION})"
        )
    return _guide_problem(VERSION_LABEL, message, HINT_NEW, template.VERSION_CELL)


def _year_problem(sheet: Any, plan: Plan) -> Problem | None:
    try:
        year: int | None = parse_year(sheet[template.YEAR_CELL].value)
    except (ValueError, TypeError):
        year = None
    if year is None:
        return _guide_problem(
            "Tahun rencana",
            "tahun rencana di lembar Petunjuk tidak ditemukan atau tidak terbaca",
            HINT_NEW,
            template.YEAR_CELL,
        )
    if year != plan.year:
        return _guide_problem(
            "Tahun rencana",
            f"template ini untuk rencana tahun {year}, sedangkan yang dilaporkan tahun {plan.year}",
            f"unduh template tahun {plan.year} dari bot dan salin isiannya",
            template.YEAR_CELL,
        )
    return None


def check_guide(
    workbook: Any, plan: Plan, period: ReportingPeriod, unit_name: str
) -> list[Problem]:
    """The version, unit, period and year cells of ``Petunjuk``; a wrong version alone."""
    sheet = find_sheet(workbook, template.SHEET_GUIDE)
    if sheet is None:
        return [
            Problem(
                template.SHEET_GUIDE,
                "",
                "",
                f"lembar {template.SHEET_GUIDE} tidak ditemukan, "
                "versi template tidak dapat diperiksa",
                HINT_NEW,
            )
        ]
    version = _version_problem(sheet)
    if version is not None:
        return [version]
    found = []
    unit = text_of(sheet[template.UNIT_CELL].value)
    if unit and normal(unit) != normal(unit_name):
        found.append(
            _guide_problem(
                "Unit / OPD",
                f"template ini untuk unit {unit:.60}, bukan {unit_name}",
                f"kirim template yang diunduh untuk {unit_name}; bila Anda melapor untuk "
                f"{unit:.60}, kirim lewat akun PJ Kinerja unit itu",
                template.UNIT_CELL,
            )
        )
    label = text_of(sheet[template.PERIOD_CELL].value)
    if label and normal(label) != normal(period.label):
        found.append(
            _guide_problem(
                "Periode pelaporan",
                f"template ini untuk periode {label:.40}, sedangkan yang dilaporkan periode "
                f"{period.label} ({period.span})",
                f"pilih periode {label:.40} saat mengirim, atau unduh template periode "
                f"{period.label} dan salin isiannya",
                template.PERIOD_CELL,
            )
        )
    year = _year_problem(sheet, plan)
    return found if year is None else [*found, year]


def locate(
    sheet: Any, name: str, required: dict[str, str], optional: Collection[str]
) -> tuple[Table, list[Problem]]:
    """The columns of ``required`` (key -> label) and ``optional`` keys, by the key row."""
    found = layout_problems(sheet, name, rows_above=template.KEY_ROW, header_row=None)
    keys: dict[str, list[int]] = {}
    row = next(
        sheet.iter_rows(min_row=template.KEY_ROW, max_row=template.KEY_ROW, values_only=True),
        (),
    )
    for index, value in enumerate(row, start=1):
        if isinstance(value, str) and value.strip():
            keys.setdefault(value.strip(), []).append(index)
    columns: dict[str, int] = {}
    for key in (*required, *optional):
        indexes = keys.get(key, [])
        # A formula input's column is named by its input name (a name the team chose).
        label = required.get(key) or LABELS.get(key) or key
        if len(indexes) > 1:
            found.append(
                Problem(
                    name,
                    "",
                    label,
                    f"kolom {label} ada {len(indexes)} kali di baris kunci "
                    f"(baris {template.KEY_ROW})",
                    "hapus kolom yang ganda",
                    template.KEY_ROW,
                )
            )
        if indexes:
            columns[key] = indexes[0]
        elif key in required:
            found.append(
                Problem(
                    name,
                    "",
                    label,
                    f"kolom {label} tidak ditemukan di baris kunci "
                    f"(baris {template.KEY_ROW}) lembar {name}",
                    "jangan menghapus kolom atau mengubah baris kunci; " + HINT_NEW,
                    template.KEY_ROW,
                )
            )
    return Table(name, sheet, columns), found


def mark_uncached_formulas(content: bytes, tables: dict[str, Table]) -> None:
    """Mark formula cells that have no stored value (openpyxl reads those as empty)."""
    formulas = load_xlsx(content, XLSX_RULES, data_only=False)
    for table in tables.values():
        sheet = formulas[table.sheet.title]
        wanted = set(table.columns.values())
        for row in sheet.iter_rows(min_row=template.FIRST_DATA_ROW, max_row=sheet.max_row):
            for cell in row:
                if (
                    cell.column in wanted
                    and cell.data_type == "f"
                    and table.sheet.cell(cell.row, cell.column).value is None
                ):
                    table.uncached.add((cell.row, cell.column))
