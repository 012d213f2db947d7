"""No message outgrows Telegram: long stored text is cut with a marker (HTML kept valid),
and the workbook routes refuse a cell longer than the chat route allows, naming the cell
and the limit. The fake Bot API refuses an over-long text as Telegram does."""

from __future__ import annotations

import io
import re
from dataclasses import replace

import openpyxl

from bot import texts
from bot.core.roles import Role
from bot.planning.documents.data_template import FIRST_DATA_ROW, KEY_ROW, SHEET_ISSUES
from bot.planning.documents.workbook import plan_workbook
from bot.planning.rules.example import example_plan
from bot.planning.usecases import store_plan
from bot.ui.fit import CAPTION_LIMIT, MESSAGE_LIMIT, fit, shown_length
from storage import submissions
from tests.harness import Harness
from tests.test_planning import XLSX, _cell_of, _edit_workbook, _seed
from tests.test_reporting_flow import _full_report, _setup


def _balanced(text: str) -> bool:
    stack: list[str] = []
    for closing, name in re.findall(r"<(/?)([a-z-]+)[^>]*>", text):
        if closing:
            if not stack or stack.pop() != name:
                return False
        else:
            stack.append(name)
    return not stack


def test_a_long_html_text_is_cut_to_telegrams_limit_with_valid_html() -> None:
    text = "<b>Judul</b>\n" + "<i>" + "kata &amp; kata " * 2000 + "</i>\nakhir"
    fitted = fit(text)
    assert shown_length(fitted) <= MESSAGE_LIMIT
    assert fitted.endswith(texts.MESSAGE_CLIPPED) and _balanced(fitted)
    assert "&am" not in fitted.replace("&amp;", "")  # no entity cut in half
    emoji = "✅🚀" * 3000  # 🚀 counts two in UTF-16, as Telegram counts
    assert shown_length(fit(emoji, CAPTION_LIMIT, is_html=False), is_html=False) <= CAPTION_LIMIT
    assert fit("pendek") == "pendek"


async def test_a_4500_character_definition_in_the_plan_workbook_is_refused(bot: Harness) -> None:
    _seed(bot)
    team = await bot.registered(2001, Role.TIM)
    original = plan_workbook(example_plan(2027), title="UKPBJ")
    cell = _cell_of(original, "Indikator", "Definisi", "IKU-02")
    long = _edit_workbook(original, "Indikator", cell, "Definisi panjang. " * 250)
    await team.command("rencana")
    await team.press("Unggah rencana")
    shown = await team.upload("rencana.xlsx", long, XLSX)
    problems = shown[-1].plain
    assert "Berkas belum dapat disimpan" in problems and "Definisi" in problems
    assert "Indikator baris" in problems and "paling banyak 1.000 karakter" in problems


async def test_a_stored_4500_character_definition_still_opens_its_card(bot: Harness) -> None:
    plan = example_plan(2027)
    long = replace(plan.indicators[3], definition="Definisi panjang. " * 250)
    plan = replace(plan, indicators=(*plan.indicators[:3], long, *plan.indicators[4:]))
    with bot.svc.db.write() as session:
        store_plan(session, plan=plan, actor_id=None, now=bot.clock.now())
    team = await bot.registered(2001, Role.TIM)
    await team.command("rencana")
    await team.press("Jelajahi rencana")
    await team.press("A2 ·")
    shown = await team.press("IKU-04")
    assert "IKU-04" in shown[0].plain and texts.MESSAGE_CLIPPED.strip() in shown[0].plain
    assert shown_length(shown[0].text) <= MESSAGE_LIMIT
    assert bot.api.calls[-1].method == "editMessageText"


async def test_a_1_mb_constraint_through_the_workbook_is_refused(bot: Harness) -> None:
    _setup(bot)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    await owner.command("lapor")
    await owner.press("Triwulan I 2027 ·")
    shown = await owner.press("Template Data Kinerja")
    template = next(m for m in shown if m.document is not None)
    assert template.document is not None
    book = openpyxl.load_workbook(io.BytesIO(template.document[1]))
    ws = book[SHEET_ISSUES]
    keys = [c.value for c in ws[KEY_ROW]]
    ws.cell(row=FIRST_DATA_ROW, column=keys.index("uraian_kendala") + 1, value="x" * 1_000_000)
    out = io.BytesIO()
    book.save(out)
    shown = await owner.upload("data.xlsx", out.getvalue(), "application/vnd.ms-excel")
    refusal = shown[-1].plain
    assert "Berkas belum dapat dikirim" in refusal and "Uraian Kendala" in refusal
    assert "paling banyak 2.000 karakter" in refusal


async def test_verification_shows_a_report_with_a_1_mb_constraint(bot: Harness) -> None:
    package_id = _setup(bot)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    team = await bot.registered(2001, Role.TIM)
    await _full_report(owner)
    with bot.svc.db.write() as session:  # stored before the limits, or by another route
        latest = submissions.latest(session, package_id=package_id, period_key="triwulanan-1")
        assert latest is not None
        latest.constraints = "Listrik padam <lagi> & " * 50_000
        session.add(latest)
    shown = await team.command("verifikasi")
    card = shown[0]
    assert "Verifikasi (1/1)" in card.plain and "Listrik padam <lagi> &" in card.plain
    assert shown_length(card.text) <= MESSAGE_LIMIT and _balanced(card.text)
    assert any("Terima" in label for label in card.button_texts)


async def test_many_long_constraints_through_the_workbook_still_fit_the_card(
    bot: Harness,
) -> None:
    _setup(bot)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    team = await bot.registered(2001, Role.TIM)
    await owner.command("lapor")
    await owner.press("Triwulan I 2027 ·")
    shown = await owner.press("Template Data Kinerja")
    template = next(m for m in shown if m.document is not None)
    assert template.document is not None
    book = openpyxl.load_workbook(io.BytesIO(template.document[1]))
    packages_sheet = book["Data Paket"]
    keys = [c.value for c in packages_sheet[KEY_ROW]]
    packages_sheet.cell(row=FIRST_DATA_ROW, column=keys.index("total_hps") + 1, value=1_000_000)
    issues = book[SHEET_ISSUES]
    keys = [c.value for c in issues[KEY_ROW]]
    for n in range(30):  # each within the limit, together far over a message
        issues.cell(
            row=FIRST_DATA_ROW + n,
            column=keys.index("uraian_kendala") + 1,
            value=f"Kendala {n + 1}: " + "jaringan & <server> terputus " * 60,
        )
    out = io.BytesIO()
    book.save(out)
    await owner.upload("data.xlsx", out.getvalue(), "application/vnd.ms-excel")
    shown = await owner.press("Kirim")
    assert "terkirim untuk 1 paket" in shown[0].plain
    card = (await team.command("verifikasi"))[0]
    assert "Verifikasi (1/1)" in card.plain and "Kendala 1: jaringan & <server>" in card.plain
    assert shown_length(card.text) <= MESSAGE_LIMIT and _balanced(card.text)
    assert card.plain.endswith(texts.MESSAGE_CLIPPED.strip()) or "Bukti" in card.plain
