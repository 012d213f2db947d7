"""Button data of reminders: /pengingat (``rem:mute``) and Ingatkan besok (``rem:snz``)."""

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


@dataclass(frozen=True)
class SnoozeReminder(ButtonData):
    """Ingatkan besok: the reminder once more, the next working morning."""

    PREFIX: ClassVar[str] = "rem:snz"
    reminder_id: int
