"""The buttons of /capaian, one typed action each (see ``bot.ui.callbacks``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.ui.callbacks import ButtonData


@dataclass(frozen=True)
class ShowResults(ButtonData):
    """A page of a year's results; ``chart`` sends the chart too (a year just chosen)."""

    PREFIX: ClassVar[str] = "cap:yr"
    year: int
    page: int
    chart: bool


@dataclass(frozen=True)
class ShowTrend(ButtonData):
    """The trend chart of one indicator of a year."""

    PREFIX: ClassVar[str] = "cap:tr"
    year: int
    code: str


@dataclass(frozen=True)
class ShowChart(ButtonData):
    """The achievement chart of the indicators on a page of a year's results."""

    PREFIX: ClassVar[str] = "cap:ch"
    year: int
    page: int
