"""Indicators the head closed in a meeting (SOP step 17 c): read by the compilation, the
reporting periods and the reminders; written by the meeting."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, col, select

from storage import audit
from storage.models import IndicatorClosure, User

ACHIEVED = "tercapai"
TIME_UP = "waktu_habis"
REASONS = (ACHIEVED, TIME_UP)


def of_cycle(session: Session, *, cycle_id: int) -> list[IndicatorClosure]:
    """The cycle's closed indicators, in the order they were closed."""
    return list(
        session.exec(
            select(IndicatorClosure)
            .where(IndicatorClosure.cycle_id == cycle_id)
            .order_by(col(IndicatorClosure.decided_at), col(IndicatorClosure.id))
        )
    )


def close(
    session: Session,
    *,
    cycle_id: int,
    indicator_code: str,
    reason: str,
    period_key: str,
    closed_after: date,
    actor: User | None,
    now: datetime,
) -> IndicatorClosure:
    """Close an indicator after ``closed_after`` (the end of the period decided on); closing
    one already closed returns the existing row unchanged."""
    if reason not in REASONS:
        raise ValueError(f"unknown closure reason {reason!r}")
    existing = session.exec(
        select(IndicatorClosure).where(
            IndicatorClosure.cycle_id == cycle_id,
            IndicatorClosure.indicator_code == indicator_code,
        )
    ).first()
    if existing is not None:
        return existing
    row = IndicatorClosure(
        cycle_id=cycle_id,
        indicator_code=indicator_code,
        reason=reason,
        period_key=period_key,
        closed_after=closed_after,
        decided_by_user_id=None if actor is None else actor.id,
        decided_at=now,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        at=now,
        actor=actor,
        action="indicator.close",
        entity="indicator",
        entity_id=f"{cycle_id}:{indicator_code}",
        after={"reason": reason, "period": period_key, "closed_after": closed_after.isoformat()},
    )
    return row
