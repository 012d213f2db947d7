"""The layout of the lembar analisis, shared by its writer and reader (see
docs/formats/lembar-analisis-xlsx.md)."""

from __future__ import annotations

VERSION = "lembar-analisis-1"
SHEET_GUIDE = "Petunjuk"
SHEET_ANALYSIS = "Analisis"
SHEET_RECOMMENDATIONS = "Rekomendasi"

# Text Excel would read as a formula when typed or written as is.

# (key, header, column width); the reader finds columns by their header in row 1.
ANALYSIS_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("code", "Kode", 10),
    ("name", "Indikator", 40),
    ("realisation", "Realisasi", 14),
    ("target", "Target", 14),
    ("achievement", "Capaian (%)", 12),
    ("band", "Kategori", 14),
    ("what_happened", "Apa yang terjadi", 50),
    ("causes", "Penyebab", 50),
    ("method", "Metode analisis", 40),
)
FILL_KEYS = ("what_happened", "causes", "method")
RECOMMENDATION_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("code", "Kode indikator", 14),
    ("what", "Rekomendasi", 60),
    ("who", "PIC (unit/orang)", 30),
    ("due", "Batas waktu", 14),
)

# (key, label) of the Petunjuk cells B3, B4, ...
GUIDE_ROWS = (
    ("version", "Versi lembar"),
    ("year", "Tahun"),
    ("period", "Periode"),
    ("period_key", "Kode periode"),
)
VERSION_ROW = 3
PERIOD_KEY_ROW = 6

GUIDE_LINES = (
    "Cara mengisi:",
    "1. Lembar Analisis: satu baris per indikator. Isi kolom Apa yang terjadi, Penyebab dan "
    "Metode analisis (masing-masing 1 sampai 2000 karakter). Kolom berwarna abu-abu hanya "
    "untuk dibaca.",
    "2. Baris yang ketiga kolom analisisnya kosong tidak mengubah analisis yang tersimpan.",
    "3. Lembar Rekomendasi: satu baris per rekomendasi: kode indikator, rekomendasi, PIC "
    "(unit atau orang) dan batas waktu (tanggal, misalnya 31/03/2027; tidak boleh lewat "
    "dan paling lambat akhir tahun depan).",
    "4. Isi lembar Rekomendasi menggantikan semua rekomendasi periode ini yang belum "
    "diputuskan dalam rapat; hapus barisnya untuk menghapus rekomendasi.",
    "5. Jangan mengganti nama lembar, judul kolom, atau isi lembar Petunjuk ini. Kirim "
    "berkas ini kembali lewat /analisis.",
)
