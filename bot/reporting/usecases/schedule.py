"""/jadwal: the coming reporting deadlines of each open cycle, and closing a finished one."""

from __future__ import annotations

from dataclasses import dataclass

from bot.reporting.rules import ReportingPeriod, upcoming
from bot.services import Services
from bot.sop import cycles
from bot.sop.cycle_rules import CloseRefusal, CyclePhase, phase
from bot.sop.cycles import CycleView, visible_cycles

SHOWN_PERIODS = 6


@dataclass(frozen=True)
class Deadline:
    """A period still taking reports; ``running`` while today lies within it."""

    period: ReportingPeriod
    running: bool


@dataclass(frozen=True)
class CycleSchedule:
    """One open cycle with an approved plan; ``closable`` once every deadline passed."""

    view: CycleView
    deadlines: tuple[Deadline, ...]
    closable: bool


@dataclass(frozen=True)
class Schedule:
    """The schedules of the cycles shown now; ``planning_year`` names the year being
    planned when no plan is approved yet."""

    cycles: tuple[CycleSchedule, ...]
    planning_year: int


def schedule(svc: Services) -> Schedule:
    """The next deadlines of every visible cycle whose plan is approved."""
    visible = visible_cycles(svc)
    today, now = svc.today(), svc.now()
    found = tuple(
        CycleSchedule(
            view=view,
            deadlines=tuple(
                Deadline(p, p.start <= today <= p.end)
                for p in upcoming(list(view.periods), now, limit=SHOWN_PERIODS)
            ),
            closable=phase(view.facts, now) is CyclePhase.LATE,
        )
        for view in visible
        if view.plan is not None
    )
    return Schedule(found, visible[-1].year if visible else today.year)


def close_cycle(svc: Services, *, year: int, actor_id: int) -> CloseRefusal | None:
    """Close the year's cycle once its last deadline passed and nothing waits for
    verification (one transaction, in ``bot.sop.cycles.close``); the refusal otherwise."""
    return cycles.close(svc, year=year, actor_id=actor_id)
