"""The handlers of /laporan: the command, its buttons, and the head's decision on a report
(through the approval mechanism)."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.context import Context
from bot.performance.callbacks import PickKind, PickPeriod, PickYear, Submit
from bot.performance.handlers import choosing, signing
from bot.ui.buttons import press_handler, stale_presses


def handlers() -> list[BaseHandler[Update, Context, Any]]:
    """This feature's handlers, fresh for each application."""
    return [
        CommandHandler("laporan", choosing.laporan_command),
        press_handler(PickYear, choosing.year_pressed),
        press_handler(PickKind, choosing.kind_pressed),
        press_handler(PickPeriod, choosing.period_pressed),
        press_handler(Submit, signing.submit_pressed),
        # Last: any other "lap:" press is a button this version no longer has.
        stale_presses(r"^lap:", *choosing.MEMBERS),
    ]
