"""The workbook route of /lapor: the unit's Template Data Kinerja for a period, holding a
checked upload until the owner decides, and sending it as the reports of its packages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from bot.core.xlsx_guard import XLSX_MIME
from bot.planning.documents.data_template import PackageRow
from bot.planning.rules.model import Plan
from bot.reporting.rules import ReportingPeriod, is_late
from bot.reporting.usecases.common import (
    ActionReport,
    is_closed,
    mapped_packages,
    open_period,
    stored_actions,
)
from bot.reporting.workbook import DataReport
from bot.services import Services
from bot.sop.steps import StepId
from storage import archive, submissions, users
from storage.archive import NewDocument
from storage.models import Package

WORKBOOK_KIND = "data_kinerja_xlsx"


@dataclass(frozen=True)
class WorkbookTarget:
    """An open period and the unit's mapped packages (to pre-fill and to check kode RUP)."""

    year: int
    cycle_id: int
    period: ReportingPeriod
    plan: Plan
    packages: tuple[PackageRow, ...]
    late: bool  # the period's deadline has passed

    @property
    def file_name(self) -> str:
        return f"data-kinerja-{self.year}-{self.period.key}.xlsx"

    @property
    def known_kode_rup(self) -> frozenset[str]:
        return frozenset(p.kode_rup for p in self.packages)


@dataclass(frozen=True)
class WorkbookSent:
    """The workbook sent as ``count`` packages' reports."""

    year: int
    period: ReportingPeriod
    count: int  # packages reported
    late: bool


def workbook_target(
    svc: Services, *, unit_id: int | None, year: int, period_key: str
) -> WorkbookTarget | None:
    """The period and packages of a unit's data template; None once the period no longer
    takes reports."""
    found = open_period(svc, year, period_key)
    if found is None:
        return None
    with svc.db.read() as session:
        rows = tuple(
            PackageRow(p.kode_rup, p.nama_paket, float(p.pagu), p.area_code)
            for p in mapped_packages(session, cycle_id=found.cycle_id, unit_id=unit_id)
        )
    late = is_late(svc.now(), found.period)
    return WorkbookTarget(found.year, found.cycle_id, found.period, found.plan, rows, late)


def hold_upload(svc: Services, content: bytes) -> str:
    """Keep a checked upload until the owner sends or discards it; its token."""
    return archive.hold(svc.archive_dir, content)


def held_upload(svc: Services, token: str) -> bytes | None:
    """The held upload's bytes; None when it is gone."""
    return archive.held(svc.archive_dir, token) if token else None


def release_upload(svc: Services, token: str) -> None:
    """Forget a held upload (sent, discarded or replaced)."""
    if token:
        archive.release(svc.archive_dir, token)


def _stored_values(values: Mapping[str, float | bool | date]) -> dict[str, float | bool | str]:
    """Values as a submission keeps them: dates as ISO text."""
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}


def _constraints(report: DataReport) -> str:
    """The constraint rows as one text: ``uraian — dampak — usulan; …``."""
    return "; ".join(" — ".join(part for part in row if part) for row in report.constraints)


def _next_revision(
    session: Session, own: Mapping[str, Package], report: DataReport, period_key: str
) -> int:
    """The revision the workbook's reports will have: the highest among its packages."""
    numbers = [1]
    for package_report in report.packages:
        package = own.get(package_report.kode_rup)
        if package_report.values and package is not None and package.id is not None:
            previous = submissions.latest(session, package_id=package.id, period_key=period_key)
            numbers.append(1 if previous is None else previous.revision + 1)
    return max(numbers)


def submit_workbook(
    svc: Services,
    *,
    owner_id: int,
    unit_id: int | None,
    target: WorkbookTarget,
    content: bytes,
    report: DataReport,
) -> WorkbookSent | None:
    """Archive the workbook and send a new revision for every package of the unit it
    gives values for, in one transaction; None when the cycle was closed meanwhile."""
    now = svc.now()
    late = is_late(now, target.period)
    actions = stored_actions(
        [ActionReport(a.indicator_code, a.number, a.status.value, a.note) for a in report.actions]
    )
    with svc.db.write() as session:
        if is_closed(session, target.cycle_id):
            return None
        owner = users.get_user(session, owner_id)
        assert owner is not None
        own = {
            p.kode_rup: p
            for p in mapped_packages(session, cycle_id=target.cycle_id, unit_id=unit_id)
        }
        meta = NewDocument(
            kind=WORKBOOK_KIND,
            file_name=target.file_name,
            mime_type=XLSX_MIME,
            cycle_id=target.cycle_id,
            step_no=int(StepId.ACTIONS_AND_DATA),
            unit_id=unit_id,
            period_key=target.period.key,
            revision=_next_revision(session, own, report, target.period.key),
            uploaded_by_user_id=owner_id,
        )
        document = archive.store(session, root=svc.archive_dir, content=content, meta=meta, now=now)
        count = 0
        for package_report in report.packages:
            package = own.get(package_report.kode_rup)
            if not package_report.values or package is None or package.id is None:
                continue
            submissions.submit(
                session,
                cycle_id=target.cycle_id,
                package_id=package.id,
                period_key=target.period.key,
                values=_stored_values(package_report.values),
                actions=actions,
                constraints=_constraints(report),
                evidence=[] if document.id is None else [document.id],
                via="workbook",
                late=late,
                owner=owner,
                now=now,
            )
            count += 1
        return WorkbookSent(target.year, target.period, count, late)
