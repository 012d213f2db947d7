"""What /paket keeps for a person between updates (user_data, via bot.ui.drafts)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from bot.ui.drafts import Draft


@dataclass
class ChosenYear(Draft):
    """The year whose packages /paket shows, as the person chose it last. A preference, not
    typed work: an unreadable one is forgotten without a word."""

    KEY: ClassVar[str] = "paket_tahun"
    VERSION: ClassVar[int] = 1
    year: int


@dataclass
class ImportDraft(Draft):
    """A SIRUP export waiting for Simpan: the held file and the year it goes into (None until
    the person chose one, for an export that does not say it)."""

    KEY: ClassVar[str] = "paket_unggahan"
    VERSION: ClassVar[int] = 1
    token: str
    file_name: str
    year: int | None = None


@dataclass
class SheetDraft(Draft):
    """The mapping sheet of ``year`` being sent back; ``changes`` (kode RUP -> area code,
    None: unmapped) once a valid sheet waits for Simpan, with the held file (``token``,
    its name) that is archived on Simpan."""

    KEY: ClassVar[str] = "paket_pemetaan"
    VERSION: ClassVar[int] = 2
    year: int
    changes: dict[str, str | None] = field(default_factory=dict)
    token: str = ""
    file_name: str = ""

    @classmethod
    def upgrade(cls, data: dict[str, Any], version: int) -> dict[str, Any] | None:
        """Version 1 held no file: its sheet is saved without an archived copy."""
        return {**data, "token": "", "file_name": ""}
