"""Performance cycles (one per year) and the state of each SOP step in them."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from bot.sop.steps import StepState
from storage import audit
from storage.models import Cycle, StepStateRow, User


def get_or_create_cycle(session: Session, *, year: int, now: datetime) -> Cycle:
    cycle = session.exec(select(Cycle).where(Cycle.year == year)).first()
    if cycle is None:
        cycle = Cycle(year=year, created_at=now)
        session.add(cycle)
        session.flush()
    return cycle


def find_cycle(session: Session, *, year: int) -> Cycle | None:
    return session.exec(select(Cycle).where(Cycle.year == year)).first()


def list_cycles(session: Session) -> list[Cycle]:
    """Every cycle, oldest year first."""
    return list(session.exec(select(Cycle).order_by(col(Cycle.year))))


def close_cycle(session: Session, *, cycle_id: int, actor: User | None, now: datetime) -> bool:
    """Close a cycle (nothing more is reported in it); False when it was already closed."""
    cycle = session.get(Cycle, cycle_id)
    if cycle is None or cycle.closed_at is not None:
        return False
    cycle.closed_at = now
    cycle.closed_by_user_id = None if actor is None else actor.id
    session.add(cycle)
    audit.record(
        session,
        at=now,
        actor=actor,
        action="cycle.close",
        entity="cycle",
        entity_id=str(cycle.year),
        before={"closed_at": None},
        after={"closed_at": now.isoformat()},
    )
    return True


def step_rows(session: Session, *, cycle_id: int) -> dict[int, StepStateRow]:
    rows = session.exec(select(StepStateRow).where(StepStateRow.cycle_id == cycle_id))
    return {row.step_no: row for row in rows}


def step_states(session: Session, *, cycle_id: int) -> dict[int, StepState]:
    """Each step's state; steps without a row have not started."""
    return {no: StepState(row.state) for no, row in step_rows(session, cycle_id=cycle_id).items()}


def set_step_state(
    session: Session,
    *,
    cycle_id: int,
    step_no: int,
    state: StepState,
    actor: User | None,
    now: datetime,
    note: str = "",
) -> StepStateRow:
    """Record a step's new state, who set it and when (audit-logged)."""
    row = session.exec(
        select(StepStateRow).where(
            StepStateRow.cycle_id == cycle_id, StepStateRow.step_no == step_no
        )
    ).first()
    before = None if row is None else {"state": row.state, "note": row.note}
    if row is None:
        row = StepStateRow(cycle_id=cycle_id, step_no=step_no, state=state.value, updated_at=now)
    row.state = state.value
    row.note = note
    row.updated_at = now
    row.updated_by_user_id = None if actor is None else actor.id
    session.add(row)
    session.flush()
    audit.record(
        session,
        at=now,
        actor=actor,
        action="step.state",
        entity="step_state",
        entity_id=f"{cycle_id}:{step_no}",
        before=before,
        after={"state": state.value, "note": note},
    )
    return row
