"""The delivery policy's plain rules (``bot.core.delivery``): Telegram's 30 sends a second
and one a second a chat on a virtual clock, a refund for a send that never reached
Telegram, flood-waits, the short jittered back-off, and which network failures may be
sent again."""

from __future__ import annotations

import itertools
import random
from datetime import timedelta

import pytest

from bot.core.delivery import (
    FIRST_BACKOFF,
    MAX_ATTEMPTS,
    MAX_BACKOFF,
    RateLimiter,
    SendFailure,
    backoff,
    chat_interval,
    gives_up,
    send_failure,
)


class VirtualClock:
    """The limiter's monotonic clock and sleep: sleeping only moves the clock."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds

    def limiter(self, **options: float) -> RateLimiter:
        return RateLimiter(monotonic=self, sleep=self.sleep, **options)


def _most_in_a_second(times: list[float]) -> int:
    """The most sends within any half-open window of one second."""
    return max(sum(1 for t in times if start <= t < start + 1.0) for start in times)


async def test_thirty_sends_a_second_overall_never_more_in_any_second() -> None:
    clock = VirtualClock()
    limiter = clock.limiter()
    times = []
    for chat in range(300):
        times.append((await limiter.acquire(chat)).at)
    assert _most_in_a_second(times) == 30
    # Telegram's documented 30 a second, not the old 28: 300 sends in about 10 s.
    assert times[-1] - times[0] == pytest.approx(299 / 30, abs=0.2)


async def test_a_send_that_woke_late_does_not_push_back_every_later_send() -> None:
    clock = VirtualClock()

    async def late_sleep(seconds: float) -> None:
        clock.now += seconds + 0.004  # a busy event loop wakes every sleeper 4 ms late

    limiter = RateLimiter(monotonic=clock, sleep=late_sleep)
    times = [(await limiter.acquire(chat)).at for chat in range(300)]
    assert _most_in_a_second(times) <= 30
    # 4 ms late on every one of 299 waits would add 1.2 s; catching up keeps it near 10 s.
    assert times[-1] - times[0] < 299 / 30 * 1.02


async def test_one_message_a_second_to_a_person_and_one_every_three_seconds_to_a_group() -> None:
    assert chat_interval(5001) == 1.0 and chat_interval(-100123) == 3.0
    clock = VirtualClock()
    limiter = clock.limiter()
    person = [(await limiter.acquire(5001)).at for _ in range(4)]
    group = [(await limiter.acquire(-100123)).at for _ in range(3)]
    assert [b - a for a, b in itertools.pairwise(person)] == [1.0, 1.0, 1.0]
    assert [b - a for a, b in itertools.pairwise(group)] == [3.0, 3.0]


async def test_a_send_that_never_reached_telegram_gives_its_slot_back() -> None:
    clock = VirtualClock()
    limiter = clock.limiter()
    await limiter.acquire(1)
    lost = await limiter.acquire(2)
    limiter.refund(lost)
    # Its place goes to the next send at once, and its chat need not wait a second.
    again = await limiter.acquire(2)
    assert again.at == lost.at
    kept = await limiter.acquire(3)
    assert kept.at == pytest.approx(lost.at + 1 / 30)


async def test_refunds_never_let_more_than_thirty_sends_into_a_second() -> None:
    clock = VirtualClock()
    limiter = clock.limiter()
    rng = random.Random(13)
    counted: list[float] = []
    for chat in range(600):
        slot = await limiter.acquire(chat % 97)
        if rng.random() < 0.2:
            limiter.refund(slot)
        else:
            counted.append(slot.at)
    assert _most_in_a_second(counted) <= 30
    # The refunded fifth costs next to nothing: 480 sends that count in about 16 s.
    assert counted[-1] - counted[0] < len(counted) / 30 * 1.05


async def test_a_flood_wait_pauses_every_chat_for_exactly_as_long_as_telegram_asked() -> None:
    clock = VirtualClock()
    limiter = clock.limiter()
    first = await limiter.acquire(1)
    limiter.pause(7)
    other = await limiter.acquire(2)
    assert other.at == pytest.approx(first.at + 7)


def test_the_first_retry_after_a_network_error_comes_within_half_a_second() -> None:
    assert backoff(1) == timedelta(seconds=FIRST_BACKOFF) == timedelta(seconds=0.25)
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [0.25, 0.5, 1.0, 2.0]
    # Jitter: at most a quarter either way, so many rows failing together spread out.
    assert backoff(1, 0.0).total_seconds() == pytest.approx(0.1875)
    assert backoff(1, 0.999999).total_seconds() == pytest.approx(0.3125)
    assert backoff(40, 0.5).total_seconds() == MAX_BACKOFF
    # About 8.5 minutes of retries before a row is given up (the old policy: about 4).
    total = sum(backoff(n).total_seconds() for n in range(1, MAX_ATTEMPTS))
    assert 8 * 60 < total < 9 * 60
    assert not gives_up(MAX_ATTEMPTS - 1) and gives_up(MAX_ATTEMPTS)


@pytest.mark.parametrize(
    ("cause", "timed_out", "expected"),
    [
        ("ConnectError", False, SendFailure.NOT_REACHED),  # connection refused, DNS
        ("ConnectTimeout", True, SendFailure.NOT_REACHED),
        ("PoolTimeout", True, SendFailure.NOT_REACHED),  # PTB: "not sent to Telegram"
        ("ReadTimeout", True, SendFailure.UNKNOWN),  # sent, no answer
        ("WriteTimeout", True, SendFailure.UNKNOWN),
        ("RemoteProtocolError", False, SendFailure.UNKNOWN),  # dropped mid-answer
        ("ReadError", False, SendFailure.UNKNOWN),
        (None, True, SendFailure.UNKNOWN),
        (None, False, SendFailure.ANSWERED),  # Telegram answered 5xx ("Bad Gateway")
    ],
)
def test_only_a_send_known_not_to_have_arrived_is_sent_again_at_once(
    cause: str | None, timed_out: bool, expected: SendFailure
) -> None:
    assert send_failure(cause, timed_out=timed_out) is expected
