"""Where the reports' material comes from: the compiled results and their charts (from the
results feature), the period of a choice, and the team's analyses, recommendations and the
closed indicators of a cycle, read in one transaction and handed on as plain data."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.performance.documents import (
    Analysis,
    AreaChart,
    ClosureNote,
    Period,
    Recommendation,
)
from bot.performance.kinds import ReportChoice
from bot.reporting.rules import ReportingPeriod, reporting_period
from bot.results import charts
from bot.results import usecases as results
from bot.results.model import Compilation
from bot.services import Services
from bot.sop.cycles import CycleView
from storage import analysis, closures

CHART_DPI = 120  # printed about 14 cm wide: sharp enough, quick to draw


def compilation(svc: Services, year: int) -> Compilation | None:
    """The year's compiled results, as every later step reads them."""
    return results.compilation(svc, year)


def area_chart(
    compilation: Compilation, codes: Sequence[str], period_key: str | None
) -> bytes | None:
    """The chart of ``codes`` as /capaian draws it (target against realisation)."""
    if not codes:
        return None
    return charts.target_vs_realisation_png(
        compilation, codes=codes, period_key=period_key, dpi=CHART_DPI
    )


def remembered_charts() -> AreaChart:
    """:func:`area_chart` drawing each chart once (the report and its deck share them)."""
    drawn: dict[tuple[tuple[str, ...], str | None], bytes | None] = {}

    def chart(
        compilation: Compilation, codes: Sequence[str], period_key: str | None
    ) -> bytes | None:
        key = (tuple(codes), period_key)
        if key not in drawn:
            drawn[key] = area_chart(compilation, codes, period_key)
        return drawn[key]

    return chart


def period_of(svc: Services, cycle: CycleView, choice: ReportChoice, number: int) -> Period | None:
    """The period of ``choice`` numbered ``number`` (the status report: the year)."""
    found: ReportingPeriod | None = next(
        (p for p in cycle.periods if p.frequency is choice.frequency and p.number == number),
        None,
    )
    if found is None:
        if number != 1 or choice.frequency.periods_per_year != 1:
            return None
        found = reporting_period(choice.frequency, 1, year=cycle.year, zone=svc.profile.timezone)
    return Period(found.frequency.value, found.number, found.label, found.start, found.end)


@dataclass(frozen=True)
class Notes:
    """The team's analyses and recommendations of a cycle and the closed indicators."""

    analyses: tuple[Analysis, ...]
    recommendations: tuple[Recommendation, ...]
    closures: tuple[ClosureNote, ...]


def notes(svc: Services, *, cycle_id: int, decision_label: Callable[[str], str]) -> Notes:
    """Everything the team wrote for the cycle, and what the head decided, as plain data."""
    zone = svc.profile.timezone
    with svc.db.read() as session:
        analyses = tuple(
            Analysis(a.indicator_code, a.period_key, a.what_happened, a.causes, a.method)
            for a in analysis.of_cycle(session, cycle_id)
        )
        recommendations = tuple(
            Recommendation(
                r.indicator_code,
                r.period_key,
                r.position,
                r.what,
                r.who,
                r.due,
                decision_label(r.decision) if r.decision else "",
            )
            for r in analysis.recommendations_of_cycle(session, cycle_id)
        )
        closed = tuple(
            ClosureNote(
                c.indicator_code,
                c.reason,
                c.period_key,
                c.decided_at.astimezone(zone).date(),
            )
            for c in closures.of_cycle(session, cycle_id=cycle_id)
        )
    return Notes(analyses, recommendations, closed)
