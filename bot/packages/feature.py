"""Procurement packages (SOP step 10). What the feature gives the application."""

from __future__ import annotations

from bot.feature import Feature
from bot.packages import handlers

FEATURE = Feature(name="packages", handlers=handlers.handlers, step_openers=handlers.STEP_OPENERS)
