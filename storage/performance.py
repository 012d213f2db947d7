"""Generated results documents in the database (SOP steps 15-17): each Laporan Pencapaian
Kinerja or final indicator-status report, its revision and signing, and the archived files.

A report is made for a cycle, a ``kind`` (``capaian`` or ``status``) and a period
(``frequency``, ``period_number``); making another for the same period is its next
revision. Until ``storage.analysis`` is on main, the analyses and recommendations the
reports print are read here too (the same rows, read-only).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlmodel import Session, col, select

from storage import audit
from storage.models import PerformanceReport, User

ACHIEVEMENT = "capaian"
STATUS = "status"


class ReportStatus(StrEnum):
    """Where a report is on its way to being signed; stored in ``performance_report.status``."""

    DRAFT = "draft"
    AWAITING = "awaiting_signature"
    RETURNED = "returned"
    SIGNED = "signed"


def create(
    session: Session,
    *,
    cycle_id: int,
    kind: str,
    frequency: str,
    period_number: int,
    actor: User | None,
    now: datetime,
    snapshot_json: str = "",
) -> PerformanceReport:
    """A new draft report: the next revision of that period's report, with what its draft
    shows (``snapshot_json``)."""
    report = PerformanceReport(
        cycle_id=cycle_id,
        kind=kind,
        frequency=frequency,
        period_number=period_number,
        snapshot_json=snapshot_json,
        status=ReportStatus.DRAFT.value,
        created_by_user_id=None if actor is None else actor.id,
        created_at=now,
        updated_at=now,
    )
    session.add(report)
    session.flush()
    _audit(session, report, "performance_report.create", actor=actor, now=now)
    return report


def _audit(
    session: Session, report: PerformanceReport, action: str, *, actor: User | None, now: datetime
) -> None:
    assert report.id is not None
    audit.record(
        session,
        at=now,
        actor=actor,
        action=action,
        entity="performance_report",
        entity_id=report.id,
        after={"status": report.status, "period": f"{report.frequency}-{report.period_number}"},
    )


def get(session: Session, report_id: int) -> PerformanceReport | None:
    return session.get(PerformanceReport, report_id)


def revisions(session: Session, report: PerformanceReport) -> list[PerformanceReport]:
    """Every report of ``report``'s cycle, kind and period, oldest first."""
    return list(
        session.exec(
            select(PerformanceReport)
            .where(
                PerformanceReport.cycle_id == report.cycle_id,
                PerformanceReport.kind == report.kind,
                PerformanceReport.frequency == report.frequency,
                PerformanceReport.period_number == report.period_number,
            )
            .order_by(col(PerformanceReport.id))
        )
    )


def revision_of(session: Session, report: PerformanceReport) -> int:
    """1 for the first report of its period, 2 for the next ..."""
    return [r.id for r in revisions(session, report)].index(report.id) + 1


def is_latest(session: Session, report: PerformanceReport) -> bool:
    return revisions(session, report)[-1].id == report.id


def of_cycle(session: Session, *, cycle_id: int) -> list[PerformanceReport]:
    """The cycle's reports, oldest first."""
    return list(
        session.exec(
            select(PerformanceReport)
            .where(PerformanceReport.cycle_id == cycle_id)
            .order_by(col(PerformanceReport.id))
        )
    )


def set_status(
    session: Session,
    *,
    report: PerformanceReport,
    status: ReportStatus,
    actor: User | None,
    now: datetime,
) -> None:
    report.status = status.value
    report.updated_at = now
    session.add(report)
    _audit(session, report, f"performance_report.{status.value}", actor=actor, now=now)


def mark_signed(
    session: Session,
    *,
    report: PerformanceReport,
    documents: tuple[int, int | None, int | None],
    signer: User | None,
    now: datetime,
) -> None:
    """The report is signed; ``documents`` are the archived PDF, workbook and deck."""
    report.document_id, report.workbook_document_id, report.deck_document_id = documents
    report.signed_at = now
    report.signed_by_user_id = None if signer is None else signer.id
    set_status(session, report=report, status=ReportStatus.SIGNED, actor=signer, now=now)
