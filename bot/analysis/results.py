"""An indicator's compiled result (SOP step 13, ``bot.results.model``) as /analisis shows it:
on the card and in the read-only columns of the lembar analisis. Missing data is said to be
missing, with the units that have not reported, never shown as zero."""

from __future__ import annotations

from dataclasses import dataclass

from bot import texts as app_texts
from bot.analysis import texts
from bot.results.model import Compilation, PeriodResult
from bot.results.render import amount as shown_amount
from bot.results.render import percent as shown_percent

MAX_UNITS_SHOWN = 5


def amount(value: float | None, unit: str) -> str:
    """A realisation or target as /capaian shows it; ``-`` when missing."""
    return texts.RESULT_NONE if value is None else shown_amount(value, unit)


def percent(value: float | None) -> str:
    return texts.RESULT_NONE if value is None else shown_percent(value)


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


def period_result(found: Compilation | None, code: str, period_key: str) -> PeriodResult | None:
    """The compiled result of one indicator in one period, when compiled."""
    indicator = None if found is None else found.indicator(code)
    return None if indicator is None else indicator.period(period_key)
