"""The plan as an Excel workbook: the template people download, fill in and send back.

``plan_workbook`` writes a plan as an .xlsx; ``read_plan_workbook`` reads such a file back
and returns the plan or every problem found. The format (sheets, columns, rules) is
described in docs/formats/rencana-kinerja-xlsx.md.
"""

from __future__ import annotations

from bot.core.xlsx_guard import FILE_SHEET
from bot.planning.documents.workbook.layout import (
    MAX_CELLS_PER_SHEET,
    MAX_ROWS,
    MAX_UNCOMPRESSED_BYTES,
    MAX_WORKBOOK_BYTES,
    MAX_ZIP_ENTRIES,
    SHEET_GUIDE,
    TEMPLATE_VERSION,
    VERSION_LABEL,
    YEAR_LABEL,
)
from bot.planning.documents.workbook.reading import read_plan_workbook
from bot.planning.documents.workbook.writing import plan_workbook

__all__ = [
    "FILE_SHEET",
    "MAX_CELLS_PER_SHEET",
    "MAX_ROWS",
    "MAX_UNCOMPRESSED_BYTES",
    "MAX_WORKBOOK_BYTES",
    "MAX_ZIP_ENTRIES",
    "SHEET_GUIDE",
    "TEMPLATE_VERSION",
    "VERSION_LABEL",
    "YEAR_LABEL",
    "plan_workbook",
    "read_plan_workbook",
]
