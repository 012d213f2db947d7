"""What the team typed so far for a meeting: the period chosen and the notes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.ui.drafts import Draft


@dataclass
class MeetingDraft(Draft):
    """A meeting about to be opened."""

    KEY: ClassVar[str] = "rapat"
    VERSION: ClassVar[int] = 1
    year: int
    period_key: str
    notes: str = ""
