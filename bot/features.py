"""Telegram handlers, one module per feature; ``register`` adds them all in order."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, TypeHandler

from bot.access import gate
from bot.approvals import delegation
from bot.approvals import handlers as approvals
from bot.guide import handlers as guide
from bot.guide import help
from bot.letters import handlers as letters
from bot.packages import handlers as packages
from bot.people import invitations, registration, users
from bot.planning import approval as plan_approval
from bot.planning import handlers as planning
from bot.reporting import handlers as reporting
from bot.ui.chat import FlowConversation

GATE_GROUP = -1


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add every handler of the bot to ``application``."""
    # Group -1 runs first for every update: group chats are ignored and strangers are
    # told how to get an invitation, before any feature handler sees the update.
    from telegram import Update

    application.add_handler(TypeHandler(Update, gate), group=GATE_GROUP)
    # Conversations come before plain commands so that /batal inside a conversation
    # reaches the conversation's own fallback.
    for module in (
        registration,
        invitations,
        approvals,
        delegation,
        planning,
        plan_approval,
        letters,
        packages,
        reporting,
        guide,
        users,
        help,
    ):
        application.add_handlers(module.handlers())
    # Last: a message no feature was waiting for gets a pointer to /tugas, not silence.
    application.add_handlers(help.fallback_handlers())
    for group in application.handlers.values():
        for handler in group:
            if isinstance(handler, FlowConversation):
                handler.user_data_source = application.user_data
