"""Texts of reminders and /pengingat (Bahasa Indonesia, Telegram HTML).

Sections: the kinds' names (for /pengingat); the team's digest, the head's weekly summary, the
approval nudge and the event reminders; /pengingat. The engine's own texts (owners' reminders,
snooze) go in their own section at the end.
"""

from __future__ import annotations

from bot.reminders.model import ReminderKind

# --- The kinds, as /pengingat names them -----------------------------------------------

KIND_NAMES = {
    ReminderKind.REPORT_DUE: "Pengingat batas waktu laporan (7, 3, 1 hari sebelum dan pada hari H)",
    ReminderKind.REPORT_OVERDUE: "Pemberitahuan laporan terlambat (1 dan 3 hari sesudah)",
    ReminderKind.TEAM_DIGEST: "Ringkasan tim sesudah setiap batas waktu pelaporan",
    ReminderKind.HEAD_WEEKLY: "Ringkasan mingguan untuk Kepala (Senin pukul 08.00)",
    ReminderKind.APPROVAL_NUDGE: "Permintaan persetujuan yang sudah lama menunggu",
    ReminderKind.EVENT: "Pengingat sosialisasi yang akan Anda hadiri",
}
KIND_SHORT = {
    ReminderKind.REPORT_DUE: "Batas waktu laporan",
    ReminderKind.REPORT_OVERDUE: "Laporan terlambat",
    ReminderKind.TEAM_DIGEST: "Ringkasan tim",
    ReminderKind.HEAD_WEEKLY: "Ringkasan mingguan",
    ReminderKind.APPROVAL_NUDGE: "Persetujuan menunggu",
    ReminderKind.EVENT: "Sosialisasi",
}

# --- The team's digest -----------------------------------------------------------------

DIGEST_HEADER = "📋 <b>Ringkasan tim — {period} {year}</b>\nBatas waktu: {deadline}"
DIGEST_LATE_HEADER = "\n<b>Unit yang belum lengkap melapor ({count}):</b>"
DIGEST_LATE_LINE = "• {unit}: {missing} dari {due} paket belum dilaporkan — PJ: {owners}"
DIGEST_NO_OWNER = "belum ada"
DIGEST_ALL_IN = "\n✅ Semua unit sudah melapor untuk periode ini."
DIGEST_WAITING = "\n🔎 Menunggu verifikasi: <b>{count}</b> laporan. Buka /verifikasi."
DIGEST_NOTHING_WAITING = "\n🔎 Tidak ada laporan yang menunggu verifikasi."
DIGEST_CIRCULAR = "\n✉️ <b>Surat Edaran belum dikonfirmasi ({count}):</b> {names}"
DIGEST_RSVP = "\n📅 <b>Undangan {event} ({when}) belum dijawab ({count}):</b> {names}"
DIGEST_NAME = "{name} ({unit})"

# --- The head's weekly summary -----------------------------------------------------------

WEEKLY_HEADER = "🗓 <b>Ringkasan mingguan — {today}</b>"
WEEKLY_ACTING = "Untuk {title} Kepala UKPBJ."
WEEKLY_PERIOD = "\n<b>{period} {year}</b> (batas waktu {deadline}{state})"
WEEKLY_PERIOD_OPEN = ""
WEEKLY_PERIOD_OVER = ", sudah lewat"
WEEKLY_UNIT_LINE = "• {unit}: terkirim {sent}/{due}, terlambat {late}, terverifikasi {verified}"
WEEKLY_NO_PERIOD = "\nBelum ada periode pelaporan yang berjalan."
WEEKLY_NO_UNITS = "• Belum ada paket unit yang melapor pada periode ini."
WEEKLY_DECISIONS = "\n⏳ Menunggu keputusan Anda: <b>{count}</b>. Buka /persetujuan."
WEEKLY_NO_DECISIONS = "\n✅ Tidak ada permintaan yang menunggu keputusan."
WEEKLY_DECISION_LINE = "• {title} (sejak {when})"

# --- The approval nudge --------------------------------------------------------------------

NUDGE = (
    "⏳ <b>Permintaan persetujuan menunggu {days} hari</b>\n"
    "{title}\nDiajukan: {when}\n\nMohon diputuskan{acting}."
)
NUDGE_ACTING = " sebagai {title} Kepala UKPBJ"
NUDGE_BUTTON = "Buka permintaan"

# --- Event reminders ---------------------------------------------------------------------

EVENT_TEXT = (
    "📅 <b>Pengingat sosialisasi {relative}</b>\n"
    "Acara: {agenda}\n"
    "Hari/tanggal: {day}\n"
    "Waktu: {time}\n"
    "Tempat: {place}\n\n"
    "Anda menjawab: <b>{answer}</b>."
)
EVENT_TODAY = "hari ini"
EVENT_TOMORROW = "besok"
EVENT_LATER = "pada {day}"
EVENT_ANSWERS = {"hadir": "Hadir", "wakil": "Diwakilkan"}

# --- /pengingat ----------------------------------------------------------------------------

OVERVIEW_HEADER = "🔔 <b>Pengingat Anda</b>"
OVERVIEW_UPCOMING = "\n<b>Yang akan dikirim:</b>"
OVERVIEW_UPCOMING_LINE = "• {when} — {kind}"
OVERVIEW_NONE_UPCOMING = "\nBelum ada pengingat yang terjadwal untuk Anda."
OVERVIEW_KINDS = "\n<b>Jenis pengingat untuk peran Anda:</b>"
OVERVIEW_KIND_LINE = "• {name}{state}"
OVERVIEW_KIND_MUTED = " — <i>dibisukan</i>"
OVERVIEW_KIND_ON = ""
OVERVIEW_KIND_FIXED = " — <i>selalu dikirim</i>"
OVERVIEW_HINT = "\nRingkasan boleh dibisukan dengan tombol di bawah; pengingat lain selalu dikirim."
BUTTON_MUTE = "🔕 Bisukan: {kind}"
BUTTON_UNMUTE = "🔔 Aktifkan lagi: {kind}"
MUTED = "Dibisukan."
UNMUTED = "Diaktifkan lagi."
NOT_MUTABLE = "Pengingat ini tidak dapat dibisukan untuk peran Anda."
