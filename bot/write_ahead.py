"""What a person told the bot is stored before the bot answers.

PTB stores user data, chat data and conversation states after an update was handled; a
crash between the reply and that write lost an answer the person had seen acknowledged.
Every Bot API request goes through ``WriteAhead`` (PTB's one hook around each request, its
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

Result = bool | dict[str, Any] | list[dict[str, Any]]


class WriteAhead(BaseRateLimiter[None]):
    """Runs the update's write-ahead (see ``bot.access.write_ahead``) before each request."""

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
        return await callback(*args, **kwargs)
