"""Rules for delivering one message to many people within Telegram's limits.

Telegram allows about 30 messages a second overall and one a second to the same chat;
past that it answers "retry after N seconds". The rules here are plain and time-injectable
so the sender, its tests and the broadcast benchmark share them.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from enum import StrEnum

GLOBAL_RATE = 28.0  # messages per second, kept under Telegram's ~30/s
PER_CHAT_INTERVAL = 1.0  # seconds between two messages to the same chat
MAX_ATTEMPTS = 8


class ItemStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    UNREACHABLE = "unreachable"
    FAILED = "failed"
    WITHDRAWN = "withdrawn"  # no longer needed before it was sent (a request already decided)


class FailureReason(StrEnum):
    """Why a delivery failed, in the terms a person can act on."""

    BLOCKED = "blocked"  # the person blocked the bot
    ACCOUNT_GONE = "account_gone"  # the Telegram account was deleted or deactivated
    NO_CHAT = "no_chat"  # the person never opened the bot, or the chat does not exist
    REJECTED = "rejected"  # Telegram refused this message (too long, bad file...)
    NETWORK = "network"  # network or server errors, retried until the sender gave up
    UNKNOWN = "unknown"


_NO_CHAT = ("chat not found", "can't initiate", "cannot initiate", "kicked", "not a member")
_NETWORK = ("timed out", "timeout", "network", "connect", "server", "gateway", "flood")


def failure_reason(status: str, error: str) -> FailureReason:
    """Classify a failed outbox row by its status and the error text Telegram (or the
    network) gave; the text itself is English and stays in the log, never in the chat."""
    text = error.casefold()
    if "blocked" in text:
        return FailureReason.BLOCKED
    if "deactivated" in text or "user not found" in text:
        return FailureReason.ACCOUNT_GONE
    if any(part in text for part in _NO_CHAT):
        return FailureReason.NO_CHAT
    if status == ItemStatus.UNREACHABLE:
        return FailureReason.NO_CHAT
    if any(part in text for part in _NETWORK):
        return FailureReason.NETWORK
    if text:
        return FailureReason.REJECTED
    return FailureReason.UNKNOWN


def backoff(attempts: int) -> timedelta:
    """Wait before retry number ``attempts`` after a network or server error: 2, 4, 8 … s,
    at most 5 minutes."""
    return timedelta(seconds=min(2 ** max(attempts, 1), 300))


def gives_up(attempts: int) -> bool:
    return attempts >= MAX_ATTEMPTS


class RateLimiter:
    """Spaces sends: at most ``rate`` a second overall, one per ``per_chat`` seconds a chat,
    and nothing at all while Telegram asked us to wait."""

    def __init__(
        self,
        *,
        rate: float = GLOBAL_RATE,
        per_chat: float = PER_CHAT_INTERVAL,
        monotonic: Callable[[], float] | None = None,
        sleep: Callable[[float], Awaitable[None]] | None = None,
    ) -> None:
        self._interval = 1.0 / rate
        self._per_chat = per_chat
        self._monotonic = monotonic or time.monotonic
        self._sleep = sleep or asyncio.sleep
        self._next_slot = 0.0
        self._paused_until = 0.0
        self._last_by_chat: dict[int, float] = {}
        self._lock = asyncio.Lock()

    def chat_ready_in(self, chat_id: int) -> float:
        """Seconds until this chat may receive another message (0 when it may now)."""
        last = self._last_by_chat.get(chat_id)
        if last is None:
            return 0.0
        return max(0.0, last + self._per_chat - self._monotonic())

    def pause(self, seconds: float) -> None:
        """Telegram said "retry after": nobody sends until then."""
        self._paused_until = max(self._paused_until, self._monotonic() + seconds)

    async def acquire(self, chat_id: int) -> None:
        """Wait for a global slot and for the chat's own interval; then claim both."""
        async with self._lock:
            while True:
                now = self._monotonic()
                wait = max(
                    self._next_slot - now,
                    self._paused_until - now,
                    self.chat_ready_in(chat_id),
                )
                if wait <= 0:
                    break
                await self._sleep(wait)
            now = self._monotonic()
            self._next_slot = max(self._next_slot, now) + self._interval
            self._last_by_chat[chat_id] = now
