"""An acknowledged answer survives a crash: what the person answered is stored before the
bot's reply leaves, so a crash right after the reply (before PTB stores the update's data
and conversation state) loses nothing."""

from __future__ import annotations

import pytest

from bot.core.roles import Role
from tests.harness import Harness, crash_after_next_reply
from tests.test_reporting_flow import _setup


async def test_a_report_answer_acknowledged_before_a_crash_is_kept(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    _setup(bot)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    await owner.command("lapor")
    await owner.press("Triwulan I 2027 ·")
    await owner.press("Pengadaan obat puskesmas")
    await owner.send("Rp 1.000.000.000")
    crash_after_next_reply(bot, monkeypatch)
    shown = await owner.send("900.000.000")
    assert "3/5" in shown[0].plain  # the second answer was acknowledged
    await bot.restart(graceful=False)
    shown = await owner.command("lapor")
    assert "Ada laporan yang belum selesai" in shown[0].plain
    shown = await owner.press("Lanjutkan")
    assert "3/5" in shown[0].plain


async def test_a_registration_answer_acknowledged_before_a_crash_is_kept(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = bot.invitation(Role.TIM)
    person = bot.person(5001)
    crash_after_next_reply(bot, monkeypatch)
    shown = await person.command("start", code)
    assert "nama lengkap" in shown[0].plain
    await bot.restart(graceful=False)
    crash_after_next_reply(bot, monkeypatch)
    shown = await person.send("Maria Wenda, S.Kom.")
    assert "NIP" in shown[0].plain
    await bot.restart(graceful=False)
    crash_after_next_reply(bot, monkeypatch)
    shown = await person.send("198503152010012003")
    assert "jabatan" in shown[0].plain
    await bot.restart(graceful=False)
    shown = await person.send("Analis Pengadaan")
    assert "Maria Wenda, S.Kom." in shown[0].plain
    await person.press("Ya, daftarkan")
    assert "Pendaftaran berhasil" in person.last.plain
