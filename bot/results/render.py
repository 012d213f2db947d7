"""Results as people read them (chat, charts, documents): numbers with a decimal comma and
their unit, the period an overview shows. Plain functions, no Telegram."""

from __future__ import annotations

from datetime import date

from bot.core.dates import format_rupiah
from bot.results.model import IndicatorResult, PeriodResult


def decimal(value: float, places: int = 1) -> str:
    """``87,5``, ``1.250``: thousands with a dot, ``places`` decimals with a comma, trailing
    zeros dropped."""
    text = f"{value:,.{places}f}"
    whole, _, fraction = text.partition(".")
    whole = whole.replace(",", ".")
    fraction = fraction.rstrip("0")
    return f"{whole},{fraction}" if fraction else whole


def percent(value: float) -> str:
    """An achievement: ``87,5%``, ``100%``."""
    return f"{decimal(value)}%"


def amount(value: float, unit: str) -> str:
    """A realisation or target in its unit: ``70%``, ``40 hari``, ``Rp 550.000``, ``3``."""
    if unit == "Rp":
        return format_rupiah(value)
    if unit == "%":
        return f"{decimal(value, 2)}%"
    if unit in ("", "jumlah"):
        return decimal(value, 2)
    return f"{decimal(value, 2)} {unit}"


def short_amount(value: float, unit: str) -> str:
    """Shorter for chart labels: Rupiah as ``Rp 1,3 M`` / ``Rp 750 jt``; others as ``amount``."""
    if unit != "Rp":
        return amount(value, unit)
    for size, name in ((1e12, "T"), (1e9, "M"), (1e6, "jt")):
        if abs(value) >= size:
            return f"Rp {decimal(value / size, 2)} {name}"
    return format_rupiah(value)


_SHORT = {"Triwulan": "Tw", "Semester": "Smt"}


def short_label(label: str) -> str:
    """A period label for a chart axis: ``Tw I``, ``Smt II``, ``Jan``, ``Tahunan``."""
    first, _, rest = label.partition(" ")
    if first in _SHORT:
        return f"{_SHORT[first]} {rest}"
    return label if label == "Tahunan" or " " in label else label[:3]


def shown_period(indicator: IndicatorResult, on: date) -> PeriodResult | None:
    """The period an overview shows for the indicator on day ``on``: the newest that has a
    value or has ended (an ended period without data is shown as missing), else None."""
    candidates = [p for p in indicator.periods if not p.is_missing or p.period_end < on]
    return candidates[-1] if candidates else None
