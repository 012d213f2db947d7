"""Example dates in prompts are computed from the clock and never lie in the past."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bot.core.examples import dmy, example_day, example_range
from bot.core.roles import Role
from bot.planning.rules.example import example_plan
from storage import plans
from tests.harness import WIT, Harness
from tests.test_outreach import _approved_plan, _people, _sign_circular

NOVEMBER = datetime(2027, 11, 20, 9, 0, tzinfo=WIT)


@pytest.mark.parametrize(
    ("today", "example"),
    [
        (date(2027, 1, 5), date(2027, 2, 15)),
        (date(2027, 1, 31), date(2027, 2, 15)),
        (date(2027, 11, 20), date(2027, 12, 15)),
        (date(2027, 12, 31), date(2028, 1, 15)),
    ],
)
def test_example_day_is_ahead(today: date, example: date) -> None:
    assert example_day(today) == example and example > today


def test_example_range() -> None:
    assert example_range(date(2027, 1, 5), days=10) == (date(2027, 2, 1), date(2027, 2, 10))
    assert example_range(date(2027, 12, 2), days=10) == (date(2028, 1, 1), date(2028, 1, 10))
    # A plan's schedule: from February of the plan's year at the earliest, inside that year.
    february = date(2027, 2, 1)
    assert example_range(date(2026, 11, 20), days=150, not_before=february, year=2027) == (
        date(2027, 2, 1),
        date(2027, 6, 30),
    )
    assert example_range(date(2027, 11, 20), days=150, not_before=february, year=2027) == (
        date(2027, 12, 1),
        date(2027, 12, 31),
    )
    assert dmy(date(2027, 2, 1)) == "01/02/2027"


async def test_socialisation_date_example_in_november(bot: Harness) -> None:
    _approved_plan(bot)
    team, head, _ = await _people(bot)
    await _sign_circular(bot, team, head)
    bot.clock.set(NOVEMBER)
    await team.command("sosialisasi")
    shown = await team.press("Buat draf Surat Undangan")
    assert "contoh 15/12/2027" in shown[0].plain
    shown = await team.send("tanggal lima belas")
    assert "Ketik tanggal seperti 15/12/2027" in shown[0].plain
    # The example itself is accepted.
    shown = await team.send("15/12/2027")
    assert "jam mulai" in shown[0].plain


async def test_acting_head_dates_example_in_november(bot: Harness) -> None:
    head = await bot.registered(1001, Role.KEPALA)
    await bot.registered(2002, Role.TIM, name="Beni Asso")
    bot.clock.set(NOVEMBER)
    await head.command("plh")
    await head.press("Tunjuk Plt/Plh")
    await head.press("Beni Asso")
    shown = await head.press("Plh")
    assert "contoh: 01/12/2027 - 10/12/2027" in shown[0].plain
    shown = await head.send("kemarin")
    assert "Ketik seperti 01/12/2027 - 10/12/2027" in shown[0].plain
    shown = await head.send("01/12/2027 - 10/12/2027")
    assert "Plh Beni Asso ditunjuk" in shown[0].plain


async def test_action_plan_schedule_example_in_november(bot: Harness) -> None:
    with bot.svc.db.write() as session:
        plans.save_for_year(
            session, year=2027, plan=example_plan(2027), actor=None, now=bot.clock.now()
        )
    team = await bot.registered(2001, Role.TIM)
    bot.clock.set(NOVEMBER)
    await team.command("rencana")  # opens 2028 in November; the 2027 plan is one press away
    await team.press("Rencana 2027")
    await team.press("Jelajahi rencana")
    await team.press("A3 ·")
    await team.press("IKU-05")
    await team.press("Rencana aksi (1)")
    await team.press("Tambah rencana aksi")
    await team.send("Evaluasi penyebab tender gagal")
    shown = await team.send("Catatan evaluasi")
    assert "contoh: 01/12/2027 - 31/12/2027" in shown[0].plain
    shown = await team.send("bulan depan")
    assert "Ketik seperti 01/12/2027 - 31/12/2027" in shown[0].plain
