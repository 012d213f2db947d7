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

from bot import texts as app_texts
from bot.access import Member, members_only
from bot.context import Context
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
from bot.outreach.handlers import answers, day, media
from bot.ui.buttons import press_handler
from bot.ui.chat import answer, conversation_handler, show

_TEXT = filters.TEXT & ~filters.COMMAND


@members_only()
async def retired(update: Update, context: Context, member: Member) -> None:
    """A checklist button of an earlier version (its data changed)."""
    await answer(update)
    await show(update, app_texts.STALE_BUTTON)


def handlers() -> list[BaseHandler[Update, Context, Any]]:
    """This feature's handlers, fresh for each application."""
    rsvp_flow = conversation_handler(
        entry_points=[press_handler(Rsvp, answers.rsvp)],
        states={answers.RsvpState.NOTE: [MessageHandler(_TEXT, answers.rsvp_note)]},
        fallbacks=[CommandHandler("batal", answers.cancel)],
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
        fallbacks=[CommandHandler("batal", media.cancel)],
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
        CallbackQueryHandler(retired, pattern=r"^chk:"),
    ]
