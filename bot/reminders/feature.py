"""Reminders: /pengingat (the engine that plans and sends reminders runs as a job). What the
feature gives the application."""

from __future__ import annotations

from bot.feature import Feature
from bot.reminders import handlers

FEATURE = Feature(
    name="reminders",
    handlers=handlers.handlers,
)
