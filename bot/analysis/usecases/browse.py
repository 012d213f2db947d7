"""What /analisis shows: the years, the ended periods of a year, the indicators of a period
and the card of one indicator (its analysis, recommendations and compiled result)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlmodel import Session

from bot.analysis.results import period_result
from bot.analysis.rules import ended_periods, indicators_to_analyse
from bot.planning.rules.model import Indicator, Plan
from bot.reporting.rules import ReportingPeriod
from bot.results.model import PeriodResult
from bot.results.usecases import compilation
from bot.services import Services
from bot.sop.cycles import cycle, visible_cycles
from storage import analysis, closures


@dataclass(frozen=True)
class Scope:
    """An ended period of a year's approved plan and the indicators it reports."""

    year: int
    cycle_id: int
    plan: Plan
    period: ReportingPeriod
    indicators: tuple[Indicator, ...]
    periods: tuple[ReportingPeriod, ...]  # every period of the cycle
    closed_after: dict[str, date]  # indicators closed in a meeting, by code

    def due(self, period: ReportingPeriod) -> tuple[Indicator, ...]:
        """The indicators to analyse in any period of the cycle."""
        return indicators_to_analyse(self.plan, period, self.closed_after)

    def indicator(self, code: str) -> Indicator | None:
        return next((i for i in self.indicators if i.code == code), None)


@dataclass(frozen=True)
class PeriodChoice:
    """An ended period and how many of its indicators have an analysis."""

    period: ReportingPeriod
    analysed: int
    total: int


@dataclass(frozen=True)
class PeriodMenu:
    """The ended periods of a year, newest first; ``next_end`` is the end of the first period
    while none has ended (None when the plan reports nothing)."""

    year: int
    choices: tuple[PeriodChoice, ...]
    next_end: date | None
    several_years: bool


@dataclass(frozen=True)
class IndicatorItem:
    code: str
    name: str
    analysed: bool
    recommendations: int


@dataclass(frozen=True)
class IndicatorMenu:
    year: int
    period: ReportingPeriod
    items: tuple[IndicatorItem, ...]


@dataclass(frozen=True)
class AnalysisView:
    what_happened: str
    causes: str
    method: str


@dataclass(frozen=True)
class RecommendationView:
    """A recommendation as the card numbers it; ``decided`` ones can no longer be removed."""

    id: int
    number: int
    what: str
    who: str
    due: date | None
    decided: bool


@dataclass(frozen=True)
class Card:
    year: int
    period: ReportingPeriod
    code: str
    name: str
    unit: str
    analysis: AnalysisView | None
    recommendations: tuple[RecommendationView, ...]
    result: PeriodResult | None = None  # compiled (step 13); None while not compiled

    @property
    def removable(self) -> tuple[RecommendationView, ...]:
        return tuple(r for r in self.recommendations if not r.decided)


def analysis_years(svc: Services) -> tuple[int, ...]:
    """The visible years with an approved plan, oldest first."""
    return tuple(v.year for v in visible_cycles(svc) if v.plan is not None and v.cycle_id)


def scope(svc: Services, year: int, period_key: str) -> Scope | None:
    """The year's ended period ``period_key``; None when there is no such period (any more)."""
    view = cycle(svc, year)
    if view.cycle_id is None or view.plan is None:
        return None
    found = next((p for p in ended_periods(view.periods, svc.today()) if p.key == period_key), None)
    if found is None:
        return None
    closed = _closed(svc, view.cycle_id)
    due = indicators_to_analyse(view.plan, found, closed)
    return Scope(year, view.cycle_id, view.plan, found, due, view.periods, closed)


def _closed(svc: Services, cycle_id: int) -> dict[str, date]:
    with svc.db.read() as session:
        return {
            c.indicator_code: c.closed_after for c in closures.of_cycle(session, cycle_id=cycle_id)
        }


def period_menu(svc: Services, year: int) -> PeriodMenu | None:
    """The year's ended periods with their count of analyses; None without an approved plan."""
    view = cycle(svc, year)
    if view.cycle_id is None or view.plan is None:
        return None
    periods = ended_periods(view.periods, svc.today())
    with svc.db.read() as session:
        done = {(a.period_key, a.indicator_code) for a in analysis.of_cycle(session, view.cycle_id)}
        closed = {
            c.indicator_code: c.closed_after
            for c in closures.of_cycle(session, cycle_id=view.cycle_id)
        }
    choices = []
    for period in periods:
        codes = [i.code for i in indicators_to_analyse(view.plan, period, closed)]
        analysed = sum(1 for code in codes if (period.key, code) in done)
        choices.append(PeriodChoice(period, analysed, len(codes)))
    next_end = min((p.end for p in view.periods), default=None)
    return PeriodMenu(year, tuple(choices), next_end, len(analysis_years(svc)) > 1)


def indicator_menu(svc: Services, year: int, period_key: str) -> IndicatorMenu | None:
    """The period's indicators, each marked analysed or not, with its recommendations."""
    found = scope(svc, year, period_key)
    if found is None:
        return None
    with svc.db.read() as session:
        done = {a.indicator_code for a in analysis.of_period(session, found.cycle_id, period_key)}
        counts: dict[str, int] = {}
        for row in analysis.recommendations(session, found.cycle_id, period_key):
            counts[row.indicator_code] = counts.get(row.indicator_code, 0) + 1
    items = tuple(
        IndicatorItem(i.code, i.name, i.code in done, counts.get(i.code, 0))
        for i in found.indicators
    )
    return IndicatorMenu(year, found.period, items)


def read_card(session: Session, found: Scope, code: str) -> Card | None:
    """The card of indicator ``code`` in the scope's period, read in the caller's session."""
    indicator = found.indicator(code)
    if indicator is None:
        return None
    key = found.period.key
    row = next(
        (a for a in analysis.of_period(session, found.cycle_id, key) if a.indicator_code == code),
        None,
    )
    view = None if row is None else AnalysisView(row.what_happened, row.causes, row.method)
    recommendations = tuple(
        RecommendationView(r.id or 0, number, r.what, r.who, r.due, bool(r.decision))
        for number, r in enumerate(
            (
                r
                for r in analysis.recommendations(session, found.cycle_id, key)
                if r.indicator_code == code
            ),
            start=1,
        )
    )
    return Card(
        found.year, found.period, code, indicator.name, indicator.unit, view, recommendations
    )


def card(svc: Services, year: int, period_key: str, code: str) -> Card | None:
    """The card of one indicator in an ended period with its compiled result; None when
    either is gone."""
    found = scope(svc, year, period_key)
    if found is None:
        return None
    with svc.db.read() as session:
        view = read_card(session, found, code)
    return None if view is None else with_result(svc, view)


def with_result(svc: Services, view: Card) -> Card:
    """The card with its compiled result (step 13; computed once until the next commit)."""
    result = period_result(compilation(svc, view.year), view.code, view.period.key)
    return replace(view, result=result)
