"""The guided report (/lapor): what an owner can report on, starting a report, keeping its
evidence, and sending it as a new revision."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum

from bot.planning.rules.model import InputKind, Plan
from bot.reporting.rules import ReportingPeriod, indicators_due, is_late
from bot.reporting.usecases.common import (
    ActionReport,
    find_period,
    is_closed,
    is_reported,
    mapped_packages,
    open_period,
    stored_actions,
)
from bot.services import Services
from bot.sop.cycles import CycleView, cycle, reporting_cycles, year_of
from bot.sop.steps import StepId
from storage import archive, submissions, users
from storage.archive import NewDocument
from storage.models import Package

EVIDENCE_KIND = "bukti_dukung"


@dataclass(frozen=True)
class PeriodChoice:
    """A period an owner can report on; ``done`` when every package of the unit that
    reports in it has a report."""

    year: int
    period: ReportingPeriod
    late: bool
    done: bool


class NothingOpen(Enum):
    """Why an owner has no period to report on."""

    NO_PLAN = "no_plan"
    NO_PACKAGES = "no_packages"
    NOT_STARTED = "not_started"


@dataclass(frozen=True)
class PeriodMenu:
    """The periods to report on; when there is none, why (with the year and start date
    the reason names)."""

    choices: tuple[PeriodChoice, ...]
    nothing: NothingOpen | None = None
    year: int = 0
    start: date | None = None


@dataclass(frozen=True)
class PackageChoice:
    """A package of the unit, ``reported`` when its report for the period is in."""

    package_id: int
    name: str
    reported: bool


@dataclass(frozen=True)
class PackageMenu:
    """The unit's mapped packages for an open period."""

    year: int
    period: ReportingPeriod
    packages: tuple[PackageChoice, ...]


@dataclass(frozen=True)
class ReportInput:
    """A formula input the report asks, with its kind."""

    name: str
    label: str
    kind: InputKind


@dataclass(frozen=True)
class ReportStart:
    """What a new report on a package asks: inputs, the indicators they feed, actions."""

    period_key: str
    package_id: int
    inputs: tuple[ReportInput, ...]
    indicators: tuple[str, ...]
    actions: tuple[tuple[str, int, str], ...]  # indicator code, number, activity


@dataclass(frozen=True)
class NothingDue:
    """The package's area has no indicator reported in the period."""

    year: int
    period: ReportingPeriod
    area_code: str


@dataclass(frozen=True)
class ReportTarget:
    """The package and period a draft reports on, while a report can still be sent."""

    year: int
    cycle_id: int
    period: ReportingPeriod
    plan: Plan
    package_id: int
    package_name: str
    late: bool


@dataclass(frozen=True)
class RevisionNeeded:
    """The package already has a report for the period: send again only when confirmed."""

    revision: int
    status: str


@dataclass(frozen=True)
class ReportSent:
    """The report sent as the package's revision ``revision``."""

    year: int
    period: ReportingPeriod
    revision: int
    late: bool


def period_menu(svc: Services, *, unit_id: int) -> PeriodMenu:
    """The started periods of every open cycle in which one of the unit's mapped packages
    has an indicator due. Due now first (soonest deadline), then running ones, then late
    ones (newest first): in January last year's last periods are due next to this year's."""
    today, now = svc.today(), svc.now()
    views = reporting_cycles(svc)
    found: list[PeriodChoice] = []
    with svc.db.read() as session:
        for view in views:
            if view.plan is None or view.cycle_id is None:
                continue
            mine = mapped_packages(session, cycle_id=view.cycle_id, unit_id=unit_id)
            for period in view.periods:
                areas = {i.area_code for i in indicators_due(view.plan, period)}
                due = [p.id for p in mine if p.area_code in areas and p.id is not None]
                if period.start > today or not due:
                    continue
                done = all(is_reported(session, package_id=p, period_key=period.key) for p in due)
                found.append(PeriodChoice(view.year, period, is_late(now, period), done))

    def order(choice: PeriodChoice) -> tuple[int, float]:
        period = choice.period
        if choice.late:
            return (2, -period.end.toordinal())
        if period.end < today:
            return (0, period.deadline.timestamp())
        return (1, period.end.toordinal())

    if found:
        return PeriodMenu(tuple(sorted(found, key=order)))
    return _nothing_open(views, today)


def _nothing_open(views: list[CycleView], today: date) -> PeriodMenu:
    """Why nothing can be reported now, and what comes next."""
    started = [v for v in views if v.facts.first_start]
    if not started:
        return PeriodMenu((), NothingOpen.NO_PLAN)
    if any(v.facts.first_start and v.facts.first_start <= today for v in started):
        return PeriodMenu((), NothingOpen.NO_PACKAGES, year=max(v.year for v in started))
    first = min(started, key=lambda v: v.year)
    return PeriodMenu((), NothingOpen.NOT_STARTED, year=first.year, start=first.facts.first_start)


def package_menu(svc: Services, *, unit_id: int, year: int, period_key: str) -> PackageMenu | None:
    """The unit's mapped packages for an open period, each marked when reported; None when
    the period no longer takes reports."""
    found = open_period(svc, year, period_key)
    if found is None:
        return None
    with svc.db.read() as session:
        mine = mapped_packages(session, cycle_id=found.cycle_id, unit_id=unit_id)
        choices = tuple(
            PackageChoice(
                p.id or 0,
                p.nama_paket,
                is_reported(session, package_id=p.id or 0, period_key=period_key),
            )
            for p in mine
        )
    return PackageMenu(found.year, found.period, choices)


def _package(svc: Services, package_id: int) -> Package | None:
    with svc.db.read() as session:
        return session.get(Package, package_id)


def report_target(svc: Services, *, package_id: int, period_key: str) -> ReportTarget | None:
    """The package and period of a report; None when either is gone or the cycle closed."""
    package = _package(svc, package_id)
    if package is None or package.id is None:
        return None
    found = open_period(svc, year_of(svc, package.cycle_id), period_key)
    if found is None:
        return None
    return ReportTarget(
        year=found.year,
        cycle_id=found.cycle_id,
        period=found.period,
        plan=found.plan,
        package_id=package.id,
        package_name=package.nama_paket,
        late=is_late(svc.now(), found.period),
    )


def begin_report(
    svc: Services, *, unit_id: int | None, package_id: int, period_key: str
) -> ReportStart | NothingDue | None:
    """What a new report of the unit's package asks; None when the package is not the
    unit's or the period no longer takes reports."""
    package = _package(svc, package_id)
    view = None if package is None else cycle(svc, year_of(svc, package.cycle_id))
    period = find_period(view, period_key)
    if view is None or view.facts.closed or view.plan is None or period is None:
        return None
    if package is None or package.id is None or package.unit_id != unit_id:
        return None
    plan = view.plan
    due = [i for i in indicators_due(plan, period) if i.area_code == package.area_code]
    if not due:
        return NothingDue(view.year, period, package.area_code or "")
    inputs: dict[str, ReportInput] = {}
    for indicator in due:
        for item in indicator.inputs:
            inputs.setdefault(item.name, ReportInput(item.name, item.label, item.kind))
    return ReportStart(
        period_key=period_key,
        package_id=package.id,
        inputs=tuple(inputs.values()),
        indicators=tuple(i.code for i in due),
        actions=tuple(
            (a.indicator_code, a.number, a.activity) for i in due for a in plan.actions_of(i.code)
        ),
    )


def store_evidence(
    svc: Services,
    *,
    owner_id: int,
    unit_id: int | None,
    package_id: int,
    period_key: str,
    content: bytes,
    file_name: str,
    mime_type: str,
    telegram_file_id: str,
) -> int:
    """Archive one evidence file of a report being filled in; its document id (the same
    bytes sent again are the same document)."""
    with svc.db.write() as session:
        package = session.get(Package, package_id)
        previous = submissions.latest(session, package_id=package_id, period_key=period_key)
        document = archive.store(
            session,
            root=svc.archive_dir,
            content=content,
            meta=NewDocument(
                kind=EVIDENCE_KIND,
                file_name=file_name,
                mime_type=mime_type,
                cycle_id=None if package is None else package.cycle_id,
                step_no=int(StepId.ACTIONS_AND_DATA),
                unit_id=unit_id,
                period_key=period_key,
                revision=1 if previous is None else previous.revision + 1,
                telegram_file_id=telegram_file_id,
                uploaded_by_user_id=owner_id,
            ),
            now=svc.now(),
        )
        assert document.id is not None
        return document.id


def submit_report(
    svc: Services,
    *,
    owner_id: int,
    package_id: int,
    period_key: str,
    values: Mapping[str, float | bool | str],
    actions: Sequence[ActionReport],
    constraints: str,
    evidence: Sequence[int],
    confirmed: bool,
) -> ReportSent | RevisionNeeded | None:
    """Send a report as the package's next revision for the period. A report that is
    waiting or accepted is replaced only when ``confirmed`` (a returned one needs no
    question). None when the package or period is gone or the cycle was closed."""
    target = report_target(svc, package_id=package_id, period_key=period_key)
    if target is None:
        return None
    now = svc.now()
    late = is_late(now, target.period)
    with svc.db.write() as session:
        if is_closed(session, target.cycle_id):
            return None
        previous = submissions.latest(session, package_id=package_id, period_key=period_key)
        if previous is not None and previous.status != submissions.RETURNED and not confirmed:
            return RevisionNeeded(previous.revision, previous.status)
        owner = users.get_user(session, owner_id)
        assert owner is not None
        submission = submissions.submit(
            session,
            cycle_id=target.cycle_id,
            package_id=package_id,
            period_key=period_key,
            values=dict(values),
            actions=stored_actions(list(actions)),
            constraints=constraints,
            evidence=list(evidence),
            via="chat",
            late=late,
            owner=owner,
            now=now,
        )
        return ReportSent(target.year, target.period, submission.revision, late)
