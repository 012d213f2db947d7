"""Reminders. What the feature gives the application: the Ingatkan besok button (the job
that plans and sends reminders is started in ``bot.app``, see ``bot.reminders.job``)."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler

from bot.context import Context
from bot.feature import Feature
from bot.reminders import handlers
from bot.reminders.callbacks import SnoozeReminder
from bot.ui.buttons import press_handler


def _handlers() -> list[BaseHandler[Update, Context, Any]]:
    return [press_handler(SnoozeReminder, handlers.snooze_reminder)]


FEATURE = Feature(name="reminders", handlers=_handlers)
