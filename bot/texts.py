"""Texts every feature shares, in Bahasa Indonesia: roles, menus, access, errors, the CLI.

Each feature keeps its own catalogue beside its handlers (``bot/<feature>/texts.py``).

Messages are Telegram HTML: anything that comes from users or data is passed through
``esc`` before it is put in. Keep messages short: many users read them on phones over
satellite links.
"""

from __future__ import annotations

import re
from html import escape

from bot.core.roles import Role
from bot.sop.steps import StepState


def esc(value: object) -> str:
    """Escape a value for Telegram's HTML parse mode."""
    return escape(str(value), quote=False)


def code(value: object) -> str:
    """A name or formula a person types (``total_pagu``), shown as code."""
    return f"<code>{esc(value)}</code>"


_QUOTED = re.compile(r"«([^«»\n]+)»")


def esc_rule(message: object) -> str:
    """Escape a reason a rule gives (a plain function of a feature); the literal text it
    quotes in «…» (an input name, a formula, a code as typed) is shown as code."""
    return _QUOTED.sub(lambda m: f"<code>{m.group(1)}</code>", esc(message))


# --- Roles and states -----------------------------------------------------------------

ROLE_NAMES = {
    Role.KEPALA: "Kepala UKPBJ",
    Role.TIM: "Tim Pengelolaan Kelembagaan",
    Role.PJ: "Penanggung Jawab Kinerja",
}


ROLE_DUTIES = {
    Role.KEPALA: (
        "Anda menyetujui rencana kinerja, menandatangani surat, dan memutuskan tindak lanjut "
        "dalam rapat kinerja."
    ),
    Role.TIM: (
        "Anda menyusun rencana kinerja, mengirim surat dan undangan, memverifikasi laporan, "
        "mengolah data, dan menyusun laporan pencapaian kinerja."
    ),
    Role.PJ: (
        "Anda menerima surat edaran dan undangan, memetakan paket pengadaan unit Anda, dan "
        "melaporkan realisasi kinerja setiap periode."
    ),
}


STATE_MARKS = {
    StepState.BELUM_MULAI: "⬜",
    StepState.BERJALAN: "🔄",
    StepState.PERLU_PERBAIKAN: "⚠️",
    StepState.SELESAI: "✅",
}

# --- Command menus (per role) ---------------------------------------------------------

COMMANDS_STRANGER = (("start", "Mulai / daftar dengan kode undangan"), ("bantuan", "Bantuan"))
COMMANDS = {
    Role.KEPALA: (
        ("tugas", "Tugas saya"),
        ("status", "Status siklus kinerja (17 langkah)"),
        ("rencana", "Rencana kinerja tahun ini"),
        ("persetujuan", "Menunggu keputusan saya"),
        ("edaran", "Surat Edaran (langkah 7)"),
        ("sosialisasi", "Undangan dan sosialisasi (langkah 8-9)"),
        ("paket", "Paket pengadaan (langkah 10)"),
        ("capaian", "Capaian kinerja dan grafik (langkah 13)"),
        ("analisis", "Analisis dan rekomendasi (langkah 14)"),
        ("laporan", "Laporan pencapaian kinerja (langkah 15-16)"),
        ("rapat", "Rapat keputusan (langkah 17)"),
        ("arsip", "Arsip dokumen"),
        ("undang", "Buat undangan pengguna"),
        ("pengguna", "Kelola pengguna"),
        ("plh", "Tunjuk Plt/Plh"),
        ("pengingat", "Pengingat saya: lihat dan atur"),
        ("bantuan", "Bantuan"),
    ),
    Role.TIM: (
        ("tugas", "Tugas saya"),
        ("status", "Status siklus kinerja (17 langkah)"),
        ("rencana", "Rencana kinerja: susun, unduh, unggah"),
        ("edaran", "Surat Edaran (langkah 7)"),
        ("sosialisasi", "Undangan dan sosialisasi (langkah 8-9)"),
        ("paket", "Paket pengadaan (langkah 10)"),
        ("verifikasi", "Verifikasi laporan PJ"),
        ("jadwal", "Batas waktu pelaporan"),
        ("capaian", "Capaian kinerja dan grafik (langkah 13)"),
        ("analisis", "Analisis dan rekomendasi (langkah 14)"),
        ("laporan", "Laporan pencapaian kinerja (langkah 15-16)"),
        ("rapat", "Rapat keputusan (langkah 17)"),
        ("arsip", "Arsip dokumen"),
        ("undang", "Buat undangan pengguna"),
        ("pengingat", "Pengingat saya: lihat dan atur"),
        ("bantuan", "Bantuan"),
    ),
    Role.PJ: (
        ("tugas", "Tugas saya"),
        ("status", "Status siklus kinerja (17 langkah)"),
        ("rencana", "Lihat rencana kinerja"),
        ("paket", "Paket unit saya: pilih area strategis"),
        ("lapor", "Laporkan realisasi kinerja"),
        ("jadwal", "Batas waktu pelaporan"),
        ("pengingat", "Pengingat saya: lihat dan atur"),
        ("bantuan", "Bantuan"),
    ),
}

# --- Strangers and access -------------------------------------------------------------

STRANGER = (
    "Selamat datang di <b>Kinerja PBJ Bot</b> {unit}.\n\n"
    "Bot ini hanya untuk pengguna terdaftar. Untuk bergabung, mintalah <b>tautan undangan</b> "
    "kepada Kepala UKPBJ atau Tim Pengelolaan Kelembagaan UKPBJ, lalu buka tautan itu."
)
STRANGER_ALERT = "Anda belum terdaftar. Mintalah tautan undangan kepada UKPBJ."
DEACTIVATED = (
    "Akun Anda di bot ini sudah dinonaktifkan. Bila Anda masih bertugas dalam pengelolaan "
    "kinerja PBJ, mintalah undangan baru kepada Kepala UKPBJ atau Tim Pengelolaan "
    "Kelembagaan UKPBJ."
)
DEACTIVATED_ALERT = "Akun Anda sudah dinonaktifkan. Mintalah undangan baru kepada UKPBJ."
NOT_FOR_ROLE = "Perintah ini khusus untuk {roles}. Peran Anda: {role}."
NOT_FOR_ROLE_ALERT = "Tombol ini khusus untuk {roles}."
# Appended where a message had to be cut to fit Telegram (bot/ui/fit.py).
MESSAGE_CLIPPED = "\n\n… (dipotong: terlalu panjang untuk satu pesan Telegram)"
STALE_BUTTON = "Tombol ini sudah tidak berlaku. Silakan buka menu lagi."

# --- Shared buttons and answers -----------------------------------------------------


CANCELLED = "Dibatalkan."
DRAFT_DROPPED = (
    "Isian yang belum selesai dari versi bot sebelumnya tidak dapat dilanjutkan. "
    "Silakan mulai lagi dari perintahnya; data yang sudah tersimpan tidak berubah."
)

BUTTON_CANCEL = "Batal"
BUTTON_BACK = "« Kembali"
BUTTON_PREV = "◀"
BUTTON_NEXT = "▶"

# --- Errors ---------------------------------------------------------------------------

ERROR_INCIDENT = (
    "Maaf, terjadi kesalahan di sisi bot. Data Anda yang sudah tersimpan aman. "
    "Silakan coba lagi; bila berulang, sampaikan kode insiden <code>{code}</code> kepada UKPBJ."
)
ERROR_OPERATOR = "⚠️ Insiden <code>{code}</code>: {error} saat menangani {what}."
ERROR_OPERATOR_HELD_BACK = "\n({count} kejadian serupa sejak pukul {since} tidak dikirim terpisah.)"
ERROR_OPERATOR_CONFLICT = (
    "⛔ Bot berhenti: program lain sedang memakai token bot ini untuk mengambil pembaruan. "
    "Pastikan hanya satu bot yang berjalan dengan token ini."
)


def unit_suffix(unit_name: str | None) -> str:
    """`` — Dinas Kesehatan`` after a role, or nothing."""
    return f" — {esc(unit_name)}" if unit_name else ""


# --- Command line (kinerja-bot) -------------------------------------------------------

CLI_DESCRIPTION = "Kinerja PBJ Bot — bot Telegram SOP Pengelolaan Kinerja UKPBJ."
CLI_RUN_HELP = "jalankan bot (long polling)"
CLI_INVITE_HELP = "buat undangan sekali pakai dan cetak tautannya"
CLI_UPGRADE_HELP = "perbarui skema basis data ke versi terbaru"
CLI_ROLE_HELP = "peran: kepala, tim, atau pj"
CLI_UNIT_HELP = "unit (OPD) untuk peran pj, nama lengkap atau singkatan"
CLI_CREATE_UNIT_HELP = "buat unit bila belum ada"
CLI_EXPIRES_HELP = "masa berlaku, mis. 7d, 48h (bawaan 7d)"
CLI_REPLACE_HEAD_HELP = (
    "undangan Kepala UKPBJ pengganti: pemakainya menggantikan Kepala UKPBJ yang aktif, "
    "yang lama dinonaktifkan"
)
CLI_REPLACE_ONLY_HEAD = "--ganti-kepala hanya untuk --role kepala."
CLI_HEAD_EXISTS = (
    "Sudah ada Kepala UKPBJ aktif: {name}. Hanya ada satu Kepala UKPBJ; Plt/Plh ditunjuk "
    "lewat /plh di bot.\nBila Kepala UKPBJ diganti, jalankan lagi dengan --ganti-kepala: "
    "pemakai undangan menjadi Kepala UKPBJ dan {name} dinonaktifkan."
)
CLI_INVITE_REPLACES = "Undangan pengganti: saat dipakai, {name} dinonaktifkan."
CLI_NO_TOKEN = """\
TELEGRAM_BOT_TOKEN belum diatur / is not set.

ID: Buka Telegram, kirim /newbot kepada @BotFather, ikuti petunjuknya, lalu salin token
yang diberikan (bentuknya 123456789:ABC-...) ke berkas .env sebagai
TELEGRAM_BOT_TOKEN=<token> (contoh ada di .env.example), lalu jalankan lagi perintah ini.
EN: Open Telegram, send /newbot to @BotFather, follow the steps, put the token it gives
you in .env as TELEGRAM_BOT_TOKEN=<token> (see .env.example), then run this command again."""
CLI_CONFIG_ERROR = "Konfigurasi tidak sah: {error}"
CLI_TOKEN_SHAPE = (
    "TELEGRAM_BOT_TOKEN tidak berbentuk token bot (angka, titik dua, lalu sekitar 35 huruf, "
    "angka, - atau _; salin lagi dari @BotFather). / TELEGRAM_BOT_TOKEN does not look like a "
    "bot token (digits, a colon, then about 35 letters, digits, - or _; copy it again from "
    "@BotFather)."
)
CLI_LEASE_HELD = (
    "Basis data ini sedang dipakai bot lain ({holder}, sampai {until} UTC); hanya satu bot "
    "boleh berjalan. / This database is in use by another bot ({holder}, until {until} UTC); "
    "only one may run."
)
CLI_UNREACHABLE = (
    "Bot API Telegram tidak dapat dihubungi di {url} ({error}). Periksa jaringan server dan "
    "TELEGRAM_API_BASE_URL. / The Telegram Bot API at {url} could not be reached ({error}). "
    "Check the server's network and TELEGRAM_API_BASE_URL."
)
CLI_TELEGRAM_ERROR = (
    "Telegram menolak saat bot dimulai: {error}. Periksa TELEGRAM_BOT_TOKEN dan "
    "TELEGRAM_API_BASE_URL. / Telegram refused at start-up: {error}. Check "
    "TELEGRAM_BOT_TOKEN and TELEGRAM_API_BASE_URL."
)
CLI_CONFLICT = (
    "Program lain sedang mengambil pembaruan dengan token bot ini; bot berhenti. Pastikan "
    "hanya satu bot berjalan dengan token ini. / Another program is polling with this bot "
    "token; stopped. Make sure only one bot runs with this token."
)
CLI_UNIT_REQUIRED = "Peran pj memerlukan --unit (nama unit/OPD)."
CLI_UNIT_NOT_ALLOWED = "Peran {role} tidak memakai --unit."
CLI_UNIT_UNKNOWN = (
    "Unit {name!r} tidak ditemukan. Unit yang ada: {known}.\n"
    "Tambahkan --create-unit untuk membuat unit baru dengan nama itu."
)
CLI_UNIT_CREATED = "Unit baru dibuat: {name}"
CLI_INVITE_LINK = "Undangan {role}{unit} (berlaku sampai {expires}):\n{link}"
CLI_INVITE_CODE = (
    "Undangan {role}{unit} (berlaku sampai {expires}).\n"
    "Kode: {code}\n"
    "Orang yang diundang membuka bot lalu mengirim: /start {code}"
)
CLI_USERNAME_UNAVAILABLE = (
    "(Nama bot tidak dapat dibaca dari Bot API: {error}; hanya kode yang dicetak.)"
)
CLI_SEED_HELP = "muat contoh rencana kinerja Jayawijaya ke rencana yang masih kosong"
CLI_SEED_YEAR_HELP = "tahun rencana (bawaan: tahun yang dibuka /rencana: mulai 1 Oktober tahun berikutnya, sebelumnya tahun berjalan, WIT)"
CLI_SEED_NOT_EMPTY = "Rencana {year} sudah berisi; contoh hanya dimuat ke rencana kosong."
CLI_SEEDED = (
    "Contoh rencana {year} dimuat: {indicators} indikator, {actions} rencana aksi (revisi draf)."
)
CLI_VERIFY_HELP = "periksa keaslian berkas (mis. surat PDF yang diterima) terhadap arsip"
CLI_VERIFY_TARGET_HELP = "berkas yang diperiksa, atau kode verifikasi yang tercetak di dokumen"
CLI_VERIFY_AUTHENTIC = "ASLI: berkas ini sama persis dengan dokumen yang tersimpan di arsip."
CLI_VERIFY_CODE_FOUND = (
    "Kode verifikasi {code} tercatat di arsip. Bandingkan isi dokumen Anda dengan data di "
    "bawah ini, atau periksa berkasnya: kinerja-bot verify BERKAS"
)
CLI_VERIFY_DOCUMENT = """Jenis          : {kind}
Nomor          : {number}
Ditandatangani : {signed_by}
Selaku         : {signed_as}
Waktu          : {signed_at}
Kode verifikasi: {code}
Diarsipkan     : {archived_at}
SHA-256        : {sha256}"""
CLI_VERIFY_ARCHIVE_CHANGED = (
    "PERINGATAN: salinan di folder arsip hilang atau sudah berubah sejak diarsipkan."
)
CLI_VERIFY_NOT_FOUND = """TIDAK DITEMUKAN: berkas {name} tidak cocok dengan dokumen mana pun di arsip (SHA-256 {sha256}).
Berkas ini bukan dokumen yang diarsipkan Kinerja PBJ Bot, atau isinya sudah berubah."""
CLI_VERIFY_ONLY_UPLOADED = """BUKAN DOKUMEN YANG DITANDATANGANI: berkas {name} (SHA-256 {sha256}) tersimpan di arsip hanya sebagai unggahan pengguna, bukan sebagai surat atau dokumen yang disetujui dan ditandatangani melalui Kinerja PBJ Bot. Keasliannya tidak dapat dipastikan dari arsip."""
CLI_VERIFY_UPLOAD_LINE = "• {kind}, diunggah oleh {by}, {at}"
CLI_VERIFY_CODE_NOT_FOUND = "TIDAK DITEMUKAN: kode verifikasi {code} tidak tercatat di arsip."
CLI_VERIFY_NO_TARGET = (
    "Berkas {name} tidak ditemukan, dan bukan kode verifikasi (8 huruf/angka, mis. 7KQ4-M9XD)."
)
# Kinds of archived files, as the verification names them.
# Every kind of archived document by its Indonesian name (/arsip, the archive export and
# `kinerja-bot verify`); a kind missing here is shown as DOCUMENT_KIND_OTHER.
DOCUMENT_KIND_NAMES = {
    "rencana_xlsx": "Rencana kinerja (workbook)",
    "rencana_disetujui": "Rencana kinerja disetujui",
    "persetujuan_lampiran": "Konsep untuk persetujuan",
    "surat_edaran": "Surat Edaran",
    "surat_undangan": "Surat Undangan",
    "laporan_sosialisasi": "Laporan Sosialisasi",
    "foto_sosialisasi": "Foto sosialisasi",
    "catatan_sosialisasi": "Catatan sosialisasi",
    "sirup_export": "Data paket SIRUP",
    "pemetaan_paket_xlsx": "Lembar pemetaan paket",
    "data_kinerja_xlsx": "Template Data Kinerja terisi",
    "lembar_analisis_xlsx": "Lembar analisis terisi",
    "bukti_dukung": "Bukti dukung laporan",
    "laporan_kinerja": "Laporan Pencapaian Kinerja",
    "laporan_kinerja_xlsx": "Data laporan kinerja (xlsx)",
    "bahan_paparan": "Bahan paparan",
    "laporan_status_indikator": "Laporan status indikator",
}
DOCUMENT_KIND_OTHER = "Berkas arsip"
CLI_EXPORT_HELP = "ekspor semua berkas arsip satu siklus ke berkas ZIP beserta index.xlsx"
CLI_EXPORT_YEAR_HELP = "tahun siklus kinerja yang diekspor"
CLI_EXPORT_FORCE_HELP = "timpa BERKAS.zip bila sudah ada"
CLI_EXPORT_OUT_HELP = "berkas ZIP yang dibuat, mis. arsip-2027.zip"
CLI_EXPORT_BAD_PATH = (
    "Tidak dapat menulis {path}: folder tujuannya tidak ada atau itu sebuah folder."
)
CLI_EXPORT_WRITE_FAILED = "Gagal menulis {path}: {error}"
CLI_EXPORT_EXISTS = "{path} sudah ada. Pilih nama lain, atau tambahkan --force untuk menimpanya."
CLI_EXPORT_NO_CYCLE = "Tidak ada siklus kinerja tahun {year}. Siklus yang ada: {known}."
CLI_EXPORTED = "Arsip {year}: {count} berkas dan index.xlsx ditulis ke {path}."
CLI_EXPORT_MISSING = (
    "PERINGATAN: {count} berkas tidak ikut diekspor karena salinannya di folder arsip hilang "
    "atau isinya sudah berubah sejak diarsipkan (tercatat HILANG di index.xlsx):"
)
CLI_EXPORT_MISSING_LINE = "• {name}"
CLI_STARTING = "Kinerja PBJ Bot berjalan untuk {unit} ({government}). Tekan Ctrl+C untuk berhenti."


# --- Uploads and confirmations (plan and package workbooks) --------------------------

PLAN_BUTTON_SAVE = "✅ Simpan"
PLAN_BUTTON_DISCARD = "Batal"
UPLOAD_NOT_XLSX = "Berkas ini bukan .xlsx. Kirim {what} dalam format Excel .xlsx (simpan ulang dari Excel bila perlu)."
PLAN_UPLOAD_TOO_BIG = "Berkas terlalu besar ({size}). Batasnya {limit}. Hapus baris kosong atau lembar tambahan, lalu kirim lagi."
PLAN_UPLOAD_CHECKING = "⏳ Memeriksa berkas…"
UPLOAD_TOO_SLOW = (
    "Berkas ini terlalu lama diperiksa (lebih dari {seconds} detik), jadi tidak diproses. "
    "Kurangi jumlah baris atau lembar, lalu kirim lagi."
)
PLAN_DISCARDED = "Perubahan dibuang. Rencana yang tersimpan tidak berubah."
PLAN_PENDING_GONE = "Unggahan ini sudah tidak berlaku. Kirim ulang berkasnya."
PLAN_TEXT_REQUIRED = "❌ Isian harus 3-1000 karakter. Ketik lagi, atau /batal."
# The same refusal for a text whose limits are not 3-1000 (always say the limits checked).
TEXT_LENGTH_REQUIRED = "❌ Isian harus {shortest}-{longest} karakter. Ketik lagi, atau /batal."


# --- Comments -------------------------------------------------------------------------

APPROVAL_COMMENT_TOO_SHORT = "Catatan harus 3-1000 karakter. Tulis lagi, atau /batal."

# --- Outbox -----------------------------------------------------------------------------

OUTBOX_UNREACHABLE = "⚠️ Pesan tidak dapat dikirim kepada: {names}. Bot mungkin diblokir atau akunnya tidak aktif; hubungi mereka langsung."


# --- Delivery tallies -------------------------------------------------------------------

TALLY_UNKNOWN_PERSON = "penerima yang sudah tidak terdaftar"
