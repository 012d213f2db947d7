"""The one approval mechanism and acting heads. What the feature gives the application."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler

from bot.approvals import delegation, handlers
from bot.context import Context
from bot.feature import Feature


def _handlers() -> list[BaseHandler[Update, Context, Any]]:
    return [*handlers.handlers(), *delegation.handlers()]


FEATURE = Feature(
    name="approvals",
    handlers=_handlers,
)
