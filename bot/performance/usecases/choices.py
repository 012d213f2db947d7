"""The choices of /laporan: the years with an approved plan, the kinds of report a year's
plan has, and the periods that have ended (newest first) with how their reports stand."""

from __future__ import annotations

from dataclasses import dataclass

from bot.performance.kinds import ReportChoice
from bot.performance.usecases import sources
from bot.services import Services
from bot.sop.cycles import CycleView, all_cycles, cycle
from storage import performance as store

_ORDER = tuple(ReportChoice)


def years(svc: Services) -> tuple[int, ...]:
    """The years whose plan is approved, newest first."""
    return tuple(sorted((c.year for c in all_cycles(svc) if c.plan is not None), reverse=True))


def planned(svc: Services, year: int) -> CycleView | None:
    found = cycle(svc, year)
    return found if found.plan is not None and found.cycle_id is not None else None


def kinds(svc: Services, year: int) -> tuple[ReportChoice, ...]:
    """The reports a year's plan has: its indicators' reporting frequencies, the annual
    report (every indicator) and the final indicator-status report; none without a plan."""
    found = planned(svc, year)
    if found is None or found.plan is None:
        return ()
    frequencies = {
        i.reporting_frequency.value for i in found.plan.indicators if i.reporting_frequency
    }
    frequencies |= {ReportChoice.TAHUNAN.value, ReportChoice.STATUS.value}
    return tuple(choice for choice in _ORDER if choice.value in frequencies)


@dataclass(frozen=True)
class PeriodChoice:
    """An ended period and its newest report's standing ("" when there is none)."""

    number: int
    label: str
    status: str


def periods(svc: Services, year: int, choice: ReportChoice) -> tuple[PeriodChoice, ...]:
    """The periods of ``choice`` that have ended, newest first (the status report: the
    year, at any time)."""
    found = planned(svc, year)
    if found is None or found.cycle_id is None:
        return ()
    today = svc.today()
    if choice.is_status:
        ended = [(1, f"Tahun {year}")]
    elif choice is ReportChoice.TAHUNAN:
        ended = [(1, f"Tahun {year}")] if today.year > year else []
    else:
        ended = [
            (p.number, p.label)
            for p in found.periods
            if p.frequency is choice.frequency and p.end < today
        ]
    with svc.db.read() as session:
        reports = store.of_cycle(session, cycle_id=found.cycle_id)
    newest: dict[int, str] = {}
    for report in reports:
        if report.kind == choice.stored_kind and report.frequency == choice.frequency.value:
            newest[report.period_number] = report.status
    return tuple(
        PeriodChoice(number, label, newest.get(number, ""))
        for number, label in sorted(ended, reverse=True)
    )


def title_of(choice: ReportChoice, label: str, year: int) -> str:
    """``Triwulan I 2027``; the annual and the status report: ``Tahun 2027``."""
    if choice.frequency.periods_per_year == 1:
        return f"Tahun {year}"
    return f"{label} {year}"


def period_title(svc: Services, year: int, choice: ReportChoice, number: int) -> str:
    """The title of period ``number`` of ``choice`` in ``year``."""
    found = planned(svc, year)
    period = None if found is None else sources.period_of(svc, found, choice, number)
    return title_of(choice, "" if period is None else period.label, year)
