"""A blocked recipient is not an incident: Terima on a report whose owner blocked the bot
stores the decision, the team sees it accepted, and the owner's notice fails quietly into its
delivery record."""

from __future__ import annotations

from datetime import timedelta

from bot.core.roles import Role
from bot.reporting.usecases.verification import OWNER_NOTICE
from tests.harness import Harness
from tests.test_outbox_sends import _items
from tests.test_reporting_flow import _full_report, _setup


async def test_terima_for_an_owner_who_blocked_the_bot(bot: Harness) -> None:
    _setup(bot)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    team = await bot.registered(2001, Role.TIM)
    await _full_report(owner)
    bot.api.blocked_chats.add(3001)
    card = (await team.command("verifikasi"))[0]
    shown = await team.press("Terima", on=card)
    assert "Laporan diterima" in shown[0].plain
    for _ in range(3):
        await bot.drain_outbox()
        bot.clock.advance(timedelta(minutes=10))
    assert bot.errors == []
    (item,) = _items(bot, OWNER_NOTICE)
    assert item.chat_id == 3001 and item.status == "unreachable"
    assert "blocked" in item.last_error
    # Nothing the team sees speaks of an incident.
    team_chat = " ".join(m.plain for m in bot.api.chat(2001))
    assert "insiden" not in team_chat.lower() and "kesalahan" not in team_chat.lower()
