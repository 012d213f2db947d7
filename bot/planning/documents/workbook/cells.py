"""Reading the data sheets cell by cell: where each column is, typed access to a row's
cells, and every problem found on the way (never an exception)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from openpyxl.utils import get_column_letter

from bot.core.limits import length_problem
from bot.core.numbers import kind_of_unit, read_cell
from bot.core.xlsx_guard import cell_text, is_blank, load_xlsx, normal
from bot.planning.documents.workbook.layout import COLUMNS, MAX_ROWS, XLSX_RULES
from bot.planning.rules.model import ActionStatus
from bot.planning.rules.validation import Problem
from bot.planning.rules.values import date_cell, parse_choice, parse_year

T = TypeVar("T")


def split_reason(reason: str) -> tuple[str, str]:
    """values.py says "what; how to fix": split into message and hint."""
    message, _, hint = reason.partition("; ")
    return message, hint


@dataclass
class Table:
    """A data sheet located in the workbook: its header positions and formula cells."""

    name: str
    sheet: Any
    positions: dict[str, int]  # header -> 1-based column
    uncached: set[tuple[int, int]] = field(default_factory=set)  # formula cells, no value


def layout_problems(
    sheet: Any, name: str, *, rows_above: int = 1, header_row: int | None = 1
) -> list[Problem]:
    """Merged cells, and more than ``MAX_ROWS`` data rows below the ``rows_above`` rows
    of headings; a merged cell is named by its column's header in ``header_row`` (or by its
    column letter). Shared by every reader of a sheet in this layout."""
    found: list[Problem] = []
    for merged in sorted(sheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        header = (
            None if header_row is None else sheet.cell(row=header_row, column=merged.min_col).value
        )
        found.append(
            Problem(
                name,
                "",
                cell_text(header) or get_column_letter(merged.min_col),
                f"sel {merged.coord} digabung (merge)",
                "pisahkan sel itu (Unmerge / Pisahkan Sel) lalu kirim lagi",
                merged.min_row,
            )
        )
    if sheet.max_row > MAX_ROWS + rows_above:
        found.append(
            Problem(
                name,
                "",
                "",
                f"lembar {name} memakai baris sampai {sheet.max_row}; paling banyak {MAX_ROWS} "
                "baris data",
                "hapus baris di bawah data (termasuk yang hanya berformat)",
            )
        )
    return found


def locate(sheet: Any, name: str) -> tuple[Table, list[Problem]]:
    """The sheet's columns found by their header text, and what keeps it from being read."""
    found = layout_problems(sheet, name)
    headers: dict[str, list[int]] = defaultdict(list)
    for index, value in enumerate(
        next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ()), start=1
    ):
        if not is_blank(value):
            headers[normal(value)].append(index)
    positions: dict[str, int] = {}
    for column in COLUMNS[name]:
        indexes = headers.get(normal(column.header), [])
        if len(indexes) > 1:
            found.append(
                Problem(
                    name,
                    "",
                    column.header,
                    f"kolom {column.header} ada {len(indexes)} kali di baris judul",
                    "hapus kolom yang ganda",
                    1,
                )
            )
        if indexes:
            positions[column.header] = indexes[0]
        elif column.required:
            found.append(
                Problem(
                    name,
                    "",
                    column.header,
                    f"kolom {column.header} tidak ditemukan di baris judul lembar {name}",
                    f"judul kolom harus persis «{column.header}»; jangan mengganti judul kolom",
                    1,
                )
            )
    return Table(name, sheet, positions), found


def find_uncached_formulas(content: bytes, tables: dict[str, Table]) -> None:
    """Mark formula cells that have no stored value (openpyxl reads those as empty)."""
    formulas = load_xlsx(content, XLSX_RULES, data_only=False)
    for table in tables.values():
        sheet = formulas[table.sheet.title]
        for row in sheet.iter_rows(min_row=2, max_row=min(sheet.max_row, MAX_ROWS + 1)):
            for cell in row:
                if cell.data_type == "f" and table.sheet.cell(cell.row, cell.column).value is None:
                    table.uncached.add((cell.row, cell.column))


_FORMULA_WITHOUT_VALUE = object()


class Row:
    """One data row: typed access to its cells, recording problems as it goes."""

    def __init__(self, reader: Reader, table: Table, number: int, cells: tuple[Any, ...]):
        self.reader = reader
        self.table = table
        self.number = number
        self.key = ""
        self.reported: set[str] = set()
        self.values: dict[str, object] = {}
        self.formats: dict[str, str] = {}  # header -> the cell's number format
        for header, position in table.positions.items():
            cell = cells[position - 1] if position <= len(cells) else None
            value = None if cell is None else cell.value
            if (number, position) in table.uncached:
                value = _FORMULA_WITHOUT_VALUE
            self.values[header] = value
            self.formats[header] = "General" if cell is None else cell.number_format

    def is_blank(self) -> bool:
        return all(
            is_blank(value) for header, value in self.values.items() if header != "Label Periode"
        )

    def report(self, column: str, message: str, hint: str = "") -> None:
        self.reader.report(Problem(self.table.name, self.key, column, message, hint, self.number))

    def raw(self, column: str) -> object:
        """The cell's value, None when blank or unreadable (the latter reported)."""
        value = self.values[column]
        if value is _FORMULA_WITHOUT_VALUE:
            if column not in self.reported:
                self.reported.add(column)
                self.report(
                    column,
                    "sel berisi rumus Excel tanpa nilai tersimpan",
                    "ketik nilainya langsung (tanpa tanda =)",
                )
            return None
        return None if is_blank(value) else value

    def text(self, column: str) -> str:
        return cell_text(self.raw(column))

    def text_at_most(self, column: str, limit: int) -> str:
        """The cell's text; one longer than the chat route allows is reported (and kept
        out: an empty text stands in)."""
        text = self.text(column)
        problem = length_problem(text, limit)
        if problem is None:
            return text
        self.report(column, *problem)
        return ""

    def parsed(self, column: str, parse: Callable[[object], T]) -> T | None:
        """The cell read by a values.py parser; None when blank or wrong (reported)."""
        value = self.raw(column)
        if value is None:
            return None
        try:
            return parse(value)
        except ValueError as exc:
            self.report(column, *split_reason(str(exc)))
            return None

    def required(self, column: str, parse: Callable[[object], T], placeholder: T) -> T:
        """Like parsed, but a blank cell is a problem; placeholder stands in for errors."""
        if self.values[column] is not _FORMULA_WITHOUT_VALUE and self.raw(column) is None:
            self.report(column, f"{column.lower()} kosong", "pilih dari daftar")
            return placeholder
        value = self.parsed(column, parse)
        return placeholder if value is None else value

    def number_(self, column: str, unit: str = "") -> float | None:
        """A number of an indicator with ``unit`` (a percentage, Rupiah, other)."""
        number_format = self.formats[column]
        kind = kind_of_unit(unit)
        return self.parsed(column, lambda raw: read_cell(raw, kind, number_format=number_format))

    def whole(self, column: str) -> int | None:
        number_format = self.formats[column]
        return self.parsed(column, lambda raw: whole_number(raw, number_format))

    def year(self, column: str) -> int | None:
        number_format = self.formats[column]
        return self.parsed(column, lambda raw: parse_year(raw, number_format=number_format))

    def day(self, column: str) -> date | None:
        epoch = self.reader.epoch
        return self.parsed(column, lambda raw: date_cell(raw, epoch=epoch))


def whole_number(raw: object, number_format: str) -> int:
    value = read_cell(raw, number_format=number_format)
    if not value.is_integer():
        raise ValueError(f"{cell_text(raw):.20} bukan bilangan bulat; isi 1, 2, 3 dan seterusnya")
    return int(value)


def parse_status(raw: object) -> ActionStatus:
    return parse_choice(raw, ActionStatus)


class Reader:
    """Collects parse problems and where each plan item sits (to place validation problems)."""

    def __init__(self, tables: dict[str, Table], epoch: datetime) -> None:
        self.tables = tables
        self.epoch = epoch  # the workbook's date system, for date serials
        self.problems: list[Problem] = []
        self.rows_of: dict[tuple[str, str], list[int]] = defaultdict(list)

    def report(self, problem: Problem) -> None:
        self.problems.append(problem)

    def rows(self, name: str) -> Iterator[Row]:
        table = self.tables[name]
        width = max(table.positions.values(), default=1)
        for number, cells in enumerate(
            table.sheet.iter_rows(min_row=2, max_row=table.sheet.max_row, max_col=width),
            start=2,
        ):
            row = Row(self, table, number, cells)
            if not row.is_blank():
                yield row

    def place(self, name: str, key: str, row: int) -> None:
        self.rows_of[(name, key)].append(row)
