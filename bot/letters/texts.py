"""Texts of the letters of SOP steps 7-9 (/edaran, /sosialisasi) (Bahasa Indonesia, Telegram HTML)."""

from __future__ import annotations

from bot.core.delivery import FailureReason

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
