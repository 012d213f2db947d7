"""Texts of reminders (Bahasa Indonesia, Telegram HTML)."""

from __future__ import annotations

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

KIND_NAMES = {
    "lapor_jatuh_tempo": "laporan {period}",
    "lapor_terlambat": "laporan {period} yang terlambat",
}

KIND_NAME_OTHER = "pengingat"


def time_left(days: int) -> str:
    """``3 hari lagi``, ``besok``, ``hari ini``, ``terlambat 2 hari`` (``bot.reminders.rules.days_left``)."""
    if days < 0:
        return LEFT_LATE.format(days=-days)
    if days == 0:
        return LEFT_TODAY
    if days == 1:
        return LEFT_TOMORROW
    return LEFT_DAYS.format(days=days)
