"""The document archive (/arsip). What the feature gives the application."""

from __future__ import annotations

from bot.archive import handlers
from bot.feature import Feature

FEATURE = Feature(name="archive", handlers=handlers.handlers)
