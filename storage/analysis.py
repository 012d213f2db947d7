"""The team's analyses and recommendations per indicator and period (SOP step 14): read by
the analysis feature, the performance report and the meeting; written by the analysis
feature (the meeting sets a recommendation's decision).

A recommendation is never deleted: removing one sets ``removed_at``; only one the meeting
has not decided on yet (``decision == ""``) can be removed or replaced.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from storage import audit
from storage.models import IndicatorAnalysis, Recommendation, User


@dataclass(frozen=True)
class NewRecommendation:
    """What a recommendation says: what to do, who does it (a unit or a person), by when."""

    indicator_code: str
    what: str
    who: str
    due: date | None


def of_period(session: Session, cycle_id: int, period_key: str) -> list[IndicatorAnalysis]:
    """The period's analyses, by indicator code."""
    return list(
        session.exec(
            select(IndicatorAnalysis)
            .where(
                IndicatorAnalysis.cycle_id == cycle_id,
                IndicatorAnalysis.period_key == period_key,
            )
            .order_by(col(IndicatorAnalysis.indicator_code))
        )
    )


def of_cycle(session: Session, cycle_id: int) -> list[IndicatorAnalysis]:
    """Every analysis of the cycle, by period and indicator code."""
    return list(
        session.exec(
            select(IndicatorAnalysis)
            .where(IndicatorAnalysis.cycle_id == cycle_id)
            .order_by(col(IndicatorAnalysis.period_key), col(IndicatorAnalysis.indicator_code))
        )
    )


def recommendations(session: Session, cycle_id: int, period_key: str) -> list[Recommendation]:
    """The period's recommendations that were not removed, by indicator code, then in the
    order they were written."""
    return list(
        session.exec(
            select(Recommendation)
            .where(
                Recommendation.cycle_id == cycle_id,
                Recommendation.period_key == period_key,
                col(Recommendation.removed_at).is_(None),
            )
            .order_by(
                col(Recommendation.indicator_code),
                col(Recommendation.position),
                col(Recommendation.id),
            )
        )
    )


def recommendations_of_cycle(session: Session, cycle_id: int) -> list[Recommendation]:
    """Every recommendation of the cycle that was not removed, by indicator, period and the
    order they were written (the report documents list them all)."""
    return list(
        session.exec(
            select(Recommendation)
            .where(Recommendation.cycle_id == cycle_id, col(Recommendation.removed_at).is_(None))
            .order_by(
                col(Recommendation.indicator_code),
                col(Recommendation.period_key),
                col(Recommendation.position),
                col(Recommendation.id),
            )
        )
    )


def save_analysis(
    session: Session,
    *,
    cycle_id: int,
    indicator_code: str,
    period_key: str,
    what_happened: str,
    causes: str,
    method: str,
    actor: User | None,
    now: datetime,
) -> IndicatorAnalysis:
    """Write (or rewrite) the analysis of an indicator in a period."""
    row = session.exec(
        select(IndicatorAnalysis).where(
            IndicatorAnalysis.cycle_id == cycle_id,
            IndicatorAnalysis.indicator_code == indicator_code,
            IndicatorAnalysis.period_key == period_key,
        )
    ).first()
    before = None
    if row is None:
        row = IndicatorAnalysis(
            cycle_id=cycle_id, indicator_code=indicator_code, period_key=period_key, updated_at=now
        )
    else:
        before = {"what": row.what_happened, "causes": row.causes, "method": row.method}
    row.what_happened, row.causes, row.method = what_happened, causes, method
    row.updated_by_user_id = None if actor is None else actor.id
    row.updated_at = now
    session.add(row)
    session.flush()
    audit.record(
        session,
        at=now,
        actor=actor,
        action="analysis.save",
        entity="indicator_analysis",
        entity_id=f"{cycle_id}:{period_key}:{indicator_code}",
        before=before,
        after={"what": what_happened, "causes": causes, "method": method},
    )
    return row


def add_recommendation(
    session: Session,
    *,
    cycle_id: int,
    period_key: str,
    new: NewRecommendation,
    actor: User | None,
    now: datetime,
) -> Recommendation:
    """A new recommendation, after the indicator's others of the period."""
    last = session.exec(
        select(func.max(Recommendation.position)).where(
            Recommendation.cycle_id == cycle_id,
            Recommendation.period_key == period_key,
            Recommendation.indicator_code == new.indicator_code,
        )
    ).first()
    row = Recommendation(
        cycle_id=cycle_id,
        indicator_code=new.indicator_code,
        period_key=period_key,
        position=(last or 0) + 1,
        what=new.what,
        who=new.who,
        due=new.due,
        created_by_user_id=None if actor is None else actor.id,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        at=now,
        actor=actor,
        action="recommendation.add",
        entity="recommendation",
        entity_id=row.id or 0,
        after={"indicator": new.indicator_code, "period": period_key, "what": new.what},
    )
    return row


def remove_recommendation(
    session: Session, *, recommendation_id: int, actor: User | None, now: datetime
) -> Recommendation | None:
    """Remove a recommendation not decided on yet; None when it is gone or decided."""
    row = session.get(Recommendation, recommendation_id)
    if row is None or row.removed_at is not None or row.decision:
        return None
    row.removed_at = now
    row.updated_at = now
    session.add(row)
    audit.record(
        session,
        at=now,
        actor=actor,
        action="recommendation.remove",
        entity="recommendation",
        entity_id=recommendation_id,
        before={"indicator": row.indicator_code, "period": row.period_key, "what": row.what},
    )
    return row


def replace_undecided(
    session: Session,
    *,
    cycle_id: int,
    period_key: str,
    rows: Sequence[NewRecommendation],
    actor: User | None,
    now: datetime,
) -> int:
    """Make the period's recommendations not decided yet exactly ``rows``: an unchanged one
    (same indicator, text, who and due date) keeps its row and id (a meeting may hold it),
    the others are removed and the new ones added in order; how many were removed."""
    kept: dict[tuple[str, str, str, date | None], list[Recommendation]] = {}
    for row in recommendations(session, cycle_id, period_key):
        if not row.decision:
            kept.setdefault((row.indicator_code, row.what, row.who, row.due), []).append(row)
    added = []
    for new in rows:
        same = kept.get((new.indicator_code, new.what, new.who, new.due))
        if same:
            same.pop(0)
        else:
            added.append(new)
    removed = 0
    for left in kept.values():
        for row in left:
            if row.id is not None:
                remove_recommendation(session, recommendation_id=row.id, actor=actor, now=now)
                removed += 1
    for new in added:
        add_recommendation(
            session, cycle_id=cycle_id, period_key=period_key, new=new, actor=actor, now=now
        )
    return removed
