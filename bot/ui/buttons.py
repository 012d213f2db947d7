"""Routing a button press to the one handler of its action, with the data already decoded.

``on_press(Action, *roles)`` wraps ``handler(update, context, member, data)``: the press is
answered first; a stranger or a wrong role gets the refusal of ``members_only``; data that
does not decode (a stale message, a forged payload) gets one clear message instead of an
exception. ``press_handler`` makes the ``CallbackQueryHandler`` routed by the action's prefix.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar, cast

from telegram import Update
from telegram.ext import CallbackQueryHandler

from bot import texts
from bot.access import Member, members_only
from bot.context import Context
from bot.core.roles import Role
from bot.ui.callbacks import ButtonData
from bot.ui.chat import show

D = TypeVar("D", bound=ButtonData)
R = TypeVar("R")
PressHandler = Callable[[Update, Context, Member, D], Coroutine[Any, Any, R]]


def on_press(
    action: type[D], *roles: Role, stale: Any = None
) -> Callable[[PressHandler[D, R]], Callable[[Update, Context], Coroutine[Any, Any, R | None]]]:
    """Decode the press as ``action`` for members with ``roles``; ``stale`` is returned (a
    conversation state, or None) after refusing data that does not decode."""

    def decorate(
        handler: PressHandler[D, R],
    ) -> Callable[[Update, Context], Coroutine[Any, Any, R | None]]:
        @members_only(*roles)
        @functools.wraps(handler)
        async def wrapper(update: Update, context: Context, member: Member) -> R | None:
            query = update.callback_query
            data = action.decode(query.data if query is not None else None)
            if data is None:
                if query is not None:
                    await query.answer()
                await show(update, texts.STALE_BUTTON)
                # The conversation state the caller gave; typed Any so that R comes from
                # the handler, not from ``stale`` (a default None would make R Never).
                return cast(R | None, stale)
            return await handler(update, context, member, data)

        return wrapper

    return decorate


def press_handler(
    action: type[ButtonData], callback: Callable[[Update, Context], Coroutine[Any, Any, Any]]
) -> CallbackQueryHandler[Any, Any]:
    """The handler that routes presses of ``action`` to ``callback``."""
    return CallbackQueryHandler(callback, pattern=action.pattern())
