"""What a SIRUP import changes, worked out before anything is stored."""

from __future__ import annotations

from dataclasses import replace

from bot.packages.import_plan import export_year, plan_import, rows_of_year
from bot.packages.sirup import SirupImport
from tests.harness import sirup_row

ROW = sirup_row(nama_paket="Pengadaan obat", pagu=1_000, metode="Tender", jenis="")
STORED = {
    "nama_paket": "Pengadaan obat",
    "satuan_kerja": "Dinas Kesehatan",
    "pagu": 1_000,
    "metode": "Tender",
    "jenis": "Barang",
    "sumber_dana": "DAK",
    "waktu_pemilihan": "Maret 2027",
    "unit_id": 7,
}
DISPLAY = ("kode_rup", "nama_paket", "satuan_kerja", "pagu", "metode", "sumber_dana")


def test_fields_the_export_lacks_keep_their_stored_values() -> None:
    plan = plan_import(
        [replace(ROW, pagu=2_000)],
        columns=DISPLAY,
        stored={"41000001": STORED},
        unit_ids={"Dinas Kesehatan": 7},
    )
    (change,) = plan.changes
    assert change.changed == ("pagu",)
    assert change.values["jenis"] == "Barang" and change.values["waktu_pemilihan"] == "Maret 2027"
    assert plan.kept == ("jenis", "waktu_pemilihan")
    assert (plan.new, plan.updated, plan.unchanged) == (0, 1, 0)


def test_a_column_present_but_empty_does_blank_and_a_new_package_keeps_nothing() -> None:
    plan = plan_import(
        [ROW, replace(ROW, kode_rup="41000002")],
        columns=(*DISPLAY, "jenis", "waktu_pemilihan"),
        stored={"41000001": STORED},
        unit_ids={},
    )
    old, new = plan.changes
    assert old.changed == ("jenis", "waktu_pemilihan") and plan.kept == ()
    assert old.values["unit_id"] == 7  # an unmatched name keeps the unit already matched
    assert new.is_new and new.values["jenis"] == ""


def test_the_year_of_an_export() -> None:
    def export(*years: int | None) -> SirupImport:
        rows = tuple(replace(ROW, kode_rup=str(n), tahun=y) for n, y in enumerate(years))
        return SirupImport(rows, (), 1, "dataset")

    assert export_year(export(2027, 2027)).year == 2027
    mixed = export_year(export(2027, 2028))
    assert mixed.year is None and mixed.years_found == (2027, 2028)
    assert export_year(export(None, None)).year is None
    assert export_year(export(2027, None)).year is None
    assert [
        len(part) if isinstance(part, list) else part
        for part in rows_of_year(export(2027, 2028, None), 2027)
    ] == [2, 1]
