"""/paket's typed buttons and drafts: forged, stale and old payloads get a clear refusal, and
drafts written by the untyped release are dropped without storing anything."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest

from bot import texts as app_texts
from bot.core.roles import Role
from bot.devtools.chat import Person
from bot.devtools.fake_bot_api import Shown
from bot.packages import callbacks as cb
from bot.planning.rules.example import example_plan
from bot.ui.callbacks import ButtonData
from storage import cycles, packages, plans
from tests.harness import Harness

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = "tahun_anggaran;nama_satker;kd_rup;nama_paket;pagu;metode_pengadaan"
EXPORT = f"""{HEADER}
2027;Dinas Kesehatan;41000001;Obat puskesmas;1250000000;Tender
2027;Badan Urusan Baru;41000003;Pemetaan wilayah;300000000;Seleksi
""".encode()

SAMPLES: list[ButtonData] = [
    cb.Menu(),
    cb.SwitchYear(2027),
    cb.AskUpload(),
    cb.ImportYear(2028),
    cb.SaveImport(),
    cb.DiscardImport(),
    cb.Unmatched(2027),
    cb.ChooseUnit("0123456789", 12, 2027),
    cb.MatchUnit("0123456789", 123456, 2027),
    cb.Coverage(2027),
    cb.UnitPackages(123456, 99, 2027),
    cb.UnitPackages(None, 1, 2027),
    cb.OpenPackage(123456789),
    cb.MapArea(123456789, "AREA-STRATEGIS.20"),
    cb.DownloadSheet(2027),
    cb.UploadSheet(2027),
    cb.SaveSheet(),
    cb.DiscardSheet(),
]


@pytest.mark.parametrize("data", SAMPLES, ids=lambda d: type(d).__name__)
def test_every_button_round_trips_within_telegrams_limit(data: ButtonData) -> None:
    encoded = data.encode()
    assert len(encoded.encode()) <= 64 and encoded.startswith("pkt:")
    assert type(data).decode(encoded) == data
    others = [a for a in cb.ACTIONS if a is not type(data)]
    assert all(other.decode(encoded) is None for other in others)


def test_the_kept_wire_formats() -> None:
    """Menu buttons may change, but these read as they did before the typed buttons."""
    assert cb.SwitchYear.decode("pkt:y:2027") == cb.SwitchYear(2027)
    assert cb.OpenPackage.decode("pkt:p:15") == cb.OpenPackage(15)
    assert cb.MapArea.decode("pkt:a:15:A2") == cb.MapArea(15, "A2")
    assert cb.ImportYear.decode("pkt:yr:2028") == cb.ImportYear(2028)
    assert [a.PREFIX for a in (cb.SaveImport, cb.DiscardImport, cb.SaveSheet, cb.DiscardSheet)] == [
        "pkt:ok",
        "pkt:no",
        "pkt:sok",
        "pkt:sno",
    ]


async def _imported(bot: Harness) -> tuple[Person, Shown]:
    with bot.svc.db.write() as session:
        plans.save_for_year(
            session, year=2027, plan=example_plan(2027), actor=None, now=bot.clock.now()
        )
    team = await bot.registered(2001, Role.TIM)
    await team.command("paket")
    await team.press("Unggah ekspor SIRUP")
    await team.upload("rup.csv", EXPORT, "text/csv")
    shown = await team.press("Simpan")
    assert "Paket 2027 disimpan: 2 baru" in shown[0].plain
    return team, shown[0]


def _stored(bot: Harness) -> dict[str, Any]:
    with bot.svc.db.read() as session:
        cycle = cycles.find_cycle(session, year=2027)
        assert cycle is not None and cycle.id is not None
        found = packages.all_of_cycle(session, cycle_id=cycle.id)
        return {
            "areas": {p.kode_rup: p.area_code for p in found},
            "units": {p.kode_rup: p.unit_id for p in found},
            "aliases": packages.aliases(session),
        }


def _last_answer(bot: Harness) -> str | None:
    text = bot.api.calls_of("answerCallbackQuery")[-1].params.get("text")
    return None if text is None else str(text)


async def test_forged_stale_and_old_presses_are_refused_and_change_nothing(bot: Harness) -> None:
    team, menu = await _imported(bot)
    before = _stored(bot)
    coverage = (await team.press("Cakupan per unit", on=menu))[0]
    unit_id = int(coverage.callback_data("Dinas Kesehatan").split(":")[2])
    unit = (await team.press_data(cb.UnitPackages(unit_id, 1, 2027).encode(), on=menu))[0]
    package_id = int(unit.callback_data("Obat puskesmas").split(":")[2])
    refused = [
        "pkt:cov:t2027",  # the year tag of the untyped release
        "pkt:um:t2027",
        "pkt:mx:t2027",
        "pkt:cov",
        "pkt:a:abc:A2",  # malformed
        f"pkt:a:{package_id}:Z9",  # an area the plan does not have
        f"pkt:u:{unit_id}:1:2019",  # a year that is not open
        "pkt:ua:0000000000:1:2027",  # a satuan kerja that is not waiting for a unit
        "pkt:sok",  # no mapping sheet waiting
        "pkt:ok",  # no import waiting
        "pkt:zz:1",
    ]
    for data in refused:
        answered = len(bot.api.calls_of("answerCallbackQuery"))
        shown = await team.press_data(data, on=menu)
        assert shown and app_texts.STALE_BUTTON in shown[-1].plain, data
        assert len(bot.api.calls_of("answerCallbackQuery")) == answered + 1, data
    await team.press_data(f"pkt:p:{package_id + 1000}", on=menu)
    assert _last_answer(bot) == app_texts.STALE_BUTTON
    assert _stored(bot) == before


async def test_an_import_draft_of_the_untyped_release_is_dropped(bot: Harness) -> None:
    team = await bot.registered(2001, Role.TIM)
    await team.command("paket")
    await team.press("Unggah ekspor SIRUP")
    await team.upload("rup.csv", EXPORT.replace(b"2027;", b"2028;"), "text/csv")
    assert bot.app is not None
    user_data = bot.app.user_data[2001]
    typed = user_data["paket_unggahan"]
    # What the untyped release stored: a plain dict, no version.
    user_data["paket_unggahan"] = {"token": typed["token"], "name": "rup.csv", "year": 2028}
    shown = await team.press("Simpan")
    assert app_texts.DRAFT_DROPPED in shown[-1].plain
    assert "paket_unggahan" not in user_data
    with bot.svc.db.read() as session:
        assert cycles.find_cycle(session, year=2028) is None
    # A new upload works as usual.
    await team.press("Unggah ekspor SIRUP", on=(await team.command("paket"))[0])
    await team.upload("rup.csv", EXPORT.replace(b"2027;", b"2028;"), "text/csv")
    assert "Paket 2028 disimpan: 2 baru" in (await team.press("Simpan"))[0].plain


async def test_a_mapping_sheet_draft_of_the_untyped_release_is_dropped(bot: Harness) -> None:
    team, menu = await _imported(bot)
    before = _stored(bot)
    shown = await team.press("Unduh lembar pemetaan", on=menu)
    document = next(m.document for m in shown if m.document is not None)
    book = openpyxl.load_workbook(io.BytesIO(document[1]))
    sheet = book["Pemetaan"]
    headers = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        row[headers.index("Kode Area")].value = "A2"
    out = io.BytesIO()
    book.save(out)
    shown = await team.upload("pemetaan.xlsx", out.getvalue(), XLSX)
    assert "2 paket berubah area" in shown[-1].plain
    assert bot.app is not None
    user_data = bot.app.user_data[2001]
    changes = user_data["paket_pemetaan"]["changes"]
    user_data["paket_pemetaan"] = {"year": 2027, "changes": changes}
    shown = await team.press("Simpan")
    assert app_texts.DRAFT_DROPPED in shown[-1].plain
    assert _stored(bot) == before


async def test_a_year_choice_of_the_untyped_release_is_forgotten_quietly(bot: Harness) -> None:
    team, _ = await _imported(bot)
    assert bot.app is not None
    bot.app.user_data[2001]["paket_tahun"] = 2027  # a plain int, as before
    shown = await team.command("paket")
    assert shown[0].plain.startswith("Paket pengadaan 2027")
    assert app_texts.DRAFT_DROPPED not in shown[0].plain


async def test_step_10_in_tugas_answers_the_press_once(bot: Harness) -> None:
    team, _ = await _imported(bot)
    tasks = (await team.command("tugas"))[0]
    answered = len(bot.api.calls_of("answerCallbackQuery"))
    shown = await team.press_data("step:2027:10", on=tasks)
    assert shown[-1].plain.startswith("Paket pengadaan 2027")
    # Telegram refuses a second answer to one press.
    assert len(bot.api.calls_of("answerCallbackQuery")) == answered + 1


async def test_a_press_no_step_waits_for_is_answered(bot: Harness) -> None:
    team, menu = await _imported(bot)
    answered = len(bot.api.calls_of("answerCallbackQuery"))
    shown = await team.press_data("pkt:sok", on=menu)
    assert shown and app_texts.STALE_BUTTON in shown[-1].plain
    assert len(bot.api.calls_of("answerCallbackQuery")) == answered + 1


async def test_a_second_upload_lets_the_first_held_file_go(bot: Harness) -> None:
    team = await bot.registered(2001, Role.TIM)
    menu = (await team.command("paket"))[0]
    await team.press_data("pkt:up", on=menu)
    await team.upload("rup.csv", EXPORT, "text/csv")
    await team.press_data("pkt:up", on=menu)
    await team.upload("rup.csv", EXPORT, "text/csv")
    held = bot.settings.kinerja_archive_dir / "tertunda"
    assert len(list(held.iterdir())) == 1
    await team.press("Simpan")
    assert list(held.iterdir()) == []
