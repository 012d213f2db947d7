"""The letters' handlers: one conversation ("surat") for drafting and editing, entered by
/edaran, /sosialisasi and the letter buttons; typed answers only while it waits for one."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import texts as app_texts
from bot.access import Member, members_only
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
from bot.letters.handlers import card, edit, invitation, opening
from bot.letters.handlers.states import State
from bot.ui import drafts
from bot.ui.buttons import press_handler
from bot.ui.chat import answer, conversation_handler, show

_TEXT = filters.TEXT & ~filters.COMMAND


@members_only()
async def cancel(update: Update, context: Context, member: Member) -> int:
    """/batal inside a letter flow: what was typed so far is dropped."""
    drafts.clear(context.user_data, PartDraft)
    drafts.clear(context.user_data, InvitationDraft)
    if update.effective_message is not None:
        await update.effective_message.reply_text(app_texts.CANCELLED)
    return ConversationHandler.END


@members_only()
async def retired(update: Update, context: Context, member: Member) -> None:
    """A letter button of an earlier version (its action moved or changed)."""
    await answer(update)
    await show(update, app_texts.STALE_BUTTON)


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
        CallbackQueryHandler(retired, pattern=r"^ltr:"),
    ]


def handlers() -> list[BaseHandler[Update, Context, Any]]:
    """This feature's handlers, fresh for each application."""
    flow = conversation_handler(
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
        fallbacks=[CommandHandler("batal", cancel)],
        name="surat",
    )
    return [flow]
