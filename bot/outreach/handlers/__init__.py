"""Outreach's handlers: owners' answers (the "rsvp" conversation for a note), the team's
photos and notes ("sosialisasi_media"), and the buttons of the day of the socialisation."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.context import Context
from bot.letters.handlers.flow import cancel_flow, retired
from bot.outreach.callbacks import (
    Acknowledge,
    AttendanceWindow,
    Checklist,
    CollectMedia,
    InviteOwner,
    MediaDone,
    Present,
    Rsvp,
)
from bot.outreach.drafts import MediaDraft, RsvpDraft
from bot.outreach.handlers import answers, day, media
from bot.ui.buttons import press_handler
from bot.ui.chat import conversation_handler

_TEXT = filters.TEXT & ~filters.COMMAND


def handlers() -> list[BaseHandler[Update, Context, Any]]:
    """This feature's handlers, fresh for each application."""
    rsvp_flow = conversation_handler(
        entry_points=[press_handler(Rsvp, answers.rsvp)],
        states={answers.RsvpState.NOTE: [MessageHandler(_TEXT, answers.rsvp_note)]},
        fallbacks=[CommandHandler("batal", cancel_flow(RsvpDraft))],
        name="rsvp",
    )
    media_flow = conversation_handler(
        entry_points=[
            press_handler(CollectMedia, media.start),
            press_handler(MediaDone, media.done),
        ],
        states={
            media.MediaState.COLLECTING: [
                MessageHandler(filters.PHOTO | filters.Document.ALL | _TEXT, media.received)
            ]
        },
        fallbacks=[CommandHandler("batal", cancel_flow(MediaDraft))],
        name="sosialisasi_media",
    )
    return [
        rsvp_flow,
        media_flow,
        press_handler(Acknowledge, answers.acknowledged),
        press_handler(Present, answers.present),
        press_handler(AttendanceWindow, day.attendance_window),
        press_handler(Checklist, day.checklist),
        press_handler(InviteOwner, day.invite_owner),
        CallbackQueryHandler(retired, pattern=r"^chk:"),  # the checklist before out:chk
    ]
