"""A reply that Telegram asks to wait for, or one that never left, is sent again: the person
gets the answer, not an incident; one whose answer was lost is not sent twice."""

from __future__ import annotations

from types import SimpleNamespace

from sqlmodel import select

from bot.access import update_scope
from bot.app import drain_outbox
from bot.core.roles import Role
from bot.devtools.fake_bot_api import Failure
from storage import outbox
from storage.models import OutboxItem
from tests.harness import Harness


def _status_replies(bot: Harness, chat_id: int) -> int:
    return sum(
        1 for call in bot.api.calls_of("sendMessage") if call.params.get("chat_id") == chat_id
    )


async def test_a_reply_held_by_flood_control_arrives_after_telegrams_wait(bot: Harness) -> None:
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    before = _status_replies(bot, 3001)
    bot.api.fail_next(
        "sendMessage", Failure(429, "Too Many Requests: retry after 1", retry_after=1)
    )
    shown = await owner.command("status")
    assert shown and "Status siklus kinerja" in shown[-1].plain
    # Refused once, then sent: two requests, one message on the phone, no incident.
    assert _status_replies(bot, 3001) - before == 2
    assert not any("insiden" in m.plain.lower() for m in bot.api.chat(3001))


async def test_a_reply_that_never_left_is_sent_again(bot: Harness) -> None:
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    before = _status_replies(bot, 3001)
    bot.api.fail_next("sendMessage", Failure(network=True, not_reached=True), times=2)
    shown = await owner.command("status")
    assert shown and "Status siklus kinerja" in shown[-1].plain
    assert _status_replies(bot, 3001) - before == 3


async def test_a_reply_whose_answer_was_lost_is_not_sent_twice(bot: Harness) -> None:
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    before = _status_replies(bot, 3001)
    bot.api.fail_next("sendMessage", Failure(network=True))
    bot.expected_errors = 1
    await owner.command("status")
    # The one request may have arrived: it is not repeated (the incident notice follows).
    status = [
        c
        for c in bot.api.calls_of("sendMessage")[before:]
        if c.params.get("chat_id") == 3001 and "Status siklus kinerja" in str(c.params.get("text"))
    ]
    assert len(status) == 1


async def test_a_drain_asked_for_by_a_handler_keeps_the_outboxs_own_retries(
    bot: Harness,
) -> None:
    """kick_outbox runs the drain job in a copy of the handler's context: its sends are the
    outbox's (a flood-wait pauses the outbox), not replies sent again in place."""
    await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    with bot.svc.db.write() as session:
        outbox.create_broadcast(
            session,
            kind="uji",
            ref_id=None,
            text="Pengumuman",
            recipients=[(None, 3001)],
            now=bot.clock.now(),
        )
    bot.api.fail_next(
        "sendMessage", Failure(429, "Too Many Requests: retry after 1", retry_after=1)
    )
    app = bot.app
    assert app is not None
    before = len(bot.api.calls_of("sendMessage"))
    with update_scope():  # as inside a handler
        await drain_outbox(SimpleNamespace(application=app))
    # One request: the outbox took the flood-wait and keeps the row for later.
    assert len(bot.api.calls_of("sendMessage")) - before == 1
    with bot.svc.db.read() as session:
        (item,) = [i for i in session.exec(select(OutboxItem))]
    assert item.status == "pending"
