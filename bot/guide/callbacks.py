"""Button data of the SOP guide: a step of a cycle (``step:<year>:<number>``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.ui.callbacks import ButtonData


@dataclass(frozen=True)
class OpenStep(ButtonData):
    """A step button under /tugas: that step of that year's cycle."""

    PREFIX: ClassVar[str] = "step"
    year: int
    number: int
