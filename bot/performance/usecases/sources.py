"""Where the reports' material comes from: the compiled results and their charts (from the
results feature), the period of a choice, and the team's analyses, recommendations and the
closed indicators of a cycle, read in one transaction and handed on as plain data."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from bot.performance.documents import (
    Analysis,
    AreaChart,
    ClosureNote,
    Period,
    Recommendation,
)
from bot.performance.kinds import ReportChoice
from bot.reporting.rules import ReportingPeriod, reporting_period
from bot.results.model import Compilation
from bot.services import Services
from bot.sop.cycles import CycleView
from storage import closures
from storage import performance as store

DecisionLabels = dict[str, str]


def compilation(svc: Services, year: int) -> Compilation | None:
    """The year's compiled results (``bot.results.usecases.compilation``)."""
    results = cast(Any, importlib.import_module("bot.results.usecases"))
    found = results.compilation(svc, year)
    return cast(Compilation | None, found)


def area_chart() -> AreaChart | None:
    """The chart of an area as /capaian draws it, or None while the results feature has no
    charts."""
    try:
        charts = cast(Any, importlib.import_module("bot.results.charts"))
    except ImportError:
        return None
    maker = getattr(charts, "area_chart", None)
    return cast(AreaChart, maker) if callable(maker) else None


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
    """Everything the team wrote for the cycle, and what the head decided, as plain data
    (read with ``storage.performance`` until ``storage.analysis`` is on main)."""
    zone = svc.profile.timezone
    with svc.db.read() as session:
        analyses = tuple(
            Analysis(a.indicator_code, a.period_key, a.what_happened, a.causes, a.method)
            for a in store.analyses(session, cycle_id=cycle_id)
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
            for r in store.recommendations(session, cycle_id=cycle_id)
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
