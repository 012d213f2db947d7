"""/rencana's typed buttons and drafts: the wire formats that live in chats, forged or
damaged presses, and drafts left by the release before typed drafts."""

from __future__ import annotations

import json

import pytest

from bot import texts as app_texts
from bot.core.roles import Role
from bot.devtools.chat import Person
from bot.planning.callbacks import (
    ACTIONS,
    AddAction,
    AskUpload,
    BrowseAreas,
    ChooseValue,
    ConfirmDelete,
    DeleteAction,
    DiscardUpload,
    EditAttribute,
    EditIndicator,
    OpenArea,
    OpenIndicator,
    OpenPlan,
    SaveUpload,
    SeedPlan,
    SendDataTemplate,
    SendPdf,
    SendTemplate,
    ShowActions,
    SubmitPlan,
)
from bot.planning.documents.workbook import plan_workbook
from bot.planning.rules.example import example_plan
from bot.planning.rules.model import Plan
from bot.planning.usecases import store_plan
from bot.ui.callbacks import ButtonData
from storage import audit, plans, state
from tests.harness import Harness

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

WIRE: list[tuple[ButtonData, str]] = [
    (OpenPlan(2027), "pln:2027:menu"),
    (BrowseAreas(2027), "pln:2027:areas"),
    (OpenArea(2027, "A1"), "pln:2027:a:A1"),
    (OpenIndicator(2027, "IKU-04"), "pln:2027:i:IKU-04"),
    (ShowActions(2027, "IKU-04"), "pln:2027:x:IKU-04"),
    (SendTemplate(2027), "pln:2027:tpl"),
    (SendPdf(2027), "pln:2027:pdf"),
    (SendDataTemplate(2027), "pln:2027:dt"),
    (AskUpload(2027), "pln:2027:up"),
    (SaveUpload(2027), "pln:2027:ok"),
    (DiscardUpload(2027), "pln:2027:no"),
    (SeedPlan(2027), "pln:2027:seed"),
    (EditIndicator(2027, "IKU-04"), "pln:2027:e:IKU-04"),
    (EditAttribute(2027, "IKU-04", "tt"), "pln:2027:f:IKU-04:tt"),
    (ChooseValue(2027, "IKU-04", "pl", 1), "pln:2027:v:IKU-04:pl:1"),
    (AddAction(2027, "IKU-05"), "pln:2027:xa:IKU-05"),
    (DeleteAction(2027, "IKU-05", 1), "pln:2027:xd:IKU-05:1"),
    (ConfirmDelete(2027, "IKU-05", 1), "pln:2027:xy:IKU-05:1"),
    (SubmitPlan(2027), "pap:submit:2027"),
]


@pytest.mark.parametrize(("data", "wire"), WIRE)
def test_buttons_keep_their_wire_format(data: ButtonData, wire: str) -> None:
    """The format plan buttons had before typed data, so menus in chats keep working; the
    letters feature writes ``pln:<year>:menu`` itself."""
    assert data.encode() == wire
    assert type(data).decode(wire) == data
    matching = [kind.__name__ for kind in ACTIONS if kind.decode(wire) is not None]
    assert matching == [type(data).__name__]


@pytest.mark.parametrize(
    "junk",
    [
        None,
        "",
        "pln",
        "pln:areas",
        "pln:27:areas",
        "pln:2027",
        "pln:2027:menu:x",
        "pln:2027:a",
        "pln:2027:v:IKU-04:pl:satu",
        "pln:2027:xd:IKU-05:1:2",
        "pap:submit:",
        "pap:submit:2027:x",
        "x" * 65,
    ],
)
def test_junk_decodes_to_nothing(junk: object) -> None:
    assert [kind.__name__ for kind in ACTIONS if kind.decode(junk) is not None] == []


def _seed(bot: Harness) -> None:
    with bot.svc.db.write() as session:
        store_plan(session, plan=example_plan(2027), actor_id=None, now=bot.clock.now())


def _plan_changes(bot: Harness) -> int:
    with bot.svc.db.read() as session:
        return len(audit.entries(session, action="plan.changed", limit=100)) + len(
            audit.entries(session, action="plan.removed", limit=100)
        )


async def test_forged_and_damaged_presses_store_nothing(bot: Harness) -> None:
    _seed(bot)
    team = await bot.registered(2001, Role.TIM)
    menu = (await team.command("rencana"))[0]
    for data in (
        "pln:2027:xd:IKU-05:satu",
        "pln:2027:xy:IKU-05:1x",
        "pln:2027:v:IKU-04:pl:99",
        "pln:2027:v:IKU-04:zz:0",
        "pln:2027:f:IKU-04:zz",
        "pap:submit:dua",
    ):
        shown = await team.press_data(data, on=menu)
        assert shown[-1].plain == app_texts.STALE_BUTTON, data
    shown = await team.press_data("pln:2027:xy:IKU-99:1", on=menu)
    assert "sudah tidak ada di rencana" in shown[-1].plain
    assert _plan_changes(bot) == 0
    with bot.svc.db.read() as session:
        revision, plan = plans.current_plan(session, year=2027)
    assert plan == example_plan(2027) and revision is not None and revision.status == "draft"


async def test_an_owner_gets_no_template_from_a_forged_button(bot: Harness) -> None:
    _seed(bot)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    menu = (await owner.command("rencana"))[0]
    documents = len(bot.api.calls_of("sendDocument"))
    await owner.press_data("pln:2027:tpl", on=menu)
    alert = bot.api.calls_of("answerCallbackQuery")[-1].params
    assert alert.get("show_alert") is True
    assert len(bot.api.calls_of("sendDocument")) == documents


async def _plant(bot: Harness, telegram_id: int, key: str, value: object) -> None:
    """Replace ``key`` of the person's persisted user data by ``value`` across a restart,
    as if the bot were updated while the person was in the middle of a flow."""
    await bot.stop()
    with bot.svc.db.write() as session:
        stored = state.load_one(session, "user_data", str(telegram_id))
        data = json.loads(stored) if stored else {}
        data[key] = value
        state.save(
            session,
            namespace="user_data",
            key=str(telegram_id),
            data_json=json.dumps(data),
            now=bot.clock.now(),
        )
    await bot.start()


async def _edit_annual_target(team: Person) -> None:
    await team.command("rencana")
    await team.press("Jelajahi rencana")
    await team.press("A2 ·")
    await team.press("IKU-04")
    await team.press("Ubah atribut")
    await team.press("Target tahunan")


async def test_an_old_attribute_draft_is_dropped(bot: Harness) -> None:
    _seed(bot)
    team = await bot.registered(2001, Role.TIM)
    await _edit_annual_target(team)
    await _plant(bot, 2001, "rencana_ubah", {"code": "IKU-04", "attr": "tt", "year": 2027})
    shown = await team.send("65")
    assert shown[0].plain == app_texts.DRAFT_DROPPED
    assert _plan_changes(bot) == 0
    # The flow starts again cleanly.
    await _edit_annual_target(team)
    shown = await team.send("65")
    assert "Target tahunan IKU-04 disimpan" in shown[0].plain


async def test_an_old_action_plan_draft_is_dropped(bot: Harness) -> None:
    _seed(bot)
    team = await bot.registered(2001, Role.TIM)
    await team.command("rencana")
    await team.press("Jelajahi rencana")
    await team.press("A3 ·")
    await team.press("IKU-05")
    await team.press("Rencana aksi (1)")
    await team.press("Tambah rencana aksi")
    await team.send("Evaluasi penyebab tender gagal")
    old = {"code": "IKU-05", "year": 2027, "activity": "Evaluasi penyebab tender gagal"}
    await _plant(bot, 2001, "rencana_aksi", old)
    shown = await team.send("Catatan evaluasi")
    assert shown[0].plain == app_texts.DRAFT_DROPPED
    with bot.svc.db.read() as session:
        _, plan = plans.current_plan(session, year=2027)
    assert len(plan.actions_of("IKU-05")) == 1


async def test_an_old_pending_upload_is_dropped(bot: Harness) -> None:
    _seed(bot)
    team = await bot.registered(2001, Role.TIM)
    smaller = Plan(year=2027, objectives=example_plan(2027).objectives[:1])
    workbook = plan_workbook(smaller, title="UKPBJ")
    await team.command("rencana")
    await team.press("Unggah rencana")
    summary = (await team.upload("rencana.xlsx", workbook, XLSX))[-1]
    assert "Ringkasan perubahan" in summary.plain
    await _plant(
        bot, 2001, "rencana_unggahan", {"token": "0" * 24, "name": "rencana.xlsx", "year": 2027}
    )
    shown = await team.press("Simpan", on=summary)
    assert shown[-1].plain == app_texts.DRAFT_DROPPED
    with bot.svc.db.read() as session:
        _, plan = plans.current_plan(session, year=2027)
    assert plan == example_plan(2027)


async def test_an_old_year_choice_is_forgotten_quietly(bot: Harness) -> None:
    team = await bot.registered(2001, Role.TIM)
    await team.command("rencana")
    await _plant(bot, 2001, "rencana_tahun", 2027)
    shown = await team.command("rencana")
    assert shown[0].plain.startswith("Rencana Kinerja 2027")
    assert app_texts.DRAFT_DROPPED not in shown[0].plain
