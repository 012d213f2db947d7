"""Texts of registration, /undang and /pengguna (Bahasa Indonesia, Telegram HTML)."""

from __future__ import annotations

from bot.core.roles import Role
from bot.people.invitation_rules import InvitationProblem

# The role on a button next to a person's name, where the full name does not fit.
ROLE_SHORT = {Role.KEPALA: "Kepala", Role.TIM: "Tim", Role.PJ: "PJ Kinerja"}

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

REG_NOTIFY_INVITER = "ℹ️ {name} telah mendaftar sebagai {role}{unit} melalui undangan Anda."

REG_REPLACES_HEAD = "\n⚠️ Anda akan menggantikan <b>{name}</b> sebagai Kepala UKPBJ."

HEAD_REPLACED = (
    "ℹ️ {name} kini terdaftar sebagai Kepala UKPBJ menggantikan Anda. Akun Anda di bot ini "
    "dinonaktifkan. Bila Anda tetap bertugas di UKPBJ, mintalah undangan dengan peran baru "
    "kepada Kepala UKPBJ."
)

INVITE_CHOOSE_ROLE = "Undangan untuk peran apa?"

INVITE_CHOOSE_UNIT = "Pilih unit (OPD) Penanggung Jawab Kinerja yang diundang ({page}/{pages}):"

INVITE_BUTTON_NEW_UNIT = "➕ Unit lain (ketik nama)"

INVITE_ASK_UNIT_NAME = "Ketik nama lengkap unit (OPD), contoh: Dinas Kesehatan."

INVITE_BAD_UNIT_NAME = "Nama unit harus 3-200 karakter. Ketik nama lengkap unit."

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
