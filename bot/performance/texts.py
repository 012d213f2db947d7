"""Texts of /laporan: the Laporan Pencapaian Kinerja, its deck and the final indicator-status
report (SOP steps 15-17) (Bahasa Indonesia, Telegram HTML)."""

from __future__ import annotations

from bot.performance.kinds import ReportChoice

CHOICE_NAMES = {
    ReportChoice.BULANAN: "Laporan bulanan",
    ReportChoice.TRIWULANAN: "Laporan triwulanan",
    ReportChoice.SEMESTER: "Laporan semester",
    ReportChoice.TAHUNAN: "Laporan tahunan",
    ReportChoice.STATUS: "Status akhir indikator",
}

REPORT_NAMES = {
    False: "Laporan Pencapaian Kinerja",
    True: "Laporan Status Akhir Indikator",
}

STATUS_MARKS = {
    "draft": " — draf",
    "awaiting_signature": " — menunggu tanda tangan",
    "returned": " — perlu perbaikan",
    "signed": " — ditandatangani",
}

# The head's decisions on recommendations in the meeting (step 17), as the reports print them.
DECISION_LABELS = {
    "rekomendasi": "Rekomendasi disetujui",
    "lanjut": "Lanjut tanpa perbaikan",
    "tercapai": "Indikator tercapai",
    "waktu_habis": "Waktu habis",
}
DECISION_OTHER = "Sudah diputuskan"

NO_PLAN = (
    "<b>Laporan kinerja</b>\nBelum ada rencana kinerja yang disetujui, jadi belum ada capaian "
    "untuk dilaporkan."
)
PICK_YEAR = "<b>Laporan kinerja</b>\nPilih tahun:"
PICK_KIND = "<b>Laporan kinerja {year}</b>\nPilih jenis laporan:"
PICK_PERIOD = "<b>{name} {year}</b>\nPilih periode (yang sudah berakhir, terbaru di atas):"
PICK_PERIOD_HEAD = (
    "<b>{name} {year}</b>\nPilih periode untuk membaca laporan yang sudah ditandatangani:"
)
NO_PERIODS = "<b>{name} {year}</b>\nBelum ada periode yang berakhir. Laporan dapat dibuat setelah periode berakhir."

MAKING = "⏳ Menyusun {name} {period}… (laporan, lembar kerja, dan bahan paparan)"
MAKING_STATUS = "⏳ Menyusun {name} {period}…"
MADE = (
    "<b>{name} {period}</b> — revisi ke-{revision} (draf)\n"
    "{indicators} indikator; {missing} belum memiliki data lengkap.\n\n"
    "Periksa berkas di atas. Jika sudah sesuai, ajukan kepada Kepala UKPBJ untuk "
    "ditandatangani. Yang ditandatangani sama dengan draf ini; bila data berubah sesudahnya, susun revisi baru."
)
MADE_EARLIER = "\nRevisi sebelumnya yang belum ditandatangani tidak berlaku lagi."
REFUSED = {
    "no_plan": NO_PLAN,
    "no_period": "Periode ini tidak ada pada rencana kinerja. Silakan buka /laporan lagi.",
    "no_results": "Capaian tahun ini belum dapat dihitung. Silakan coba lagi nanti.",
    "gone": "Laporan ini sudah tidak ada. Silakan buka /laporan lagi.",
    "not_latest": (
        "Sudah ada revisi yang lebih baru untuk periode ini; ajukan revisi terbaru dari /laporan."
    ),
    "signed": "Laporan ini sudah ditandatangani.",
}
BUTTON_SUBMIT = "✍️ Ajukan untuk ditandatangani"
BUTTON_BACK_TO_PERIODS = "◀️ Periode lain"

CAPTION_FILES = (
    "{name} {period}",
    "Lembar kerja {name} {period}",
    "Bahan paparan {name} {period}",
)
CAPTION_DRAFT = " — draf revisi ke-{revision}"
CAPTION_SIGNED = " — ditandatangani (revisi ke-{revision}), kode verifikasi {code}"

SUBMITTED = (
    "<b>{name} {period}</b> diajukan kepada Kepala UKPBJ untuk ditandatangani. Hasilnya akan "
    "dikirim ke chat ini."
)
APPROVAL_SUMMARY = (
    "✍️ <b>Permohonan tanda tangan: {name} {period}</b> (revisi ke-{revision})\n"
    "Diajukan oleh {by}, {when}.\n\n"
    "Laporan (draf) terlampir; lembar kerja dan bahan paparan dikirim bersama salinan akhir."
)
APPROVAL_SUMMARY_STATUS = (
    "✍️ <b>Permohonan tanda tangan: {name} {period}</b> (revisi ke-{revision})\n"
    "Diajukan oleh {by}, {when}.\n\n"
    "Laporan (draf) terlampir."
)
OPTION_SIGN = "✍️ Tandatangani"
OPTION_SIGN_DONE = "Ditandatangani"
OPTION_CHANGES = "✏️ Minta perbaikan"
OPTION_CHANGES_DONE = "Diminta perbaikan"

RETURNED_TEAM = (
    "✏️ <b>{name} {period}</b> (revisi ke-{revision}) diminta perbaikan oleh {by}:\n"
    "<i>{comment}</i>\n\nPerbaiki data atau analisis, lalu buat laporan lagi dari /laporan."
)
NOT_SIGNED_YET = (
    "<b>{name} {period}</b>\nBelum ada laporan yang ditandatangani untuk periode ini. "
    "Permohonan tanda tangan dari tim masuk ke /persetujuan."
)
