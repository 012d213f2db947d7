"""The indicators' results in a meeting's period (SOP step 13, ``bot.results``), for the
head's requests: realisation, target, achievement and band, or which units are missing."""

from __future__ import annotations

from bot.meeting.usecases.views import Figures
from bot.results.usecases import compilation
from bot.services import Services


def of_period(svc: Services, *, year: int, period_key: str) -> dict[str, Figures]:
    """Each indicator's figures in the period, by code (none without a compilation)."""
    compiled = compilation(svc, year)
    if compiled is None:
        return {}
    found = {}
    for indicator in compiled.indicators:
        period = indicator.period(period_key)
        if period is None:
            continue
        found[indicator.code] = Figures(
            unit=indicator.unit,
            target=period.target,
            realisation=period.realisation,
            achievement=period.achievement,
            band=period.band,
            missing_units=period.missing_units,
            reason=period.reason,
        )
    return found
