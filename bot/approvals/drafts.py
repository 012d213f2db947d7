"""What a decider typed so far: the decision waiting for its comment, the acting head being
named (kept in user_data)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.ui.drafts import Draft


@dataclass
class CommentDraft(Draft):
    """A decision that needs a comment, waiting for it."""

    KEY: ClassVar[str] = "persetujuan_komentar"
    VERSION: ClassVar[int] = 1
    request_id: int
    option: str


@dataclass
class ActingDraft(Draft):
    """The person and title chosen in /plh, waiting for the dates."""

    KEY: ClassVar[str] = "plh"
    VERSION: ClassVar[int] = 1
    user_id: int
    title: str
