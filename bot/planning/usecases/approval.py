"""SOP steps 5-6: the team submits the complete plan; the head approves it (the revision
is frozen and its signed PDF archived) or asks for changes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from sqlmodel import Session

from bot import deliveries
from bot.approvals import effects
from bot.core import signing
from bot.core.signing import new_verification_code
from bot.deliveries import Notice
from bot.planning import texts
from bot.planning.rules.model import Plan, PlanStatus
from bot.planning.rules.validation import missing, problems
from bot.planning.usecases.documents import approval_of, document_pdf
from bot.planning.usecases.reading import revision_plan, revision_view
from bot.planning.usecases.views import (
    NotADraft,
    PlanDecided,
    PlanIncomplete,
    PlanInvalid,
    Revision,
    Submitted,
)
from bot.services import Services
from bot.sop import workflow
from bot.sop.workflow import PLANNING_STEPS
from storage import archive, plans, users
from storage.archive import NewDocument, Signed
from storage.models import User


def approved_file_name(year: int, number: int) -> str:
    """The file name of a revision's planning document as sent to the head and archived."""
    return f"dokumen-perencanaan-kinerja-{year}-rev{number}.pdf"


def submit_plan(
    svc: Services, *, year: int, actor_id: int
) -> Submitted | PlanInvalid | PlanIncomplete | NotADraft:
    """Send the year's draft to the head when it is valid and complete (steps 5-6 start)."""
    with svc.db.write() as session:
        row, plan = plans.current_plan(session, year=year)
        found = problems(plan)
        if found:
            return PlanInvalid(len(found))
        lacking = tuple(item for step in PLANNING_STEPS for item in missing(plan)[int(step)])
        if lacking or row is None or row.id is None:
            return PlanIncomplete(lacking)
        if row.status != plans.DRAFT:
            return NotADraft(PlanStatus(row.status))
        now = svc.now()
        actor = users.get_user(session, actor_id)
        plans.set_status(session, revision_id=row.id, status=plans.SUBMITTED, actor=actor, now=now)
        workflow.plan_submitted(session, cycle_id=row.cycle_id, actor_id=actor_id, now=now)
        earlier = plans.previous_submission(session, revision=row)
        previous_plan = (
            None if earlier is None else plans.load_plan(session, revision_id=earlier.id, year=year)
        )
        return Submitted(
            revision=revision_view(row),
            plan=plan,
            previous=None if earlier is None else revision_view(earlier),
            previous_plan=previous_plan,
        )


@dataclass(frozen=True)
class _SignedPdf:
    approval: signing.Approval
    content: bytes


def decide_plan(
    svc: Services,
    *,
    revision_id: int,
    approved: bool,
    decided_by_user_id: int | None,
    decided_by: str,
    acting: str,
    decided_at: datetime | None,
    comment: str,
    team_notice: Callable[[PlanDecided], Notice] | None = None,
    request_id: int | None = None,
) -> PlanDecided | None:
    """The head's decision on a submitted revision. Approve: freeze it, archive its signed
    PDF, close steps 5-6 and open step 7. Changes: back to the team with the note. The
    team's notice (``team_notice`` renders it) is queued in the same transaction, which
    also marks the decision ``request_id`` applied. None when the revision is gone or the
    decision was applied already (a retry after a stop)."""
    found = revision_plan(svc, revision_id=revision_id)
    if found is None or found.revision is None:
        return None
    revision, plan = found.revision, found.plan
    now = svc.now()
    signed = None
    if approved:
        # Made before the transaction: the PDF takes a while, the write lock must not wait.
        at = decided_at or now
        signed = _signed_pdf(svc, revision, plan, decided_by_user_id, decided_by, acting, at)
    with svc.db.write() as session:
        if not effects.finish(session, request_id):
            return None
        decider = _user(session, decided_by_user_id)
        status = plans.APPROVED if approved else plans.CHANGES_REQUESTED
        plans.set_status(session, revision_id=revision.id, status=status, actor=decider, now=now)
        if signed is not None:
            meta = _signed_document(
                plan, revision, signed.approval, uploader=None if decider is None else decider.id
            )
            stored = archive.store(
                session, root=svc.archive_dir, content=signed.content, meta=meta, now=now
            )
            assert stored.id is not None
            plans.attach_document(session, revision_id=revision.id, document_id=stored.id)
        workflow.plan_decided(
            session,
            cycle_id=revision.cycle_id,
            approved=approved,
            actor_id=decided_by_user_id,
            now=now,
            comment=comment,
        )
        decided = PlanDecided(year=plan.year, number=revision.number, approved=approved)
        if team_notice is not None:
            text, buttons = team_notice(decided)
            deliveries.tell_team(session, svc, text, buttons, ref_id=revision.id)
    return decided


def _user(session: Session, user_id: int | None) -> User | None:
    return None if user_id is None else users.get_user(session, user_id)


def _signed_pdf(
    svc: Services,
    revision: Revision,
    plan: Plan,
    user_id: int | None,
    name: str,
    acting: str,
    at: datetime,
) -> _SignedPdf:
    """The approved revision's planning document, signed by the approver as registered
    (with the decision's name when they are not)."""
    with svc.db.read() as session:
        user = _user(session, user_id)
        signer, nip = (user.full_name, user.nip) if user else (name, "")
    approval = approval_of(
        svc, signer=signer, signer_nip=nip, acting=acting, at=at, code=new_verification_code()
    )
    label = replace(revision, status=PlanStatus.APPROVED).label
    return _SignedPdf(approval, document_pdf(svc, plan, label, approval))


def _signed_document(
    plan: Plan, revision: Revision, approval: signing.Approval, *, uploader: int | None
) -> NewDocument:
    """How the approved revision's PDF is archived: with its number and signature."""
    return NewDocument(
        kind="rencana_disetujui",
        file_name=approved_file_name(plan.year, revision.number),
        mime_type="application/pdf",
        cycle_id=revision.cycle_id,
        step_no=6,
        revision=revision.number,
        uploaded_by_user_id=uploader,
        signature=Signed(
            number=texts.PLAN_DOCUMENT_NUMBER.format(year=plan.year, number=revision.number),
            signed_by=approval.signatory.name,
            signed_as=approval.capacity,
            signed_at=approval.at,
            verification_code=approval.code,
        ),
    )
