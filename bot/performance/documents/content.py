"""What the results documents are made of, as plain frozen data: the period reported on,
the team's analyses and recommendations (with the head's decisions as display text), and
which indicator figures a report covers.

A report of a period kind covers the indicators reported at that frequency, each with its
figure of the period; the annual report (``tahunan``) covers every indicator with its
annual figure, or its latest when it has no annual period.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from bot.core.signing import Approval
from bot.results.model import AreaResult, Compilation, IndicatorResult, PeriodResult

ANNUAL = "tahunan"
BAND_ORDER = ("Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah")

AreaChart = Callable[[Compilation, Sequence[str], str | None], bytes | None]
"""The chart of some indicators (by code) in a period (None: each indicator's latest), as
PNG bytes: the same figure /capaian shows; None when there is nothing to draw."""


@dataclass(frozen=True)
class Period:
    """The period a report covers: ``frequency`` (bulanan ... tahunan) and ``number``."""

    frequency: str
    number: int
    label: str
    start: date
    end: date

    @property
    def key(self) -> str:
        return f"{self.frequency}-{self.number}"

    @property
    def title(self) -> str:
        """``Triwulan I Tahun 2027``; the annual report is ``Tahun 2027``."""
        if self.frequency == ANNUAL:
            return f"Tahun {self.end.year}"
        return f"{self.label} Tahun {self.end.year}"


@dataclass(frozen=True)
class Analysis:
    """The team's analysis of one indicator in one period."""

    indicator_code: str
    period_key: str
    what_happened: str
    causes: str
    method: str


@dataclass(frozen=True)
class Recommendation:
    """A recommendation; ``decision`` is the head's decision as shown ("" while undecided)."""

    indicator_code: str
    period_key: str
    position: int
    what: str
    who: str
    due: date | None
    decision: str = ""


@dataclass(frozen=True)
class Signing:
    """The day and place printed above the signature, the revision, and the approval of a
    signed document (None on a draft)."""

    day: date
    revision: int = 1
    approval: Approval | None = None


@dataclass(frozen=True)
class ReportInput:
    """Everything a Laporan Pencapaian Kinerja (and its workbook and deck) shows."""

    compilation: Compilation
    period: Period
    analyses: tuple[Analysis, ...]
    recommendations: tuple[Recommendation, ...]
    signing: Signing


@dataclass(frozen=True)
class Row:
    """One indicator in a report and its figure (None: not reported in the period)."""

    indicator: IndicatorResult
    result: PeriodResult | None

    @property
    def missing(self) -> bool:
        return self.result is None or self.result.is_missing


def figure_of(indicator: IndicatorResult, period: Period) -> PeriodResult | None:
    """The indicator's figure in ``period``: for the annual report its annual period, else
    its last period with a value, else its last period."""
    if period.frequency != ANNUAL:
        return indicator.period(period.key)
    found = indicator.period(period.key)
    if found is not None:
        return found
    return indicator.latest or (indicator.periods[-1] if indicator.periods else None)


def covers(indicator: IndicatorResult, period: Period) -> bool:
    return period.frequency == ANNUAL or indicator.frequency == period.frequency


AreaRows = tuple[tuple[AreaResult, tuple["Row", ...]], ...]


def areas(compilation: Compilation, period: Period) -> AreaRows:
    """The strategic areas that have indicators in the report, with their rows."""
    found = []
    for area in compilation.areas:
        rows = tuple(
            Row(i, figure_of(i, period))
            for i in compilation.indicators_of(area.code)
            if covers(i, period)
        )
        if rows:
            found.append((area, rows))
    return tuple(found)


def rows(compilation: Compilation, period: Period) -> tuple[Row, ...]:
    return tuple(row for _, area_rows in areas(compilation, period) for row in area_rows)


NO_DATA = "Belum ada data"
UNCATEGORISED = "Tanpa kategori"


def band_counts(report_rows: tuple[Row, ...]) -> tuple[tuple[str, int], ...]:
    """How many indicators fall in each band (the usual five first, in order), how many
    have a figure but no band (no target to measure against; listed only when some do),
    and how many have no data yet."""
    counts: dict[str, int] = dict.fromkeys(BAND_ORDER, 0)
    missing = uncategorised = 0
    for row in report_rows:
        if row.missing or row.result is None:
            missing += 1
        elif not row.result.band:
            uncategorised += 1
        else:
            counts[row.result.band] = counts.get(row.result.band, 0) + 1
    extra = ((UNCATEGORISED, uncategorised),) if uncategorised else ()
    return (*counts.items(), *extra, (NO_DATA, missing))


def notes_of(report: ReportInput, row: Row) -> tuple[Analysis | None, tuple[Recommendation, ...]]:
    """The analysis and recommendations of ``row``'s indicator in the period of its figure."""
    key = report.period.key if row.result is None else row.result.period_key
    analysis = next(
        (
            a
            for a in report.analyses
            if a.indicator_code == row.indicator.code and a.period_key == key
        ),
        None,
    )
    recommendations = tuple(
        r
        for r in report.recommendations
        if r.indicator_code == row.indicator.code and r.period_key == key
    )
    return analysis, tuple(sorted(recommendations, key=lambda r: r.position))


_PERIOD_WORDS = {"bulanan": "Bulan", "triwulanan": "Triwulan", "semester": "Semester"}


def period_label(compilation: Compilation, key: str) -> str:
    """The label of period ``key`` as the compilation names it (``Triwulan I``)."""
    for indicator in compilation.indicators:
        found = indicator.period(key)
        if found is not None:
            return found.period_label
    frequency, _, number = key.rpartition("-")
    if frequency == ANNUAL:
        return "Tahunan"
    return f"{_PERIOD_WORDS.get(frequency, 'Periode')} {number}".strip()


def chart_of(
    chart: AreaChart | None, report: ReportInput, area_rows: Sequence[Row]
) -> bytes | None:
    """The chart of an area's rows in the report (the annual report: each latest)."""
    if chart is None:
        return None
    key = None if report.period.frequency == ANNUAL else report.period.key
    return chart(report.compilation, [row.indicator.code for row in area_rows], key)
