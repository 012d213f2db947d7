"""Texts of outreach: what owners receive and answer, the tallies on the letter card, the
socialisation day (Bahasa Indonesia, Telegram HTML)."""

from __future__ import annotations

from bot.core.delivery import FailureReason
from bot.outreach.callbacks import RsvpAnswer

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

# Why a copy did not arrive (bot.core.delivery.failure_reason); Telegram's own English
# error text stays in the log.

DELIVERY_REASONS = {
    FailureReason.BLOCKED: "bot diblokir",
    FailureReason.ACCOUNT_GONE: "akun Telegram sudah dihapus atau nonaktif",
    FailureReason.NO_CHAT: "chat dengan bot tidak ditemukan; minta ia membuka bot lagi",
    FailureReason.REJECTED: "pesan ditolak Telegram",
    FailureReason.NETWORK: "jaringan terputus; pengiriman dihentikan setelah beberapa kali mencoba",
    FailureReason.UNCERTAIN: (
        "jaringan terputus saat mengirim; pesan mungkin sudah sampai, tanyakan kepada penerima"
    ),
    FailureReason.UNKNOWN: "sebab tidak diketahui",
}

EDARAN_NO_PJ = "\n<b>Unit tanpa PJ terdaftar</b> ({count}): {units}"

EDARAN_BUTTON_INVITE = "Undang PJ {unit}"

EDARAN_INVITE_CREATED = "Undangan PJ {unit} (berlaku sampai {expires}):\n{link}"

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

SOC_RSVP_LABELS = {
    RsvpAnswer.PRESENT: "Hadir",
    RsvpAnswer.REPRESENTED: "Diwakilkan",
    RsvpAnswer.ABSENT: "Tidak hadir",
}

SOC_RSVP_BUTTONS = {
    RsvpAnswer.PRESENT: "✅ Hadir",
    RsvpAnswer.REPRESENTED: "👤 Diwakilkan",
    RsvpAnswer.ABSENT: "❌ Tidak hadir",
}

SOC_RSVP_NOTE = " ({note})"

TALLY_UNIT_ANSWER = "{count} {label}"

SOC_CHECK_PRESENT = "✅ {name}"

SOC_CHECK_ABSENT = "⬜ {name}"

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

SOC_PHOTO_REFUSED = "Foto tidak diterima: {reason}. Kirim foto JPG atau PNG."

SOC_PHOTO_TOO_BIG = "Foto terlalu besar ({size}); batasnya {limit}."
