"""The one error handler: a short apology with an incident code for the user, the traceback
for the log, and a line for the operators."""

from __future__ import annotations

import logging
import secrets

from telegram import Update
from telegram.error import TelegramError

from bot import texts
from bot.access import services
from bot.context import Context

logger = logging.getLogger(__name__)


def incident_code() -> str:
    return secrets.token_hex(3).upper()


def _describe(update: object) -> str:
    if isinstance(update, Update):
        if update.callback_query is not None:
            return f"tombol {update.callback_query.data!r}"
        if update.effective_message is not None and update.effective_message.text:
            first = update.effective_message.text.split(maxsplit=1)[0]
            return f"pesan {first!r}" if first.startswith("/") else "pesan teks"
        return "pembaruan"
    return "tugas terjadwal"


async def on_error(update: object, context: Context) -> None:
    """Log the exception with its incident code, apologise to the user, tell the operators."""
    code = incident_code()
    logger.error("incident %s while handling %s", code, _describe(update), exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            if update.callback_query is not None:
                await update.callback_query.answer()
            await context.bot.send_message(
                update.effective_chat.id, texts.ERROR_INCIDENT.format(code=code)
            )
        except TelegramError:
            logger.warning("incident %s: could not tell the user", code)
    error_name = type(context.error).__name__ if context.error else "galat"
    for chat_id in services(context).settings.operator_chat_ids:
        try:
            await context.bot.send_message(
                chat_id,
                texts.ERROR_OPERATOR.format(
                    code=code, error=texts.esc(error_name), what=texts.esc(_describe(update))
                ),
            )
        except TelegramError:
            logger.warning("incident %s: could not notify operator chat %s", code, chat_id)
