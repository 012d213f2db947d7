"""One table of number cases that every reader of numbers is checked against.

``tests/test_number_readers.py`` runs each reader (the Template Data Kinerja, the plan
workbook, the mapping sheet, the SIRUP import, typed chat answers) on every case it can
hold. A case is a cell value (or, as text, what a person types) with its number format, and
what it means in each kind of column (:class:`Column`): the exact number, date or code, or
a refusal. Where readers legitimately differ (an owner may not report a negative value, a
plan baseline may be negative), the difference is spelled out in :data:`POLICIES`, not
hidden in the test.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum


class Column(StrEnum):
    """The kinds of columns (or chat questions) numbers are read in."""

    PLAIN = "plain"  # angka, hari, a plan value in hari
    RUPIAH = "rupiah"
    PERCENT = "percent"
    DATE = "date"
    CODE = "code"  # kode RUP


@dataclass(frozen=True)
class Refused:
    """The value is refused; the reason says ``says`` (the same words in every reader)."""

    says: str


@dataclass(frozen=True)
class Blank:
    """Nothing is read (an empty cell): no value, nothing refused."""


BLANK = Blank()
Outcome = float | date | str | Refused | Blank


@dataclass(frozen=True)
class Case:
    name: str
    value: object  # a cell's value; as text also what a person types
    expect: Mapping[Column, Outcome]  # the columns the case is tried in, and its meaning
    number_format: str = "General"

    @property
    def typed(self) -> bool:
        """Whether a person can type this case (text in a plain cell)."""
        return isinstance(self.value, str) and self.number_format == "General"


P, R, PC, D, C = Column.PLAIN, Column.RUPIAH, Column.PERCENT, Column.DATE, Column.CODE


def _numbers(value: float | Refused, *columns: Column) -> dict[Column, Outcome]:
    return dict.fromkeys(columns or (P, R, PC), value)


def _refused(says: str, *columns: Column) -> dict[Column, Outcome]:
    return dict.fromkeys(columns or (P, R, PC), Refused(says))


AMBIGUOUS = "bisa berarti"
NOT_A_NUMBER = "bukan"

CASES: tuple[Case, ...] = (
    # Integers
    Case("int 42", 42, {**_numbers(42.0), C: "42"}),
    Case("int 1250000000", 1_250_000_000, _numbers(1_250_000_000.0)),
    Case("int kode", 41234567, {P: 41_234_567.0, C: "41234567"}),
    Case("float kode", 41234567.0, {P: 41_234_567.0, C: "41234567"}),
    Case("text kode", " 41234567 ", {C: "41234567"}),
    Case(
        "kode beyond 15 digits",
        1.2345678901234567e19,
        {**_refused("terlalu besar"), C: Refused("15 digit")},
    ),
    # Decimals as number cells: read as they are, never through text
    Case("cell 42.25", 42.25, {**_numbers(42.25), C: Refused("bulat")}),
    Case("cell 78.75", 78.75, _numbers(78.75)),
    Case("cell 99.99", 99.99, _numbers(99.99)),
    Case("cell 0.45", 0.45, _numbers(0.45)),
    Case("cell 0.125", 0.125, _numbers(0.125)),
    Case("cell 1.234", 1.234, _numbers(1.234)),
    # Decimals as text
    Case("text 42,25", "42,25", _numbers(42.25)),
    Case("text 42.25", "42.25", _numbers(42.25)),
    Case("text 78,75", "78,75", _numbers(78.75)),
    Case("text 99.99", "99.99", _numbers(99.99)),
    Case("text 0,45", "0,45", _numbers(0.45)),
    Case("text 0.45", "0.45", _numbers(0.45)),
    Case("text 0,125", "0,125", _numbers(0.125)),
    Case("text 0.125", "0.125", _numbers(0.125)),
    Case("text 0.450", "0.450", _numbers(0.45)),
    # Large Rupiah
    Case("text Rp 1.250.000.000", "Rp 1.250.000.000", {**_refused("Rp", P, PC), R: 1.25e9}),
    Case("text 1.250.000.000,00", "1.250.000.000,00", _numbers(1.25e9)),
    Case("text 1,25 M", "1,25 M", {**_refused(NOT_A_NUMBER, P, PC), R: 1.25e9}),
    Case("text Rp 1.250.000,-", "Rp 1.250.000,-", {**_refused("Rp", P, PC), R: 1_250_000.0}),
    Case("text 1.250.000,50", "1.250.000,50", _numbers(1_250_000.5)),
    # Negative
    Case("int -5", -5, _numbers(-5.0)),
    Case("text -5", "-5", _numbers(-5.0)),
    Case("text -1.000.000", "-1.000.000", _numbers(-1_000_000.0)),
    # Percent
    Case("cell 0.5 as 0%", 0.5, {**_refused("berformat persen", P, R), PC: 50.0}, "0%"),
    Case("cell 0.505 as 0.0%", 0.505, {**_refused("berformat persen", P, R), PC: 50.5}, "0.0%"),
    Case("cell 1 as 0%", 1, {**_refused("berformat persen", P, R), PC: 100.0}, "0%"),
    Case("cell 50 with a literal %", 50, _numbers(50.0), '0"%"'),
    Case("text 50%", "50%", {**_refused("tanda %", P, R), PC: 50.0}),
    Case("text 50,5 %", "50,5 %", {**_refused("tanda %", P, R), PC: 50.5}),
    # Text with either separator
    Case("text 1.234.567", "1.234.567", _numbers(1_234_567.0)),
    Case("text 1,234,567", "1,234,567", _numbers(1_234_567.0)),
    Case("text 1.234,5", "1.234,5", _numbers(1234.5)),
    Case("text 1,234.5", "1,234.5", _numbers(1234.5)),
    Case("text 1.234", "1.234", {**_refused(AMBIGUOUS, P, PC), R: 1234.0}),
    Case("text 1,234", "1,234", {**_refused(AMBIGUOUS, P, PC), R: 1234.0}),
    Case("text 1.23,4", "1.23,4", _refused(NOT_A_NUMBER)),
    Case("text 12.34.56", "12.34.56", _refused(NOT_A_NUMBER)),
    Case("text 1e5", "1e5", _refused(NOT_A_NUMBER)),
    Case("text nan", "nan", _refused(NOT_A_NUMBER)),
    Case("text of words", "dua belas", _refused(NOT_A_NUMBER)),
    # Dates as numbers
    Case(
        "date cell",
        datetime(2027, 2, 15),
        {**_refused("tanggal"), D: date(2027, 2, 15), C: Refused("tanggal")},
        "DD/MM/YYYY",
    ),
    Case("date serial", 46436, {P: 46436.0, D: date(2027, 2, 18)}),
    Case("text date", "15/02/2027", {**_refused(NOT_A_NUMBER, P), D: date(2027, 2, 15)}),
    # Blanks and booleans
    Case("blank", None, dict.fromkeys(Column, BLANK)),
    Case("spaces", "   ", dict.fromkeys(Column, BLANK)),
    Case("boolean", True, {**_refused("TRUE/FALSE"), C: Refused("TRUE/FALSE")}),
    # Out of range and Excel's own errors
    Case("cell 1e16", 1e16, _refused("terlalu besar")),
    Case("text beyond 10^15", "1.000.000.000.000.000.000", _refused("terlalu besar")),
    Case("excel error", "#DIV/0!", _refused("galat")),
)


@dataclass(frozen=True)
class Policy:
    """How one reader legitimately departs from a case's plain meaning."""

    negative: frozenset[Column] = frozenset()  # columns that keep negative values
    percent_max: float | None = None  # the largest percentage kept
    whole_rupiah: bool = False  # Rupiah rounded to whole Rupiah, halves up
    blank: Mapping[Column, Outcome] = field(default_factory=lambda: dict.fromkeys(Column, BLANK))


_EMPTY_REFUSED = Refused("kosong")

POLICIES: dict[str, Policy] = {
    # PJ Kinerja's reports: no negatives, percentages up to 100, whole Rupiah.
    "data_template": Policy(
        percent_max=100,
        whole_rupiah=True,
        blank={**dict.fromkeys(Column, BLANK), C: _EMPTY_REFUSED},  # a row with data
    ),
    "chat_input": Policy(
        percent_max=100, whole_rupiah=True, blank=dict.fromkeys(Column, _EMPTY_REFUSED)
    ),
    # The plan: a baseline or target may be negative except for a percentage (validation);
    # a percentage may exceed 100 (e.g. growth); Rupiah keep their decimals.
    "plan_workbook": Policy(negative=frozenset({P, R})),
    "plan_targets": Policy(negative=frozenset({P, R}), blank=dict.fromkeys(Column, _EMPTY_REFUSED)),
    "chat_plan": Policy(negative=frozenset({P, R}), blank=dict.fromkeys(Column, _EMPTY_REFUSED)),
    # A blank entry in "45; 45; 45; " is no entry: the list is one target short.
    "chat_targets": Policy(
        negative=frozenset({P, R}), blank=dict.fromkeys(Column, Refused("isi target periode"))
    ),
    # The team's mapping: a row with an area but no kode RUP is refused.
    "mapping": Policy(blank=dict.fromkeys(Column, _EMPTY_REFUSED)),
    # SIRUP: pagu in whole Rupiah, never negative; a row without pagu or kode is skipped.
    "sirup_xlsx": Policy(
        whole_rupiah=True, blank={**dict.fromkeys(Column, _EMPTY_REFUSED), D: BLANK}
    ),
    "sirup_csv": Policy(
        whole_rupiah=True, blank={**dict.fromkeys(Column, _EMPTY_REFUSED), D: BLANK}
    ),
}


def expected(case: Case, column: Column, reader: str) -> Outcome:
    """What ``reader`` must give for ``case`` in a ``column``: the case's meaning after the
    reader's policy."""
    policy = POLICIES[reader]
    outcome = case.expect[column]
    if isinstance(outcome, Blank):
        return policy.blank[column]
    if not isinstance(outcome, float):
        return outcome
    if outcome < 0 and column not in policy.negative:
        return Refused("negatif")
    if column is PC and policy.percent_max is not None and outcome > policy.percent_max:
        return Refused("0 sampai 100")
    if column is R and policy.whole_rupiah:
        return float(Decimal(repr(outcome)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return outcome
