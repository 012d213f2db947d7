"""Updates of different people run side by side; one person's updates run in order.

PTB processes updates one at a time unless the application is built with concurrent
updates; then one person's slow update (a huge workbook being read) kept everyone else
waiting for its end. :class:`PerPersonOrder` lets updates run concurrently but holds each
update until the updates before it of the same user or chat are done, so a conversation
(keyed by chat and user) still sees its updates one by one, in the order they came.

Updates without a user and a chat share one key, in order among themselves. Locks are
taken in one global order (sorted keys), so two updates never wait for each other.
Jobs (outbox, reminders) already ran beside updates before; the database's write lock is
never held across an ``await`` (use cases are synchronous), so nothing new interleaves
inside a transaction.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

# Updates processed at the same time; more wait for a free place (in arrival order).
MAX_CONCURRENT_UPDATES = 256

_Key = tuple[str, int]
_NO_ONE: _Key = ("nobody", 0)


def order_keys(update: object) -> list[_Key]:
    """What an update must wait for: its user's and its chat's earlier updates."""
    if not isinstance(update, Update):
        return [_NO_ONE]
    keys: set[_Key] = set()
    if update.effective_user is not None:
        keys.add(("user", update.effective_user.id))
    if update.effective_chat is not None:
        keys.add(("chat", update.effective_chat.id))
    return sorted(keys) or [_NO_ONE]


class PerPersonOrder(BaseUpdateProcessor):
    """Concurrent updates, in order per user and per chat (asyncio locks wake in FIFO order)."""

    def __init__(self, max_concurrent_updates: int = MAX_CONCURRENT_UPDATES) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[_Key, asyncio.Lock] = {}
        self._users: dict[_Key, int] = {}  # updates holding or waiting for each lock

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        keys = order_keys(update)
        for key in keys:
            self._users[key] = self._users.get(key, 0) + 1
        held: list[asyncio.Lock] = []
        try:
            for key in keys:
                lock = self._locks.setdefault(key, asyncio.Lock())
                await lock.acquire()
                held.append(lock)
            await coroutine
        finally:
            for lock in reversed(held):
                lock.release()
            for key in keys:
                self._users[key] -= 1
                if not self._users[key]:  # nobody else waits: forget the lock
                    del self._users[key]
                    self._locks.pop(key, None)
            if not held or len(held) < len(keys):
                # Cancelled while waiting: the coroutine never ran; close it quietly.
                close = getattr(coroutine, "close", None)
                if callable(close):
                    close()

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""
