"""After a crash, every other conversation goes on at the step it asked last.

Like ``tests/test_resume_steps.py``: PTB stores a conversation's state only after the
handler returned, while the person's data (the drafts, and the step the handler named with
``bot.ui.chat.remember_step``) is stored before the reply. Each test loses PTB's write
after one reply and restarts the bot on the same database before the next message, which
must be taken as the answer to the question that was shown."""

from __future__ import annotations

import io
from collections.abc import Awaitable

import openpyxl
import pytest

from bot.core.roles import Role
from bot.core.xlsx_guard import XLSX_MIME
from bot.devtools.fake_bot_api import Shown
from bot.outreach import texts as outreach_texts
from storage import plans
from tests.harness import Harness, crash_after_next_reply
from tests.test_analysis import open_iku, setup_world
from tests.test_analysis_workbook import _edited, _fill
from tests.test_approvals import _request, _submit
from tests.test_letter_buttons import _copies, _signed_invitation, _uid
from tests.test_meeting import _world
from tests.test_outreach import _approved_plan, _letter, _people, _sign_circular
from tests.test_packages import EXPORT, _seed_plan, _sirup
from tests.test_planning import (
    XLSX,
    _cell_of,
    _edit_workbook,
    _open_indicator,
    _seed,
    _sent_document,
)
from tests.test_reporting_flow import _setup as _setup_reporting
from tests.test_update_cost import WriteSpy


async def _crashed(
    bot: Harness, monkeypatch: pytest.MonkeyPatch, step: Awaitable[list[Shown]]
) -> list[Shown]:
    """What ``step`` showed, the process killed right after it and the bot started again
    on the same database: PTB's write after the update never ran."""
    crash_after_next_reply(bot, monkeypatch)
    shown = await step
    await bot.restart(graceful=False)
    return shown


async def test_rencana_takes_the_plan_workbook_after_a_crash(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    _seed(bot)
    team = await bot.registered(2001, Role.TIM)
    await team.command("rencana")
    crash_after_next_reply(bot, monkeypatch)
    shown = await team.press("Unduh template Excel")
    _, original = _sent_document(shown)
    await bot.restart(graceful=False)
    cell = _cell_of(original, "Indikator", "Target Tahunan", "IKU-04")
    changed = _edit_workbook(original, "Indikator", cell, 65)
    shown = await team.upload("rencana.xlsx", changed, XLSX)
    assert "Diubah: 1 indikator" in shown[-1].plain
    await team.press("✅ Simpan")
    with bot.svc.db.read() as session:
        _, plan = plans.current_plan(session, year=2027)
    indicator = plan.indicator("IKU-04")
    assert indicator is not None and indicator.annual_target == 65


async def test_rencana_unggah_then_a_crash_still_takes_the_workbook(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    _seed(bot)
    team = await bot.registered(2001, Role.TIM)
    await team.command("rencana")
    shown = await team.press("Unduh template Excel")
    _, original = _sent_document(shown)
    await team.command("rencana")
    await _crashed(bot, monkeypatch, team.press("Unggah rencana"))
    cell = _cell_of(original, "Indikator", "Target Tahunan", "IKU-04")
    shown = await team.upload("rencana.xlsx", _edit_workbook(original, "Indikator", cell, 65), XLSX)
    assert "Diubah: 1 indikator" in shown[-1].plain


async def test_paket_takes_the_sirup_export_and_the_sheet_after_a_crash(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    _seed_plan(bot)
    team = await bot.registered(2001, Role.TIM)
    await team.command("paket")
    await _crashed(bot, monkeypatch, team.press("Unggah ekspor SIRUP"))
    shown = await team.upload("sirup.xlsx", _sirup(EXPORT), XLSX)
    assert shown[-1].button_texts == ["Tahun 2027", "Tahun 2028", "Batal"]
    await team.press("Tahun 2027")
    await team.press("Simpan")
    crash_after_next_reply(bot, monkeypatch)
    shown = await team.press("Unduh lembar pemetaan")
    sheet = next(m for m in shown if m.document is not None)
    assert sheet.document is not None
    await bot.restart(graceful=False)
    book = openpyxl.load_workbook(io.BytesIO(sheet.document[1]))
    ws = book["Pemetaan"]
    headers = [c.value for c in ws[1]]
    kode, area = headers.index("Kode RUP"), headers.index("Kode Area")
    for row in ws.iter_rows(min_row=2):
        if row[kode].value == "41000001":
            row[area].value = "A2"
    out = io.BytesIO()
    book.save(out)
    crash_after_next_reply(bot, monkeypatch)
    shown = await team.upload("pemetaan.xlsx", out.getvalue(), XLSX)
    assert "1 paket berubah area" in shown[-1].plain
    await bot.restart(graceful=False)
    shown = await team.press("Simpan")
    assert "Pemetaan disimpan untuk 1 paket" in shown[0].plain


async def test_surat_takes_each_invitation_answer_and_a_paragraph_after_a_crash(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    _approved_plan(bot)
    team, head, _ = await _people(bot)
    await _sign_circular(bot, team, head)
    await team.command("sosialisasi")
    crash_after_next_reply(bot, monkeypatch)
    await team.press("Buat draf Surat Undangan")
    for number, answer in enumerate(("11/01/2027", "09.00", "Aula Kantor Bupati"), start=2):
        await bot.restart(graceful=False)
        crash_after_next_reply(bot, monkeypatch)
        shown = await team.send(answer)
        assert shown[-1].plain.startswith(f"{number}/4 ")
    await bot.restart(graceful=False)
    shown = await team.send("Sosialisasi Kinerja")
    assert "Aula Kantor Bupati" in _letter(bot, "undangan").content_json
    await team.press("Ganti paragraf", on=shown[-1])
    await _crashed(bot, monkeypatch, team.press("Tempat"))
    shown = await team.send("Aula Distrik Wamena")
    assert "Paragraf Tempat diganti" in shown[-1].plain
    assert "Aula Distrik Wamena" in _letter(bot, "undangan").content_json


async def test_an_rsvp_note_and_socialisation_media_after_a_crash_are_taken(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    team, _, owners = await _signed_invitation(bot)
    owner = owners[1]
    await _crashed(bot, monkeypatch, owner.press("Diwakilkan"))
    shown = await owner.send("Markus Hilapok")
    assert "Diwakilkan (Markus Hilapok)" in shown[-1].plain
    assert _copies(bot, "undangan")[_uid(bot, owner)].response == "wakil"
    await team.press("Laporan Sosialisasi", on=(await team.command("sosialisasi"))[0])
    await _crashed(
        bot, monkeypatch, team.press("Unggah foto", on=(await team.command("sosialisasi"))[0])
    )
    shown = await team.send("Peserta aktif bertanya tentang target kinerja.")
    assert shown[-1].plain == outreach_texts.SOC_NOTE_SAVED


async def test_rapat_takes_the_notes_after_a_crash(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, team = await _world(bot)
    await team.command("rapat")
    await _crashed(bot, monkeypatch, team.press("Triwulan I"))
    shown = await team.send("Rapat evaluasi triwulan I")
    assert "📝 Catatan: Rapat evaluasi triwulan I" in shown[-1].plain


async def test_an_approval_comment_and_plh_dates_after_a_crash_are_taken(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    _seed(bot)
    team = await bot.registered(2001, Role.TIM)
    head = await bot.registered(1001, Role.KEPALA, name="Yulianus Lokobal")
    await bot.registered(2002, Role.TIM, name="Beni Asso")
    await _submit(team)
    await _crashed(bot, monkeypatch, head.press("Minta perubahan", on=_request(head)))
    shown = await head.send("Target e-Purchasing terlalu rendah, naikkan ke 65%.")
    assert "Keputusan dicatat: ↩️ Perubahan diminta." in shown[-1].plain
    await head.command("plh")
    await head.press("Tunjuk Plt/Plh")
    await head.press("Beni Asso")
    await _crashed(bot, monkeypatch, head.press("Plh"))
    shown = await head.send("07/01/2027 - 09/01/2027")
    assert "Plh Beni Asso ditunjuk untuk 7 Januari 2027 – 9 Januari 2027" in shown[0].plain


async def test_analisis_takes_the_next_answer_and_the_sheet_after_a_crash(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    team, _, _ = await setup_world(bot)
    await open_iku(team)
    await _crashed(bot, monkeypatch, team.press("Tulis analisis"))
    crash_after_next_reply(bot, monkeypatch)
    shown = await team.send("Waktu tender rata-rata 40 hari, target 35 hari.")
    assert "(2/3)" in shown[0].plain
    await bot.restart(graceful=False)
    shown = await team.send("Dokumen pemilihan terlambat dari OPD.")
    assert "(3/3)" in shown[0].plain
    await team.send("Perbandingan dengan target dan triwulan lalu.")
    await team.command("analisis")
    await team.press("Triwulan I 2027")
    crash_after_next_reply(bot, monkeypatch)
    shown = await team.press("Unduh lembar analisis")
    document = shown[-1].document
    assert document is not None
    await bot.restart(graceful=False)
    shown = await team.upload("lembar.xlsx", _edited(document[1], _fill), XLSX_MIME)
    assert "Analisis: 1 baru, 1 diubah, 0 tetap." in shown[-1].plain


async def test_rencana_takes_a_typed_value_and_each_action_answer_after_a_crash(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    _seed(bot)
    team = await bot.registered(2001, Role.TIM)
    await _open_indicator(team, "A2 ·", "IKU-04")
    await team.press("Ubah atribut")
    await _crashed(bot, monkeypatch, team.press("Target tahunan"))
    shown = await team.send("62,5")
    assert "Target tahunan IKU-04 disimpan" in shown[0].plain
    await _open_indicator(team, "A3 ·", "IKU-05")
    await team.press("Rencana aksi (1)")
    crash_after_next_reply(bot, monkeypatch)
    await team.press("Tambah rencana aksi")
    for answer in ("Evaluasi penyebab tender gagal", "Catatan evaluasi dan rekomendasi"):
        await bot.restart(graceful=False)
        crash_after_next_reply(bot, monkeypatch)
        await team.send(answer)
    await bot.restart(graceful=False)
    shown = await team.send("01/03/2027 - 31/12/2027")
    assert "Rencana aksi IKU-05 no. 2 ditambahkan" in shown[0].plain


async def test_a_conversation_that_asks_nothing_stores_nothing(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Commands and presses that enter a conversation and leave it at once (or leave no
    step) write no saved data: the active-flow mark is stored only when a step is asked."""
    _setup_reporting(bot)
    team = await bot.registered(2001, Role.TIM)
    head = await bot.registered(1001, Role.KEPALA)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    await team.command("paket")
    spy = WriteSpy(bot.svc.db, monkeypatch)
    for _ in range(3):
        await team.command("paket")
        await team.command("verifikasi")
        await head.command("rapat")
        await head.command("plh")
        await owner.command("lapor")
    assert spy.saved == [] and spy.deleted == []
