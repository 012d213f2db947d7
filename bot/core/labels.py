"""Button labels that fit a phone: never cut mid-word, units by their short name.

A button that spans a row shows about 36 characters on a 360 dp phone screen before
Telegram cuts it itself; a label longer than that is shortened here, at a word boundary
with an ellipsis, so nobody reads "… Sumber Daya Man".
"""

from __future__ import annotations

import re

BUTTON_ROOM = 36
ELLIPSIS = "…"


def fit(text: str, room: int = BUTTON_ROOM) -> str:
    """``text`` when it fits in ``room`` characters, else its first whole words and "…"."""
    text = " ".join(text.split())
    if len(text) <= room:
        return text
    cut = text[: max(room - len(ELLIPSIS), 1) + 1]
    if " " in cut.strip():
        cut = cut[: cut.rstrip().rfind(" ")]
    else:
        # One word longer than the room: there is no boundary to cut at.
        cut = cut[: max(room - len(ELLIPSIS), 1)]
    return cut.rstrip(" ,;:-–—·(") + ELLIPSIS


def unit_label(name: str, short_name: str = "", room: int = BUTTON_ROOM) -> str:
    """A unit on a button: its full name when it fits in ``room``, else its short name
    (the profile's ``singkatan``), else its name shortened at a word boundary."""
    name = " ".join(name.split())
    if len(name) <= room:
        return name
    short = " ".join(short_name.split())
    if short and len(short) <= room:
        return short
    return fit(name, room)


def room_left(template: str, room: int = BUTTON_ROOM) -> int:
    """Characters left for the value of a one-placeholder template such as "Undang PJ {unit}"."""
    return max(room - len(re.sub(r"\{[^{}]*\}", "", template)), 8)


def megabytes(size: int) -> str:
    """A file size as people read it: ``5,0 MB`` (MiB, Indonesian decimal comma)."""
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")
