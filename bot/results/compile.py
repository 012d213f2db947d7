"""Compiling a cycle's results (SOP step 13) from plain facts: the approved plan, the mapped
packages with their units, the accepted reports and the closures. No Telegram, no storage.

Scope and counting, written once:

- An indicator's *packages in scope* are the cycle's packages mapped to its area
  (``Package.area_code``) that belong to a unit (a package without a unit has nobody who
  can report it).
- Per package and period only the *newest accepted* revision counts (``newest_accepted``):
  waiting and returned revisions do not, a newer accepted one replaces an older one.
- Realisation of period n: the formula over the inputs summed over the packages; for
  additive units (Rupiah, counts: ``ADDITIVE_UNITS``) the period targets are cumulative, so
  the inputs are summed over periods 1..n as well. A package *counts* in period n when its
  report for n is in; the others are missing, with their units named. With none counted
  the realisation is missing (never zero).
- A closed indicator keeps its periods up to ``closed_after`` and drops those starting
  after it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from bot.core.achievement_settings import AchievementSettings
from bot.planning.rules.model import ADDITIVE_UNITS, Indicator, Plan
from bot.planning.rules.periods import Period, default_period_targets, periods
from bot.results import rules
from bot.results.model import (
    ActionResult,
    AreaResult,
    Closure,
    Compilation,
    IndicatorResult,
    PeriodResult,
)

DONE = "selesai"


@dataclass(frozen=True)
class PackageFact:
    """A package of the cycle mapped to ``area_code``, of the unit named ``unit_name``."""

    package_id: int
    unit_name: str
    area_code: str


@dataclass(frozen=True)
class ReportFact:
    """One stored report revision: its values and actions as the submission keeps them."""

    package_id: int
    period_key: str
    revision: int
    status: str
    values: Mapping[str, object]
    actions: tuple[Mapping[str, object], ...]
    submitted_at: datetime


def newest_accepted(
    reports: Iterable[ReportFact], accepted: str = "accepted"
) -> dict[tuple[int, str], ReportFact]:
    """Per (package, period) the accepted revision with the highest number."""
    found: dict[tuple[int, str], ReportFact] = {}
    for report in reports:
        if report.status != accepted:
            continue
        key = (report.package_id, report.period_key)
        if key not in found or found[key].revision < report.revision:
            found[key] = report
    return found


@dataclass(frozen=True)
class _World:
    year: int
    today: date
    settings: AchievementSettings
    packages: tuple[PackageFact, ...]
    reports: Mapping[tuple[int, str], ReportFact]


def _targets(indicator: Indicator, count: int) -> tuple[float | None, ...]:
    if len(indicator.period_targets) == count:
        return tuple(indicator.period_targets)
    frequency = indicator.reporting_frequency
    if indicator.annual_target is None or frequency is None:
        return (None,) * count
    return default_period_targets(indicator.annual_target, indicator.unit, frequency)


def _names(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(names), key=str.casefold))


def _period_result(
    indicator: Indicator,
    year_periods: Sequence[Period],
    number: int,
    target: float | None,
    world: _World,
) -> PeriodResult:
    """Period ``number`` of the indicator, without the changes (filled in by the caller)."""
    frequency = indicator.reporting_frequency
    assert frequency is not None
    period = year_periods[number - 1]
    key = f"{frequency.value}-{number}"
    scope = [p for p in world.packages if p.area_code == indicator.area_code]
    counted = [p for p in scope if (p.package_id, key) in world.reports]
    missing = [p for p in scope if (p.package_id, key) not in world.reports]
    if period.start > world.today:
        value, missing = rules.Realisation(None, rules.REASON_NOT_STARTED), []
    elif not scope:
        value = rules.Realisation(None, rules.REASON_NO_PACKAGES)
    elif not counted:
        value = rules.Realisation(None, rules.REASON_NO_REPORTS)
    else:
        numbers = range(1, number + 1) if indicator.unit in ADDITIVE_UNITS else (number,)
        keys = [f"{frequency.value}-{n}" for n in numbers]
        values = [
            world.reports[(p.package_id, k)].values
            for p in scope
            for k in keys
            if (p.package_id, k) in world.reports
        ]
        value = rules.realisation(indicator, values)
    reached = rules.achievement(
        value.value,
        target,
        higher_is_better=rules.higher_is_better(indicator),
        settings=world.settings,
    )
    return PeriodResult(
        indicator_code=indicator.code,
        period_key=key,
        period_label=period.label,
        period_end=period.end,
        target=target,
        realisation=value.value,
        achievement=reached.value,
        band=rules.band(reached.value, world.settings),
        change_from_previous=None,
        change_from_baseline=rules.change(value.value, indicator.baseline_value),
        packages_expected=len(scope),
        packages_counted=len(counted),
        reported_units=_names(p.unit_name for p in counted),
        missing_units=_names(p.unit_name for p in missing),
        reason=value.reason or reached.reason,
    )


def _indicator_result(
    plan: Plan, indicator: Indicator, closure: Closure | None, world: _World
) -> IndicatorResult:
    frequency = indicator.reporting_frequency
    results: list[PeriodResult] = []
    if frequency is not None:
        year_periods = periods(frequency, world.year)
        targets = _targets(indicator, len(year_periods))
        for number, period in enumerate(year_periods, start=1):
            if closure is not None and period.start > closure.closed_after:
                break
            found = _period_result(indicator, year_periods, number, targets[number - 1], world)
            previous = results[-1].realisation if results else None
            results.append(_with_previous(found, previous))
    area = plan.area(indicator.area_code)
    return IndicatorResult(
        code=indicator.code,
        name=indicator.name,
        area_code=indicator.area_code,
        area_name=area.name if area else indicator.area_code,
        unit=indicator.unit,
        higher_is_better=rules.higher_is_better(indicator),
        frequency=frequency.value if frequency else "",
        baseline=indicator.baseline_value,
        baseline_year=indicator.baseline_year,
        annual_target=indicator.annual_target,
        periods=tuple(results),
        closure=closure,
    )


def _with_previous(found: PeriodResult, previous: float | None) -> PeriodResult:
    return replace(found, change_from_previous=rules.change(found.realisation, previous))


def _actions(plan: Plan, world: _World) -> tuple[ActionResult, ...]:
    """Each action's status as last reported (overall and per unit), and whether it is late."""
    units = {p.package_id: p.unit_name for p in world.packages}
    # (indicator, number) -> unit -> (submitted at, revision, status)
    latest: dict[tuple[str, int], dict[str, tuple[datetime, int, str]]] = {}
    for report in world.reports.values():
        unit = units.get(report.package_id)
        if unit is None:
            continue
        for item in report.actions:
            status = str(item.get("status") or "").strip()
            number = item.get("number")
            if not status or not isinstance(number, int):
                continue
            key = (str(item.get("indicator")), number)
            stamp = (report.submitted_at, report.revision, status)
            per_unit = latest.setdefault(key, {})
            if unit not in per_unit or per_unit[unit][:2] < stamp[:2]:
                per_unit[unit] = stamp
    found = []
    for action in plan.actions:
        per_unit = latest.get((action.indicator_code, action.number), {})
        newest = max(per_unit.values(), default=None)
        status = newest[2] if newest else action.status.value
        late = action.end is not None and world.today > action.end and status != DONE
        found.append(
            ActionResult(
                indicator_code=action.indicator_code,
                number=action.number,
                activity=action.activity,
                pic_unit=action.pic_unit,
                end=action.end,
                status=status,
                late=late,
                by_unit=tuple(
                    (unit, per_unit[unit][2]) for unit in sorted(per_unit, key=str.casefold)
                ),
            )
        )
    return tuple(found)


def compile_results(
    plan: Plan,
    *,
    packages: Sequence[PackageFact],
    reports: Iterable[ReportFact],
    closures: Mapping[str, Closure],
    settings: AchievementSettings,
    today: date,
    computed_at: datetime,
) -> Compilation:
    """Every result of the plan's cycle (``closures`` by indicator code)."""
    world = _World(plan.year, today, settings, tuple(packages), newest_accepted(reports))
    indicators = tuple(
        _indicator_result(plan, i, closures.get(i.code), world) for i in plan.indicators
    )
    areas = tuple(
        AreaResult(
            code=a.code,
            name=a.name,
            category=a.category.value,
            indicator_codes=tuple(i.code for i in plan.indicators_of(a.code)),
        )
        for a in plan.areas
    )
    return Compilation(plan.year, computed_at, areas, indicators, _actions(plan, world))
