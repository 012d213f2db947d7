"""The results documents as plain functions (no Telegram, no storage): the Laporan
Pencapaian Kinerja PDF (``report``), its workbook (``workbook``), the presentation deck
(``deck``) and the final indicator-status report (``status``), all made from a
``bot.results.model.Compilation`` and plain analysis and recommendation data."""

from __future__ import annotations

from bot.performance.documents.content import (
    Analysis,
    AreaChart,
    Period,
    Recommendation,
    ReportInput,
    Signing,
)
from bot.performance.documents.deck import deck_pdf
from bot.performance.documents.report import report_pdf
from bot.performance.documents.status import ClosureNote, StatusInput, status_pdf
from bot.performance.documents.workbook import report_workbook

__all__ = [
    "Analysis",
    "AreaChart",
    "ClosureNote",
    "Period",
    "Recommendation",
    "ReportInput",
    "Signing",
    "StatusInput",
    "deck_pdf",
    "report_pdf",
    "report_workbook",
    "status_pdf",
]
