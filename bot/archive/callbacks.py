"""Button data of /arsip: the years, a year's steps, a step's kinds, a page of documents, a
document sent again (``ars:...``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.ui.callbacks import ButtonData


@dataclass(frozen=True)
class Years(ButtonData):
    """Back to the years that have documents."""

    PREFIX: ClassVar[str] = "ars:yrs"


@dataclass(frozen=True)
class PickYear(ButtonData):
    """A year: its steps with documents."""

    PREFIX: ClassVar[str] = "ars:yr"
    year: int


@dataclass(frozen=True)
class PickStep(ButtonData):
    """A step of a year (0: documents of no step): its kinds of documents."""

    PREFIX: ClassVar[str] = "ars:stp"
    year: int
    step: int


@dataclass(frozen=True)
class PickKind(ButtonData):
    """A kind of documents of a step: one page of them, newest first."""

    PREFIX: ClassVar[str] = "ars:knd"
    year: int
    step: int
    kind: str
    page: int


@dataclass(frozen=True)
class SendFile(ButtonData):
    """One document, sent into the chat again (``page``: the list to go back to)."""

    PREFIX: ClassVar[str] = "ars:doc"
    document_id: int
    page: int
