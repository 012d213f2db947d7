"""The letters' handlers: one conversation ("surat") for drafting and editing, entered by
/edaran, /sosialisasi and the letter buttons; typed answers only while it waits for one."""

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
from bot.letters.callbacks import (
    ChoosePart,
    EditPart,
    GoToLetter,
    NewLetter,
    OpenReport,
    Preview,
    ShowCard,
    Submit,
)
from bot.letters.drafts import InvitationDraft, PartDraft
from bot.letters.handlers import card, edit, flow, invitation, opening
from bot.letters.handlers.flow import State
from bot.ui.buttons import press_handler
from bot.ui.chat import conversation_handler

_TEXT = filters.TEXT & ~filters.COMMAND


def _buttons() -> list[BaseHandler[Update, Context, Any]]:
    return [
        press_handler(NewLetter, opening.new_letter),
        press_handler(GoToLetter, opening.go_to),
        press_handler(OpenReport, opening.open_report),
        press_handler(ShowCard, card.card_pressed),
        press_handler(Preview, card.preview_pressed),
        press_handler(ChoosePart, edit.choose_part),
        press_handler(EditPart, edit.edit_part),
        press_handler(Submit, edit.submit),
        # Last: any other "ltr:" press is a button this version no longer has.
        CallbackQueryHandler(flow.retired, pattern=r"^ltr:"),
    ]


def handlers() -> list[BaseHandler[Update, Context, Any]]:
    """This feature's handlers, fresh for each application."""
    surat = conversation_handler(
        entry_points=[
            CommandHandler("edaran", opening.circular_command),
            CommandHandler("sosialisasi", opening.socialisation_command),
            *_buttons(),
        ],
        states={
            State.PART_TEXT: [MessageHandler(_TEXT, edit.part_text)],
            State.SOC_DATE: [MessageHandler(_TEXT, invitation.soc_date)],
            State.SOC_TIME: [MessageHandler(_TEXT, invitation.soc_time)],
            State.SOC_PLACE: [MessageHandler(_TEXT, invitation.soc_place)],
            State.SOC_AGENDA: [MessageHandler(_TEXT, invitation.soc_agenda)],
        },
        fallbacks=[CommandHandler("batal", flow.cancel_flow(PartDraft, InvitationDraft))],
        name="surat",
    )
    return [surat]
