"""The states of the letters conversation ("surat", drawn in bot/letters/surat.mmd)."""

from __future__ import annotations

from enum import IntEnum


class State(IntEnum):
    """Where a letter flow waits for typed text (the numbers are persisted)."""

    PART_TEXT = 0
    SOC_DATE = 1
    SOC_TIME = 2
    SOC_PLACE = 3
    SOC_AGENDA = 4
