"""Texts of the one approval mechanism and acting heads (/plh) (Bahasa Indonesia, Telegram HTML)."""

from __future__ import annotations

APPROVAL_BUTTON_DETAIL = "🔎 Lihat detail"

APPROVAL_NOT_ALLOWED = "Hanya Kepala UKPBJ (atau Plt/Plh yang ditunjuk) yang dapat memutuskan ini."

APPROVAL_STALE = "Versi ini sudah diganti. Tidak ada yang diubah."

APPROVAL_STALE_MESSAGE = "⏹ Versi ini sudah diganti dengan pengajuan yang lebih baru."

APPROVAL_OWN_REQUEST = (
    "Anda sendiri yang mengajukan ini, jadi tidak dapat memutuskannya. "
    "Keputusan diambil oleh Kepala UKPBJ atau Plt/Plh lain."
)

APPROVAL_ALREADY = "Sudah diputuskan sebelumnya. Tidak ada yang diubah."

APPROVAL_ASK_COMMENT = "Tulis catatan untuk <b>{label}</b> ({title}). Catatan ini dikirim ke tim. Ketik /batal untuk batal."

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

DELEGATION_TOO_EARLY = (
    "❌ Tanggal mulai paling lama {days} hari sebelum hari ini. Ketik rentang yang lain."
)

DELEGATION_TOO_LONG = (
    "❌ Penunjukan Plt/Plh paling lama {days} hari. Ketik rentang yang lebih pendek."
)

DELEGATION_PAST = "❌ Tanggal selesai sudah lewat. Ketik rentang yang masih akan datang."

DELEGATION_SAVED = "✅ {title} {name} ditunjuk untuk {start} – {end}."

DELEGATION_NOTIFY = "ℹ️ Anda ditunjuk sebagai <b>{title} Kepala UKPBJ</b> untuk {start} – {end}. Dalam rentang itu Anda dapat memutuskan persetujuan (/persetujuan)."

DELEGATION_REVOKED = "Penunjukan dicabut."
