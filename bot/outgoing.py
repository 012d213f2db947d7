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

A reply (a request made while an update is handled) that Telegram's flood control holds,
or that never left because the link dropped, is sent again here: the person waits a moment
instead of getting an incident. The outbox keeps its own limits and retries
(``bot.outbox``); requests outside an update pass through unchanged.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from telegram.error import NetworkError, RetryAfter, TimedOut
from telegram.ext import BaseRateLimiter

from bot.access import handling_update, write_ahead
from bot.core.delivery import SendFailure, backoff, send_failure
from bot.ui.fit import fit_request

logger = logging.getLogger(__name__)

# A reply Telegram asked to wait for (flood control), or one that never reached it (the
# link dropped before the request left), is sent again this many times, after Telegram's
# wait if it is at most REPLY_MAX_WAIT seconds; a person waits rather than getting an
# incident. One that left without an answer is not sent again (it may have arrived).
REPLY_RETRIES = 3
REPLY_MAX_WAIT = 30.0

Result = bool | dict[str, Any] | list[dict[str, Any]]


class Outgoing(BaseRateLimiter[None]):
    """Before each request: the update's write-ahead (``bot.access.write_ahead``), then
    the text fitted to Telegram's limits."""

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    def __init__(self, sleep: Callable[[float], Coroutine[Any, Any, None]] | None = None):
        self._sleep = sleep or asyncio.sleep

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
        attempt = 0
        while True:
            try:
                return await callback(*args, **kwargs)
            except (RetryAfter, NetworkError) as exc:
                attempt += 1
                wait = _retry_wait(exc, attempt)
                if wait is None or not handling_update():
                    raise
                logger.info("%s: sent again in %.1f s (%s)", endpoint, wait, exc)
                await self._sleep(wait)


def _retry_wait(exc: Exception, attempt: int) -> float | None:
    """How long to wait before sending a reply again; None: not again."""
    if attempt > REPLY_RETRIES:
        return None
    if isinstance(exc, RetryAfter):
        after = exc.retry_after
        wait = after.total_seconds() if isinstance(after, timedelta) else float(after)
        return wait if wait <= REPLY_MAX_WAIT else None
    cause = None if exc.__cause__ is None else type(exc.__cause__).__name__
    if send_failure(cause, timed_out=isinstance(exc, TimedOut)) is SendFailure.NOT_REACHED:
        return backoff(attempt).total_seconds()
    return None
