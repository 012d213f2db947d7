"""Benchmark: a broadcast to 500 recipients through the outbox, against a fake Bot API that
answers 429 (retry after 1 s) when more than 30 messages arrive within a second and fails a
few requests with network errors. Every recipient must get exactly one message; the total
time should be close to 500/30 s.

Run: python -m tests.benchmarks.broadcast [limit per second, default 30]
A lower limit (e.g. 20) shows the flood-wait path: the sender slows down when told to.

Fault mode: python -m tests.benchmarks.broadcast --faults 5 [--chats 250] [--rate 30]
Two broadcasts to the same chats, one right after the other, while 5 % of all sends fail
with a connect error (the request never reached Telegram, as httpx raises it when the
connection cannot be made; the sender retries it). Reports the chats whose two messages
arrived out of order (must be 0), duplicates, and the throughput against Telegram's 30
messages a second (``--rate``: the sender's own limit, default the production one).

Table: python -m tests.benchmarks.broadcast --table
The fault mode for 250 and 1000 chats at 0 % and 5 % faults, one line each.

Throughput is delivered messages / the time from the first send request reaching the fake
Bot API to the last delivery Telegram accepted (both taken by the fake Bot API), so set-up,
the drain's last poll and shutting down are not counted, and neither is anything the
sender might do before its first request. Evenly spaced at 30/s, N messages take
(N - 1)/30 s, so the best possible figure is slightly above 30 (30.06 for 500).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from collections import Counter, deque
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from telegram.error import NetworkError
from telegram.request import RequestData

from bot.app import build_application, build_services
from bot.core.clock import SystemClock
from bot.core.delivery import GLOBAL_RATE, RateLimiter
from bot.devtools.fake_bot_api import Failure, FakeBotApi
from bot.outbox import OutboxSender
from bot.services import Services
from bot.settings import Settings
from storage import outbox
from storage.models import User

PARSER = argparse.ArgumentParser(prog="python -m tests.benchmarks.broadcast")
PARSER.add_argument("limit", nargs="?", type=int, default=30, help="Telegram's limit a second")
PARSER.add_argument("--faults", type=float, default=0.0, help="percent of sends that fail")
PARSER.add_argument("--chats", type=int, default=250, help="chats in the fault mode")
PARSER.add_argument("--rate", type=float, default=GLOBAL_RATE, help="the sender's rate")
PARSER.add_argument("--table", action="store_true", help="250 and 1000 chats, 0 and 5 % faults")
ARGS = PARSER.parse_args(sys.argv[1:])
RECIPIENTS = 500
LIMIT_PER_SECOND: int = ARGS.limit
NETWORK_ERRORS = 5
TEXTS = ("Uji siaran", "Uji siaran kedua")


class ThrottlingBotApi(FakeBotApi):
    """Answers like Telegram under load: 429 past 30 messages a second, a few lost requests."""

    def __init__(self, *, fail_on: set[int], fault_rate: float = 0.0) -> None:
        super().__init__()
        self.arrived: dict[int, list[str]] = {}
        self._fault_rate = fault_rate
        self.requests_seen = (0, asyncio.Event())  # set once this many sends were tried
        self._rng = random.Random(13)
        self.window: deque[float] = deque()
        self.flood_answers = 0
        self.network_errors = 0
        self.delivered: Counter[int] = Counter()
        self._count = 0
        self._fail_on = fail_on
        self.first_request_at: float | None = None
        self.last_delivery_at = 0.0

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, *args: Any, **kw: Any
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        if api_method != "sendMessage":
            return await super().do_request(url, method, request_data, *args, **kw)
        now = time.monotonic()
        if self.first_request_at is None:
            self.first_request_at = now
        self._count += 1
        if self._count >= self.requests_seen[0]:
            self.requests_seen[1].set()
        if self._count in self._fail_on or self._rng.random() < self._fault_rate:
            self.network_errors += 1
            # What PTB's HTTPXRequest raises when the connection cannot be made: the
            # request never reached Telegram, so it does not count in Telegram's window.
            cause = httpx.ConnectError("injected: connection refused")
            raise NetworkError(f"httpx.ConnectError: {cause}") from cause
        while self.window and now - self.window[0] > 1.0:
            self.window.popleft()
        if len(self.window) >= LIMIT_PER_SECOND:
            self.flood_answers += 1
            return self._error(Failure(429, "Too Many Requests: retry after 1", 1))
        self.window.append(now)
        status, body = await super().do_request(url, method, request_data, *args, **kw)
        if status == 200 and request_data is not None:
            chat_id = int(request_data.parameters["chat_id"])  # type: ignore[arg-type]
            self.delivered[chat_id] += 1
            self.arrived.setdefault(chat_id, []).append(str(request_data.parameters["text"]))
            self.last_delivery_at = now
        return status, body

    def span(self) -> float:
        """Seconds from the first send request to the last accepted delivery."""
        if self.first_request_at is None:
            return 0.0
        return self.last_delivery_at - self.first_request_at


def _services(root: Path) -> Services:
    settings = Settings(
        _env_file=None,
        telegram_bot_token="123456:BENCH",
        database_url=f"sqlite:///{root / 'bench.db'}",
        kinerja_archive_dir=root / "arsip",
    )
    return build_services(settings, clock=SystemClock())


def _recipients(svc: Services, count: int) -> list[tuple[int | None, int]]:
    now = datetime.now(UTC)
    with svc.db.write() as session:
        for n in range(count):
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
    return [(None, 900_000 + n) for n in range(count)]


def _broadcast(svc: Services, recipients: list[tuple[int | None, int]], text: str) -> int:
    with svc.db.write() as session:
        broadcast = outbox.create_broadcast(
            session,
            kind="bench",
            ref_id=None,
            text=text,
            recipients=recipients,
            now=datetime.now(UTC),
        )
        assert broadcast.id is not None
        return broadcast.id


def _tally(svc: Services, broadcast_ids: list[int]) -> Counter[str]:
    statuses: Counter[str] = Counter()
    with svc.db.read() as session:
        for broadcast_id in broadcast_ids:
            statuses.update(outbox.tally(session, broadcast_id=broadcast_id))
    return statuses


async def one_broadcast(root: Path) -> bool:
    """500 recipients, 5 lost requests, Telegram's limit as given."""
    svc = _services(root)
    rng = random.Random(7)
    api = ThrottlingBotApi(fail_on=set(rng.sample(range(1, RECIPIENTS), NETWORK_ERRORS)))
    app = build_application(svc, request=api)
    await app.initialize()
    broadcast_id = _broadcast(svc, _recipients(svc, RECIPIENTS), TEXTS[0])
    sender = OutboxSender(svc, app.bot, limiter=RateLimiter(rate=ARGS.rate))
    result = await sender.drain(wait_for_retries=True, max_wait=300)
    elapsed = api.span()
    statuses = _tally(svc, [broadcast_id])
    await app.shutdown()
    duplicates = sum(1 for c in api.delivered.values() if c > 1)
    missing = RECIPIENTS - len(api.delivered)
    ideal = (RECIPIENTS - 1) / LIMIT_PER_SECOND
    print(
        f"broadcast: {RECIPIENTS} recipients in {elapsed:.2f} s (first send to last delivery) "
        f"= {len(api.delivered) / elapsed:.2f} msg/s (ideal {ideal:.2f} s at "
        f"{LIMIT_PER_SECOND}/s, ratio {elapsed / ideal:.2f}); "
        f"429 answers {api.flood_answers}, network errors {api.network_errors}, "
        f"retries {result.retried}; duplicates {duplicates}, missing {missing}; "
        f"rows {dict(statuses)}"
    )
    return duplicates == 0 and missing == 0 and statuses == {"sent": RECIPIENTS}


@dataclass(frozen=True)
class FaultRun:
    """One run of the fault mode, as measured by the fake Bot API."""

    chats: int
    faults: float
    delivered: int
    span: float
    flood_answers: int
    network_errors: int
    retried: int
    out_of_order: int
    duplicates: int
    missing: int
    rows: dict[str, int]

    @property
    def throughput(self) -> float:
        return self.delivered / self.span if self.span else 0.0

    @property
    def share(self) -> float:
        return self.throughput / LIMIT_PER_SECOND

    @property
    def ordered(self) -> bool:
        return self.out_of_order == 0 and self.duplicates == 0 and self.missing == 0

    @property
    def complete(self) -> bool:
        return self.ordered and self.rows == {"sent": 2 * self.chats}


async def two_broadcasts_with_faults(root: Path, chats: int, faults: float) -> FaultRun:
    """Two broadcasts to the same chats: the second is made once every chat had its first
    try of the first one (so some first copies still wait for their retry), its chats in the
    opposite order; a share of all sends fails with a connect error."""
    svc = _services(root)
    api = ThrottlingBotApi(fail_on=set(), fault_rate=faults / 100)
    app = build_application(svc, request=api)
    await app.initialize()
    recipients = _recipients(svc, chats)
    api.requests_seen = (chats, asyncio.Event())
    broadcast_ids = [_broadcast(svc, recipients, TEXTS[0])]

    async def second_broadcast() -> None:
        await api.requests_seen[1].wait()
        # Listed the other way round (another list, another order): the chats the first
        # broadcast reached last, some still waiting for a retry, come first.
        broadcast_ids.append(_broadcast(svc, recipients[::-1], TEXTS[1]))

    sender = OutboxSender(svc, app.bot, limiter=RateLimiter(rate=ARGS.rate))
    maker = asyncio.ensure_future(second_broadcast())
    result = await sender.drain(wait_for_retries=True, max_wait=300)
    await maker
    statuses = _tally(svc, broadcast_ids)
    await app.shutdown()
    total = 2 * chats
    return FaultRun(
        chats=chats,
        faults=faults,
        delivered=sum(api.delivered.values()),
        span=api.span(),
        flood_answers=api.flood_answers,
        network_errors=api.network_errors,
        retried=result.retried,
        out_of_order=sum(1 for seq in api.arrived.values() if seq != list(TEXTS)),
        duplicates=sum(c - 2 for c in api.delivered.values() if c > 2),
        missing=total - sum(min(c, 2) for c in api.delivered.values()),
        rows=dict(statuses),
    )


def _report_faults(run: FaultRun) -> bool:
    total = 2 * run.chats
    print(
        f"two broadcasts to {run.chats} chats, {run.faults:g} % faults, sender rate "
        f"{ARGS.rate:g}/s: {run.delivered} of {total} messages delivered in {run.span:.2f} s "
        f"(first send to last delivery) = {run.throughput:.2f} msg/s ({run.share:.1%} of "
        f"{LIMIT_PER_SECOND}/s, ideal {(total - 1) / LIMIT_PER_SECOND:.2f} s); "
        f"network errors {run.network_errors}, 429 answers {run.flood_answers}, "
        f"retries {run.retried}; out of order {run.out_of_order} of {run.chats} chats, "
        f"duplicates {run.duplicates}, missing {run.missing}; rows {run.rows}"
    )
    fast = run.share >= 0.95
    print(f"order {'OK' if run.ordered else 'FAILED'}; throughput {'OK' if fast else 'BELOW 95 %'}")
    return run.complete and fast


def _print_table(runs: list[FaultRun]) -> None:
    print(f"sender rate {ARGS.rate:g}/s, Telegram's limit {LIMIT_PER_SECOND}/s")
    print("| chats | messages | faults | span s | msg/s | of 30/s | 429 | retries | order, dupes |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for run in runs:
        check = "OK" if run.complete else f"{run.out_of_order} out of order, {run.duplicates} dup"
        print(
            f"| {run.chats} | {run.delivered} | {run.faults:g} % | {run.span:.2f} | "
            f"{run.throughput:.2f} | {run.share:.1%} | {run.flood_answers} | {run.retried} | "
            f"{check} |"
        )


async def _table() -> bool:
    runs = []
    for chats in (250, 1000):
        for faults in (0.0, 5.0):
            with tempfile.TemporaryDirectory() as folder:
                runs.append(await two_broadcasts_with_faults(Path(folder), chats, faults))
    _print_table(runs)
    return all(run.complete and run.share >= 0.95 for run in runs)


async def main() -> None:
    if ARGS.table:
        ok = await _table()
    else:
        with tempfile.TemporaryDirectory() as folder:
            if ARGS.faults:
                run = await two_broadcasts_with_faults(Path(folder), ARGS.chats, ARGS.faults)
                ok = _report_faults(run)
            else:
                ok = await one_broadcast(Path(folder))
    print("OK" if ok else "FAILED")


if __name__ == "__main__":
    asyncio.run(main())
