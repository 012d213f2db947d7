"""The buttons of letters (prefix ``ltr``).

``ltr:go:<kind>:<year>`` opens the year's letter from other features' notices (planning's
"Buat Surat Edaran" after the plan is approved) and sits in chats for days; ``ltr:new`` too
(a "Buat draf" pressed later explains what comes first). Their wire format stays as it
was, as do the card's own buttons (``ltr:card:5``, ``ltr:sec:5:d2`` ...).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.letters.kinds import LetterKind
from bot.ui.callbacks import ButtonData


@dataclass(frozen=True)
class GoToLetter(ButtonData):
    """Open the letter of ``kind`` of ``year`` (or what has to happen first)."""

    PREFIX: ClassVar[str] = "ltr:go"
    kind: LetterKind
    year: int


@dataclass(frozen=True)
class NewLetter(ButtonData):
    """ "Buat draf": draft the letter of ``kind`` of ``year``."""

    PREFIX: ClassVar[str] = "ltr:new"
    kind: LetterKind
    year: int


@dataclass(frozen=True)
class ShowCard(ButtonData):
    """The letter's card (refreshed)."""

    PREFIX: ClassVar[str] = "ltr:card"
    letter_id: int


@dataclass(frozen=True)
class Preview(ButtonData):
    """The letter's PDF: the draft's preview, or the signed letter as archived."""

    PREFIX: ClassVar[str] = "ltr:pdf"
    letter_id: int


@dataclass(frozen=True)
class ChoosePart(ButtonData):
    """ "Ganti paragraf": the parts of the draft, to choose one."""

    PREFIX: ClassVar[str] = "ltr:ed"
    letter_id: int


@dataclass(frozen=True)
class EditPart(ButtonData):
    """Replace the part ``part`` (its key: ``tentang``, ``s0``, ``d2`` ...) of the draft."""

    PREFIX: ClassVar[str] = "ltr:sec"
    letter_id: int
    part: str


@dataclass(frozen=True)
class Submit(ButtonData):
    """ "Ajukan tanda tangan": send the draft to the head."""

    PREFIX: ClassVar[str] = "ltr:sub"
    letter_id: int


@dataclass(frozen=True)
class OpenReport(ButtonData):
    """The socialisation report of a signed invitation (drafted when there is none)."""

    PREFIX: ClassVar[str] = "ltr:rep"
    letter_id: int
