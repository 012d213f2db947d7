"""Which yearly cycles are open, and which one each kind of work belongs to.

A cycle is one year's performance plan and its reporting. It does not end on 31 December:
the last periods of year N (December, Triwulan IV, Semester II, the annual report) are due in
January of N+1, and reports keep coming (marked late) until the team closes the cycle. And
planning for N starts in N-1 (units plan in the fourth quarter). So at any moment up to three
cycles can matter: the one finishing, the one running, the one being planned.

The rules here are plain functions over :class:`CycleFacts` (what storage knows of a cycle);
handlers ask them instead of taking the calendar year.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

# From this month on, planning is for next year by default.
PLANNING_SWITCH_MONTH = 10


class CyclePhase(StrEnum):
    """Where a cycle stands; the value is never shown (texts name each phase)."""

    PLANNING = "planning"  # no approved plan yet
    READY = "ready"  # approved, its first period has not started
    RUNNING = "running"  # approved, periods running or still within their deadlines
    LATE = "late"  # every deadline has passed; late reports still accepted
    CLOSED = "closed"  # closed by the team: nothing more is reported or verified


@dataclass(frozen=True)
class CycleFacts:
    """What is known of one year's cycle.

    ``exists`` is False for a year nothing is stored for yet. ``first_start`` and
    ``last_deadline`` come from the approved plan's reporting periods (None without an
    approved plan, or when no indicator has a reporting frequency).
    """

    year: int
    exists: bool = True
    closed: bool = False
    plan_approved: bool = False
    first_start: date | None = None
    last_deadline: datetime | None = None


def planning_default_year(today: date) -> int:
    """The year a team plans for by default: next year from 1 October, else this year."""
    return today.year + 1 if today.month >= PLANNING_SWITCH_MONTH else today.year


def phase(facts: CycleFacts, now: datetime) -> CyclePhase:
    """The cycle's phase at ``now`` (aware)."""
    if facts.closed:
        return CyclePhase.CLOSED
    if not facts.plan_approved:
        return CyclePhase.PLANNING
    if facts.last_deadline is not None and now > facts.last_deadline:
        return CyclePhase.LATE
    zone = facts.last_deadline.tzinfo if facts.last_deadline is not None else None
    today = now.astimezone(zone).date() if zone is not None else now.date()
    if facts.first_start is not None and today < facts.first_start:
        return CyclePhase.READY
    return CyclePhase.RUNNING


def visible(facts: Iterable[CycleFacts], today: date) -> tuple[CycleFacts, ...]:
    """The cycles people see in /tugas, /status, /jadwal and /verifikasi, oldest first.

    Every cycle not closed, except past years whose plan was never approved (nothing can be
    reported in them). When no cycle of this year or later exists, the year to plan for
    (:func:`planning_default_year`) is shown too, so a new unit sees where to begin.
    """
    known = {f.year: f for f in facts}
    shown = [
        f for f in known.values() if not f.closed and (f.year >= today.year or f.plan_approved)
    ]
    if not any(f.year >= today.year for f in known.values() if not f.closed):
        year = planning_default_year(today)
        if year not in known:
            shown.append(CycleFacts(year=year, exists=False))
    return tuple(sorted(shown, key=lambda f: f.year))


def reporting(facts: Iterable[CycleFacts], today: date) -> tuple[CycleFacts, ...]:
    """Cycles owners report in and the team verifies: approved, not closed, visible."""
    return tuple(f for f in visible(facts, today) if f.plan_approved)


def working_year(facts: Sequence[CycleFacts], today: date) -> int:
    """The cycle whose letters and packages a team works on by default: the newest visible
    cycle with an approved plan, else the year to plan for."""
    approved = [f.year for f in reporting(facts, today)]
    return max(approved) if approved else planning_default_year(today)


def planning_years(facts: Iterable[CycleFacts], today: date) -> tuple[int, ...]:
    """Years a team may open in /rencana: this year, next year, and every open cycle."""
    known = list(facts)
    years = {today.year, today.year + 1} | {f.year for f in visible(known, today)}
    closed = {f.year for f in known if f.closed}
    return tuple(sorted(years - closed))


class CloseRefusal(StrEnum):
    """Why a cycle cannot be closed now (texts explain each)."""

    ALREADY_CLOSED = "already_closed"
    NOT_APPROVED = "not_approved"
    DEADLINES_AHEAD = "deadlines_ahead"
    REPORTS_WAITING = "reports_waiting"


def close_refusal(facts: CycleFacts, now: datetime, *, waiting: int) -> CloseRefusal | None:
    """None when the team may close the cycle: its last deadline has passed and no report
    waits for verification."""
    if facts.closed:
        return CloseRefusal.ALREADY_CLOSED
    if not facts.plan_approved:
        return CloseRefusal.NOT_APPROVED
    if facts.last_deadline is None or now <= facts.last_deadline:
        return CloseRefusal.DEADLINES_AHEAD
    if waiting:
        return CloseRefusal.REPORTS_WAITING
    return None
