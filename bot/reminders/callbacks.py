"""Button data of /pengingat (``rem:m...``; the engine's snooze button is ``rem:s...``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.reminders.model import ReminderKind
from bot.ui.callbacks import ButtonData


@dataclass(frozen=True)
class MuteKind(ButtonData):
    """Mute (``muted`` true) or unmute an optional kind of reminder for the person pressing."""

    PREFIX: ClassVar[str] = "rem:mute"
    kind: ReminderKind
    muted: bool
