"""The letters of SOP steps 7-9. What the feature gives the application."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler

from bot.context import Context
from bot.feature import Feature
from bot.letters import handlers


def _handlers() -> list[BaseHandler[Update, Context, Any]]:
    return [*handlers.handlers()]


FEATURE = Feature(
    name="letters",
    handlers=_handlers,
    step_openers={**handlers.STEP_OPENERS},
    approval_kinds={**handlers.APPROVAL_KINDS},
)
