"""The buttons of /analisis, one typed action each (prefix ``ana``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.ui.callbacks import ButtonData


@dataclass(frozen=True)
class ChooseYear(ButtonData):
    """The years to choose from (when several cycles are visible)."""

    PREFIX: ClassVar[str] = "ana:ys"


@dataclass(frozen=True)
class ChoosePeriod(ButtonData):
    """The ended periods of a year."""

    PREFIX: ClassVar[str] = "ana:y"
    year: int


@dataclass(frozen=True)
class ChooseIndicator(ButtonData):
    """The indicators of a period, one page of them."""

    PREFIX: ClassVar[str] = "ana:p"
    year: int
    period_key: str
    page: int = 1


@dataclass(frozen=True)
class IndicatorAction(ButtonData):
    """Base of the actions on one indicator's card (never sent itself)."""

    PREFIX: ClassVar[str] = "ana:base"
    year: int
    period_key: str
    code: str


@dataclass(frozen=True)
class ShowCard(IndicatorAction):
    PREFIX: ClassVar[str] = "ana:i"


@dataclass(frozen=True)
class WriteAnalysis(IndicatorAction):
    PREFIX: ClassVar[str] = "ana:w"


@dataclass(frozen=True)
class AddRecommendation(IndicatorAction):
    PREFIX: ClassVar[str] = "ana:r"


@dataclass(frozen=True)
class RemoveMenu(IndicatorAction):
    PREFIX: ClassVar[str] = "ana:d"


@dataclass(frozen=True)
class RemoveRecommendation(ButtonData):
    PREFIX: ClassVar[str] = "ana:x"
    year: int
    period_key: str
    code: str
    recommendation_id: int


@dataclass(frozen=True)
class DownloadSheet(ButtonData):
    """Unduh lembar analisis of a period."""

    PREFIX: ClassVar[str] = "ana:u"
    year: int
    period_key: str


@dataclass(frozen=True)
class UploadSheet(ButtonData):
    """Wait for a filled lembar analisis of a period."""

    PREFIX: ClassVar[str] = "ana:k"
    year: int
    period_key: str


@dataclass(frozen=True)
class SaveSheet(ButtonData):
    PREFIX: ClassVar[str] = "ana:s"


@dataclass(frozen=True)
class DiscardSheet(ButtonData):
    PREFIX: ClassVar[str] = "ana:n"
