"""What /tugas, /status and a step's card read: the open cycles with their steps' states,
returned as frozen snapshots."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from bot.core.roles import Role
from bot.services import Services
from bot.sop import steps
from bot.sop.cycles import CycleView, step_records, step_statuses, visible_cycles
from bot.sop.steps import StepState, StepStatus
from storage import users


@dataclass(frozen=True)
class CycleSteps:
    """One open cycle: every step with its state, and each step's note (what is missing)."""

    view: CycleView
    statuses: tuple[StepStatus, ...]
    notes: Mapping[int, str] = field(default_factory=dict)

    @property
    def year(self) -> int:
        return self.view.year

    @property
    def current(self) -> StepStatus | None:
        return steps.current_step(self.statuses)

    def status(self, number: int) -> StepStatus | None:
        return next((s for s in self.statuses if s.step.number == number), None)


def _steps_of(svc: Services, view: CycleView) -> CycleSteps:
    # Cached until the next commit: /tugas and /status are read far more often than written.
    statuses, notes = step_statuses(svc, view.year)
    return CycleSteps(view, statuses, notes)


def cycle_status(svc: Services) -> list[CycleSteps]:
    """/status: every open cycle (one per year, never mixed) with all its steps."""
    return [_steps_of(svc, view) for view in visible_cycles(svc)]


@dataclass(frozen=True)
class Tasks:
    """/tugas: the open cycles, and whether a new head must first invite the team."""

    invite_team_first: bool
    cycles: tuple[CycleSteps, ...]


def tasks_of(svc: Services, *, role: Role) -> Tasks:
    """What /tugas shows a member of ``role``."""
    found = tuple(_steps_of(svc, view) for view in visible_cycles(svc))
    return Tasks(invite_team_first=role is Role.KEPALA and not _team_registered(svc), cycles=found)


def _team_registered(svc: Services) -> bool:
    return svc.db.cached(("team_registered",), lambda: _read_team_registered(svc))


def _read_team_registered(svc: Services) -> bool:
    with svc.db.read() as session:
        return any(u.active for u in users.list_users(session, role=Role.TIM))


class StepLookup(StrEnum):
    """Why a step button shows no step."""

    STALE = "stale"  # the year is not open (any more)
    UNKNOWN = "unknown"  # no such step


@dataclass(frozen=True)
class StepCard:
    """A step of an open cycle; who changed its state last (None: the system) and when,
    when it has started."""

    year: int
    status: StepStatus
    changed_by: str | None = None
    changed_at: datetime | None = None


def step_card(svc: Services, *, year: int, number: int) -> StepCard | StepLookup:
    """The step behind a step button."""
    view = next((v for v in visible_cycles(svc) if v.year == year), None)
    if view is None:
        return StepLookup.STALE
    status = _steps_of(svc, view).status(number)
    if status is None:
        return StepLookup.UNKNOWN
    row = step_records(svc, year).get(number)
    if row is None or status.state is StepState.BELUM_MULAI:
        return StepCard(year, status)
    with svc.db.read() as session:
        who = (
            None
            if row.updated_by_user_id is None
            else users.get_user(session, row.updated_by_user_id)
        )
        return StepCard(year, status, None if who is None else who.full_name, row.updated_at)
