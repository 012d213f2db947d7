"""The team opens a decision meeting (SOP step 17): which years and ended periods it can be
about, what it would decide, opening it, and the item the head is asked about next.

The approval mechanism keeps one pending request per kind, so the head gets the items one
after the other, in agenda order: the next one as soon as the last one is decided.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlmodel import Session

from bot.meeting import rules
from bot.meeting.rules import Pending
from bot.meeting.usecases import figures
from bot.meeting.usecases.views import (
    ItemAsk,
    MeetingView,
    item_ask,
    meeting_view,
)
from bot.reporting.rules import ReportingPeriod
from bot.services import Services
from bot.sop import workflow
from bot.sop.cycles import CycleView, cycle, visible_cycles, year_of
from storage import meetings, users
from storage.models import Meeting, MeetingItem

_FREQUENCY_RANK = {"bulanan": 0, "triwulanan": 1, "semester": 2, "tahunan": 3}


def years(svc: Services) -> list[int]:
    """The years with an approved plan and at least one ended period, newest first."""
    today = svc.today()
    return sorted(
        (
            v.year
            for v in visible_cycles(svc)
            if v.plan is not None and any(p.end < today for p in v.periods)
        ),
        reverse=True,
    )


@dataclass(frozen=True)
class PeriodChoice:
    """An ended period and whether a meeting about it was held already."""

    key: str
    label: str
    held: bool


def ended_periods(svc: Services, *, year: int) -> list[PeriodChoice]:
    """The year's ended periods, newest first (at equal ends, the shorter one first)."""
    view = cycle(svc, year)
    today = svc.today()
    ended = [p for p in view.periods if p.end < today]
    ended.sort(key=lambda p: (p.end, -_FREQUENCY_RANK[p.frequency.value]), reverse=True)
    held = set()
    if view.cycle_id is not None:
        with svc.db.read() as session:
            held = {m.period_key for m in meetings.of_cycle(session, cycle_id=view.cycle_id)}
    return [PeriodChoice(p.key, f"{p.label} {year}", p.key in held) for p in ended]


def _ended(view: CycleView, key: str, svc: Services) -> ReportingPeriod | None:
    period = next((p for p in view.periods if p.key == key), None)
    return period if period is not None and period.end < svc.today() else None


def _items(
    session: Session, view: CycleView, period: ReportingPeriod
) -> list[tuple[str, int | None]]:
    assert view.plan is not None and view.cycle_id is not None
    waiting = meetings.undecided_recommendations(
        session, cycle_id=view.cycle_id, period_key=period.key
    )
    every = meetings.recommendations_of(session, cycle_id=view.cycle_id, period_key=period.key)
    decided = {
        item.indicator_code
        for m in meetings.of_cycle(session, cycle_id=view.cycle_id)
        if m.period_key == period.key
        for item in meetings.items_of(session, meeting_id=m.id or 0)
        if item.decision
    }
    return rules.agenda(
        view.plan,
        period,
        recommendations=[Pending(r.id or 0, r.indicator_code) for r in waiting],
        decided=decided,
        recommended={r.indicator_code for r in every},
    )


@dataclass(frozen=True)
class Agenda:
    """What a meeting about the period would decide."""

    year: int
    period_key: str
    period_label: str
    items: tuple[tuple[str, bool], ...]  # indicator code, whether about a recommendation


class Reason(StrEnum):
    """Why no meeting opens."""

    NO_PERIOD = "no_period"  # not an ended period of a year with an approved plan
    NOTHING = "nothing"  # nothing to decide


@dataclass(frozen=True)
class Refusal:
    """No meeting about the period: why, and the period's name (``Triwulan I 2027``)."""

    reason: Reason
    period_label: str


def agenda(svc: Services, *, year: int, period_key: str) -> Agenda | Refusal:
    """What the meeting would decide, or why there is nothing."""
    view = cycle(svc, year)
    period = _ended(view, period_key, svc)
    if period is None or view.plan is None or view.cycle_id is None:
        return Refusal(Reason.NO_PERIOD, "")
    with svc.db.read() as session:
        items = _items(session, view, period)
    if not items:
        return Refusal(Reason.NOTHING, f"{period.label} {year}")
    return Agenda(
        year=year,
        period_key=period.key,
        period_label=f"{period.label} {year}",
        items=tuple((code, rec is not None) for code, rec in items),
    )


@dataclass(frozen=True)
class Opened:
    """A meeting just opened and the first item for the head."""

    meeting: MeetingView
    ask: ItemAsk


def open_meeting(
    svc: Services, *, year: int, period_key: str, notes: str, actor_id: int
) -> Opened | Refusal | MeetingView:
    """Record the meeting (held today) and its items; step 17 runs. The open meeting
    instead when one is still open; a refusal when there is nothing to decide."""
    view = cycle(svc, year)
    period = _ended(view, period_key, svc)
    if period is None or view.plan is None or view.cycle_id is None:
        return Refusal(Reason.NO_PERIOD, "")
    found = figures.of_period(svc, year=year, period_key=period_key)
    with svc.db.write() as session:
        busy = meetings.open_meetings(session)
        if busy:
            return _view(session, svc, busy[0])
        items = _items(session, view, period)
        if not items:
            return Refusal(Reason.NOTHING, f"{period.label} {year}")
        actor = users.get_user(session, actor_id)
        meeting = meetings.open_meeting(
            session,
            cycle_id=view.cycle_id,
            period_key=period.key,
            held_on=svc.today(),
            notes=notes,
            items=items,
            actor=actor,
            now=svc.now(),
        )
        workflow.meeting_opened(session, cycle_id=view.cycle_id, actor_id=actor_id, now=svc.now())
        first = meetings.items_of(session, meeting_id=meeting.id or 0)[0]
        ask = item_ask(
            session,
            svc,
            first,
            year=year,
            plan=view.plan,
            figures=found.get(first.indicator_code),
        )
        return Opened(_view(session, svc, meeting), ask)


def _view(session: Session, svc: Services, meeting: Meeting) -> MeetingView:
    year = year_of(svc, meeting.cycle_id)
    return meeting_view(session, svc, meeting, year=year, plan=cycle(svc, year).plan)


def open_meeting_view(svc: Services) -> MeetingView | None:
    """The meeting still open, if any."""
    with svc.db.read() as session:
        busy = meetings.open_meetings(session)
        return _view(session, svc, busy[0]) if busy else None


def meeting(svc: Services, *, meeting_id: int) -> MeetingView | None:
    with svc.db.read() as session:
        found = meetings.get(session, meeting_id)
        return None if found is None else _view(session, svc, found)


def latest_meeting(svc: Services) -> MeetingView | None:
    """The newest meeting of the visible years (for the head when none is open)."""
    with svc.db.read() as session:
        found = [
            m
            for v in visible_cycles(svc)
            if v.cycle_id is not None
            for m in meetings.of_cycle(session, cycle_id=v.cycle_id)
        ]
        newest = max(found, key=lambda m: m.id or 0, default=None)
        return None if newest is None else _view(session, svc, newest)


def _refreshed(session: Session, item: MeetingItem, meeting: Meeting) -> None:
    """An item whose recommendation was removed meanwhile takes the indicator's undecided
    recommendation of the period that no item holds (one /analisis wrote in its place), or
    else asks about its indicator alone."""
    if item.recommendation_id is None:
        return
    found = meetings.get_recommendation(session, item.recommendation_id)
    if found is not None and found.removed_at is None:
        return
    held = {i.recommendation_id for i in meetings.items_of(session, meeting_id=item.meeting_id)}
    replacement = next(
        (
            r
            for r in meetings.undecided_recommendations(
                session, cycle_id=meeting.cycle_id, period_key=meeting.period_key
            )
            if r.indicator_code == item.indicator_code and r.id not in held
        ),
        None,
    )
    meetings.replace_recommendation(
        session, item=item, recommendation_id=None if replacement is None else replacement.id
    )


def next_ask(svc: Services, *, meeting_id: int) -> ItemAsk | None:
    """The item the head decides next, as it stands now (to send again); None when the
    meeting is closed or gone."""
    with svc.db.read() as session:
        found = meetings.get(session, meeting_id)
        if found is None or found.status != meetings.OPEN:
            return None
        period_key, cycle_id = found.period_key, found.cycle_id
    year = year_of(svc, cycle_id)
    found_figures = figures.of_period(svc, year=year, period_key=period_key)
    with svc.db.write() as session:
        item = next(
            (i for i in meetings.items_of(session, meeting_id=meeting_id) if not i.decision), None
        )
        if item is None:
            return None
        meeting = meetings.get(session, meeting_id)
        assert meeting is not None
        _refreshed(session, item, meeting)
        plan = cycle(svc, year).plan
        code = item.indicator_code
        return item_ask(session, svc, item, year=year, plan=plan, figures=found_figures.get(code))


def remember_request(svc: Services, *, item_id: int, request_id: int) -> None:
    """The request that now carries the item's decision buttons (older ones are stale)."""
    with svc.db.write() as session:
        item = meetings.get_item(session, item_id)
        if item is not None:
            meetings.set_request(session, item=item, request_id=request_id)
