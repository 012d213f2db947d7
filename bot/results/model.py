"""What a compilation of results is (SOP step 13), as plain frozen data.

``bot.results.rules`` computes it from the approved plan and the *accepted* reports; the
report documents (step 15), the deck (step 16), ``/capaian`` and the meeting (step 17) only
read it. Numbers are floats rounded for display only where they are shown; missing data is
``None`` (never zero) and says which units are missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class PeriodResult:
    """One indicator in one reporting period.

    ``realisation`` is the indicator's formula over its inputs summed over the packages in
    scope (for additive units, Rupiah and counts, also summed over the year's periods up to
    this one, as their period targets are cumulative); ``achievement`` is percent of
    ``target`` with the indicator's polarity; ``band`` the category name (Sangat Tinggi ...).
    ``missing_units`` are the units whose packages have no accepted report yet; ``reason``
    says in Indonesian why a value is missing (empty when it is there).
    """

    indicator_code: str
    period_key: str
    period_label: str
    period_end: date
    target: float | None
    realisation: float | None
    achievement: float | None
    band: str | None
    change_from_previous: float | None
    change_from_baseline: float | None
    packages_expected: int
    packages_counted: int
    reported_units: tuple[str, ...]
    missing_units: tuple[str, ...]
    reason: str = ""

    @property
    def is_missing(self) -> bool:
        return self.realisation is None


@dataclass(frozen=True)
class Closure:
    """An indicator closed by the head in a meeting: ``tercapai`` or ``waktu_habis``."""

    reason: str
    period_key: str
    closed_after: date


@dataclass(frozen=True)
class IndicatorResult:
    """An indicator with its results of every period it reports, oldest first."""

    code: str
    name: str
    area_code: str
    area_name: str
    unit: str
    higher_is_better: bool
    frequency: str
    baseline: float | None
    baseline_year: int | None
    annual_target: float | None
    periods: tuple[PeriodResult, ...]
    closure: Closure | None = None

    def period(self, key: str) -> PeriodResult | None:
        return next((p for p in self.periods if p.period_key == key), None)

    @property
    def latest(self) -> PeriodResult | None:
        """The newest period that has a value, else None."""
        return next((p for p in reversed(self.periods) if not p.is_missing), None)


@dataclass(frozen=True)
class ActionResult:
    """An action plan's standing: its status as last reported, whether it is late (past its
    end and not done), and the status each unit last reported."""

    indicator_code: str
    number: int
    activity: str
    pic_unit: str
    end: date | None
    status: str
    late: bool
    by_unit: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class AreaResult:
    """A strategic area and its indicators' codes, in plan order."""

    code: str
    name: str
    category: str
    indicator_codes: tuple[str, ...]


@dataclass(frozen=True)
class Compilation:
    """Every result of a cycle at ``computed_at``."""

    year: int
    computed_at: datetime
    areas: tuple[AreaResult, ...]
    indicators: tuple[IndicatorResult, ...]
    actions: tuple[ActionResult, ...]

    def indicator(self, code: str) -> IndicatorResult | None:
        return next((i for i in self.indicators if i.code == code), None)

    def indicators_of(self, area_code: str) -> tuple[IndicatorResult, ...]:
        return tuple(i for i in self.indicators if i.area_code == area_code)
