"""The workbook's ``Petunjuk`` sheet: the instructions, the template version and the plan
year written into it, and the check of both when a workbook comes back."""

from __future__ import annotations

from typing import Any

from openpyxl.styles import Alignment, Font

from bot.core.xlsx_guard import cell_text, find_sheet, normal
from bot.core.xlsx_text import put
from bot.planning.documents.workbook.layout import (
    DATA_SHEETS,
    FREQUENCIES,
    HINT_NEW_TEMPLATE,
    MAX_ROWS,
    MAX_WORKBOOK_BYTES,
    SHEET_GUIDE,
    TEMPLATE_VERSION,
    VERSION_LABEL,
    YEAR_LABEL,
    values_of,
)
from bot.planning.rules.model import UNITS, ActionStatus, Category, InputKind, Polarity
from bot.planning.rules.validation import Problem
from bot.planning.rules.values import parse_year

WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")


def _listed(values: tuple[str, ...]) -> str:
    return "; ".join(values)


_GUIDE_BEFORE_SHEETS: tuple[tuple[str, str], ...] = (
    (
        "Cara memakai",
        "Isi atau ubah rencana di lembar Tujuan, Area, Indikator, Input Rumus, Target dan "
        "Rencana Aksi. Setelah selesai, simpan sebagai .xlsx lalu kirim berkas ini kembali "
        "ke bot dengan perintah /rencana. Bot memeriksa seluruh isi dan menyebut lembar, "
        "baris dan kolom yang perlu diperbaiki; tidak ada yang tersimpan sebelum semuanya "
        "benar.",
    ),
    (
        "Jangan diubah",
        "Nama lembar, judul kolom (baris 1), serta Versi template dan Tahun rencana di atas. "
        "Urutan kolom boleh diubah; kolom tambahan dan baris kosong diabaikan. Jangan "
        "menggabungkan sel (merge).",
    ),
    (
        "Kode",
        "Kode menghubungkan lembar: Kode Tujuan (lembar Area) diambil dari kolom Kode lembar "
        "Tujuan; Kode Area (lembar Indikator) dari kolom Kode lembar Area; Kode Indikator "
        "(lembar Input Rumus, Target dan Rencana Aksi) dari kolom Kode lembar Indikator. "
        "Kode harus unik, dibedakan huruf besar/kecil (IKU-01 tidak sama dengan iku-01); "
        "spasi di awal dan akhir diabaikan.",
    ),
)
# One instruction per data sheet, in the order of DATA_SHEETS (the actions' is below).
_SHEET_GUIDES: tuple[str, ...] = (
    "Satu baris per tujuan PBJ: Kode (contoh T1) dan Tujuan PBJ.",
    "Satu baris per area strategis: Kode (contoh A1), nama, Kategori Pengukuran "
    f"({_listed(values_of(Category))}) dan Kode Tujuan.",
    "Satu baris per indikator: Kode (contoh IKU-01), Kode Area, nama dan atribut "
    f"manual indikator. Satuan: {_listed(UNITS)}. Polaritas: "
    f"{_listed(values_of(Polarity))}. Frekuensi pemantauan dan pelaporan: "
    f"{_listed(FREQUENCIES)}; pemantauan harus sama atau lebih sering dari pelaporan. "
    "Rumus memakai nama input dari lembar Input Rumus, angka dan + - * / ( ), contoh "
    "nilai_epurchasing / total_pagu * 100. Baseline, Tahun Baseline dan Target Tahunan "
    "boleh dikosongkan dulu (rencana belum lengkap, tetapi dapat disimpan).",
    "Satu baris per input rumus: Kode Indikator, Nama Input (huruf kecil, angka dan "
    "garis bawah, contoh total_pagu), Keterangan (yang dilaporkan PJ Kinerja) dan "
    f"Jenis ({_listed(values_of(InputKind))}).",
    "Satu baris per periode pelaporan: Kode Indikator, Periode (1-12 bulanan, 1-4 "
    "triwulanan, 1-2 semester, 1 tahunan) dan Target. Jumlah baris satu indikator harus "
    "sama dengan jumlah periode frekuensi pelaporannya; setiap baris wajib berisi "
    "Target. Label Periode hanya keterangan. Bila indikator punya Target Tahunan dan "
    "Frekuensi Pelaporan tetapi tidak punya baris di lembar ini, bot mengisi target "
    "periode otomatis: satuan Rp dan jumlah naik bertahap (kumulatif) sampai target "
    "tahunan, satuan lain memakai target tahunan di setiap periode.",
)
# The one instruction that names the plan's year ({year}).
_ACTIONS_GUIDE = (
    "Satu baris per kegiatan: Kode Indikator, No (urut per indikator 1, 2, 3; bila "
    "dikosongkan diberi nomor berikutnya), Kegiatan, Keluaran, Mulai dan Selesai "
    "(tanggal dalam tahun {year}, contoh 31/03/{year}), Unit PIC dan Status "
    f"({_listed(values_of(ActionStatus))}; bila kosong dianggap belum mulai)."
)
_GUIDE_AFTER_SHEETS: tuple[tuple[str, str], ...] = (
    (
        "Angka",
        "Ketik angkanya di sel; angka dibaca persis seperti tersimpan di Excel. Bila "
        "ditulis sebagai teks, koma menandai desimal (60,5) dan titik memisahkan ribuan "
        "(1.250.000); 60.5 juga dibaca 60,5. Tulisan seperti 1.234 (tepat tiga angka "
        "sesudah satu titik atau koma) ditolak karena bisa berarti 1,234 atau 1234: tulis "
        "1234 bila ribuan, atau 1,2340 bila desimal. Satuan %: ketik 75 untuk 75%; tanda % "
        "boleh, dan sel berformat persen yang menampilkan 75% juga dibaca 75. Satuan Rp: "
        "1.250.000, Rp 1.250.000 atau 1,25 M (miliar), 750 jt, 500 rb; untuk satuan Rp "
        "1.250 berarti seribu dua ratus lima puluh. Tanda % dan Rp hanya untuk satuan itu. "
        "Sel berisi rumus Excel (=...) dibaca nilainya bila tersimpan; bila tidak, ketik "
        "angkanya langsung.",
    ),
    (
        "Proteksi",
        "Baris judul dikunci dengan proteksi lembar tanpa kata sandi. Tambahkan baris di "
        "bawah data; bila perlu, buka proteksi lewat Tinjau (Review) > Buka Proteksi Lembar.",
    ),
    (
        "Batas",
        f"Berkas paling besar {MAX_WORKBOOK_BYTES // (1024 * 1024)} MB dan paling banyak "
        f"{MAX_ROWS} baris data per lembar.",
    ),
)


def guide_lines(year: int) -> list[tuple[str, str]]:
    """The instructions of the ``Petunjuk`` sheet as (topic, text) rows."""
    sheets = (*_SHEET_GUIDES, _ACTIONS_GUIDE.format(year=year))
    return [*_GUIDE_BEFORE_SHEETS, *zip(DATA_SHEETS, sheets, strict=True), *_GUIDE_AFTER_SHEETS]


def write_guide(workbook: Any, year: int, title: str) -> None:
    """The first sheet: title, template version, plan year and the instructions."""
    sheet = workbook.active
    sheet.title = SHEET_GUIDE
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 100
    heading = put(sheet, 1, 1, title)
    heading.font = Font(bold=True, size=14)
    sheet.cell(row=3, column=1, value=VERSION_LABEL).font = Font(bold=True)
    sheet.cell(row=3, column=2, value=TEMPLATE_VERSION)
    sheet.cell(row=4, column=1, value=YEAR_LABEL).font = Font(bold=True)
    sheet.cell(row=4, column=2, value=year).alignment = Alignment(horizontal="left")
    for number, (topic, text) in enumerate(guide_lines(year), start=6):
        sheet.cell(row=number, column=1, value=topic).font = Font(bold=True)
        sheet.cell(row=number, column=1).alignment = TOP
        sheet.cell(row=number, column=2, value=text).alignment = WRAP
    sheet.protection.sheet = True


def _labelled_values(sheet: Any) -> dict[str, tuple[object, int]]:
    """The values right of the version and year labels, with their rows (first found)."""
    found: dict[str, tuple[object, int]] = {}
    labels = {normal(VERSION_LABEL): VERSION_LABEL, normal(YEAR_LABEL): YEAR_LABEL}
    for number, row in enumerate(
        sheet.iter_rows(min_row=1, max_row=min(sheet.max_row, 60), max_col=6, values_only=True),
        start=1,
    ):
        for index, value in enumerate(row[:-1]):
            label = labels.get(normal(value)) if isinstance(value, str) else None
            if label and label not in found:
                found[label] = (row[index + 1], number)
    return found


def _version_problem(version: object, row: int | None) -> Problem | None:
    if version is None:
        return Problem(
            SHEET_GUIDE,
            "",
            VERSION_LABEL,
            "penanda versi template tidak ditemukan; berkas ini bukan template rencana",
            HINT_NEW_TEMPLATE,
        )
    if cell_text(version) != TEMPLATE_VERSION:
        return Problem(
            SHEET_GUIDE,
            "",
            VERSION_LABEL,
            f"versi template {cell_text(version):.30} tidak dikenal (yang dipakai sekarang "
            f"{TEMPLATE_VERSION})",
            HINT_NEW_TEMPLATE,
            row,
        )
    return None


def _year_problem(raw_year: object, row: int | None, year: int) -> Problem | None:
    try:
        workbook_year = parse_year(raw_year) if raw_year is not None else None
    except ValueError:
        workbook_year = None
    if workbook_year is None:
        return Problem(
            SHEET_GUIDE,
            "",
            YEAR_LABEL,
            "tahun rencana di lembar Petunjuk tidak ditemukan atau tidak terbaca",
            HINT_NEW_TEMPLATE,
            row,
        )
    if workbook_year != year:
        return Problem(
            SHEET_GUIDE,
            "",
            YEAR_LABEL,
            f"berkas ini rencana tahun {workbook_year}, sedangkan yang disusun tahun {year}",
            f"ambil template tahun {year} lewat /rencana",
            row,
        )
    return None


def check_guide(workbook: Any, year: int) -> list[Problem]:
    """Problems with the ``Petunjuk`` sheet: missing, another template version, another year."""
    sheet = find_sheet(workbook, SHEET_GUIDE)
    if sheet is None:
        return [
            Problem(
                SHEET_GUIDE,
                "",
                "",
                f"lembar {SHEET_GUIDE} tidak ditemukan, versi template tidak dapat diperiksa",
                HINT_NEW_TEMPLATE,
            )
        ]
    found = _labelled_values(sheet)
    version, version_row = found.get(VERSION_LABEL, (None, None))
    raw_year, year_row = found.get(YEAR_LABEL, (None, None))
    problems = (_version_problem(version, version_row), _year_problem(raw_year, year_row, year))
    return [problem for problem in problems if problem is not None]
