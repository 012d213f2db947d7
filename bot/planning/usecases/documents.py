"""The planning document as people get it: a draft made now, or an approved revision's
archived PDF exactly as signed (so ``kinerja-bot verify`` confirms it)."""

from __future__ import annotations

from datetime import datetime

from bot.core import signing
from bot.planning.documents.document import SIGNED_KIND, plan_document_pdf
from bot.planning.rules.model import Plan, PlanStatus
from bot.planning.usecases.views import Revision
from bot.services import Services
from storage import archive, users
from storage.models import Document, PlanRevision


def document_pdf(
    svc: Services, plan: Plan, label: str, approval: signing.Approval | None = None
) -> bytes:
    """The planning document of ``plan`` made now: a draft (DRAF), or signed with
    ``approval``."""
    return plan_document_pdf(
        plan, svc.profile, revision_label=label, generated_at=svc.now(), approval=approval
    )


def approval_of(
    svc: Services, *, signer: str, signer_nip: str, acting: str, at: datetime, code: str
) -> signing.Approval:
    """The approval printed on the planning document."""
    return signing.approval(
        svc.profile,
        kind=SIGNED_KIND,
        acting=acting,
        approved_by=signer,
        approver_nip=signer_nip,
        at=at,
        code=code,
    )


def planning_pdf(svc: Services, *, revision: Revision | None, plan: Plan, label: str) -> bytes:
    """The planning document of ``revision`` (``plan`` is its content): an approved one as
    archived, else a draft. Slow (up to a second): call it off the event loop."""
    if revision is None or revision.status is not PlanStatus.APPROVED:
        return document_pdf(svc, plan, label)
    with svc.db.read() as session:
        row = session.get(PlanRevision, revision.id)
        stored = None
        if row is not None and row.document_id is not None:
            stored = session.get(Document, row.document_id)
        path = None if stored is None else archive.path_of(svc.archive_dir, stored)
        signer_id = None if row is None else row.approved_by_user_id
        signer = None if signer_id is None else users.get_user(session, signer_id)
        approved_at = None if row is None else row.approved_at
    if path is not None and path.is_file():
        return path.read_bytes()
    # Approved before documents recorded their approval: dated and signed from the revision.
    approval = approval_of(
        svc,
        signer=signer.full_name if signer else svc.profile.head.name,
        signer_nip=signer.nip if signer else "",
        acting="",
        at=approved_at or svc.now(),
        code="",
    )
    return document_pdf(svc, plan, label, approval)
