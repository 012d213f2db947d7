"""The buttons of /paket, one typed payload per action (prefix ``pkt``).

These are menu buttons that live as long as a menu is looked at: a payload of an older
format, a year no longer open, a package or satuan kerja that is gone gets the stale-button
refusal. Buttons acting on a year's packages carry that year, so an older message keeps acting
on the year it showed whatever the person opened since.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.ui.callbacks import ButtonData, check_prefixes


@dataclass(frozen=True)
class Menu(ButtonData):
    """Back to the package menu of the year chosen last."""

    PREFIX: ClassVar[str] = "pkt:menu"


@dataclass(frozen=True)
class SwitchYear(ButtonData):
    """The packages of another open year."""

    PREFIX: ClassVar[str] = "pkt:y"
    year: int


@dataclass(frozen=True)
class AskUpload(ButtonData):
    """Wait for a SIRUP export."""

    PREFIX: ClassVar[str] = "pkt:up"


@dataclass(frozen=True)
class ImportYear(ButtonData):
    """The year of an export that does not say one (or says several)."""

    PREFIX: ClassVar[str] = "pkt:yr"
    year: int


@dataclass(frozen=True)
class SaveImport(ButtonData):
    PREFIX: ClassVar[str] = "pkt:ok"


@dataclass(frozen=True)
class DiscardImport(ButtonData):
    PREFIX: ClassVar[str] = "pkt:no"


@dataclass(frozen=True)
class Unmatched(ButtonData):
    """The satuan kerja of a year not matched to a unit yet."""

    PREFIX: ClassVar[str] = "pkt:um"
    year: int


@dataclass(frozen=True)
class ChooseUnit(ButtonData):
    """One page of units for a satuan kerja (``satker``: its token, see ``satker_token``)."""

    PREFIX: ClassVar[str] = "pkt:un"
    satker: str
    page: int
    year: int


@dataclass(frozen=True)
class MatchUnit(ButtonData):
    """The satuan kerja is this unit, now and in every later import."""

    PREFIX: ClassVar[str] = "pkt:ua"
    satker: str
    unit_id: int
    year: int


@dataclass(frozen=True)
class Coverage(ButtonData):
    """Mapped / total packages per unit."""

    PREFIX: ClassVar[str] = "pkt:cov"
    year: int


@dataclass(frozen=True)
class UnitPackages(ButtonData):
    """One page of a unit's packages (an owner always sees their own unit's; None: a
    package of a satuan kerja not matched to a unit yet)."""

    PREFIX: ClassVar[str] = "pkt:u"
    unit_id: int | None
    page: int
    year: int


@dataclass(frozen=True)
class OpenPackage(ButtonData):
    """A package with one button per strategic area."""

    PREFIX: ClassVar[str] = "pkt:p"
    package_id: int


@dataclass(frozen=True)
class MapArea(ButtonData):
    """Map the package to the area."""

    PREFIX: ClassVar[str] = "pkt:a"
    package_id: int
    area_code: str


@dataclass(frozen=True)
class DownloadSheet(ButtonData):
    """The year's mapping sheet to fill in."""

    PREFIX: ClassVar[str] = "pkt:mx"
    year: int


@dataclass(frozen=True)
class UploadSheet(ButtonData):
    """Wait for a filled mapping sheet of the year."""

    PREFIX: ClassVar[str] = "pkt:mu"
    year: int


@dataclass(frozen=True)
class SaveSheet(ButtonData):
    PREFIX: ClassVar[str] = "pkt:sok"


@dataclass(frozen=True)
class DiscardSheet(ButtonData):
    PREFIX: ClassVar[str] = "pkt:sno"


ACTIONS: tuple[type[ButtonData], ...] = (
    Menu,
    SwitchYear,
    AskUpload,
    ImportYear,
    SaveImport,
    DiscardImport,
    Unmatched,
    ChooseUnit,
    MatchUnit,
    Coverage,
    UnitPackages,
    OpenPackage,
    MapArea,
    DownloadSheet,
    UploadSheet,
    SaveSheet,
    DiscardSheet,
)
check_prefixes(ACTIONS)
