"""Numbers as an Indonesian report prints them: decimal comma, dots between thousands,
``Rp 1.250.000``, ``85,3%``; missing data said in words, never as zero."""

from __future__ import annotations

from bot.core.dates import format_rupiah

MISSING = "belum ada data"
NO_TARGET = "-"


def number(value: float, *, decimals: int = 2) -> str:
    """``1.250``, ``60,5``, ``0,25``: at most ``decimals`` decimals, trailing zeros dropped."""
    text = f"{abs(value):,.{decimals}f}"
    whole, _, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    shown = whole.replace(",", ".") + ("," + fraction if fraction else "")
    return f"-{shown}" if value < 0 and shown.strip("0.,") else shown


def value(amount: float | None, unit: str) -> str:
    """A target or realisation in its unit: ``Rp 1.250.000``, ``85,5%``, ``12 hari``."""
    if amount is None:
        return NO_TARGET
    if unit == "Rp":
        return format_rupiah(amount)
    if unit == "%":
        return f"{number(amount)}%"
    if unit == "hari":
        return f"{number(amount)} hari"
    return number(amount)


def percent(amount: float | None) -> str:
    """An achievement: ``92,4%``; ``-`` when there is none."""
    return NO_TARGET if amount is None else f"{number(amount, decimals=1)}%"


def change(amount: float | None, unit: str) -> str:
    """A change against the previous period: ``naik 2,5%``, ``turun Rp 100``, ``tetap``."""
    if amount is None:
        return NO_TARGET
    if abs(amount) < 0.005:
        return "tetap"
    word = "naik" if amount > 0 else "turun"
    return f"{word} {value(abs(amount), unit)}"


def units_missing(names: tuple[str, ...], *, room: int = 3) -> str:
    """``Dinas A, Dinas B dan 3 unit lain``: the units that have not reported."""
    if not names:
        return ""
    shown = list(names[:room])
    rest = len(names) - len(shown)
    if rest > 0:
        return f"{', '.join(shown)} dan {rest} unit lain"
    if len(shown) == 1:
        return shown[0]
    return f"{', '.join(shown[:-1])} dan {shown[-1]}"
