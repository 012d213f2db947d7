"""What the team typed so far in a letter flow (kept in user_data across restarts)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.ui.drafts import Draft


@dataclass
class PartDraft(Draft):
    """The part of a draft letter whose new text is awaited."""

    KEY: ClassVar[str] = "surat_ubah"
    letter_id: int
    part: str


@dataclass
class InvitationDraft(Draft):
    """The socialisation's date, time and place, answered so far (the agenda comes last)."""

    KEY: ClassVar[str] = "sosialisasi_baru"
    year: int
    day: str = ""  # ISO date
    time: str = ""  # "09.00"
    place: str = ""
