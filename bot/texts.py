"""Every piece of text a user sees, in Bahasa Indonesia, in one place.

Messages are Telegram HTML: anything that comes from users or data is passed through
``esc`` before it is put in. Keep messages short: many users read them on phones over
satellite links.
"""

from __future__ import annotations

import re
from html import escape

from bot.core.delivery import FailureReason
from bot.core.roles import Role
from bot.people.invitation_rules import InvitationProblem
from bot.sop.cycle_rules import CloseRefusal, CyclePhase
from bot.sop.steps import StepState


def esc(value: object) -> str:
    """Escape a value for Telegram's HTML parse mode."""
    return escape(str(value), quote=False)


def code(value: object) -> str:
    """A name or formula a person types (``total_pagu``), shown as code."""
    return f"<code>{esc(value)}</code>"


_QUOTED = re.compile(r"«([^«»\n]+)»")


def esc_rule(message: object) -> str:
    """Escape a reason given by a rule in ``bot/core``; the literal text it quotes in «…»
    (an input name, a formula, a code as typed) is shown as code."""
    return _QUOTED.sub(lambda m: f"<code>{m.group(1)}</code>", esc(message))


# --- Roles and states -----------------------------------------------------------------

ROLE_NAMES = {
    Role.KEPALA: "Kepala UKPBJ",
    Role.TIM: "Tim Pengelolaan Kelembagaan",
    Role.PJ: "Penanggung Jawab Kinerja",
}

# The role on a button next to a person's name, where the full name does not fit.
ROLE_SHORT = {Role.KEPALA: "Kepala", Role.TIM: "Tim", Role.PJ: "PJ Kinerja"}

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

STATE_LABELS = {
    StepState.BELUM_MULAI: "belum mulai",
    StepState.BERJALAN: "berjalan",
    StepState.PERLU_PERBAIKAN: "perlu perbaikan",
    StepState.SELESAI: "selesai",
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
        ("undang", "Buat undangan pengguna"),
        ("pengguna", "Kelola pengguna"),
        ("plh", "Tunjuk Plt/Plh"),
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
        ("undang", "Buat undangan pengguna"),
        ("bantuan", "Bantuan"),
    ),
    Role.PJ: (
        ("tugas", "Tugas saya"),
        ("status", "Status siklus kinerja (17 langkah)"),
        ("rencana", "Lihat rencana kinerja"),
        ("paket", "Paket unit saya: pilih area strategis"),
        ("lapor", "Laporkan realisasi kinerja"),
        ("jadwal", "Batas waktu pelaporan"),
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
NOT_FOR_ROLE = "Perintah ini khusus untuk {roles}. Peran Anda: {role}."
NOT_FOR_ROLE_ALERT = "Tombol ini khusus untuk {roles}."
PRIVATE_ONLY = "Gunakan bot ini melalui chat pribadi."
STALE_BUTTON = "Tombol ini sudah tidak berlaku. Silakan buka menu lagi."

# --- Registration ---------------------------------------------------------------------

INVITATION_PROBLEMS = {
    InvitationProblem.UNKNOWN: (
        "Kode undangan tidak dikenal. Periksa kembali tautannya atau mintalah undangan baru."
    ),
    InvitationProblem.USED: (
        "Kode undangan ini sudah dipakai. Setiap undangan hanya berlaku untuk satu orang; "
        "mintalah undangan baru."
    ),
    InvitationProblem.EXPIRED: "Kode undangan ini sudah kedaluwarsa. Mintalah undangan baru.",
    InvitationProblem.REVOKED: "Kode undangan ini sudah dibatalkan. Mintalah undangan baru.",
    InvitationProblem.HEAD_EXISTS: (
        "Undangan ini untuk Kepala UKPBJ, tetapi sudah ada Kepala UKPBJ aktif; hanya ada satu "
        "Kepala UKPBJ. Bila Anda menggantikannya, mintalah undangan pengganti kepada Kepala "
        "UKPBJ (/undang → Kepala UKPBJ → Ganti Kepala UKPBJ). Plt/Plh ditunjuk lewat /plh."
    ),
}
ALREADY_REGISTERED = (
    "Anda sudah terdaftar sebagai <b>{role}</b>{unit}. Ketik /tugas untuk melihat tugas Anda."
)
WELCOME_BACK = "Halo, {name}. Anda terdaftar sebagai <b>{role}</b>{unit}.\nKetik /tugas untuk melihat tugas Anda."
REG_START = (
    "Selamat datang di <b>Kinerja PBJ Bot</b>.\n"
    "Undangan ini untuk peran <b>{role}</b>{unit}.{note}\n\n"
    "Pendaftaran 3 langkah. Ketik /batal kapan saja untuk berhenti.\n\n"
    "{ask}"
)
REG_ASK_NAME = "<b>1/3</b> Ketik <b>nama lengkap</b> Anda beserta gelar."
REG_ASK_NIP = "<b>2/3</b> Ketik <b>NIP</b> Anda (18 digit, spasi boleh)."
REG_ASK_POSITION = "<b>3/3</b> Ketik <b>jabatan</b> Anda (contoh: Kepala Seksi Perencanaan)."
REG_BAD_NAME = "Nama harus 3-100 huruf. Ketik nama lengkap Anda beserta gelar."
REG_BAD_NIP = "NIP tidak sah: {reason}. Ketik ulang NIP Anda (18 digit)."
REG_BAD_POSITION = "Jabatan harus 2-200 karakter. Ketik jabatan Anda."
REG_TEXT_ONLY = "Mohon kirim jawaban berupa teks. Ketik /batal untuk berhenti."
REG_USE_BUTTONS = "Pilih salah satu tombol di bawah ringkasan: daftarkan, ulangi, atau batal."
REG_FINISH_FIRST = "Selesaikan pendaftaran dulu, atau ketik /batal untuk berhenti."
REG_CONFIRM = (
    "Periksa data Anda:\n\n"
    "Nama: <b>{name}</b>\n"
    "NIP: <b>{nip}</b>\n"
    "Jabatan: <b>{position}</b>\n"
    "Peran: <b>{role}</b>{unit}{note}\n\n"
    "Sudah benar?"
)
REG_BUTTON_OK = "✅ Ya, daftarkan"
REG_BUTTON_REDO = "✏️ Ulangi"
REG_BUTTON_CANCEL = "Batal"
REG_DONE = (
    "✅ Pendaftaran berhasil. Selamat bergabung!\n\n"
    "Nama: <b>{name}</b>\n"
    "Peran: <b>{role}</b>{unit}\n{duties}\n\n"
    "Ketik /tugas untuk melihat tugas Anda atau /bantuan untuk daftar perintah."
)
REG_CANCELLED = "Pendaftaran dibatalkan. Buka lagi tautan undangan bila ingin mendaftar."
REG_CONFIRMED_EDIT = "Data dikirim."
REG_NOTIFY_INVITER = "ℹ️ {name} telah mendaftar sebagai {role}{unit} melalui undangan Anda."
REG_REPLACES_HEAD = "\n⚠️ Anda akan menggantikan <b>{name}</b> sebagai Kepala UKPBJ."
HEAD_REPLACED = (
    "ℹ️ {name} kini terdaftar sebagai Kepala UKPBJ menggantikan Anda. Akun Anda di bot ini "
    "dinonaktifkan. Bila Anda tetap bertugas di UKPBJ, mintalah undangan dengan peran baru "
    "kepada Kepala UKPBJ."
)

UNKNOWN_INPUT = "Pesan ini tidak sedang ditunggu. Ketik /tugas untuk melihat tugas Anda atau /bantuan untuk daftar perintah."
UNKNOWN_FILE = (
    "Berkas ini tidak sedang ditunggu. Untuk mengirim berkas, buka langkahnya dulu lewat /tugas."
)
CANCELLED = "Dibatalkan."
NOTHING_TO_CANCEL = "Tidak ada yang sedang berlangsung."

# --- Invitations (/undang) ------------------------------------------------------------

INVITE_CHOOSE_ROLE = "Undangan untuk peran apa?"
INVITE_CHOOSE_UNIT = "Pilih unit (OPD) Penanggung Jawab Kinerja yang diundang ({page}/{pages}):"
INVITE_BUTTON_NEW_UNIT = "➕ Unit lain (ketik nama)"
INVITE_ASK_UNIT_NAME = "Ketik nama lengkap unit (OPD), contoh: Dinas Kesehatan."
INVITE_BAD_UNIT_NAME = "Nama unit harus 3-200 karakter. Ketik nama lengkap unit."
INVITE_NO_ROLES = "Peran Anda tidak dapat membuat undangan."
INVITE_HEAD_EXISTS = (
    "Kepala UKPBJ sekarang: <b>{name}</b>. Hanya ada satu Kepala UKPBJ.\n\n"
    "• Plt/Plh selama Kepala UKPBJ berhalangan ditunjuk lewat /plh.\n"
    "• Bila Kepala UKPBJ diganti, buat undangan pengganti: orang yang memakainya menjadi "
    "Kepala UKPBJ, dan {name} dinonaktifkan serta diberi tahu."
)
INVITE_BUTTON_REPLACE_HEAD = "Ganti Kepala UKPBJ"
INVITE_REPLACES_HEAD = "\n\n⚠️ Undangan pengganti: saat dipakai, {name} tidak lagi Kepala UKPBJ dan akunnya dinonaktifkan."
INVITE_UNIT_CREATED = "Unit baru dicatat: <b>{unit}</b>."
INVITE_CREATED = (
    "✅ Undangan untuk <b>{role}</b>{unit} dibuat.\n\n"
    "Teruskan tautan ini kepada orang yang diundang:\n{link}\n\n"
    "Berlaku sekali pakai sampai {expires}."
)
INVITE_CREATED_NO_USERNAME = (
    "✅ Undangan untuk <b>{role}</b>{unit} dibuat.\n\n"
    "Kode undangan: <code>{code}</code>\n"
    "Orang yang diundang membuka bot lalu mengetik /start {code}\n\n"
    "Berlaku sekali pakai sampai {expires}."
)
BUTTON_CANCEL = "Batal"
BUTTON_BACK = "« Kembali"
BUTTON_PREV = "◀"
BUTTON_NEXT = "▶"

# --- Users (/pengguna) ----------------------------------------------------------------

USERS_HEADER = "<b>Pengguna terdaftar</b> ({count}) — halaman {page}/{pages}\nPilih nama untuk mengubah peran atau menonaktifkan."
USERS_EMPTY = "Belum ada pengguna terdaftar."
USER_CARD = (
    "<b>{name}</b>\n"
    "NIP: {nip}\n"
    "Jabatan: {position}\n"
    "Peran: {role}{unit}\n"
    "Status: {status}\n"
    "Terdaftar: {registered}"
)
USER_BUTTON = "{mark}{name} · {role}"
USER_STATUS_ACTIVE = "aktif"
USER_STATUS_INACTIVE = "nonaktif"
USER_BUTTON_MAKE = "Jadikan {role}"
USER_BUTTON_DEACTIVATE = "🚫 Nonaktifkan"
USER_BUTTON_ACTIVATE = "✅ Aktifkan kembali"
USER_CHOOSE_UNIT = "Pilih unit untuk {name} sebagai Penanggung Jawab Kinerja ({page}/{pages}):"
USER_NOT_SELF = "Anda tidak dapat mengubah peran atau menonaktifkan diri sendiri."
USER_ONE_HEAD = (
    "Hanya ada satu Kepala UKPBJ. Untuk menggantinya buat undangan pengganti lewat /undang; "
    "Plt/Plh ditunjuk lewat /plh."
)
USER_NOT_FOUND = "Pengguna tidak ditemukan."
USER_ROLE_CHANGED = "Peran {name} diubah menjadi {role}{unit}."
USER_DEACTIVATED = (
    "{name} dinonaktifkan. Ia tidak dapat lagi memakai bot sampai diaktifkan kembali."
)
USER_ACTIVATED = "{name} diaktifkan kembali."
USER_NOTIFY_ROLE = (
    "ℹ️ Peran Anda diubah menjadi <b>{role}</b>{unit}. Ketik /bantuan untuk daftar perintah."
)

# --- SOP guide (/tugas, /status) ------------------------------------------------------

TASKS_HEADER = "<b>Tugas Anda — siklus kinerja {year}</b>\n{phase}\n"
TASKS_CURRENT = "Siklus sedang di langkah {number}: {name} ({actor}).\n"
TASKS_NONE = "Tidak ada tugas tertunda untuk peran Anda di siklus {year}. 👍"
TASK_LINE = "{mark} <b>Langkah {number}</b>. {name} ({state})"
TASK_WAITING = "   ⏳ menunggu langkah {steps}"
TASK_NOTE = "   ⚠️ {note}"
TASK_BUTTON = "Langkah {number}: {name}"
TASK_BUTTON_YEAR = "{year} · Langkah {number}: {name}"
TASKS_NOTHING_READY = "\nBelum ada yang dapat Anda kerjakan sekarang di siklus ini; bot memberi tahu Anda bila giliran Anda tiba. Sementara itu, lihat /rencana dan /status."
TASKS_FIRST_TEAM = (
    "👋 <b>Langkah pertama</b>: undang <b>Tim Pengelolaan Kelembagaan</b> (2-6 orang). "
    "Tim yang menyusun rencana kinerja; Anda menyetujuinya.\n"
    "Tekan tombol di bawah, lalu teruskan tautannya kepada setiap anggota tim "
    "(satu tautan untuk satu orang). Plt/Plh ditunjuk lewat /plh."
)
TASKS_BUTTON_INVITE_TEAM = "➕ Undang anggota tim"
CYCLE_PHASES = {
    CyclePhase.PLANNING: "Perencanaan: rencana kinerja {year} belum disetujui.",
    CyclePhase.READY: "Rencana disetujui; pelaporan dimulai {start}.",
    CyclePhase.RUNNING: "Pelaporan berjalan; batas waktu terakhir {deadline}.",
    CyclePhase.LATE: "Semua batas waktu sudah lewat ({deadline}); laporan terlambat masih diterima sampai tim menutup siklus.",
    CyclePhase.CLOSED: "Siklus sudah ditutup.",
}
STATUS_HEADER = "<b>Status siklus kinerja {year}</b>\n{phase}\n"
STATUS_LINE = "{mark} {number}. {name}"
STATUS_CURRENT = "▶ <b>{number}. {name}</b> ({state})"
STATUS_FOOTER = "\n✅ selesai · 🔄 berjalan · ⚠️ perlu perbaikan · ⬜ belum mulai"
STATUS_ALL_DONE = "\nSemua langkah siklus ini selesai."
STEP_CARD = (
    "<b>Langkah {number}. {name}</b> — siklus {year}\n"
    "Pelaksana: {actor}{involved}\n"
    "Status: {mark} {state}{by}\n\n"
    "<b>Masukan</b>\n{inputs}\n\n"
    "<b>Keluaran</b>\n{outputs}\n\n"
    "<b>Selesai bila</b>\n{done_when}"
)
STEP_INVOLVED = " (bersama {roles})"
STEP_BY = ", oleh {name}, {when}"
STEP_WAITING = "\n\n⏳ Langkah ini menunggu langkah {steps} selesai."
STEP_FEATURE_MISSING = (
    "\n\n🚧 Fitur bot untuk langkah ini belum tersedia di versi ini. "
    "Untuk sementara kerjakan langkah ini di luar bot; statusnya belum dicatat otomatis."
)
STEP_UNKNOWN = "Langkah tidak dikenal. Ketik /tugas untuk melihat langkah Anda."
STEP_OTHER_ROLE = "\n\nLangkah ini dikerjakan oleh {actor}; Anda cukup memantau statusnya di sini."

# --- Help -----------------------------------------------------------------------------

HELP = (
    "<b>Kinerja PBJ Bot</b> — SOP Pengelolaan Kinerja {unit}\n\n"
    "Anda: <b>{name}</b>, {role}{unit_of_user}.\n{duties}\n\n"
    "<b>Perintah</b>\n{commands}\n\n"
    "Ketik /batal untuk menghentikan isian yang sedang berjalan."
)
HELP_COMMAND_LINE = "/{command} — {description}"

# --- Errors ---------------------------------------------------------------------------

ERROR_INCIDENT = (
    "Maaf, terjadi kesalahan di sisi bot. Data Anda yang sudah tersimpan aman. "
    "Silakan coba lagi; bila berulang, sampaikan kode insiden <code>{code}</code> kepada UKPBJ."
)
ERROR_OPERATOR = "⚠️ Insiden <code>{code}</code>: {error} saat menangani {what}."


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
CLI_UPGRADED = "Skema basis data sudah versi terbaru ({url})."
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
DOCUMENT_KIND_NAMES = {
    "surat_edaran": "Surat Edaran",
    "surat_undangan": "Surat Undangan",
    "laporan_sosialisasi": "Laporan Sosialisasi",
    "rencana_disetujui": "Dokumen Perencanaan Kinerja (disetujui)",
    "rencana_xlsx": "Template rencana kinerja yang diunggah",
    "foto_sosialisasi": "Foto sosialisasi",
    "catatan_sosialisasi": "Catatan sosialisasi",
    "bukti_dukung": "Bukti dukung laporan",
    "data_kinerja_xlsx": "Template data kinerja yang diunggah",
}
DOCUMENT_KIND_OTHER = "Berkas arsip"
CLI_STARTING = "Kinerja PBJ Bot berjalan untuk {unit} ({government}). Tekan Ctrl+C untuk berhenti."


# --- Planning (/rencana, SOP steps 1-4) -----------------------------------------------

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
PLAN_BUTTON_SAVE = "✅ Simpan"
PLAN_BUTTON_DISCARD = "Batal"
PLAN_TEMPLATE_CAPTION = "Template rencana kinerja {year}. Isi di laptop, lalu kirim kembali berkas .xlsx ini ke chat ini."
PLAN_ASK_UPLOAD_YEAR = "Kirim berkas <b>.xlsx</b> rencana kinerja <b>{year}</b> hasil isian sekarang. Ketik /batal untuk batal."
PLAN_ASK_UPLOAD = (
    "Kirim berkas <b>.xlsx</b> rencana kinerja hasil isian sekarang. Ketik /batal untuk batal."
)
PLAN_UPLOAD_NOT_XLSX = "Berkas ini bukan .xlsx. Kirim template rencana dalam format Excel .xlsx (simpan ulang dari Excel bila perlu)."
PLAN_UPLOAD_TOO_BIG = "Berkas terlalu besar ({size}). Batasnya {limit}. Hapus baris kosong atau lembar tambahan, lalu kirim lagi."
PLAN_UPLOAD_CHECKING = "⏳ Memeriksa berkas…"
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
PLAN_DISCARDED = "Perubahan dibuang. Rencana yang tersimpan tidak berubah."
PLAN_PENDING_GONE = "Unggahan ini sudah tidak berlaku. Kirim ulang berkasnya."
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
PLAN_TEXT_REQUIRED = "❌ Isian harus 3-1000 karakter. Ketik lagi, atau /batal."
PLAN_ACTION_ADDED = "✅ Rencana aksi {code} no. {number} ditambahkan."
PLAN_EDIT_CANCELLED = "Dibatalkan. Rencana tidak berubah."
PLAN_VIEW_ONLY = "Anda hanya dapat melihat rencana."
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


# --- Approvals (the one mechanism) ----------------------------------------------------

APPROVAL_BUTTON_DETAIL = "🔎 Lihat detail"
APPROVAL_NOT_ALLOWED = "Hanya Kepala UKPBJ (atau Plt/Plh yang ditunjuk) yang dapat memutuskan ini."
APPROVAL_STALE = "Versi ini sudah diganti. Tidak ada yang diubah."
APPROVAL_STALE_MESSAGE = "⏹ Versi ini sudah diganti dengan pengajuan yang lebih baru."
APPROVAL_ALREADY = "Sudah diputuskan sebelumnya. Tidak ada yang diubah."
APPROVAL_ASK_COMMENT = "Tulis catatan untuk <b>{label}</b> ({title}). Catatan ini dikirim ke tim. Ketik /batal untuk batal."
APPROVAL_COMMENT_TOO_SHORT = "Catatan harus 3-1000 karakter. Tulis lagi, atau /batal."
APPROVAL_COMMENT_CANCELLED = "Dibatalkan; belum ada keputusan."
APPROVAL_DECIDED_LINE = "\n\n<b>{label}</b> oleh {by}, {when}{comment}"
# A decision recorded before options carried a past-tense label (or an unknown one).
APPROVAL_DECIDED_OTHER = "Diputuskan"
APPROVAL_DECIDED_COMMENT = "\nCatatan: {comment}"
APPROVAL_DECIDED_BY_ACTING = "{title} {name}"
APPROVAL_DONE = "Keputusan dicatat: {label}."
APPROVAL_PENDING_HEADER = "<b>Menunggu keputusan Anda</b> ({count})"
APPROVAL_PENDING_NONE = "Tidak ada yang menunggu keputusan Anda. 👍"
APPROVAL_PENDING_LINE = "• {title} — diajukan {when}{late}"
APPROVAL_PENDING_LATE = " ⏰ <b>sudah {days} hari</b>"
APPROVAL_BUTTON_OPEN = "Buka: {title}"

# --- Delegation (/plh) ----------------------------------------------------------------

DELEGATION_HEADER = "<b>Plt/Plh Kepala UKPBJ</b>\nDalam rentang tanggalnya, Plt/Plh dapat memutuskan persetujuan atas nama Kepala UKPBJ."
DELEGATION_NONE = "\nBelum ada Plt/Plh yang ditunjuk."
DELEGATION_LINE = "• {title} {name}: {start} – {end}{now}"
DELEGATION_ACTIVE_NOW = " (berlaku hari ini)"
DELEGATION_BUTTON_NEW = "➕ Tunjuk Plt/Plh"
DELEGATION_BUTTON_REVOKE = "Cabut {title} {name}"
DELEGATION_CHOOSE_PERSON = "Siapa yang ditunjuk?"
DELEGATION_NO_CANDIDATES = (
    "Belum ada anggota tim terdaftar yang dapat ditunjuk. Undang dulu lewat /undang."
)
DELEGATION_CHOOSE_TITLE = "Sebagai apa {name} ditunjuk?"
DELEGATION_ASK_DATES = (
    "Ketik rentang tanggal {title} {name}, contoh: {start} - {end}. Ketik /batal untuk batal."
)
DELEGATION_BAD_DATES = "❌ {reason}. Ketik seperti {start} - {end}."
DELEGATION_PAST = "❌ Tanggal selesai sudah lewat. Ketik rentang yang masih akan datang."
DELEGATION_SAVED = "✅ {title} {name} ditunjuk untuk {start} – {end}."
DELEGATION_NOTIFY = "ℹ️ Anda ditunjuk sebagai <b>{title} Kepala UKPBJ</b> untuk {start} – {end}. Dalam rentang itu Anda dapat memutuskan persetujuan (/persetujuan)."
DELEGATION_REVOKED = "Penunjukan dicabut."

# --- Plan approval (SOP steps 5-6) ------------------------------------------------------

PLAN_BUTTON_SUBMIT = "📨 Ajukan persetujuan"
PLAN_BUTTON_RESUBMIT = "📨 Ajukan lagi"
PLAN_SUBMIT_BLOCKED = "Rencana belum dapat diajukan; masih kurang:\n{items}"
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


# --- Outbox -----------------------------------------------------------------------------

OUTBOX_UNREACHABLE = "⚠️ Pesan tidak dapat dikirim kepada: {names}. Bot mungkin diblokir atau akunnya tidak aktif; hubungi mereka langsung."


# --- Letters and outreach (SOP steps 7-9) -----------------------------------------------

LETTER_KIND_NAMES = {
    "edaran": "Surat Edaran",
    "undangan": "Surat Undangan Sosialisasi",
    "laporan": "Laporan Sosialisasi",
}
LETTER_STATUS = {
    "draft": "draf",
    "awaiting_signature": "menunggu tanda tangan",
    "signed": "ditandatangani",
}
LETTER_CARD = "<b>{name} {year}</b> — {status}{number}\n{detail}"
LETTER_NUMBER = "\nNomor: {number}"
LETTER_NONE = (
    "<b>{name} {year}</b>\nBelum ada draf. Tekan tombol di bawah untuk membuat draf dengan teks baku; "
    "setiap paragraf dapat diganti sebelum diajukan kepada Kepala UKPBJ."
)
LETTER_NONE_HEAD = (
    "<b>{name} {year}</b>\nBelum ada draf. Tim Pengelolaan Kelembagaan menyusunnya; permohonan "
    "tanda tangan akan masuk ke chat ini (juga di /persetujuan)."
)
LETTER_NEEDS_PLAN = "<b>{name} {year}</b>\nBelum dapat dibuat: Rencana Kinerja {year} belum disetujui (langkah 5-6).\n\n{next}"
LETTER_PLAN_NEXT = {
    # (role, the plan already waits for the head's decision)
    (
        "tim",
        False,
    ): "Berikutnya: lengkapi rencana lalu tekan <b>Ajukan persetujuan</b> di /rencana.",
    ("tim", True): "Rencana sudah diajukan dan menunggu keputusan Kepala UKPBJ.",
    (
        "kepala",
        False,
    ): "Tim Pengelolaan Kelembagaan menyusun rencana lalu mengajukannya kepada Anda.",
    ("kepala", True): "Rencana menunggu keputusan Anda: buka /persetujuan.",
}
LETTER_BUTTON_PLAN = "📋 Buka rencana {year}"
LETTER_BUTTON_CIRCULAR = "📄 Buka Surat Edaran"
LETTER_BUTTON_SOCIALISATION = "📨 Undangan sosialisasi"
LETTER_BUTTON_SIGN_REQUEST = "✍️ Buka permohonan tanda tangan"
LETTER_BUTTON_CARD = "« Kembali ke surat"
LETTER_NEXT_DRAFT_TEAM = (
    "\n\nBerikutnya: periksa pratinjau, ganti paragraf bila perlu, lalu <b>Ajukan tanda tangan</b>."
)
LETTER_NEXT_DRAFT_HEAD = "\n\nTim mengajukan draf ini kepada Anda bila sudah siap."
LETTER_NEXT_AWAITING_TEAM = "\n\nMenunggu tanda tangan Kepala UKPBJ."
LETTER_NEXT_AWAITING_HEAD = "\n\nMenunggu tanda tangan Anda."
LETTER_NEXT_CIRCULAR_SIGNED = "\n\nBerikutnya: undangan sosialisasi (langkah 8)."
LETTER_NEXT_REPORT_SIGNED = (
    "\n\nLangkah 7-9 selesai. Berikutnya: paket pengadaan per OPD (/paket, langkah 10)."
)
LETTER_BUTTON_NEW = "📝 Buat draf {name}"
LETTER_BUTTON_PREVIEW = "📄 Pratinjau PDF"
LETTER_BUTTON_EDIT = "✏️ Ganti paragraf"
LETTER_BUTTON_SUBMIT = "📨 Ajukan tanda tangan"
LETTER_BUTTON_REFRESH = "🔄 Perbarui"
LETTER_PREVIEW_CAPTION = "Pratinjau {name} (DRAF, belum bernomor)."
LETTER_CHOOSE_SECTION = "Paragraf mana yang diganti?"
LETTER_ASK_SECTION = "Ketik teks baru untuk <b>{section}</b>.{hint}\nSekarang:\n<i>{current}</i>\n\nKetik /batal untuk batal."
LETTER_ASK_LIST_HINT = "\nSatu baris untuk setiap nama."
LETTER_ASK_COPIES_HINT = "\nSatu baris untuk setiap tembusan; ketik - bila tanpa tembusan."
LETTER_EMPTY_PART = "(kosong)"
LETTER_SECTION_SAVED = "✅ Paragraf <b>{section}</b> diganti. Kirim pratinjau untuk memeriksa."
LETTER_BAD_TEXT = "❌ {reason}. Ketik lagi, atau /batal."
# The parts of a letter on the "Ganti paragraf" buttons (bot.letters.parts).
LETTER_PART_LABELS = {
    "tentang": "Tentang",
    "recipients": "Kepada (Yth.)",
    "section": "{number}. {title}",
    "legal_basis": "Dasar huruf {letter}",
    "point": "Isi Edaran huruf {letter}",
    "closing": "Penutup",
    "copies": "Tembusan",
    "opening": "Pembuka",
    "time_text": "Waktu",
    "place": "Tempat",
    "agenda": "Acara",
    "title": "Judul laporan",
    "introduction": "A. Pendahuluan",
    "activities": "B. Kegiatan yang Dilaksanakan",
    "results": "C. Hasil yang Dicapai",
    "conclusions": "D. Simpulan dan Saran",
}
LETTER_REPORT_CLOSING = "E. Penutup"
LETTER_SUBMITTED = "📨 {name} diajukan kepada Kepala UKPBJ untuk ditandatangani."
LETTER_NOT_DRAFT = "{name} sudah {status}."
LETTER_APPROVAL_SUMMARY = (
    "✍️ <b>Permohonan tanda tangan: {name}</b>\nDiajukan oleh {by}, {when}\n\n{detail}"
)
LETTER_OPTION_SIGN = "✍️ Tandatangani"
LETTER_OPTION_REJECT = "↩️ Kembalikan"
LETTER_OPTION_SIGN_DONE = "✍️ Ditandatangani"
LETTER_OPTION_REJECT_DONE = "↩️ Dikembalikan"
LETTER_SIGNED_TEAM = (
    "✍️ {name} ditandatangani oleh {by}. Nomor: {number}. Pengiriman ke {count} penerima dimulai."
)
LETTER_SIGNED_REPORT = "✍️ {name} ditandatangani oleh {by} dan diarsipkan. Langkah 7-9 selesai."
LETTER_REJECTED_TEAM = (
    "↩️ {name} dikembalikan oleh {by}:\n<i>{comment}</i>\nPerbaiki lalu ajukan lagi."
)
LETTER_CAPTION = "{name} Nomor {number}. Mohon tekan tombol di bawah bila sudah diterima."
LETTER_CAPTION_INVITATION = (
    "{name} Nomor {number}.\n{when}, {place}.\nMohon konfirmasi kehadiran Anda."
)
LETTER_BUTTON_ACK = "✅ Sudah diterima"
LETTER_ACK_THANKS = "Terima kasih, tanda terima dicatat."
LETTER_ACK_ALREADY = "Tanda terima sudah dicatat sebelumnya."
LETTER_NOT_YOURS = "Tombol ini untuk penerima surat ini saja."
EDARAN_TALLY = (
    "\n<b>Pengiriman</b>: terkirim {sent} · diterima {acked} · gagal {failed} · antre {pending}"
)
TALLY_UNIT_LINE = "• {unit}: {parts}"
TALLY_UNIT_DELIVERY = "{sent}/{total} terkirim, {acked} diterima"
TALLY_UNIT_SILENT = "{count} belum menjawab"
TALLY_UNIT_FAILED = "{count} gagal terkirim"
TALLY_UNIT_PENDING = "{count} antre"
TALLY_FAILED_LINE = "  ⚠️ {name}: gagal terkirim: {reason}"
TALLY_UNKNOWN_PERSON = "penerima yang sudah tidak terdaftar"
# Why a copy did not arrive (bot.core.delivery.failure_reason); Telegram's own English
# error text stays in the log.
DELIVERY_REASONS = {
    FailureReason.BLOCKED: "bot diblokir",
    FailureReason.ACCOUNT_GONE: "akun Telegram sudah dihapus atau nonaktif",
    FailureReason.NO_CHAT: "chat dengan bot tidak ditemukan; minta ia membuka bot lagi",
    FailureReason.REJECTED: "pesan ditolak Telegram",
    FailureReason.NETWORK: "jaringan terputus; pengiriman dihentikan setelah beberapa kali mencoba",
    FailureReason.UNKNOWN: "sebab tidak diketahui",
}
EDARAN_NO_PJ = "\n<b>Unit tanpa PJ terdaftar</b> ({count}): {units}"
EDARAN_BUTTON_INVITE = "Undang PJ {unit}"
EDARAN_INVITE_CREATED = "Undangan PJ {unit} (berlaku sampai {expires}):\n{link}"
SOC_ASK_DATE = "Sosialisasi: <b>1/4</b> Ketik tanggal, contoh {example}. (/batal untuk batal)"
SOC_ASK_TIME = "<b>2/4</b> Ketik jam mulai, contoh 09.00"
SOC_ASK_PLACE = "<b>3/4</b> Ketik tempat, contoh: Aula Kantor Bupati Jayawijaya, Wamena"
SOC_ASK_AGENDA = (
    "<b>4/4</b> Ketik acara, contoh: Sosialisasi Implementasi Pengelolaan Kinerja Pengadaan"
)
SOC_BAD_DATE = "❌ {reason}. Ketik tanggal seperti {example}."
SOC_PAST_DATE = "❌ Tanggal harus setelah hari ini ({today})."
SOC_BAD_TIME = "❌ Jam tidak dikenali. Ketik seperti 09.00 atau 13:30."
SOC_TIME_TEXT = "{time} WIT s.d. selesai"
SOC_DETAIL = "{when}, pukul {time}\nTempat: {place}\nAcara: {agenda}"
SOC_RSVP_TALLY = "\n<b>Konfirmasi</b>: hadir {hadir} · diwakilkan {wakil} · tidak hadir {tidak} · belum menjawab {belum}"
SOC_DELIVERY_TALLY = (
    "\n<b>Pengiriman undangan</b>: terkirim {sent} · gagal {failed} · antre {pending}"
)
SOC_NO_ANSWER = "\nBelum menjawab: {names}"
SOC_ATTENDANCE = "\n<b>Daftar hadir</b>: {present} orang hadir{window}"
SOC_WINDOW_OPEN = " · daftar hadir dibuka sampai {until}"
SOC_BUTTON_OPEN = "🟢 Buka daftar hadir (3 jam)"
SOC_BUTTON_CLOSE = "🔴 Tutup daftar hadir"
SOC_BUTTON_CHECKLIST = "☑️ Centang daftar hadir"
SOC_BUTTON_MEDIA = "📷 Unggah foto & catatan"
SOC_BUTTON_REPORT = "📝 Laporan Sosialisasi"
SOC_RSVP_HADIR = "✅ Hadir"
SOC_RSVP_WAKIL = "👤 Diwakilkan"
SOC_RSVP_TIDAK = "❌ Tidak hadir"
SOC_RSVP_LABELS = {"hadir": "Hadir", "wakil": "Diwakilkan", "tidak": "Tidak hadir"}
SOC_ASK_DELEGATE = "Siapa nama wakil Anda yang akan hadir?"
SOC_ASK_REASON = "Mohon tulis alasan Anda tidak dapat hadir."
SOC_RSVP_SAVED = "Terima kasih, konfirmasi Anda dicatat: <b>{answer}</b>{note}."
SOC_ATTEND_CALL = "📣 Sosialisasi sedang berlangsung. Tekan tombol di bawah bila Anda hadir."
SOC_BUTTON_PRESENT = "✋ Saya hadir"
SOC_PRESENT_SAVED = "Kehadiran Anda dicatat. Terima kasih."
SOC_WINDOW_CLOSED = "Daftar hadir sudah ditutup. Hubungi tim UKPBJ bila Anda hadir."
SOC_CHECKLIST = "Centang peserta yang hadir ({page}/{pages}):"
SOC_MEDIA_ASK = "Kirim foto kegiatan (boleh beberapa sekaligus) dan catatan berupa teks. Tekan Selesai bila sudah."
SOC_MEDIA_SAVED = "📷 {count} foto tersimpan."
SOC_NOTE_SAVED = "📝 Catatan tersimpan."
SOC_MEDIA_DONE_BUTTON = "Selesai"
SOC_MEDIA_DONE = "Foto dan catatan tersimpan: {photos} foto, {notes} catatan."
SOC_MEDIA_NOT_IMAGE = "Kirim foto (JPG/PNG) atau teks catatan."
SOC_PHOTO_TOO_BIG = "Foto terlalu besar ({size}); batasnya {limit}."
SOC_NEEDS_CIRCULAR = "<b>Surat Undangan Sosialisasi</b>\nBelum dapat dibuat: Surat Edaran (langkah 7) harus ditandatangani dan dikirim dulu."
SOC_NEEDS_INVITATION = "Buat dan tandatangani Surat Undangan dulu."


# --- Packages (/paket, SOP step 10) -------------------------------------------------------

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


# --- Reporting (/jadwal, /lapor, /verifikasi; SOP steps 11-12) ------------------------------

PERIOD_WITH_YEAR = "{label} {year}"
PERIOD_UNKNOWN = "periode yang sudah tidak ada di rencana"
SCHEDULE_HEADER = "<b>Jadwal pelaporan {year}</b> (batas waktu, WIT)\n{phase}"
SCHEDULE_LINE = "• {label} ({frequency}, {span}): batas {deadline}{state}"
SCHEDULE_OPEN = " — <b>sedang dibuka</b>"
SCHEDULE_NONE = "Belum ada jadwal pelaporan: rencana kinerja {year} belum disetujui Kepala UKPBJ. Lihat /rencana dan /tugas."
SCHEDULE_NO_PERIODS = "Tidak ada indikator dengan frekuensi pelaporan di rencana ini."
SCHEDULE_CLOSE_HINT = "\nBila semua laporan {year} sudah diverifikasi, tim dapat menutup siklus {year}; setelah itu tidak ada laporan {year} yang diterima lagi."
CYCLE_BUTTON_CLOSE = "🔒 Tutup siklus {year}"
CYCLE_BUTTON_CONFIRM = "Ya, tutup siklus {year}"
CYCLE_CLOSE_ASK = "Tutup siklus kinerja {year}? Sesudahnya PJ tidak dapat lagi mengirim laporan {year} (juga yang terlambat) dan siklus {year}, termasuk langkah 13-17 (kompilasi, analisis, laporan, rapat), tidak tampil lagi di /tugas, /status, /jadwal, /lapor dan /verifikasi. Tutup setelah laporan tahunan dan rapat kinerja {year} selesai. Arsipnya tetap tersimpan; siklus yang ditutup tidak dapat dibuka lagi."
CYCLE_CLOSE_KEPT = "Siklus {year} tetap terbuka."
CYCLE_CLOSED = "🔒 Siklus kinerja {year} ditutup. Arsipnya tetap tersimpan."
CYCLE_CLOSE_REFUSED = {
    CloseRefusal.ALREADY_CLOSED: "Siklus {year} sudah ditutup sebelumnya.",
    CloseRefusal.NOT_APPROVED: "Siklus {year} belum punya rencana yang disetujui; tidak ada yang perlu ditutup.",
    CloseRefusal.DEADLINES_AHEAD: "Siklus {year} belum dapat ditutup: masih ada batas waktu pelaporan yang belum lewat (lihat /jadwal).",
    CloseRefusal.REPORTS_WAITING: "Siklus {year} belum dapat ditutup: masih ada laporan yang menunggu verifikasi. Selesaikan dulu lewat /verifikasi.",
}
REPORT_NO_UNIT = "Akun Anda belum terhubung ke unit; hubungi tim UKPBJ."
REPORT_NO_PERIODS_YET = "Belum ada periode pelaporan yang dimulai. Pelaporan siklus {year} dimulai {start}; lihat batas waktunya di /jadwal."
REPORT_NO_PLAN = "Belum ada periode pelaporan: rencana kinerja belum disetujui Kepala UKPBJ. Anda akan menerima Surat Edaran bila pelaporan dimulai."
REPORT_CHOOSE_PERIOD = "Laporan untuk periode mana? ({page}/{pages})\n✅ semua paket sudah dilaporkan · ⏰ batas waktu sudah lewat (laporan tetap diterima, ditandai terlambat)"
REPORT_PERIOD_BUTTON = "{mark} {label} · batas {deadline}{late}"
REPORT_PERIOD_DONE = "✅"
REPORT_PERIOD_OPEN = "⬜"
REPORT_PERIOD_LATE = " ⏰"
REPORT_BUTTON_OTHER_PACKAGE = "« Pilih paket lain"
REPORT_BUTTON_NEXT_PACKAGE = "Laporkan paket lain"
REPORT_NO_PACKAGES = (
    "Belum ada paket {year} unit Anda yang dipetakan ke area strategis. Petakan dulu lewat /paket."
)
REPORT_CHOOSE_PACKAGE = "<b>{period}</b> — pilih paket ({page}/{pages}). ✅ sudah dilaporkan."
REPORT_NOTHING_DUE = (
    "Tidak ada indikator area {area} yang dilaporkan pada {period}. Pilih paket lain."
)
REPORT_RESUME = "Ada laporan yang belum selesai: <b>{package}</b>, {period}. Lanjutkan?"
REPORT_BUTTON_RESUME = "▶ Lanjutkan"
REPORT_BUTTON_RESTART = "Mulai baru"
REPORT_ASK_INPUT = "<b>{step}/{total}</b> {label}\n<i>{hint}</i>{current}"
REPORT_CURRENT = "\nIsian sebelumnya: {value} (ketik lagi untuk mengubah)"
REPORT_BAD_INPUT = "❌ {reason}. Ketik lagi."
REPORT_ASK_ACTION = "Rencana aksi <b>{code} no. {number}</b>: {activity}\nBagaimana statusnya?"
REPORT_ASK_ACTION_NOTE = "Catatan singkat progres rencana aksi ini (ketik - bila tidak ada)."
REPORT_ASK_CONSTRAINTS = "Kendala yang dihadapi? (ketik - bila tidak ada)"
REPORT_ASK_EVIDENCE = "Kirim bukti dukung: foto atau PDF (boleh beberapa sekaligus). Tekan <b>Selesai</b> bila sudah, atau bila tidak ada."
REPORT_BUTTON_DONE = "Selesai"
REPORT_EVIDENCE_SAVED = "📎 {count} berkas bukti tersimpan."
REPORT_EVIDENCE_TYPE = "Jenis berkas ini tidak diterima. Kirim foto (JPG/PNG) atau PDF."
REPORT_EVIDENCE_TOO_BIG = "Berkas terlalu besar ({size}). Batas unduh bot Telegram {limit}; kecilkan berkas atau kirim beberapa bagian. (Server Bot API sendiri dapat menaikkan batas ini.)"
REPORT_SUMMARY = "<b>Ringkasan laporan</b>\nPaket: {package}\nPeriode: {period}\n\n{values}\n\n<b>Rencana aksi</b>\n{actions}\n\n<b>Kendala</b>: {constraints}\n<b>Bukti dukung</b>: {evidence} berkas{late}"
REPORT_SUMMARY_VALUE = "• {label}: <b>{value}</b>"
REPORT_SUMMARY_INDICATOR = "→ {code}: <b>{value}</b> {unit} (target {target})"
REPORT_SUMMARY_ACTION = "• {code} no. {number}: {status}{note}"
REPORT_LATE_NOTE = (
    "\n⏰ Batas waktu periode ini sudah lewat; laporan diterima dan ditandai terlambat."
)
REPORT_BUTTON_SEND = "📨 Kirim"
REPORT_BUTTON_EDIT = "✏️ Ubah"
REPORT_CONFIRM_REVISION = "Paket ini sudah dilaporkan untuk periode ini (revisi {revision}, {status}). Kirim sebagai revisi baru?"
REPORT_BUTTON_REVISION = "Ya, kirim revisi baru"
REPORT_SENT = (
    "✅ Laporan {period} terkirim (revisi {revision}){late}. Tim UKPBJ akan memverifikasinya."
)
REPORT_SENT_LATE = ", ditandai terlambat"
REPORT_STATUS = {
    "submitted": "menunggu verifikasi",
    "accepted": "diterima",
    "returned": "dikembalikan",
    "superseded": "diganti",
}
REPORT_DRAFT_GONE = "Laporan yang sedang diisi tidak dapat dilanjutkan: siklusnya sudah ditutup, atau paket atau periodenya tidak ada lagi. Ketik /lapor untuk memilih periode yang masih terbuka."
REPORT_CANCELLED = "Laporan dihentikan; draf tetap tersimpan. Ketik /lapor untuk melanjutkan."
VERIFY_EMPTY = "Tidak ada laporan yang menunggu verifikasi. 👍"
VERIFY_CARD = "<b>Verifikasi</b> ({position}/{count})\n{package} — {unit}\nPeriode: {period} · revisi {revision}{late}\nDilaporkan oleh {owner}, {when}\n\n{values}\n\n<b>Rencana aksi</b>\n{actions}\n\n<b>Kendala</b>: {constraints}\n<b>Bukti</b>: {evidence} berkas"
VERIFY_LATE = " · ⏰ terlambat"
VERIFY_BUTTON_ACCEPT = "✅ Terima"
VERIFY_BUTTON_RETURN = "↩️ Kembalikan"
VERIFY_BUTTON_EVIDENCE = "📎 Lihat bukti"
VERIFY_BUTTON_NEXT = "Berikutnya ▶"
VERIFY_ASK_NOTE = "Tulis catatan untuk pelapor: apa yang harus diperbaiki? (/batal untuk batal)"
VERIFY_ACCEPTED = "✅ Laporan diterima."
VERIFY_RETURNED = "↩️ Laporan dikembalikan dengan catatan."
VERIFY_GONE = "Laporan ini sudah diverifikasi atau diganti."
VERIFY_OWNER_ACCEPTED = "✅ Laporan {package} ({period}) diterima oleh tim UKPBJ."
VERIFY_OWNER_RETURNED = "↩️ Laporan {package} ({period}) dikembalikan:\n<i>{note}</i>\nPerbaiki lalu kirim lagi lewat /lapor."
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
REPORT_BUTTON_TEMPLATE = "📥 Template Data Kinerja (Excel)"
REPORT_TEMPLATE_CAPTION = "Template Data Kinerja {unit}, {period}. Isi di laptop, lalu kirim kembali berkas ini ke chat ini."
REPORT_WORKBOOK_PROBLEMS = "❌ Berkas belum dapat dikirim: {count} masalah. Tidak ada yang disimpan.\n\n{lines}{more}\n\nPerbaiki lalu kirim lagi, atau /batal."
REPORT_WORKBOOK_EMPTY = "Berkas sah, tetapi belum ada nilai yang diisi untuk paket mana pun."
REPORT_WORKBOOK_SUMMARY = "✅ Berkas sah: {packages} paket berisi nilai, {actions} rencana aksi, {constraints} kendala ({period}).{late}\n\nKirim laporan ini?"
REPORT_WORKBOOK_SENT = (
    "✅ Laporan {period} terkirim untuk {count} paket{late}. Tim UKPBJ akan memverifikasinya."
)
