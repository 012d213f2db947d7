"""Every reader of numbers on the one shared table of cases (tests/number_cases.py).

Each reader gets a small real input holding the case (a workbook built with openpyxl, a
SIRUP .xlsx or .csv, a typed chat answer) and must give exactly the expected value, or
refuse with a reason that names where the value is (sheet, row and column; the row of a
SIRUP export; the chat answer itself). Never a different number.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Callable
from datetime import date
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook, load_workbook

from bot.packages.mapping_workbook import (
    COL_KODE_RUP,
    SHEET_MAPPING,
    MappingRow,
    mapping_workbook,
    read_mapping_workbook,
)
from bot.packages.sirup import SirupError, SkippedRow, read_sirup
from bot.planning.documents.data_template import (
    FIRST_DATA_ROW,
    KEY_ROW,
    SHEET_PACKAGES,
    PackageRow,
    performance_data_template,
)
from bot.planning.documents.workbook import plan_workbook, read_plan_workbook
from bot.planning.rules.editing import attribute, edit_indicator, parse_attribute
from bot.planning.rules.example import example_plan
from bot.planning.rules.model import (
    FormulaInput,
    Frequency,
    Indicator,
    InputKind,
    Plan,
    Polarity,
)
from bot.planning.rules.validation import SHEET_ACTIONS, SHEET_INDICATORS, SHEET_TARGETS, Problem
from bot.planning.rules.values import parse_date_range
from bot.reporting.rules import parse_input_value, reporting_periods
from bot.reporting.workbook import DataReport, read_data_template
from tests.number_cases import BLANK, CASES, Blank, Case, Column, Outcome, Refused, expected

YEAR = 2027


@dataclasses.dataclass(frozen=True)
class Got:
    """What a reader gave: a value, nothing (blank), or a refusal and its reason."""

    value: object = None
    refused: str = ""
    blank: bool = False


class _Base:
    """A workbook loaded once; each case is written into a few cells, saved, and the cells
    put back (loading the workbook for every case would make this test slow)."""

    def __init__(self, content: bytes) -> None:
        self.book = load_workbook(io.BytesIO(content))

    def edited(self, cells: list[tuple[str, int, int, object, str]]) -> bytes:
        """The workbook with (sheet, row, column, value, number format) written."""
        saved = []
        for sheet, row, column, value, number_format in cells:
            cell = self.book[sheet].cell(row=row, column=column)
            saved.append((cell, cell.value, cell.number_format))
            cell.value = value
            cell.number_format = number_format
        buffer = io.BytesIO()
        try:
            self.book.save(buffer)
        finally:
            for cell, value, number_format in saved:
                cell.value = value
                cell.number_format = number_format
        return buffer.getvalue()

    def column(self, sheet: str, header: object, *, row: int = 1) -> int:
        return next(int(c.column) for c in self.book[sheet][row] if c.value == header)

    def row(self, sheet: str, code: str, *, number: int | None = None) -> int:
        """The row of ``code`` in column A (and ``number`` in column B)."""
        cells = self.book[sheet]
        for row in range(2, cells.max_row + 1):
            if cells.cell(row=row, column=1).value != code:
                continue
            if number is None or cells.cell(row=row, column=2).value == number:
                return row
        raise AssertionError(f"no row for {code}")


def _refusal_at(found: list[Problem], sheet: str, row: int, column: str) -> Got:
    """The refusal of one cell: every problem must be about that cell."""
    assert found, "refused without a reason"
    assert all((p.sheet, p.row, p.column) == (sheet, row, column) for p in found), found
    return Got(refused="; ".join(f"{p.message}; {p.hint}" for p in found))


# --------------------------------------------------------------------------- Template Data Kinerja


def _data_plan() -> Plan:
    base = example_plan(YEAR)
    indicator = Indicator(
        code="IKU-09",
        area_code="A1",
        name="Angka uji",
        inputs=(
            FormulaInput("nilai_angka", "Nilai angka", InputKind.ANGKA),
            FormulaInput("nilai_rupiah", "Nilai rupiah", InputKind.RUPIAH),
            FormulaInput("nilai_persen", "Nilai persen", InputKind.PERSEN),
            FormulaInput("tanggal_kontrak", "Tanggal kontrak", InputKind.TANGGAL),
        ),
        formula="nilai_angka + nilai_rupiah + nilai_persen + 0 * tanggal_kontrak",
        unit="jumlah",
        polarity=Polarity.NAIK,
        monitoring_frequency=Frequency.TRIWULANAN,
        reporting_frequency=Frequency.TRIWULANAN,
    )
    return dataclasses.replace(base, indicators=(indicator,), actions=())


DATA_PLAN = _data_plan()
TW1 = reporting_periods(DATA_PLAN, year=YEAR, zone=ZoneInfo("Asia/Jayapura"))[0]
DATA_TEMPLATE = performance_data_template(
    DATA_PLAN,
    unit_name="Dinas Kesehatan",
    period_label=TW1.label,
    packages=[PackageRow("41000001", "Paket uji", 1_000_000, "A1")],
)
DATA_INPUTS = {
    Column.PLAIN: ("nilai_angka", "Nilai angka"),
    Column.RUPIAH: ("nilai_rupiah", "Nilai rupiah"),
    Column.PERCENT: ("nilai_persen", "Nilai persen"),
    Column.DATE: ("tanggal_kontrak", "Tanggal kontrak"),
}


DATA_BASE = _Base(DATA_TEMPLATE)


def _data_template(case: Case, column: Column) -> Got:
    if column is Column.CODE:
        row, name, label = FIRST_DATA_ROW + 1, "kode_rup", "Kode RUP"  # a row added by hand
    else:
        row, (name, label) = FIRST_DATA_ROW, DATA_INPUTS[column]
    sheet = SHEET_PACKAGES
    cells = [
        (sheet, row, DATA_BASE.column(sheet, name, row=KEY_ROW), case.value, case.number_format)
    ]
    if column is Column.CODE:
        cells.append(
            (sheet, row, DATA_BASE.column(sheet, "nilai_angka", row=KEY_ROW), 7, "General")
        )
    outcome = expected(case, column, "data_template")
    known = {"41000001"} | ({outcome} if isinstance(outcome, str) else set())
    result = read_data_template(
        DATA_BASE.edited(cells),
        plan=DATA_PLAN,
        period=TW1,
        unit_name="Dinas Kesehatan",
        known_kode_rup=known,
    )
    if isinstance(result, list):
        return _refusal_at(result, SHEET_PACKAGES, row, label)
    assert isinstance(result, DataReport)
    if column is Column.CODE:
        (package,) = [p for p in result.packages if p.values == {"nilai_angka": 7.0}]
        return Got(package.kode_rup)
    values = {k: v for p in result.packages for k, v in p.values.items()}
    return Got(values[name]) if name in values else Got(blank=True)


# --------------------------------------------------------------------------- plan workbook


def _plan() -> Plan:
    """Three indicators of the starter plan, one per kind of unit (IKU-08 made Rupiah), and
    one action plan: small, so that writing and reading it for every case stays quick."""
    plan = example_plan(YEAR)
    codes = ("IKU-01", "IKU-02", "IKU-08")
    indicators = tuple(
        dataclasses.replace(i, unit="Rp") if i.code == "IKU-08" else i
        for i in plan.indicators
        if i.code in codes
    )
    actions = tuple(a for a in plan.actions if a.indicator_code in codes)[:1]
    return dataclasses.replace(plan, indicators=indicators, actions=actions)


PLAN = _plan()
PLAN_WORKBOOK = plan_workbook(PLAN, title="Rencana uji")
PLAN_CODES = {Column.PLAIN: "IKU-01", Column.PERCENT: "IKU-02", Column.RUPIAH: "IKU-08"}
(ACTION,) = PLAN.actions


PLAN_BASE = _Base(PLAN_WORKBOOK)


def _plan_workbook(case: Case, column: Column) -> Got:
    cells: list[tuple[str, int, int, object, str]] = []
    if column is Column.DATE:
        sheet_name, header = SHEET_ACTIONS, "Mulai"
        row = PLAN_BASE.row(sheet_name, ACTION.indicator_code, number=ACTION.number)
        end = PLAN_BASE.column(sheet_name, "Selesai")
        cells.append((sheet_name, row, end, date(YEAR, 12, 31), "DD/MM/YYYY"))
    else:
        sheet_name, header = SHEET_INDICATORS, "Baseline"
        row = PLAN_BASE.row(sheet_name, PLAN_CODES[column])
    at = PLAN_BASE.column(sheet_name, header)
    cells.append((sheet_name, row, at, case.value, case.number_format))
    result = read_plan_workbook(PLAN_BASE.edited(cells), year=YEAR)
    if isinstance(result, list):
        return _refusal_at(result, sheet_name, row, header)
    if column is Column.DATE:
        (action,) = [
            a
            for a in result.actions
            if (a.indicator_code, a.number) == (ACTION.indicator_code, ACTION.number)
        ]
        return Got(action.start) if action.start is not None else Got(blank=True)
    indicator = result.indicator(PLAN_CODES[column])
    assert indicator is not None
    value = indicator.baseline_value
    return Got(blank=True) if value is None else Got(value)


def _plan_targets(case: Case, column: Column) -> Got:
    code = PLAN_CODES[column]
    row = PLAN_BASE.row(SHEET_TARGETS, code, number=1)
    at = PLAN_BASE.column(SHEET_TARGETS, "Target")
    result = read_plan_workbook(
        PLAN_BASE.edited([(SHEET_TARGETS, row, at, case.value, case.number_format)]), year=YEAR
    )
    if isinstance(result, list):
        return _refusal_at(result, SHEET_TARGETS, row, "Target")
    indicator = result.indicator(code)
    assert indicator is not None
    return Got(indicator.period_targets[0])


# --------------------------------------------------------------------------- mapping sheet

MAPPING = mapping_workbook(
    [MappingRow("41000001", "Paket uji", "Dinas Kesehatan", 1_000_000, "Tender", "A1")],
    PLAN,
    title="Pemetaan uji",
)


MAPPING_BASE = _Base(MAPPING)


def _mapping(case: Case, column: Column) -> Got:
    at = MAPPING_BASE.column(SHEET_MAPPING, COL_KODE_RUP)
    content = MAPPING_BASE.edited([(SHEET_MAPPING, 2, at, case.value, case.number_format)])
    outcome = expected(case, column, "mapping")
    known = {outcome} if isinstance(outcome, str) else {"41000001"}
    result = read_mapping_workbook(content, plan=PLAN, known_kode_rup=known)
    if isinstance(result, list):
        return _refusal_at(result, SHEET_MAPPING, 2, COL_KODE_RUP)
    ((kode, area),) = result.items()
    assert area == "A1"
    return Got(kode)


# --------------------------------------------------------------------------- SIRUP

SIRUP_HEADER = ("Kode RUP", "Nama Paket", "Satuan Kerja", "Pagu", "Tanggal Awal Pemilihan")
SIRUP_COLUMNS = {Column.CODE: 0, Column.RUPIAH: 3, Column.DATE: 4}


def _sirup_got(result: object, column: Column) -> Got:
    assert not isinstance(result, SirupError), result
    assert result is not None
    packages, skipped = result.packages, result.skipped  # type: ignore[attr-defined]
    if skipped:
        assert not packages
        ((row, reason),) = [(s.row, s.reason) for s in skipped if isinstance(s, SkippedRow)]
        assert row == 2  # the data row, as Excel numbers it
        return Got(refused=reason)
    (package,) = packages
    if column is Column.CODE:
        return Got(package.kode_rup)
    if column is Column.RUPIAH:
        return Got(float(package.pagu))
    if not package.waktu_pemilihan:
        return Got(blank=True)
    start, _ = parse_date_range(package.waktu_pemilihan)
    return Got(start)


def _sirup_row(case: Case, column: Column) -> list[object]:
    row: list[object] = ["41000001", "Paket uji", "Dinas Kesehatan", 1_000_000, None]
    row[SIRUP_COLUMNS[column]] = case.value
    return row


def _sirup_xlsx(case: Case, column: Column) -> Got:
    book = Workbook()
    sheet = book.active
    sheet.append(SIRUP_HEADER)
    sheet.append(_sirup_row(case, column))
    sheet.cell(row=2, column=SIRUP_COLUMNS[column] + 1).number_format = case.number_format
    buffer = io.BytesIO()
    book.save(buffer)
    return _sirup_got(read_sirup(buffer.getvalue(), "rup.xlsx"), column)


def _sirup_csv(case: Case, column: Column) -> Got:
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";")
    writer.writerow(SIRUP_HEADER)
    writer.writerow(["" if v is None else v for v in _sirup_row(case, column)])
    return _sirup_got(read_sirup(text.getvalue().encode(), "rup.csv"), column)


# --------------------------------------------------------------------------- typed chat answers

CHAT_KINDS = {
    Column.PLAIN: InputKind.ANGKA,
    Column.RUPIAH: InputKind.RUPIAH,
    Column.PERCENT: InputKind.PERSEN,
    Column.DATE: InputKind.TANGGAL,
}


def _refused_typing(read: Callable[[], object]) -> Got:
    try:
        value = read()
    except ValueError as error:
        return Got(refused=str(error))
    return Got(value)


def _chat_input(case: Case, column: Column) -> Got:
    assert isinstance(case.value, str)
    text = case.value
    return _refused_typing(lambda: parse_input_value(CHAT_KINDS[column], text, period=TW1))


def _chat_plan(case: Case, column: Column) -> Got:
    """An edit of a baseline from the chat, as stored: typed, then checked with the plan."""
    assert isinstance(case.value, str)
    text, code = case.value, PLAN_CODES[column]
    baseline = attribute("bl")
    assert baseline is not None
    indicator = PLAN.indicator(code)
    assert indicator is not None

    def read() -> object:
        value = parse_attribute(baseline, text, unit=indicator.unit)
        edited = edit_indicator(PLAN, code, baseline, value).plan.indicator(code)
        assert edited is not None
        return edited.baseline_value

    return _refused_typing(read)


def _chat_targets(case: Case, column: Column) -> Got:
    """Period targets typed as a list ("45; 45; 45; <case>"): the last one is the case."""
    assert isinstance(case.value, str)
    code = PLAN_CODES[column]
    targets = attribute("tp")
    indicator = PLAN.indicator(code)
    assert targets is not None and indicator is not None and indicator.reporting_frequency
    count = indicator.reporting_frequency.periods_per_year
    text = "; ".join(["45"] * (count - 1) + [case.value])

    def read() -> object:
        value = parse_attribute(targets, text, unit=indicator.unit)
        edited = edit_indicator(PLAN, code, targets, value).plan.indicator(code)
        assert edited is not None and edited.period_targets[:-1] == (45.0,) * (count - 1)
        return edited.period_targets[-1]

    return _refused_typing(read)


# --------------------------------------------------------------------------- the table

_NUMBERS = (Column.PLAIN, Column.RUPIAH, Column.PERCENT)
# reader -> (how it reads a case, the columns it has, whether it reads typed text only)
READERS: dict[str, tuple[Callable[[Case, Column], Got], tuple[Column, ...], bool]] = {
    "data_template": (_data_template, (*_NUMBERS, Column.DATE, Column.CODE), False),
    "plan_workbook": (_plan_workbook, (*_NUMBERS, Column.DATE), False),
    "plan_targets": (_plan_targets, _NUMBERS, False),
    "mapping": (_mapping, (Column.CODE,), False),
    "sirup_xlsx": (_sirup_xlsx, (Column.RUPIAH, Column.CODE, Column.DATE), False),
    "sirup_csv": (_sirup_csv, (Column.RUPIAH, Column.CODE), True),
    "chat_input": (_chat_input, (*_NUMBERS, Column.DATE), True),
    "chat_plan": (_chat_plan, _NUMBERS, True),
    "chat_targets": (_chat_targets, _NUMBERS, True),
}


def _holds(reader: str, case: Case, column: Column) -> bool:
    _, columns, typed_only = READERS[reader]
    if column not in columns or column not in case.expect:
        return False
    if typed_only and not case.typed and case.value is not None:
        return False
    if typed_only and case.value is None:
        return False  # nothing can be typed as "no cell at all"
    # A SIRUP date column keeps what is written; only real dates are checked there.
    return not (
        reader.startswith("sirup")
        and column is Column.DATE
        and not isinstance(case.expect[column], date | Blank)
    )


COMBINATIONS = [
    pytest.param(reader, case, column, id=f"{reader}-{column}-{case.name}")
    for reader in READERS
    for case in CASES
    for column in Column
    if _holds(reader, case, column)
]


def _clean(reason: str) -> None:
    """Nothing internal reaches a person."""
    for internal in ("None", "{", "Error", "Traceback", "_rupiah", "repr"):
        assert internal not in reason, reason


@pytest.mark.parametrize(("reader", "case", "column"), COMBINATIONS)
def test_every_reader_reads_every_case_exactly_or_refuses(
    reader: str, case: Case, column: Column
) -> None:
    want: Outcome = expected(case, column, reader)
    got = READERS[reader][0](case, column)
    if isinstance(want, Refused):
        assert got.refused, f"read {got.value!r}, should be refused ({want.says})"
        assert want.says in got.refused, got.refused
        _clean(got.refused)
    elif want == BLANK:
        assert got.blank, got
    else:
        assert not got.refused, got.refused
        assert got.value == want and type(got.value) is type(want), (got.value, want)


def test_the_table_covers_every_reader_and_kind_of_column() -> None:
    seen = {(p.values[0], p.values[2]) for p in COMBINATIONS}
    for reader, (_, columns, _) in READERS.items():
        for column in columns:
            assert (reader, column) in seen
    assert len(COMBINATIONS) > 300
