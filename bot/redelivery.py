"""An update delivered twice (a webhook retry, a redelivery after a crash) is processed once.

An update's id is recorded in ``processed_update`` inside the first write transaction the
update makes, so the record and the update's first effect (a submission, a decision, an
acknowledgement, a stored answer) commit together or not at all. A later delivery of the
same id is skipped before any handler runs. An update that writes nothing (a /status) leaves
no row: done again after a crash it changes nothing; within one process it is still skipped
(the ids seen lately are kept in memory). Ids are pruned after two days (Telegram keeps an
unconfirmed update for one).
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from datetime import timedelta

from sqlmodel import Session

from bot.services import Services
from storage import updates

logger = logging.getLogger(__name__)

UPDATE_ID_KEPT = timedelta(days=2)
PRUNE_EVERY = 500  # claims between two prunings
SEEN_IN_MEMORY = 2000


class Redeliveries:
    """Tells a redelivered update from a new one and records the ones that wrote."""

    def __init__(self) -> None:
        self._recent: deque[int] = deque(maxlen=SEEN_IN_MEMORY)
        self._recent_set: set[int] = set()
        self._highest_before: int | None = None  # the highest id recorded before we started
        self.claims = 0

    def first_delivery(self, svc: Services, update_id: int) -> bool:
        """False when this update was taken before (then it is skipped)."""
        if update_id in self._recent_set:
            return False
        if self._highest_before is None:
            with svc.db.read() as session:
                self._highest_before = updates.highest(session)
        # Telegram's ids grow: one above what was recorded before this process started is
        # new (those taken since are in memory), so only older ids cost a database read.
        taken = False
        if update_id <= self._highest_before:
            with svc.db.read() as session:
                taken = updates.taken(session, update_id)
        if taken:
            logger.info("update %s delivered again, skipped", update_id)
            return False
        if len(self._recent) == self._recent.maxlen:
            self._recent_set.discard(self._recent[0])
        self._recent.append(update_id)
        self._recent_set.add(update_id)
        return True

    def claimer(self, svc: Services, update_id: int) -> Callable[[Session], None]:
        """The hook each write transaction of the update runs first (``storage.db``)."""

        def claim(session: Session) -> None:
            now = svc.now()
            if updates.claim(session, update_id=update_id, now=now):
                self.claims += 1
                if self.claims % PRUNE_EVERY == 1:
                    updates.prune(session, before=now - UPDATE_ID_KEPT)

        return claim
