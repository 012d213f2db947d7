"""Decision meetings with the head (SOP step 17) in the database: the meeting, its items,
the recommendations they decide, and the action plan an approved recommendation becomes.

Indicators closed in a meeting are written by ``storage.closures``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlmodel import Session, col, func, select

from storage import audit, plans
from storage.models import Meeting, MeetingItem, PlanAction, Recommendation, User

OPEN = "open"
CLOSED = "closed"


def open_meetings(session: Session) -> list[Meeting]:
    """Meetings not closed yet, oldest first (the bot keeps at most one)."""
    return list(
        session.exec(select(Meeting).where(Meeting.status == OPEN).order_by(col(Meeting.id)))
    )


def of_cycle(session: Session, *, cycle_id: int) -> list[Meeting]:
    """The cycle's meetings, oldest first."""
    return list(
        session.exec(select(Meeting).where(Meeting.cycle_id == cycle_id).order_by(col(Meeting.id)))
    )


def get(session: Session, meeting_id: int) -> Meeting | None:
    return session.get(Meeting, meeting_id)


def get_item(session: Session, item_id: int) -> MeetingItem | None:
    return session.get(MeetingItem, item_id)


def items_of(session: Session, *, meeting_id: int) -> list[MeetingItem]:
    """The meeting's items in agenda order."""
    return list(
        session.exec(
            select(MeetingItem)
            .where(MeetingItem.meeting_id == meeting_id)
            .order_by(col(MeetingItem.position), col(MeetingItem.id))
        )
    )


def get_recommendation(session: Session, recommendation_id: int) -> Recommendation | None:
    return session.get(Recommendation, recommendation_id)


def recommendations_of(session: Session, *, cycle_id: int, period_key: str) -> list[Recommendation]:
    """The period's recommendations not removed, decided or not."""
    return list(
        session.exec(
            select(Recommendation).where(
                Recommendation.cycle_id == cycle_id,
                Recommendation.period_key == period_key,
                col(Recommendation.removed_at).is_(None),
            )
        )
    )


def undecided_recommendations(
    session: Session, *, cycle_id: int, period_key: str
) -> list[Recommendation]:
    """The period's recommendations still waiting for the head (not removed, not decided),
    by indicator and position."""
    return list(
        session.exec(
            select(Recommendation)
            .where(
                Recommendation.cycle_id == cycle_id,
                Recommendation.period_key == period_key,
                Recommendation.decision == "",
                col(Recommendation.removed_at).is_(None),
            )
            .order_by(
                col(Recommendation.indicator_code),
                col(Recommendation.position),
                col(Recommendation.id),
            )
        )
    )


def open_meeting(
    session: Session,
    *,
    cycle_id: int,
    period_key: str,
    held_on: date,
    notes: str,
    items: Sequence[tuple[str, int | None]],
    actor: User | None,
    now: datetime,
) -> Meeting:
    """A new open meeting with its items, (indicator code, recommendation id or None) in
    agenda order."""
    meeting = Meeting(
        cycle_id=cycle_id,
        period_key=period_key,
        held_on=held_on,
        notes=notes,
        created_by_user_id=None if actor is None else actor.id,
        created_at=now,
    )
    session.add(meeting)
    session.flush()
    assert meeting.id is not None
    session.add_all(
        MeetingItem(
            meeting_id=meeting.id, position=position, indicator_code=code, recommendation_id=rec
        )
        for position, (code, rec) in enumerate(items, start=1)
    )
    session.flush()
    audit.record(
        session,
        at=now,
        actor=actor,
        action="meeting.open",
        entity="meeting",
        entity_id=meeting.id,
        after={"period": period_key, "items": len(items), "held_on": held_on.isoformat()},
    )
    return meeting


def set_request(session: Session, *, item: MeetingItem, request_id: int) -> None:
    """The approval request that now carries the item's decision buttons."""
    item.request_id = request_id
    session.add(item)


def decide_item(session: Session, *, item: MeetingItem, decision: str, now: datetime) -> None:
    """Record the head's decision on one item (the caller checked it was undecided)."""
    item.decision = decision
    item.decided_at = now
    session.add(item)


def replace_recommendation(
    session: Session, *, item: MeetingItem, recommendation_id: int | None
) -> None:
    """The item's recommendation was removed before the head decided: the item asks about
    the one written in its place, or (None) about its indicator alone."""
    item.recommendation_id = recommendation_id
    session.add(item)


def decide_recommendation(
    session: Session,
    *,
    recommendation: Recommendation,
    decision: str,
    actor: User | None,
    now: datetime,
    action_number: int | None = None,
) -> None:
    """The head's decision on a recommendation, and the action plan it became, if any."""
    recommendation.decision = decision
    recommendation.decided_by_user_id = None if actor is None else actor.id
    recommendation.decided_at = now
    recommendation.action_number = action_number
    session.add(recommendation)
    assert recommendation.id is not None
    audit.record(
        session,
        at=now,
        actor=actor,
        action="recommendation.decide",
        entity="recommendation",
        entity_id=recommendation.id,
        before={"decision": ""},
        after={"decision": decision, "action_number": action_number},
    )


def close_meeting(session: Session, *, meeting: Meeting, actor: User | None, now: datetime) -> None:
    """Every item is decided: the meeting is closed."""
    meeting.status = CLOSED
    meeting.closed_at = now
    session.add(meeting)
    assert meeting.id is not None
    audit.record(
        session,
        at=now,
        actor=actor,
        action="meeting.close",
        entity="meeting",
        entity_id=meeting.id,
        before={"status": OPEN},
        after={"status": CLOSED},
    )


def _next_action(session: Session, *, revision_id: int, indicator_code: str) -> tuple[int, int]:
    """The next action number of the indicator and the next position in the revision."""
    number = session.exec(
        select(func.max(PlanAction.number)).where(
            PlanAction.revision_id == revision_id, PlanAction.indicator_code == indicator_code
        )
    ).one()
    position = session.exec(
        select(func.max(PlanAction.position)).where(PlanAction.revision_id == revision_id)
    ).one()
    return (number or 0) + 1, (-1 if position is None else position) + 1


def add_action(
    session: Session,
    *,
    cycle_id: int,
    indicator_code: str,
    activity: str,
    pic_unit: str,
    start: date,
    end: date | None,
    actor: User | None,
    now: datetime,
) -> int | None:
    """An approved recommendation becomes an action plan of the indicator in the approved
    revision owners report on (and in a newer draft, so the next approval keeps it); its
    number, or None when the cycle has no approved plan."""
    approved = plans.approved_revision(session, cycle_id=cycle_id)
    if approved is None or approved.id is None:
        return None
    number, _ = _next_action(session, revision_id=approved.id, indicator_code=indicator_code)
    revisions = [approved]
    latest = plans.latest_revision(session, cycle_id=cycle_id)
    if latest is not None and latest.id != approved.id and latest.status == plans.DRAFT:
        revisions.append(latest)
    for revision in revisions:
        assert revision.id is not None
        free, position = _next_action(
            session, revision_id=revision.id, indicator_code=indicator_code
        )
        session.add(
            PlanAction(
                revision_id=revision.id,
                position=position,
                indicator_code=indicator_code,
                number=max(number, free),
                activity=activity,
                pic_unit=pic_unit[:300],
                start=start,
                end=end,
            )
        )
    session.flush()
    audit.record(
        session,
        at=now,
        actor=actor,
        action="plan.action_from_meeting",
        entity="rencana aksi",
        entity_id=f"{indicator_code}/{number}",
        after={"activity": activity, "pic_unit": pic_unit, "start": start, "end": end},
    )
    return number
