"""The performance plan and its approval (SOP steps 1-6). What the feature gives the application."""

from __future__ import annotations

from bot.feature import Feature
from bot.planning import handlers
from bot.planning.handlers import approval

FEATURE = Feature(
    name="planning",
    handlers=handlers.handlers,
    step_openers=handlers.STEP_OPENERS,
    approval_kinds=approval.APPROVAL_KINDS,
)
