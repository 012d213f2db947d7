"""The decision meeting with the head (SOP step 17). What the feature gives the application."""

from __future__ import annotations

from bot.feature import Feature
from bot.meeting import handlers
from bot.meeting.handlers.decision import APPROVAL_KINDS
from bot.meeting.handlers.menu import open_step

FEATURE = Feature(
    name="meeting",
    handlers=handlers.handlers,
    # The step table's feature of step 17.
    step_openers={"rapat": open_step},
    approval_kinds=APPROVAL_KINDS,
)
