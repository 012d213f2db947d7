"""Lookups the reporting use cases share: an open period, a unit's mapped packages, whether
a package has its report, and the actions as a submission stores them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from bot.planning.rules.model import Plan
from bot.reporting.rules import ReportingPeriod
from bot.services import Services
from bot.sop.cycles import CycleView, cycle, year_of
from storage import packages, submissions
from storage.models import Cycle, Package

SUBMITTED = submissions.SUBMITTED
RETURNED = submissions.RETURNED


@dataclass(frozen=True)
class OpenPeriod:
    """A period of a cycle that still takes reports (approved plan, not closed)."""

    year: int
    cycle_id: int
    plan: Plan
    period: ReportingPeriod


@dataclass(frozen=True)
class ActionReport:
    """An action plan's reported status and note, as a submission keeps it."""

    indicator_code: str
    number: int
    status: str
    note: str


def find_period(view: CycleView | None, key: str) -> ReportingPeriod | None:
    """The period ``key`` of a cycle's plan, if it has one."""
    if view is None:
        return None
    return next((p for p in view.periods if p.key == key), None)


def open_period(svc: Services, year: int, key: str) -> OpenPeriod | None:
    """The period ``key`` of the year's cycle while reports can be sent in it."""
    view = cycle(svc, year)
    period = find_period(view, key)
    if view.facts.closed or view.plan is None or view.cycle_id is None or period is None:
        return None
    return OpenPeriod(view.year, view.cycle_id, view.plan, period)


def period_of(svc: Services, cycle_id: int, key: str) -> tuple[int, ReportingPeriod | None]:
    """A stored report's cycle year and period (None when the plan no longer has it)."""
    year = year_of(svc, cycle_id)
    return year, find_period(cycle(svc, year), key)


def mapped_packages(session: Session, *, cycle_id: int, unit_id: int | None) -> list[Package]:
    """The unit's packages of the cycle that are mapped to a strategic area."""
    if unit_id is None:
        return []
    return [
        p
        for p in packages.of_unit(session, cycle_id=cycle_id, unit_id=unit_id)
        if p.area_code and p.id is not None
    ]


def is_reported(session: Session, *, package_id: int, period_key: str) -> bool:
    """Whether the package has a report for the period that was not returned."""
    latest = submissions.latest(session, package_id=package_id, period_key=period_key)
    return latest is not None and latest.status != RETURNED


def is_closed(session: Session, cycle_id: int) -> bool:
    """Whether the cycle is closed (or gone): it takes no reports then."""
    found = session.get(Cycle, cycle_id)
    return found is None or found.closed_at is not None


def stored_actions(actions: list[ActionReport]) -> list[dict[str, Any]]:
    """The actions in the shape ``Submission.actions_json`` holds."""
    return [
        {"indicator": a.indicator_code, "number": a.number, "status": a.status, "note": a.note}
        for a in actions
    ]
