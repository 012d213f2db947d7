"""The performance data template (Template Data Kinerja) PJ Kinerja fill in every period.

SOP step 11: each performance owner (PJ Kinerja) enters process and action data of the
unit's procurement packages; step 12 sends it back. The workbook is made from the approved
plan and read back by the reporting feature, so its layout is fixed and versioned: see
docs/formats/template-data-kinerja-xlsx.md.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook

from bot.planning.documents.data_template.guide import write_guide
from bot.planning.documents.data_template.layout import (
    ACTION_COLUMNS,
    DATA_TEMPLATE_VERSION,
    FIRST_DATA_ROW,
    ISSUE_COLUMNS,
    KEY_ROW,
    PACKAGE_COLUMNS_AFTER,
    PACKAGE_COLUMNS_BEFORE,
    PERIOD_CELL,
    SHEET_ACTIONS,
    SHEET_GUIDE,
    SHEET_ISSUES,
    SHEET_PACKAGES,
    UNIT_CELL,
    VERSION_CELL,
    YEAR_CELL,
    PackageRow,
    data_template_columns,
)
from bot.planning.documents.data_template.sheets import action_sheet, issue_sheet, package_sheet
from bot.planning.rules.model import Plan

__all__ = [
    "ACTION_COLUMNS",
    "DATA_TEMPLATE_VERSION",
    "FIRST_DATA_ROW",
    "ISSUE_COLUMNS",
    "KEY_ROW",
    "PACKAGE_COLUMNS_AFTER",
    "PACKAGE_COLUMNS_BEFORE",
    "PERIOD_CELL",
    "SHEET_ACTIONS",
    "SHEET_GUIDE",
    "SHEET_ISSUES",
    "SHEET_PACKAGES",
    "UNIT_CELL",
    "VERSION_CELL",
    "YEAR_CELL",
    "PackageRow",
    "data_template_columns",
    "performance_data_template",
]


def performance_data_template(
    plan: Plan,
    *,
    unit_name: str | None,
    period_label: str | None = None,
    packages: Sequence[PackageRow] = (),
) -> bytes:
    """The data template workbook (.xlsx bytes) for one unit and period of ``plan``."""
    columns = data_template_columns(plan)
    workbook = Workbook()
    guide = workbook.active
    guide.title = SHEET_GUIDE
    area_range = write_guide(guide, plan, unit_name, period_label, columns)
    package_sheet(workbook.create_sheet(SHEET_PACKAGES), plan, packages, columns, area_range)
    action_sheet(workbook.create_sheet(SHEET_ACTIONS), plan)
    issue_sheet(workbook.create_sheet(SHEET_ISSUES))
    workbook.active = 0
    properties = workbook.properties
    properties.title = f"Template Data Kinerja {plan.year}"
    properties.creator = "Kinerja PBJ Bot"
    properties.keywords = DATA_TEMPLATE_VERSION
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
