"""Making a report: a new revision of the chosen period's report (a draft) with its PDF,
workbook and deck, and rendering any report again (the draft for the head's request, the
signed files). Rendering runs in a worker thread, outside any transaction."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.core import snapshot
from bot.core.signing import Approval
from bot.performance.documents import (
    ReportInput,
    Signing,
    StatusInput,
    deck_pdf,
    report_pdf,
    report_workbook,
    status_pdf,
)
from bot.performance.documents.content import Period, rows
from bot.performance.kinds import XLSX, ReportChoice
from bot.performance.usecases import choices, sources
from bot.services import Services
from bot.sop import workflow
from bot.sop.cycles import year_of
from storage import performance as store
from storage import users


class Refusal(StrEnum):
    NO_PLAN = "no_plan"
    NO_PERIOD = "no_period"
    NO_RESULTS = "no_results"
    GONE = "gone"


@dataclass(frozen=True)
class ReportFile:
    content: bytes
    file_name: str
    mime_type: str


@dataclass(frozen=True)
class Made:
    """A report as made: its id, what and which period, revision, files, and counts."""

    report_id: int
    year: int
    choice: ReportChoice
    period: Period
    revision: int
    files: tuple[ReportFile, ...]
    indicators: int
    missing: int


@dataclass(frozen=True)
class _Material:
    year: int
    cycle_id: int
    choice: ReportChoice
    period: Period
    inputs: ReportInput | StatusInput


def _material(
    svc: Services,
    *,
    year: int,
    choice: ReportChoice,
    number: int,
    signing: Signing,
    decision_label: Callable[[str], str],
) -> _Material | Refusal:
    cycle = choices.planned(svc, year)
    if cycle is None or cycle.cycle_id is None:
        return Refusal.NO_PLAN
    period = sources.period_of(svc, cycle, choice, number)
    if period is None:
        return Refusal.NO_PERIOD
    compilation = sources.compilation(svc, year)
    if compilation is None:
        return Refusal.NO_RESULTS
    notes = sources.notes(svc, cycle_id=cycle.cycle_id, decision_label=decision_label)
    inputs: ReportInput | StatusInput
    if choice.is_status:
        inputs = StatusInput(compilation, notes.closures, notes.recommendations, signing)
    else:
        inputs = ReportInput(compilation, period, notes.analyses, notes.recommendations, signing)
    return _Material(year, cycle.cycle_id, choice, period, inputs)


def _base_name(material: _Material, revision: int) -> str:
    if material.choice.is_status:
        return f"laporan-status-indikator-{material.year}-rev{revision}"
    return f"laporan-kinerja-{material.period.key}-{material.year}-rev{revision}"


def render(svc: Services, material: _Material, *, revision: int) -> tuple[ReportFile, ...]:
    """The report's files: the PDF, and for an achievement report the workbook and deck."""
    profile, inputs = svc.profile, material.inputs
    signed = inputs.signing.approval is not None
    name = _base_name(material, revision) + ("" if signed else "-draf")
    if isinstance(inputs, StatusInput):
        return (ReportFile(status_pdf(profile, inputs), f"{name}.pdf", "application/pdf"),)
    chart = sources.remembered_charts()  # the report and the deck draw each chart once
    return (
        ReportFile(report_pdf(profile, inputs, chart=chart), f"{name}.pdf", "application/pdf"),
        ReportFile(report_workbook(profile, inputs), f"{name}.xlsx", XLSX),
        ReportFile(
            deck_pdf(profile, inputs, chart=chart),
            f"{name.replace('laporan-kinerja', 'bahan-paparan')}.pdf",
            "application/pdf",
        ),
    )


def _counts(material: _Material) -> tuple[int, int]:
    inputs = material.inputs
    if isinstance(inputs, StatusInput):
        return len(inputs.compilation.indicators), 0
    found = rows(inputs.compilation, inputs.period)
    return len(found), sum(1 for row in found if row.missing)


async def make(
    svc: Services,
    *,
    year: int,
    choice: ReportChoice,
    number: int,
    actor_id: int,
    decision_label: Callable[[str], str],
) -> Made | Refusal:
    """A new draft revision of the period's report (an older one waiting for the head is
    no longer current), with its files."""
    material = _material(
        svc,
        year=year,
        choice=choice,
        number=number,
        signing=Signing(svc.today()),
        decision_label=decision_label,
    )
    if isinstance(material, Refusal):
        return material
    with svc.db.write() as session:
        report = store.create(
            session,
            cycle_id=material.cycle_id,
            kind=choice.stored_kind,
            frequency=choice.frequency.value,
            period_number=number,
            actor=users.get_user(session, actor_id),
            now=svc.now(),
            snapshot_json=snapshot.to_json(material.inputs),
        )
        revision = store.revision_of(session, report)
        if not choice.is_status:
            workflow.achievement_report_drafted(
                session, cycle_id=material.cycle_id, actor_id=actor_id, now=svc.now()
            )
        assert report.id is not None
        report_id = report.id
    signing = Signing(svc.today(), revision)
    material = dataclasses.replace(
        material, inputs=dataclasses.replace(material.inputs, signing=signing)
    )
    files = await asyncio.to_thread(render, svc, material, revision=revision)
    indicators, missing = _counts(material)
    return Made(report_id, year, choice, material.period, revision, files, indicators, missing)


@dataclass(frozen=True)
class Stored:
    """A stored report: its year, choice, period number and revision."""

    report_id: int
    cycle_id: int
    year: int
    choice: ReportChoice
    number: int
    revision: int
    status: str
    revisions: tuple[int, ...] = ()  # every report of the same period, this one too
    snapshot_json: str = ""  # what its draft showed (empty for reports made before 0014)


def stored(svc: Services, report_id: int) -> Stored | None:
    with svc.db.read() as session:
        report = store.get(session, report_id)
        if report is None:
            return None
        revision = store.revision_of(session, report)
        found = (report.cycle_id, report.kind, report.frequency, report.period_number)
        status = report.status
        siblings = tuple(r.id for r in store.revisions(session, report) if r.id is not None)
        kept = report.snapshot_json
    cycle_id, kind, frequency, number = found
    choice = ReportChoice.of(kind, frequency)
    year = year_of(svc, cycle_id)
    return Stored(report_id, cycle_id, year, choice, number, revision, status, siblings, kept)


def _as_drafted(material: _Material, report: Stored) -> _Material:
    """The material with the numbers and texts the draft showed (kept when it was made);
    only the signing part is today's. A report without a kept draft keeps today's data."""
    if not report.snapshot_json:
        return material
    signing = material.inputs.signing
    kept: ReportInput | StatusInput
    if report.choice.is_status:
        kept = snapshot.from_json(StatusInput, report.snapshot_json)
    else:
        kept = snapshot.from_json(ReportInput, report.snapshot_json)
    return dataclasses.replace(material, inputs=dataclasses.replace(kept, signing=signing))


async def render_again(
    svc: Services,
    report: Stored,
    *,
    day: date,
    approval: Approval | None,
    decision_label: Callable[[str], str],
) -> tuple[Period, tuple[ReportFile, ...]] | Refusal:
    """The report's files as its draft showed them: the draft again, or signed with
    ``approval``."""
    material = _material(
        svc,
        year=report.year,
        choice=report.choice,
        number=report.number,
        signing=Signing(day, report.revision, approval),
        decision_label=decision_label,
    )
    if isinstance(material, Refusal):
        return material
    material = _as_drafted(material, report)
    files = await asyncio.to_thread(render, svc, material, revision=report.revision)
    return material.period, files
