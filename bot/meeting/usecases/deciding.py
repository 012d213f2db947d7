"""The head's decision on a meeting item, as the approval mechanism reports it, and what it
changes, in one transaction:

- approved recommendation: a new action plan of the indicator in the approved plan (PIC,
  start today, due date), owners report on it from then on; step 11 runs again;
- continue without improvement: recorded;
- achieved / time up: the indicator is closed after the meeting's period
  (``storage.closures``), so it reports no later period and gets no reminders.

When every item is decided the meeting closes, step 17 is done and the team and the head
get the minutes through the outbox.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot import deliveries
from bot.approvals.rules import RequestStatus
from bot.core.roles import Role
from bot.meeting.rules import Decision
from bot.meeting.usecases import figures
from bot.meeting.usecases.views import ItemAsk, MeetingView, item_ask, meeting_view, period_of
from bot.services import Services
from bot.sop import workflow
from bot.sop.cycles import cycle, year_of
from storage import approvals, closures, meetings, users
from storage.models import Meeting, MeetingItem, User

MINUTES = "notulen_rapat"
"""The outbox kind of the minutes sent when a meeting closes."""


def is_current(svc: Services, *, item_id: int, request_id: int, requested_at: datetime) -> bool:
    """Whether the request still asks about the item as it is: the item undecided in an
    open meeting, this request its newest, its recommendation unchanged since."""
    with svc.db.read() as session:
        item = meetings.get_item(session, item_id)
        if item is None or item.decision or item.request_id != request_id:
            return False
        meeting = meetings.get(session, item.meeting_id)
        if meeting is None or meeting.status != meetings.OPEN:
            return False
        if item.recommendation_id is None:
            return True
        found = meetings.get_recommendation(session, item.recommendation_id)
        return (
            found is not None
            and found.removed_at is None
            and not found.decision
            and found.updated_at <= requested_at
        )


@dataclass(frozen=True)
class Minutes:
    """What the closing notice tells: the meeting with every decision."""

    meeting: MeetingView
    decided_by: str


Render = Callable[[Minutes, Role], str]
"""The minutes' text for the team (with the next step) or the head."""


@dataclass(frozen=True)
class Decided:
    """What a decision did: the meeting as it stands and the next item for the head (None
    when the meeting closed with it)."""

    meeting: MeetingView
    next_ask: ItemAsk | None


@dataclass(frozen=True)
class Choice:
    """The head's decision as the approval mechanism recorded it."""

    item_id: int
    request_id: int
    decision: Decision
    user_id: int | None
    name: str
    at: datetime | None


def _effect(
    session: Session, svc: Services, item: MeetingItem, meeting: Meeting, choice: Choice
) -> None:
    """What the decision changes besides the item itself."""
    decider = None if choice.user_id is None else users.get_user(session, choice.user_id)
    now = svc.now()
    recommendation = None
    if item.recommendation_id is not None:
        recommendation = meetings.get_recommendation(session, item.recommendation_id)
    number = None
    if choice.decision is Decision.APPROVE and recommendation is not None:
        number = meetings.add_action(
            session,
            cycle_id=meeting.cycle_id,
            indicator_code=item.indicator_code,
            activity=recommendation.what,
            pic_unit=recommendation.who,
            start=svc.today(),
            end=recommendation.due,
            actor=decider,
            now=now,
        )
        workflow.recommendation_approved(
            session, cycle_id=meeting.cycle_id, actor_id=choice.user_id, now=now
        )
    if choice.decision.closes:
        period = period_of(svc, year_of(svc, meeting.cycle_id), meeting.period_key)
        closures.close(
            session,
            cycle_id=meeting.cycle_id,
            indicator_code=item.indicator_code,
            reason=choice.decision.value,
            period_key=meeting.period_key,
            closed_after=period.end,
            actor=decider,
            now=now,
        )
    if recommendation is not None and not recommendation.decision:
        meetings.decide_recommendation(
            session,
            recommendation=recommendation,
            decision=choice.decision.value,
            actor=decider,
            now=now,
            action_number=number,
        )


def decide(svc: Services, *, choice: Choice, minutes: Render) -> Decided | None:
    """Apply the head's decision once; None when the item is no longer the one the request
    asks about. A retry after a stop finds it applied, changes nothing and gives the next
    item only when it was not yet sent to the head."""
    with svc.db.read() as session:
        found = meetings.get_item(session, choice.item_id)
        meeting = None if found is None else meetings.get(session, found.meeting_id)
        if meeting is None:
            return None
        year = year_of(svc, meeting.cycle_id)
        period_key = meeting.period_key
    plan = cycle(svc, year).plan
    found_figures = figures.of_period(svc, year=year, period_key=period_key)

    def ask(session: Session, item: MeetingItem) -> ItemAsk:
        code = item.indicator_code
        return item_ask(session, svc, item, year=year, plan=plan, figures=found_figures.get(code))

    with svc.db.write() as session:
        item = meetings.get_item(session, choice.item_id)
        meeting = None if item is None else meetings.get(session, item.meeting_id)
        if item is None or meeting is None or meeting.id is None:
            return None
        if item.request_id != choice.request_id:
            return None
        if item.decision:  # applied before a stop
            waiting = _waiting(session, meeting.id)
            unasked = (
                meeting.status == meetings.OPEN and waiting and not _asked(session, waiting[0])
            )
            view = meeting_view(session, svc, meeting, year=year, plan=plan)
            return Decided(view, ask(session, waiting[0]) if unasked else None)
        if meeting.status != meetings.OPEN:
            return None
        _effect(session, svc, item, meeting, choice)
        meetings.decide_item(session, item=item, decision=choice.decision.value, now=svc.now())
        if choice.decision.closes:
            _close_siblings(session, svc, item, choice)
        waiting = _waiting(session, meeting.id)
        next_ask = ask(session, waiting[0]) if waiting else None
        if not waiting:
            decider = None if choice.user_id is None else users.get_user(session, choice.user_id)
            _close(session, svc, meeting, decider)
        view = meeting_view(session, svc, meeting, year=year, plan=plan)
        if next_ask is None:
            _send_minutes(session, svc, Minutes(view, choice.name), minutes)
        return Decided(view, next_ask)


def _waiting(session: Session, meeting_id: int) -> list[MeetingItem]:
    return [i for i in meetings.items_of(session, meeting_id=meeting_id) if not i.decision]


def _asked(session: Session, item: MeetingItem) -> bool:
    """Whether the item's request waits for the head already."""
    if item.request_id is None:
        return False
    request = approvals.get_request(session, item.request_id)
    return request is not None and request.status == RequestStatus.PENDING.value


def _close_siblings(session: Session, svc: Services, item: MeetingItem, choice: Choice) -> None:
    """The meeting's other undecided items about an indicator just closed take the same
    decision: nothing is left to ask about a closed indicator (their recommendations are
    recorded with it and become no action plan)."""
    decider = None if choice.user_id is None else users.get_user(session, choice.user_id)
    for other in meetings.items_of(session, meeting_id=item.meeting_id):
        if other.decision or other.indicator_code != item.indicator_code:
            continue
        meetings.decide_item(session, item=other, decision=choice.decision.value, now=svc.now())
        if other.recommendation_id is None:
            continue
        recommendation = meetings.get_recommendation(session, other.recommendation_id)
        if recommendation is not None and not recommendation.decision:
            meetings.decide_recommendation(
                session,
                recommendation=recommendation,
                decision=choice.decision.value,
                actor=decider,
                now=svc.now(),
            )


def _close(session: Session, svc: Services, meeting: Meeting, decider: User | None) -> None:
    meetings.close_meeting(session, meeting=meeting, actor=decider, now=svc.now())
    workflow.meeting_closed(
        session,
        cycle_id=meeting.cycle_id,
        actor_id=None if decider is None else decider.id,
        now=svc.now(),
    )


def _send_minutes(session: Session, svc: Services, minutes: Minutes, render: Render) -> None:
    """The minutes to the team (with the next step) and to the head."""
    meeting_id = minutes.meeting.meeting_id
    heads = [(u.id, u.telegram_id) for u in users.list_users(session, role=Role.KEPALA) if u.active]
    for role, recipients in ((Role.TIM, deliveries.team(session)), (Role.KEPALA, heads)):
        deliveries.queue(
            session,
            kind=MINUTES,
            ref_id=meeting_id,
            text=render(minutes, role),
            recipients=recipients,
            now=svc.now(),
        )
