"""Owners report from a phone (SOP steps 11-12): /jadwal, the guided /lapor, /verifikasi."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.core.roles import Role
from bot.devtools.chat import Person
from bot.planning.rules.example import example_plan
from bot.planning.rules.model import FormulaInput, InputKind, Plan
from storage import archive, audit, cycles, packages, submissions, units, users
from tests.harness import Harness, approve_plan, sirup_row

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8cfc0f01f00050001ff89993d1d"
    "0000000049454e44ae426082"
)


def _plan() -> Plan:
    """The starter plan, with a date input on IKU-03 so date checks can be exercised."""
    plan = example_plan(2027)
    iku03 = plan.indicator("IKU-03")
    assert iku03 is not None
    dated = replace(
        iku03,
        inputs=(
            *iku03.inputs,
            FormulaInput("tanggal_kontrak", "Tanggal kontrak", InputKind.TANGGAL),
        ),
        formula=f"{iku03.formula} + 0 * tanggal_kontrak",
    )
    return replace(
        plan, indicators=tuple(dated if i.code == "IKU-03" else i for i in plan.indicators)
    )


def _setup(bot: Harness) -> int:
    """Plan and one package of Dinas Kesehatan mapped to area A2; returns the package id."""
    with bot.svc.db.write() as session:
        approve_plan(session, _plan(), bot.clock.now())  # owners report on the approved plan
        cycle = cycles.find_cycle(session, year=2027)
        unit = units.find_unit(session, name="Dinas Kesehatan")
        assert cycle is not None and cycle.id is not None and unit is not None
        row = sirup_row()
        packages.upsert(
            session,
            cycle_id=cycle.id,
            rows=[row],
            unit_ids={"Dinas Kesehatan": unit.id},
            actor=None,
            now=bot.clock.now(),
        )
        package = packages.all_of_cycle(session, cycle_id=cycle.id)[0]
        package.area_code = "A2"
        session.add(package)
        assert package.id is not None
        return package.id


async def _answer_inputs(owner: Person) -> None:
    await owner.send("Rp 1.000.000.000")  # total_hps
    await owner.send("900.000.000")  # total_nilai_kontrak
    await owner.send("10/02/2027")  # tanggal_kontrak
    await owner.send("1,25 M")  # nilai_epurchasing
    await owner.send("2,5 M")  # total_pagu


async def _answer_actions(owner: Person) -> None:
    for _ in range(3):
        await owner.press("berjalan")
        await owner.send("-")


async def test_schedule_shows_deadlines_in_wit(bot: Harness) -> None:
    _setup(bot)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    shown = await owner.command("jadwal")
    text = shown[0].plain
    assert "Jadwal pelaporan 2027" in text
    assert (
        "Triwulan I 2027 (triwulanan, 1 Januari–31 Maret 2027): "
        "batas Senin, 12 April 2027 pukul 23.59 WIT — sedang dibuka" in text
    )


async def test_owner_reports_with_mistakes_a_restart_and_an_album(bot: Harness) -> None:
    package_id = _setup(bot)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    await owner.command("lapor")
    await owner.press("Triwulan I 2027 ·")
    shown = await owner.press("Pengadaan obat puskesmas")
    assert "1/5" in shown[0].plain and "Total Harga Perkiraan Sendiri" in shown[0].plain
    shown = await owner.send("satu miliar")
    assert "bukan jumlah Rupiah" in shown[0].plain
    shown = await owner.send("-5")
    assert "tidak boleh negatif" in shown[0].plain
    await owner.send("Rp 1.000.000.000")
    await owner.send("900.000.000")
    shown = await owner.send("10/04/2027")
    assert "di luar periode Triwulan I" in shown[0].plain
    await owner.send("10/02/2027")
    # The connection drops and the server restarts: /lapor resumes where it stopped.
    await bot.restart(graceful=False)
    shown = await owner.command("lapor")
    assert "Ada laporan yang belum selesai" in shown[0].plain
    shown = await owner.press("Lanjutkan")
    assert "4/5" in shown[0].plain
    await owner.send("1,25 M")
    await owner.send("2,5 M")
    await _answer_actions(owner)
    await owner.send("Listrik padam dua minggu")
    replies = [m for _ in range(5) for m in await owner.photo(PNG, album="album-7")]
    assert len(replies) == 1 and "bukti tersimpan" in replies[0].plain
    shown = await owner.upload("besar.pdf", b"%PDF", "application/pdf", file_size=30 * 1024 * 1024)
    assert "terlalu besar" in shown[0].plain
    shown = await owner.upload("catatan.docx", b"PK", "application/msword")
    assert "tidak diterima" in shown[0].plain
    shown = await owner.press("Selesai")
    summary = shown[0].plain
    assert "Total Harga Perkiraan Sendiri paket berkontrak: Rp 1.000.000.000" in summary
    assert "IKU-04: 50" in summary  # 1,25 M of 2,5 M
    assert "Bukti dukung: 1 berkas" in summary  # five identical photos are one stored file
    shown = await owner.press("Kirim")
    assert "Laporan Triwulan I 2027 terkirim (revisi 1)" in shown[0].plain
    with bot.svc.db.read() as session:
        first = submissions.latest(session, package_id=package_id, period_key="triwulanan-1")
    assert first is not None and first.revision == 1 and not first.late
    assert '"nilai_epurchasing": 1250000000' in first.values_json


async def _full_report(owner: Person) -> None:
    await owner.command("lapor")
    await owner.press("Triwulan I 2027 ·")
    await owner.press("Pengadaan obat puskesmas")
    await _answer_inputs(owner)
    await _answer_actions(owner)
    await owner.send("-")
    await owner.press("Selesai")
    await owner.press("Kirim")


async def test_duplicate_returned_and_resubmitted_reports(bot: Harness) -> None:
    package_id = _setup(bot)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    team = await bot.registered(2001, Role.TIM)
    await _full_report(owner)
    # Sending the same package and period again asks first, then makes revision 2.
    await owner.command("lapor")
    await owner.press("Triwulan I 2027 ·")
    await owner.press("Pengadaan obat puskesmas")
    await _answer_inputs(owner)
    await _answer_actions(owner)
    await owner.send("-")
    await owner.press("Selesai")
    shown = await owner.press("Kirim")
    assert "sudah dilaporkan untuk periode ini (revisi 1, menunggu verifikasi)" in shown[0].plain
    shown = await owner.press("Ya, kirim revisi baru")
    assert "revisi 2" in shown[0].plain
    # The team returns it with a note; the owner fixes and resubmits; the team accepts.
    shown = await team.command("verifikasi")
    assert "Verifikasi (1/1)" in shown[0].plain and "revisi 2" in shown[0].plain
    await team.press("Kembalikan")
    await team.send("Lampirkan kontrak sebagai bukti.")
    assert "dikembalikan" in owner.last.plain and "Lampirkan kontrak" in owner.last.plain
    await _full_report(owner)
    with bot.svc.db.read() as session:
        latest = submissions.latest(session, package_id=package_id, period_key="triwulanan-1")
    assert latest is not None and latest.revision == 3
    await team.command("verifikasi")
    shown = await team.press("Terima")
    assert "Laporan diterima" in shown[0].plain and "Tidak ada laporan" in shown[0].plain
    assert "diterima oleh tim UKPBJ" in owner.last.plain
    with bot.svc.db.read() as session:
        assert [e.action for e in audit.entries(session, action="report.accept")] == [
            "report.accept"
        ]


async def test_late_report_is_accepted_and_marked(bot: Harness) -> None:
    package_id = _setup(bot)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    from datetime import datetime
    from zoneinfo import ZoneInfo

    # The deadline (Saturday 10 April moved to Monday 12 April) has passed.
    bot.clock.set(datetime(2027, 4, 13, 8, 0, tzinfo=ZoneInfo("Asia/Jayapura")))
    await owner.command("lapor")
    await owner.press("Triwulan I 2027 ·")
    await owner.press("Pengadaan obat puskesmas")
    await _answer_inputs(owner)
    await _answer_actions(owner)
    await owner.send("-")
    shown = await owner.press("Selesai")
    assert "Batas waktu periode ini sudah lewat" in shown[0].plain
    shown = await owner.press("Kirim")
    assert "ditandai terlambat" in shown[0].plain
    with bot.svc.db.read() as session:
        latest = submissions.latest(session, package_id=package_id, period_key="triwulanan-1")
    assert latest is not None and latest.late


async def test_owner_reports_with_the_data_template(bot: Harness) -> None:
    import io

    import openpyxl

    from bot.planning.documents.data_template import FIRST_DATA_ROW, KEY_ROW

    package_id = _setup(bot)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    await owner.command("lapor")
    await owner.press("Triwulan I 2027 ·")
    shown = await owner.press("Template Data Kinerja")
    template = next(m for m in shown if m.document is not None)
    assert template.document is not None
    book = openpyxl.load_workbook(io.BytesIO(template.document[1]))
    ws = book["Data Paket"]
    keys = [c.value for c in ws[KEY_ROW]]
    row = FIRST_DATA_ROW
    assert ws.cell(row=row, column=keys.index("kode_rup") + 1).value == "41000001"
    filled = {
        "total_hps": 1_000_000_000,
        "total_nilai_kontrak": "Rp 900.000.000",
        "nilai_epurchasing": "abc",
        "total_pagu": 2_500_000_000,
    }
    for key, value in filled.items():
        ws.cell(row=row, column=keys.index(key) + 1, value=value)
    out = io.BytesIO()
    book.save(out)
    shown = await owner.upload("data.xlsx", out.getvalue(), "application/vnd.ms-excel")
    assert "Berkas belum dapat dikirim" in shown[-1].plain and "abc" in shown[-1].plain
    ws.cell(row=row, column=keys.index("nilai_epurchasing") + 1, value="1,25 M")
    out = io.BytesIO()
    book.save(out)
    shown = await owner.upload("data.xlsx", out.getvalue(), "application/vnd.ms-excel")
    assert "1 paket berisi nilai" in shown[-1].plain
    shown = await owner.press("Kirim")
    assert "Laporan Triwulan I 2027 terkirim untuk 1 paket" in shown[0].plain
    with bot.svc.db.read() as session:
        latest = submissions.latest(session, package_id=package_id, period_key="triwulanan-1")
    assert latest is not None and latest.via == "workbook"
    assert '"nilai_epurchasing": 1250000000' in latest.values_json
    # The workbook is archived as the owner's report of the period (step 11), and a
    # corrected workbook sent again is the next revision.
    ws.cell(row=row, column=keys.index("total_hps") + 1, value=1_100_000_000)
    out = io.BytesIO()
    book.save(out)
    await owner.command("lapor")
    await owner.press("Triwulan I 2027 ·")
    await owner.press("Template Data Kinerja")
    await owner.upload("data.xlsx", out.getvalue(), "application/vnd.ms-excel")
    shown = await owner.press("Kirim")
    assert "terkirim untuk 1 paket" in shown[0].plain
    with bot.svc.db.read() as session:
        found = [
            d for d in archive.documents_of_year(session, 2027) if d.kind == "data_kinerja_xlsx"
        ]
        unit = units.find_unit(session, name="Dinas Kesehatan")
    assert unit is not None
    assert [(d.step_no, d.period_key, d.unit_id, d.revision) for d in found] == [
        (11, "triwulanan-1", unit.id, 2),
        (11, "triwulanan-1", unit.id, 1),
    ]


def _numbers_plan() -> Plan:
    """The flow's plan with a days input and a percent input on IKU-03 (area A2)."""
    plan = _plan()
    iku03 = plan.indicator("IKU-03")
    assert iku03 is not None
    extended = replace(
        iku03,
        inputs=(
            *iku03.inputs,
            FormulaInput("lama_hari", "Lama proses (hari)", InputKind.HARI),
            FormulaInput("persen_realisasi", "Persentase realisasi", InputKind.PERSEN),
        ),
        formula=f"{iku03.formula} + 0 * lama_hari + 0 * persen_realisasi",
    )
    return replace(
        plan, indicators=tuple(extended if i.code == "IKU-03" else i for i in plan.indicators)
    )


def _stored_values(bot: Harness, package_id: int) -> dict[str, object]:
    import json

    with bot.svc.db.read() as session:
        latest = submissions.latest(session, package_id=package_id, period_key="triwulanan-1")
    assert latest is not None
    values = json.loads(latest.values_json)
    assert isinstance(values, dict)
    return values


async def test_numbers_in_the_data_template_are_stored_exactly(bot: Harness) -> None:
    import io

    import openpyxl

    from bot.planning.documents.data_template import FIRST_DATA_ROW, KEY_ROW

    package_id = _setup(bot)
    with bot.svc.db.write() as session:
        approve_plan(session, _numbers_plan(), bot.clock.now())
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    await owner.command("lapor")
    await owner.press("Triwulan I 2027 ·")
    shown = await owner.press("Template Data Kinerja")
    template = next(m for m in shown if m.document is not None)
    assert template.document is not None
    book = openpyxl.load_workbook(io.BytesIO(template.document[1]))
    ws = book["Data Paket"]
    keys = [c.value for c in ws[KEY_ROW]]

    def cell(key: str) -> Any:
        return ws.cell(row=FIRST_DATA_ROW, column=keys.index(key) + 1)

    cell("lama_hari").value = 42.25  # a number cell
    percent = cell("persen_realisasi")
    percent.value = 0.5  # typed as 50% in Excel: 0.5 shown as a percentage
    percent.number_format = "0%"
    cell("jumlah_tender_selesai").value = "1.234"  # text: decimals or thousands?
    out = io.BytesIO()
    book.save(out)
    shown = await owner.upload("data.xlsx", out.getvalue(), "application/vnd.ms-excel")
    problems = shown[-1].plain
    assert "Berkas belum dapat dikirim" in problems
    assert "Jumlah tender yang selesai" in problems and f"baris {FIRST_DATA_ROW}" in problems
    assert "1.234 bisa berarti 1,234 (desimal) atau 1234 (ribuan)" in problems
    assert "tulis 1234 bila ribuan, atau 1,2340 bila desimal" in problems
    assert "Lama proses" not in problems and "Persentase realisasi" not in problems

    cell("jumlah_tender_selesai").value = "1234"
    out = io.BytesIO()
    book.save(out)
    shown = await owner.upload("data.xlsx", out.getvalue(), "application/vnd.ms-excel")
    assert "1 paket berisi nilai" in shown[-1].plain
    shown = await owner.press("Kirim")
    assert "Laporan Triwulan I 2027 terkirim untuk 1 paket" in shown[0].plain
    values = _stored_values(bot, package_id)
    assert values["lama_hari"] == 42.25 and values["persen_realisasi"] == 50
    assert values["jumlah_tender_selesai"] == 1234


async def test_typed_decimals_either_way_and_an_ambiguous_answer(bot: Harness) -> None:
    package_id = _setup(bot)
    with bot.svc.db.write() as session:
        approve_plan(session, _numbers_plan(), bot.clock.now())
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")

    async def report(days: list[str], percent: str) -> list[str]:
        await owner.command("lapor")
        await owner.press("Triwulan I 2027 ·")
        await owner.press("Pengadaan obat puskesmas")
        await owner.send("Rp 1.000.000.000")  # total_hps
        await owner.send("900.000.000")  # total_nilai_kontrak
        await owner.send("10/02/2027")  # tanggal_kontrak
        replies = [(await owner.send(answer))[-1].plain for answer in days]  # lama_hari
        replies.append((await owner.send(percent))[-1].plain)  # persen_realisasi
        await owner.send("1,25 M")  # nilai_epurchasing
        await owner.send("2,5 M")  # total_pagu
        await _answer_actions(owner)
        await owner.send("-")
        await owner.press("Selesai")
        shown = await owner.press("Kirim")
        if "sudah dilaporkan" in shown[0].plain:
            shown = await owner.press("Ya, kirim revisi baru")
        assert "Laporan Triwulan I 2027 terkirim" in shown[0].plain
        return replies

    replies = await report(["1.234", "42,25"], "50%")
    assert "1.234 bisa berarti 1,234 (desimal) atau 1234 (ribuan)" in replies[0]
    assert "Ketik lagi" in replies[0]
    assert "Persentase realisasi" in replies[1]  # 42,25 taken: the next question
    values = _stored_values(bot, package_id)
    assert values["lama_hari"] == 42.25 and values["persen_realisasi"] == 50

    await report(["42.25"], "50,5 %")
    values = _stored_values(bot, package_id)
    assert values["lama_hari"] == 42.25 and values["persen_realisasi"] == 50.5


async def test_a_report_made_under_an_earlier_revision_is_still_verifiable(bot: Harness) -> None:
    """Inputs renamed or removed by a later approved revision do not break /verifikasi."""
    package_id = _setup(bot)
    team = await bot.registered(2001, Role.TIM)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    with bot.svc.db.write() as session:
        cycle = cycles.find_cycle(session, year=2027)
        user = users.get_by_telegram_id(session, 3001)
        assert cycle is not None and cycle.id is not None and user is not None
        submissions.submit(
            session,
            cycle_id=cycle.id,
            package_id=package_id,
            period_key="triwulanan-1",
            values={"total_hps": 1_000_000_000, "tanggal_lama": "2027-03-01", "nilai_lama": 5},
            actions=[],
            constraints="",
            evidence=[],
            via="chat",
            late=False,
            owner=user,
            now=bot.clock.now(),
        )
    card = (await team.command("verifikasi"))[0]
    assert "Total Harga Perkiraan Sendiri paket berkontrak: Rp 1.000.000.000" in card.plain
    assert "tanggal lama: 2027-03-01" in card.plain and "nilai lama: 5" in card.plain
    await team.press("Terima", on=card)
    assert "diterima" in owner.last.plain


async def test_a_too_long_note_or_constraint_is_refused_not_cut(bot: Harness) -> None:
    # Cut silently, the owner's text would be stored wrong; refused, they shorten it.
    package_id = _setup(bot)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    await owner.command("lapor")
    await owner.press("Triwulan I 2027 ·")
    await owner.press("Pengadaan obat puskesmas")
    await _answer_inputs(owner)
    await owner.press("berjalan")
    shown = await owner.send("n" * 501)
    assert "Terlalu panjang (501 karakter); paling banyak 500." in shown[0].plain
    await owner.send("Jadwal disusun")
    for _ in range(2):
        await owner.press("berjalan")
        await owner.send("-")
    shown = await owner.send("k" * 2001)
    assert "Terlalu panjang (2001 karakter); paling banyak 2000." in shown[0].plain
    await owner.send("Listrik padam")
    await owner.press("Selesai")
    await owner.press("Kirim")
    with bot.svc.db.read() as session:
        stored = submissions.latest(session, package_id=package_id, period_key="triwulanan-1")
    assert stored is not None and stored.constraints == "Listrik padam"
    assert "Jadwal disusun" in stored.actions_json
