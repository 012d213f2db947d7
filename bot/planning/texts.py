"""Texts of the performance plan (/rencana, SOP steps 1-6) (Bahasa Indonesia, Telegram HTML)."""

from __future__ import annotations

PLAN_MENU = (
    "<b>Rencana Kinerja {year}</b> — {revision}\n"
    "Tujuan: {objectives} · Area: {areas} · Indikator: {indicators} · Rencana aksi: {actions}\n"
    "{steps}"
)

PLAN_REVISION_NONE = "belum ada isi"

PLAN_REVISION = "revisi {number} ({status})"

# The number an approved planning document is archived (and verified) under.
PLAN_DOCUMENT_NUMBER = "Dokumen Perencanaan Kinerja {year}, revisi {number}"

PLAN_STATUS = {
    "draft": "draf",
    "submitted": "menunggu keputusan Kepala UKPBJ",
    "approved": "disetujui",
    "changes_requested": "perlu perubahan",
}

PLAN_STEP_LINE = "{mark} Langkah {number}{note}"

PLAN_CHANGES_NOTE = (
    "\n\n↩️ <b>Kepala UKPBJ meminta perubahan</b> ({by}{when}):\n<i>{comment}</i>\n"
    "Perbaiki rencananya di sini (Jelajahi rencana → Ubah atribut, atau unggah Excel); "
    "perubahan pertama disimpan sebagai revisi {next}. Lalu tekan <b>Ajukan lagi</b>."
)

PLAN_BY_UNKNOWN = "Kepala UKPBJ"

PLAN_DECIDED_WHEN = ", {when}"

PLAN_CHANGES_STILL = "\n\n↩️ Catatan Kepala UKPBJ pada revisi {number}: <i>{comment}</i>\nSetelah semua diperbaiki, tekan <b>Ajukan lagi</b>."

PLAN_APPROVED_NOTE = "\n\n✅ Disetujui oleh {by}{when}. Revisi ini tidak diubah lagi; perubahan berikutnya disimpan sebagai revisi baru dan perlu diajukan lagi."

PLAN_SUBMITTED_NOTE = "\n\n📨 Menunggu keputusan Kepala UKPBJ. Bila rencana diubah sekarang, perubahan disimpan sebagai revisi baru dan pengajuan ini tidak berlaku lagi."

PLAN_EMPTY_HINT = (
    "\nRencana masih kosong. Muat contoh rencana Jayawijaya sebagai awal, atau isi template Excel."
)

PLAN_OWNER_NOTE = "\nAnda melihat rencana (baca saja); rencana aksi yang ditampilkan: unit {unit}."

PLAN_BUTTON_BROWSE = "📂 Jelajahi rencana"

PLAN_BUTTON_TEMPLATE = "📥 Unduh template Excel"

PLAN_BUTTON_UPLOAD = "📤 Unggah rencana (Excel)"

PLAN_BUTTON_PDF = "📄 Dokumen Perencanaan (PDF)"

PLAN_BUTTON_DATA_TEMPLATE = "📋 Template Data Kinerja"

PLAN_BUTTON_SEED = "🌱 Muat contoh rencana"

PLAN_BUTTON_MENU = "« Menu rencana"

PLAN_BUTTON_YEAR = "📅 Rencana {year}"

PLAN_TEMPLATE_CAPTION = "Template rencana kinerja {year}. Isi di laptop, lalu kirim kembali berkas .xlsx ini ke chat ini."

PLAN_ASK_UPLOAD_YEAR = "Kirim berkas <b>.xlsx</b> rencana kinerja <b>{year}</b> hasil isian sekarang. Ketik /batal untuk batal."

PLAN_ASK_UPLOAD = (
    "Kirim berkas <b>.xlsx</b> rencana kinerja hasil isian sekarang. Ketik /batal untuk batal."
)

PLAN_UPLOAD_PROBLEMS = "❌ Berkas belum dapat disimpan: {count} masalah ditemukan. Tidak ada yang diubah.\n\n{lines}{more}\n\nPerbaiki lalu kirim lagi berkasnya, atau /batal."

PLAN_PROBLEM_LINE = "• <b>{sheet}</b>{row}{column}: {message}{hint}"

PLAN_PROBLEM_ROW = " baris {row}"

PLAN_PROBLEM_COLUMN = ", kolom {column}"

PLAN_PROBLEM_HINT = " → {hint}"

PLAN_PROBLEMS_MORE = "\n… dan {count} masalah lain."

PLAN_UPLOAD_NO_CHANGES = "Berkas sah, tetapi tidak ada perubahan dibanding rencana yang tersimpan."

PLAN_UPLOAD_SUMMARY = "✅ Berkas sah. Ringkasan perubahan:\n{lines}\n\nSimpan perubahan ini?"

PLAN_CHANGE_COUNTS = "<b>{kind}</b>: {items}"

PLAN_CHANGE_DETAIL = "  • {what} {key}: {fields}"

PLAN_CHANGE_MORE = "  … dan {count} perubahan lain"

PLAN_SAVED = "✅ Rencana disimpan ({count} perubahan)."

PLAN_SAVED_NEW_REVISION = "✅ Perubahan disimpan sebagai revisi {number} (draf). Revisi {previous} ({status}) tetap tersimpan apa adanya. Setelah selesai, ajukan lagi lewat /rencana."

PLAN_SEEDED = "✅ Contoh rencana dimuat: {indicators} indikator, {actions} rencana aksi. Periksa dan sesuaikan angkanya sebelum diajukan."

PLAN_SEED_NOT_EMPTY = "Rencana sudah berisi; contoh hanya dapat dimuat pada rencana kosong."

PLAN_AREAS = "<b>Area strategis</b> — pilih untuk melihat indikatornya:"

PLAN_AREA = "<b>{code}. {name}</b>\nKategori: {category}\nTujuan: {objective}\n\nIndikator:"

PLAN_AREA_EMPTY = "\n(belum ada indikator)"

PLAN_NOTHING = "Belum ada area strategis. Muat contoh rencana atau unggah template Excel."

PLAN_NOT_FOUND = "Data ini sudah tidak ada di rencana. Buka menu lagi."

PLAN_INDICATOR_CARD = (
    "<b>{code}. {name}</b>\n"
    "Area: {area}\n"
    "Definisi: {definition}\n"
    "Rumus: <code>{formula}</code>\n"
    "Input: {inputs}\n"
    "Satuan: {unit} · Polaritas: {polarity}\n"
    "Pemantauan: {monitoring} · Pelaporan: {reporting}\n"
    "Sumber data: {source} · Unit PIC: {pic}\n"
    "Bukti dukung: {evidence}\n"
    "Baseline: {baseline} ({baseline_year}) · Target tahunan: {target}\n"
    "Target periode: {period_targets}\n"
    "Rencana aksi: {actions}{missing}"
)

PLAN_INDICATOR_MISSING = "\n⚠️ Belum diisi: {items}"

PLAN_EMPTY_VALUE = "-"

PLAN_BUTTON_EDIT = "✏️ Ubah atribut"

PLAN_BUTTON_ACTIONS = "📋 Rencana aksi ({count})"

PLAN_BUTTON_BACK_AREA = "« Area {code}"

PLAN_BUTTON_BACK_INDICATOR = "« {code}"

PLAN_CHOOSE_ATTRIBUTE = "Atribut apa dari <b>{code}</b> yang diubah?"

PLAN_ASK_VALUE = "Ketik <b>{label}</b> baru untuk {code}.\nSekarang: {current}\n{example}\nKetik /batal untuk batal."

PLAN_CHOOSE_VALUE = "Pilih <b>{label}</b> untuk {code} (sekarang: {current}):"

PLAN_BAD_VALUE = "❌ {reason}. Ketik lagi, atau /batal."

PLAN_ATTRIBUTE_SAVED = "✅ {label} {code} disimpan."

PLAN_TARGETS_DERIVED = " Target periode diturunkan ulang dari target tahunan ({count} periode)."

PLAN_ACTIONS = "<b>Rencana aksi {code}</b>\n{lines}"

PLAN_ACTION_LINE = "{number}. {activity}\n   Keluaran: {output}\n   Jadwal: {start} – {end} · PIC: {pic} · {status}"

PLAN_ACTIONS_EMPTY = "(belum ada rencana aksi)"

PLAN_BUTTON_ADD_ACTION = "➕ Tambah rencana aksi"

PLAN_BUTTON_DELETE_ACTION = "🗑 Hapus no. {number}"

PLAN_CONFIRM_DELETE = "Hapus rencana aksi {code} no. {number}: {activity}?"

PLAN_BUTTON_CONFIRM_DELETE = "Ya, hapus"

PLAN_ACTION_DELETED = "🗑 Rencana aksi {code} no. {number} dihapus."

PLAN_ASK_ACTIVITY = (
    "Rencana aksi baru untuk {code}.\n<b>1/3</b> Ketik kegiatannya. (/batal untuk batal)"
)

PLAN_ASK_OUTPUT = "<b>2/3</b> Ketik keluaran (output) yang diharapkan."

PLAN_ASK_SCHEDULE = "<b>3/3</b> Ketik jadwal mulai dan selesai, contoh: {start} - {end}"

PLAN_BAD_SCHEDULE = "❌ {reason}. Ketik seperti {start} - {end}."

PLAN_ACTION_ADDED = "✅ Rencana aksi {code} no. {number} ditambahkan."

PLAN_EDIT_CANCELLED = "Dibatalkan. Rencana tidak berubah."

PLAN_EXAMPLES = {
    "name": "Contoh: Persentase nilai e-Purchasing terhadap total pagu",
    "definition": "Tulis pengertian indikator dalam 1-3 kalimat.",
    "formula": "Contoh: <code>nilai_epurchasing / total_pagu * 100</code> (nama input harus ada di daftar input)",
    "inputs": "Satu input per baris: <code>nama_input | keterangan | jenis</code> (jenis: angka, rupiah, persen, hari, tanggal, ya/tidak).\nContoh:\n<code>nilai_epurchasing | Nilai transaksi e-Purchasing | rupiah</code>",
    "data_source": "Contoh: SPSE, SIRUP, e-Katalog",
    "pic_unit": "Contoh: Kelompok Kerja Pemilihan",
    "evidence": "Contoh: Rekap transaksi e-Katalog per OPD",
    "baseline_value": "Contoh: 42 atau 6,5 (koma untuk desimal; satuan %: 75 atau 75%; satuan Rp: 1.250.000 atau 1,25 M)",
    "baseline_year": "Contoh: 2026",
    "annual_target": "Contoh: 60 atau 8,5 (koma untuk desimal). Target periode ikut diturunkan bila belum sesuai",
    "period_targets": "Pisahkan dengan titik koma, satu per periode; koma untuk desimal. Contoh triwulanan: 45; 45,5; 50; 50",
}

PLAN_BUTTON_SUBMIT = "📨 Ajukan persetujuan"

PLAN_BUTTON_RESUBMIT = "📨 Ajukan lagi"

PLAN_SUBMIT_BLOCKED = "Rencana belum dapat diajukan; masih kurang:\n{items}"

PLAN_SUBMIT_EMPTY = "rencana kosong"

PLAN_SUBMIT_INVALID = "Rencana belum dapat diajukan: {count} masalah. Unduh template untuk melihat dan memperbaikinya."

PLAN_SUBMIT_NOT_DRAFT = "Revisi ini berstatus {status}; pengajuan hanya untuk draf. Ubah rencana dulu (perubahan disimpan sebagai revisi baru), lalu ajukan."

PLAN_SUBMITTED = "📨 Rencana Kinerja {year} revisi {number} diajukan kepada Kepala UKPBJ. Anda akan diberi tahu keputusannya."

PLAN_BUTTON_OPEN = "📋 Buka rencana {year}"

PLAN_BUTTON_NEXT_CIRCULAR = "📝 Langkah 7: Surat Edaran"

PLAN_APPROVAL_TITLE = "Rencana Kinerja {year} revisi {number}"

PLAN_APPROVAL_SUMMARY = (
    "📨 <b>Permohonan persetujuan: Rencana Kinerja {year}</b> (revisi {number})\n"
    "Diajukan oleh {by}, {when}\n\n"
    "<b>Tujuan PBJ</b>\n{objectives}\n\n"
    "<b>Indikator per area</b>\n{areas}\n\n"
    "<b>Target utama</b>\n{targets}{changes}"
)

PLAN_APPROVAL_AREA_LINE = "• {code} {name}: {count} indikator"

PLAN_APPROVAL_TARGET_LINE = "• {code} {name}: {baseline} → <b>{target}</b> {unit}"

PLAN_APPROVAL_CHANGES = "\n\n<b>Perubahan sejak revisi {number}</b>\n{lines}"

PLAN_APPROVAL_NO_CHANGES = "\n\nTidak ada perubahan isi sejak revisi {number}."

PLAN_APPROVAL_DOC_CAPTION = "Dokumen Perencanaan Kinerja {year}, revisi {number}"

PLAN_OPTION_APPROVE = "✅ Setujui"

PLAN_OPTION_CHANGES = "↩️ Minta perubahan"

PLAN_OPTION_APPROVE_DONE = "✅ Disetujui"

PLAN_OPTION_CHANGES_DONE = "↩️ Perubahan diminta"

PLAN_APPROVED_TEAM = "✅ Rencana Kinerja {year} revisi {number} <b>disetujui</b> oleh {by}. Langkah 5-6 selesai; berikutnya langkah 7 (Surat Edaran)."

PLAN_CHANGES_TEAM = "↩️ Kepala UKPBJ ({by}) meminta perubahan Rencana Kinerja {year} revisi {number}:\n<i>{comment}</i>\n\nPerbaiki lewat /rencana lalu ajukan lagi; pengajuan berikutnya menjadi revisi baru."

PLAN_DETAIL_HEADER = "<b>Rincian indikator</b> — Rencana Kinerja {year} revisi {number}"

PLAN_DETAIL_LINE = "<b>{code}</b> {name}\n  Rumus: <code>{formula}</code>\n  {polarity} · lapor {reporting} · baseline {baseline} ({baseline_year}) → target {target} {unit}\n  Rencana aksi: {actions}"

PLAN_WORKBOOK_FILE = "template rencana"
