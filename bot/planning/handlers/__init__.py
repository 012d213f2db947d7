"""/rencana: the year's performance plan (SOP steps 1-4) from a laptop or a phone, and its
submission to the head (steps 5-6).

Ways in: a workbook round-trip (upload.py), editing one attribute (edit.py) or action plan
(actions.py) in the chat, and the starter plan (starter.py); the menu and the plan's
documents are in menu.py, browsing in browse.py, submission and decision in approval.py.
Owners (pj) only look. The conversation is drawn in bot/planning/rencana.mmd.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.context import Context
from bot.planning.callbacks import (
    AddAction,
    AskUpload,
    BrowseAreas,
    ChooseValue,
    ConfirmDelete,
    DeleteAction,
    DiscardUpload,
    EditAttribute,
    EditIndicator,
    OpenArea,
    OpenIndicator,
    OpenPlan,
    SaveUpload,
    SeedPlan,
    SendDataTemplate,
    SendPdf,
    SendTemplate,
    ShowActions,
)
from bot.planning.handlers import actions, approval, browse, edit, menu, starter, upload
from bot.planning.handlers.common import State
from bot.ui.buttons import press_handler
from bot.ui.chat import FlowConversation, conversation_handler

# Other features read workbooks the same way (their imports predate bot.planning.messages).
__all__ = ["STEP_OPENERS", "conversation", "handlers"]

_TEXT = filters.TEXT & ~filters.COMMAND


def _buttons() -> list[BaseHandler[Update, Context, Any]]:
    """Every plan button; each names its year, so two years can be open at once."""
    return [
        press_handler(OpenPlan, menu.open_plan),
        press_handler(BrowseAreas, browse.areas),
        press_handler(OpenArea, browse.area),
        press_handler(OpenIndicator, browse.indicator),
        press_handler(ShowActions, browse.actions),
        press_handler(SendTemplate, menu.send_template),
        press_handler(SendPdf, menu.send_pdf),
        press_handler(SendDataTemplate, menu.send_data_template),
        press_handler(AskUpload, upload.ask_upload),
        press_handler(SeedPlan, starter.seed),
        press_handler(EditIndicator, edit.choose_attribute),
        press_handler(EditAttribute, edit.edit_attribute),
        press_handler(ChooseValue, edit.choose_value),
        press_handler(AddAction, actions.add_action),
        press_handler(DeleteAction, actions.delete_action),
        press_handler(ConfirmDelete, actions.confirm_delete),
    ]


def _typed(callback: Any) -> list[BaseHandler[Update, Context, Any]]:
    """A state waiting for typed text; the plan's buttons keep working in it."""
    return [MessageHandler(_TEXT, callback), *_buttons()]


def _decide() -> list[BaseHandler[Update, Context, Any]]:
    """Simpan and Batal under an upload's summary (also after a restart, in any state)."""
    return [
        press_handler(SaveUpload, upload.save_upload),
        press_handler(DiscardUpload, upload.discard_upload),
    ]


def conversation() -> FlowConversation:
    """The /rencana conversation; any plan button (re)enters it, so old menus keep working."""
    return conversation_handler(
        entry_points=[CommandHandler("rencana", menu.plan_menu), *_buttons()],
        states={
            State.MENU: _buttons(),
            State.AWAIT_UPLOAD: [
                MessageHandler(filters.Document.ALL, upload.receive_workbook),
                *_typed(upload.not_a_document),
            ],
            State.CONFIRM_UPLOAD: [*_decide(), *_buttons()],
            State.EDIT_VALUE: _typed(edit.typed_value),
            State.ACTION_ACTIVITY: _typed(actions.action_activity),
            State.ACTION_OUTPUT: _typed(actions.action_output),
            State.ACTION_SCHEDULE: _typed(actions.action_schedule),
        },
        fallbacks=[
            CommandHandler("batal", upload.cancel),
            CommandHandler("rencana", menu.plan_menu),
            *_decide(),
        ],
        name="rencana",
    )


def handlers() -> list[BaseHandler[Update, Context, Any]]:
    """This feature's handlers, fresh for each application."""
    return [
        conversation(),
        *approval.handlers(),
        # Last: a plan button from before buttons named their year, answered as stale.
        CallbackQueryHandler(menu.stale, pattern=r"^pln:"),
    ]


STEP_OPENERS = {"rencana": menu.open_from_step, **approval.STEP_OPENERS}
