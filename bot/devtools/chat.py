"""Drive an application like a person with a phone: send text, commands, files; press buttons.

Each action builds a real ``Update`` (bound to the bot), has the application process it,
and returns the messages the bot showed in that person's chat as a result.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.devtools.fake_bot_api import FakeBotApi, Shown

_update_ids = itertools.count(1)


@dataclass
class Person:
    """A Telegram user talking to the bot in a private chat."""

    app: Application[Any, Any, Any, Any, Any, Any]
    api: FakeBotApi
    telegram_id: int
    first_name: str = "Pengguna"
    timestamp: Any = None
    _message_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _last_update: dict[str, Any] | None = None

    @property
    def user(self) -> dict[str, Any]:
        return {
            "id": self.telegram_id,
            "is_bot": False,
            "first_name": self.first_name,
            "language_code": "id",
        }

    def _date(self) -> int:
        return int(self.timestamp()) if callable(self.timestamp) else 0

    def _message(self, **content: Any) -> dict[str, Any]:
        return {
            "message_id": next(self._message_ids),
            "date": self._date(),
            "chat": {"id": self.telegram_id, "type": "private", "first_name": self.first_name},
            "from": self.user,
            **content,
        }

    async def _process(self, data: dict[str, Any]) -> list[Shown]:
        data = {"update_id": next(_update_ids), **data}
        self._last_update = data
        before = len(self.api.transcript)
        await self.app.process_update(Update.de_json(data, self.app.bot))
        return [m for m in self.api.transcript[before:] if m.chat_id == self.telegram_id]

    async def redeliver(self) -> list[Shown]:
        """Deliver this person's last update once more, same id (a webhook retry, or a
        redelivery after a crash)."""
        assert self._last_update is not None, "nothing delivered yet"
        return await self._process(self._last_update)

    async def send(self, text: str) -> list[Shown]:
        """Type a message; a leading /command gets its bot_command entity as Telegram does."""
        content: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            command = text.split()[0]
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return await self._process({"message": self._message(**content)})

    async def command(self, name: str, *args: str) -> list[Shown]:
        return await self.send(" ".join([f"/{name}", *args]))

    async def press(self, label: str, on: Shown | None = None) -> list[Shown]:
        """Press the button whose text contains ``label`` on ``on`` (default: the newest
        message in this chat that has such a button)."""
        message = on or self._with_button(label)
        return await self.press_data(message.callback_data(label), message)

    async def press_data(self, data: str, on: Shown) -> list[Shown]:
        """Send a callback query with exactly ``data`` from message ``on``."""
        query = {
            "id": str(next(_update_ids)),
            "from": self.user,
            "chat_instance": f"ci{self.telegram_id}",
            "data": data,
            "message": on.to_message_dict(self.api.bot_user, self._date()),
        }
        return await self._process({"callback_query": query})

    async def upload(
        self,
        file_name: str,
        content: bytes,
        mime_type: str,
        caption: str | None = None,
        *,
        file_size: int | None = None,
    ) -> list[Shown]:
        """Send a file as a document (``file_size`` overrides the size Telegram reports)."""
        file_id = f"up{self.telegram_id}x{len(self.api.files)}"
        self.api.add_file(file_id, content)
        document = {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_name": file_name,
            "mime_type": mime_type,
            "file_size": len(content) if file_size is None else file_size,
        }
        extra: dict[str, Any] = {"document": document}
        if caption:
            extra["caption"] = caption
        return await self._process({"message": self._message(**extra)})

    async def photo(self, content: bytes, *, album: str | None = None) -> list[Shown]:
        """Send a photo; photos sharing ``album`` arrive as one Telegram album."""
        file_id = f"ph{self.telegram_id}x{len(self.api.files)}"
        self.api.add_file(file_id, content)
        sizes = [
            {
                "file_id": file_id,
                "file_unique_id": f"u{file_id}",
                "width": 800,
                "height": 600,
                "file_size": len(content),
            }
        ]
        extra: dict[str, Any] = {"photo": sizes}
        if album:
            extra["media_group_id"] = album
        return await self._process({"message": self._message(**extra)})

    def _with_button(self, label: str) -> Shown:
        for message in reversed(self.api.chat(self.telegram_id)):
            if any(label in text for text in message.button_texts):
                return message
        raise LookupError(f"no message in chat {self.telegram_id} has a button {label!r}")

    @property
    def last(self) -> Shown:
        """The newest message the bot showed this person."""
        chat = self.api.chat(self.telegram_id)
        if not chat:
            raise LookupError(f"the bot has shown nothing in chat {self.telegram_id}")
        return chat[-1]
