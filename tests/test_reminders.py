"""Owners' reminders through the real application: a weekend deadline, working time,
snooze, a report sent between two reminders, a deactivated owner, a changed deadline,
restarts and overlapping runs, and /jadwal's next reminder."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date, datetime

from bot.app import build_services
from bot.reminders import engine
from bot.reminders.kinds import KINDS
from bot.services import Services
from storage import submissions, users
from tests.harness import WIT, Harness, app_of
from tests.reminder_world import Inbox, owner, setup_year, submit


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


def _headers(inbox: Inbox, chat: int) -> list[tuple[str, str]]:
    return [(g.at, g.left) for g in inbox.got.get(chat, [])]


async def test_snooze_once_the_next_working_morning(bot: Harness) -> None:
    setup_year(bot)
    pj = await owner(bot, 3001, "Dinas Kesehatan")
    assert pj
    inbox = Inbox(bot)
    await inbox.tick(_wit("2027-04-05 08:00"))  # Monday: -7d
    person = bot.person(3001)
    shown = await person.press("Ingatkan besok")
    assert shown[-1].plain == "Baik, saya ingatkan lagi Selasa, 6 April 2027 pukul 08.00 WIT."
    shown = await person.press("Ingatkan besok")
    assert "sudah ditunda sekali" in shown[-1].plain
    inbox.collect()
    await inbox.tick(_wit("2027-04-06 07:59"))
    await inbox.tick(_wit("2027-04-06 08:00"))
    snoozed = inbox.got[3001][-1]
    assert (snoozed.at, snoozed.left) == ("2027-04-06 08:00", "6 hari lagi")
    assert snoozed.buttons == ("📝 Lapor sekarang",)  # a snoozed reminder is not snoozed again
    # Friday's reminder snoozed: Monday morning (the deadline's day also has its own: one only).
    await inbox.tick(_wit("2027-04-09 08:00"))
    shown = await person.press("Ingatkan besok")
    assert shown[-1].plain == "Baik, saya ingatkan lagi Senin, 12 April 2027 pukul 08.00 WIT."
    inbox.collect()
    await inbox.tick(_wit("2027-04-12 08:00"))
    assert [g for g in _headers(inbox, 3001) if g[0].startswith("2027-04-12")] == [
        ("2027-04-12 08:00", "hari ini")
    ]


async def test_report_now_opens_the_period(bot: Harness) -> None:
    setup_year(bot)
    await owner(bot, 3001, "Dinas Kesehatan")
    inbox = Inbox(bot)
    await inbox.tick(_wit("2027-04-05 08:00"))
    shown = await bot.person(3001).press("Lapor sekarang")
    assert "Paket & belanja Dinas Kesehatan" in " ".join(shown[-1].button_texts)


async def test_bot_down_over_a_weekend_sends_once_on_monday_in_working_hours(bot: Harness) -> None:
    """Quiet hours: nothing goes out on a Saturday night or before 07:30; what fell due while
    the bot was down goes out once, the newest only, worded for the moment it is sent."""
    setup_year(bot)
    await owner(bot, 3001, "Dinas Kesehatan")
    inbox = Inbox(bot)
    await inbox.tick(_wit("2027-04-02 08:00"))  # rows planned; the bot then stops
    await bot.restart(graceful=False)
    for moment in ("2027-04-10 22:00", "2027-04-11 10:00", "2027-04-12 06:00"):
        assert (await inbox.tick(_wit(moment))).sent == 0
    await inbox.tick(_wit("2027-04-12 07:30"))  # Friday's waits for today's: one message
    await inbox.tick(_wit("2027-04-12 08:00"))
    assert _headers(inbox, 3001) == [("2027-04-12 08:00", "hari ini")]
    await bot.restart(graceful=False)
    await inbox.tick(_wit("2027-04-14 09:00"))  # Tuesday's +1d, sent late on Wednesday
    assert _headers(inbox, 3001)[-1] == ("2027-04-14 09:00", "terlambat 2 hari")
    await inbox.tick(_wit("2027-04-14 16:01"))  # after working hours: nothing more
    assert len(inbox.got[3001]) == 2


async def test_cuti_bersama_moves_reminders_before_it(bot: Harness) -> None:
    setup_year(bot)
    await owner(bot, 3001, "Dinas Kesehatan")
    bot.svc.profile = replace(bot.svc.profile, leave_days=frozenset({date(2027, 4, 9)}))
    inbox = Inbox(bot)
    await _days(inbox, "2027-04-01", "2027-04-13")
    assert _headers(inbox, 3001) == [
        ("2027-04-05 08:00", "7 hari lagi"),
        ("2027-04-08 08:00", "4 hari lagi"),  # Friday 9 April is cuti bersama
        ("2027-04-12 08:00", "hari ini"),
        ("2027-04-13 08:00", "terlambat 1 hari"),
    ]


async def test_report_between_two_reminders_and_a_deactivated_owner(bot: Harness) -> None:
    ids = setup_year(bot)
    await owner(bot, 3001, "Dinas Kesehatan")
    second = await owner(bot, 3002, "Sekretariat Daerah")
    inbox = Inbox(bot)
    await inbox.tick(_wit("2027-04-05 08:00"))
    bot.clock.set(_wit("2027-04-06 10:00"))
    submit(bot, telegram_id=3001, package_id=ids["Dinas Kesehatan"], period_key="triwulanan-1")
    with bot.svc.db.write() as session:
        found = users.get_user(session, second)
        assert found is not None
        found.active = False  # as /pengguna's Nonaktifkan leaves it
        session.add(found)
    await _days(inbox, "2027-04-06", "2027-04-30")
    assert _headers(inbox, 3001) == [("2027-04-05 08:00", "7 hari lagi")]
    assert _headers(inbox, 3002) == [("2027-04-05 08:00", "7 hari lagi")]


async def test_deadline_changed_after_planning(bot: Harness) -> None:
    """Reports due 15 days after a period instead of 10: the planned reminders move."""
    setup_year(bot)
    await owner(bot, 3001, "Dinas Kesehatan")
    inbox = Inbox(bot)
    await inbox.tick(_wit("2027-04-01 08:00"))
    bot.settings.kinerja_report_deadline_days = 15
    await bot.restart()
    await _days(inbox, "2027-04-02", "2027-04-20")
    assert _headers(inbox, 3001) == [
        ("2027-04-08 08:00", "7 hari lagi"),  # deadline Thursday 15 April
        ("2027-04-12 08:00", "3 hari lagi"),
        ("2027-04-14 08:00", "besok"),
        ("2027-04-15 08:00", "hari ini"),
        ("2027-04-16 08:00", "terlambat 1 hari"),
        ("2027-04-19 08:00", "terlambat 4 hari"),  # +3d is a Sunday: the Monday after
    ]
    assert "Kamis, 15 April 2027 pukul 23.59 WIT" in inbox.got[3001][0].text


async def test_two_processes_at_once_send_each_reminder_once(bot: Harness) -> None:
    setup_year(bot)
    for telegram_id in (3001, 3005):
        await owner(bot, telegram_id, "Dinas Kesehatan")
    bot.clock.set(_wit("2027-04-05 08:00"))
    other = build_services(bot.settings, clock=bot.clock)  # a second process on the same file
    engine.sync(bot.svc, KINDS)

    def run(svc: Services) -> int:
        return engine.send_due(svc, KINDS).sent

    with ThreadPoolExecutor(2) as pool:
        sent = list(pool.map(run, [bot.svc, other, bot.svc, other]))
    other.db.dispose()
    assert sorted(sent) == [0, 0, 0, 2]
    inbox = Inbox(bot)
    await inbox.tick(_wit("2027-04-05 08:00"))
    assert len(inbox.got[3001]) == len(inbox.got[3005]) == 1


async def test_schedule_shows_the_next_reminder(bot: Harness) -> None:
    setup_year(bot)
    await owner(bot, 3001, "Dinas Kesehatan")
    inbox = Inbox(bot)
    await inbox.tick(_wit("2027-04-05 08:00"))
    shown = await bot.person(3001).command("jadwal")
    assert (
        "Pengingat berikutnya untuk Anda: Jumat, 9 April 2027 pukul 08.00 WIT "
        "(laporan Triwulan I 2027)." in shown[-1].plain
    )


async def test_the_job_runs_every_minute_never_twice_at_once(bot: Harness) -> None:
    jobs = app_of(bot).job_queue.get_jobs_by_name("pengingat")  # type: ignore[union-attr]
    assert len(jobs) == 1
    trigger = jobs[0].job.trigger
    assert trigger.interval.total_seconds() == 60
    assert jobs[0].job.max_instances == 1 and jobs[0].job.coalesce is True


async def test_a_returned_report_brings_the_coming_reminders_back(bot: Harness) -> None:
    ids = setup_year(bot)
    await owner(bot, 3001, "Dinas Kesehatan")
    inbox = Inbox(bot)
    await inbox.tick(_wit("2027-04-05 08:00"))
    bot.clock.set(_wit("2027-04-06 10:00"))
    submit(bot, telegram_id=3001, package_id=ids["Dinas Kesehatan"], period_key="triwulanan-1")
    await _days(inbox, "2027-04-06", "2027-04-09")
    with bot.svc.db.write() as session:  # the team returns it (as /verifikasi's Kembalikan)
        returned = submissions.latest(
            session, package_id=ids["Dinas Kesehatan"], period_key="triwulanan-1"
        )
        assert returned is not None
        returned.status = submissions.RETURNED
        session.add(returned)
    await _days(inbox, "2027-04-10", "2027-04-13")
    assert _headers(inbox, 3001) == [
        ("2027-04-05 08:00", "7 hari lagi"),
        ("2027-04-12 08:00", "hari ini"),
        ("2027-04-13 08:00", "terlambat 1 hari"),
    ]
