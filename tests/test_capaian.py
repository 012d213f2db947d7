"""/capaian through the real application: the summary, the chart, a trend, the year choice,
paging, the step 13 opener, and the refusal for owners and strangers."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import datetime

from PIL import Image

from bot import texts as app_texts
from bot.core.roles import Role
from bot.devtools.fake_bot_api import Shown
from bot.planning.rules.model import Plan
from bot.results import texts
from bot.results.callbacks import ShowResults
from bot.results.messages import PAGE_INDICATORS, PAGE_ROOM
from storage import cycles
from tests.harness import WIT, Harness, approve_plan
from tests.results_world import ResultsWorld, golden_plan, golden_reports

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _png_size(message: Shown) -> tuple[int, int]:
    assert message.document is not None
    content = message.document[1]
    assert content.startswith(PNG_MAGIC)
    assert 10_000 < len(content) < 1_000_000
    with Image.open(io.BytesIO(content)) as image:
        image.verify()
        return image.size


async def test_the_team_sees_the_summary_and_the_chart(bot: Harness) -> None:
    world = ResultsWorld.on(bot.svc, bot.clock)
    golden_reports(world)
    team = await bot.registered(2001, Role.TIM)
    summary, chart = await team.command("capaian")
    text = summary.plain
    assert "Capaian kinerja 2027 (1/1)" in text
    assert "A1 · Ketepatan waktu" in text and "A2 · Penghematan" in text
    assert "K1 Indikator K1\n  Triwulan II: 90% dari target 80% → 112,5% (Sangat Tinggi)" in text
    assert "Baru 1 dari 2 paket terhitung; belum ada laporan diterima dari: Inspektorat" in text
    assert "Triwulan II: 50 hari dari target 40 hari → 75% (Sedang)" in text
    assert "Triwulan II: Rp 550.000 dari target Rp 500.000 → 110% (Sangat Tinggi)" in text
    assert "Triwulan II: 2 dari target 0. Target 0: capaian dalam persen" in text
    assert "🔒 Ditutup (indikator tercapai) setelah 30 Juni 2027" in text
    assert "Rencana aksi terlambat: 1" in text and "K2 aksi 1: Percepatan evaluasi" in text
    assert [label for label in summary.button_texts if label.startswith("📈")] == [
        "📈 Tren K1", "📈 Tren K2", "📈 Tren K6", "📈 Tren K3", "📈 Tren K4",
    ]  # fmt: skip
    assert chart.text == "Capaian terhadap target 2027"
    width, height = _png_size(chart)
    assert 800 <= width <= 1280 and height <= 4 * width

    (trend,) = await team.press("Tren K3", on=summary)
    assert trend.plain.startswith("Tren K3 · Indikator K3\nTriwulan I: Rp 300.000 (120%)")
    assert "Triwulan III: belum ada data\nTriwulan IV: belum dimulai" in trend.plain
    assert _png_size(trend)[0] >= 800


async def test_the_summary_follows_verification(bot: Harness) -> None:
    world = ResultsWorld.on(bot.svc, bot.clock)
    golden_reports(world)
    head = await bot.registered(1001, Role.KEPALA)
    (summary, _) = await head.command("capaian")
    assert "belum ada laporan diterima dari: Inspektorat" in summary.plain
    world.report("Inspektorat", "2", {"tepat": 7, "total": 10, "hari": 60, "tender": 2})
    (summary, _) = await head.command("capaian")
    assert "Triwulan II: 80% dari target 80% → 100% (Sangat Tinggi)" in summary.plain
    assert "Inspektorat" not in summary.plain.split("A2 ·")[0]


async def test_owners_and_strangers_are_refused(bot: Harness) -> None:
    world = ResultsWorld.on(bot.svc, bot.clock)
    golden_reports(world)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    (refused,) = await owner.command("capaian")
    assert refused.plain == app_texts.NOT_FOR_ROLE.format(
        roles="Kepala UKPBJ, Tim Pengelolaan Kelembagaan", role="Penanggung Jawab Kinerja"
    )
    team = await bot.registered(2001, Role.TIM)
    (summary, _) = await team.command("capaian")
    sent = len(bot.api.transcript)
    assert await owner.press_data(summary.callback_data("Tren K1"), on=summary) == []
    alert = bot.api.calls_of("answerCallbackQuery")[-1].params
    assert alert["show_alert"] is True and "khusus untuk" in alert["text"]
    assert len(bot.api.transcript) == sent  # no chart for the owner
    (stranger,) = await bot.person(4242).command("capaian")
    assert stranger.plain.startswith("Anda belum terdaftar") or "undangan" in stranger.plain


async def test_a_head_with_nothing_set_up_is_told_where_to_start(bot: Harness) -> None:
    head = await bot.registered(1001, Role.KEPALA)
    (told,) = await head.command("capaian")
    assert told.text == texts.NO_PLAN
    assert "/rencana" in told.plain and "/persetujuan" in told.plain


async def test_without_reports_there_is_a_hint_and_no_chart(bot: Harness) -> None:
    ResultsWorld.on(bot.svc, bot.clock)
    team = await bot.registered(2001, Role.TIM)
    (summary,) = await team.command("capaian")
    assert texts.HINT_NO_REPORTS.split(".")[0] in summary.plain
    assert "Triwulan II: belum ada data. Belum ada laporan yang diterima." in summary.plain
    assert "Belum ada laporan diterima dari: Dinas Kesehatan, Inspektorat" in summary.plain


async def test_the_year_is_chosen_when_two_cycles_are_open(bot: Harness) -> None:
    world = ResultsWorld.on(bot.svc, bot.clock)
    golden_reports(world)
    with bot.svc.db.write() as session:
        approve_plan(session, golden_plan(2028), bot.clock.now())
    bot.clock.set(datetime(2028, 1, 6, 9, 0, tzinfo=WIT))
    team = await bot.registered(2001, Role.TIM)
    (choice,) = await team.command("capaian")
    assert choice.plain == texts.CHOOSE_YEAR
    assert choice.button_texts == ["Capaian 2027", "Capaian 2028"]
    summary, chart = await team.press("Capaian 2027", on=choice)
    assert summary.message_id == choice.message_id  # the question becomes the summary
    assert "Capaian kinerja 2027" in summary.plain and "Capaian 2028" in summary.button_texts
    assert chart.document is not None
    with bot.svc.db.write() as session:  # closing 2027 makes its buttons stale
        found = cycles.find_cycle(session, year=2027)
        assert found is not None and found.id is not None
        cycles.close_cycle(session, cycle_id=found.id, actor=None, now=bot.clock.now())
    again = ShowResults(2027, 1, True).encode()
    (stale,) = await team.press_data(again, on=summary)
    assert stale.plain == app_texts.STALE_BUTTON


def _many(plan: Plan, count: int) -> Plan:
    """The golden plan with ``count`` copies of K1 (long names) in area A1."""
    k1 = plan.indicators[0]
    extra = tuple(
        replace(
            k1, code=f"X{n:02d}", name=f"Persentase paket tender tepat jadwal kelompok {n} " * 3
        )
        for n in range(1, count + 1)
    )
    return replace(plan, indicators=(*plan.indicators, *extra))


async def test_a_long_summary_is_paged(bot: Harness) -> None:
    world = ResultsWorld.on(bot.svc, bot.clock, plan=_many(golden_plan(), 30))
    golden_reports(world)
    team = await bot.registered(2001, Role.TIM)
    first, chart = await team.command("capaian")
    pages = int(first.plain.split("(1/", 1)[1].split(")", 1)[0])
    assert pages >= 3 and len(first.text) < PAGE_ROOM
    before = list(first.button_texts)  # the message is edited in place
    assert 0 < len([b for b in before if b.startswith("📈")]) <= PAGE_INDICATORS
    assert "▶" in before and "◀" not in before and "📊 Grafik" in before
    assert chart.text == f"Capaian terhadap target 2027 (halaman 1/{pages})"
    (second,) = await team.press("▶", on=first)
    assert second.message_id == first.message_id
    assert f"(2/{pages})" in second.plain and len(second.text) < PAGE_ROOM
    trends = [b for b in second.button_texts if b.startswith("📈")]
    assert trends and all(b not in before for b in trends) and "◀" in second.button_texts
    (page_chart,) = await team.press("📊 Grafik", on=second)
    assert page_chart.text == f"Capaian terhadap target 2027 (halaman 2/{pages})"
    width, height = _png_size(page_chart)
    assert width == 960 and height < 1500


async def test_step_13_opens_the_summary(bot: Harness) -> None:
    world = ResultsWorld.on(bot.svc, bot.clock)
    golden_reports(world)
    team = await bot.registered(2001, Role.TIM)
    (tasks, *_) = await team.command("status")
    shown = await team.press_data("step:2027:13", on=tasks)
    assert "Capaian kinerja 2027" in shown[0].plain
    assert shown[-1].document is not None


def test_importing_the_bot_does_not_load_matplotlib() -> None:
    """Charts import matplotlib when drawn: an idle bot does not carry it."""
    import subprocess
    import sys

    probe = (
        "import sys, bot.app, bot.features, bot.results.charts; print('matplotlib' in sys.modules)"
    )
    found = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert found.stdout.strip() == "False"
