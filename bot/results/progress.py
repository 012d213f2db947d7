"""Whether the compilation (SOP step 13) is complete, without Telegram or storage: the
latest ended reporting period has an accepted report from every package that reports in it.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date

from bot.planning.rules.model import Plan
from bot.planning.rules.periods import periods
from bot.results.compile import PackageFact


@dataclass(frozen=True)
class Progress:
    """The latest ended period(s) (labels; empty while none has ended) and how many
    packages that report in them have no accepted report yet."""

    labels: tuple[str, ...]
    missing: int

    @property
    def complete(self) -> bool:
        return bool(self.labels) and self.missing == 0


def progress(
    plan: Plan,
    *,
    packages: Sequence[PackageFact],
    accepted: Collection[tuple[int, str]],
    today: date,
) -> Progress:
    """Progress of the latest ended period(s) on ``today`` (periods of several frequencies
    ending the same day, such as Triwulan II and Semester I, count together); ``accepted``
    holds (package id, period key) of every accepted report."""
    ended = [
        (period, frequency)
        for frequency in {i.reporting_frequency for i in plan.indicators if i.reporting_frequency}
        for period in periods(frequency, plan.year)
        if period.end < today
    ]
    if not ended:
        return Progress((), 0)
    last = max(period.end for period, _ in ended)
    labels: list[str] = []
    missing = 0
    for period, frequency in sorted(ended, key=lambda pair: pair[1].periods_per_year):
        if period.end != last:
            continue
        labels.append(period.label)
        areas = {i.area_code for i in plan.indicators if i.reporting_frequency == frequency}
        key = f"{frequency.value}-{period.number}"
        missing += sum(
            1 for p in packages if p.area_code in areas and (p.package_id, key) not in accepted
        )
    return Progress(tuple(labels), missing)
