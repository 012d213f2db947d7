"""What a person typed so far in an outreach flow (kept in user_data across restarts)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.ui.drafts import Draft


@dataclass
class RsvpDraft(Draft):
    """An owner's answer to the invitation, waiting for the representative's name or the
    reason for not coming."""

    KEY: ClassVar[str] = "rsvp_catatan"
    item_id: int
    answer: str  # an RsvpAnswer value


@dataclass
class MediaDraft(Draft):
    """Photos and notes of a socialisation being sent: how many so far, and the album the
    last photo came in (an album is acknowledged once)."""

    KEY: ClassVar[str] = "sosialisasi_media"
    letter_id: int
    photos: int = 0
    notes: int = 0
    album: str = ""
