"""The buttons of /laporan (prefix ``lap``): the year, the kind of report, the period, and
submitting a made report for the head's signature."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.performance.kinds import ReportChoice
from bot.ui.callbacks import ButtonData


@dataclass(frozen=True)
class PickYear(ButtonData):
    """The reports of ``year``: which kind."""

    PREFIX: ClassVar[str] = "lap:y"
    year: int


@dataclass(frozen=True)
class PickKind(ButtonData):
    """The ended periods of a kind of report of ``year``."""

    PREFIX: ClassVar[str] = "lap:k"
    year: int
    choice: ReportChoice


@dataclass(frozen=True)
class PickPeriod(ButtonData):
    """A period: the team makes its report, the head reads the signed one."""

    PREFIX: ClassVar[str] = "lap:p"
    year: int
    choice: ReportChoice
    number: int


@dataclass(frozen=True)
class Submit(ButtonData):
    """ "Ajukan untuk ditandatangani": the made report goes to the head."""

    PREFIX: ClassVar[str] = "lap:sub"
    report_id: int
