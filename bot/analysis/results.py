"""An indicator's compiled result (SOP step 13, ``bot.results.model``) as /analisis shows it:
on the card and in the read-only columns of the lembar analisis. Missing data is said to be
missing, with the units that have not reported, never shown as zero."""

from __future__ import annotations

from dataclasses import dataclass

from bot import texts as app_texts
from bot.analysis import texts
from bot.core.dates import format_rupiah
from bot.planning.rules.values import format_number
from bot.results.model import PeriodResult

MAX_UNITS_SHOWN = 5


def amount(value: float | None, unit: str) -> str:
    """``40 hari``, ``85,5%``, ``Rp 1.250.000``; ``-`` when missing."""
    if value is None:
        return texts.RESULT_NONE
    rounded = round(value, 2)
    if unit.strip().lower() in ("rp", "rupiah"):
        return format_rupiah(rounded)
    if unit.strip() == "%":
        return f"{format_number(rounded)}%"
    return f"{format_number(rounded)} {unit}".strip()


def percent(value: float | None) -> str:
    return texts.RESULT_NONE if value is None else f"{format_number(round(value, 1))}%"


@dataclass(frozen=True)
class ResultCells:
    """The four read-only cells of an indicator in the lembar analisis."""

    realisation: str
    target: str
    achievement: str
    band: str


def cells(result: PeriodResult | None, unit: str) -> ResultCells:
    if result is None:
        return ResultCells("", "", "", "")
    return ResultCells(
        "" if result.realisation is None else amount(result.realisation, unit),
        "" if result.target is None else amount(result.target, unit),
        "" if result.achievement is None else percent(result.achievement),
        result.band or "",
    )


def _units(names: tuple[str, ...]) -> str:
    shown = ", ".join(app_texts.esc(name) for name in names[:MAX_UNITS_SHOWN])
    more = len(names) - MAX_UNITS_SHOWN
    return shown + (texts.RESULT_MORE_UNITS.format(count=more) if more > 0 else "")


def card_lines(result: PeriodResult | None, unit: str) -> str:
    """The result block of the card (HTML)."""
    if result is None:
        return texts.CARD_NO_RESULT
    if result.realisation is None:
        text = texts.RESULT_MISSING.format(target=amount(result.target, unit))
        if result.reason:
            text += texts.RESULT_REASON.format(reason=app_texts.esc(result.reason))
    else:
        text = texts.RESULT.format(
            realisation=amount(result.realisation, unit),
            target=amount(result.target, unit),
            achievement=percent(result.achievement),
            band=texts.RESULT_BAND.format(band=result.band) if result.band else "",
        )
    if result.missing_units:
        text += texts.RESULT_MISSING_UNITS.format(units=_units(result.missing_units))
    return text
