"""After a crash, a conversation goes on at the step its stored draft names.

PTB stores a conversation's state after the update was handled; the drafts are stored before
the reply (``bot.outgoing``). A crash between the two left the state one step behind the
draft: the owner's photo after the constraints answer was not taken as evidence until
/lapor → Lanjutkan. Each test answers, loses PTB's write after the reply, and restarts the
bot on the same database before the next message."""

from __future__ import annotations

import io

import openpyxl
import pytest

from bot.core.roles import Role
from storage import submissions
from tests.harness import Harness, crash_after_next_reply
from tests.test_reporting_flow import PNG, _answer_actions, _answer_inputs, _full_report, _setup


async def test_a_photo_after_a_crash_past_the_constraints_is_evidence(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    _setup(bot)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    await owner.command("lapor")
    await owner.press("Triwulan I 2027 ·")
    await owner.press("Pengadaan obat puskesmas")
    await _answer_inputs(owner)
    await _answer_actions(owner)
    crash_after_next_reply(bot, monkeypatch)
    shown = await owner.send("Listrik padam dua minggu")
    assert "bukti" in shown[0].plain.lower()  # the evidence question was shown
    await bot.restart(graceful=False)
    shown = await owner.photo(PNG)
    assert len(shown) == 1 and "bukti tersimpan" in shown[0].plain
    shown = await owner.press("Selesai")
    assert "Listrik padam dua minggu" in shown[0].plain
    assert "Bukti dukung: 1 berkas" in shown[0].plain


async def test_an_answer_after_a_crash_past_the_first_question_is_taken(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    _setup(bot)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    await owner.command("lapor")
    await owner.press("Triwulan I 2027 ·")
    crash_after_next_reply(bot, monkeypatch)
    shown = await owner.press("Pengadaan obat puskesmas")  # entered from no state
    assert "1/5" in shown[0].plain
    await bot.restart(graceful=False)
    shown = await owner.send("Rp 1.000.000.000")
    assert "2/5" in shown[0].plain


async def test_after_batal_the_kept_draft_takes_no_message(bot: Harness) -> None:
    _setup(bot)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    await owner.command("lapor")
    await owner.press("Triwulan I 2027 ·")
    await owner.press("Pengadaan obat puskesmas")
    await _answer_inputs(owner)
    await _answer_actions(owner)
    await owner.send("-")
    await owner.command("batal")
    await bot.restart(graceful=False)
    shown = await owner.photo(PNG)
    assert not any("bukti tersimpan" in m.plain for m in shown)
    shown = await owner.command("lapor")
    assert "Ada laporan yang belum selesai" in shown[0].plain
    shown = await owner.press("Lanjutkan")
    assert "bukti" in shown[0].plain.lower()


async def test_a_workbook_after_a_crash_past_the_template_is_read(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.planning.documents.data_template import FIRST_DATA_ROW, KEY_ROW

    package_id = _setup(bot)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    await owner.command("lapor")
    await owner.press("Triwulan I 2027 ·")
    crash_after_next_reply(bot, monkeypatch)
    shown = await owner.press("Template Data Kinerja")
    template = next(m for m in shown if m.document is not None)
    assert template.document is not None
    await bot.restart(graceful=False)
    book = openpyxl.load_workbook(io.BytesIO(template.document[1]))
    ws = book["Data Paket"]
    keys = [c.value for c in ws[KEY_ROW]]
    for key, value in {"total_hps": 1_000_000_000, "total_pagu": 2_500_000_000}.items():
        ws.cell(row=FIRST_DATA_ROW, column=keys.index(key) + 1, value=value)
    out = io.BytesIO()
    book.save(out)
    crash_after_next_reply(bot, monkeypatch)
    shown = await owner.upload("data.xlsx", out.getvalue(), "application/vnd.ms-excel")
    assert "1 paket berisi nilai" in shown[-1].plain
    await bot.restart(graceful=False)
    shown = await owner.press("Kirim")
    assert "terkirim untuk 1 paket" in shown[0].plain
    with bot.svc.db.read() as session:
        latest = submissions.latest(session, package_id=package_id, period_key="triwulanan-1")
    assert latest is not None and latest.via == "workbook"


async def test_a_return_note_after_a_crash_returns_the_report(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    _setup(bot)
    team = await bot.registered(2001, Role.TIM)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    await _full_report(owner)
    await team.command("verifikasi")
    crash_after_next_reply(bot, monkeypatch)
    await team.press("Kembalikan")
    await bot.restart(graceful=False)
    await team.send("Lampirkan kontrak sebagai bukti.")
    assert "dikembalikan" in owner.last.plain and "Lampirkan kontrak" in owner.last.plain


async def test_undang_goes_on_after_a_crash_at_each_question(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    team = await bot.registered(2001, Role.TIM)
    crash_after_next_reply(bot, monkeypatch)
    await team.command("undang")  # entered from no state: the roles asked
    await bot.restart(graceful=False)
    crash_after_next_reply(bot, monkeypatch)
    shown = await team.press("Penanggung Jawab")
    assert "Dinas Kesehatan" in " ".join(shown[0].button_texts)
    await bot.restart(graceful=False)
    crash_after_next_reply(bot, monkeypatch)
    shown = await team.press("Unit lain")
    assert "Ketik nama lengkap unit" in shown[0].plain
    await bot.restart(graceful=False)
    shown = await team.send("Distrik Wamena Kota")
    assert "Unit baru dicatat: Distrik Wamena Kota" in shown[0].plain
    assert "Penanggung Jawab Kinerja — Distrik Wamena Kota" in shown[1].plain
