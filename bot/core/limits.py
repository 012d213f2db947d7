"""How long a typed text may be, the same on every route (typed in the chat or a workbook
cell), and the reason given for a longer one."""

from __future__ import annotations

# Plan attributes of an indicator (``bot.planning.rules.editing`` ATTRIBUTES fields).
INDICATOR_TEXT = {
    "name": 300,
    "data_source": 300,
    "pic_unit": 300,
    "definition": 1000,
    "evidence": 1000,
    "formula": 500,
}
# A report: an action plan's progress note (and its constraint), the constraints.
REPORT_NOTE = 500
REPORT_CONSTRAINTS = 2000


def length_problem(text: str, limit: int) -> tuple[str, str] | None:
    """(message, hint) when ``text`` is longer than ``limit`` characters, else None."""
    if len(text) <= limit:
        return None
    return (
        f"isian terlalu panjang ({len(text):,} karakter)".replace(",", "."),
        f"paling banyak {limit:,} karakter; ringkas isiannya".replace(",", "."),
    )
