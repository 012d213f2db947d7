"""The rules of open cycles (bot.sop.cycle_rules): which years are shown, worked on, closed."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.core.dates import next_working_day
from bot.sop.cycle_rules import (
    CloseRefusal,
    CycleFacts,
    CyclePhase,
    close_refusal,
    phase,
    planning_default_year,
    planning_years,
    reporting,
    visible,
    working_year,
)

WIT = ZoneInfo("Asia/Jayapura")


def _at(*args: int) -> datetime:
    return datetime(*args, tzinfo=WIT)  # type: ignore[arg-type,misc]


LAST_2026 = _at(2027, 1, 11, 23, 59, 59)
APPROVED_2026 = CycleFacts(
    2026, plan_approved=True, first_start=date(2026, 1, 1), last_deadline=LAST_2026
)
APPROVED_2027 = CycleFacts(
    2027,
    plan_approved=True,
    first_start=date(2027, 1, 1),
    last_deadline=_at(2028, 1, 10, 23, 59, 59),
)


@pytest.mark.parametrize(
    ("today", "year"),
    [
        (date(2026, 1, 1), 2026),
        (date(2026, 9, 30), 2026),
        (date(2026, 10, 1), 2027),
        (date(2026, 12, 31), 2027),
    ],
)
def test_planning_moves_to_next_year_on_1_october(today: date, year: int) -> None:
    assert planning_default_year(today) == year


def test_a_new_unit_sees_the_year_to_plan_for() -> None:
    assert [f.year for f in visible([], date(2026, 3, 1))] == [2026]
    shown = visible([], date(2026, 11, 29))
    assert [f.year for f in shown] == [2027] and not shown[0].exists


def test_last_year_stays_visible_in_january_next_to_this_year() -> None:
    today = date(2027, 1, 2)
    shown = visible([APPROVED_2026], today)
    assert [f.year for f in shown] == [2026, 2027]
    assert [f.year for f in reporting([APPROVED_2026], today)] == [2026]
    assert working_year([APPROVED_2026], today) == 2026
    # Once 2027 is approved, the team's letters and packages default to it.
    assert working_year([APPROVED_2026, APPROVED_2027], today) == 2027


def test_closed_and_abandoned_cycles_disappear() -> None:
    today = date(2027, 2, 1)
    closed = CycleFacts(2026, closed=True, plan_approved=True, last_deadline=LAST_2026)
    never_approved = CycleFacts(2025)
    assert [f.year for f in visible([closed, never_approved, APPROVED_2027], today)] == [2027]
    # A cycle of a later year being planned shows next to the running one.
    assert [f.year for f in visible([APPROVED_2027, CycleFacts(2028)], date(2027, 11, 1))] == [
        2027,
        2028,
    ]


def test_planning_years_are_this_and_next_year_and_open_cycles() -> None:
    assert planning_years([APPROVED_2026], date(2027, 1, 2)) == (2026, 2027, 2028)
    closed = CycleFacts(2027, closed=True)
    assert planning_years([closed], date(2027, 11, 1)) == (2028,)


def test_phases_through_a_cycle() -> None:
    assert phase(CycleFacts(2027), _at(2026, 12, 1)) is CyclePhase.PLANNING
    assert phase(APPROVED_2027, _at(2026, 12, 20)) is CyclePhase.READY
    assert phase(APPROVED_2027, _at(2027, 1, 1)) is CyclePhase.RUNNING
    assert phase(APPROVED_2026, _at(2027, 1, 11, 23, 59, 59)) is CyclePhase.RUNNING
    assert phase(APPROVED_2026, _at(2027, 1, 12)) is CyclePhase.LATE
    closed = CycleFacts(2026, closed=True, plan_approved=True, last_deadline=LAST_2026)
    assert phase(closed, _at(2027, 2, 1)) is CyclePhase.CLOSED


def test_a_cycle_closes_only_after_its_last_deadline_with_nothing_waiting() -> None:
    before = _at(2027, 1, 9)
    after = _at(2027, 2, 1)
    assert close_refusal(APPROVED_2026, before, waiting=0) is CloseRefusal.DEADLINES_AHEAD
    assert close_refusal(APPROVED_2026, after, waiting=2) is CloseRefusal.REPORTS_WAITING
    assert close_refusal(APPROVED_2026, after, waiting=0) is None
    assert close_refusal(CycleFacts(2026), after, waiting=0) is CloseRefusal.NOT_APPROVED
    closed = CycleFacts(2026, closed=True, plan_approved=True, last_deadline=LAST_2026)
    assert close_refusal(closed, after, waiting=0) is CloseRefusal.ALREADY_CLOSED


def test_next_working_day() -> None:
    assert next_working_day(date(2027, 1, 8)) == date(2027, 1, 8)  # a Friday
    assert next_working_day(date(2027, 1, 9)) == date(2027, 1, 11)  # Saturday -> Monday
    assert next_working_day(date(2027, 1, 1), {date(2027, 1, 1)}) == date(2027, 1, 4)
