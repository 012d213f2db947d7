"""The buttons of reminders, one typed action each (see ``bot.ui.callbacks``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.ui.callbacks import ButtonData


@dataclass(frozen=True)
class SnoozeReminder(ButtonData):
    """Ingatkan besok: the reminder once more, the next working morning."""

    PREFIX: ClassVar[str] = "rem:snz"
    reminder_id: int


REMINDER_BUTTONS: tuple[type[ButtonData], ...] = (SnoozeReminder,)
