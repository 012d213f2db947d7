"""Texts of /arsip, in Bahasa Indonesia (the kinds of documents are named in bot/texts.py)."""

ARCHIVE_EMPTY = (
    "🗄 <b>Arsip dokumen</b>\n\n"
    "Arsip masih kosong. Dokumen yang dibuat atau diunggah lewat bot (rencana kinerja, "
    "surat, laporan PJ, bukti dukung) tersimpan di sini dengan sendirinya."
)
ARCHIVE_YEARS = "🗄 <b>Arsip dokumen</b>\n\nPilih tahun siklus kinerja:"
ARCHIVE_YEAR_BUTTON = "{year} ({count} berkas)"
ARCHIVE_STEPS = "🗄 <b>Arsip {year}</b>\n\n{lines}\n\nPilih langkah SOP:"
ARCHIVE_STEP_LINE = "• {name}: {count} berkas"
ARCHIVE_STEP_BUTTON = "{number}. {name}"
ARCHIVE_COUNT = " ({count})"
ARCHIVE_NO_STEP = "Berkas tanpa langkah"
ARCHIVE_KINDS = "🗄 <b>Arsip {year}</b>\nLangkah {number}: {name}\n\nPilih jenis dokumen:"
ARCHIVE_KINDS_NO_STEP = "🗄 <b>Arsip {year}</b>\n{name}\n\nPilih jenis dokumen:"
ARCHIVE_LIST = (
    "🗄 <b>{kind}</b> — arsip {year}\n"
    "{count} berkas, terbaru di atas (halaman {page}/{pages}). "
    "Tekan berkas untuk menerimanya lagi.\n\n{lines}"
)
ARCHIVE_LINE = "<b>{position}.</b> {name}\n    {details}"
ARCHIVE_FILE_BUTTON = "{position}. {name}"
ARCHIVE_PERIOD = "periode {period}"
ARCHIVE_REVISION = "revisi {revision}"
ARCHIVE_NUMBER = "nomor {number}"
ARCHIVE_CAPTION = "{kind}\n{details}"
ARCHIVE_FILE_DAMAGED = (
    "⚠️ Berkas <b>{name}</b> tidak dapat dikirim: salinannya di folder arsip hilang atau "
    "isinya sudah berubah sejak diarsipkan, jadi bot tidak mengirim apa pun. "
    "Laporkan kepada pengelola server bot agar arsip dipulihkan dari cadangan."
)
ARCHIVE_BUTTON_BACK_LIST = "« Kembali ke daftar"

# --- the archive export (kinerja-bot export-archive) -------------------------------------

EXPORT_NO_STEP_FOLDER = "lainnya"
EXPORT_BY_BOT = "Kinerja PBJ Bot"
EXPORT_PRESENT = "ada"
EXPORT_MISSING = "HILANG: berkas di folder arsip tidak ada atau isinya sudah berubah"
EXPORT_SHEET = "Arsip {year}"
EXPORT_COLUMNS = (
    "Berkas di ZIP",
    "Nama berkas",
    "Jenis dokumen",
    "Langkah SOP",
    "Periode",
    "Unit",
    "Revisi",
    "SHA-256",
    "Diunggah/dibuat oleh",
    "Waktu (WIT)",
    "Nomor",
    "Ditandatangani oleh",
    "Kode verifikasi",
    "Keterangan",
)
EXPORT_WIDTHS = (48, 32, 30, 12, 18, 28, 8, 66, 26, 18, 28, 26, 16, 24)
