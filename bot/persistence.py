"""PTB persistence on our own database: conversation states, user data and chat data.

Data is stored as JSON (never pickle), so a draft survives a restart and stays readable.
Writes go straight to the database; ``flush`` has nothing left to do.

PTB hands over the user and chat data of every update, changed or not. We remember the JSON
text each row holds (as loaded or last written) and touch the database only for a key whose
text changed, or a row that has to go: an update that changed nothing writes nothing, and
one that changed a draft writes that row before the next update is processed.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from telegram.ext import BasePersistence, PersistenceInput
from telegram.ext._utils.types import ConversationDict, ConversationKey

from bot.core.clock import Clock
from storage import state
from storage.db import Database

logger = logging.getLogger(__name__)

Data = dict[str, Any]

_USER = "user_data"
_CHAT = "chat_data"


def _conversation_namespace(name: str) -> str:
    return f"conv:{name}"


class DatabasePersistence(BasePersistence[Data, Data, Data]):
    """Keeps conversations, user_data and chat_data in the ``persisted_state`` table."""

    def __init__(self, db: Database, clock: Clock, *, update_interval: float = 5) -> None:
        super().__init__(
            store_data=PersistenceInput(bot_data=False, callback_data=False),
            update_interval=update_interval,
        )
        self._db = db
        self._clock = clock
        # What the database holds, per namespace: key -> JSON text. This process is the only
        # writer of these rows, so after a namespace was read once this is exact.
        self._stored: dict[str, dict[str, str]] = {}

    def _rows(self, namespace: str) -> dict[str, str]:
        """The stored rows of ``namespace`` (read from the database the first time)."""
        rows = self._stored.get(namespace)
        if rows is None:
            with self._db.read() as session:
                rows = state.load_namespace(session, namespace)
            self._stored[namespace] = rows
        return rows

    def _holds(self, namespace: str, key: str, data: Data) -> bool:
        if not data:
            return key not in self._rows(namespace)
        try:
            text = json.dumps(data, ensure_ascii=False, sort_keys=True)
        except (TypeError, ValueError):
            return False  # let the regular path report it
        return self._rows(namespace).get(key) == text

    def holds_user_data(self, user_id: int, data: Data) -> bool:
        """Whether the database holds exactly ``data`` for this user (nothing to write)."""
        return self._holds(_USER, str(user_id), data)

    def holds_chat_data(self, chat_id: int, data: Data) -> bool:
        """Whether the database holds exactly ``data`` for this chat (nothing to write)."""
        return self._holds(_CHAT, str(chat_id), data)

    def _save(self, namespace: str, key: str, value: object) -> None:
        try:
            text = json.dumps(value, ensure_ascii=False, sort_keys=True)
        except (TypeError, ValueError):
            logger.exception("not JSON-serialisable, not persisted: %s/%s", namespace, key)
            return
        rows = self._rows(namespace)
        if rows.get(key) == text:
            return
        with self._db.write() as session:
            state.save(session, namespace=namespace, key=key, data_json=text, now=self._clock.now())
        rows[key] = text

    def _delete(self, namespace: str, key: str) -> None:
        rows = self._rows(namespace)
        if key not in rows:
            return
        with self._db.write() as session:
            state.delete(session, namespace=namespace, key=key)
        del rows[key]

    def _load(self, namespace: str) -> dict[str, str]:
        """Read ``namespace`` afresh (PTB asks once, when the application initialises)."""
        self._stored.pop(namespace, None)
        return dict(self._rows(namespace))

    def _load_int_keyed(self, namespace: str) -> dict[int, Data]:
        return {int(key): json.loads(text) for key, text in self._load(namespace).items()}

    async def get_user_data(self) -> dict[int, Data]:
        return self._load_int_keyed(_USER)

    async def get_chat_data(self) -> dict[int, Data]:
        return self._load_int_keyed(_CHAT)

    async def get_bot_data(self) -> Data:
        return {}

    async def get_callback_data(self) -> None:
        return None

    async def get_conversations(self, name: str) -> ConversationDict:
        rows = self._load(_conversation_namespace(name))
        return {tuple(json.loads(key)): json.loads(text) for key, text in rows.items()}

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        namespace = _conversation_namespace(name)
        text_key = json.dumps(list(key))
        if new_state is None:
            self._delete(namespace, text_key)
        else:
            self._save(namespace, text_key, new_state)

    async def update_user_data(self, user_id: int, data: Data) -> None:
        if data:
            self._save(_USER, str(user_id), data)
        else:
            self._delete(_USER, str(user_id))

    async def update_chat_data(self, chat_id: int, data: Data) -> None:
        if data:
            self._save(_CHAT, str(chat_id), data)
        else:
            self._delete(_CHAT, str(chat_id))

    async def update_bot_data(self, data: Data) -> None:
        """Bot-wide data is not persisted: it holds the live services."""

    async def update_callback_data(self, data: Any) -> None:
        """Arbitrary callback data is not used: buttons carry short ids."""

    async def drop_chat_data(self, chat_id: int) -> None:
        self._delete(_CHAT, str(chat_id))

    async def drop_user_data(self, user_id: int) -> None:
        self._delete(_USER, str(user_id))

    async def refresh_user_data(self, user_id: int, user_data: Data) -> None:
        """This process is the only writer; nothing to refresh."""

    async def refresh_chat_data(self, chat_id: int, chat_data: Data) -> None:
        """This process is the only writer; nothing to refresh."""

    async def refresh_bot_data(self, bot_data: Data) -> None:
        """Bot-wide data is not persisted."""

    async def flush(self) -> None:
        """Every change was written when it was handed over."""
