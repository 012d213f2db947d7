"""The one sender that drains the outbox: every message to someone other than the person
who pressed or typed goes here (broadcasts, and the notices ``bot.deliveries`` queues).

Delivery rows are claimed, then given a rate slot right before their request leaves (so the
time the limiter counts is the time Telegram sees), and marked sent only once Telegram
returned a message id. The policy is ``bot.core.delivery``'s: 30 sends a second overall and
one a second a chat; a send that never reached Telegram (connect error) refunds its slot and
is retried after a short back-off (0.25 s, doubling, with jitter); flood-waits pause
everyone for exactly as long as Telegram asks; a send whose outcome is unknown (it left,
no answer came) is not sent again blindly but marked failed; a blocked bot marks the person
unreachable and the broadcast's author is told. A document is uploaded once and then sent
by file id. Only each chat's oldest unfinished row is due (``storage.outbox.due``), so a
chat's messages arrive in the order they were queued, retries included. The running bot's
drain stays for retries due within ``retry_horizon`` (1 s: its next drain is 2 s away).
"""

from __future__ import annotations

import asyncio
import io
import logging
import random
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Message
from telegram.error import (
    BadRequest,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from bot import lease, texts
from bot.core.delivery import (
    OUTCOME_UNKNOWN,
    ItemStatus,
    RateLimiter,
    SendFailure,
    Slot,
    backoff,
    gives_up,
    send_failure,
)
from bot.services import Services
from storage import archive, outbox, users
from storage.models import Broadcast, Document, OutboxItem

logger = logging.getLogger(__name__)


@dataclass
class DrainResult:
    """What one drain did."""

    sent: int = 0
    retried: int = 0
    unreachable: list[int] = field(default_factory=list)
    failed: int = 0


class OutboxSender:
    """Drains due outbox rows through one rate limiter."""

    def __init__(
        self,
        services: Services,
        bot: Bot,
        *,
        limiter: RateLimiter | None = None,
        concurrency: int = 8,
        on_unreachable: Callable[[list[int]], Any] | None = None,
        holder: str | None = None,
        rng: random.Random | None = None,
        retry_horizon: float = 0.0,
        sleep: Callable[[float], Awaitable[None]] | None = None,
    ) -> None:
        self._svc = services
        self._bot = bot
        self._limiter = limiter or RateLimiter()
        self._rng = rng or random.Random()
        # A drain stays for retries due within this many seconds (the running bot's next
        # drain is 2 s away; a short back-off would otherwise wait for it).
        self._retry_horizon = retry_horizon
        self._sleep = sleep or asyncio.sleep
        self._semaphore = asyncio.Semaphore(concurrency)
        self._running = asyncio.Lock()
        self._on_unreachable = on_unreachable
        # Rows left "sending" are another process's business while it holds the lease: only
        # the lease's holder (``holder``, see bot/lease.py) sends them again.
        recovered = 0
        if holder is not None and lease.holds(services, holder):
            with services.db.write() as session:
                recovered = outbox.recover_in_flight(session)
        if recovered:
            logger.info("outbox: %d deliveries interrupted by a stop will be sent again", recovered)

    @property
    def busy(self) -> bool:
        """Whether a drain is running now (the next one would only wait for it)."""
        return self._running.locked()

    async def drain(
        self,
        *,
        wait_for_retries: bool = False,
        max_wait: float = 120.0,
        only: Collection[int] | None = None,
    ) -> DrainResult:
        """Send everything due now (``only``: of these broadcasts), and what comes due within
        the sender's ``retry_horizon``; with ``wait_for_retries`` also wait (up to
        ``max_wait`` seconds in all) for rows that must be retried later."""
        result = DrainResult()
        horizon = max_wait if wait_for_retries else self._retry_horizon
        async with self._running:
            waited = 0.0
            while True:
                with self._svc.db.read() as session:
                    batch = [
                        (i.id, i.broadcast_id, i.chat_id)
                        for i in outbox.due(session, now=self._svc.now(), broadcasts=only)
                    ]
                if batch:
                    await self._send_batch(batch, result)
                    continue
                delay = self._next_retry_in(horizon - waited, whole=not wait_for_retries)
                if delay is None:
                    break
                waited += delay
                await self._sleep(delay)
        if result.unreachable:
            await self._report_unreachable(result.unreachable)
        return result

    def _next_retry_in(self, remaining: float, *, whole: bool) -> float | None:
        """How long to sleep before looking for due rows again (None: stop now); ``whole``:
        only if the next row comes due within ``remaining`` seconds."""
        if remaining <= 0:
            return None
        with self._svc.db.read() as session:
            next_at = outbox.next_due_at(session)
        if next_at is None:
            return None
        due_in = (next_at - self._svc.now()).total_seconds()
        if whole and due_in > remaining:
            return None
        delay = min(max(due_in, 0.05), 5.0)
        return min(delay, remaining) if whole else delay

    async def _send_batch(
        self, batch: list[tuple[int | None, int, int]], result: DrainResult
    ) -> None:
        tasks: list[asyncio.Task[None]] = []
        # A chat that had a message less than a second ago goes last: waiting for it first
        # would hold up every other chat (a batch has at most one row a chat, so each chat's
        # own order stays as the outbox gave it).
        batch = sorted(batch, key=lambda row: self._limiter.chat_ready_in(row[2]) > 0)
        for item_id, broadcast_id, chat_id in batch:
            assert item_id is not None
            broadcast = self._broadcast(broadcast_id)
            if broadcast is None:
                continue
            if broadcast.document_id is not None and broadcast.telegram_file_id is None:
                # The first copy of a document uploads it; every later one reuses its file id.
                await asyncio.gather(*tasks)
                tasks = []
                await self._send_one(item_id, broadcast, chat_id, result)
                continue
            # Each task claims its row, then waits for its rate slot (the limiter's lock
            # keeps the batch's order): at most ``concurrency`` rows are claimed ahead.
            await self._semaphore.acquire()
            task = asyncio.ensure_future(self._send_released(item_id, broadcast, chat_id, result))
            tasks.append(task)
        await asyncio.gather(*tasks)

    async def _send_released(
        self, item_id: int, broadcast: Broadcast, chat_id: int, result: DrainResult
    ) -> None:
        try:
            await self._send_one(item_id, broadcast, chat_id, result)
        finally:
            self._semaphore.release()

    def _broadcast(self, broadcast_id: int) -> Broadcast | None:
        with self._svc.db.read() as session:
            return session.get(Broadcast, broadcast_id)

    def _markup(self, broadcast: Broadcast, item_id: int) -> InlineKeyboardMarkup | None:
        rows = outbox.buttons_of(broadcast)
        if not rows:
            return None
        return InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(label, callback_data=data.replace("{item}", str(item_id)))
                    for label, data in row
                ]
                for row in rows
            ]
        )

    async def _deliver(self, broadcast: Broadcast, chat_id: int, item_id: int) -> Message:
        markup = self._markup(broadcast, item_id)
        if broadcast.document_id is None:
            return await self._bot.send_message(chat_id, broadcast.text, reply_markup=markup)
        if broadcast.telegram_file_id is not None:
            return await self._bot.send_document(
                chat_id,
                document=broadcast.telegram_file_id,
                caption=broadcast.text,
                reply_markup=markup,
            )
        with self._svc.db.read() as session:
            document = session.get(Document, broadcast.document_id)
        assert document is not None
        content = archive.path_of(self._svc.archive_dir, document).read_bytes()
        message = await self._bot.send_document(
            chat_id,
            document=InputFile(io.BytesIO(content), filename=document.file_name),
            caption=broadcast.text,
            reply_markup=markup,
        )
        if message.document is not None:
            with self._svc.db.write() as session:
                stored = session.get(Broadcast, broadcast.id)
                if stored is not None:
                    stored.telegram_file_id = message.document.file_id
                    session.add(stored)
            broadcast.telegram_file_id = message.document.file_id
        return message

    async def _send_one(
        self, item_id: int, broadcast: Broadcast, chat_id: int, result: DrainResult
    ) -> None:
        with self._svc.db.write() as session:
            item = outbox.claim(session, item_id=item_id)
            attempts = 0 if item is None else item.attempts
        if item is None:
            return
        slot = await self._limiter.acquire(chat_id)
        now = self._svc.now()
        try:
            message = await self._deliver(broadcast, chat_id, item_id)
        except RetryAfter as exc:
            wait = _seconds(exc.retry_after)
            self._limiter.pause(wait)
            self._retry(
                item_id,
                f"flood wait {wait:.0f} s",
                now + timedelta(seconds=wait),
                attempts,
                result,
                count_attempt=False,
            )
            return
        except Forbidden as exc:
            self._finish(item_id, ItemStatus.UNREACHABLE, str(exc))
            result.unreachable.append(item_id)
            return
        except BadRequest as exc:
            self._finish(item_id, ItemStatus.FAILED, str(exc))
            result.failed += 1
            return
        except (NetworkError, TelegramError) as exc:
            self._network_failure(item_id, exc, slot, now, attempts, result)
            return
        with self._svc.db.write() as session:
            outbox.finish(
                session,
                item_id=item_id,
                status=ItemStatus.SENT,
                now=self._svc.now(),
                message_id=message.message_id,
            )
        result.sent += 1

    def _network_failure(
        self,
        item_id: int,
        exc: TelegramError,
        slot: Slot,
        now: datetime,
        attempts: int,
        result: DrainResult,
    ) -> None:
        """A send that never reached Telegram gives its slot back and is retried; one that
        Telegram answered with an error is retried; one whose outcome is unknown is not sent
        again (it may have arrived), so nobody gets it twice."""
        error = str(exc) or type(exc).__name__
        cause = None if exc.__cause__ is None else type(exc.__cause__).__name__
        kind = send_failure(cause, timed_out=isinstance(exc, TimedOut))
        if kind is SendFailure.UNKNOWN:
            logger.warning(
                "outbox: row %d may have been delivered (%s); not sent again", item_id, error
            )
            self._finish(item_id, ItemStatus.FAILED, f"network error, {OUTCOME_UNKNOWN}: {error}")
            result.failed += 1
            return
        if kind is SendFailure.NOT_REACHED:
            self._limiter.refund(slot)
        wait = backoff(attempts, self._rng.random())
        self._retry(item_id, error, now + wait, attempts, result)

    def _finish(self, item_id: int, status: ItemStatus, error: str) -> None:
        with self._svc.db.write() as session:
            outbox.finish(session, item_id=item_id, status=status, now=self._svc.now(), error=error)

    def _retry(
        self,
        item_id: int,
        error: str,
        at: datetime,
        attempts: int,
        result: DrainResult,
        *,
        count_attempt: bool = True,
    ) -> None:
        with self._svc.db.write() as session:
            if count_attempt and gives_up(attempts):
                outbox.finish(
                    session,
                    item_id=item_id,
                    status=ItemStatus.FAILED,
                    now=self._svc.now(),
                    error=error,
                )
                result.failed += 1
                return
            if not count_attempt:
                item = session.get(OutboxItem, item_id)
                if item is not None:
                    item.attempts = max(0, item.attempts - 1)
                    session.add(item)
            outbox.finish(
                session,
                item_id=item_id,
                status=ItemStatus.PENDING,
                now=self._svc.now(),
                error=error,
                next_attempt_at=at,
            )
        result.retried += 1

    async def _report_unreachable(self, item_ids: list[int]) -> None:
        """Tell each broadcast's author who could not be reached (bot blocked or chat gone)."""
        by_author: dict[int, list[str]] = {}
        with self._svc.db.read() as session:
            for item_id in item_ids:
                item = session.get(OutboxItem, item_id)
                if item is None:
                    continue
                broadcast = session.get(Broadcast, item.broadcast_id)
                if broadcast is None or broadcast.created_by_user_id is None:
                    continue
                author = users.get_user(session, broadcast.created_by_user_id)
                person = None if item.user_id is None else users.get_user(session, item.user_id)
                if author is None:
                    continue
                name = person.full_name if person else texts.TALLY_UNKNOWN_PERSON
                by_author.setdefault(author.telegram_id, []).append(name)
        for chat_id, names in by_author.items():
            try:
                await self._bot.send_message(
                    chat_id, texts.OUTBOX_UNREACHABLE.format(names=texts.esc(", ".join(names)))
                )
            except TelegramError:
                logger.warning("could not tell chat %s about unreachable recipients", chat_id)
        if self._on_unreachable is not None:
            self._on_unreachable(item_ids)


def _seconds(retry_after: int | float | timedelta) -> float:
    if isinstance(retry_after, timedelta):
        return retry_after.total_seconds()
    return float(retry_after)
