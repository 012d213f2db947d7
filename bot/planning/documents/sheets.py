"""What the plan's workbooks share: the date format and how a sheet is protected."""

from __future__ import annotations

from typing import Any

DATE_FORMAT = "DD/MM/YYYY"


def protect(sheet: Any, *, sorting: bool = False) -> None:
    """Lock the sheet without a password (a guard against slips, not a security measure):
    unlocked cells stay editable, and people may resize, insert and delete rows (and sort
    and filter when ``sorting``)."""
    protection = sheet.protection
    protection.sheet = True
    # In a sheet protection, False means "allowed".
    protection.formatColumns = False
    protection.formatRows = False
    protection.insertRows = False
    protection.deleteRows = False
    if sorting:
        protection.sort = False
        protection.autoFilter = False
