"""/pengguna: the head manages users; deactivated users become strangers."""

from __future__ import annotations

from bot.core.roles import Role
from storage import audit, users
from tests.harness import Harness


async def test_head_lists_users_and_changes_a_role(bot: Harness) -> None:
    head = await bot.registered(1001, Role.KEPALA, name="Yulianus Lokobal")
    member = await bot.registered(2001, Role.TIM, name="Maria Wenda")
    shown = await head.command("pengguna")
    assert "Pengguna terdaftar (2)" in shown[0].plain
    assert "Maria Wenda · Tim" in shown[0].button_texts
    shown = await head.press("Maria Wenda")
    card = shown[0]
    assert "NIP: 19850315 201001 2 003" in card.plain
    # One head at a time: nobody is made head from here (a replacement invitation is).
    assert card.button_texts == [
        "Jadikan Penanggung Jawab Kinerja",
        "🚫 Nonaktifkan",
        "« Kembali",
    ]
    shown = await head.press_data(
        card.callback_data("Jadikan Penanggung").replace("r:pj", "r:kepala"), on=card
    )
    assert "Hanya ada satu Kepala UKPBJ" in shown[0].plain
    shown = await head.press("Maria Wenda", on=(await head.command("pengguna"))[0])
    shown = await head.press("Jadikan Penanggung Jawab")
    assert "Pilih unit untuk Maria Wenda" in shown[0].plain
    while "Dinas Sosial" not in head.last.button_texts:
        await head.press("▶")
    shown = await head.press("Dinas Sosial")
    assert "Peran Maria Wenda diubah menjadi Penanggung Jawab Kinerja — Dinas Sosial" in (
        shown[0].plain
    )
    assert "Peran Anda diubah menjadi Penanggung Jawab Kinerja — Dinas Sosial" in member.last.plain
    menu = bot.api.calls_of("setMyCommands")[-1]
    assert menu.params["scope"]["chat_id"] == 2001
    assert [c["command"] for c in menu.params["commands"]] == [
        "tugas",
        "status",
        "rencana",
        "paket",
        "lapor",
        "jadwal",
        "pengingat",
        "bantuan",
    ]
    shown = await member.command("undang")
    assert "khusus untuk" in shown[0].plain
    with bot.svc.db.read() as session:
        entry = audit.entries(session, action="user.change_role")[0]
        assert '"role": "tim"' in (entry.before_json or "")
        assert '"role": "pj"' in (entry.after_json or "")


async def test_deactivated_user_is_told_so_until_reactivated(bot: Harness) -> None:
    head = await bot.registered(1001, Role.KEPALA)
    member = await bot.registered(2001, Role.TIM, name="Maria Wenda")
    await head.command("pengguna")
    await head.press("Maria Wenda")
    shown = await head.press("Nonaktifkan")
    assert "Maria Wenda dinonaktifkan" in shown[0].plain
    assert "nonaktif" in shown[0].plain
    shown = await member.command("tugas")
    assert "Akun Anda di bot ini sudah dinonaktifkan" in shown[0].plain
    shown = await head.press("Aktifkan kembali")
    assert "diaktifkan kembali" in shown[0].plain
    shown = await member.command("tugas")
    assert "Tugas Anda" in shown[0].plain


async def test_head_cannot_demote_or_deactivate_themself(bot: Harness) -> None:
    head = await bot.registered(1001, Role.KEPALA, name="Yulianus Lokobal")
    await head.command("pengguna")
    await head.press("Yulianus Lokobal")
    await head.press("Nonaktifkan")
    assert bot.api.calls_of("answerCallbackQuery")[-1].params["text"].startswith("Anda tidak dapat")
    with bot.svc.db.read() as session:
        me = users.get_by_telegram_id(session, 1001)
        assert me is not None and me.active and me.role == "kepala"


async def test_team_member_cannot_use_user_management(bot: Harness) -> None:
    head = await bot.registered(1001, Role.KEPALA)
    team = await bot.registered(2001, Role.TIM, name="Maria Wenda")
    shown = await team.command("pengguna")
    assert "khusus untuk Kepala UKPBJ" in shown[0].plain
    # Pressing the head's buttons (e.g. a forwarded or forged message) changes nothing.
    await head.command("pengguna")
    with bot.svc.db.read() as session:
        head_id = users.get_by_telegram_id(session, 1001)
        assert head_id is not None
    await team.press_data(f"usr:{head_id.id}:off", on=head.last)
    assert bot.api.calls_of("answerCallbackQuery")[-1].params["show_alert"] is True
    with bot.svc.db.read() as session:
        head_now = users.get_by_telegram_id(session, 1001)
        assert head_now is not None and head_now.active


async def test_error_in_a_handler_gives_an_incident_code(bot: Harness, monkeypatch: object) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    head = await bot.registered(1001, Role.KEPALA)

    def broken(*args: object, **kwargs: object) -> list[object]:
        raise RuntimeError("database on fire")

    monkeypatch.setattr(users, "list_users", broken)
    bot.expected_errors = 1
    shown = await head.command("pengguna")
    assert "Maaf, terjadi kesalahan" in shown[-1].plain
    assert "kode insiden" in shown[-1].plain
    assert len(bot.errors) == 1 and "database on fire" in str(bot.errors[0])
    # The bot keeps working.
    monkeypatch.undo()
    shown = await head.command("pengguna")
    assert "Pengguna terdaftar" in shown[0].plain
