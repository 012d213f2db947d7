"""The Laporan Pencapaian Kinerja, its deck and the final indicator-status report (SOP steps
15-17). What the feature gives the application."""

from __future__ import annotations

from bot.feature import Feature
from bot.performance import handlers
from bot.performance.handlers.choosing import open_step
from bot.performance.handlers.signing import APPROVAL_KINDS

FEATURE = Feature(
    name="performance",
    handlers=handlers.handlers,
    # The step table's feature of steps 15 and 16.
    step_openers={"laporan": open_step},
    approval_kinds=APPROVAL_KINDS,
)
