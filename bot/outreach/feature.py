"""Outreach of SOP steps 7-9. What the feature gives the application."""

from __future__ import annotations

from bot.feature import Feature
from bot.outreach import handlers

FEATURE = Feature(name="outreach", handlers=handlers.handlers)
