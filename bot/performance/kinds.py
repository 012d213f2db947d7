"""The reports /laporan makes, and every way their kind is spelled: the choice in the chat
(a frequency, or ``status``), the stored ``performance_report.kind``, the archive kinds of
their files and the kind of their signature request."""

from __future__ import annotations

from enum import StrEnum

from bot.planning.rules.model import Frequency
from bot.sop.steps import StepId
from storage.performance import ACHIEVEMENT, STATUS


class ReportChoice(StrEnum):
    """What the team picks in /laporan; the value travels in buttons."""

    BULANAN = "bulanan"
    TRIWULANAN = "triwulanan"
    SEMESTER = "semester"
    TAHUNAN = "tahunan"
    STATUS = "status"

    @property
    def is_status(self) -> bool:
        return self is ReportChoice.STATUS

    @property
    def stored_kind(self) -> str:
        """``performance_report.kind``: ``status`` or ``capaian``."""
        return STATUS if self.is_status else ACHIEVEMENT

    @property
    def frequency(self) -> Frequency:
        """The period kind (the status report covers the year)."""
        return Frequency.TAHUNAN if self.is_status else Frequency(self.value)

    @property
    def approval_kind(self) -> str:
        return STATUS_APPROVAL if self.is_status else REPORT_APPROVAL

    @classmethod
    def of(cls, stored_kind: str, frequency: str) -> ReportChoice:
        return cls.STATUS if stored_kind == STATUS else cls(frequency)


REPORT_APPROVAL = "laporan_kinerja"
STATUS_APPROVAL = "laporan_status_indikator"

# Archive kinds of the signed files and the SOP step each belongs to.
ARCHIVE_REPORT = ("laporan_kinerja", StepId.ACHIEVEMENT_REPORT)
ARCHIVE_WORKBOOK = ("laporan_kinerja_xlsx", StepId.ACHIEVEMENT_REPORT)
ARCHIVE_DECK = ("bahan_paparan", StepId.PRESENTATION)
ARCHIVE_STATUS = ("laporan_status_indikator", StepId.DECISION_MEETING)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
