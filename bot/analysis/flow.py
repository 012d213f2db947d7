"""Where the /analisis conversation stands and what it remembers between messages (typed
drafts, ``bot.ui.drafts``). The diagram is ``analisis.mmd`` beside this module."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from typing import ClassVar

from bot.ui.drafts import Draft


class AnalysisStep(IntEnum):
    """The states of /analisis. Persistence stores the numbers: keep them."""

    TYPING = 0
    AWAIT_SHEET = 1
    CONFIRM_SHEET = 2


class Topic(StrEnum):
    """What the three questions are about."""

    ANALYSIS = "analysis"
    RECOMMENDATION = "recommendation"


QUESTIONS = 3


@dataclass
class Questions(Draft):
    """An analysis or a recommendation being written, one answer per message; ``previous``
    holds the analysis being edited (``-`` keeps an answer)."""

    KEY: ClassVar[str] = "analisis"
    VERSION: ClassVar[int] = 1

    year: int
    period_key: str
    code: str
    topic: str
    answers: list[str] = field(default_factory=list)
    previous: list[str] = field(default_factory=list)

    @property
    def index(self) -> int:
        return len(self.answers)

    def previous_answer(self) -> str:
        return self.previous[self.index] if self.index < len(self.previous) else ""


@dataclass
class SheetUpload(Draft):
    """The period a lembar analisis is expected for; ``token`` names the checked upload
    held until the team member stores or discards it."""

    KEY: ClassVar[str] = "analisis_berkas"
    VERSION: ClassVar[int] = 1

    year: int
    period_key: str
    token: str = ""
