"""The long-lived services one application uses, built once and shared by every handler."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from bot.core.clock import Clock
from bot.core.profile import OrgProfile
from bot.settings import Settings
from bot.sop.steps import Step
from storage.db import Database


@dataclass
class Services:
    """Settings, profile, database, clock and the SOP steps of one running bot."""

    settings: Settings
    profile: OrgProfile
    db: Database
    clock: Clock
    steps: tuple[Step, ...]
    archive_dir: Path

    def now(self) -> datetime:
        """The current instant (aware, UTC), from the injected clock."""
        return self.clock.now()

    def local_now(self) -> datetime:
        """The current instant in the profile's time zone (WIT by default)."""
        return self.clock.now().astimezone(self.profile.timezone)

    def today(self) -> date:
        return self.local_now().date()
