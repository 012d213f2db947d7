"""Reporting periods of a year and the default period targets of an indicator."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from bot.core.dates import MONTH_NAMES
from bot.planning.rules.model import ADDITIVE_UNITS, Frequency

_ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class Period:
    """One reporting period: number from 1, label, first and last day."""

    number: int
    label: str
    start: date
    end: date


def periods(frequency: Frequency, year: int) -> tuple[Period, ...]:
    """The periods of ``year`` for a frequency (12 months, 4 quarters, 2 semesters, 1 year)."""
    count = frequency.periods_per_year
    months = 12 // count
    result = []
    for number in range(1, count + 1):
        first_month = (number - 1) * months + 1
        last_month = first_month + months - 1
        last_day = calendar.monthrange(year, last_month)[1]
        if frequency is Frequency.BULANAN:
            label = MONTH_NAMES[first_month - 1]
        elif frequency is Frequency.TRIWULANAN:
            label = f"Triwulan {_ROMAN[number - 1]}"
        elif frequency is Frequency.SEMESTER:
            label = f"Semester {_ROMAN[number - 1]}"
        else:
            label = "Tahunan"
        result.append(
            Period(number, label, date(year, first_month, 1), date(year, last_month, last_day))
        )
    return tuple(result)


def period_label(frequency: Frequency, number: int) -> str:
    return periods(frequency, 2000)[number - 1].label


def default_period_targets(annual: float, unit: str, frequency: Frequency) -> tuple[float, ...]:
    """Targets per period derived from the annual one.

    Amounts that add up over the year (Rupiah, counts) grow cumulatively to the annual
    target; ratios and averages (%, days, index) have the annual target in every period.
    """
    count = frequency.periods_per_year
    if unit in ADDITIVE_UNITS:
        return tuple(round(annual * n / count, 2) for n in range(1, count + 1))
    return tuple(annual for _ in range(count))
