"""The team's verification (/verifikasi): the queue of waiting reports as cards, their
evidence, and accepting or returning one."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot import deliveries
from bot import texts as app_texts
from bot.core.files import safe_name
from bot.planning.rules.model import FormulaInput
from bot.reporting import render, texts
from bot.reporting.rules import ReportingPeriod
from bot.reporting.usecases.common import SUBMITTED, ActionReport, period_of
from bot.results import usecases as results
from bot.services import Services
from bot.sop.cycles import visible_cycles
from storage import archive, plans, submissions, users
from storage.models import Document, Package, Submission, Unit


@dataclass(frozen=True)
class ReportedValue:
    """A stored value with the input it answers (None when the plan no longer has it)."""

    name: str
    item: FormulaInput | None
    value: object


@dataclass(frozen=True)
class Card:
    """Report ``position`` of the ``count`` waiting for verification."""

    submission_id: int
    position: int
    count: int
    package_name: str
    unit_name: str
    owner_name: str
    year: int
    period: ReportingPeriod | None
    revision: int
    late: bool
    submitted_at: datetime
    values: tuple[ReportedValue, ...]
    actions: tuple[ActionReport, ...]
    constraints: str
    evidence_count: int


@dataclass(frozen=True)
class EvidenceFile:
    """An evidence file to send: by its Telegram file id, or its archived bytes."""

    file_name: str
    telegram_file_id: str | None
    content: bytes | None


OWNER_NOTICE = "verifikasi"
"""The outbox kind of the notice an owner gets when their report is accepted or returned."""


@dataclass(frozen=True)
class Verified:
    """A decided report, and whom to tell (the owner's chat, None when inactive)."""

    accepted: bool
    package_name: str
    year: int
    period: ReportingPeriod | None
    owner_chat_id: int | None


@dataclass(frozen=True)
class AlreadyDecided:
    """The report was decided by someone else first (two team members at once)."""

    accepted: bool
    by: str
    at: datetime


def _decided_before(session: Session, submission_id: int) -> AlreadyDecided | None:
    """Who decided the report, when someone already did (None: it was replaced or is gone)."""
    found = session.get(Submission, submission_id, populate_existing=True)
    if found is None or found.status not in (submissions.ACCEPTED, submissions.RETURNED):
        return None
    by_id = found.verified_by_user_id
    by = None if by_id is None else users.get_user(session, by_id)
    at = found.verified_at or found.submitted_at
    return AlreadyDecided(found.status == submissions.ACCEPTED, by.full_name if by else "-", at)


def _waiting(session: Session, cycle_ids: list[int]) -> list[Submission]:
    return sorted(
        (s for cycle_id in cycle_ids for s in submissions.queue(session, cycle_id=cycle_id)),
        key=lambda s: (s.submitted_at, s.id or 0),
    )


def verification_card(svc: Services, *, position: int) -> Card | None:
    """The card at ``position`` (kept within the queue) of the reports waiting in every
    open cycle, oldest first; None when nothing waits."""
    cycle_ids = [v.cycle_id for v in visible_cycles(svc) if v.cycle_id is not None]
    with svc.db.read() as session:
        waiting = _waiting(session, cycle_ids)
        if not waiting:
            return None
        position = min(max(position, 1), len(waiting))
        submission = waiting[position - 1]
        package = session.get(Package, submission.package_id)
        unit = (
            None
            if package is None or package.unit_id is None
            else session.get(Unit, package.unit_id)
        )
        owner_id = submission.submitted_by_user_id
        owner = None if owner_id is None else users.get_user(session, owner_id)
        inputs = plans.inputs_of_cycle(session, cycle_id=submission.cycle_id)
    year, period = period_of(svc, submission.cycle_id, submission.period_key)
    values = json.loads(submission.values_json)
    return Card(
        submission_id=submission.id or 0,
        position=position,
        count=len(waiting),
        package_name=package.nama_paket if package else "-",
        unit_name=unit.name if unit else "-",
        owner_name=owner.full_name if owner else "-",
        year=year,
        period=period,
        revision=submission.revision,
        late=submission.late,
        submitted_at=submission.submitted_at,
        values=tuple(ReportedValue(n, inputs.get(n), v) for n, v in values.items()),
        actions=tuple(
            ActionReport(a["indicator"], a["number"], a["status"] or "-", a.get("note") or "")
            for a in json.loads(submission.actions_json)
        ),
        constraints=submission.constraints,
        evidence_count=len(json.loads(submission.evidence_json)),
    )


def decision_of(svc: Services, *, submission_id: int) -> AlreadyDecided | None:
    """Who decided the report and how (None: it waits, was replaced or is gone)."""
    with svc.db.read() as session:
        return _decided_before(session, submission_id)


def is_waiting(svc: Services, *, submission_id: int) -> bool:
    """Whether the report still waits for verification (not decided, not replaced)."""
    with svc.db.read() as session:
        found = session.get(Submission, submission_id)
        return found is not None and found.status == SUBMITTED


def evidence_files(svc: Services, *, submission_id: int) -> tuple[EvidenceFile, ...] | None:
    """The evidence of a waiting report; None when it no longer waits."""
    with svc.db.read() as session:
        found = session.get(Submission, submission_id)
        if found is None or found.status != SUBMITTED:
            return None
        documents = [session.get(Document, d) for d in json.loads(found.evidence_json)]
    return tuple(
        EvidenceFile(
            # Never a path the owner chose: files kept before names were made safe, too.
            safe_name(d.file_name, d.mime_type, fallback="bukti"),
            d.telegram_file_id,
            None if d.telegram_file_id else archive.path_of(svc.archive_dir, d).read_bytes(),
        )
        for d in documents
        if d is not None
    )


def verify_report(
    svc: Services, *, verifier_id: int, submission_id: int, accept: bool, note: str
) -> Verified | AlreadyDecided | None:
    """Accept a waiting report, or return it with ``note``, and queue the owner's notice in
    the same transaction; who decided it when someone did first, None when it was replaced
    or is gone."""
    with svc.db.read() as session:
        waiting = session.get(Submission, submission_id)
        if waiting is None:
            return None
        cycle_id, period_key = waiting.cycle_id, waiting.period_key
    year, period = period_of(svc, cycle_id, period_key)
    with svc.db.write() as session:
        verifier = users.get_user(session, verifier_id)
        assert verifier is not None
        done = submissions.verify(
            session,
            submission_id=submission_id,
            accept=accept,
            note=note,
            verifier=verifier,
            now=svc.now(),
        )
        if done is None:
            return _decided_before(session, submission_id)
        results.report_verified(
            session, cycle_id=cycle_id, accepted=accept, actor_id=verifier_id, svc=svc
        )
        package = session.get(Package, done.package_id)
        owner = deliveries.person(session, done.submitted_by_user_id)
        package_name = package.nama_paket if package else "-"
        template = texts.VERIFY_OWNER_ACCEPTED if accept else texts.VERIFY_OWNER_RETURNED
        notice = template.format(
            package=app_texts.esc(package_name),
            period=render.period_label(year, period),
            note=app_texts.esc(note),
        )
        deliveries.queue(
            session,
            kind=OWNER_NOTICE,
            ref_id=submission_id,
            text=notice,
            recipients=owner,
            now=svc.now(),
            created_by_user_id=verifier_id,
        )
    owner_chat_id = owner[0][1] if owner else None
    return Verified(accept, package_name, year, period, owner_chat_id)
