"""Texts of the results (/capaian; SOP step 13) (Bahasa Indonesia, Telegram HTML)."""

from __future__ import annotations

from bot.core.roles import Role

NO_PLAN = (
    "Belum ada capaian untuk ditampilkan. Capaian dihitung dari laporan PJ yang sudah "
    "diverifikasi, terhadap rencana kinerja yang disetujui Kepala UKPBJ.\n\n"
    "Mulai dari sini: tim menyusun rencana kinerja lewat /rencana dan mengajukannya; Kepala "
    "UKPBJ menyetujuinya lewat /persetujuan. Sesudah itu paket dipetakan (/paket), PJ "
    "melapor (/lapor) dan tim memverifikasi (/verifikasi). Urutan langkahnya ada di /tugas."
)

CHOOSE_YEAR = "Capaian kinerja tahun berapa?"

BUTTON_YEAR = "Capaian {year}"

BUTTON_TREND = "📈 Tren {code}"

HEADER = (
    "<b>Capaian kinerja {year}</b> ({page}/{pages})\n"
    "Dihitung {when} dari laporan yang sudah diverifikasi."
)

HINT_NO_PACKAGES = "Belum ada paket yang dipetakan ke area strategis: petakan lewat /paket."

HINT_NO_REPORTS = (
    "Belum ada laporan PJ yang diterima. Laporan masuk hitungan setelah diverifikasi "
    "lewat /verifikasi."
)

AREA = "<b>{code} · {name}</b>"

INDICATOR = "• <b>{code}</b> {name}"

VALUE = "  {period}: {realisation} dari target {target} → <b>{achievement}</b> ({band})"

VALUE_NO_PERCENT = "  {period}: {realisation} dari target {target}. {reason}"

VALUE_MISSING = "  {period}: belum ada data. {reason}"

VALUE_NONE = "  Belum ada periode yang berakhir."

PARTLY = (
    "  Baru {counted} dari {expected} paket terhitung; belum ada laporan diterima dari: {units}"
)

MISSING_UNITS = "  Belum ada laporan diterima dari: {units}"

MORE_UNITS = "{names} dan {count} unit lain"

CLOSED = "  🔒 Ditutup ({reason}) setelah {day}"

CLOSURE_REASONS = {"tercapai": "indikator tercapai", "waktu_habis": "waktu habis"}

LATE_ACTIONS = "<b>Rencana aksi terlambat: {count}</b>"

LATE_ACTION = "• {code} aksi {number}: {activity} (batas {end}; status terakhir: {status})"

LATE_MORE = "• dan {count} lainnya"

NO_TARGET = "-"

CHART_CAPTION = "Capaian terhadap target {year}"

CHART_CAPTION_PAGE = "Capaian terhadap target {year} (halaman {page}/{pages})"

BUTTON_CHART = "📊 Grafik"

TREND_CAPTION = "<b>Tren {code}</b> · {name}"

TREND_LINE = "{period}: {value}"

TREND_NONE = "belum ada data"

TREND_NOT_STARTED = "belum dimulai"

UNKNOWN_INDICATOR = "Indikator itu tidak ada lagi di rencana {year}. Buka /capaian lagi."

STEP_NOTE = "{periods}: {count} paket belum punya laporan yang diterima"

# The last page of /capaian says what comes next (every screen has a next step).
NEXT_STEP = {
    Role.TIM: "➡️ Langkah berikutnya: tulis analisis dan rekomendasi per indikator lewat "
    "/analisis (langkah 14), lalu susun laporan lewat /laporan.",
    Role.KEPALA: "➡️ Laporan yang menunggu tanda tangan dan butir rapat ada di /persetujuan; "
    "laporan yang sudah ditandatangani ada di /laporan.",
}
