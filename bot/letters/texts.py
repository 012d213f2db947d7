"""Texts of the letters of SOP steps 7-9 (/edaran, /sosialisasi) (Bahasa Indonesia, Telegram HTML)."""

from __future__ import annotations

from bot.letters.kinds import LetterKind, LetterStatus

LETTER_KIND_NAMES = {
    LetterKind.CIRCULAR: "Surat Edaran",
    LetterKind.INVITATION: "Surat Undangan Sosialisasi",
    LetterKind.REPORT: "Laporan Sosialisasi",
}

LETTER_STATUS = {
    LetterStatus.DRAFT: "draf",
    LetterStatus.AWAITING: "menunggu tanda tangan",
    LetterStatus.SIGNED: "ditandatangani",
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

SOC_BUTTON_REPORT = "📝 Laporan Sosialisasi"

SOC_NEEDS_CIRCULAR = "<b>Surat Undangan Sosialisasi</b>\nBelum dapat dibuat: Surat Edaran (langkah 7) harus ditandatangani dan dikirim dulu."
