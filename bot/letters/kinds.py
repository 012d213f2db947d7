"""The letters of SOP steps 7-9, and every way their kind is spelled; their statuses.

``LetterKind``'s value is how a letter's kind is stored (``letter.kind``) and travels in
buttons (``ltr:go:edaran:2027``). The other spellings, several of them stored in rows that
must keep reading, are derived here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.sop.steps import StepId
from storage.letters import LetterStatus

__all__ = ["LetterKind", "LetterStatus"]


class LetterKind(StrEnum):
    """A letter of steps 7-9; the value is stored in ``letter.kind``."""

    CIRCULAR = "edaran"
    INVITATION = "undangan"
    REPORT = "laporan"

    @property
    def document(self) -> str:
        """The document kind: the wording file's name, the profile's ``[atas_nama]`` key and
        the base of the PDF's file name (``surat-edaran``)."""
        return _SPELLINGS[self].document

    @property
    def file_name(self) -> str:
        """The wording file under templates/ (``surat-edaran.toml``)."""
        return f"{self.document}.toml"

    @property
    def archive_kind(self) -> str:
        """The kind of the signed PDF in the archive and of its broadcast (``surat_edaran``)."""
        return _SPELLINGS[self].archive

    @property
    def approval_kind(self) -> str:
        """The kind of its signature request (``surat_edaran``; the report's is
        ``surat_laporan``)."""
        return f"surat_{self.value}"

    @property
    def step(self) -> StepId:
        """The SOP step the letter belongs to."""
        return _SPELLINGS[self].step

    @classmethod
    def of_approval(cls, approval_kind: str) -> LetterKind | None:
        """The kind whose signature requests are of ``approval_kind``, or None."""
        return next((kind for kind in cls if kind.approval_kind == approval_kind), None)


@dataclass(frozen=True)
class _Spelling:
    document: str
    archive: str
    step: StepId


_SPELLINGS = {
    LetterKind.CIRCULAR: _Spelling("surat-edaran", "surat_edaran", StepId.CIRCULAR),
    LetterKind.INVITATION: _Spelling(
        "surat-undangan", "surat_undangan", StepId.SOCIALISATION_INVITATION
    ),
    LetterKind.REPORT: _Spelling(
        "laporan-sosialisasi", "laporan_sosialisasi", StepId.SOCIALISATION
    ),
}
