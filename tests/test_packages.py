"""/paket (SOP step 10): SIRUP import with preview, unit matching, mapping to areas, coverage."""

from __future__ import annotations

import io

import openpyxl

from bot.core.roles import Role
from bot.planning.rules.example import example_plan
from bot.sop.steps import StepState
from storage import archive, cycles, packages, plans
from storage.models import Package
from tests.harness import Harness

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = ["No", "Satuan Kerja", "Paket", "Pagu", "Metode Pemilihan", "Sumber Dana", "Kode RUP"]


def _sirup(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "RENCANA UMUM PENGADAAN KABUPATEN JAYAWIJAYA 2027"
    sheet.merge_cells("A1:G1")
    sheet["A2"] = "Sumber: SIRUP"
    for column, title in enumerate(HEADER, start=1):
        sheet.cell(row=4, column=column, value=title)
    for offset, row in enumerate(rows, start=5):
        for column, value in enumerate(row, start=1):
            sheet.cell(row=offset, column=column, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


EXPORT: list[list[object]] = [
    [
        1,
        "Dinas Kesehatan",
        "Pengadaan obat puskesmas",
        "Rp 1.250.000.000",
        "e-Purchasing",
        "DAK",
        "41000001",
    ],
    [
        2,
        "Dinas Kesehatan",
        "Rehabilitasi puskesmas Hubikosi",
        2_500_000_000,
        "Tender",
        "DAU",
        "41000002",
    ],
    [],
    [
        3,
        "Dinas Sosial",
        "Bantuan sosial bahan pangan",
        "750.000.000",
        "Pengadaan Langsung",
        "DAU",
        "41000003",
    ],
    [
        4,
        "Dinas Pertambangan",
        "Pemetaan wilayah tambang",
        300_000_000,
        "Seleksi",
        "DAU",
        "41000004",
    ],
    [5, "Dinas Sosial", "Pagu salah", -5, "Tender", "DAU", "41000005"],
    [None, "Total", None, 4_800_000_000, None, None, None],
]


def _seed_plan(bot: Harness) -> None:
    with bot.svc.db.write() as session:
        plans.save_for_year(
            session, year=2027, plan=example_plan(2027), actor=None, now=bot.clock.now()
        )


async def test_team_imports_a_messy_sirup_export(bot: Harness) -> None:
    _seed_plan(bot)
    team = await bot.registered(2001, Role.TIM)
    shown = await team.command("paket")
    assert "Belum ada paket" in shown[0].plain
    await team.press("Unggah ekspor SIRUP")
    export = _sirup(EXPORT)  # once: two builds a second apart differ in their zip times
    shown = await team.upload("sirup-2027.xlsx", export, XLSX)
    # A display export says no year: the team chooses it.
    assert "tidak ada kolom tahun anggaran" in shown[-1].plain
    assert shown[-1].button_texts == ["Tahun 2027", "Tahun 2028", "Batal"]
    shown = await team.press("Tahun 2027")
    preview = shown[-1]
    assert "Tahun anggaran 2027\n" in preview.plain
    assert "Bila disimpan: 4 baru · 0 diperbarui · 0 tetap" in preview.plain
    assert "judul di baris 4" in preview.plain
    assert "4 paket, total pagu Rp 4.800.000.000" in preview.plain
    assert "• Dinas Kesehatan: 2 paket, Rp 3.750.000.000" in preview.plain
    assert "• Dinas Pertambangan: 1 paket, Rp 300.000.000 ❓" in preview.plain
    assert "baris 10: pagu negatif" in preview.plain
    assert "1 satuan kerja belum dikenal" in preview.plain
    # Nothing is stored before Simpan.
    with bot.svc.db.read() as session:
        cycle = cycles.find_cycle(session, year=2027)
        assert cycle is not None and cycle.id is not None
        assert packages.all_of_cycle(session, cycle_id=cycle.id) == []
    shown = await team.press("Simpan")
    assert "Paket 2027 disimpan: 4 baru, 0 diperbarui, 0 tetap" in shown[0].plain
    # The export itself is kept as the source of the year's packages (step 10).
    with bot.svc.db.read() as session:
        [document] = archive.documents_of_year(session, 2027)
        assert (document.kind, document.step_no, document.file_name) == (
            "sirup_export",
            10,
            "sirup-2027.xlsx",
        )
        assert archive.intact_content(bot.svc.archive_dir, document) == export
    assert "1 satuan kerja belum dicocokkan" in shown[0].plain
    await team.press("Cocokkan satuan kerja")
    await team.press("Dinas Pertambangan")
    while "Dinas Lingkungan Hidup" not in team.last.button_texts:
        await team.press("▶")
    shown = await team.press("Dinas Lingkungan Hidup")
    assert "Dinas Pertambangan dicocokkan dengan Dinas Lingkungan Hidup (1 paket)" in shown[0].plain
    await team.press("Menu paket")
    shown = await team.press("Cakupan per unit")
    assert "• Dinas Kesehatan: 0/2 paket dipetakan · Rp 3.750.000.000" in shown[0].plain
    assert "belum dikenal" not in shown[0].plain


async def test_owner_maps_own_packages_and_reimport_keeps_mappings(bot: Harness) -> None:
    _seed_plan(bot)
    team = await bot.registered(2001, Role.TIM)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    other = await bot.registered(3002, Role.PJ, unit="Dinas Sosial")
    await team.command("paket")
    await team.press("Unggah ekspor SIRUP")
    await team.upload("sirup.xlsx", _sirup(EXPORT), XLSX)
    await team.press("Tahun 2027")
    await team.press("Simpan")
    shown = await owner.command("paket")
    assert "Paket 2027 Dinas Kesehatan" in shown[0].plain
    assert shown[0].button_texts == [
        "⬜ Pengadaan obat puskesmas",
        "⬜ Rehabilitasi puskesmas Hubikosi",
    ]
    shown = await owner.press("Pengadaan obat puskesmas")
    assert "Kode RUP 41000001 · Rp 1.250.000.000 · e-Purchasing" in shown[0].plain
    shown = await owner.press("A2 ·")
    assert (
        "41000001 dipetakan ke area A2"
        in bot.api.calls_of("answerCallbackQuery")[-1].params["text"]
    )
    assert "✅ Pengadaan obat puskesmas" in shown[0].button_texts
    # Another unit's owner cannot map this unit's package, even with a forged button.
    await other.press_data(shown[0].callback_data("Rehabilitasi"), on=shown[0])
    assert "bukan milik unit Anda" in bot.api.calls_of("answerCallbackQuery")[-1].params["text"]
    with bot.svc.db.read() as session:
        cycle = cycles.find_cycle(session, year=2027)
        assert cycle is not None and cycle.id is not None
        rows = cycles.step_rows(session, cycle_id=cycle.id)
    assert rows[10].state == StepState.BERJALAN.value
    assert rows[10].note == "3 paket belum dipetakan ke area strategis"
    # A newer export updates by Kode RUP and keeps the area already chosen.
    newer = [row[:] for row in EXPORT]
    newer[0][3] = "Rp 1.300.000.000"
    await team.command("paket")
    await team.press("Unggah ekspor SIRUP")
    await team.upload("sirup-baru.xlsx", _sirup(newer), XLSX)
    shown = await team.press("Tahun 2027")
    assert "Bila disimpan: 0 baru · 1 diperbarui · 3 tetap" in shown[0].plain
    assert "Yang diperbarui: pagu (1 paket)" in shown[0].plain
    shown = await team.press("Simpan")
    assert "0 baru, 1 diperbarui, 3 tetap" in shown[0].plain
    with bot.svc.db.read() as session:
        mine = packages.of_unit(session, cycle_id=cycle.id, unit_id=owner_unit(bot))
    first = next(p for p in mine if p.kode_rup == "41000001")
    assert first.pagu == 1_300_000_000 and first.area_code == "A2"


def owner_unit(bot: Harness) -> int:
    from storage import units

    with bot.svc.db.read() as session:
        unit = units.find_unit(session, name="Dinas Kesehatan")
        assert unit is not None and unit.id is not None
        return unit.id


async def test_wrong_and_oversized_files_change_nothing(bot: Harness) -> None:
    team = await bot.registered(2001, Role.TIM)
    await team.command("paket")
    await team.press("Unggah ekspor SIRUP")
    shown = await team.upload("sirup.xlsx", b"%PDF-1.4 bukan excel", XLSX)
    assert "Tidak ada yang diubah" in shown[-1].plain
    calls = len(bot.api.calls_of("getFile"))
    shown = await team.upload("besar.xlsx", b"PK", XLSX, file_size=25 * 1024 * 1024)
    assert "terlalu besar" in shown[-1].plain
    assert len(bot.api.calls_of("getFile")) == calls
    shown = await team.command("paket")
    assert "Belum ada paket" in shown[0].plain


async def test_team_maps_in_bulk_with_the_mapping_sheet(bot: Harness) -> None:
    _seed_plan(bot)
    team = await bot.registered(2001, Role.TIM)
    await team.command("paket")
    await team.press("Unggah ekspor SIRUP")
    await team.upload("sirup.xlsx", _sirup(EXPORT), XLSX)
    await team.press("Tahun 2027")
    await team.press("Simpan")
    shown = await team.press("Unduh lembar pemetaan")
    sheet = next(m for m in shown if m.document is not None)
    assert sheet.document is not None
    book = openpyxl.load_workbook(io.BytesIO(sheet.document[1]))
    ws = book["Pemetaan"]
    headers = [c.value for c in ws[1]]
    kode, area = headers.index("Kode RUP"), headers.index("Kode Area")
    for row in ws.iter_rows(min_row=2):
        if row[kode].value in ("41000001", "41000003"):
            row[area].value = "a2"
        if row[kode].value == "41000002":
            row[area].value = "A9"
    out = io.BytesIO()
    book.save(out)
    shown = await team.upload("pemetaan.pdf", b"%PDF-1.4", "application/pdf")
    assert "bukan .xlsx. Kirim lembar pemetaan paket dalam format Excel" in shown[-1].plain
    shown = await team.upload("pemetaan.xlsx", out.getvalue(), XLSX)
    assert "1 masalah" in shown[-1].plain and "A9" in shown[-1].plain
    for row in ws.iter_rows(min_row=2):
        if row[kode].value == "41000002":
            row[area].value = None
    out = io.BytesIO()
    book.save(out)
    shown = await team.upload("pemetaan.xlsx", out.getvalue(), XLSX)
    assert "2 paket berubah area" in shown[-1].plain
    shown = await team.press("Simpan")
    assert "Pemetaan disimpan untuk 2 paket" in shown[0].plain
    with bot.svc.db.read() as session:
        cycle = cycles.find_cycle(session, year=2027)
        assert cycle is not None and cycle.id is not None
        mapped = {
            p.kode_rup: p.area_code for p in packages.all_of_cycle(session, cycle_id=cycle.id)
        }
    assert mapped["41000001"] == "A2" and mapped["41000003"] == "A2" and mapped["41000002"] is None
    # The saved sheet is archived (step 10); the held copy is let go.
    with bot.svc.db.read() as session:
        [sheet_copy] = [
            d for d in archive.documents_of_year(session, 2027) if d.kind == "pemetaan_paket_xlsx"
        ]
        assert (sheet_copy.step_no, sheet_copy.file_name) == (10, "pemetaan.xlsx")
        assert archive.intact_content(bot.svc.archive_dir, sheet_copy) == out.getvalue()
    assert list((bot.svc.archive_dir / "tertunda").iterdir()) == []


DATASET = [
    "tahun_anggaran",
    "nama_satker",
    "kd_rup",
    "nama_paket",
    "pagu",
    "metode_pengadaan",
    "jenis_pengadaan",
    "sumber_dana",
]


def _dataset(rows: list[list[object]]) -> bytes:
    lines = [";".join(DATASET)] + [";".join(str(v) for v in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def _stored(bot: Harness, year: int) -> dict[str, Package]:
    with bot.svc.db.read() as session:
        cycle = cycles.find_cycle(session, year=year)
        if cycle is None or cycle.id is None:
            return {}
        return {p.kode_rup: p for p in packages.all_of_cycle(session, cycle_id=cycle.id)}


async def test_a_dataset_export_goes_into_the_year_it_says(bot: Harness) -> None:
    team = await bot.registered(2001, Role.TIM)
    await team.command("paket")
    await team.press("Unggah ekspor SIRUP")
    rows = [
        [2028, "Dinas Kesehatan", "51000001", "Obat 2028", 900000000, "Tender", "Barang", "DAK"],
        [2028, "Dinas Sosial", "51000002", "Pangan 2028", 400000000, "Tender", "Barang", "DAU"],
    ]
    shown = await team.upload("rup-2028.csv", _dataset(rows), "text/csv")
    preview = shown[-1]
    assert "Tahun anggaran 2028 ⚠️ bukan tahun siklus sekarang (2027)" in preview.plain
    assert preview.button_texts == ["✅ Simpan", "Batal"]
    shown = await team.press("Simpan")
    assert "Paket 2028 disimpan: 2 baru" in shown[0].plain
    assert set(_stored(bot, 2028)) == {"51000001", "51000002"}
    assert _stored(bot, 2027) == {}


async def test_an_export_of_a_year_that_is_not_open_is_refused(bot: Harness) -> None:
    """A wrong file (years ahead, long past, or a closed cycle) must not make a cycle."""
    team = await bot.registered(2001, Role.TIM)
    with bot.svc.db.write() as session:
        old = cycles.get_or_create_cycle(session, year=2026, now=bot.clock.now())
        assert old.id is not None
        cycles.close_cycle(session, cycle_id=old.id, actor=None, now=bot.clock.now())
    await team.command("paket")
    await team.press("Unggah ekspor SIRUP")
    for year in (2031, 2021, 2026):
        rows: list[list[object]] = [
            [year, "Dinas Kesehatan", "61000001", "Obat", 900000000, "Tender", "Barang", "DAK"]
        ]
        shown = await team.upload(f"rup-{year}.csv", _dataset(rows), "text/csv")
        assert f"Berkas ini berisi paket tahun anggaran {year}" in shown[-1].plain
        assert "siklus yang terbuka: 2027, 2028" in shown[-1].plain
        assert shown[-1].buttons == []
    with bot.svc.db.read() as session:
        assert [c.year for c in cycles.list_cycles(session)] == [2026]
    # /tugas still shows the year being planned, not a phantom cycle.
    assert (await team.command("tugas"))[0].plain.startswith("Tugas Anda — siklus kinerja 2027")


async def test_a_file_mixing_years_asks_and_imports_only_that_year(bot: Harness) -> None:
    team = await bot.registered(2001, Role.TIM)
    await team.command("paket")
    await team.press("Unggah ekspor SIRUP")
    rows = [
        [2027, "Dinas Kesehatan", "41000001", "Obat 2027", 900000000, "Tender", "Barang", "DAK"],
        [2028, "Dinas Sosial", "51000002", "Pangan 2028", 400000000, "Tender", "Barang", "DAU"],
    ]
    shown = await team.upload("rup.csv", _dataset(rows), "text/csv")
    assert "berisi beberapa tahun anggaran (2027, 2028)" in shown[-1].plain
    shown = await team.press("Tahun 2027")
    assert "1 paket, total pagu Rp 900.000.000" in shown[-1].plain
    assert "1 baris tahun anggaran lain tidak diimpor" in shown[-1].plain
    await team.press("Simpan")
    assert set(_stored(bot, 2027)) == {"41000001"}
    assert _stored(bot, 2028) == {}


async def test_reimport_preview_says_what_changes_and_keeps_what_the_export_lacks(
    bot: Harness,
) -> None:
    team = await bot.registered(2001, Role.TIM)
    await team.command("paket")
    await team.press("Unggah ekspor SIRUP")
    rows = [
        [
            2027,
            "Dinas Kesehatan",
            "41000001",
            "Pengadaan obat puskesmas",
            1250000000,
            "e-Purchasing",
            "Barang",
            "DAK",
        ],
        [
            2027,
            "Dinas Kesehatan",
            "41000002",
            "Rehabilitasi puskesmas Hubikosi",
            2500000000,
            "Tender",
            "Pekerjaan Konstruksi",
            "DAU",
        ],
    ]
    await team.upload("rup.csv", _dataset(rows), "text/csv")
    await team.press("Simpan")
    assert _stored(bot, 2027)["41000002"].jenis == "Pekerjaan Konstruksi"
    # The display export has no Jenis Pengadaan column: the stored type is kept, and the
    # preview says so before anything is saved.
    newer = [row[:] for row in EXPORT[:2]]
    newer[1][3] = 2_600_000_000
    await team.command("paket")
    await team.press("Unggah ekspor SIRUP")
    await team.upload("sirup.xlsx", _sirup(newer), XLSX)
    shown = await team.press("Tahun 2027")
    preview = shown[-1].plain
    assert "Bila disimpan: 0 baru · 1 diperbarui · 1 tetap" in preview
    assert "Yang diperbarui: pagu (1 paket)" in preview
    assert "tidak memuat kolom jenis pengadaan" in preview
    assert "dipertahankan, tidak dikosongkan" in preview
    assert _stored(bot, 2027)["41000002"].pagu == 2_500_000_000  # nothing stored yet
    shown = await team.press("Simpan")
    assert "0 baru, 1 diperbarui, 1 tetap" in shown[0].plain
    stored = _stored(bot, 2027)
    assert stored["41000002"].pagu == 2_600_000_000
    assert stored["41000002"].jenis == "Pekerjaan Konstruksi"
    assert stored["41000001"].jenis == "Barang"


async def test_an_owner_without_areas_is_told_who_adds_them(bot: Harness) -> None:
    team = await bot.registered(2001, Role.TIM)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    await team.command("paket")
    await team.press("Unggah ekspor SIRUP")
    await team.upload("sirup.xlsx", _sirup(EXPORT), XLSX)
    shown = await team.press("Batal")
    assert "Impor dibatalkan" in shown[0].plain and shown[0].button_texts == ["« Menu paket"]
    await team.press("Menu paket")
    await team.press("Unggah ekspor SIRUP")
    await team.upload("sirup.xlsx", _sirup(EXPORT), XLSX)
    await team.press("Tahun 2027")
    await team.press("Simpan")
    await owner.command("paket")
    shown = await owner.press("Pengadaan obat puskesmas")
    assert "belum punya area strategis" in shown[0].plain and "/rencana" in shown[0].plain
    assert shown[0].button_texts == ["« Kembali"]
