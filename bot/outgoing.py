"""Every Bot API request passes here first: what a person told the bot is stored before
the bot answers, and the text is cut to what Telegram takes (``bot.ui.fit``).

PTB stores user data, chat data and conversation states after an update was handled; a
crash between the reply and that write lost an answer the person had seen acknowledged.
Every Bot API request goes through ``Outgoing`` (PTB's one hook around each request, its
rate-limiter interface, used here to limit nothing): before a request made while an update
is handled, the update's user and chat data are written (only rows that changed), so the
drafts in them are durable before the reply leaves. A conversation whose state follows
from its draft derives it (``FlowConversation.resume``), so nothing stored after the reply
is needed to continue.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram.ext import BaseRateLimiter

from bot.access import write_ahead
from bot.ui.fit import fit_request

Result = bool | dict[str, Any] | list[dict[str, Any]]


class Outgoing(BaseRateLimiter[None]):
    """Before each request: the update's write-ahead (``bot.access.write_ahead``), then
    the text fitted to Telegram's limits."""

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: None,
    ) -> Result:
        await write_ahead()
        fit_request(endpoint, data)
        return await callback(*args, **kwargs)
