"""The owners' reminders: before a reporting deadline (``REPORT_DUE``) and after it
(``REPORT_OVERDUE``), for every period in which the owner's unit still has a package without
its report. One row per owner, period and offset; the subject is ``<year>:<period key>``."""

from __future__ import annotations

import html
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot.core.dates import format_datetime
from bot.core.roles import Role
from bot.reminders import texts
from bot.reminders.callbacks import SnoozeReminder
from bot.reminders.model import (
    KindSpec,
    PlannedReminder,
    ReminderKind,
    ReminderView,
    Rendered,
)
from bot.reminders.rules import WorkingTime, days_left, owner_moments
from bot.reporting.callbacks import ChoosePeriod
from bot.reporting.render import period_label
from bot.reporting.rules import ReportingPeriod, indicators_due
from bot.reporting.usecases.common import open_period
from bot.services import Services
from bot.sop.cycles import reporting_cycles
from storage import packages, reminders, submissions, users
from storage.models import Package


@dataclass(frozen=True)
class _Cycle:
    year: int
    cycle_id: int
    periods: tuple[tuple[ReportingPeriod, frozenset[str]], ...]  # period, areas due in it


def _owners(session: Session) -> dict[int, list[int]]:
    """Active owners by unit."""
    found: dict[int, list[int]] = {}
    for user in users.list_users(session, role=Role.PJ):
        if user.active and user.unit_id is not None and user.id is not None:
            found.setdefault(user.unit_id, []).append(user.id)
    return found


def _cycles(svc: Services) -> Iterator[_Cycle]:
    for view in reporting_cycles(svc):
        if view.plan is None or view.cycle_id is None:
            continue
        plan = view.plan
        periods = tuple(
            (p, frozenset(i.area_code for i in indicators_due(plan, p))) for p in view.periods
        )
        yield _Cycle(view.year, view.cycle_id, periods)


def _missing(
    mine: Sequence[Package], areas: frozenset[str], period_key: str, done: set[tuple[int, str]]
) -> list[Package]:
    """The unit's packages due in the period whose report is not in."""
    return [
        p
        for p in mine
        if p.id is not None and p.area_code in areas and (p.id, period_key) not in done
    ]


def plan_owner_reminders(session: Session, svc: Services, now: datetime) -> list[PlannedReminder]:
    """Every owner reminder that should exist now (both kinds)."""
    owners = _owners(session)
    settings, working = svc.profile.reminders, WorkingTime.of(svc.profile)
    found: list[PlannedReminder] = []
    for cycle in _cycles(svc):
        done = submissions.reported(session, cycle_id=cycle.cycle_id)
        by_unit: dict[int, list[Package]] = {}
        for package in packages.all_of_cycle(session, cycle_id=cycle.cycle_id):
            if package.unit_id in owners and package.area_code:
                by_unit.setdefault(package.unit_id, []).append(package)
        for period, areas in cycle.periods:
            moments = owner_moments(period.deadline, settings, working)
            for unit_id, mine in by_unit.items():
                if not _missing(mine, areas, period.key, done):
                    continue
                found.extend(
                    PlannedReminder(
                        kind=ReminderKind.REPORT_OVERDUE if m.overdue else ReminderKind.REPORT_DUE,
                        user_id=owner_id,
                        subject=f"{cycle.year}:{period.key}",
                        period=period.key,
                        offset=m.offset,
                        at=m.at,
                        shift=m.shift,
                    )
                    for owner_id in owners[unit_id]
                    for m in moments
                )
    return found


def render_owner_reminder(
    session: Session, svc: Services, reminder: ReminderView, now: datetime
) -> Rendered | None:
    """The reminder as the owner reads it, worded at ``now``; None once every package of the
    unit due in the period has its report, the owner has no unit, or the period is gone."""
    year_text, _, period_key = reminder.subject.partition(":")
    user = users.get_user(session, reminder.user_id)
    found = open_period(svc, int(year_text), period_key) if year_text.isdigit() else None
    if found is None or user is None or user.unit_id is None:
        return None
    period = found.period
    areas = frozenset(i.area_code for i in indicators_due(found.plan, period))
    mine = packages.of_unit(session, cycle_id=found.cycle_id, unit_id=user.unit_id)
    done = submissions.reported(session, cycle_id=found.cycle_id)
    missing = _missing(mine, areas, period.key, done)
    if not missing:
        return None
    zone = svc.profile.timezone
    header = (
        texts.OWNER_OVERDUE_HEADER
        if reminder.kind is ReminderKind.REPORT_OVERDUE
        else texts.OWNER_DUE_HEADER
    )
    text = texts.OWNER_BODY.format(
        header=header,
        period=period_label(found.year, period),
        span=period.span,
        deadline=format_datetime(period.deadline, zone),
        left=texts.time_left(days_left(period.deadline, now, zone)),
        packages="\n".join(
            texts.OWNER_PACKAGE.format(name=html.escape(p.nama_paket)) for p in missing
        ),
    )
    report_now = (texts.BUTTON_REPORT_NOW, ChoosePeriod(found.year, period.key, 1).encode())
    rows: list[tuple[tuple[str, str], ...]] = [(report_now,)]
    if not reminder.offset.startswith(reminders.SNOOZE):
        rows.append(((texts.BUTTON_SNOOZE, SnoozeReminder(reminder.id).encode()),))
    return Rendered(text, tuple(rows))


OWNER_KINDS = (
    KindSpec(ReminderKind.REPORT_DUE, plan_owner_reminders, render_owner_reminder),
    KindSpec(ReminderKind.REPORT_OVERDUE, plan_owner_reminders, render_owner_reminder),
)
