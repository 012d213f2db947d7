"""The performance plan and its approval (SOP steps 1-6). What the feature gives the application."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler

from bot.context import Context
from bot.feature import Feature
from bot.planning import approval, handlers


def _handlers() -> list[BaseHandler[Update, Context, Any]]:
    return [*handlers.handlers(), *approval.handlers()]


FEATURE = Feature(
    name="planning",
    handlers=_handlers,
    step_openers={**handlers.STEP_OPENERS, **approval.STEP_OPENERS},
    approval_kinds={**approval.APPROVAL_KINDS},
)
