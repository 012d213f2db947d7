"""The results of a cycle (SOP step 13) as every later step reads them: ``compilation``."""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import Session

from bot.results.compile import PackageFact, ReportFact, compile_results
from bot.results.model import Closure, Compilation
from bot.services import Services
from storage import closures, cycles, packages, plans, submissions, units


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


def _packages(session: Session, cycle_id: int) -> list[PackageFact]:
    names = {u.id: u.name for u in units.list_units(session, active_only=False)}
    return [
        PackageFact(p.id, names[p.unit_id], p.area_code)
        for p in packages.all_of_cycle(session, cycle_id=cycle_id)
        if p.id is not None and p.area_code and p.unit_id in names
    ]


def _loaded(text: str, empty: Any) -> Any:
    try:
        found = json.loads(text or "null")
    except ValueError:
        return empty
    return found if isinstance(found, type(empty)) else empty
