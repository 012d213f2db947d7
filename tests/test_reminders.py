"""Owners' reminders through the real application: a weekend deadline, working time,
snooze, a report sent between two reminders, a deactivated owner, a changed deadline,
restarts and overlapping runs, and /jadwal's next reminder."""

from __future__ import annotations

from datetime import datetime

from tests.harness import WIT, Harness
from tests.reminder_world import Inbox, owner, setup_year


def _wit(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=WIT)


async def _days(inbox: Inbox, first: str, last: str, hours: tuple[str, ...] = ("08:00",)) -> None:
    """Run the job at ``hours`` on every day from ``first`` to ``last`` (dates)."""
    day = _wit(f"{first} 00:00").date()
    end = _wit(f"{last} 00:00").date()
    while day <= end:
        for hour in hours:
            await inbox.tick(_wit(f"{day.isoformat()} {hour}"))
        day = day.fromordinal(day.toordinal() + 1)


async def test_weekend_deadline_reminders_move_to_working_days(bot: Harness) -> None:
    """Q1 2027's deadline, 10 April, is a Saturday: reports are due Monday 12 April; the -1d
    reminder (Sunday) moves to Friday, where it replaces the -3d one."""
    setup_year(bot)
    await owner(bot, 3001, "Dinas Kesehatan")
    inbox = Inbox(bot)
    await _days(inbox, "2027-04-01", "2027-04-20", hours=("07:00", "08:00", "13:00", "17:00"))
    got = [(g.at, g.header, g.left) for g in inbox.got[3001]]
    due, late = "⏰ Pengingat laporan kinerja", "⚠️ Laporan kinerja terlambat"
    assert got == [
        ("2027-04-05 08:00", due, "7 hari lagi"),
        ("2027-04-09 08:00", due, "3 hari lagi"),
        ("2027-04-12 08:00", due, "hari ini"),
        ("2027-04-13 08:00", late, "terlambat 1 hari"),
        ("2027-04-15 08:00", late, "terlambat 3 hari"),
    ]
    first = inbox.got[3001][0]
    assert "Laporan Triwulan I 2027 (1 Januari–31 Maret 2027) belum lengkap." in first.text
    assert "Batas waktu: Senin, 12 April 2027 pukul 23.59 WIT (7 hari lagi)." in first.text
    assert "• Paket & belanja Dinas Kesehatan" in first.text
    assert first.buttons == ("📝 Lapor sekarang", "⏰ Ingatkan besok")
