"""Strangers, invitations and the registration conversation, as a user sees them."""

from __future__ import annotations

from datetime import timedelta

from bot.core.roles import Role
from storage import audit, users
from tests.harness import Harness


async def test_stranger_sees_only_how_to_get_an_invitation(bot: Harness) -> None:
    stranger = bot.person(555, "Orang Asing")
    for attempt in ("halo", "/tugas", "/status", "/pengguna", "/undang", "/start"):
        shown = await stranger.send(attempt)
        assert len(shown) == 1, attempt
        assert "tautan undangan" in shown[0].plain
        assert shown[0].buttons == []
    # A stranger pressing a forged button gets the same answer as an alert, nothing else.
    shown = await stranger.press_data("usr:1:off", on=stranger.last)
    alerts = bot.api.calls_of("answerCallbackQuery")
    assert alerts[-1].params["text"].startswith("Anda belum terdaftar")
    assert shown == []


async def test_head_registers_through_an_invitation(bot: Harness) -> None:
    code = bot.invitation(Role.KEPALA)
    head = bot.person(1001, "Yulianus")

    shown = await head.command("start", code)
    assert "Kepala UKPBJ" in shown[0].plain
    assert "nama lengkap" in shown[0].plain

    shown = await head.send("Yulianus Lokobal, S.E., M.Si.")
    assert "NIP" in shown[0].plain
    shown = await head.send("19740610 200003 1 002")
    assert "jabatan" in shown[0].plain
    shown = await head.send("Kepala Bagian Pengadaan Barang/Jasa")
    summary = shown[0]
    assert "Yulianus Lokobal, S.E., M.Si." in summary.plain
    assert "19740610 200003 1 002" in summary.plain
    assert summary.button_texts == ["✅ Ya, daftarkan", "✏️ Ulangi", "Batal"]

    shown = await head.press("Ya, daftarkan")
    assert "Pendaftaran berhasil" in head.last.plain
    assert "Kepala UKPBJ" in head.last.plain
    # The head's command menu now offers the head's commands.
    menu = bot.api.calls_of("setMyCommands")[-1]
    assert menu.params["scope"] == {"type": "chat", "chat_id": 1001}
    assert [c["command"] for c in menu.params["commands"]] == [
        "tugas",
        "status",
        "rencana",
        "persetujuan",
        "edaran",
        "sosialisasi",
        "paket",
        "capaian",
        "analisis",
        "laporan",
        "rapat",
        "arsip",
        "undang",
        "pengguna",
        "plh",
        "pengingat",
        "bantuan",
    ]
    with bot.svc.db.read() as session:
        user = users.get_by_telegram_id(session, 1001)
        assert user is not None and user.role == "kepala" and user.nip == "197406102000031002"
        assert [e.action for e in audit.entries(session)][:2] == [
            "user.register",
            "invitation.create",
        ]
    # The code cannot be used a second time.
    other = bot.person(1002)
    shown = await other.command("start", code)
    assert "sudah dipakai" in shown[0].plain


async def test_bad_nip_is_explained_and_asked_again(bot: Harness) -> None:
    code = bot.invitation(Role.TIM)
    member = bot.person(2001)
    await member.command("start", code)
    await member.send("Maria Wenda, S.Kom.")
    for wrong, reason in (
        ("12345", "18 digit"),
        ("1985031520100120AB", "hanya boleh berisi angka"),
        ("198513152010012003", "tanggal lahir"),
        ("198503152010013003", "jenis kelamin"),
    ):
        shown = await member.send(wrong)
        assert "NIP tidak sah" in shown[0].plain and reason in shown[0].plain, wrong
    shown = await member.send("198503152010012003")
    assert "jabatan" in shown[0].plain


async def test_used_expired_and_unknown_codes_are_refused(bot: Harness) -> None:
    expired = bot.invitation(Role.TIM, lifetime=timedelta(hours=1))
    bot.clock.advance(timedelta(hours=2))
    person = bot.person(3001)
    shown = await person.command("start", expired)
    assert "kedaluwarsa" in shown[0].plain
    shown = await person.command("start", "tidakadakode123")
    assert "tidak dikenal" in shown[0].plain
    shown = await person.command("start", "<script>")
    assert "tidak dikenal" in shown[0].plain
    # Still a stranger afterwards.
    shown = await person.send("halo")
    assert "tautan undangan" in shown[0].plain


async def test_code_expiring_during_registration_is_refused_at_confirmation(
    bot: Harness,
) -> None:
    code = bot.invitation(Role.TIM, lifetime=timedelta(minutes=30))
    person = bot.person(3002)
    await person.command("start", code)
    await person.send("Maria Wenda")
    await person.send("198503152010012003")
    await person.send("Analis Kebijakan")
    bot.clock.advance(timedelta(hours=1))
    await person.press("Ya, daftarkan")
    assert "kedaluwarsa" in person.last.plain
    with bot.svc.db.read() as session:
        assert users.get_by_telegram_id(session, 3002) is None


async def test_owner_registers_with_the_unit_of_the_invitation(bot: Harness) -> None:
    code = bot.invitation(Role.PJ, unit="Dinas Kesehatan")
    owner = bot.person(4001)
    shown = await owner.command("start", code)
    assert "Penanggung Jawab Kinerja" in shown[0].plain
    assert "Dinas Kesehatan" in shown[0].plain
    await owner.send("Yakobus Itlay, S.KM.")
    await owner.send("199001012015031004")
    await owner.send("Kepala Subbagian Program")
    await owner.press("Ya, daftarkan")
    assert "Penanggung Jawab Kinerja — Dinas Kesehatan" in owner.last.plain
    shown = await owner.command("tugas")
    assert "Tugas Anda" in shown[0].plain


async def test_registration_survives_a_restart_midway(bot: Harness) -> None:
    code = bot.invitation(Role.TIM)
    person = bot.person(5001)
    await person.command("start", code)
    await person.send("Maria Wenda, S.Kom.")
    # The server dies without a clean shutdown, then comes back.
    await bot.restart(graceful=False)
    shown = await person.send("198503152010012003")
    assert "jabatan" in shown[0].plain
    await bot.restart(graceful=True)
    shown = await person.send("Analis Pengadaan")
    assert "Maria Wenda, S.Kom." in shown[0].plain
    await person.press("Ya, daftarkan")
    assert "Pendaftaran berhasil" in person.last.plain


async def test_cancel_and_redo_during_registration(bot: Harness) -> None:
    code = bot.invitation(Role.TIM)
    person = bot.person(6001)
    await person.command("start", code)
    shown = await person.command("batal")
    assert "dibatalkan" in shown[0].plain
    # After cancelling, the person is a stranger again, but the code still works.
    shown = await person.send("Maria")
    assert "tautan undangan" in shown[0].plain
    await person.command("start", code)
    await person.send("Maria Salah Nama")
    await person.send("198503152010012003")
    await person.send("Analis")
    await person.press("Ulangi")
    assert "nama lengkap" in person.last.plain
    await person.send("Maria Wenda")
    await person.send("198503152010012003")
    shown = await person.send("Analis")
    assert "Maria Wenda" in shown[0].plain and "Salah" not in shown[0].plain
