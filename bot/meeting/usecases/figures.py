"""The indicators' results in a meeting's period (SOP step 13), for the head's requests."""

from __future__ import annotations

from bot.meeting.usecases.views import Figures
from bot.services import Services


def of_period(svc: Services, *, year: int, period_key: str) -> dict[str, Figures]:
    """Each indicator's figures in the period, by code (none while nothing is compiled)."""
    return {}
