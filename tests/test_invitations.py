"""/undang: the head and the team create invitation links; the links work."""

from __future__ import annotations

import re

from sqlmodel import select

from bot.core.roles import Role
from bot.people.invitation_rules import InvitationProblem
from storage import audit, units, users
from storage.models import Invitation
from tests.harness import Harness

LINK = re.compile(r"https://t\.me/KinerjaPbjBot\?start=([a-z0-9]{16})")


async def _register_with(bot: Harness, code: str, telegram_id: int, name: str, nip: str) -> None:
    person = bot.person(telegram_id, name)
    await person.command("start", code)
    await person.send(name)
    await person.send(nip)
    await person.send("Staf")
    await person.press("Ya, daftarkan")
    assert "Pendaftaran berhasil" in person.last.plain


async def test_head_invites_a_team_member_who_registers(bot: Harness) -> None:
    head = await bot.registered(1001, Role.KEPALA, name="Yulianus Lokobal")
    shown = await head.command("undang")
    assert shown[0].button_texts == [
        "Kepala UKPBJ",
        "Tim Pengelolaan Kelembagaan",
        "Penanggung Jawab Kinerja",
        "Batal",
    ]
    shown = await head.press("Tim Pengelolaan")
    created = shown[0].plain
    assert "Undangan untuk Tim Pengelolaan Kelembagaan dibuat" in created
    assert "Selasa, 12 Januari 2027 pukul 09.00 WIT" in created  # 7 days, in WIT
    match = LINK.search(created)
    assert match is not None
    await _register_with(bot, match.group(1), 2001, "Maria Wenda", "198503152010012003")
    # The head is told that the invitation was used.
    assert "Maria Wenda telah mendaftar sebagai Tim Pengelolaan Kelembagaan" in head.last.plain


async def test_team_invites_an_owner_for_a_unit_from_the_list(bot: Harness) -> None:
    team = await bot.registered(2001, Role.TIM)
    shown = await team.command("undang")
    # The team cannot make someone head.
    assert "Kepala UKPBJ" not in shown[0].button_texts
    shown = await team.press("Penanggung Jawab")
    assert "Pilih unit" in shown[0].plain and "(1/4)" in shown[0].plain
    assert "Dinas Kesehatan" in shown[0].button_texts
    # A name too long for a phone's button shows as the unit's short name, never cut.
    assert "BKPSDM" in shown[0].button_texts
    assert not any("Sumber Daya" in label for label in shown[0].button_texts)
    shown = await team.press("▶")
    assert "(2/4)" in shown[0].plain
    shown = await team.press("◀")
    shown = await team.press("Dinas Kesehatan")
    assert "Penanggung Jawab Kinerja — Dinas Kesehatan" in shown[0].plain
    match = LINK.search(shown[0].plain)
    assert match is not None
    await _register_with(bot, match.group(1), 3001, "Yakobus Itlay", "199001012015031004")
    with bot.svc.db.read() as session:
        owner = users.get_by_telegram_id(session, 3001)
        assert owner is not None and owner.role == "pj"
        unit = users.unit_of(session, owner)
        assert unit is not None and unit.name == "Dinas Kesehatan"


async def test_team_invites_an_owner_for_a_new_unit(bot: Harness) -> None:
    team = await bot.registered(2001, Role.TIM)
    await team.command("undang")
    await team.press("Penanggung Jawab")
    shown = await team.press("Unit lain")
    assert "Ketik nama lengkap unit" in shown[0].plain
    shown = await team.send("x")
    assert "3-200 karakter" in shown[0].plain
    shown = await team.send("Distrik   Wamena Kota")
    assert "Unit baru dicatat: Distrik Wamena Kota" in shown[0].plain
    assert "Penanggung Jawab Kinerja — Distrik Wamena Kota" in shown[1].plain
    # Typing an existing name (any case) reuses the unit instead of creating a duplicate.
    await team.command("undang")
    await team.press("Penanggung Jawab")
    await team.press("Unit lain")
    shown = await team.send("dinas kesehatan")
    assert len(shown) == 1 and "— Dinas Kesehatan" in shown[0].plain
    with bot.svc.db.read() as session:
        names = [u.name for u in units.list_units(session)]
    assert names.count("Dinas Kesehatan") == 1 and "Distrik Wamena Kota" in names


async def test_owner_cannot_invite_and_forged_role_buttons_do_nothing(bot: Harness) -> None:
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    shown = await owner.command("undang")
    assert "khusus untuk Kepala UKPBJ, Tim Pengelolaan Kelembagaan" in shown[0].plain
    team = await bot.registered(2001, Role.TIM)
    await team.command("undang")
    shown = await team.press_data("und:role:kepala", on=team.last)
    assert "tidak berlaku" in shown[0].plain
    with bot.svc.db.read() as session:
        assert users.list_users(session, role=Role.KEPALA) == []
    # An owner pressing the team's button gets an alert and no invitation is made.
    await owner.press_data("und:role:pj", on=team.last)
    alert = bot.api.calls_of("answerCallbackQuery")[-1]
    assert alert.params.get("show_alert") is True
    assert "khusus untuk" in alert.params["text"]
    with bot.svc.db.read() as session:
        made = audit.entries(session, action="invitation.create")
    assert len(made) == 2  # only the two made by the harness for registration


async def test_cancel_invitation(bot: Harness) -> None:
    head = await bot.registered(1001, Role.KEPALA)
    await head.command("undang")
    shown = await head.press("Batal")
    assert shown[0].plain == "Dibatalkan."
    # The old message's buttons are now stale.
    await head.press_data("und:role:tim", on=shown[0])
    assert (
        bot.api.calls_of("answerCallbackQuery")[-1]
        .params["text"]
        .startswith("Tombol ini sudah tidak berlaku")
    )


async def test_one_head_at_a_time_unless_replaced(bot: Harness) -> None:
    head = await bot.registered(1001, Role.KEPALA, name="Yulianus Lokobal")
    await bot.registered(2001, Role.TIM, name="Maria Wenda")
    shown = await head.command("undang")
    shown = await head.press("Kepala UKPBJ")
    # No invitation yet: the head is told why, pointed to /plh, and offered the replacement.
    assert "Kepala UKPBJ sekarang: Yulianus Lokobal" in shown[0].plain
    assert "/plh" in shown[0].plain
    assert shown[0].button_texts == ["Ganti Kepala UKPBJ", "Batal"]
    assert LINK.search(shown[0].plain) is None
    assert [i for i in _invitations(bot) if i.role == "kepala" and i.used_at is None] == []
    shown = await head.press("Ganti Kepala UKPBJ")
    assert "Undangan untuk Kepala UKPBJ dibuat" in shown[0].plain
    assert "saat dipakai, Yulianus Lokobal tidak lagi Kepala UKPBJ" in shown[0].plain
    match = LINK.search(shown[0].plain)
    assert match is not None
    successor = bot.person(1002, "Paulus")
    shown = await successor.command("start", match.group(1))
    assert "Anda akan menggantikan Yulianus Lokobal sebagai Kepala UKPBJ" in shown[0].plain
    await successor.send("Paulus Wetipo, S.T.")
    await successor.send("197406102000031002")
    await successor.send("Kepala Bagian Pengadaan Barang/Jasa")
    shown = await successor.press("Ya, daftarkan")
    assert "Pendaftaran berhasil" in shown[0].plain
    # The head before is deactivated (still on record as head) and told.
    assert "Paulus Wetipo, S.T. kini terdaftar sebagai Kepala UKPBJ menggantikan Anda" in (
        head.last.plain
    )
    with bot.svc.db.read() as session:
        old = users.get_by_telegram_id(session, 1001)
        assert old is not None and not old.active and old.role == "kepala"
        new = users.active_head(session)
        assert new is not None and new.telegram_id == 1002
        assert audit.entries(session, action="user.replaced_as_head")
    shown = await head.command("persetujuan")
    assert "sudah dinonaktifkan" in shown[0].plain  # no member any more
    # The new head cannot bring the old one back as a second head.
    await successor.command("pengguna")
    shown = await successor.press("Yulianus Lokobal")
    assert shown[0].button_texts == ["✅ Aktifkan kembali", "« Kembali"]
    shown = await successor.press("Aktifkan kembali")
    assert "Hanya ada satu Kepala UKPBJ" in shown[0].plain
    with bot.svc.db.read() as session:
        assert users.count_active(session, Role.KEPALA) == 1


async def test_a_second_head_invitation_is_refused_when_used(bot: Harness) -> None:
    """Two head invitations made before anyone registered: the second one cannot make a
    second head."""
    first, second = bot.invitation(Role.KEPALA), bot.invitation(Role.KEPALA)
    await _register_with(bot, first, 1001, "Yulianus Lokobal", "197406102000031002")
    late = bot.person(1002, "Paulus")
    shown = await late.command("start", second)
    assert "sudah ada Kepala UKPBJ aktif" in shown[0].plain
    assert "/plh" in shown[0].plain
    with bot.svc.db.read() as session:
        assert users.count_active(session, Role.KEPALA) == 1
        assert users.get_by_telegram_id(session, 1002) is None
        # Storage refuses it too, whoever calls it.
        outcome = users.redeem_invitation(
            session,
            code=second,
            person=users.Registration(1002, "Paulus Wetipo", "197406102000031002", "Staf"),
            now=bot.clock.now(),
        )
        assert outcome is InvitationProblem.HEAD_EXISTS


def _invitations(bot: Harness) -> list[Invitation]:
    with bot.svc.db.read() as session:
        return list(session.exec(select(Invitation)))
