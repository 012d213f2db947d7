"""The plan as immutable data. Codes identify things across revisions and workbooks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Category(StrEnum):
    """LKPP's measurement areas a strategic area is tagged with."""

    KETEPATAN_WAKTU = "Ketepatan Waktu"
    PENGHEMATAN_BIAYA = "Penghematan Biaya"
    KUALITAS = "Kualitas"
    TINGKAT_LAYANAN = "Tingkat Layanan"
    LAINNYA = "Lainnya"


class Polarity(StrEnum):
    """Whether a higher or a lower value is better."""

    NAIK = "Semakin tinggi semakin baik"
    TURUN = "Semakin rendah semakin baik"


class Frequency(StrEnum):
    """How often an indicator is monitored or reported."""

    BULANAN = "bulanan"
    TRIWULANAN = "triwulanan"
    SEMESTER = "semester"
    TAHUNAN = "tahunan"

    @property
    def periods_per_year(self) -> int:
        return {"bulanan": 12, "triwulanan": 4, "semester": 2, "tahunan": 1}[self.value]


class InputKind(StrEnum):
    """The type of a value owners report for a formula input."""

    ANGKA = "angka"
    RUPIAH = "rupiah"
    PERSEN = "persen"
    HARI = "hari"
    TANGGAL = "tanggal"
    YA_TIDAK = "ya/tidak"


class ActionStatus(StrEnum):
    BELUM_MULAI = "belum mulai"
    BERJALAN = "berjalan"
    SELESAI = "selesai"
    TERTUNDA = "tertunda"


# Units an indicator's value can have. Additive units add up over the periods of a year
# (period targets are cumulative); the others are ratios or averages (each period has
# the annual target).
UNITS = ("%", "hari", "Rp", "jumlah", "indeks", "skor")
ADDITIVE_UNITS = ("Rp", "jumlah")


@dataclass(frozen=True)
class Objective:
    """A PBJ objective (tujuan PBJ)."""

    code: str
    text: str


@dataclass(frozen=True)
class Area:
    """A strategic area (area strategis), under one objective."""

    code: str
    name: str
    category: Category
    objective_code: str


@dataclass(frozen=True)
class FormulaInput:
    """A named value owners report, used in an indicator's formula."""

    name: str
    label: str
    kind: InputKind


@dataclass(frozen=True)
class Indicator:
    """A performance indicator with every attribute of an indicator manual."""

    code: str
    area_code: str
    name: str
    definition: str = ""
    inputs: tuple[FormulaInput, ...] = ()
    formula: str = ""
    unit: str = ""
    polarity: Polarity | None = None
    monitoring_frequency: Frequency | None = None
    reporting_frequency: Frequency | None = None
    data_source: str = ""
    pic_unit: str = ""
    evidence: str = ""
    baseline_value: float | None = None
    baseline_year: int | None = None
    annual_target: float | None = None
    period_targets: tuple[float, ...] = ()
    # Set only on the plan a cycle reports on (``bot.sop.cycles``), never stored with the
    # plan: the head closed the indicator in a meeting (SOP step 17) after this day, so it
    # is not due in any period that starts later.
    closed_after: date | None = None


@dataclass(frozen=True)
class ActionPlan:
    """One action (rencana aksi) of an indicator; ``number`` counts from 1 per indicator."""

    indicator_code: str
    number: int
    activity: str
    output: str = ""
    start: date | None = None
    end: date | None = None
    pic_unit: str = ""
    status: ActionStatus = ActionStatus.BELUM_MULAI


@dataclass(frozen=True)
class Plan:
    """A whole plan of one year (one revision)."""

    year: int
    objectives: tuple[Objective, ...] = ()
    areas: tuple[Area, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    actions: tuple[ActionPlan, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        return not (self.objectives or self.areas or self.indicators or self.actions)

    def indicator(self, code: str) -> Indicator | None:
        return next((i for i in self.indicators if i.code == code), None)

    def area(self, code: str) -> Area | None:
        return next((a for a in self.areas if a.code == code), None)

    def indicators_of(self, area_code: str) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.area_code == area_code)

    def actions_of(self, indicator_code: str) -> tuple[ActionPlan, ...]:
        return tuple(
            sorted(
                (a for a in self.actions if a.indicator_code == indicator_code),
                key=lambda a: a.number,
            )
        )


class PlanStatus(StrEnum):
    """Where a revision of the plan stands; the value is stored in the database."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    CHANGES_REQUESTED = "changes_requested"
