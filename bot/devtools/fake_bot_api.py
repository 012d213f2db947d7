"""A fake Telegram Bot API: a ``BaseRequest`` that answers and records every call.

It keeps what the bot showed in each chat (messages, edits, documents, button rows),
serves uploaded files to ``getFile`` and the file download, and can be told to fail
the next calls of a method (flood-wait, network error, blocked user).
"""

from __future__ import annotations

import html
import itertools
import json
import re
from dataclasses import dataclass, field
from typing import Any

import httpx
from telegram.error import NetworkError
from telegram.request import BaseRequest, RequestData

BOT_ID = 7_000_000_001
BOT_USERNAME = "KinerjaPbjBot"


@dataclass
class ApiCall:
    """One Bot API call the bot made."""

    method: str
    params: dict[str, Any]
    files: dict[str, tuple[str, bytes, str]] = field(default_factory=dict)


@dataclass
class Shown:
    """A message as the user sees it now (edits applied)."""

    chat_id: int
    message_id: int
    text: str
    buttons: list[list[tuple[str, str]]]
    document: tuple[str, bytes, str] | None = None
    edited: bool = False

    @property
    def plain(self) -> str:
        """The text without HTML tags and entities, as the phone renders it."""
        return html.unescape(re.sub(r"<[^>]+>", "", self.text))

    @property
    def button_texts(self) -> list[str]:
        return [text for row in self.buttons for text, _ in row]

    def callback_data(self, label: str) -> str:
        """The callback data of the button whose text contains ``label``."""
        for row in self.buttons:
            for text, data in row:
                if label in text:
                    return data
        raise LookupError(f"no button {label!r} among {self.button_texts}")

    def to_message_dict(self, bot_user: dict[str, Any], date: int) -> dict[str, Any]:
        data: dict[str, Any] = {
            "message_id": self.message_id,
            "date": date,
            "chat": {"id": self.chat_id, "type": "private"},
            "from": bot_user,
        }
        if self.document is not None:
            data["caption"] = self.text
        else:
            data["text"] = self.text
        if self.buttons:
            data["reply_markup"] = {
                "inline_keyboard": [
                    [{"text": text, "callback_data": cb} for text, cb in row]
                    for row in self.buttons
                ]
            }
        return data


@dataclass
class Failure:
    """What the next call of a method answers instead of success."""

    status: int = 0
    description: str = ""
    retry_after: int | None = None
    network: bool = False
    # With ``network``: the request never left (a connect error, as PTB raises it), so
    # sending it again cannot double it; otherwise its answer was lost.
    not_reached: bool = False


def _buttons(markup: Any) -> list[list[tuple[str, str]]]:
    if not isinstance(markup, dict):
        return []
    rows = markup.get("inline_keyboard", [])
    return [
        [(b.get("text", ""), b.get("callback_data", b.get("url", ""))) for b in row] for row in rows
    ]


def _shown_length(text: str, parse_mode: object) -> int:
    """UTF-16 length of the text as shown (tags and entities of HTML parsed), as Telegram
    counts it."""
    if str(parse_mode).upper() == "HTML":
        text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return len(text.encode("utf-16-le")) // 2


def _too_long(method: str, params: dict[str, Any]) -> str:
    """Telegram's refusal of a text or caption over its limit ("" when it fits)."""
    mode = params.get("parse_mode")
    text, caption = params.get("text"), params.get("caption")
    is_message = method in ("sendMessage", "editMessageText")
    if is_message and isinstance(text, str) and _shown_length(text, mode) > 4096:
        return "Bad Request: message is too long"
    if method == "answerCallbackQuery" and isinstance(text, str) and len(text) > 200:
        return "Bad Request: message is too long"
    if isinstance(caption, str) and _shown_length(caption, mode) > 1024:
        return "Bad Request: message caption is too long"
    media = params.get("media")
    items = media if isinstance(media, list) else [media]
    for item in (i for i in items if isinstance(i, dict)):
        caption = item.get("caption")
        if isinstance(caption, str) and _shown_length(caption, item.get("parse_mode", mode)) > 1024:
            return "Bad Request: message caption is too long"
    return ""


class FakeBotApi(BaseRequest):
    """Answers the Bot API in-process; ``calls`` and ``shown`` record what happened."""

    def __init__(self, *, clock_timestamp: Any = None) -> None:
        self.calls: list[ApiCall] = []
        self.shown: dict[tuple[int, int], Shown] = {}
        self.transcript: list[Shown] = []
        self.files: dict[str, bytes] = {}
        self.blocked_chats: set[int] = set()
        self._failures: dict[str, list[Failure]] = {}
        self._ids = itertools.count(1000)
        self._clock_timestamp = clock_timestamp
        self.bot_user = {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Kinerja PBJ",
            "username": BOT_USERNAME,
            "can_join_groups": False,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    # --- BaseRequest --------------------------------------------------------------

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        if "/file/bot" in url:
            return self.download(url.split("/file/bot", 1)[1].split("/", 1)[1])
        api_method = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        files: dict[str, tuple[str, bytes, str]] = {}
        if request_data is not None and request_data.contains_files:
            for name, part in request_data.multipart_data.items():
                file_name, content, mime = part[0], part[1], part[2] if len(part) > 2 else ""
                raw = content if isinstance(content, bytes) else content.read()
                files[name] = (str(file_name), raw, str(mime))
        return self.respond(api_method, params, files)

    # --- the answering logic, also served over HTTP by tests/botapi_server.py ------

    def respond(
        self,
        method: str,
        params: dict[str, Any],
        files: dict[str, tuple[str, bytes, str]] | None = None,
    ) -> tuple[int, bytes]:
        """Record one Bot API call and answer it: HTTP status and JSON body.

        Raises ``NetworkError`` when a network failure was requested with ``fail_next``.
        """
        files = files or {}
        self.calls.append(ApiCall(method, params, files))
        failure = self._next_failure(method)
        if failure is not None:
            if failure.network and failure.not_reached:
                cause = httpx.ConnectError(failure.description or "connection refused")
                raise NetworkError(f"httpx.ConnectError: {cause}") from cause
            if failure.network:
                raise NetworkError(failure.description or "fake network error")
            return self._error(failure)
        chat_id = params.get("chat_id")
        if isinstance(chat_id, int) and chat_id in self.blocked_chats:
            return self._error(Failure(403, "Forbidden: bot was blocked by the user"))
        too_long = _too_long(method, params)
        if too_long:
            return self._error(Failure(400, too_long))
        result = self._answer(method, params, files)
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def download(self, path: str) -> tuple[int, bytes]:
        """The file download at ``<file base url><token>/<path>``: status and content."""
        if path in self.files:
            return 200, self.files[path]
        return 404, b"Not Found"

    # --- control ------------------------------------------------------------------

    def fail_next(self, method: str, failure: Failure, times: int = 1) -> None:
        """Make the next ``times`` calls of ``method`` fail as described."""
        self._failures.setdefault(method, []).extend([failure] * times)

    def add_file(self, file_id: str, content: bytes) -> str:
        """Make a file downloadable; returns its file_path."""
        path = f"documents/{file_id}"
        self.files[path] = content
        return path

    def calls_of(self, method: str) -> list[ApiCall]:
        return [call for call in self.calls if call.method == method]

    def chat(self, chat_id: int) -> list[Shown]:
        """Every message shown in a chat, oldest first, each in its current (edited) form."""
        return [m for m in self.shown.values() if m.chat_id == chat_id]

    def next_id(self) -> int:
        return next(self._ids)

    # --- answers ------------------------------------------------------------------

    def _next_failure(self, method: str) -> Failure | None:
        queue = self._failures.get(method)
        return queue.pop(0) if queue else None

    @staticmethod
    def _error(failure: Failure) -> tuple[int, bytes]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": failure.status,
            "description": failure.description,
        }
        if failure.retry_after is not None:
            body["parameters"] = {"retry_after": failure.retry_after}
        return failure.status, json.dumps(body).encode()

    def _date(self) -> int:
        if callable(self._clock_timestamp):
            return int(self._clock_timestamp())
        return 0

    def _record(self, shown: Shown) -> dict[str, Any]:
        self.shown[(shown.chat_id, shown.message_id)] = shown
        self.transcript.append(shown)
        return shown.to_message_dict(self.bot_user, self._date())

    def _send_file(
        self, method: str, params: dict[str, Any], files: dict[str, tuple[str, bytes, str]]
    ) -> Any:
        kind = "document" if method == "sendDocument" else "photo"
        document = files.get(kind)
        if document is None and isinstance(params.get(kind), str):
            file_id = str(params[kind])
            document = (file_id, self.files.get(f"documents/{file_id}", b""), "")
        message = Shown(
            chat_id=int(params["chat_id"]),
            message_id=self.next_id(),
            text=str(params.get("caption", "")),
            buttons=_buttons(params.get("reply_markup")),
            document=document,
        )
        data = self._record(message)
        file_id = f"sent-{message.message_id}"
        if document is not None:
            self.add_file(file_id, document[1])
        data["document"] = {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_name": document[0] if document else "",
            "file_size": len(document[1]) if document else 0,
        }
        return data

    def _send_album(
        self, params: dict[str, Any], files: dict[str, tuple[str, bytes, str]]
    ) -> list[Any]:
        """An album: one message per item, each with its caption."""
        sent = []
        for item in params.get("media") or []:
            media = str(item.get("media", ""))
            attached = files.get(media.removeprefix("attach://"))
            message = Shown(
                chat_id=int(params["chat_id"]),
                message_id=self.next_id(),
                text=str(item.get("caption", "")),
                buttons=[],
                document=attached or (media, self.files.get(f"documents/{media}", b""), ""),
            )
            sent.append(self._record(message))
        return sent

    def _answer(
        self, method: str, params: dict[str, Any], files: dict[str, tuple[str, bytes, str]]
    ) -> Any:
        if method == "getMe":
            return self.bot_user
        if method == "sendMessage":
            return self._record(
                Shown(
                    chat_id=int(params["chat_id"]),
                    message_id=self.next_id(),
                    text=str(params.get("text", "")),
                    buttons=_buttons(params.get("reply_markup")),
                )
            )
        if method in ("sendDocument", "sendPhoto"):
            return self._send_file(method, params, files)
        if method == "sendMediaGroup":
            return self._send_album(params, files)
        if method in ("editMessageText", "editMessageReplyMarkup", "editMessageCaption"):
            key = (int(params["chat_id"]), int(params["message_id"]))
            current = self.shown.get(key)
            if current is None:
                return True
            if method == "editMessageText":
                current.text = str(params.get("text", ""))
            if method == "editMessageCaption":
                current.text = str(params.get("caption", ""))
            current.buttons = _buttons(params.get("reply_markup"))
            current.edited = True
            self.transcript.append(current)
            return current.to_message_dict(self.bot_user, self._date())
        if method == "getFile":
            file_id = str(params["file_id"])
            path = f"documents/{file_id}"
            return {
                "file_id": file_id,
                "file_unique_id": f"u{file_id}",
                "file_size": len(self.files.get(path, b"")),
                "file_path": path,
            }
        if method == "getUpdates":
            return []
        return True
