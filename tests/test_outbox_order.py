"""Per-chat order in the outbox: when a chat's copy of one broadcast fails and waits for its
retry, that chat's copy of a later broadcast waits behind it, and nobody gets a copy twice."""

from __future__ import annotations

from datetime import timedelta

from bot.core.delivery import backoff
from bot.core.roles import Role
from bot.devtools.fake_bot_api import Failure
from storage import outbox, users
from tests.harness import Harness

FIRST, SECOND = "Pengumuman pertama", "Pengumuman kedua"
LOST = Failure(network=True, description="injected network error")


async def _recipients(bot: Harness, count: int) -> list[tuple[int | None, int]]:
    for n in range(count):
        await bot.registered(5000 + n, Role.PJ, unit="Dinas Kesehatan")
    people: list[tuple[int | None, int]] = []
    with bot.svc.db.read() as session:
        for n in range(count):
            user = users.get_by_telegram_id(session, 5000 + n)
            assert user is not None
            people.append((user.id, user.telegram_id))
    return people


def _broadcast(bot: Harness, recipients: list[tuple[int | None, int]], text: str) -> int:
    with bot.svc.db.write() as session:
        created = outbox.create_broadcast(
            session,
            kind="uji",
            ref_id=None,
            text=text,
            recipients=recipients,
            now=bot.clock.now(),
        )
        assert created.id is not None
        return created.id


def _received(bot: Harness, chat_id: int) -> list[str]:
    """The announcements this chat got, in the order they arrived."""
    return [m.plain for m in bot.api.chat(chat_id) if m.plain in (FIRST, SECOND)]


def _statuses(bot: Harness, broadcast_id: int) -> dict[int, str]:
    with bot.svc.db.read() as session:
        return {i.chat_id: i.status for i in outbox.items_of(session, broadcast_id=broadcast_id)}


async def test_a_later_broadcast_waits_behind_a_copy_that_waits_for_its_retry(
    bot: Harness,
) -> None:
    recipients = await _recipients(bot, 6)
    chats = [chat_id for _, chat_id in recipients]
    bot.api.fail_next("sendMessage", LOST, times=2)
    first = _broadcast(bot, recipients, FIRST)
    await bot.drain_outbox()
    failed = [chat for chat, status in _statuses(bot, first).items() if status == "pending"]
    assert len(failed) == 2
    # The second announcement goes to everyone whose first one arrived; the two chats whose
    # first one waits for its retry get nothing yet, rather than the second one first.
    second = _broadcast(bot, recipients, SECOND)
    result = await bot.drain_outbox()
    assert result.sent == 4
    for chat in chats:
        assert _received(bot, chat) == ([] if chat in failed else [FIRST, SECOND])
    assert {_statuses(bot, second)[chat] for chat in failed} == {"pending"}
    # The first retry of one of them fails again: both of its copies keep waiting, in order.
    bot.clock.advance(backoff(1) + timedelta(seconds=1))
    bot.api.fail_next("sendMessage", LOST)
    await bot.drain_outbox()
    assert sorted(len(_received(bot, chat)) for chat in failed) == [0, 2]
    bot.clock.advance(backoff(2) + timedelta(seconds=1))
    await bot.drain_outbox()
    for chat in chats:
        assert _received(bot, chat) == [FIRST, SECOND]
    for broadcast_id in (first, second):
        assert set(_statuses(bot, broadcast_id).values()) == {"sent"}
    # Nothing more goes out later.
    bot.clock.advance(timedelta(minutes=10))
    again = await bot.drain_outbox()
    assert again.sent == 0
    assert all(len(_received(bot, chat)) == 2 for chat in chats)


async def test_a_chat_that_just_had_a_message_does_not_hold_up_the_others(bot: Harness) -> None:
    recipients = await _recipients(bot, 4)
    _broadcast(bot, recipients[:1], FIRST)
    await bot.drain_outbox()
    # The first chat must wait a second for its next message; the others go meanwhile.
    _broadcast(bot, recipients, SECOND)
    sent_before = len(bot.api.calls_of("sendMessage"))
    await bot.drain_outbox()
    order = [call.params["chat_id"] for call in bot.api.calls_of("sendMessage")[sent_before:]]
    assert order == [5001, 5002, 5003, 5000]
    assert [_received(bot, chat) for chat in (5000, 5001)] == [[FIRST, SECOND], [SECOND]]
