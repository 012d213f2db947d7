"""A whole reporting year through the real application, from the plan to the archive (issue
12): plan and approval, four quarters of reports from three units (one late, one returned and
fixed), verification, compilation, analysis, the signed report and the deck, the meeting's
decisions and the archive export. The numbers are worked out by hand in the comments."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook

from bot.cli import main
from bot.core.roles import Role
from bot.devtools.chat import Person
from bot.devtools.fake_bot_api import Shown
from bot.planning.rules.example import example_plan
from bot.results.usecases import compilation
from bot.sop.steps import StepState
from storage import cycles, packages, plans, units
from tests import pdfcheck
from tests.harness import WIT, Harness, sirup_row

# Unit -> (package name, strategic area). A2 (IKU-03, IKU-04) has two units, so the
# compilation sums their inputs; A1 (IKU-01 lower is better, IKU-02) has one.
UNITS = {
    "Dinas Kesehatan": ("Pengadaan obat puskesmas", "A2"),
    "Dinas Pendidikan dan Kebudayaan": ("Rehabilitasi gedung SD", "A2"),
    "Sekretariat Daerah": ("Jasa kebersihan kantor bupati", "A1"),
}
QUARTERS = ("Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV")
# The day each quarter's reports are sent (in WIT): within the deadline.
SEND_ON = (
    datetime(2027, 4, 5, 9, 0, tzinfo=WIT),
    datetime(2027, 7, 5, 9, 0, tzinfo=WIT),
    datetime(2027, 10, 4, 9, 0, tzinfo=WIT),
    datetime(2028, 1, 4, 9, 0, tzinfo=WIT),
)
# Typed values per unit and quarter, in the order /lapor asks for them.
A2_VALUES = {
    "Dinas Kesehatan": (
        ("1.000.000.000", "900.000.000", "500.000.000", "1.000.000.000"),
        ("1.200.000.000", "1.100.000.000", "600.000.000", "1.000.000.000"),
        ("800.000.000", "720.000.000", "700.000.000", "1.000.000.000"),
        ("1.000.000.000", "930.000.000", "650.000.000", "1.000.000.000"),
    ),
    "Dinas Pendidikan dan Kebudayaan": (
        ("500.000.000", "470.000.000", "100.000.000", "500.000.000"),
        ("600.000.000", "560.000.000", "200.000.000", "500.000.000"),
        ("400.000.000", "380.000.000", "250.000.000", "500.000.000"),
        ("700.000.000", "650.000.000", "300.000.000", "500.000.000"),
    ),
}
A1_VALUES = (
    ("480", "10", "8", "10"),  # 48 days on average, 80 % on schedule
    ("440", "10", "9", "10"),
    ("400", "10", "9", "10"),
    ("420", "10", "10", "10"),
)


def _setup(bot: Harness) -> None:
    """The starter plan saved for 2027 and one mapped package per unit."""
    now = bot.clock.now()
    with bot.svc.db.write() as session:
        plans.save_for_year(session, year=2027, plan=example_plan(2027), actor=None, now=now)


def _packages(bot: Harness) -> None:
    now = bot.clock.now()
    with bot.svc.db.write() as session:
        cycle = cycles.find_cycle(session, year=2027)
        assert cycle is not None and cycle.id is not None
        for number, (name, (package, area)) in enumerate(UNITS.items(), start=1):
            unit = units.find_unit(session, name=name)
            assert unit is not None and unit.id is not None
            row = sirup_row(
                kode_rup=f"4100000{number}", nama_paket=package, satuan_kerja=name, row=4 + number
            )
            packages.upsert(
                session,
                cycle_id=cycle.id,
                rows=[row],
                unit_ids={name: unit.id},
                actor=None,
                now=now,
            )
            stored = packages.of_unit(session, cycle_id=cycle.id, unit_id=unit.id)[0]
            stored.area_code = area
            session.add(stored)


async def _report(owner: Person, quarter: str, package: str, values: tuple[str, ...]) -> str:
    await owner.command("lapor")
    await owner.press(f"{quarter} 2027 ·")
    await owner.press(package)
    for value in values:
        await owner.send(value)
    for _ in range(3):  # three action plans in each of these areas
        await owner.press("berjalan")
        await owner.send("-")
    await owner.send("-")  # no constraints
    await owner.press("Selesai")
    shown = await owner.press("Kirim")
    return shown[-1].plain


async def _year_of_reports(bot: Harness, owners: dict[str, Person], team: Person) -> None:
    for index, quarter in enumerate(QUARTERS):
        bot.clock.set(SEND_ON[index])
        for name, (package, _) in UNITS.items():
            if name == "Sekretariat Daerah" and index == 1:
                continue  # late this quarter: sends after the deadline
            values = A1_VALUES[index] if name == "Sekretariat Daerah" else A2_VALUES[name][index]
            sent = await _report(owners[name], quarter, package, values)
            assert "terkirim" in sent, sent
        if index == 1:
            bot.clock.set(datetime(2027, 7, 14, 9, 0, tzinfo=WIT))  # deadline Mon 12 July
            sent = await _report(
                owners["Sekretariat Daerah"],
                quarter,
                UNITS["Sekretariat Daerah"][0],
                A1_VALUES[index],
            )
            assert "ditandai terlambat" in sent, sent
        await _verify_all(bot, owners, team, returned=index == 2)


async def _verify_all(
    bot: Harness, owners: dict[str, Person], team: Person, *, returned: bool
) -> None:
    """The team accepts every waiting report; in quarter III it first returns the one of
    Dinas Pendidikan, which the owner fixes and sends again."""
    shown = await team.command("verifikasi")
    while "Tidak ada laporan" not in shown[-1].plain:
        card = shown[-1].plain
        if returned and "Rehabilitasi gedung SD" in card:
            returned = False
            await team.press("Kembalikan")
            await team.send("Nilai kontrak belum sesuai dokumen kontrak.")
            owner = owners["Dinas Pendidikan dan Kebudayaan"]
            assert "dikembalikan" in owner.last.plain
            sent = await _report(
                owner,
                "Triwulan III",
                "Rehabilitasi gedung SD",
                ("400.000.000", "370.000.000", "250.000.000", "500.000.000"),
            )
            assert "revisi 2" in sent, sent
            shown = await team.command("verifikasi")
            continue
        shown = await team.press("Terima")


async def test_a_whole_year_from_plan_to_archive(bot: Harness, exported: Path) -> None:
    _setup(bot)
    team = await bot.registered(2001, Role.TIM, name="Maria Wenda")
    head = await bot.registered(1001, Role.KEPALA, name="Yulianus Lokobal")
    await team.command("rencana")
    await team.press("Ajukan persetujuan")
    await head.press("Setujui")
    assert "disetujui" in team.last.plain.lower()
    _packages(bot)
    owners = {
        name: await bot.registered(3001 + n, Role.PJ, unit=name, name=f"PJ {name}")
        for n, name in enumerate(UNITS)
    }
    await _year_of_reports(bot, owners, team)
    with bot.svc.db.read() as session:
        cycle = cycles.find_cycle(session, year=2027)
        assert cycle is not None and cycle.id is not None
        states = [r.status for r in session.exec(_submissions(cycle.id))]
    # 12 reports accepted; the returned one stays returned, its fix was accepted.
    assert sorted(states) == ["accepted"] * 12 + ["returned"]
    _golden_numbers(bot)
    await _capaian(team)
    await _analysis(team)
    await _report_signed(bot, team, head)
    await _meeting(bot, team, head)
    await _status_report(team, head)
    _states_after_the_year(bot)
    _archive_export(exported)


def _submissions(cycle_id: int):  # type: ignore[no-untyped-def]
    from sqlmodel import select

    from storage.models import Submission

    return select(Submission).where(Submission.cycle_id == cycle_id)


def _golden_numbers(bot: Harness) -> None:
    """Worked out by hand from the values above."""
    found = compilation(bot.svc, 2027)
    assert found is not None
    iku01, iku03 = found.indicator("IKU-01"), found.indicator("IKU-03")
    assert iku01 is not None and iku03 is not None
    q2 = iku01.period("triwulanan-2")
    # The late report counts: 440 days over 10 tenders; lower is better, SAKIP convention:
    # (2 x 45 - 44) / 45 = 102,2 %.
    assert q2 is not None and q2.realisation == pytest.approx(44)
    assert q2.achievement == pytest.approx(102.222, abs=0.01) and q2.band == "Sangat Tinggi"
    q3 = iku03.period("triwulanan-3")
    # Only the fixed revision counts: (800 + 400 - 720 - 370) / 1200 = 9,17 % (the returned
    # one would give 8,33 %); both units' packages summed.
    assert q3 is not None and q3.realisation == pytest.approx(9.1667, abs=0.001)
    assert q3.packages_counted == q3.packages_expected == 2 and q3.missing_units == ()
    q4 = iku03.period("triwulanan-4")
    assert q4 is not None and q4.realisation == pytest.approx(7.0588, abs=0.001)
    assert q4.achievement == pytest.approx(88.235, abs=0.01) and q4.band == "Tinggi"
    iku05 = found.indicator("IKU-05")  # no package mapped to A3: missing, never zero
    assert iku05 is not None and all(p.realisation is None for p in iku05.periods)


async def _capaian(team: Person) -> None:
    shown = await team.command("capaian")
    text = shown[0].plain
    assert "Triwulan IV: 42 hari dari target 45 hari → 106,7% (Sangat Tinggi)" in text
    assert "Triwulan IV: 7,06% dari target 8% → 88,2% (Tinggi)" in text
    assert "IKU-05" in text and "belum ada data" in text
    assert (
        "Langkah berikutnya: tulis analisis dan rekomendasi per indikator lewat /analisis" in text
    )
    assert any(m.document and m.document[1].startswith(b"\x89PNG") for m in shown)


async def _analysis(team: Person) -> None:
    await team.command("analisis")
    await team.press("Triwulan IV 2027")
    await team.press("IKU-03")
    await team.press("Tulis analisis")
    await team.send("Efisiensi 7,06%, di bawah target 8%.")
    await team.send("HPS disusun tanpa survei harga di dua OPD.")
    await team.send("Perbandingan dengan target dan triwulan lalu.")
    await team.press("Tambah rekomendasi")
    await team.send("Pendampingan penyusunan HPS berbasis survei harga")
    await team.send("Bagian Pengadaan Barang/Jasa")
    shown = await team.send("31/03/2028")
    assert "Pendampingan penyusunan HPS" in shown[-1].plain


def _files(shown: list[Shown]) -> dict[str, bytes]:
    return {m.document[0]: m.document[1] for m in shown if m.document is not None}


async def _report_signed(bot: Harness, team: Person, head: Person) -> None:
    await team.command("laporan")
    await team.press("Laporan triwulanan")
    shown = await team.press("Triwulan IV 2027")
    names = sorted(_files(shown))
    assert len(names) == 3 and any(n.endswith(".xlsx") for n in names), names
    await team.press("Ajukan untuk ditandatangani")
    request = next(m for m in reversed(bot.api.chat(1001)) if m.buttons)
    assert "Laporan Pencapaian Kinerja Triwulan IV 2027" in request.plain
    await head.press("Tandatangani", on=request)
    await bot.drain_outbox()
    signed = _files(bot.api.chat(2001))
    pdf = signed["laporan-kinerja-triwulanan-4-2027-rev1.pdf"]
    deck = signed["bahan-paparan-triwulanan-4-2027-rev1.pdf"]
    assert "laporan-kinerja-triwulanan-4-2027-rev1.xlsx" in signed
    slides = pdfium.PdfDocument(deck)
    try:
        width, height = slides[0].get_size()
        assert len(slides) >= 4  # title, summary, one per area with data, recommendations
    finally:
        slides.close()
    assert abs(width / height - 16 / 9) < 0.01
    text = pdfcheck.text(pdf)
    assert "LAPORAN PENCAPAIAN KINERJA" in text.upper() and "Kode verifikasi" in text
    assert "HPS disusun tanpa survei harga" in text  # the analysis is in the report
    assert "7,06" in text


async def _meeting(bot: Harness, team: Person, head: Person) -> None:
    await team.command("rapat")
    shown = await team.press("Triwulan IV")
    assert "Kepala UKPBJ akan memutuskan 5 butir" in shown[0].plain
    await team.press("Buka rapat")
    await bot.drain_outbox()
    decided = 0
    while True:
        waiting = [m for m in bot.api.chat(1001) if "➡️ Lanjut tanpa perbaikan" in m.button_texts]
        if not waiting:
            break
        request = waiting[-1]
        labels = " ".join(request.button_texts)
        if "Setujui rekomendasi" in labels:
            await head.press("Setujui rekomendasi", on=request)
        elif "IKU-02" in request.plain:
            await head.press("Indikator tercapai", on=request)
        else:
            await head.press("Lanjut tanpa perbaikan", on=request)
        await bot.drain_outbox()
        decided += 1
        if decided > 20:
            raise AssertionError("the meeting never ends")
    assert decided == 5  # IKU-01, IKU-02, the recommendation of IKU-03, IKU-04, IKU-05
    minutes = [m for m in bot.api.chat(2001) if "/laporan" in m.plain]
    assert minutes, "the team is told the next step"
    with bot.svc.db.read() as session:
        plan = plans.approved_plan(session, year=2027)
    assert plan is not None
    new = plan.actions_of("IKU-03")[-1]
    assert new.activity == "Pendampingan penyusunan HPS berbasis survei harga"
    assert new.pic_unit == "Bagian Pengadaan Barang/Jasa"


async def _status_report(team: Person, head: Person) -> None:
    await team.command("laporan")
    await team.press("Status akhir indikator")
    shown = await team.press("Tahun 2027")
    # One PDF only: no text promises a workbook or a deck.
    assert [m.document[0] for m in shown if m.document] == [
        "laporan-status-indikator-2027-rev1-draf.pdf"
    ]
    assert all("lembar kerja" not in m.plain for m in shown)
    await team.press("Ajukan untuk ditandatangani")
    request = next(m for m in reversed(team.api.chat(1001)) if m.buttons)
    assert "Laporan Status Akhir Indikator Tahun 2027" in request.plain
    assert "lembar kerja" not in request.plain
    await head.press("Tandatangani", on=request)


def _states_after_the_year(bot: Harness) -> None:
    with bot.svc.db.read() as session:
        cycle = cycles.find_cycle(session, year=2027)
        assert cycle is not None and cycle.id is not None
        states = cycles.step_states(session, cycle_id=cycle.id)
    for step in (13, 15, 16, 17):
        assert states[step] is StepState.SELESAI, (step, states[step])
    assert states[14] is not StepState.BELUM_MULAI


def _archive_export(exported: Path) -> None:
    """`kinerja-bot export-archive --year 2027` holds every signed result with its index."""
    assert main(["export-archive", "--year", "2027", str(exported)]) == 0
    with zipfile.ZipFile(exported) as bundle:
        names = bundle.namelist()
        book = load_workbook(io.BytesIO(bundle.read("index.xlsx")))
    sheet = book.active
    assert sheet is not None
    rows = [[c.value for c in row] for row in sheet.iter_rows()][1:]
    by_name = {str(row[1]): row for row in rows}
    signed = by_name["laporan-kinerja-triwulanan-4-2027-rev1.pdf"]
    assert signed[3] == 15 and signed[4] == "Triwulan IV 2027" and signed[13] == "ada"
    assert any(n.endswith("laporan-status-indikator-2027-rev1.pdf") for n in names)
    # Plan draft and approved plan, the signed report, its workbook and deck, and the signed
    # final status report (reports were typed in the chat: no uploaded workbooks).
    assert sorted((row[3], str(row[2])) for row in rows) == [
        (5, "Konsep untuk persetujuan"),
        (6, "Rencana kinerja disetujui"),
        (15, "Data laporan kinerja (xlsx)"),
        (15, "Konsep untuk persetujuan"),  # the draft the head was asked to sign
        (15, "Laporan Pencapaian Kinerja"),
        (16, "Bahan paparan"),
        (17, "Konsep untuk persetujuan"),
        (17, "Laporan status indikator"),
    ]
    assert len(names) == len(rows) + 1  # and index.xlsx
