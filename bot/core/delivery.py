"""Rules for delivering one message to many people within Telegram's limits.

Telegram documents about 30 messages a second overall for a bot, one a second to the same
chat and 20 a minute to the same group; past that it answers 429 "retry after N seconds".
The policy, as plain time-injectable rules shared by the sender (``bot.outbox``), its
tests and the broadcast benchmark:

- **Rate.** Sends that reach Telegram follow a schedule of one every 1/30 s
  (``GLOBAL_RATE``) and never more than 30 within one second plus 10 ms
  (``WINDOW_MARGIN``: the request reaches Telegram a little after the limiter counted it);
  the same chat gets at most one a second, a group (negative chat id; the bot writes only
  to private chats today) one every 3 s, Telegram's 20 a minute. A send takes its slot
  right before its request leaves, after its row was claimed, so the moment Telegram sees
  is the moment the limiter counted. A send that woke a little late does not push the
  schedule back (the next one catches up); the count over the last second still holds.
- **Refund.** A send that failed before reaching Telegram (the connection could not be made,
  or no connection was free: ``NOT_REACHED``) gives its slot back, global and per chat:
  Telegram never counted it. A 429 or any other answer from Telegram keeps its slot.
- **Flood wait.** A 429's ``retry_after`` is obeyed exactly and pauses every send, not
  only that chat's; it does not count as an attempt of the row.
- **Back-off.** A network failure or a server error is retried after 0.25 s, then 0.5, 1,
  2 … up to 5 minutes, each ±25 % of jitter so retries of many rows do not arrive
  together, for ``MAX_ATTEMPTS`` attempts (about 8.5 minutes in all). The old first wait
  of 2 s made the tail of a short broadcast wait for it.
- **No blind resend.** Telegram has no idempotency key: a request that left but got no
  answer (read timeout, connection dropped after sending: ``UNKNOWN``) may have been
  delivered, and sending it again could give the person two copies, the first one without
  a known message id (so never edited after an approval). Such a row is not sent again; it
  is marked failed ("network error, outcome unknown") and shows in the tallies as a
  network failure. Only failures known not to have delivered anything are retried. The
  exception is a crash: rows a stopped process left "sending" are sent again by the
  lease's holder (``storage.outbox.recover_in_flight``), so a copy that was on its way at
  that moment may arrive twice.

Why not the old 28/s: a slot is now the moment the request leaves and the count over a
second is exact, so a 7 % margin only cost throughput. Before, 28/s, a slot spent by every
failed send, a schedule that drifted with each late wake-up and a first retry after 2 s held
two broadcasts to 250 chats at 23.0 msg/s under 5 % connect errors (77 % of 30); now 29.7
(99 %), measured by ``python -m tests.benchmarks.broadcast --table``.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

GLOBAL_RATE = 30.0  # messages per second that reach Telegram (Telegram's documented limit)
PER_CHAT_INTERVAL = 1.0  # seconds between two messages to the same private chat
GROUP_INTERVAL = 3.0  # seconds between two messages to the same group: 20 a minute
FIRST_BACKOFF = 0.25  # seconds before the first retry after a network or server error
MAX_BACKOFF = 300.0
JITTER = 0.25  # each back-off is its nominal value ± this share
MAX_ATTEMPTS = 12
WINDOW_MARGIN = 0.01  # s added to Telegram's second: the request reaches it a little later


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
    UNCERTAIN = "uncertain"  # the request left, no answer came: it may have arrived
    UNKNOWN = "unknown"


# The error an outbox row keeps when its send left without an answer (not sent again).
OUTCOME_UNKNOWN = "outcome unknown"
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
    if OUTCOME_UNKNOWN in text:
        return FailureReason.UNCERTAIN
    if any(part in text for part in _NETWORK):
        return FailureReason.NETWORK
    if text:
        return FailureReason.REJECTED
    return FailureReason.UNKNOWN


class SendFailure(StrEnum):
    """What a send that raised a network error tells about its message."""

    NOT_REACHED = "not_reached"  # the request never left: safe to send again, slot refunded
    ANSWERED = "answered"  # Telegram (or its gateway) answered with an error: not sent
    UNKNOWN = "unknown"  # the request left but no answer came: it may have been delivered


# httpx errors raised before a request is written: connecting failed or timed out, or no
# connection of the pool was free (PTB: "Request was *not* sent to Telegram").
_NOT_REACHED = frozenset({"ConnectError", "ConnectTimeout", "PoolTimeout", "UnsupportedProtocol"})


def send_failure(cause: str | None, *, timed_out: bool) -> SendFailure:
    """Classify a network error of one send by the name of the transport error behind it
    (``cause``: the httpx exception class PTB wraps, None when Telegram answered with an
    HTTP error such as 502) and whether PTB reported a timeout."""
    if cause in _NOT_REACHED:
        return SendFailure.NOT_REACHED
    if cause is not None or timed_out:
        return SendFailure.UNKNOWN
    return SendFailure.ANSWERED


def backoff(attempts: int, spread: float = 0.5) -> timedelta:
    """Wait before retry number ``attempts`` after a network or server error: 0.25, 0.5,
    1, 2 … s, at most 5 minutes; ``spread`` (a random number in [0, 1), 0.5 is the nominal
    wait) moves it by up to ±25 %."""
    nominal = min(FIRST_BACKOFF * 2 ** (max(attempts, 1) - 1), MAX_BACKOFF)
    factor = 1.0 + JITTER * (2.0 * min(max(spread, 0.0), 1.0) - 1.0)
    return timedelta(seconds=nominal * factor)


def gives_up(attempts: int) -> bool:
    return attempts >= MAX_ATTEMPTS


def chat_interval(chat_id: int) -> float:
    """Seconds between two messages to one chat: 1 for a person, 3 for a group (Telegram's
    20 a minute; group and channel ids are negative)."""
    return GROUP_INTERVAL if chat_id < 0 else PER_CHAT_INTERVAL


@dataclass(frozen=True)
class Slot:
    """One send's place in the limiter, given back with ``RateLimiter.refund``."""

    chat_id: int
    at: float
    chat_before: float | None  # the chat's previous send, restored on a refund


class RateLimiter:
    """Spaces sends that reach Telegram: on a schedule of ``1/rate`` s a send, never more
    than ``rate`` of them within one second (plus ``margin``), one per ``per_chat`` seconds
    a chat (three times that for a group), and nothing at all while Telegram asked us to
    wait. A send that never reached Telegram is refunded.

    The schedule is kept apart from the moments sends really took their slot: a send that
    woke a little late (the event loop was busy) does not push every later send back, the
    next one catches up (never earlier than its scheduled time). What keeps Telegram's
    limit is the count over the last second, on the real moments."""

    def __init__(
        self,
        *,
        rate: float = GLOBAL_RATE,
        per_chat: float = PER_CHAT_INTERVAL,
        margin: float = WINDOW_MARGIN,
        monotonic: Callable[[], float] | None = None,
        sleep: Callable[[float], Awaitable[None]] | None = None,
    ) -> None:
        self._interval = 1.0 / rate
        self._per_window = max(1, int(rate + 1e-9))  # sends allowed within one second
        self._window = 1.0 + margin
        self._per_chat = per_chat
        self._monotonic = monotonic or time.monotonic
        self._sleep = sleep or asyncio.sleep
        self._scheduled: float | None = None  # when the next send is due on the schedule
        self._counted: deque[float] = deque()  # moments of the sends that count, last second
        self._paused_until = 0.0
        self._last_by_chat: dict[int, float] = {}
        self._lock = asyncio.Lock()

    def _chat_gap(self, chat_id: int) -> float:
        return self._per_chat * chat_interval(chat_id) / PER_CHAT_INTERVAL

    def chat_ready_in(self, chat_id: int) -> float:
        """Seconds until this chat may receive another message (0 when it may now)."""
        last = self._last_by_chat.get(chat_id)
        if last is None:
            return 0.0
        return max(0.0, last + self._chat_gap(chat_id) - self._monotonic())

    def pause(self, seconds: float) -> None:
        """Telegram said "retry after": nobody sends until then."""
        self._paused_until = max(self._paused_until, self._monotonic() + seconds)

    def _ready_in(self, chat_id: int) -> float:
        now = self._monotonic()
        while self._counted and self._counted[0] <= now - self._window:
            self._counted.popleft()
        waits = [self._paused_until - now, self.chat_ready_in(chat_id)]
        if self._scheduled is not None:
            waits.append(self._scheduled - now)
        if len(self._counted) >= self._per_window:
            waits.append(self._counted[-self._per_window] + self._window - now)
        return max(waits)

    async def acquire(self, chat_id: int) -> Slot:
        """Wait for a global slot and for the chat's own interval; then claim both."""
        async with self._lock:
            while (wait := self._ready_in(chat_id)) > 0:
                await self._sleep(wait)
            now = self._monotonic()
            # Late by less than one slot: keep the schedule (the next send catches up);
            # later than that (nothing was waiting to go), the schedule starts again now.
            due = self._scheduled
            base = due if due is not None and now - due < self._interval else now
            self._scheduled = base + self._interval
            self._counted.append(now)
            slot = Slot(chat_id, now, self._last_by_chat.get(chat_id))
            self._last_by_chat[chat_id] = now
            return slot

    def refund(self, slot: Slot) -> None:
        """The send of ``slot`` never reached Telegram: it does not count, overall or for
        its chat (the next send may take its place at once)."""
        if slot.at in self._counted:
            self._counted.remove(slot.at)
            if self._scheduled is not None:
                self._scheduled -= self._interval
        if self._last_by_chat.get(slot.chat_id) == slot.at:
            if slot.chat_before is None:
                del self._last_by_chat[slot.chat_id]
            else:
                self._last_by_chat[slot.chat_id] = slot.chat_before
