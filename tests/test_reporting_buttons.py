"""Reporting's typed buttons and drafts: old wire formats keep working, forged or stale
payloads get one clear refusal, drafts from before typed drafts are dropped with a word."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot import texts as app_texts
from bot.core.roles import Role
from bot.reporting import callbacks
from bot.reporting.callbacks import (
    AcceptReport,
    AskCloseCycle,
    ChoosePackage,
    ChoosePeriod,
    DataTemplate,
    NextReport,
    ReturnReport,
    SendWorkbook,
    ShowEvidence,
)
from bot.ui.callbacks import ButtonData, check_prefixes
from storage import cycles, submissions
from tests.harness import Harness
from tests.test_reporting_flow import _answer_inputs, _full_report, _setup

STALE = "Tombol ini sudah tidak berlaku"

ALL_BUTTONS = (*callbacks.REPORT_BUTTONS, *callbacks.CYCLE_BUTTONS, *callbacks.VERIFY_BUTTONS)


def test_no_two_actions_share_a_prefix() -> None:
    check_prefixes(ALL_BUTTONS)


@pytest.mark.parametrize(
    ("data", "wire"),
    [
        # Verification cards stay in the team's chats for days: exactly the old strings.
        (AcceptReport(17), "vf:ok:17"),
        (ReturnReport(17), "vf:no:17"),
        (ShowEvidence(17), "vf:ev:17"),
        (NextReport(2), "vf:nx:2"),
        (AskCloseCycle(2026), "cyc:ask:2026"),
        (ChoosePeriod(2026, "tahunan-1", 1), "lp:per:2026:tahunan-1:1"),
        (ChoosePackage("triwulanan-1", 5), "lp:pkg:triwulanan-1:5"),
        (DataTemplate(2027, "bulanan-12"), "lp:xt:2027:bulanan-12"),
        (SendWorkbook(), "lp:wk:ok"),
    ],
)
def test_wire_formats_are_the_old_ones(data: ButtonData, wire: str) -> None:
    assert data.encode() == wire
    assert type(data).decode(wire) == data


@pytest.mark.parametrize(
    "forged",
    ["vf:ok:abc", "vf:ok:", "vf:ok:1:2", "lp:per:2027:triwulanan-1", "lp:pkg::5", "cyc:yes:x"],
)
def test_forged_payloads_do_not_decode(forged: str) -> None:
    assert all(kind.decode(forged) is None for kind in ALL_BUTTONS)


async def test_forged_and_stale_presses_get_the_refusal(bot: Harness) -> None:
    package_id = _setup(bot)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    team = await bot.registered(2001, Role.TIM)
    menu = (await owner.command("lapor"))[0]
    for forged in ("lp:per:2027:bukan-periode:1", "lp:pkg:triwulanan-1:abc", "lp:pp:x"):
        shown = await owner.press_data(forged, on=menu)
        assert STALE in shown[-1].plain, forged
    # A package that does not exist is no report to start.
    shown = await owner.press_data(f"lp:pkg:triwulanan-1:{package_id + 99}", on=menu)
    assert STALE in shown[-1].plain
    # A status that is not one of the four, while an action's status is asked.
    await owner.command("lapor")
    await owner.press("Triwulan I 2027 ·")
    await owner.press("Pengadaan obat puskesmas")
    await _answer_inputs(owner)
    question = owner.last
    assert "Bagaimana statusnya?" in question.plain
    for forged in ("lp:st:-1", "lp:st:4", "lp:st:"):
        shown = await owner.press_data(forged, on=question)
        assert STALE in shown[-1].plain, forged
    # The draft is untouched: /lapor resumes at the same question.
    await owner.command("lapor")
    shown = await owner.press("Lanjutkan")
    assert "Bagaimana statusnya?" in shown[-1].plain
    shown = await owner.press("berjalan")
    assert "Catatan singkat progres" in shown[-1].plain
    card = (await team.command("verifikasi"))[0]
    shown = await team.press_data("vf:ok:abc", on=card)
    assert STALE in shown[-1].plain
    shown = await team.press_data("cyc:yes:dua-ribu", on=card)
    assert STALE in shown[-1].plain
    # An owner may not press the team's buttons, even with well-formed data.
    await owner.press_data("cyc:yes:2027", on=menu)
    assert bot.api.calls[-1].method == "answerCallbackQuery"
    assert bot.api.calls[-1].params.get("show_alert")
    with bot.svc.db.read() as session:
        found = cycles.find_cycle(session, year=2027)
    assert found is not None and found.closed_at is None


async def test_a_verification_card_of_the_old_release_still_works(bot: Harness) -> None:
    package_id = _setup(bot)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    team = await bot.registered(2001, Role.TIM)
    await _full_report(owner)
    card = (await team.command("verifikasi"))[0]
    with bot.svc.db.read() as session:
        waiting = submissions.latest(session, package_id=package_id, period_key="triwulanan-1")
    assert waiting is not None
    assert card.callback_data("Terima") == f"vf:ok:{waiting.id}"
    assert card.callback_data("Kembalikan") == f"vf:no:{waiting.id}"
    # The data an older card carries, pressed days later.
    shown = await team.press_data(f"vf:ok:{waiting.id}", on=card)
    assert "Laporan diterima" in shown[0].plain
    assert "diterima oleh tim UKPBJ" in owner.last.plain
    shown = await team.press_data(f"vf:ok:{waiting.id}", on=card)
    assert "sudah diterima oleh Tim 2001" in shown[0].plain  # pressed again: who decided


def _user_data(bot: Harness, telegram_id: int) -> dict[str, Any]:
    assert bot.app is not None
    data = bot.app.user_data[telegram_id]
    assert isinstance(data, dict)
    return data


async def test_a_report_draft_from_before_typed_drafts_is_dropped(bot: Harness) -> None:
    package_id = _setup(bot)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    await _full_report(owner)
    with bot.svc.db.read() as session:
        before = submissions.latest(session, package_id=package_id, period_key="triwulanan-1")
    assert before is not None
    # What the previous release kept in user_data: a plain dict without a version.
    _user_data(bot, 3001)["lapor"] = {
        "period": "triwulanan-1",
        "package": package_id,
        "inputs": [["total_hps", "Total HPS", "rupiah"]],
        "values": {"total_hps": 5.0},
        "phase": "summary",
    }
    shown = await owner.command("lapor")
    assert shown[-1].plain == app_texts.DRAFT_DROPPED
    assert "lapor" not in _user_data(bot, 3001)
    # Nothing stored changed; /lapor starts again from the periods.
    with bot.svc.db.read() as session:
        after = submissions.latest(session, package_id=package_id, period_key="triwulanan-1")
    assert after is not None and after.revision == before.revision
    assert json.loads(after.values_json) == json.loads(before.values_json)
    shown = await owner.command("lapor")
    assert "Laporan untuk periode mana?" in shown[-1].plain


async def test_an_old_return_note_draft_is_dropped_and_nothing_is_returned(bot: Harness) -> None:
    package_id = _setup(bot)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    team = await bot.registered(2001, Role.TIM)
    await _full_report(owner)
    await team.command("verifikasi")
    await team.press("Kembalikan")
    with bot.svc.db.read() as session:
        waiting = submissions.latest(session, package_id=package_id, period_key="triwulanan-1")
    assert waiting is not None and waiting.id is not None
    _user_data(bot, 2001)["verifikasi"] = waiting.id  # the previous release kept the bare id
    shown = await team.send("Lampirkan kontrak sebagai bukti.")
    assert shown[-1].plain == app_texts.DRAFT_DROPPED
    with bot.svc.db.read() as session:
        still = submissions.latest(session, package_id=package_id, period_key="triwulanan-1")
    assert still is not None and still.status == submissions.SUBMITTED


async def test_an_old_pending_workbook_is_dropped(bot: Harness) -> None:
    _setup(bot)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    await owner.command("lapor")
    await owner.press("Triwulan I 2027 ·")
    await owner.press("Template Data Kinerja")
    _user_data(bot, 3001)["lapor_berkas"] = {"year": 2027, "period": "triwulanan-1"}
    shown = await owner.upload("data.xlsx", b"PK\x03\x04", "application/vnd.ms-excel")
    assert shown[-1].plain == app_texts.DRAFT_DROPPED


def _filled(template: bytes) -> bytes:
    """The downloaded template with the package's values filled in."""
    import io

    import openpyxl

    from bot.planning.documents.data_template import FIRST_DATA_ROW, KEY_ROW

    book = openpyxl.load_workbook(io.BytesIO(template))
    sheet = book["Data Paket"]
    keys = [c.value for c in sheet[KEY_ROW]]
    for key, value in (("total_hps", 1_000_000_000), ("total_pagu", 2_500_000_000)):
        sheet.cell(row=FIRST_DATA_ROW, column=keys.index(key) + 1, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def test_a_checked_workbook_is_held_only_until_the_owner_decides(bot: Harness) -> None:
    _setup(bot)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    held = bot.settings.kinerja_archive_dir / "tertunda"

    async def upload() -> None:
        shown = await owner.press("Template Data Kinerja")
        template = next(m for m in shown if m.document is not None)
        assert template.document is not None
        shown = await owner.upload("data.xlsx", _filled(template.document[1]), "application/x")
        assert "1 paket berisi nilai" in shown[-1].plain

    await owner.command("lapor")
    await owner.press("Triwulan I 2027 ·")
    await upload()
    assert len(list(held.iterdir())) == 1
    shown = await owner.press("Batal")
    assert shown[-1].plain == "Berkas dibuang. Laporan yang tersimpan tidak berubah."
    assert list(held.iterdir()) == []
    # A new template asked for while a checked file waits: the waiting file is let go.
    await owner.command("lapor")
    await owner.press("Triwulan I 2027 ·")
    await upload()
    await owner.press("Template Data Kinerja")
    assert list(held.iterdir()) == []
    shown = await owner.upload("bukan.pdf", b"%PDF", "application/pdf")
    assert shown[-1].plain.startswith("Berkas ini bukan .xlsx. Kirim Template Data Kinerja dalam")
