"""Reading a filled Template Data Kinerja (SOP step 12) back, without Telegram or storage.

``read_data_template`` takes the bytes of a workbook made by
:func:`bot.planning.documents.data_template.performance_data_template` and filled by a PJ
Kinerja, and returns either a :class:`DataReport` or every problem found, each pointing at
a sheet, Excel row and column. Reading never raises: whatever is wrong with the file
becomes a :class:`Problem`.

Decisions worth knowing:

* Structural problems (not an .xlsx, too large, wrong template version, a template of
  another unit, period or plan year, a missing sheet or column, merged cells, too many
  rows) are reported alone, before any data is read.
* The unit and period cells are compared with the unit and period being reported, ignoring
  case and spacing. A blank cell (a template made without them) is accepted.
* Columns are found by their machine key (``KEY_ROW``), so moved columns are fine; unknown
  keys are ignored. Required: ``kode_rup``, ``catatan_bukti_dukung`` and the inputs of the
  indicators due in the period (``reporting.indicators_due``); the plan's other input
  columns are read when present.
* Values are typed by :func:`bot.reporting.rules.parse_input_cell` (the rules of
  :mod:`bot.core.numbers`; dates within the period). A number cell is its number, never
  re-read as text; a percent-formatted cell holding 0,5 in a ``persen`` column is 50. Text
  is read like a typed answer: ``42,25``, ``1.250.000``; an ambiguous ``1.234`` is a
  problem that asks which is meant. A date cell, a percent format or a ``%`` where no
  percentage is expected, text that is no number, a negative number or a percentage above
  100 is a problem. In a date column a number without date formatting is read as an Excel
  date serial (of the workbook's date system). A kode RUP typed as a number is its digits.
* ``Data Paket``: rows without a kode RUP and without any input value or note are ignored
  (e.g. a package name typed alone). Every kode RUP must be in ``known_kode_rup`` and
  appear once. A row without input values and without a note (a pre-filled package left
  untouched) is not in the report.
* ``Rencana Aksi``: every row with content must name an action of the plan (Kode
  Indikator and No) once; a blank status keeps the action's current status.
* ``Kendala``: a row with an impact or proposal needs its description.
* Excel formula cells are read by their cached value; without one, the owner is asked to
  type the value.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from openpyxl.utils import get_column_letter

from bot.core.numbers import NumberError, read_cell, read_code
from bot.core.xlsx_guard import Refused, XlsxRules, check_container, load_xlsx
from bot.core.xlsx_guard import file_problem as _file_problem
from bot.core.xlsx_guard import find_sheet as _find_sheet
from bot.core.xlsx_guard import is_blank as _is_blank
from bot.core.xlsx_guard import normal as _normal
from bot.planning.documents.data_template import (
    ACTION_COLUMNS,
    DATA_TEMPLATE_VERSION,
    FIRST_DATA_ROW,
    ISSUE_COLUMNS,
    KEY_ROW,
    PACKAGE_COLUMNS_AFTER,
    PACKAGE_COLUMNS_BEFORE,
    PERIOD_CELL,
    SHEET_ACTIONS,
    SHEET_GUIDE,
    SHEET_ISSUES,
    SHEET_PACKAGES,
    UNIT_CELL,
    VERSION_CELL,
    YEAR_CELL,
    data_template_columns,
)
from bot.planning.documents.workbook import (
    FILE_SHEET,
    MAX_CELLS_PER_SHEET,
    MAX_ROWS,
    MAX_UNCOMPRESSED_BYTES,
    MAX_WORKBOOK_BYTES,
    MAX_ZIP_ENTRIES,
    TEMPLATE_VERSION,
)
from bot.planning.rules.model import ActionPlan, ActionStatus, InputKind, Plan
from bot.planning.rules.validation import Problem
from bot.planning.rules.values import parse_choice, parse_year
from bot.reporting.rules import ReportingPeriod, indicators_due, input_prompt, parse_input_cell

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PackageReport:
    """One package row: its formula input values (only filled cells) and evidence note."""

    kode_rup: str
    values: dict[str, float | bool | date]
    evidence_note: str


@dataclass(frozen=True)
class ActionProgress:
    """One row of ``Rencana Aksi``: the action's status, progress note and constraint."""

    indicator_code: str
    number: int
    status: ActionStatus
    note: str
    constraint: str


@dataclass(frozen=True)
class DataReport:
    """Everything a filled data template reports; constraints are (uraian, dampak, usulan)."""

    unit_name: str
    period_label: str
    packages: tuple[PackageReport, ...]
    actions: tuple[ActionProgress, ...]
    constraints: tuple[tuple[str, str, str], ...]


_SHEET_ORDER = (FILE_SHEET, SHEET_GUIDE, SHEET_PACKAGES, SHEET_ACTIONS, SHEET_ISSUES)
_DATA_SHEETS = (SHEET_PACKAGES, SHEET_ACTIONS, SHEET_ISSUES)
_LABELS = dict(PACKAGE_COLUMNS_BEFORE + PACKAGE_COLUMNS_AFTER + ACTION_COLUMNS + ISSUE_COLUMNS)
_NUMERIC_KINDS = (InputKind.ANGKA, InputKind.RUPIAH, InputKind.PERSEN, InputKind.HARI)

_HINT_NEW = "unduh Template Data Kinerja baru dari bot, salin isiannya ke sana, lalu kirim lagi"
_HINT_SEND = "kirim Template Data Kinerja (.xlsx) yang diunduh dari bot"
_VERSION_LABEL = "Versi template"
_XLSX_RULES = XlsxRules(
    max_bytes=MAX_WORKBOOK_BYTES,
    max_uncompressed_bytes=MAX_UNCOMPRESSED_BYTES,
    max_zip_entries=MAX_ZIP_ENTRIES,
    max_cells_per_sheet=MAX_CELLS_PER_SHEET,
    empty_hint=_HINT_SEND,
    not_xlsx_hint=_HINT_SEND,
    pdf_hint=_HINT_SEND,
    unpacked_hint=_HINT_SEND + " tanpa tambahan lain",
    cells_hint=f"paling banyak {MAX_ROWS} baris data per lembar; hapus baris dan kolom "
    "yang tidak dipakai",
    logger=logger,
    log_name="data template",
)


# --------------------------------------------------------------------------- the file


# --------------------------------------------------------------------------- cells


def _text(value: object) -> str:
    """A cell value as trimmed text (whole numbers without ``.0``, dates as ISO)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime) and value.time() == time():
        return value.date().isoformat()
    return str(value).strip()


def _split_reason(reason: str) -> tuple[str, str]:
    """Readers say "what; how to fix": split into message and hint."""
    message, _, hint = reason.partition("; ")
    return message, hint


def _whole(value: object, number_format: str | None) -> int:
    try:
        number = read_cell(value, number_format=number_format)
    except NumberError as error:
        raise ValueError(error.message.replace("bukan angka", "bukan nomor")) from None
    if not number.is_integer() or number < 1:
        raise ValueError(f"{_text(value):.20} bukan nomor urut")
    return int(number)


# --------------------------------------------------------------------------- sheets

_UNCACHED = object()  # a formula cell without a stored value


@dataclass
class _Table:
    """A data sheet located in the workbook: the column of each machine key."""

    name: str
    sheet: Any
    columns: dict[str, int]  # key -> 1-based column
    uncached: set[tuple[int, int]] = field(default_factory=set)


class _Row:
    """One data row: its cells by key (values and number formats), recording problems as it
    goes."""

    def __init__(
        self,
        table: _Table,
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
        return None if _is_blank(value) else value

    def text(self, key: str) -> str:
        return _text(self.raw(key, _LABELS.get(key, key)))


def _rows(table: _Table, found: list[Problem]) -> Iterator[_Row]:
    """The non-blank data rows of a table (blank: every located column empty)."""
    sheet = table.sheet
    width = max(table.columns.values(), default=1)
    for number, cells in enumerate(
        sheet.iter_rows(min_row=FIRST_DATA_ROW, max_row=sheet.max_row, max_col=width),
        start=FIRST_DATA_ROW,
    ):
        values: dict[str, object] = {}
        formats: dict[str, str] = {}
        for key, column in table.columns.items():
            cell = cells[column - 1] if column <= len(cells) else None
            value = None if cell is None else cell.value
            values[key] = _UNCACHED if (number, column) in table.uncached else value
            formats[key] = "General" if cell is None else cell.number_format
        if not all(_is_blank(value) for value in values.values()):
            yield _Row(table, number, values, formats, found)


def _guide_problem(column: str, message: str, hint: str, cell: str) -> Problem:
    return Problem(SHEET_GUIDE, "", column, message, hint, int(cell[1:]))


def _check_guide(
    workbook: Any, plan: Plan, period: ReportingPeriod, unit_name: str
) -> list[Problem]:
    """The version, unit, period and year cells of ``Petunjuk``."""
    sheet = _find_sheet(workbook, SHEET_GUIDE)
    if sheet is None:
        return [
            Problem(
                SHEET_GUIDE,
                "",
                "",
                f"lembar {SHEET_GUIDE} tidak ditemukan, versi template tidak dapat diperiksa",
                _HINT_NEW,
            )
        ]
    version = _text(sheet[VERSION_CELL].value)
    if version != DATA_TEMPLATE_VERSION:
        if version == TEMPLATE_VERSION:
            message = "berkas ini template rencana kinerja, bukan Template Data Kinerja"
        elif not version:
            message = (
                "penanda versi template tidak ditemukan; berkas ini bukan Template Data Kinerja"
            )
        else:
            message = (
                f"versi template {version:.30} tidak dikenal (yang dipakai sekarang "
                f"{DATA_TEMPLATE_VERSION})"
            )
        return [_guide_problem(_VERSION_LABEL, message, _HINT_NEW, VERSION_CELL)]
    found = []
    unit = _text(sheet[UNIT_CELL].value)
    if unit and _normal(unit) != _normal(unit_name):
        found.append(
            _guide_problem(
                "Unit / OPD",
                f"template ini untuk unit {unit:.60}, bukan {unit_name}",
                f"kirim template yang diunduh untuk {unit_name}; bila Anda melapor untuk "
                f"{unit:.60}, kirim lewat akun PJ Kinerja unit itu",
                UNIT_CELL,
            )
        )
    label = _text(sheet[PERIOD_CELL].value)
    if label and _normal(label) != _normal(period.label):
        found.append(
            _guide_problem(
                "Periode pelaporan",
                f"template ini untuk periode {label:.40}, sedangkan yang dilaporkan periode "
                f"{period.label} ({period.span})",
                f"pilih periode {label:.40} saat mengirim, atau unduh template periode "
                f"{period.label} dan salin isiannya",
                PERIOD_CELL,
            )
        )
    try:
        year: int | None = parse_year(sheet[YEAR_CELL].value)
    except (ValueError, TypeError):
        year = None
    if year is None:
        found.append(
            _guide_problem(
                "Tahun rencana",
                "tahun rencana di lembar Petunjuk tidak ditemukan atau tidak terbaca",
                _HINT_NEW,
                YEAR_CELL,
            )
        )
    elif year != plan.year:
        found.append(
            _guide_problem(
                "Tahun rencana",
                f"template ini untuk rencana tahun {year}, sedangkan yang dilaporkan tahun "
                f"{plan.year}",
                f"unduh template tahun {plan.year} dari bot dan salin isiannya",
                YEAR_CELL,
            )
        )
    return found


def _locate(
    sheet: Any, name: str, required: dict[str, str], optional: Collection[str]
) -> tuple[_Table, list[Problem]]:
    """The columns of ``required`` (key -> label) and ``optional`` keys, by the key row."""
    found: list[Problem] = []
    for merged in sorted(sheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        found.append(
            Problem(
                name,
                "",
                get_column_letter(merged.min_col),
                f"sel {merged.coord} digabung (merge)",
                "pisahkan sel itu (Unmerge / Pisahkan Sel) lalu kirim lagi",
                merged.min_row,
            )
        )
    if sheet.max_row > MAX_ROWS + KEY_ROW:
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
    keys: dict[str, list[int]] = {}
    row = next(
        sheet.iter_rows(min_row=KEY_ROW, max_row=KEY_ROW, values_only=True),
        (),
    )
    for index, value in enumerate(row, start=1):
        if isinstance(value, str) and value.strip():
            keys.setdefault(value.strip(), []).append(index)
    columns: dict[str, int] = {}
    for key in (*required, *optional):
        indexes = keys.get(key, [])
        # A formula input's column is named by its input name (a name the team chose).
        label = required.get(key) or _LABELS.get(key) or key
        if len(indexes) > 1:
            found.append(
                Problem(
                    name,
                    "",
                    label,
                    f"kolom {label} ada {len(indexes)} kali di baris kunci (baris {KEY_ROW})",
                    "hapus kolom yang ganda",
                    KEY_ROW,
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
                    f"kolom {label} tidak ditemukan di baris kunci (baris {KEY_ROW}) lembar {name}",
                    "jangan menghapus kolom atau mengubah baris kunci; " + _HINT_NEW,
                    KEY_ROW,
                )
            )
    return _Table(name, sheet, columns), found


def _find_uncached_formulas(content: bytes, tables: dict[str, _Table]) -> None:
    """Mark formula cells that have no stored value (openpyxl reads those as empty)."""
    formulas = load_xlsx(content, _XLSX_RULES, data_only=False)
    for table in tables.values():
        sheet = formulas[table.sheet.title]
        wanted = set(table.columns.values())
        for row in sheet.iter_rows(min_row=FIRST_DATA_ROW, max_row=sheet.max_row):
            for cell in row:
                if (
                    cell.column in wanted
                    and cell.data_type == "f"
                    and table.sheet.cell(cell.row, cell.column).value is None
                ):
                    table.uncached.add((cell.row, cell.column))


# --------------------------------------------------------------------------- data


def _read_packages(
    table: _Table,
    inputs: list[tuple[str, str, InputKind]],
    known_kode_rup: Collection[str],
    period: ReportingPeriod,
    epoch: datetime,
    found: list[Problem],
) -> list[PackageReport]:
    known = {_text(code) for code in known_kode_rup}
    first_row: dict[str, int] = {}
    result = []
    located = [item for item in inputs if item[0] in table.columns]
    label = _LABELS["kode_rup"]
    for row in _rows(table, found):
        try:
            kode = read_code(row.raw("kode_rup", label), what="kode RUP")
        except NumberError as error:
            row.report(label, error.message, error.hint)
            continue
        row.key = kode
        values: dict[str, float | bool | date] = {}
        for name, input_label, kind in located:
            raw = row.raw(name, input_label)
            if raw is None:
                continue
            try:
                values[name] = parse_input_cell(
                    kind, raw, number_format=row.formats[name], period=period, epoch=epoch
                )
            except ValueError as exc:
                message, hint = _split_reason(str(exc))
                if not hint and kind is InputKind.TANGGAL:
                    hint = f"isi tanggal dari {period.span}"
                row.report(input_label, message, hint or input_prompt(kind))
        note = row.text("catatan_bukti_dukung")
        filled = note or any(not _is_blank(row.values.get(name)) for name, _, _ in located)
        if not kode:
            if filled:
                row.report(
                    label,
                    "kode RUP kosong, padahal baris ini berisi data",
                    "isi kode RUP paketnya, atau kosongkan seluruh baris",
                )
            continue
        if kode in first_row:
            row.report(
                label,
                f"kode RUP {kode:.30} sudah ada di baris {first_row[kode]}",
                "satu paket satu baris: gabungkan isiannya lalu hapus baris yang lain",
            )
        elif kode not in known:
            row.report(
                label,
                f"kode RUP {kode:.30} tidak dikenal (bukan paket unit ini)",
                "periksa kodenya; pakai kode RUP dari daftar paket unit Anda di SIRUP",
            )
        first_row.setdefault(kode, row.number)
        if values or note:
            result.append(PackageReport(kode, values, note))
    return result


def _read_actions(table: _Table, plan: Plan, found: list[Problem]) -> list[ActionProgress]:
    actions: dict[tuple[str, int], ActionPlan] = {
        (a.indicator_code, a.number): a for a in plan.actions
    }
    first_row: dict[tuple[str, int], int] = {}
    result = []
    for row in _rows(table, found):
        code = row.text("kode_indikator")
        raw_number = row.raw("no", _LABELS["no"])
        row.key = f"{code}/{_text(raw_number)}"
        number: int | None = None
        if raw_number is not None:
            try:
                number = _whole(raw_number, row.formats["no"])
            except ValueError as exc:
                row.report(_LABELS["no"], str(exc), "jangan mengubah kolom No")
        note = row.text("progres")
        constraint = row.text("kendala")
        raw_status = row.raw("status", _LABELS["status"])
        status: ActionStatus | None = None
        if raw_status is not None:
            try:
                status = parse_choice(raw_status, ActionStatus)
            except ValueError as exc:
                message, hint = _split_reason(str(exc))
                row.report(_LABELS["status"], f"status {message}", hint)
        if not code or raw_number is None:
            row.report(
                _LABELS["kode_indikator"] if not code else _LABELS["no"],
                "baris ini tidak menyebut rencana aksinya (Kode Indikator dan No)",
                "jangan menambah baris atau mengubah kolom Kode Indikator dan No; tulis "
                "kegiatan baru di Progres/Keterangan rencana aksi yang terkait",
            )
            continue
        if number is None:
            continue
        action = actions.get((code, number))
        if action is None:
            row.report(
                _LABELS["kode_indikator"],
                f"rencana aksi {code:.20} no {number} tidak ada di rencana",
                "jangan mengubah kolom Kode Indikator dan No; " + _HINT_NEW,
            )
            continue
        if (code, number) in first_row:
            row.report(
                _LABELS["no"],
                f"rencana aksi {code} no {number} sudah ada di baris {first_row[code, number]}",
                "satu rencana aksi satu baris: gabungkan isiannya lalu hapus baris yang lain",
            )
            continue
        first_row[code, number] = row.number
        result.append(ActionProgress(code, number, status or action.status, note, constraint))
    return result


def _read_issues(table: _Table, found: list[Problem]) -> list[tuple[str, str, str]]:
    result = []
    for row in _rows(table, found):
        uraian, dampak, usulan = (row.text(key) for key, _ in ISSUE_COLUMNS)
        if not uraian:
            row.report(
                _LABELS["uraian_kendala"],
                "uraian kendala kosong",
                "tulis kendalanya, atau kosongkan seluruh baris",
            )
            continue
        result.append((uraian, dampak, usulan))
    return result


def _sorted(found: list[Problem]) -> list[Problem]:
    def order(item: tuple[int, Problem]) -> tuple[int, int, int]:
        index, problem = item
        sheet = _SHEET_ORDER.index(problem.sheet) if problem.sheet in _SHEET_ORDER else 0
        return (sheet, problem.row if problem.row is not None else 0, index)

    return [problem for _, problem in sorted(enumerate(found), key=order)]


def _read(
    content: bytes,
    plan: Plan,
    period: ReportingPeriod,
    unit_name: str,
    known_kode_rup: Collection[str],
) -> DataReport | list[Problem]:
    has_formulas = check_container(content, _XLSX_RULES)
    workbook = load_xlsx(content, _XLSX_RULES, data_only=True)
    if all(_find_sheet(workbook, name) is None for name in _DATA_SHEETS):
        return [
            _file_problem(
                f"berkas Excel ini bukan Template Data Kinerja (lembar {SHEET_PACKAGES}, "
                f"{SHEET_ACTIONS} dan {SHEET_ISSUES} tidak ada)",
                _HINT_SEND,
            )
        ]
    structural = _check_guide(workbook, plan, period, unit_name)
    if any(p.column == _VERSION_LABEL for p in structural):
        return structural  # another kind of file: its sheets would only add noise

    inputs = [(n, label, InputKind(kind)) for n, label, kind, _ in data_template_columns(plan)]
    labels = {name: label for name, label, _ in inputs}
    due = [item.name for i in indicators_due(plan, period) for item in i.inputs]
    package_keys = {"kode_rup": _LABELS["kode_rup"]}
    package_keys |= {name: labels[name] for name in dict.fromkeys(due)}
    package_keys["catatan_bukti_dukung"] = _LABELS["catatan_bukti_dukung"]
    required = {
        SHEET_PACKAGES: package_keys,
        SHEET_ACTIONS: {key: label for key, label in ACTION_COLUMNS if key != "kegiatan"},
        SHEET_ISSUES: dict(ISSUE_COLUMNS),
    }
    optional = {SHEET_PACKAGES: [n for n, _, _ in inputs if n not in package_keys]}
    tables: dict[str, _Table] = {}
    for name in _DATA_SHEETS:
        sheet = _find_sheet(workbook, name)
        if sheet is None:
            structural.append(
                Problem(
                    name,
                    "",
                    "",
                    f"lembar {name} tidak ditemukan",
                    "jangan mengganti nama atau menghapus lembar; " + _HINT_NEW,
                )
            )
            continue
        tables[name], problems = _locate(sheet, name, required[name], optional.get(name, ()))
        structural.extend(problems)
    if structural:
        return _sorted(structural)
    if has_formulas:
        _find_uncached_formulas(content, tables)

    found: list[Problem] = []
    packages = _read_packages(
        tables[SHEET_PACKAGES], inputs, known_kode_rup, period, workbook.epoch, found
    )
    actions = _read_actions(tables[SHEET_ACTIONS], plan, found)
    issues = _read_issues(tables[SHEET_ISSUES], found)
    if found:
        return _sorted(found)
    return DataReport(unit_name, period.label, tuple(packages), tuple(actions), tuple(issues))


def read_data_template(
    content: bytes,
    *,
    plan: Plan,
    period: ReportingPeriod,
    unit_name: str,
    known_kode_rup: Collection[str],
) -> DataReport | list[Problem]:
    """The data a filled Template Data Kinerja reports, or every problem keeping it from
    being read; never raises. See the module docstring for the rules."""
    try:
        return _read(content, plan, period, unit_name, known_kode_rup)
    except Refused as refused:
        return refused.problems
    except Exception:
        logger.exception("unexpected error while reading a data template")
        return [
            _file_problem(
                "berkas tidak dapat dibaca karena isinya tidak terduga",
                "unduh Template Data Kinerja baru dari bot, salin isiannya, lalu kirim lagi; "
                "bila masih gagal, hubungi operator bot",
            )
        ]
