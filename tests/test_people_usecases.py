"""People without Telegram (use cases on a database) and what typed buttons and drafts
change: old drafts are dropped with a message, forged or old buttons get the refusal."""

from __future__ import annotations

from bot import texts as app_texts
from bot.core.roles import Role
from bot.people import usecases
from bot.people.callbacks import InviteTeam, SetRole, UserList
from bot.people.invitation_rules import InvitationProblem
from bot.people.usecases import HeadInPlace, InvitationMade, Person, UserRefusal
from storage import audit, units, users
from tests.harness import NIPS, Harness
from tests.old_drafts import plant


def _stale_answer(bot: Harness) -> str:
    return str(bot.api.calls_of("answerCallbackQuery")[-1].params.get("text", ""))


async def test_use_cases_register_invite_and_manage_without_telegram(bot: Harness) -> None:
    svc = bot.svc
    code = bot.invitation(Role.KEPALA)
    registered = usecases.register_member(
        svc, code=code, telegram_id=1001, full_name="Yulianus", nip=NIPS["kepala"], position="X"
    )
    assert not isinstance(registered, InvitationProblem)
    head = registered.member
    assert head.role is Role.KEPALA and registered.replaced_chat is None
    again = usecases.register_member(
        svc, code=code, telegram_id=1002, full_name="Paulus", nip=NIPS["kepala"], position="X"
    )
    assert again is InvitationProblem.USED
    # A second head needs a replacement invitation.
    refused = usecases.create_invitation(svc, inviter_id=head.user_id, role=Role.KEPALA)
    assert refused == HeadInPlace("Yulianus")
    # A typed unit is added once, in the same transaction as the invitation.
    made = usecases.create_invitation(
        svc, inviter_id=head.user_id, role=Role.PJ, new_unit_name="Distrik Asolokobal"
    )
    assert isinstance(made, InvitationMade) and made.unit_created
    assert made.unit_name == "Distrik Asolokobal"
    with svc.db.read() as session:
        assert units.find_unit(session, name="distrik asolokobal") is not None
        assert len(audit.entries(session, action="unit.create")) == 1
    owner = usecases.register_member(
        svc, code=made.code, telegram_id=3001, full_name="Yakobus", nip=NIPS["pj"], position="Y"
    )
    assert not isinstance(owner, InvitationProblem)
    assert owner.inviter_chat == 1001
    user_id = owner.member.user_id
    assert usecases.deactivate(svc, actor_id=head.user_id, user_id=head.user_id) is (
        UserRefusal.SELF
    )
    assert usecases.change_role(svc, actor_id=head.user_id, user_id=user_id, role=Role.KEPALA) is (
        UserRefusal.ONE_HEAD
    )
    changed = usecases.change_role(svc, actor_id=head.user_id, user_id=user_id, role=Role.TIM)
    assert isinstance(changed, Person) and changed.role is Role.TIM and changed.unit_name is None
    off = usecases.deactivate(svc, actor_id=head.user_id, user_id=user_id)
    assert isinstance(off, Person) and not off.active
    assert usecases.change_role(svc, actor_id=head.user_id, user_id=user_id, role=Role.PJ) is (
        UserRefusal.STALE
    )


async def test_an_old_registration_draft_is_dropped_and_said_so(bot: Harness) -> None:
    code = bot.invitation(Role.TIM)
    person = bot.person(5001)
    await person.command("start", code)
    await person.send("Maria Wenda, S.Kom.")
    # The release before typed drafts stored a plain dict without a version.
    await plant(bot, 5001, "registrasi", {"code": code, "full_name": "Maria Wenda, S.Kom."})
    shown = await person.send("198503152010012003")
    assert shown[0].plain == app_texts.DRAFT_DROPPED
    with bot.svc.db.read() as session:
        assert users.get_by_telegram_id(session, 5001) is None
    # The invitation is still usable: the person starts again and registers.
    shown = await person.send("halo")
    assert "tautan undangan" in shown[0].plain
    await person.command("start", code)
    await person.send("Maria Wenda, S.Kom.")
    await person.send("198503152010012003")
    await person.send("Analis")
    shown = await person.press("Ya, daftarkan")
    assert "Pendaftaran berhasil" in shown[0].plain


async def test_an_old_invitation_draft_is_dropped_and_makes_no_invitation(bot: Harness) -> None:
    team = await bot.registered(2001, Role.TIM)
    await team.command("undang")
    units_shown = (await team.press("Penanggung Jawab"))[0]
    # Before typed drafts the chosen role was a bare string.
    await plant(bot, 2001, "undang_role", "pj")
    shown = await team.press("Dinas Kesehatan", on=units_shown)
    assert shown[0].plain == app_texts.DRAFT_DROPPED
    with bot.svc.db.read() as session:
        made = audit.entries(session, action="invitation.create")
    assert len(made) == 1  # only the harness's own, for the team member


async def test_forged_and_old_people_buttons_get_the_refusal(bot: Harness) -> None:
    head = await bot.registered(1001, Role.KEPALA, name="Yulianus Lokobal")
    member = await bot.registered(2001, Role.TIM, name="Maria Wenda")
    listing = (await head.command("pengguna"))[0]
    with bot.svc.db.read() as session:
        maria = users.get_by_telegram_id(session, 2001)
        assert maria is not None and maria.id is not None
    # Buttons of the release before typed buttons: answered as stale, nothing changes.
    for data in (f"usr:{maria.id}:off", f"usr:{maria.id}", "und:unit:3"):
        shown = await head.press_data(data, on=listing)
        assert shown == [] and _stale_answer(bot) == app_texts.STALE_BUTTON, data
    # Damaged data of today's actions: the message says the button no longer works.
    for data in (f"usr:off:{maria.id}x", "usr:r:boss:1", "usr:list:"):
        shown = await head.press_data(data, on=listing)
        assert shown[-1].plain == app_texts.STALE_BUTTON, data
    with bot.svc.db.read() as session:
        still = users.get_by_telegram_id(session, 2001)
        assert still is not None and still.active and still.role == "tim"
    # The new forms stay short and name the action first.
    assert UserList(page=2).encode() == "usr:list:2"
    assert SetRole(role=Role.PJ, user_id=7).encode() == "usr:r:pj:7"
    assert InviteTeam().encode() == "und:team"
    # A team member cannot use the head's buttons, new or old.
    await member.press_data(SetRole(role=Role.PJ, user_id=maria.id).encode(), on=listing)
    assert bot.api.calls_of("answerCallbackQuery")[-1].params["show_alert"] is True


async def test_a_forged_registration_button_registers_nobody(bot: Harness) -> None:
    code = bot.invitation(Role.TIM)
    person = bot.person(6001)
    await person.command("start", code)
    shown = await person.send("Maria Wenda")
    # Pressing "register" before the summary: the answers are incomplete.
    await person.press_data("reg:ok", on=shown[0])
    assert _stale_answer(bot).startswith("Tombol ini sudah tidak berlaku")
    with bot.svc.db.read() as session:
        assert users.get_by_telegram_id(session, 6001) is None
