"""The buttons of /rapat, one typed action each (see ``bot.ui.callbacks``). The head's
decision buttons are the approval mechanism's (``apr:``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.ui.callbacks import ButtonData


@dataclass(frozen=True)
class ChooseYear(ButtonData):
    """A year's ended periods (a page of them)."""

    PREFIX: ClassVar[str] = "rpt:yr"
    year: int
    page: int


@dataclass(frozen=True)
class ChoosePeriod(ButtonData):
    """What a meeting about the period would decide; the notes are asked for."""

    PREFIX: ClassVar[str] = "rpt:per"
    year: int
    period_key: str


@dataclass(frozen=True)
class OpenMeeting(ButtonData):
    """Record the meeting and send its first item to the head."""

    PREFIX: ClassVar[str] = "rpt:open"
    year: int
    period_key: str


@dataclass(frozen=True)
class ResendItem(ButtonData):
    """Send the item waiting for the head again (a new request; the older one goes stale)."""

    PREFIX: ClassVar[str] = "rpt:ask"
    meeting_id: int
