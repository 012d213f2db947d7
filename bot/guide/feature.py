"""The SOP guide and /bantuan. What the feature gives the application."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler

from bot.context import Context
from bot.feature import Feature
from bot.guide import handlers, help


def _handlers() -> list[BaseHandler[Update, Context, Any]]:
    return [*handlers.handlers(), *help.handlers()]


FEATURE = Feature(
    name="guide",
    handlers=_handlers,
)
