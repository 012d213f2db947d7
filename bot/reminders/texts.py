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
DIGEST_MORE_LATE = "• … dan {count} unit lain belum lengkap melapor."
DIGEST_MORE_NAMES = " dan {count} lainnya"
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
WEEKLY_TOTALS = "{units} unit: terkirim {sent}/{due}, terlambat {late}, terverifikasi {verified}"
WEEKLY_MORE_BEHIND = "• … dan {count} unit lain belum lengkap atau terlambat."
WEEKLY_COMPLETE = "✅ {count} unit sudah lengkap dan tepat waktu."
WEEKLY_MORE_DECISIONS = "• … dan {count} permintaan lain."
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


# --- Owners' reminders (the engine's part) ----------------------------------------------------

OWNER_DUE_HEADER = "⏰ <b>Pengingat laporan kinerja</b>"

OWNER_OVERDUE_HEADER = "⚠️ <b>Laporan kinerja terlambat</b>"

OWNER_BODY = (
    "{header}\n"
    "Laporan <b>{period}</b> ({span}) belum lengkap.\n"
    "Batas waktu: {deadline} (<b>{left}</b>).\n"
    "Paket yang belum dilaporkan:\n{packages}\n"
    "Tekan <b>Lapor sekarang</b> untuk melapor lewat /lapor."
)

OWNER_PACKAGE = "• {name}"

LEFT_DAYS = "{days} hari lagi"

LEFT_TOMORROW = "besok"

LEFT_TODAY = "hari ini"

LEFT_LATE = "terlambat {days} hari"

BUTTON_REPORT_NOW = "📝 Lapor sekarang"

BUTTON_SNOOZE = "⏰ Ingatkan besok"

SNOOZED = "Baik, saya ingatkan lagi {when}."

SNOOZE_ALREADY = (
    "Pengingat ini sudah ditunda sekali; pengingat berikutnya datang sesuai jadwal. Lihat /jadwal."
)

SNOOZE_GONE = "Pengingat ini sudah tidak berlaku. Lihat /lapor untuk laporan yang masih terbuka."

NEXT_REMINDER = "⏰ Pengingat berikutnya untuk Anda: {when} ({what})."

# What the next reminder is about, as /jadwal names it.
NEXT_KIND_NAMES = {
    ReminderKind.REPORT_DUE: "laporan {period}",
    ReminderKind.REPORT_OVERDUE: "laporan {period} yang terlambat",
    ReminderKind.TEAM_DIGEST: "ringkasan untuk tim",
    ReminderKind.HEAD_WEEKLY: "ringkasan mingguan",
    ReminderKind.APPROVAL_NUDGE: "persetujuan yang menunggu",
    ReminderKind.EVENT: "sosialisasi",
}


def time_left(days: int) -> str:
    """``3 hari lagi``, ``besok``, ``hari ini``, ``terlambat 2 hari`` (``bot.reminders.rules.days_left``)."""
    if days < 0:
        return LEFT_LATE.format(days=-days)
    if days == 0:
        return LEFT_TODAY
    if days == 1:
        return LEFT_TOMORROW
    return LEFT_DAYS.format(days=days)
