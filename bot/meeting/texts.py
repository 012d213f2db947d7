"""Every sentence of the decision meeting (SOP step 17), in Bahasa Indonesia."""

from __future__ import annotations

from bot.meeting.rules import Decision

# --- /rapat: choosing the period ------------------------------------------------------------

MEETING_NO_YEAR = (
    "Belum ada periode pelaporan yang selesai pada tahun dengan rencana kinerja yang "
    "disetujui. Rapat keputusan (langkah 17) dibuka setelah sebuah periode berakhir."
)
MEETING_CHOOSE_YEAR = "🗓 <b>Rapat keputusan</b> (langkah 17)\n\nPilih tahun:"
MEETING_CHOOSE_PERIOD = (
    "🗓 <b>Rapat keputusan {year}</b> (langkah 17)\n\n"
    "Pilih periode yang dibahas bersama Kepala UKPBJ (terbaru di atas; ✅ = sudah ada rapat):"
)
MEETING_PERIOD_BUTTON = "{label}"
MEETING_PERIOD_BUTTON_HELD = "✅ {label}"
MEETING_NOTHING = (
    "Tidak ada yang perlu diputuskan untuk {label}: semua rekomendasi dan indikator periode "
    "ini sudah diputuskan atau ditutup."
)
MEETING_NO_PERIOD = "Periode ini belum berakhir atau tidak lagi dilaporkan. Buka /rapat lagi."
MEETING_AGENDA = (
    "🗓 <b>Rapat keputusan · {label}</b>\n\n"
    "Kepala UKPBJ akan memutuskan {count} butir:\n{lines}\n\n"
    "Setiap butir dikirim kepada Kepala UKPBJ dengan pilihan: Setujui rekomendasi, Lanjut "
    "tanpa perbaikan, Indikator tercapai, atau Waktu habis.\n\n"
    "Ketik catatan singkat rapat bila perlu (paling banyak {max} karakter), lalu tekan "
    "<b>Buka rapat</b>. /batal untuk tidak jadi."
)
MEETING_AGENDA_NOTES = "\n\n📝 Catatan: {notes}"
MEETING_AGENDA_RECOMMENDATION = "• {code}: rekomendasi perbaikan"
MEETING_AGENDA_INDICATOR = "• {code}: tanpa rekomendasi"
MEETING_NOTES_TOO_LONG = "Catatan terlalu panjang ({length} karakter); paling banyak {max}."
MEETING_NOTES_SAVED = "Catatan disimpan."
MEETING_CANCELLED = "Rapat tidak jadi dibuka."
MEETING_BUTTON_OPEN = "▶️ Buka rapat"
MEETING_BUTTON_BACK = "⬅️ Pilih periode lain"

# --- Opening and progress -------------------------------------------------------------------

MEETING_OPENED = (
    "✅ Rapat keputusan {label} dibuka ({held_on}), {count} butir.\n"
    "Butir pertama sudah dikirim kepada Kepala UKPBJ; butir berikutnya menyusul setiap kali "
    "satu butir diputuskan. Pantau lewat /rapat."
)
MEETING_BUSY = "Masih ada rapat yang berjalan; selesaikan dulu sebelum membuka rapat baru."
MEETING_PROGRESS = (
    "🗓 <b>Rapat keputusan · {label}</b>\n"
    "Tanggal rapat: {held_on}{notes}\n"
    "{state}: {decided} dari {count} butir diputuskan.\n\n{lines}"
)
MEETING_PROGRESS_NOTES = "\nCatatan: {notes}"
MEETING_STATE_OPEN = "🔄 Berjalan"
MEETING_STATE_CLOSED = "✅ Selesai"
MEETING_ITEM_LINE = "{position}. <b>{code}</b> {name}{recommendation}\n   → {decision}"
MEETING_ITEM_RECOMMENDATION = "\n   Rekomendasi: {what}"
MEETING_ITEM_WAITING = "⏳ menunggu keputusan Kepala UKPBJ"
MEETING_ITEM_ACTION = " (rencana aksi ke-{number})"
MEETING_BUTTON_RESEND = "📨 Kirim ulang butir ke Kepala"
MEETING_BUTTON_SHOW = "📨 Tampilkan butir yang menunggu"
MEETING_RESENT = "Butir {position} dikirim ulang kepada Kepala UKPBJ."
MEETING_NOTHING_TO_RESEND = "Rapat ini sudah selesai; tidak ada butir yang menunggu."
MEETING_NONE_HEAD = (
    "Belum ada rapat keputusan. Tim Pengelolaan Kelembagaan membuka rapat lewat /rapat "
    "setelah sebuah periode berakhir; setiap butir sampai kepada Anda sebagai permintaan "
    "keputusan (juga di /persetujuan)."
)

# --- The head's request ---------------------------------------------------------------------

DECISION_LABELS = {
    Decision.APPROVE: "✅ Setujui rekomendasi",
    Decision.CONTINUE: "➡️ Lanjut tanpa perbaikan",
    Decision.ACHIEVED: "🏁 Indikator tercapai",
    Decision.TIME_UP: "⌛ Waktu habis",
}
DECISION_DONE = {
    Decision.APPROVE: "✅ Rekomendasi disetujui",
    Decision.CONTINUE: "➡️ Lanjut tanpa perbaikan",
    Decision.ACHIEVED: "🏁 Indikator tercapai (ditutup)",
    Decision.TIME_UP: "⌛ Waktu habis (ditutup)",
}
REQUEST_TITLE = "Rapat {label}: {code} ({position}/{count})"
REQUEST_SUMMARY = (
    "🗓 <b>Rapat keputusan · {label}</b>\n"
    "Butir {position} dari {count}\n\n"
    "<b>{code}</b> {name}\n{figures}\n\n{recommendation}"
)
REQUEST_RECOMMENDATION = "<b>Rekomendasi perbaikan</b>\nApa: {what}\nSiapa: {who}\nKapan: {due}"
REQUEST_DUE = "paling lambat {due}"
REQUEST_NO_DUE = "belum ditentukan"
REQUEST_NO_RECOMMENDATION = (
    "Tidak ada rekomendasi perbaikan untuk indikator ini. Putuskan: lanjut tanpa perbaikan, "
    "indikator tercapai, atau waktu habis."
)
REQUEST_UNKNOWN = "-"
REQUEST_FIGURES = "Realisasi {realisation} dari target {target} → <b>{achievement}</b> ({band})"
REQUEST_FIGURES_NO_PERCENT = "Realisasi {realisation} dari target {target}.{reason}"
REQUEST_FIGURES_MISSING = "Realisasi periode ini belum ada.{reason}"
REQUEST_FIGURES_MISSING_FROM = (
    "Realisasi periode ini belum ada: belum ada laporan diterima dari {units}."
)
REQUEST_FIGURES_MISSING_UNITS = "\nBelum ada laporan diterima dari: {units}"
REQUEST_MORE_UNITS = "{names} dan {count} unit lain"
REQUEST_NO_TARGET = "(belum ditetapkan)"
REQUEST_FIGURES_NONE = "Capaian periode ini belum dihitung."

# --- The minutes ----------------------------------------------------------------------------

MINUTES = (
    "📋 <b>Notulen rapat keputusan · {label}</b>\n"
    "Tanggal rapat: {held_on}{notes}\n"
    "Diputuskan oleh: {by}\n\n{lines}"
)
MINUTES_LINE = "{position}. <b>{code}</b> {name}{recommendation}\n   → {decision}"
MINUTES_NEXT_TEAM = (
    "\n\nLangkah 17 selesai. Langkah berikutnya: Buat Laporan Status Akhir Indikator lewat "
    "/laporan, lalu ajukan tanda tangan Kepala UKPBJ."
)
MINUTES_ACTIONS_TEAM = (
    "\n\nRencana aksi baru dari rekomendasi yang disetujui sudah masuk rencana kinerja; "
    "PJ melaporkannya mulai periode berikutnya (langkah 11)."
)
