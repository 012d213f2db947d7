"""The yearly cycles as features use them: what storage knows of each, its reporting periods,
the cycles open now, and closing one. The rules themselves are in ``bot.sop.cycle_rules``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time

from bot.planning.rules.model import Plan
from bot.reporting.rules import ReportingPeriod, reporting_periods
from bot.services import Services
from bot.sop.cycle_rules import (
    CloseRefusal,
    CycleFacts,
    close_refusal,
    planning_default_year,
    planning_years,
    reporting,
    visible,
    working_year,
)
from bot.sop.steps import StepState, StepStatus, cycle_status
from storage import closures, cycles, plans, submissions, users


@dataclass(frozen=True)
class CycleView:
    """One cycle: its facts, its id (None while nothing is stored), its approved plan and
    the reporting periods of that plan (deadlines in the profile's zone)."""

    facts: CycleFacts
    cycle_id: int | None
    plan: Plan | None
    periods: tuple[ReportingPeriod, ...]

    @property
    def year(self) -> int:
        return self.facts.year


@dataclass(frozen=True)
class StepRecord:
    """The stored state of one SOP step of a cycle: who changed it last, when, and a note."""

    state: StepState
    note: str
    updated_at: datetime
    updated_by_user_id: int | None


def step_records(svc: Services, year: int) -> dict[int, StepRecord]:
    """The stored step states of the year's cycle by step number (none while nothing is
    stored); read again only after something was committed."""
    return dict(svc.db.cached(("step_records", year), lambda: _read_step_records(svc, year)))


def step_statuses(svc: Services, year: int) -> tuple[tuple[StepStatus, ...], dict[int, str]]:
    """The year's steps with their states (``bot.sop.steps.cycle_status``) and each step's note
    (what is still missing); computed again only after something was committed."""

    def compute() -> tuple[Services, tuple[StepStatus, ...], dict[int, str]]:
        rows = step_records(svc, year)
        notes = {number: row.note for number, row in rows.items() if row.note}
        return svc, cycle_status(svc.steps, {n: row.state for n, row in rows.items()}), notes

    owner, statuses, notes = svc.db.cached(("step_statuses", year, id(svc)), compute)
    if owner is not svc:  # cannot happen while the entry holds ``svc``; never trust an id
        _, statuses, notes = compute()
    return statuses, dict(notes)


def _read_step_records(svc: Services, year: int) -> dict[int, StepRecord]:
    with svc.db.read() as session:
        found = cycles.find_cycle(session, year=year)
        if found is None or found.id is None:
            return {}
        return {
            number: StepRecord(
                state=StepState(row.state),
                note=row.note,
                updated_at=row.updated_at,
                updated_by_user_id=row.updated_by_user_id,
            )
            for number, row in cycles.step_rows(session, cycle_id=found.id).items()
        }


def year_of(svc: Services, cycle_id: int) -> int:
    """The year of a stored cycle (of a letter, a package, a report)."""
    found = next((v for v in all_cycles(svc) if v.cycle_id == cycle_id), None)
    if found is None:
        raise LookupError(f"cycle {cycle_id} not found")
    return found.year


def cycle_id_of(svc: Services, year: int) -> int | None:
    """The id of the year's cycle, or None while nothing is stored for it."""
    return cycle(svc, year).cycle_id


def periods_of(svc: Services, plan: Plan, year: int) -> tuple[ReportingPeriod, ...]:
    """The reporting periods of ``plan`` in ``year``, with this deployment's deadlines."""
    return tuple(
        reporting_periods(
            plan,
            year=year,
            zone=svc.profile.timezone,
            deadline_days=svc.settings.kinerja_report_deadline_days,
            holidays=svc.profile.holidays,
        )
    )


def with_closures(plan: Plan, closed_after: Mapping[str, date]) -> Plan:
    """The plan as its cycle reports on it: each indicator the head closed in a meeting
    (SOP step 17) carries the day after which it reports no more."""
    if not closed_after:
        return plan
    indicators = tuple(
        replace(i, closed_after=closed_after[i.code]) if i.code in closed_after else i
        for i in plan.indicators
    )
    return replace(plan, indicators=indicators)


def _view(svc: Services, year: int, cycle_id: int | None, closed: bool) -> CycleView:
    plan = None
    if cycle_id is not None and not closed:
        with svc.db.read() as session:
            plan = plans.approved_plan(session, year=year)
            if plan is not None:
                ends = {
                    c.indicator_code: c.closed_after
                    for c in closures.of_cycle(session, cycle_id=cycle_id)
                }
                plan = with_closures(plan, ends)
    periods = periods_of(svc, plan, year) if plan is not None else ()
    last_deadline = max((p.deadline for p in periods), default=None)
    if plan is not None and last_deadline is None:
        # A plan that reports nothing still ends with its year.
        last_deadline = datetime.combine(
            date(year, 12, 31), time(23, 59, 59), tzinfo=svc.profile.timezone
        )
    facts = CycleFacts(
        year=year,
        exists=cycle_id is not None,
        closed=closed,
        plan_approved=plan is not None,
        first_start=min((p.start for p in periods), default=None),
        last_deadline=last_deadline,
    )
    return CycleView(facts, cycle_id, plan, periods)


def all_cycles(svc: Services) -> list[CycleView]:
    """Every stored cycle, oldest first.

    Read again only after something was committed (``Database.cached``): /tugas, /status and
    most buttons ask for the cycles, and each view loads its whole approved plan. The views
    are frozen; the list is a copy.
    """
    owner, views = svc.db.cached(("all_cycles", id(svc)), lambda: (svc, _read_all_cycles(svc)))
    if owner is not svc:  # cannot happen while the entry holds ``svc``; never trust an id
        views = _read_all_cycles(svc)
    return list(views)


def _read_all_cycles(svc: Services) -> tuple[CycleView, ...]:
    with svc.db.read() as session:
        rows = [(c.year, c.id, c.closed_at is not None) for c in cycles.list_cycles(session)]
    return tuple(_view(svc, year, cycle_id, closed) for year, cycle_id, closed in rows)


def cycle(svc: Services, year: int) -> CycleView:
    """The cycle of ``year`` (a view with no id when nothing is stored for it yet)."""
    found = next((v for v in all_cycles(svc) if v.year == year), None)
    return found if found is not None else _view(svc, year, None, False)


def _select(views: list[CycleView], facts: tuple[CycleFacts, ...]) -> list[CycleView]:
    known = {view.year: view for view in views}
    return [known.get(f.year) or CycleView(f, None, None, ()) for f in facts]


def visible_cycles(svc: Services) -> list[CycleView]:
    """The cycles shown in /tugas, /status, /jadwal and /verifikasi (``core.cycles.visible``)."""
    views = all_cycles(svc)
    return _select(views, visible([v.facts for v in views], svc.today()))


def reporting_cycles(svc: Services) -> list[CycleView]:
    """The cycles owners report in: approved and not closed."""
    views = all_cycles(svc)
    return _select(views, reporting([v.facts for v in views], svc.today()))


def default_working_year(svc: Services) -> int:
    """The year letters and packages work on unless the person chose another."""
    return working_year([v.facts for v in all_cycles(svc)], svc.today())


def default_planning_year(svc: Services) -> int:
    return planning_default_year(svc.today())


def plannable_years(svc: Services) -> tuple[int, ...]:
    """The years /rencana offers."""
    return planning_years([v.facts for v in all_cycles(svc)], svc.today())


def close(svc: Services, *, year: int, actor_id: int) -> CloseRefusal | None:
    """Close the year's cycle when the rules allow it; the refusal otherwise."""
    view = cycle(svc, year)
    if view.cycle_id is None:
        return CloseRefusal.NOT_APPROVED
    with svc.db.write() as session:
        waiting = len(submissions.queue(session, cycle_id=view.cycle_id))
        refusal = close_refusal(view.facts, svc.now(), waiting=waiting)
        if refusal is None:
            cycles.close_cycle(
                session,
                cycle_id=view.cycle_id,
                actor=users.get_user(session, actor_id),
                now=svc.now(),
            )
    return refusal
