"""A report on its way to the head's signature: submitted (a request through the approval
mechanism), returned with the head's comment, or signed: rendered again with the approval
and its verification code, archived (PDF, workbook, deck; or the status report) with its
period and revision, and copies queued for the team and the head through the outbox."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from sqlmodel import Session

from bot import deliveries
from bot.approvals import effects
from bot.core import signing
from bot.core.roles import Role
from bot.core.signing import Decision
from bot.performance.documents.content import Period
from bot.performance.documents.page import SIGNATURE_KIND
from bot.performance.kinds import (
    ARCHIVE_DECK,
    ARCHIVE_REPORT,
    ARCHIVE_STATUS,
    ARCHIVE_WORKBOOK,
)
from bot.performance.usecases import making
from bot.performance.usecases.making import ReportFile, Stored
from bot.services import Services
from bot.sop import workflow
from storage import archive, users
from storage import performance as store
from storage.archive import NewDocument, Signed
from storage.performance import ReportStatus

COPY_KIND = "laporan_kinerja"
"""The outbox kind of the signed copies."""


class Refusal(StrEnum):
    GONE = "gone"
    NOT_LATEST = "not_latest"
    SIGNED = "signed"


def is_current(svc: Services, *, report_id: int) -> bool:
    """Whether the report still waits for the head: submitted and the newest of its period."""
    with svc.db.read() as session:
        report = store.get(session, report_id)
        return (
            report is not None
            and report.status == ReportStatus.AWAITING.value
            and store.is_latest(session, report)
        )


def submit(svc: Services, *, report_id: int, actor_id: int) -> Stored | Refusal:
    """The team submits the report for signature (the newest of its period, not signed)."""
    with svc.db.write() as session:
        report = store.get(session, report_id)
        if report is None:
            return Refusal.GONE
        if report.status == ReportStatus.SIGNED.value:
            return Refusal.SIGNED
        if not store.is_latest(session, report):
            return Refusal.NOT_LATEST
        store.set_status(
            session,
            report=report,
            status=ReportStatus.AWAITING,
            actor=users.get_user(session, actor_id),
            now=svc.now(),
        )
    found = making.stored(svc, report_id)
    return Refusal.GONE if found is None else found


def return_to_team(
    svc: Services,
    *,
    report_id: int,
    comment: str,
    actor_id: int | None,
    notice: Callable[[Stored], str],
    request_id: int | None = None,
) -> Stored | None:
    """The head asked for changes: the report is returned, the team told with ``notice``
    and the decision ``request_id`` marked applied, in one transaction; None when it is
    gone or the decision was applied already."""
    found = making.stored(svc, report_id)
    if found is None:
        return None
    with svc.db.write() as session:
        report = store.get(session, report_id)
        if report is None or not effects.finish(session, request_id):
            return None
        actor = None if actor_id is None else users.get_user(session, actor_id)
        store.set_status(
            session, report=report, status=ReportStatus.RETURNED, actor=actor, now=svc.now()
        )
        workflow.results_report_decided(
            session,
            cycle_id=found.cycle_id,
            status_report=found.choice.is_status,
            signed=False,
            actor_id=actor_id,
            now=svc.now(),
            comment=comment,
        )
        deliveries.tell_team(session, svc, notice(found), ref_id=report_id)
    return found


@dataclass(frozen=True)
class SignedReport:
    report: Stored
    period: Period
    code: str
    files: tuple[ReportFile, ...]


def _approval(svc: Services, decision: Decision) -> signing.Approval:
    with svc.db.read() as session:
        signer = None if decision.user_id is None else users.get_user(session, decision.user_id)
        name = signer.full_name if signer else decision.name
        nip = signer.nip if signer else ""
    return signing.approval(
        svc.profile,
        kind=SIGNATURE_KIND,
        acting=decision.acting,
        approved_by=name,
        approver_nip=nip,
        at=decision.at or svc.now(),
        code=signing.new_verification_code(),
    )


async def sign(
    svc: Services,
    *,
    report_id: int,
    decision: Decision,
    decision_label: Callable[[str], str],
    caption: Callable[[SignedReport, int], str],
    request_id: int | None = None,
) -> SignedReport | None:
    """Render, archive and send the report the head signed, and mark the decision
    ``request_id`` applied in the same transaction; None when it is gone, no longer waits,
    or the decision was applied already. ``caption(signed, n)`` is the text of the copy of
    file ``n``."""
    found = making.stored(svc, report_id)
    if found is None or found.status != ReportStatus.AWAITING.value:
        return None
    approval = _approval(svc, decision)
    rendered = await making.render_again(
        svc, found, day=svc.today(), approval=approval, decision_label=decision_label
    )
    if isinstance(rendered, making.Refusal):
        return None
    period, files = rendered
    signed = SignedReport(found, period, approval.code, files)
    with svc.db.write() as session:
        report = store.get(session, report_id)
        if report is None or report.status != ReportStatus.AWAITING.value:
            return None
        if not effects.finish(session, request_id):
            return None
        ids = _archive(session, svc, signed, approval, decision.user_id)
        signer = None if decision.user_id is None else users.get_user(session, decision.user_id)
        store.mark_signed(session, report=report, documents=ids, signer=signer, now=svc.now())
        workflow.results_report_decided(
            session,
            cycle_id=found.cycle_id,
            status_report=found.choice.is_status,
            signed=True,
            actor_id=decision.user_id,
            now=svc.now(),
        )
        recipients = _team_and_head(session)
        for number, document_id in enumerate(ids):
            if document_id is None:
                continue
            deliveries.queue(
                session,
                kind=COPY_KIND,
                text=caption(signed, number),
                recipients=recipients,
                now=svc.now(),
                ref_id=report_id,
                document_id=document_id,
                created_by_user_id=decision.user_id,
            )
    return signed


def _team_and_head(session: Session) -> list[tuple[int | None, int]]:
    heads = [(u.id, u.telegram_id) for u in users.list_users(session, role=Role.KEPALA) if u.active]
    return deliveries.team(session) + heads


def _archive(
    session: Session,
    svc: Services,
    signed: SignedReport,
    approval: signing.Approval,
    signer_id: int | None,
) -> tuple[int, int | None, int | None]:
    """Archive the files with their period and revision; the ids of PDF, workbook, deck."""
    report = signed.report
    kinds = (
        (ARCHIVE_STATUS,)
        if report.choice.is_status
        else (ARCHIVE_REPORT, ARCHIVE_WORKBOOK, ARCHIVE_DECK)
    )
    stamp = Signed(
        number=f"{signed.period.key}/{report.year}/rev{report.revision}",
        signed_by=approval.signatory.name,
        signed_as=approval.capacity,
        signed_at=approval.at,
        verification_code=approval.code,
    )
    ids: list[int | None] = []
    for number, (file, (kind, step)) in enumerate(zip(signed.files, kinds, strict=True)):
        meta = NewDocument(
            kind=kind,
            file_name=file.file_name,
            mime_type=file.mime_type,
            cycle_id=report.cycle_id,
            step_no=int(step),
            period_key=signed.period.key,
            revision=report.revision,
            uploaded_by_user_id=signer_id,
            signature=stamp if number == 0 else None,
        )
        document = archive.store(
            session, root=svc.archive_dir, content=file.content, meta=meta, now=svc.now()
        )
        ids.append(document.id)
    ids += [None] * (3 - len(ids))
    first = ids[0]
    assert first is not None
    return first, ids[1], ids[2]
