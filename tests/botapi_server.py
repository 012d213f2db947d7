"""A Bot-API-compatible HTTP server on loopback, for running the real program against it.

It answers ``/bot<token>/<method>`` (form, multipart or JSON bodies, GET or POST) with
the answering logic of ``FakeBotApi``, serves ``getUpdates`` long polling from a queue
the test fills, and the file download at ``/file/bot<token>/<path>``. Standard library
only; one thread per request, every socket closed by ``stop()``.
"""

from __future__ import annotations

import email.parser
import email.policy
import itertools
import json
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from telegram.error import NetworkError

from bot.devtools.fake_bot_api import ApiCall, FakeBotApi, Shown

# How long one getUpdates call may wait for an update, whatever timeout the bot asks for.
POLL_CAP = 1.0
DEFAULT_WAIT = 20.0

# PTB sends every parameter JSON-encoded except strings, which it sends as they are; these
# parameters are free text (or ids given as text) and must never be decoded as JSON.
_TEXT_PARAMS = frozenset(
    {
        "text",
        "caption",
        "callback_query_id",
        "inline_message_id",
        "file_id",
        "url",
        "parse_mode",
        "title",
        "description",
        "short_description",
        "name",
        "language_code",
        "query",
        "document",
        "photo",
        "business_connection_id",
    }
)

_message_ids = itertools.count(1)
_callback_ids = itertools.count(1)


def _decode(name: str, value: str) -> Any:
    if name in _TEXT_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _json(status: int, body: dict[str, Any]) -> tuple[int, bytes, str]:
    return status, json.dumps(body).encode(), "application/json"


def _error(status: int, description: str) -> tuple[int, bytes, str]:
    return _json(status, {"ok": False, "error_code": status, "description": description})


class _Dropped(Exception):
    """Close the connection without an answer (a simulated network failure)."""


class _Handler(BaseHTTPRequestHandler):
    # HTTP/1.0: one request per connection, so no idle keep-alive sockets linger.
    protocol_version = "HTTP/1.0"
    timeout = 10  # seconds a silent client may hold a handler thread
    server: _HttpServer

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the request line contains the token."""

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        try:
            status, content, content_type = self.server.owner.handle(
                self.command, self.path, self.headers.get("Content-Type", ""), body
            )
        except _Dropped:
            self.close_connection = True
            return
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)


class _HttpServer(ThreadingHTTPServer):
    daemon_threads = False  # server_close() joins the request threads
    owner: BotApiServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return  # the client went away (e.g. the bot was stopped mid long-poll)
        super().handle_error(request, client_address)


class BotApiServer:
    """The Bot API for one bot token on ``http://127.0.0.1:<port>``.

    ``url`` is what TELEGRAM_API_BASE_URL should be set to. ``api`` holds what the bot
    did (calls, and the messages shown in each chat); read it under ``lock``.
    """

    def __init__(
        self, token: str, *, api: FakeBotApi | None = None, poll_cap: float = POLL_CAP
    ) -> None:
        self.token = token
        self.poll_cap = poll_cap
        self.api = api or FakeBotApi(clock_timestamp=time.time)
        self.lock = threading.Condition()
        self._updates: list[dict[str, Any]] = []
        self._last_update_id = 0
        self._closing = False
        self._http: _HttpServer | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle ----------------------------------------------------------------

    def start(self) -> None:
        http = _HttpServer(("127.0.0.1", 0), _Handler)
        http.owner = self
        self._http = http
        self._thread = threading.Thread(
            target=http.serve_forever, kwargs={"poll_interval": 0.05}, name="botapi-server"
        )
        self._thread.start()

    def stop(self) -> None:
        """Wake the long polls, stop serving, close every socket, join every thread."""
        with self.lock:
            self._closing = True
            self.lock.notify_all()
        if self._http is not None:
            self._http.shutdown()
            self._http.server_close()
        if self._thread is not None:
            self._thread.join()
        self._http, self._thread = None, None

    @property
    def port(self) -> int:
        assert self._http is not None, "server not started"
        return int(self._http.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # --- what the test does -------------------------------------------------------

    def push(self, update: dict[str, Any]) -> int:
        """Queue an update (``update_id`` is added when missing) for getUpdates."""
        with self.lock:
            if "update_id" not in update:
                update = {"update_id": self._last_update_id + 1, **update}
            self._last_update_id = max(self._last_update_id, int(update["update_id"]))
            self._updates.append(update)
            self.lock.notify_all()
            return int(update["update_id"])

    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates the bot has not confirmed yet (by asking for a higher offset)."""
        with self.lock:
            return list(self._updates)

    def mark(self) -> int:
        """A position in the transcript; ``wait_for_message(after=mark)`` looks past it."""
        with self.lock:
            return len(self.api.transcript)

    def calls_of(self, method: str) -> list[ApiCall]:
        with self.lock:
            return self.api.calls_of(method)

    def wait_for_message(
        self,
        chat_id: int,
        contains: str | Callable[[Shown], bool],
        *,
        after: int = 0,
        timeout: float = DEFAULT_WAIT,
    ) -> Shown:
        """The first message shown (sent or edited) in ``chat_id`` since ``after`` whose
        plain text contains ``contains`` (or which satisfies it, if it is a function).
        Raises TimeoutError, listing what the chat shows, after ``timeout`` seconds."""

        def matches(message: Shown) -> bool:
            if callable(contains):
                return contains(message)
            return contains in message.plain

        deadline = time.monotonic() + timeout
        with self.lock:
            while True:
                for message in self.api.transcript[after:]:
                    if message.chat_id == chat_id and matches(message):
                        return message
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = [m.plain for m in self.api.transcript[after:] if m.chat_id == chat_id]
                    raise TimeoutError(
                        f"no message matching {contains!r} in chat {chat_id} after "
                        f"{timeout}s; it shows: {seen!r}"
                    )
                self.lock.wait(min(remaining, 0.2))

    def wait_for_call(
        self,
        method: str,
        where: Callable[[ApiCall], bool] | None = None,
        *,
        timeout: float = DEFAULT_WAIT,
    ) -> ApiCall:
        """The first call of ``method`` (for which ``where`` holds), waiting up to
        ``timeout`` seconds for it; TimeoutError if none comes."""
        deadline = time.monotonic() + timeout
        with self.lock:
            while True:
                for call in self.api.calls_of(method):
                    if where is None or where(call):
                        return call
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"no matching {method} call within {timeout}s")
                self.lock.wait(min(remaining, 0.2))

    # --- serving ------------------------------------------------------------------

    def handle(
        self, verb: str, target: str, content_type: str, body: bytes
    ) -> tuple[int, bytes, str]:
        """Answer one HTTP request: status, body and content type."""
        parts = urlsplit(target)
        path = unquote(parts.path)
        if path.startswith("/file/bot"):
            token, _, file_path = path.removeprefix("/file/bot").partition("/")
            if token != self.token:
                return _error(401, "Unauthorized")
            with self.lock:
                status, content = self.api.download(file_path)
            return status, content, "application/octet-stream"
        if not path.startswith("/bot"):
            return _error(404, "Not Found")
        token, _, method = path.removeprefix("/bot").partition("/")
        if token != self.token:
            return _error(401, "Unauthorized")
        if not method or "/" in method:
            return _error(404, "Not Found")
        params = {name: _decode(name, value) for name, value in parse_qsl(parts.query)}
        files: dict[str, tuple[str, bytes, str]] = {}
        try:
            params.update(_parse_body(content_type, body, files))
        except ValueError as exc:
            return _error(400, f"Bad Request: {exc}")
        if method == "getUpdates":
            with self.lock:
                # A failure queued with api.fail_next (e.g. 409 Conflict: another poller).
                failure = self.api._next_failure(method)
                if failure is not None:
                    self.api.calls.append(ApiCall("getUpdates", params))
                    self.lock.notify_all()
            if failure is not None:
                return _error(failure.status, failure.description)
            return _json(200, {"ok": True, "result": self._get_updates(params)})
        with self.lock:
            if method == "deleteWebhook" and params.get("drop_pending_updates"):
                self._updates.clear()
            try:
                status, content = self.api.respond(method, params, files)
            except NetworkError as exc:
                raise _Dropped from exc
            finally:
                self.lock.notify_all()
        return status, content, "application/json"

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        wait = min(float(params.get("timeout") or 0), self.poll_cap)
        deadline = time.monotonic() + wait
        with self.lock:
            self.api.calls.append(ApiCall("getUpdates", params))
            # An offset confirms every update below it: Telegram forgets them.
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while True:
                if self._updates or self._closing:
                    return list(self._updates[:limit])
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return []
                self.lock.wait(remaining)


def _parse_body(
    content_type: str, body: bytes, files: dict[str, tuple[str, bytes, str]]
) -> dict[str, Any]:
    """The parameters of a request body; uploaded files go into ``files``."""
    if not body:
        return {}
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind == "application/json":
        data = json.loads(body)
        if not isinstance(data, dict):
            raise ValueError("the JSON body must be an object")
        return data
    if kind == "application/x-www-form-urlencoded":
        text = body.decode("utf-8")
        return {name: _decode(name, value) for name, value in parse_qsl(text, True)}
    if kind == "multipart/form-data":
        header = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(header + body)
        if not message.is_multipart():
            raise ValueError("a multipart body without parts")
        params: dict[str, Any] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if not isinstance(name, str):
                continue
            raw = part.get_payload(decode=True)
            content = raw if isinstance(raw, bytes) else b""
            file_name = part.get_filename()
            if file_name is not None:
                files[name] = (file_name, content, part.get_content_type())
            else:
                params[name] = _decode(name, content.decode(part.get_content_charset() or "utf-8"))
        return params
    raise ValueError(f"unsupported content type {content_type!r}")


@contextmanager
def running_server(token: str, *, poll_cap: float = POLL_CAP) -> Iterator[BotApiServer]:
    """A started server, stopped (every socket closed) at the end."""
    server = BotApiServer(token, poll_cap=poll_cap)
    server.start()
    try:
        yield server
    finally:
        server.stop()


# --- updates, as Telegram delivers them -----------------------------------------------


def user_dict(telegram_id: int, first_name: str = "Pengguna") -> dict[str, Any]:
    return {"id": telegram_id, "is_bot": False, "first_name": first_name, "language_code": "id"}


def message_update(telegram_id: int, text: str, *, first_name: str = "Pengguna") -> dict[str, Any]:
    """A private-chat text message; a leading /command carries its ``bot_command`` entity."""
    message: dict[str, Any] = {
        "message_id": next(_message_ids),
        "date": int(time.time()),
        "chat": {"id": telegram_id, "type": "private", "first_name": first_name},
        "from": user_dict(telegram_id, first_name),
        "text": text,
    }
    if text.startswith("/"):
        command = text.split()[0]
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
    return {"message": message}


def callback_update(
    telegram_id: int,
    data: str,
    on: Shown,
    bot_user: dict[str, Any],
    *,
    first_name: str = "Pengguna",
) -> dict[str, Any]:
    """A press of the button with callback ``data`` on the bot's message ``on``."""
    return {
        "callback_query": {
            "id": f"cq{next(_callback_ids)}",
            "from": user_dict(telegram_id, first_name),
            "chat_instance": f"ci{telegram_id}",
            "data": data,
            "message": on.to_message_dict(bot_user, int(time.time())),
        }
    }
