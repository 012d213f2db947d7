"""Every sentence /analisis shows (SOP step 14), in Bahasa Indonesia."""

from __future__ import annotations

# --- Menus ---------------------------------------------------------------------------

NO_PLAN = (
    "Belum ada rencana kinerja yang disetujui, jadi belum ada yang dapat dianalisis. "
    "Lihat /status untuk langkah yang sedang berjalan."
)
CHOOSE_YEAR = "<b>Analisis dan rekomendasi</b> (langkah 14)\n\nPilih tahun:"
YEAR_BUTTON = "Tahun {year}"
NO_ENDED_PERIOD = (
    "Belum ada periode pelaporan {year} yang berakhir. Periode pertama berakhir "
    "{end}; setelah itu buka lagi /analisis."
)
NO_PERIODS = "Rencana kinerja {year} tidak mempunyai periode pelaporan. Lihat /rencana."
CHOOSE_PERIOD = (
    "<b>Analisis dan rekomendasi {year}</b> (langkah 14)\n\n"
    "Pilih periode yang sudah berakhir (terbaru di atas):"
)
PERIOD_BUTTON = "{label} {year} · {analysed}/{total} dianalisis"
CHOOSE_INDICATOR = (
    "<b>Analisis {period} {year}</b> ({span})\n\n"
    "✅ sudah dianalisis · ⬜ belum. Pilih indikator, atau unduh lembar analisis untuk "
    "mengisi semuanya di Excel. (halaman {page}/{pages})"
)
CHOOSE_INDICATOR_HEAD = (
    "<b>Analisis {period} {year}</b> ({span})\n\n"
    "✅ sudah dianalisis · ⬜ belum. Pilih indikator untuk membaca analisis dan "
    "rekomendasinya. (halaman {page}/{pages})"
)
NO_INDICATORS = "Tidak ada indikator yang dilaporkan pada periode {period} {year}."
INDICATOR_BUTTON = "{mark} {code} · {name}{count}"
INDICATOR_DONE = "✅"
INDICATOR_OPEN = "⬜"
INDICATOR_COUNT = " ({count} rek.)"
BUTTON_DOWNLOAD = "📥 Unduh lembar analisis"
BUTTON_UPLOAD = "📤 Kirim lembar terisi"
BUTTON_BACK_PERIODS = "« Periode lain"
BUTTON_BACK_YEARS = "« Tahun lain"
BUTTON_BACK_LIST = "« Kembali ke daftar indikator"

# --- The card ------------------------------------------------------------------------

CARD = (
    "<b>{code} — {name}</b>\n"
    "Periode: {period} {year} ({span})\n"
    "{result}\n\n"
    "<b>Analisis</b>\n{analysis}\n\n"
    "<b>Rekomendasi</b>\n{recommendations}"
)
CARD_ANALYSIS = (
    "<i>Apa yang terjadi:</i> {what}\n<i>Penyebab:</i> {causes}\n<i>Metode analisis:</i> {method}"
)
CARD_NO_ANALYSIS = "Belum ada analisis."
CARD_NO_RECOMMENDATIONS = "Belum ada rekomendasi."
CARD_RECOMMENDATION = "{number}. {what}\n    PIC: {who} · batas waktu {due}{decided}"
CARD_DECIDED = " · sudah diputuskan dalam rapat"
CARD_NO_DUE = "-"
CARD_MORE = "… dan {count} rekomendasi lain (lihat lembar analisis)."
CARD_CLIPPED = "…"
CARD_NO_RESULT = "Capaian: belum ada hasil kompilasi untuk periode ini."
RESULT = "Realisasi: {realisation} · Target: {target}\nCapaian: {achievement}{band}"
RESULT_BAND = " ({band})"
RESULT_MISSING = "Realisasi: belum ada data · Target: {target}"
RESULT_REASON = "\n<i>{reason}</i>"
RESULT_MISSING_UNITS = "\nBelum melapor: {units}"
RESULT_MORE_UNITS = " dan {count} unit lain"
RESULT_NONE = "-"
BUTTON_WRITE = "✍️ Tulis analisis"
BUTTON_EDIT = "✍️ Ubah analisis"
BUTTON_ADD = "➕ Tambah rekomendasi"
BUTTON_REMOVE = "🗑 Hapus rekomendasi"
BUTTON_CANCEL_QUESTIONS = "Batal"

SAVED_ANALYSIS = "✅ Analisis tersimpan."
SAVED_RECOMMENDATION = "✅ Rekomendasi ditambahkan."
REMOVED = "🗑 Rekomendasi dihapus."
NOT_REMOVED = (
    "Rekomendasi itu sudah dihapus atau sudah diputuskan dalam rapat; tidak ada yang berubah."
)

# --- Questions -----------------------------------------------------------------------

ANALYSIS_QUESTIONS = (
    "<b>Apa yang terjadi?</b> Jelaskan capaian indikator ini pada periode ini.",
    "<b>Apa penyebabnya?</b> Faktor pendorong atau penghambat capaian.",
    "<b>Metode analisis apa yang dipakai?</b> Misalnya perbandingan dengan target, "
    "dengan periode lalu, atau analisis akar masalah.",
)
RECOMMENDATION_QUESTIONS = (
    "<b>Apa rekomendasinya?</b> Tulis tindakan perbaikan yang disarankan.",
    "<b>Siapa PIC-nya?</b> Tulis unit atau orang yang melaksanakan.",
    "<b>Kapan batas waktunya?</b> Tulis tanggal, misalnya {example}; paling lambat {last}.",
)
QUESTION_ANALYSIS = "<b>Analisis {code}</b> · {period} {year} ({number}/3)\n\n{question}{previous}"
QUESTION_RECOMMENDATION = (
    "<b>Rekomendasi baru {code}</b> · {period} {year} ({number}/3)\n\n{question}"
)
QUESTION_PREVIOUS = "\n\nJawaban sekarang: <i>{text}</i>\nKetik <b>-</b> untuk tetap memakainya."
QUESTION_LIMIT = "\n\nPaling banyak {limit} karakter."
ANSWER_REFUSED = "⚠️ {reason}."
QUESTIONS_GONE = "Isian ini sudah tidak berlaku. Buka /analisis lagi."
CANCELLED = "Dibatalkan; yang sudah tersimpan tidak berubah. Buka /analisis untuk melanjutkan."

REMOVE_MENU = (
    "<b>Hapus rekomendasi {code}</b> · {period} {year}\n\n"
    "Pilih rekomendasi yang dihapus. Rekomendasi yang sudah diputuskan dalam rapat tidak "
    "dapat dihapus."
)
REMOVE_BUTTON = "🗑 {number}. {what}"
REMOVE_NONE = "Tidak ada rekomendasi yang dapat dihapus."

# --- The workbook --------------------------------------------------------------------

SHEET_CAPTION = (
    "Lembar analisis {period} {year}. Isi kolom analisis dan lembar Rekomendasi, lalu "
    "kirim berkas ini kembali di sini."
)
SHEET_CAPTION_HEAD = "Lembar analisis {period} {year} (untuk dibaca)."
SHEET_FILE = "lembar analisis"
ASK_SHEET = (
    "Kirim lembar analisis {period} {year} yang sudah diisi (.xlsx), sebagai berkas. "
    "Belum punya? Tekan Unduh lembar analisis."
)
SHEET_PROBLEMS = (
    "⚠️ Lembar analisis tidak dapat disimpan ({count} masalah). Tidak ada yang berubah.\n\n"
    "{lines}{more}\n\nPerbaiki lalu kirim lagi berkasnya."
)
SHEET_EMPTY = (
    "Lembar analisis ini tidak berisi analisis maupun rekomendasi, dan belum ada "
    "rekomendasi yang akan diganti. Isi dulu, lalu kirim lagi."
)
SHEET_SUMMARY = (
    "<b>Lembar analisis {period} {year}</b> lolos pemeriksaan.\n\n"
    "Analisis: {new} baru, {changed} diubah, {same} tetap.\n"
    "Rekomendasi: {recommendations} dari lembar ini menggantikan {replaced} rekomendasi yang "
    "belum diputuskan.\n\nSimpan?"
)
SHEET_SAVED = (
    "✅ Lembar analisis {period} {year} tersimpan: {analyses} analisis, "
    "{recommendations} rekomendasi."
)
SHEET_DISCARDED = "Lembar analisis tidak disimpan; tidak ada yang berubah."
