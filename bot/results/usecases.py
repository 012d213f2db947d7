"""The results of a cycle (SOP step 13) as every later step reads them (``compilation``),
and what /capaian shows (``overview``, ``trend``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session

from bot.results import texts
from bot.results.compile import PackageFact, ReportFact, compile_results
from bot.results.model import Closure, Compilation, IndicatorResult
from bot.results.progress import progress
from bot.services import Services
from bot.sop import workflow
from bot.sop.cycles import visible_cycles
from storage import closures, cycles, packages, plans, submissions, units
from storage.models import Cycle


def compilation(svc: Services, year: int) -> Compilation | None:
    """The compiled results of ``year``; None when the year has no approved plan.

    Computed in one read and kept until anything is committed (``Database.cached``), so it
    follows every accepted, returned or replaced report; also per day, as what has started
    and what is late depend on the date.
    """
    key = ("results.compilation", year, svc.today(), id(svc))
    owner, found = svc.db.cached(key, lambda: (svc, _compute(svc, year)))
    if owner is not svc:  # cannot happen while the entry holds ``svc``; never trust an id
        found = _compute(svc, year)
    return found


@dataclass(frozen=True)
class Overview:
    """What /capaian shows: the years with an approved plan among the open cycles, the year
    shown (None while the person has to choose) and its compilation."""

    years: tuple[int, ...]
    year: int | None
    compilation: Compilation | None
    today: date

    @property
    def has_packages(self) -> bool:
        found = self.compilation
        return found is not None and any(
            p.packages_expected for i in found.indicators for p in i.periods
        )

    @property
    def has_reports(self) -> bool:
        found = self.compilation
        return found is not None and any(
            p.packages_counted for i in found.indicators for p in i.periods
        )


def result_years(svc: Services) -> tuple[int, ...]:
    """The open cycles' years that have an approved plan, oldest first."""
    return tuple(v.year for v in visible_cycles(svc) if v.facts.plan_approved)


def overview(svc: Services, *, year: int | None) -> Overview:
    """The results of ``year`` (when it is one of ``result_years``), else of the only such
    year; with several and none chosen, no year (the person chooses)."""
    years = result_years(svc)
    if year not in years:
        year = years[0] if len(years) == 1 else None
    found = None if year is None else compilation(svc, year)
    return Overview(years, year, found, svc.today())


def trend(svc: Services, *, year: int, code: str) -> IndicatorResult | None:
    """One indicator's results of ``year``; None when the year or the indicator is gone."""
    if year not in result_years(svc):
        return None
    found = compilation(svc, year)
    return None if found is None else found.indicator(code)


def _compute(svc: Services, year: int) -> Compilation | None:
    with svc.db.read() as session:
        plan = plans.approved_plan(session, year=year)
        cycle = cycles.find_cycle(session, year=year)
        if plan is None or cycle is None or cycle.id is None:
            return None
        facts = _packages(session, cycle.id)
        reports = [
            ReportFact(
                package_id=row.package_id,
                period_key=row.period_key,
                revision=row.revision,
                status=row.status,
                values=_loaded(row.values_json, {}),
                actions=tuple(a for a in _loaded(row.actions_json, []) if isinstance(a, dict)),
                submitted_at=row.submitted_at,
            )
            for row in submissions.accepted_of_cycle(session, cycle_id=cycle.id)
        ]
        closed = {
            row.indicator_code: Closure(row.reason, row.period_key, row.closed_after)
            for row in closures.of_cycle(session, cycle_id=cycle.id)
        }
    return compile_results(
        plan,
        packages=facts,
        reports=reports,
        closures=closed,
        settings=svc.profile.achievement,
        today=svc.today(),
        computed_at=svc.now(),
    )


def report_verified(
    session: Session, *, cycle_id: int, accepted: bool, actor_id: int | None, svc: Services
) -> None:
    """Inside the verification's transaction: an accepted report moves step 13 (running, or
    done when the latest ended period is complete); a returned one changes nothing."""
    cycle = session.get(Cycle, cycle_id)
    plan = None if cycle is None else plans.approved_plan(session, year=cycle.year)
    if not accepted or plan is None:
        return
    found = progress(
        plan,
        packages=_packages(session, cycle_id),
        accepted={
            (row.package_id, row.period_key)
            for row in submissions.accepted_of_cycle(session, cycle_id=cycle_id)
        },
        today=svc.today(),
    )
    note = ""
    if found.labels and found.missing:
        note = texts.STEP_NOTE.format(periods=" dan ".join(found.labels), count=found.missing)
    workflow.report_accepted(
        session,
        cycle_id=cycle_id,
        complete=found.complete,
        actor_id=actor_id,
        now=svc.now(),
        note=note,
    )


def _packages(session: Session, cycle_id: int) -> list[PackageFact]:
    names = {u.id: u.name for u in units.list_units(session, active_only=False)}
    return [
        PackageFact(p.id, names[p.unit_id], p.area_code)
        for p in packages.all_of_cycle(session, cycle_id=cycle_id)
        if p.id is not None and p.area_code and p.unit_id is not None and p.unit_id in names
    ]


def _loaded(text: str, empty: Any) -> Any:
    try:
        found = json.loads(text or "null")
    except ValueError:
        return empty
    return found if isinstance(found, type(empty)) else empty
