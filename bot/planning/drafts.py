"""What /rencana keeps for a person between messages (typed drafts in user_data; the keys
are those of the untyped dicts before, so an old one is found and dropped with a word)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.ui.drafts import Draft


@dataclass
class PlanYear(Draft):
    """The year the person works on in /rencana: the one opened last."""

    KEY: ClassVar[str] = "rencana_tahun"
    year: int


@dataclass
class UploadFor(Draft):
    """The year the person pressed "Unggah" (or took the template) for, even when another
    year was opened since."""

    KEY: ClassVar[str] = "rencana_unggah_tahun"
    year: int


@dataclass
class PendingUpload(Draft):
    """A checked workbook held server-side until Simpan or Batal."""

    KEY: ClassVar[str] = "rencana_unggahan"
    year: int
    token: str
    file_name: str


@dataclass
class AttributeEdit(Draft):
    """The attribute whose new value is being typed."""

    KEY: ClassVar[str] = "rencana_ubah"
    year: int
    code: str
    attribute: str


@dataclass
class NewAction(Draft):
    """An action plan being typed in three steps."""

    KEY: ClassVar[str] = "rencana_aksi"
    year: int
    code: str
    activity: str = ""
    output: str = ""
