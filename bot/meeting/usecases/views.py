"""What the meeting's use cases return: frozen views of a meeting, its items and the request
the head decides, built inside the use case's session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from bot.meeting.rules import Decision, decisions
from bot.planning.rules.model import Plan
from bot.reporting.rules import ReportingPeriod, parse_period_key, reporting_period
from bot.services import Services
from storage import meetings
from storage.models import Meeting, MeetingItem

APPROVAL_KIND = "rapat"
"""The kind of the head's decision requests on meeting items."""


@dataclass(frozen=True)
class Figures:
    """The indicator's result in the meeting's period (SOP step 13), as far as known."""

    unit: str
    target: float | None
    realisation: float | None
    achievement: float | None
    band: str | None
    missing_units: tuple[str, ...] = ()
    reason: str = ""  # why a value or the percentage is missing (Indonesian, from step 13)


@dataclass(frozen=True)
class RecommendationView:
    """What, who, by when."""

    what: str
    who: str
    due: date | None


@dataclass(frozen=True)
class ItemAsk:
    """One item as the head is asked about it: the request's content."""

    item_id: int
    meeting_id: int
    year: int
    period_label: str
    position: int
    count: int
    indicator_code: str
    indicator_name: str
    recommendation: RecommendationView | None
    options: tuple[Decision, ...]
    opened_by_user_id: int | None
    figures: Figures | None = None


@dataclass(frozen=True)
class ItemView:
    """One item of a meeting as /rapat and the minutes show it."""

    position: int
    indicator_code: str
    indicator_name: str
    recommendation: RecommendationView | None
    decision: Decision | None
    action_number: int | None
    request_id: int | None


@dataclass(frozen=True)
class MeetingView:
    """A meeting and how far the head got."""

    meeting_id: int
    year: int
    period_key: str
    period_label: str
    held_on: date
    notes: str
    is_open: bool
    items: tuple[ItemView, ...]

    @property
    def decided(self) -> int:
        return sum(1 for item in self.items if item.decision is not None)

    @property
    def current(self) -> ItemView | None:
        """The first item still waiting for the head."""
        return next((item for item in self.items if item.decision is None), None)


def period_of(svc: Services, year: int, key: str) -> ReportingPeriod:
    """The period a meeting is about, from its key (whatever the plan reports now)."""
    frequency, number = parse_period_key(key)
    return reporting_period(
        frequency,
        number,
        year=year,
        zone=svc.profile.timezone,
        deadline_days=svc.settings.kinerja_report_deadline_days,
        holidays=svc.profile.holidays,
    )


def period_name(svc: Services, year: int, key: str) -> str:
    """``Triwulan I 2027``."""
    return f"{period_of(svc, year, key).label} {year}"


def _name(plan: Plan | None, code: str) -> str:
    indicator = None if plan is None else plan.indicator(code)
    return code if indicator is None else indicator.name


def _recommendation(session: Session, item: MeetingItem) -> RecommendationView | None:
    if item.recommendation_id is None:
        return None
    found = meetings.get_recommendation(session, item.recommendation_id)
    if found is None:
        return None
    return RecommendationView(found.what, found.who, found.due)


def meeting_view(
    session: Session, svc: Services, meeting: Meeting, *, year: int, plan: Plan | None
) -> MeetingView:
    """The meeting with every item and its decision."""
    assert meeting.id is not None
    items = []
    for item in meetings.items_of(session, meeting_id=meeting.id):
        recommendation = None
        if item.recommendation_id is not None:
            recommendation = meetings.get_recommendation(session, item.recommendation_id)
        items.append(
            ItemView(
                position=item.position,
                indicator_code=item.indicator_code,
                indicator_name=_name(plan, item.indicator_code),
                recommendation=_recommendation(session, item),
                decision=Decision(item.decision) if item.decision else None,
                action_number=None if recommendation is None else recommendation.action_number,
                request_id=item.request_id,
            )
        )
    return MeetingView(
        meeting_id=meeting.id,
        year=year,
        period_key=meeting.period_key,
        period_label=period_name(svc, year, meeting.period_key),
        held_on=meeting.held_on,
        notes=meeting.notes,
        is_open=meeting.status == meetings.OPEN,
        items=tuple(items),
    )


def item_ask(
    session: Session,
    svc: Services,
    item: MeetingItem,
    *,
    year: int,
    plan: Plan | None,
    figures: Figures | None,
) -> ItemAsk:
    """What the head is asked about ``item``."""
    assert item.id is not None
    meeting = meetings.get(session, item.meeting_id)
    assert meeting is not None
    count = len(meetings.items_of(session, meeting_id=item.meeting_id))
    recommendation = _recommendation(session, item)
    return ItemAsk(
        item_id=item.id,
        meeting_id=item.meeting_id,
        year=year,
        period_label=period_name(svc, year, meeting.period_key),
        position=item.position,
        count=count,
        indicator_code=item.indicator_code,
        indicator_name=_name(plan, item.indicator_code),
        recommendation=recommendation,
        options=decisions(has_recommendation=recommendation is not None),
        opened_by_user_id=meeting.created_by_user_id,
        figures=figures,
    )
