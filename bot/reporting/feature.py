"""Periodic reporting (SOP steps 11-12). What the feature gives the application."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler

from bot.context import Context
from bot.feature import Feature
from bot.reporting import handlers


def _handlers() -> list[BaseHandler[Update, Context, Any]]:
    return [*handlers.handlers()]


FEATURE = Feature(
    name="reporting",
    handlers=_handlers,
    step_openers={**handlers.STEP_OPENERS},
)
