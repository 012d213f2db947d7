"""The decision meeting in the chat: /rapat for the team and the head (``menu``), and the
head's decisions on its items through the approval mechanism (``decision``)."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, MessageHandler, filters

from bot.context import Context
from bot.meeting.callbacks import ChoosePeriod, ChooseYear, OpenMeeting, ResendItem
from bot.meeting.handlers import menu
from bot.ui.buttons import press_handler, stale_presses
from bot.ui.chat import conversation_handler

Handler = BaseHandler[Update, Context, Any]


def _buttons() -> list[Handler]:
    return [
        press_handler(ChooseYear, menu.choose_year),
        press_handler(ChoosePeriod, menu.choose_period),
        press_handler(OpenMeeting, menu.open_meeting),
        press_handler(ResendItem, menu.resend),
    ]


def conversation() -> Handler:
    """/rapat, its buttons, and the notes typed before the meeting opens (persistent)."""
    buttons = _buttons()
    return conversation_handler(
        entry_points=[CommandHandler("rapat", menu.command), *buttons],
        states={
            menu.Step.NOTES: [
                MessageHandler(filters.TEXT & ~filters.COMMAND, menu.typed_notes),
                *buttons,
            ]
        },
        fallbacks=[CommandHandler("batal", menu.cancel)],
        name="rapat",
    )


def handlers() -> list[Handler]:
    """This feature's handlers, fresh for each application."""
    return [
        conversation(),
        # Last: a /rapat button of an older release or with damaged data.
        stale_presses(r"^rpt:"),
    ]
