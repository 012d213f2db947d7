"""Reading the plan: a year's current plan, the plan menu's overview, one revision."""

from __future__ import annotations

from sqlmodel import Session

from bot.planning.rules.model import PlanStatus
from bot.planning.usecases.views import CurrentPlan, Decision, PlanOverview, Revision, StepLine
from bot.services import Services
from bot.sop.steps import StepState
from bot.sop.workflow import PLANNING_STEPS
from storage import approvals, cycles, plans, users
from storage.models import Cycle, PlanRevision

# The approval kind of plan revisions (the approvals feature stores requests by it).
APPROVAL_KIND = "rencana"


def revision_view(row: PlanRevision) -> Revision:
    assert row.id is not None
    return Revision(
        id=row.id, cycle_id=row.cycle_id, number=row.number, status=PlanStatus(row.status)
    )


def _current(session: Session, year: int) -> CurrentPlan:
    row, plan = plans.current_plan(session, year=year)
    return CurrentPlan(None if row is None else revision_view(row), plan)


def current_plan(svc: Services, *, year: int) -> CurrentPlan:
    """The newest revision of the year's plan and its content."""
    with svc.db.read() as session:
        return _current(session, year)


def revision_plan(svc: Services, *, revision_id: int) -> CurrentPlan | None:
    """One revision and its plan; None when the revision is gone."""
    with svc.db.read() as session:
        row = session.get(PlanRevision, revision_id)
        cycle = None if row is None else session.get(Cycle, row.cycle_id)
        if row is None or cycle is None:
            return None
        plan = plans.load_plan(session, revision_id=revision_id, year=cycle.year)
        return CurrentPlan(revision_view(row), plan)


def is_current_submission(svc: Services, *, revision_id: int) -> bool:
    """Only the newest revision, still waiting, can be decided."""
    with svc.db.read() as session:
        row = session.get(PlanRevision, revision_id)
        if row is None:
            return False
        latest = plans.latest_revision(session, cycle_id=row.cycle_id)
    return latest is not None and latest.id == row.id and row.status == plans.SUBMITTED


def _steps(session: Session, year: int) -> tuple[StepLine, ...]:
    cycle = cycles.find_cycle(session, year=year)
    rows = {} if cycle is None or cycle.id is None else cycles.step_rows(session, cycle_id=cycle.id)
    lines = []
    for step in PLANNING_STEPS:
        row = rows.get(int(step))
        state = StepState(row.state) if row else StepState.BELUM_MULAI
        lines.append(StepLine(int(step), state, row.note if row else ""))
    return tuple(lines)


def _head_comment(session: Session, revision_id: int) -> str:
    request = approvals.latest_decided(session, kind=APPROVAL_KIND, subject_id=revision_id)
    return request.comment if request is not None and request.comment else ""


def _decision(session: Session, row: PlanRevision) -> Decision:
    """Who decided ``row``, when, with which note (a revision approved before decisions went
    through requests has only its approver and time)."""
    assert row.id is not None
    request = approvals.latest_decided(session, kind=APPROVAL_KIND, subject_id=row.id)
    decider_id, decided_at, acting = row.approved_by_user_id, row.approved_at, ""
    if request is not None:
        decider_id, decided_at = request.decided_by_user_id, request.decided_at
        acting = request.acting_title
    decider = None if decider_id is None else users.get_user(session, decider_id)
    by = f"{acting} {decider.full_name}".strip() if decider else ""
    comment = request.comment if request is not None and request.comment else ""
    return Decision(by=by, at=decided_at, comment=comment)


def plan_overview(svc: Services, *, year: int) -> PlanOverview:
    """The plan of ``year`` with steps 1-4, and the decision on it or the head's note the
    draft answers."""
    with svc.db.read() as session:
        row, plan = plans.current_plan(session, year=year)
        decision, previous, comment = None, None, ""
        if row is not None and row.status not in (plans.DRAFT, plans.SUBMITTED):
            decision = _decision(session, row)
        elif row is not None and row.status == plans.DRAFT:
            found = plans.previous_submission(session, revision=row)
            if found is not None:
                previous = revision_view(found)
                if previous.status is PlanStatus.CHANGES_REQUESTED:
                    comment = _head_comment(session, previous.id)
        return PlanOverview(
            revision=None if row is None else revision_view(row),
            plan=plan,
            steps=_steps(session, year),
            decision=decision,
            previous=previous,
            previous_comment=comment,
        )
