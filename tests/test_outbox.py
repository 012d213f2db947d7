"""The outbox: every recipient gets exactly one copy, within Telegram's limits, across
flood-waits, network errors, blocked users and restarts."""

from __future__ import annotations

import asyncio
import math
import random
from datetime import timedelta
from types import SimpleNamespace

from bot.app import drain_outbox
from bot.core.delivery import ItemStatus, RateLimiter, backoff
from bot.core.roles import Role
from bot.devtools.fake_bot_api import Failure
from bot.outbox import OutboxSender
from storage import archive, outbox, users
from storage.archive import NewDocument
from tests.harness import Harness


async def _recipients(bot: Harness, count: int) -> list[tuple[int | None, int]]:
    people = []
    for n in range(count):
        await bot.registered(5000 + n, Role.PJ, unit="Dinas Kesehatan")
    with bot.svc.db.read() as session:
        for n in range(count):
            user = users.get_by_telegram_id(session, 5000 + n)
            assert user is not None
            people.append((user.id, user.telegram_id))
    return people


def _broadcast(bot: Harness, recipients: list[tuple[int | None, int]], **extra: object) -> int:
    with bot.svc.db.write() as session:
        author = users.get_by_telegram_id(session, 2001)
        created = outbox.create_broadcast(
            session,
            kind="uji",
            ref_id=None,
            text="Pengumuman <b>penting</b>",
            recipients=recipients,
            now=bot.clock.now(),
            created_by_user_id=None if author is None else author.id,
            **extra,  # type: ignore[arg-type]
        )
        assert created.id is not None
        return created.id


def _copies(bot: Harness, chat_id: int) -> int:
    return sum(
        1
        for call in bot.api.calls
        if call.method in ("sendMessage", "sendDocument") and call.params.get("chat_id") == chat_id
    )


async def test_every_recipient_gets_one_copy_and_blocked_ones_are_reported(bot: Harness) -> None:
    author = await bot.registered(2001, Role.TIM, name="Maria Wenda")
    recipients = await _recipients(bot, 5)
    bot.api.blocked_chats.add(5003)
    broadcast_id = _broadcast(bot, recipients, buttons=[[("Sudah diterima", "ack:{item}")]])
    result = await bot.drain_outbox()
    assert result.sent == 4 and len(result.unreachable) == 1
    for chat_id in (5000, 5001, 5002, 5004):
        assert _copies(bot, chat_id) == 1
        message = bot.api.chat(chat_id)[-1]
        assert message.plain == "Pengumuman penting"
        assert message.buttons[0][0][1].startswith("ack:")
    with bot.svc.db.read() as session:
        counts = outbox.tally(session, broadcast_id=broadcast_id)
        items = outbox.items_of(session, broadcast_id=broadcast_id)
    assert counts == {"sent": 4, "unreachable": 1}
    assert all(i.telegram_message_id for i in items if i.status == "sent")
    # Each copy's button names its own row.
    datas = {bot.api.chat(i.chat_id)[-1].buttons[0][0][1] for i in items if i.status == "sent"}
    assert len(datas) == 4
    assert "tidak dapat dikirim kepada: Pj 5003" in author.last.plain
    # Draining again sends nothing more.
    again = await bot.drain_outbox()
    assert again.sent == 0 and _copies(bot, 5000) == 1


async def test_flood_wait_pauses_and_retries_without_duplicates(bot: Harness) -> None:
    recipients = await _recipients(bot, 3)
    bot.api.fail_next("sendMessage", Failure(429, "Too Many Requests: retry after 5", 5))
    broadcast_id = _broadcast(bot, recipients)
    result = await bot.drain_outbox()
    assert result.retried == 1 and result.sent == 2
    bot.clock.advance(timedelta(seconds=6))
    result = await bot.drain_outbox()
    assert result.sent == 1
    for _, chat_id in recipients:
        assert len([m for m in bot.api.chat(chat_id) if m.plain == "Pengumuman penting"]) == 1
    with bot.svc.db.read() as session:
        items = outbox.items_of(session, broadcast_id=broadcast_id)
    assert {i.status for i in items} == {"sent"}
    # A flood-wait is not the recipient's failure: it does not count as an attempt.
    assert max(i.attempts for i in items) == 1


async def test_network_errors_back_off_then_succeed(bot: Harness) -> None:
    recipients = await _recipients(bot, 2)
    bot.api.fail_next("sendMessage", Failure(network=True), times=2)
    broadcast_id = _broadcast(bot, recipients)
    await bot.drain_outbox()
    with bot.svc.db.read() as session:
        statuses = [i.status for i in outbox.items_of(session, broadcast_id=broadcast_id)]
    assert statuses.count("pending") == 2
    bot.clock.advance(backoff(1) + timedelta(seconds=1))
    await bot.drain_outbox()
    with bot.svc.db.read() as session:
        items = outbox.items_of(session, broadcast_id=broadcast_id)
    assert [i.status for i in items] == ["sent", "sent"]
    assert [i.attempts for i in items] == [2, 2]


async def test_a_document_is_uploaded_once_then_sent_by_file_id(bot: Harness) -> None:
    recipients = await _recipients(bot, 4)
    with bot.svc.db.write() as session:
        document = archive.store(
            session,
            root=bot.svc.archive_dir,
            content=b"%PDF-1.4 surat edaran",
            meta=NewDocument(kind="edaran", file_name="edaran.pdf", mime_type="application/pdf"),
            now=bot.clock.now(),
        )
        document_id = document.id
    _broadcast(bot, recipients, document_id=document_id)
    await bot.drain_outbox()
    sends = bot.api.calls_of("sendDocument")
    assert len(sends) == 4
    assert "document" in sends[0].files and sends[0].files["document"][1].startswith(b"%PDF")
    assert all(not call.files and isinstance(call.params["document"], str) for call in sends[1:])
    for _, chat_id in recipients:
        assert bot.api.chat(chat_id)[-1].document is not None


async def test_a_restart_mid_broadcast_resumes_without_duplicates_or_gaps(bot: Harness) -> None:
    recipients = await _recipients(bot, 6)
    broadcast_id = _broadcast(bot, recipients)
    # The first run sent two copies, then died while a third was being claimed.
    with bot.svc.db.read() as session:
        items = outbox.items_of(session, broadcast_id=broadcast_id)
    assert bot.app is not None
    for item in items[:2]:
        message = await bot.app.bot.send_message(item.chat_id, "Pengumuman <b>penting</b>")
        with bot.svc.db.write() as session:
            assert item.id is not None
            outbox.claim(session, item_id=item.id)
            outbox.finish(
                session,
                item_id=item.id,
                status=ItemStatus.SENT,
                now=bot.clock.now(),
                message_id=message.message_id,
            )
    with bot.svc.db.write() as session:
        assert items[2].id is not None
        outbox.claim(session, item_id=items[2].id)
    await bot.restart(graceful=False)
    result = await bot.drain_outbox()
    assert result.sent == 4
    for _, chat_id in recipients:
        assert len([m for m in bot.api.chat(chat_id) if m.plain == "Pengumuman penting"]) == 1


async def test_rate_limiter_spaces_sends_globally_and_per_chat() -> None:
    clock = [0.0]
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        clock[0] += seconds

    limiter = RateLimiter(rate=10, per_chat=1.0, monotonic=lambda: clock[0], sleep=sleep)
    for chat in range(20):
        await limiter.acquire(chat)
    # 20 sends at 10/s; the 11th waits until 10 ms past the first one's second (the margin
    # for the way to Telegram).
    assert clock[0] == __import__("pytest").approx(1.91)
    await limiter.acquire(19)  # same chat again: waits for its own second
    assert clock[0] >= 1.9 + 0.9
    limiter.pause(5)
    before = clock[0]
    await limiter.acquire(99)
    assert clock[0] >= before + 5


async def test_a_drain_stays_for_a_retry_due_before_the_next_drain_only(bot: Harness) -> None:
    recipients = await _recipients(bot, 3)
    clock = bot.clock

    async def wait(seconds: float) -> None:
        clock.advance(timedelta(microseconds=math.ceil(seconds * 1_000_000) + 1))

    assert bot.app is not None
    sender = OutboxSender(
        bot.svc,
        bot.app.bot,
        limiter=RateLimiter(monotonic=lambda: clock.now().timestamp(), sleep=wait),
        retry_horizon=1.0,
        sleep=wait,
        rng=random.Random(1),
    )
    # A server error: retried by the same drain (the running bot's next drain would come up
    # to 2 s later) once its chat's second has passed (Telegram answered: the send counts).
    bot.api.fail_next("sendMessage", Failure(502, "Bad Gateway"))
    first = _broadcast(bot, recipients)
    started = clock.now()
    result = await sender.drain()
    assert (result.sent, result.retried) == (3, 1)
    assert clock.now() - started < timedelta(seconds=1.1)
    # A flood-wait of 5 s is left to a later drain: this one does not hold on for it.
    bot.api.fail_next("sendMessage", Failure(429, "Too Many Requests: retry after 5", 5))
    second = _broadcast(bot, recipients[:1])
    started = clock.now()
    result = await sender.drain()
    assert (result.sent, result.retried) == (0, 1)
    assert clock.now() - started < timedelta(seconds=1.1)  # its chat's second, not 5 s
    with bot.svc.db.read() as session:
        assert outbox.tally(session, broadcast_id=first) == {"sent": 3}
        assert outbox.tally(session, broadcast_id=second) == {"pending": 1}


async def test_the_outbox_job_returns_at_once_while_a_drain_is_at_work(bot: Harness) -> None:
    """A broadcast outlasting the job's 2 s interval: the next run does not queue behind it
    (APScheduler would log "maximum number of running instances reached" every 2 s)."""
    app = bot.app
    assert app is not None
    sender = app.bot_data["outbox"]
    assert isinstance(sender, OutboxSender)
    context = SimpleNamespace(application=app)
    async with sender._running:  # a drain at work
        assert sender.busy
        await asyncio.wait_for(drain_outbox(context), timeout=1)
    assert not sender.busy
