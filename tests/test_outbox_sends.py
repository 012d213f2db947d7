"""Every message to someone other than the person who pressed or typed goes through the
outbox: a team notice, an approval request and a verification notice each leave an outbox
row with the message id Telegram gave, and survive a flood-wait without duplicates."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import col, select

from bot.approvals.copies import REQUEST_DOCUMENT, REQUEST_MESSAGE
from bot.core.roles import Role
from bot.deliveries import TEAM_NOTICE
from bot.devtools.chat import Person
from bot.devtools.fake_bot_api import Failure, Shown
from bot.reporting.usecases.verification import OWNER_NOTICE
from storage.models import Broadcast, OutboxItem
from tests.harness import Harness
from tests.test_approvals_usecases import _seed
from tests.test_reporting_flow import _full_report, _setup

FLOOD = Failure(429, "Too Many Requests: retry after 5", 5)


def _items(bot: Harness, kind: str) -> list[OutboxItem]:
    with bot.svc.db.read() as session:
        return list(
            session.exec(
                select(OutboxItem)
                .join(Broadcast, col(Broadcast.id) == col(OutboxItem.broadcast_id))
                .where(Broadcast.kind == kind)
                .order_by(col(OutboxItem.id))
            )
        )


def _copies(bot: Harness, chat_id: int, words: str) -> list[Shown]:
    return [m for m in bot.api.chat(chat_id) if words in m.plain]


async def _after_the_flood_wait(bot: Harness) -> None:
    """Telegram's wait passes; the outbox's next drains send what waited, once."""
    bot.clock.advance(timedelta(seconds=6))
    await bot.drain_outbox()
    await bot.drain_outbox()


async def _submit_plan(bot: Harness) -> tuple[Person, Person]:
    _seed(bot)
    team = await bot.registered(2001, Role.TIM)
    head = await bot.registered(1001, Role.KEPALA, name="Yulianus Lokobal")
    await team.command("rencana")
    await team.press("Ajukan persetujuan")
    return team, head


async def test_an_approval_request_goes_through_the_outbox_and_survives_a_flood_wait(
    bot: Harness,
) -> None:
    _seed(bot)
    team = await bot.registered(2001, Role.TIM)
    head = await bot.registered(1001, Role.KEPALA, name="Yulianus Lokobal")
    await team.command("rencana")
    bot.api.fail_next("sendMessage", FLOOD)
    shown = await team.press("Ajukan persetujuan")
    assert "diajukan" in shown[-1].plain  # the team's answer is direct
    # The PDF went out; the request with its buttons waits for Telegram's flood-wait.
    assert [i.status for i in _items(bot, REQUEST_DOCUMENT)] == ["sent"]
    (waiting,) = _items(bot, REQUEST_MESSAGE)
    assert waiting.status == "pending" and waiting.telegram_message_id is None
    assert _copies(bot, 1001, "Permohonan") == []
    await _after_the_flood_wait(bot)
    (request,) = _copies(bot, 1001, "Permohonan")
    (item,) = _items(bot, REQUEST_MESSAGE)
    assert item.status == "sent" and item.chat_id == 1001
    assert item.telegram_message_id == request.message_id
    assert bot.api.chat(1001)[-2].document is not None  # the PDF still comes before the request
    # The decision edits the copy the outbox delivered.
    await head.press("Setujui", on=request)
    (decided,) = _copies(bot, 1001, "Permohonan")
    assert decided.edited and decided.buttons == []
    assert "Disetujui" in decided.plain


async def test_a_team_notice_goes_through_the_outbox_and_survives_a_flood_wait(
    bot: Harness,
) -> None:
    team, head = await _submit_plan(bot)
    other = await bot.registered(2002, Role.TIM, name="Maria Wenda")
    request = _copies(bot, 1001, "Permohonan")[-1]
    bot.api.fail_next("sendMessage", FLOOD)
    await head.press("Setujui", on=request)
    first, second = _items(bot, TEAM_NOTICE)
    assert {first.chat_id, second.chat_id} == {2001, 2002}
    assert sorted([first.status, second.status]) == ["pending", "sent"]
    await _after_the_flood_wait(bot)
    for person in (team, other):
        (notice,) = _copies(bot, person.telegram_id, "disetujui")
        assert notice.buttons  # the next step's button travels with the notice
    items = _items(bot, TEAM_NOTICE)
    assert [i.status for i in items] == ["sent", "sent"]
    assert {i.telegram_message_id for i in items} == {
        _copies(bot, 2001, "disetujui")[0].message_id,
        _copies(bot, 2002, "disetujui")[0].message_id,
    }


async def test_a_verification_notice_goes_through_the_outbox_and_survives_a_flood_wait(
    bot: Harness,
) -> None:
    _setup(bot)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    team = await bot.registered(2001, Role.TIM)
    await _full_report(owner)
    card = (await team.command("verifikasi"))[0]
    bot.api.fail_next("sendMessage", FLOOD)
    shown = await team.press("Terima", on=card)
    assert "Laporan diterima" in shown[0].plain  # the team's answer is direct
    (waiting,) = _items(bot, OWNER_NOTICE)
    assert waiting.status == "pending" and waiting.chat_id == 3001
    assert _copies(bot, 3001, "diterima oleh tim UKPBJ") == []
    await _after_the_flood_wait(bot)
    (notice,) = _copies(bot, 3001, "diterima oleh tim UKPBJ")
    (item,) = _items(bot, OWNER_NOTICE)
    assert item.status == "sent" and item.telegram_message_id == notice.message_id
    assert item.attempts == 1  # a flood-wait is not the owner's failure


async def test_a_request_decided_before_its_copy_left_is_not_sent_afterwards(
    bot: Harness,
) -> None:
    _seed(bot)
    team = await bot.registered(2001, Role.TIM)
    head = await bot.registered(1001, Role.KEPALA, name="Yulianus Lokobal")
    await team.command("rencana")
    bot.api.fail_next("sendMessage", FLOOD)
    await team.press("Ajukan persetujuan")
    # The head opens it from /persetujuan (an answer in their own chat) and decides there.
    listing = (await head.command("persetujuan"))[-1]
    (label,) = [label for row in listing.buttons for label, _ in row]
    opened = (await head.press(label, on=listing))[-1]
    await head.press("Setujui", on=opened)
    (item,) = _items(bot, REQUEST_MESSAGE)
    assert item.status == "withdrawn"
    await _after_the_flood_wait(bot)
    # Only the copy the head decided on carries the request, and it shows the decision.
    (decided,) = _copies(bot, 1001, "Permohonan")
    assert decided.buttons == [] and "Disetujui" in decided.plain
