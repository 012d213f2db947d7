"""Texts of procurement packages (/paket, SOP step 10) (Bahasa Indonesia, Telegram HTML)."""

from __future__ import annotations

PKG_MENU = "<b>Paket pengadaan {year}</b>\n{count} paket · total pagu {pagu} · {mapped} sudah dipetakan ke area strategis{unmatched}"

PKG_MENU_EMPTY = (
    "<b>Paket pengadaan {year}</b>\nBelum ada paket. Unggah ekspor SIRUP (.xlsx atau .csv)."
)

PKG_UNMATCHED = "\n⚠️ {count} satuan kerja belum dicocokkan dengan unit."

PKG_BUTTON_UPLOAD = "📤 Unggah ekspor SIRUP"

PKG_BUTTON_MATCH = "🔗 Cocokkan satuan kerja"

PKG_BUTTON_COVERAGE = "📊 Cakupan per unit"

PKG_BUTTON_MENU = "« Menu paket"

PKG_ASK_UPLOAD = "Kirim berkas ekspor SIRUP (.xlsx atau .csv). Baris judul boleh tidak di baris pertama. Ketik /batal untuk batal."

PKG_UPLOAD_TOO_BIG = "Berkas terlalu besar ({size}); batasnya {limit}."

PKG_UPLOAD_ERROR = "❌ {message}{hint}\nTidak ada yang diubah. Kirim berkas lain, atau /batal."

PKG_PREVIEW = "✅ Berkas terbaca ({style}, judul di baris {header}).\nTahun anggaran <b>{year}</b>{year_note}\n<b>{count} paket</b>, total pagu {pagu}.\n\n<b>Per satuan kerja</b>\n{units}{skipped}{unknown}{changes}\n\nSimpan paket ini?"

PKG_PREVIEW_NOT_CURRENT = " ⚠️ bukan tahun siklus sekarang ({current})"

PKG_PREVIEW_CHANGES = (
    "\n\n<b>Bila disimpan</b>: {new} baru · {updated} diperbarui · {unchanged} tetap"
)

PKG_PREVIEW_FIELDS = "\nYang diperbarui: {fields}"

PKG_PREVIEW_FIELD = "{field} ({count} paket)"

PKG_PREVIEW_KEPT = "\n⚠️ Berkas ini tidak memuat kolom {fields}; nilai yang sudah tersimpan dipertahankan, tidak dikosongkan."

PKG_PREVIEW_OTHER_YEAR = "\n⚠️ {count} baris tahun anggaran lain tidak diimpor."

# The stored fields of a package, as the preview names them (bot.packages.import_plan).
PKG_FIELD_LABELS = {
    "nama_paket": "nama paket",
    "satuan_kerja": "satuan kerja",
    "pagu": "pagu",
    "metode": "metode pemilihan",
    "jenis": "jenis pengadaan",
    "sumber_dana": "sumber dana",
    "waktu_pemilihan": "waktu pemilihan",
    "unit_id": "unit",
}

PKG_ASK_YEAR = (
    "Berkas terbaca: {count} paket, tetapi {reason}. Paket ini untuk tahun anggaran berapa?"
)

PKG_YEAR_MISSING = "tidak ada kolom tahun anggaran"

PKG_YEAR_NOT_OPEN = "❌ Berkas ini berisi paket tahun anggaran {year}. Paket hanya dapat diimpor ke siklus yang terbuka: {years}. Tidak ada yang diubah; periksa berkas ekspor SIRUP-nya (tahun anggaran) lalu kirim lagi, atau /batal."

PKG_YEAR_MIXED = "berisi beberapa tahun anggaran ({years})"

PKG_BUTTON_YEAR = "Tahun {year}"

PKG_BUTTON_YEAR_SWITCH = "📅 Paket {year}"

PKG_PREVIEW_UNIT = "• {unit}: {count} paket, {pagu}{mark}"

PKG_PREVIEW_MORE = "• … dan {count} satuan kerja lain"

PKG_PREVIEW_SKIPPED = "\n\n<b>Dilewati {count} baris</b>\n{lines}"

PKG_PREVIEW_SKIPPED_LINE = "• baris {row}: {reason}"

PKG_PREVIEW_UNKNOWN = "\n\n⚠️ {count} satuan kerja belum dikenal (ditandai ❓); paketnya tetap disimpan dan dapat dicocokkan setelahnya."

PKG_SAVED = "✅ Paket {year} disimpan: {added} baru, {updated} diperbarui, {unchanged} tetap. Pemetaan area yang sudah ada dipertahankan."

PKG_DISCARDED = "Impor dibatalkan. Tidak ada yang diubah."

PKG_MATCH_LIST = "Satuan kerja yang belum dikenal — pilih untuk dicocokkan dengan unit:"

PKG_MATCH_NONE = "Semua satuan kerja sudah dikenal. 👍"

PKG_MATCH_UNIT = "Unit untuk <b>{name}</b> ({page}/{pages}):"

PKG_MATCHED = "✅ {name} dicocokkan dengan {unit} ({count} paket)."

PKG_COVERAGE = "<b>Cakupan pemetaan per unit — paket {year}</b>\n{lines}"

PKG_COVERAGE_LINE = "• {unit}: {mapped}/{count} paket dipetakan · {pagu}"

PKG_COVERAGE_UNMATCHED = "satuan kerja belum dikenal"

PKG_COVERAGE_BUTTON = "{unit} ({mapped}/{count})"

PKG_UNIT_PACKAGES = "<b>Paket {year} {unit}</b> ({page}/{pages}) — ✅ sudah dipetakan, ⬜ belum. Pilih paket untuk memilih area strategisnya."

PKG_UNIT_EMPTY = "Belum ada paket {year} untuk {unit}. Tim UKPBJ mengimpornya dari SIRUP; Anda akan dapat memetakannya di sini."

PKG_NO_UNIT = "Akun Anda belum terhubung ke unit. Hubungi tim UKPBJ."

PKG_CHOOSE_AREA = "<b>{name}</b>\nKode RUP {kode} · {pagu} · {metode}\nArea strategis sekarang: {area}\n\nPilih area strategisnya:"

PKG_MAPPED = "✅ {kode} dipetakan ke area {area}."

PKG_NO_AREAS = "Rencana kinerja belum punya area strategis, jadi paket belum dapat dipetakan. Tim Pengelolaan Kelembagaan menyusunnya lewat /rencana."

PKG_NOT_YOURS = "Paket ini bukan milik unit Anda."

PKG_STEP_NOTE = "{count} paket belum dipetakan ke area strategis"

PKG_BUTTON_SHEET = "📥 Unduh lembar pemetaan (Excel)"

PKG_BUTTON_SHEET_UPLOAD = "📤 Unggah lembar pemetaan"

PKG_SHEET_CAPTION = (
    "Lembar pemetaan paket {year}: isi kolom Kode Area, lalu kirim kembali berkas ini."
)

PKG_ASK_SHEET = (
    "Kirim lembar pemetaan paket {year} (.xlsx) yang sudah diisi. Ketik /batal untuk batal."
)

PKG_SHEET_PROBLEMS = "❌ Lembar pemetaan belum dapat disimpan: {count} masalah. Tidak ada yang diubah.\n\n{lines}{more}"

PKG_SHEET_NO_CHANGES = "Lembar pemetaan sah, tetapi tidak ada perubahan."

PKG_SHEET_SUMMARY = "✅ Lembar pemetaan sah: {count} paket berubah area.\n{lines}\n\nSimpan?"

PKG_SHEET_LINE = "• {kode}: {before} → {after}"

PKG_SHEET_SAVED = "✅ Pemetaan disimpan untuk {count} paket."

PKG_SIRUP_FILE = "ekspor SIRUP"

PKG_SHEET_FILE = "lembar pemetaan paket"
