"""A whole turn of the year with the injected clock: 20 December, 2 January, 9 January,
11 January, 12 January and 1 February. Last year's last reports (Triwulan IV, Semester II,
the annual report) are due in January; they can be sent, verified and seen until the team
closes last year's cycle, and the two years are never mixed."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.core.roles import Role
from bot.devtools.chat import Person
from bot.devtools.fake_bot_api import Shown
from bot.planning.rules.example import example_plan
from storage import cycles, packages, plans, submissions, units
from storage.models import Submission
from tests.harness import Harness, approve_plan, sirup_row

WIT = ZoneInfo("Asia/Jayapura")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _approved_cycle(bot: Harness, year: int, rows: list[tuple[str, str, str]]) -> dict[str, int]:
    """The example plan of ``year``, approved, with Dinas Kesehatan's packages
    (kode RUP, name, area); returns package ids by kode RUP."""
    with bot.svc.db.write() as session:
        approve_plan(session, example_plan(year), bot.clock.now())
        cycle = cycles.find_cycle(session, year=year)
        unit = units.find_unit(session, name="Dinas Kesehatan")
        assert cycle is not None and cycle.id is not None and unit is not None
        packages.upsert(
            session,
            cycle_id=cycle.id,
            rows=[
                sirup_row(
                    kode_rup=kode,
                    nama_paket=name,
                    pagu=500_000_000,
                    metode="Tender",
                    sumber_dana="DAU",
                    tahun=year,
                    row=n,
                )
                for n, (kode, name, _) in enumerate(rows, start=5)
            ],
            unit_ids={"Dinas Kesehatan": unit.id},
            actor=None,
            now=bot.clock.now(),
        )
        ids = {}
        for package in packages.all_of_cycle(session, cycle_id=cycle.id):
            package.area_code = next(area for kode, _, area in rows if kode == package.kode_rup)
            session.add(package)
            assert package.id is not None
            ids[package.kode_rup] = package.id
        return ids


def _at(bot: Harness, *args: int) -> None:
    bot.clock.set(datetime(*args, tzinfo=WIT))  # type: ignore[arg-type,misc]


async def _report(owner: Person, period: str, package: str) -> Shown:
    """/lapor: the period, the package, every input, every action, no constraint, send."""
    await owner.command("lapor")
    await owner.press(period)
    shown = await owner.press(package)
    total = int(re.search(r"1/(\d+)", shown[-1].plain).group(1))  # type: ignore[union-attr]
    for _ in range(total):
        await owner.send("100")
    while any("berjalan" in label for label in owner.last.button_texts):
        await owner.press("berjalan")
        await owner.send("-")
    await owner.send("-")  # constraints
    await owner.press("Selesai")
    shown = await owner.press("Kirim")
    return shown[-1]


def _submission(bot: Harness, package_id: int, period_key: str) -> Submission:
    with bot.svc.db.read() as session:
        found = submissions.latest(session, package_id=package_id, period_key=period_key)
    assert found is not None
    return found


def _period_buttons(shown: Shown) -> list[str]:
    return [label for label in shown.button_texts if "batas" in label]


async def test_reporting_across_the_turn_of_the_year(bot: Harness) -> None:
    _at(bot, 2026, 12, 20, 10, 0)
    old = _approved_cycle(
        bot,
        2026,
        [("41000001", "Obat puskesmas 2026", "A2"), ("41000002", "Survei layanan 2026", "A4")],
    )
    _approved_cycle(bot, 2027, [("42000001", "Obat puskesmas 2027", "A2")])
    team = await bot.registered(2001, Role.TIM, name="Maria Wenda")
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")

    # 20 December: next year is planned by default; both cycles are shown, each by its year.
    menu = (await team.command("rencana"))[0]
    assert menu.plain.startswith("Rencana Kinerja 2027")
    assert "📅 Rencana 2026" in menu.button_texts
    schedule = await owner.command("jadwal")
    assert [m.plain.splitlines()[0] for m in schedule] == [
        "Jadwal pelaporan 2026 (batas waktu, WIT)",
        "Jadwal pelaporan 2027 (batas waktu, WIT)",
    ]
    assert (
        "Triwulan IV 2026 (triwulanan, 1 Oktober–31 Desember 2026): batas Senin, 11 Januari 2027"
        in (schedule[0].plain)
    )
    assert "2027" not in schedule[0].plain.replace("Januari 2027", "")
    assert "pelaporan dimulai Jumat, 1 Januari 2027" in schedule[1].plain
    assert "2026" not in schedule[1].plain
    choices = _period_buttons((await owner.command("lapor"))[0])
    # Running periods first, then the late ones; nothing of 2027 has started.
    assert choices[:3] == [
        "⬜ Triwulan IV 2026 · batas 11 Jan",
        "⬜ Semester II 2026 · batas 11 Jan",
        "⬜ Tahunan 2026 · batas 11 Jan",
    ]
    assert choices[3] == "⬜ Triwulan III 2026 · batas 12 Okt ⏰"
    assert not any("2027 ·" in label for label in choices)
    await owner.command("batal")
    tasks = await owner.command("tugas")
    assert [m.plain.splitlines()[0] for m in tasks] == [
        "Tugas Anda — siklus kinerja 2026",
        "Tugas Anda — siklus kinerja 2027",
    ]
    status = await team.command("status")
    assert [m.plain.splitlines()[0] for m in status] == [
        "Status siklus kinerja 2026",
        "Status siklus kinerja 2027",
    ]

    # 2 January: last year's fourth quarter is reported on time, next to this year's first.
    _at(bot, 2027, 1, 2, 9, 0)
    choices = _period_buttons((await owner.command("lapor"))[0])
    # Due now (last year's, by deadline) come first, then this year's running ones.
    assert choices[:3] == [
        "⬜ Triwulan IV 2026 · batas 11 Jan",
        "⬜ Semester II 2026 · batas 11 Jan",
        "⬜ Tahunan 2026 · batas 11 Jan",
    ]
    assert choices[3] == "⬜ Triwulan I 2027 · batas 12 Apr"
    await owner.command("batal")
    sent = await _report(owner, "Triwulan IV 2026", "Obat puskesmas 2026")
    assert "Laporan Triwulan IV 2026 terkirim (revisi 1)" in sent.plain
    assert "terlambat" not in sent.plain
    first = _submission(bot, old["41000001"], "triwulanan-4")
    assert not first.late
    with bot.svc.db.read() as session:
        cycle_2026 = cycles.find_cycle(session, year=2026)
    assert cycle_2026 is not None and first.cycle_id == cycle_2026.id
    card = (await team.command("verifikasi"))[0]
    assert "Periode: Triwulan IV 2026" in card.plain and "Obat puskesmas 2026" in card.plain
    await team.press("Terima", on=card)
    assert "Laporan Obat puskesmas 2026 (Triwulan IV 2026) diterima" in owner.last.plain
    choices = _period_buttons((await owner.command("lapor"))[0])
    assert "✅ Triwulan IV 2026 · batas 11 Jan" in choices
    await owner.command("batal")

    # 9 January: the second semester of last year, still on time.
    _at(bot, 2027, 1, 9, 15, 0)
    sent = await _report(owner, "Semester II 2026", "Survei layanan 2026")
    assert "Laporan Semester II 2026 terkirim" in sent.plain and "terlambat" not in sent.plain

    # 11 January: the deadline (10 January is a Sunday) moved to Monday 11 January 23.59.
    _at(bot, 2027, 1, 11, 20, 0)
    schedule = await owner.command("jadwal")
    assert "Tahunan 2026 (tahunan, 1 Januari–31 Desember 2026): batas Senin, 11 Januari 2027" in (
        schedule[0].plain
    )
    assert "Pelaporan berjalan" in schedule[0].plain

    # 12 January: every deadline of 2026 has passed; late reports are still accepted.
    _at(bot, 2027, 1, 12, 8, 0)
    schedule = await team.command("jadwal")
    assert "Semua batas waktu sudah lewat" in schedule[0].plain
    assert schedule[0].button_texts == ["🔒 Tutup siklus 2026"]
    owner_schedule = await owner.command("jadwal")
    assert owner_schedule[0].button_texts == []  # owners cannot close a cycle

    # 1 February: the annual report of 2026 arrives late and is marked so.
    _at(bot, 2027, 2, 1, 10, 0)
    choices = _period_buttons((await owner.command("lapor"))[0])
    assert "⬜ Tahunan 2026 · batas 11 Jan ⏰" in choices
    assert "✅ Semester II 2026 · batas 11 Jan ⏰" in choices
    await owner.command("batal")
    sent = await _report(owner, "Tahunan 2026", "Survei layanan 2026")
    assert "Laporan Tahunan 2026 terkirim (revisi 1), ditandai terlambat" in sent.plain
    assert _submission(bot, old["41000002"], "tahunan-1").late

    # The team cannot close 2026 while reports wait; it verifies, then closes.
    await team.command("jadwal")
    await team.press("Tutup siklus 2026")
    shown = await team.press("Ya, tutup siklus 2026")
    assert "masih ada laporan yang menunggu verifikasi" in shown[-1].plain
    card = (await team.command("verifikasi"))[0]
    assert "(1/2)" in card.plain
    await team.press("Terima", on=card)
    await team.press("Terima")
    assert "Tidak ada laporan yang menunggu verifikasi" in team.last.plain
    await team.command("jadwal")
    await team.press("Tutup siklus 2026")
    shown = await team.press("Ya, tutup siklus 2026")
    assert "Siklus kinerja 2026 ditutup" in shown[-1].plain

    # Closed: 2026 is gone from every list; 2027 goes on.
    choices = _period_buttons((await owner.command("lapor"))[0])
    assert choices and all("2026" not in label for label in choices)
    await owner.command("batal")
    assert [m.plain.splitlines()[0] for m in await owner.command("tugas")] == [
        "Tugas Anda — siklus kinerja 2027"
    ]
    assert [m.plain.splitlines()[0] for m in await owner.command("jadwal")] == [
        "Jadwal pelaporan 2027 (batas waktu, WIT)"
    ]
    # A button from before the close is stale, not a report into a closed year.
    await owner.command("lapor")
    shown = await owner.press_data("lp:per:2026:tahunan-1:1", on=owner.last)
    assert "Tombol ini sudah tidak berlaku" in shown[-1].plain


async def test_the_team_chooses_the_year_it_plans(bot: Harness) -> None:
    _at(bot, 2026, 9, 30, 10, 0)
    team = await bot.registered(2001, Role.TIM)
    menu = (await team.command("rencana"))[0]
    assert menu.plain.startswith("Rencana Kinerja 2026")
    assert "📅 Rencana 2027" in menu.button_texts
    # From 1 October the default is next year; the other year stays one press away.
    _at(bot, 2026, 10, 1, 8, 0)
    menu = (await team.command("rencana"))[0]
    assert menu.plain.startswith("Rencana Kinerja 2027")
    await team.press("Muat contoh rencana")
    shown = await team.press("Rencana 2026")
    assert shown[0].plain.startswith("Rencana Kinerja 2026 — belum ada isi")
    # The choice is remembered for the next /rencana.
    assert (await team.command("rencana"))[0].plain.startswith("Rencana Kinerja 2026")
    with bot.svc.db.read() as session:
        seeded = plans.current_plan(session, year=2027)[1]
        empty = plans.current_plan(session, year=2026)[1]
    assert len(seeded.indicators) == 8 and empty.is_empty


async def test_packages_of_each_open_year_one_at_a_time(bot: Harness) -> None:
    _at(bot, 2027, 1, 4, 9, 0)
    _approved_cycle(bot, 2026, [("41000001", "Obat puskesmas 2026", "A2")])
    _approved_cycle(bot, 2027, [("42000001", "Obat puskesmas 2027", "A2")])
    team = await bot.registered(2001, Role.TIM)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    # The newest approved year by default, last year one press away; never both mixed.
    menu = (await team.command("paket"))[0]
    assert menu.plain.startswith("Paket pengadaan 2027")
    assert "📅 Paket 2026" in menu.button_texts
    shown = await team.press("Paket 2026")
    assert shown[0].plain.startswith("Paket pengadaan 2026")
    shown = await team.press("Cakupan per unit")
    assert "paket 2026" in shown[0].plain
    mine = (await owner.command("paket"))[0]
    assert mine.plain.startswith("Paket 2027 Dinas Kesehatan")
    assert "Obat puskesmas 2027" in " ".join(mine.button_texts)
    assert "Obat puskesmas 2026" not in " ".join(mine.button_texts)
    shown = await owner.press("Paket 2026")
    assert shown[0].plain.startswith("Paket 2026 Dinas Kesehatan")
    assert "Obat puskesmas 2026" in " ".join(shown[0].button_texts)
    # A forged year that is not open is stale.
    shown = await owner.press_data("pkt:y:2019", on=owner.last)
    assert "Tombol ini sudah tidak berlaku" in shown[-1].plain
    # The team's 2026 buttons keep acting on 2026 after 2027 is opened elsewhere.
    menu_2026 = (await team.command("paket"))[0]  # the year chosen last is remembered
    assert menu_2026.plain.startswith("Paket pengadaan 2026")
    sheet = next(m for m in await team.press("Unduh lembar pemetaan", on=menu_2026) if m.document)
    await team.command("paket")
    await team.press("Paket 2027")
    shown = await team.press("Cakupan per unit", on=menu_2026)
    assert "paket 2026" in shown[0].plain
    # A 2026 mapping sheet sent for 2027 is refused, not applied to 2027's packages.
    await team.command("paket")  # 2026 again: the last button pressed was 2026's
    menu_2027 = (await team.press("Paket 2027"))[0]
    assert menu_2027.plain.startswith("Paket pengadaan 2027")
    await team.press("Unggah lembar pemetaan", on=menu_2027)
    assert sheet.document is not None
    shown = await team.upload("pemetaan-paket-2026.xlsx", sheet.document[1], XLSX)
    assert "lembar pemetaan ini untuk tahun 2026, sedangkan yang dipetakan paket tahun 2027" in (
        shown[-1].plain
    )


async def test_plan_buttons_of_a_closed_or_unknown_year_change_nothing(bot: Harness) -> None:
    _at(bot, 2027, 2, 1, 9, 0)
    _approved_cycle(bot, 2026, [("41000001", "Obat puskesmas 2026", "A2")])
    team = await bot.registered(2001, Role.TIM)
    menu = (await team.command("rencana"))[0]
    assert "📅 Rencana 2026" in menu.button_texts
    shown = await team.press("Rencana 2026")
    assert shown[0].plain.startswith("Rencana Kinerja 2026")
    old_menu = shown[0]
    with bot.svc.db.write() as session:
        cycle_2026 = cycles.find_cycle(session, year=2026)
        assert cycle_2026 is not None and cycle_2026.id is not None
        cycles.close_cycle(session, cycle_id=cycle_2026.id, actor=None, now=bot.clock.now())
    # The 2026 menu's buttons now name a closed year: stale, nothing stored.
    for data in ("pln:2026:areas", "pln:2026:seed", "pln:1999:seed", "pln:2026:xa:IKU-01"):
        shown = await team.press_data(data, on=old_menu)
        assert "Tombol ini sudah tidak berlaku" in shown[-1].plain, data
    # A button from before plan buttons named their year is answered, not left spinning.
    await team.press_data("pln:areas", on=old_menu)
    alert = bot.api.calls_of("answerCallbackQuery")[-1]
    assert alert.params["text"].startswith("Tombol ini sudah tidak berlaku")
    with bot.svc.db.read() as session:
        assert [c.year for c in cycles.list_cycles(session)] == [2026]
        assert plans.latest_revision(session, cycle_id=cycle_2026.id).number == 1  # type: ignore[union-attr]
    menu = (await team.command("rencana"))[0]
    assert "📅 Rencana 2026" not in menu.button_texts


async def test_each_cycles_step_button_opens_that_year(bot: Harness) -> None:
    """With two cycles shown, a step button opens its own year's screen."""
    _at(bot, 2027, 1, 4, 9, 0)
    _approved_cycle(bot, 2026, [("41000001", "Obat puskesmas 2026", "A2")])
    team = await bot.registered(2001, Role.TIM)
    tasks = await team.command("tugas")
    assert [m.plain.splitlines()[0] for m in tasks] == [
        "Tugas Anda — siklus kinerja 2026",
        "Tugas Anda — siklus kinerja 2027",
    ]
    assert tasks[1].button_texts == ["2027 · Langkah 1: Mendefinisikan…"]
    shown = await team.press("2027 · Langkah 1", on=tasks[1])
    assert shown[-1].plain.startswith("Rencana Kinerja 2027 — belum ada isi")
    label = next(b for b in tasks[0].button_texts if b.startswith("2026 · Langkah 5"))
    shown = await team.press(label, on=tasks[0])
    assert shown[-1].plain.startswith("Rencana Kinerja 2026 — revisi 1 (disetujui)")


async def test_a_draft_in_a_cycle_closed_meanwhile_says_so(bot: Harness) -> None:
    _at(bot, 2027, 2, 1, 9, 0)
    _approved_cycle(bot, 2026, [("41000001", "Obat puskesmas 2026", "A2")])
    team = await bot.registered(2001, Role.TIM)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    await owner.command("lapor")
    await owner.press("Triwulan IV 2026")
    await owner.press("Obat puskesmas 2026")
    await owner.send("100")
    await team.command("jadwal")
    await team.press("Tutup siklus 2026")
    await team.press("Ya, tutup siklus 2026")
    shown = await owner.send("100")
    assert "tidak dapat dilanjutkan: siklusnya sudah ditutup" in shown[-1].plain
    assert shown[-1].buttons == []
    shown = await owner.command("lapor")
    assert "Laporan untuk periode mana?" not in shown[-1].plain  # nothing of 2026 left
