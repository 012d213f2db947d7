"""Benchmark: a broadcast to 500 recipients through the outbox, against a fake Bot API that
answers 429 (retry after 1 s) when more than 30 messages arrive within a second and fails a
few requests with network errors. Every recipient must get exactly one message; the total
time should be close to 500/30 s.

Run: python -m tests.benchmarks.broadcast [limit per second, default 30]
A lower limit (e.g. 20) shows the flood-wait path: the sender slows down when told to.
"""

from __future__ import annotations

import asyncio
import random
import sys
import tempfile
import time
from collections import Counter, deque
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from telegram.error import NetworkError
from telegram.request import RequestData

from bot.app import build_application, build_services
from bot.core.clock import SystemClock
from bot.devtools.fake_bot_api import Failure, FakeBotApi
from bot.outbox import OutboxSender
from bot.settings import Settings
from storage import outbox
from storage.models import User

RECIPIENTS = 500
LIMIT_PER_SECOND = int(sys.argv[1]) if len(sys.argv) > 1 else 30
NETWORK_ERRORS = 5


class ThrottlingBotApi(FakeBotApi):
    """Answers like Telegram under load: 429 past 30 messages a second, a few lost requests."""

    def __init__(self, *, fail_on: set[int]) -> None:
        super().__init__()
        self.window: deque[float] = deque()
        self.flood_answers = 0
        self.network_errors = 0
        self.delivered: Counter[int] = Counter()
        self._count = 0
        self._fail_on = fail_on

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, *args: Any, **kw: Any
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        if api_method != "sendMessage":
            return await super().do_request(url, method, request_data, *args, **kw)
        self._count += 1
        if self._count in self._fail_on:
            self.network_errors += 1
            raise NetworkError("injected network error")
        now = time.monotonic()
        while self.window and now - self.window[0] > 1.0:
            self.window.popleft()
        if len(self.window) >= LIMIT_PER_SECOND:
            self.flood_answers += 1
            return self._error(Failure(429, "Too Many Requests: retry after 1", 1))
        self.window.append(now)
        status, body = await super().do_request(url, method, request_data, *args, **kw)
        if status == 200 and request_data is not None:
            self.delivered[int(request_data.parameters["chat_id"])] += 1  # type: ignore[arg-type]
        return status, body


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        settings = Settings(
            _env_file=None,
            telegram_bot_token="123456:BENCH",
            database_url=f"sqlite:///{root / 'bench.db'}",
            kinerja_archive_dir=root / "arsip",
        )
        svc = build_services(settings, clock=SystemClock())
        rng = random.Random(7)
        api = ThrottlingBotApi(fail_on=set(rng.sample(range(1, RECIPIENTS), NETWORK_ERRORS)))
        app = build_application(svc, request=api)
        await app.initialize()
        now = datetime.now(UTC)
        with svc.db.write() as session:
            for n in range(RECIPIENTS):
                session.add(
                    User(
                        telegram_id=900_000 + n,
                        role="pj",
                        full_name=f"Penerima {n}",
                        nip="199001012015031004",
                        position="PJ Kinerja",
                        registered_at=now,
                        updated_at=now,
                    )
                )
            session.flush()
            recipients = [(None, 900_000 + n) for n in range(RECIPIENTS)]
            broadcast = outbox.create_broadcast(
                session,
                kind="bench",
                ref_id=None,
                text="Uji siaran",
                recipients=recipients,
                now=now,
            )
            broadcast_id = broadcast.id
        sender = OutboxSender(svc, app.bot)
        started = time.monotonic()
        result = await sender.drain(wait_for_retries=True, max_wait=300)
        elapsed = time.monotonic() - started
        with svc.db.read() as session:
            assert broadcast_id is not None
            statuses = outbox.tally(session, broadcast_id=broadcast_id)
        await app.shutdown()
        duplicates = sum(1 for c in api.delivered.values() if c > 1)
        missing = RECIPIENTS - len(api.delivered)
        ideal = RECIPIENTS / LIMIT_PER_SECOND
        print(
            f"broadcast: {RECIPIENTS} recipients in {elapsed:.1f} s "
            f"(ideal {ideal:.1f} s at {LIMIT_PER_SECOND}/s, ratio {elapsed / ideal:.2f}); "
            f"429 answers {api.flood_answers}, network errors {api.network_errors}, "
            f"retries {result.retried}; duplicates {duplicates}, missing {missing}; "
            f"rows {dict(statuses)}"
        )
        ok = duplicates == 0 and missing == 0 and statuses == {"sent": RECIPIENTS}
        print("OK" if ok else "FAILED")


if __name__ == "__main__":
    asyncio.run(main())
