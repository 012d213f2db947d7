"""Text written into a generated workbook stays text: never a live formula.

openpyxl turns any string that starts with ``=`` into a formula, and a spreadsheet program
takes text that starts with ``+ - @`` (or a tab or carriage return before them) for one when
the cell is edited. Plan attributes, SIRUP package names and codes, unit names, analysis text
and report constraints come from people and imports, so every workbook the bot writes puts a
value through :func:`text_cell` (or :func:`put`): a string is stored as a string, and one that
starts like a formula also gets Excel's quote prefix (shown as typed, edited as text).
Reading the workbook back gives the same string.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def looks_like_formula(value: object) -> bool:
    """True for text a spreadsheet could take for a formula or a DDE call."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def text_cell(cell: Any, value: object) -> Any:
    """Set ``cell`` to ``value``; a string is stored as text, never as a formula."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    return cell


def put(sheet: Any, row: int, column: int, value: object = None) -> Any:
    """The cell at ``row``/``column`` of ``sheet``, set through :func:`text_cell`."""
    return text_cell(sheet.cell(row=row, column=column), value)
