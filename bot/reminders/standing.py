"""Where each unit stands in one reporting period: how many of its packages report in it,
how many reports are in (on time or late), verified, or still missing. The team's digest
and the head's weekly summary read it at the moment they are sent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot.core.roles import Role
from bot.reporting.rules import ReportingPeriod, indicators_due, is_late
from bot.sop.cycles import CycleView
from storage import packages, submissions, units, users


@dataclass(frozen=True)
class UnitStanding:
    """One unit in one period; ``owners`` are the names of its active owners."""

    unit_id: int
    name: str
    due: int
    sent: int
    late: int  # sent after the deadline
    verified: int
    owners: tuple[str, ...]

    @property
    def missing(self) -> int:
        return self.due - self.sent


def period_standing(
    session: Session, view: CycleView, period: ReportingPeriod
) -> list[UnitStanding]:
    """Every active unit with a mapped package reporting in ``period``, by name."""
    if view.plan is None or view.cycle_id is None:
        return []
    areas = {i.area_code for i in indicators_due(view.plan, period)}
    owners: dict[int, list[str]] = {}
    for person in users.list_users(session, role=Role.PJ):
        if person.active and person.unit_id is not None:
            owners.setdefault(person.unit_id, []).append(person.full_name)
    found = []
    for unit in units.list_units(session):
        assert unit.id is not None
        mine = [
            p
            for p in packages.of_unit(session, cycle_id=view.cycle_id, unit_id=unit.id)
            if p.area_code in areas and p.id is not None
        ]
        if not mine:
            continue
        sent = late = verified = 0
        for package in mine:
            assert package.id is not None
            latest = submissions.latest(session, package_id=package.id, period_key=period.key)
            if latest is None or latest.status == submissions.RETURNED:
                continue
            sent += 1
            late += latest.late
            verified += latest.status == submissions.ACCEPTED
        name = unit.short_name or unit.name
        found.append(
            UnitStanding(
                unit.id, name, len(mine), sent, late, verified, tuple(owners.get(unit.id, ()))
            )
        )
    return sorted(found, key=lambda s: s.name)


def is_over(period: ReportingPeriod, now: datetime) -> bool:
    """Whether ``period``'s deadline has passed at ``now``."""
    return is_late(now, period)
