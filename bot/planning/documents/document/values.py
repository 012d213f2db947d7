"""How the planning document prints values: numbers with their units, period labels,
targets per period, formulas and schedules."""

from __future__ import annotations

from bot.core.dates import format_date, format_rupiah
from bot.planning.rules.model import ActionPlan, Frequency, Indicator
from bot.planning.rules.periods import period_label
from bot.planning.rules.values import format_number

_EVERY_PERIOD = {
    Frequency.BULANAN: "setiap bulan",
    Frequency.TRIWULANAN: "setiap triwulan",
    Frequency.SEMESTER: "setiap semester",
}


def bare(value: float | None, unit: str) -> str:
    """A value without its unit, for tables with a unit column (whole Rupiah)."""
    if value is not None and unit == "Rp":
        value = round(value)
    return format_number(value)


def with_unit(value: float | None, unit: str) -> str:
    """``45 hari``, ``60%``, ``Rp 1.250.000``, ``82`` (empty when there is no value)."""
    if value is None:
        return ""
    if unit == "Rp":
        return format_rupiah(value)
    text = format_number(value)
    if unit == "%":
        return f"{text}%"
    if unit == "hari":
        return f"{text} hari"
    return text


def period_name(frequency: Frequency | None, number: int) -> str:
    if frequency is not None and 1 <= number <= frequency.periods_per_year:
        return period_label(frequency, number)
    return f"Periode {number}"


def short_label(label: str) -> str:
    """``TW I``, ``Smt II``, ``Jan``: period labels for the compact table."""
    if label.startswith("Triwulan "):
        return "TW " + label.removeprefix("Triwulan ")
    if label.startswith("Semester "):
        return "Smt " + label.removeprefix("Semester ")
    if label.startswith("Periode ") or label == "Tahunan":
        return label
    return label[:3]


def period_targets_full(indicator: Indicator) -> str:
    """One period a line; months (more than four periods) run on in one paragraph."""
    frequency = indicator.reporting_frequency
    parts = [
        f"{period_name(frequency, n)}: {with_unit(value, indicator.unit)}"
        for n, value in enumerate(indicator.period_targets, start=1)
    ]
    return ("; " if len(parts) > 4 else "\n").join(parts)


def period_targets_compact(indicator: Indicator) -> str:
    """``setiap triwulan: 45`` or one ``TW I: 25`` a line, for the baseline/target table."""
    targets = indicator.period_targets
    if not targets:
        return "-"
    frequency = indicator.reporting_frequency
    if len(targets) > 1 and len(set(targets)) == 1 and frequency in _EVERY_PERIOD:
        assert frequency is not None
        return f"{_EVERY_PERIOD[frequency]}: {bare(targets[0], indicator.unit)}"
    return "\n".join(
        f"{short_label(period_name(frequency, n))}: {bare(value, indicator.unit)}"
        for n, value in enumerate(targets, start=1)
    )


def formula_text(formula: str) -> str:
    return " ".join(formula.replace("*", " × ").split())


def schedule(action: ActionPlan) -> str:
    start = format_date(action.start, with_weekday=False) if action.start else ""
    end = format_date(action.end, with_weekday=False) if action.end else ""
    if start and end:
        return f"{start} –\n{end}"
    if start:
        return f"mulai {start}"
    if end:
        return f"s.d. {end}"
    return "-"
