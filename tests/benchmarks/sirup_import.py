"""How long reading a large SIRUP export takes.

Run from the project folder: ``python -m tests.benchmarks.sirup_import``. Two files of
5,000 packages over 40 satuan kerja: an .xlsx with display headers below a title (every
seventh pagu typed as text like ``Rp 1.250.000.000``), and a data-set style CSV (``;``,
UTF-8 with BOM, the data set's usual columns). Each is read 5 times; the target is under
5 seconds per read.
"""

from __future__ import annotations

import csv
import io
import random
import statistics
import sys
import time
from collections.abc import Callable

from openpyxl import Workbook

from bot.packages.sirup import SirupImport, read_sirup
from bot.planning.rules.values import format_number

YEAR = 2027
PACKAGES = 5000
UNITS = 40
RUNS = 5
TARGET_SECONDS = 5.0

METHODS = (
    ("Tender", 0.08),
    ("Tender Cepat", 0.02),
    ("Seleksi", 0.04),
    ("Pengadaan Langsung", 0.40),
    ("Penunjukan Langsung", 0.03),
    ("E-Purchasing", 0.35),
    ("Dikecualikan", 0.03),
    ("Swakelola", 0.05),
)
TYPES = ("Barang", "Pekerjaan Konstruksi", "Jasa Konsultansi", "Jasa Lainnya")
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus")
UNIT_NAMES = [f"Dinas Urusan Pemerintahan Nomor {n}" for n in range(1, UNITS + 1)]

DISPLAY_HEADER = [
    "No",
    "Satuan Kerja",
    "Nama Paket",
    "Pagu (Rp)",
    "Metode Pemilihan",
    "Sumber Dana",
    "Kode RUP",
    "Waktu Pemilihan",
    "Jenis Pengadaan",
    "Produk Dalam Negeri",
    "Usaha Kecil/Koperasi",
    "Lokasi",
]
DATASET_HEADER = [
    "tahun_anggaran",
    "kd_klpd",
    "nama_klpd",
    "jenis_klpd",
    "kd_satker",
    "kd_satker_str",
    "nama_satker",
    "kd_rup",
    "nama_paket",
    "pagu",
    "kd_metode_pengadaan",
    "metode_pengadaan",
    "kd_jenis_pengadaan",
    "jenis_pengadaan",
    "status_pradipa",
    "status_pdn",
    "status_ukm",
    "alasan_non_ukm",
    "status_konsolidasi",
    "tipe_paket",
    "kd_rup_swakelola",
    "kd_rup_lokal",
    "volume_pekerjaan",
    "uraian_pekerjaan",
    "spesifikasi_pekerjaan",
    "tgl_awal_pemilihan",
    "tgl_akhir_pemilihan",
    "tgl_awal_kontrak",
    "tgl_akhir_kontrak",
    "tgl_buat_paket",
    "tgl_pengumuman_paket",
    "nip_ppk",
    "nama_ppk",
    "sumber_dana",
    "status_aktif_rup",
    "status_umumkan_rup",
]


def _packages(seed: int = 2027) -> list[dict[str, object]]:
    rng = random.Random(seed)
    names, weights = zip(*METHODS, strict=True)
    result = []
    for n in range(1, PACKAGES + 1):
        unit = rng.randrange(UNITS)
        month = rng.randrange(len(MONTHS))
        result.append(
            {
                "kode": 50_000_000 + n * 7,
                "unit": UNIT_NAMES[unit],
                "kd_satker": 300_000 + unit,
                "nama": f"Belanja {rng.choice(TYPES)} untuk kegiatan nomor {n} tahun {YEAR}",
                "pagu": rng.randrange(5, 5_000) * 1_000_000 + rng.randrange(1000) * 1000,
                "metode": rng.choices(names, weights)[0],
                "jenis": rng.choice(TYPES),
                "dana": "APBD" if rng.random() < 0.8 else "DAK",
                "month": month,
                "pdn": "PDN" if rng.random() < 0.9 else "Non PDN",
                "ukm": "UKM" if rng.random() < 0.7 else "Non UKM",
            }
        )
    return result


def _rupiah(value: int) -> str:
    return f"Rp {format_number(value)}"


def display_xlsx(packages: list[dict[str, object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "RUP Penyedia"
    sheet.append([f"RENCANA UMUM PENGADAAN KABUPATEN JAYAWIJAYA {YEAR}"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(DISPLAY_HEADER))
    sheet.append([])
    sheet.append([f"Dicetak dari SIRUP, {PACKAGES} paket"])
    sheet.append(DISPLAY_HEADER)
    for n, p in enumerate(packages, start=1):
        pagu = p["pagu"]
        assert isinstance(pagu, int) and isinstance(p["month"], int)
        sheet.append(
            [
                n,
                p["unit"],
                p["nama"],
                _rupiah(pagu) if n % 7 == 0 else pagu,
                p["metode"],
                p["dana"],
                p["kode"],
                f"{MONTHS[p['month']]} {YEAR}",
                p["jenis"],
                "Ya" if p["pdn"] == "PDN" else "Tidak",
                "Ya" if p["ukm"] == "UKM" else "Tidak",
                "Kabupaten Jayawijaya (Kab.)",
            ]
        )
    sheet.append(["Total", None, None, sum(int(str(p["pagu"])) for p in packages)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def dataset_csv(packages: list[dict[str, object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(DATASET_HEADER)
    for p in packages:
        assert isinstance(p["month"], int)
        start = f"{YEAR}-{p['month'] + 1:02d}-01 00:00:00"
        end = f"{YEAR}-{p['month'] + 1:02d}-28 00:00:00"
        values: dict[str, object] = {
            "tahun_anggaran": YEAR,
            "kd_klpd": "D405",
            "nama_klpd": "Kab. Jayawijaya",
            "jenis_klpd": "KABUPATEN",
            "kd_satker": p["kd_satker"],
            "kd_satker_str": f"1.02.0.00.0.00.{p['kd_satker']}",
            "nama_satker": p["unit"],
            "kd_rup": p["kode"],
            "nama_paket": p["nama"],
            "pagu": p["pagu"],
            "metode_pengadaan": p["metode"],
            "jenis_pengadaan": p["jenis"],
            "status_pdn": p["pdn"],
            "status_ukm": p["ukm"],
            "tipe_paket": "Penyedia",
            "uraian_pekerjaan": f"Uraian pekerjaan {p['nama']}",
            "tgl_awal_pemilihan": start,
            "tgl_akhir_pemilihan": end,
            "nama_ppk": "Nama Pejabat Pembuat Komitmen",
            "sumber_dana": p["dana"],
            "status_aktif_rup": "true",
            "status_umumkan_rup": "Terumumkan",
        }
        writer.writerow([values.get(name, "") for name in DATASET_HEADER])
    return buffer.getvalue().encode("utf-8-sig")


def _time(label: str, content: bytes, name: str, check: Callable[[SirupImport], str]) -> bool:
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        result = read_sirup(content, name)
        timings.append(time.perf_counter() - started)
        if not isinstance(result, SirupImport):
            print(f"FAIL {label}: {result!r:.300}")
            return False
        problem = check(result)
        if problem:
            print(f"FAIL {label}: {problem}")
            return False
    median, worst = statistics.median(timings), max(timings)
    verdict = "OK" if worst < TARGET_SECONDS else "SLOW"
    print(
        f"sirup {label}: {PACKAGES} packages, {UNITS} units, {len(content) / 1024:.0f} KiB; "
        f"read x{RUNS}: median {median:.3f} s, max {worst:.3f} s "
        f"(target < {TARGET_SECONDS:.0f} s) {verdict}"
    )
    return verdict == "OK"


def main() -> int:
    packages = _packages()
    total = sum(int(str(p["pagu"])) for p in packages)

    def check(result: SirupImport) -> str:
        if len(result.packages) != PACKAGES:
            return f"{len(result.packages)} packages read, {result.skipped[:3]}"
        if sum(p.pagu for p in result.packages) != total:
            return "the total pagu differs"
        if len(result.units()) != UNITS:
            return f"{len(result.units())} units"
        return ""

    ok = _time("xlsx (display headers)", display_xlsx(packages), "rup.xlsx", check)
    ok = _time("csv (data-set fields)", dataset_csv(packages), "rup.csv", check) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
