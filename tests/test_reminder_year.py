"""A whole reporting year with the injected clock: owners with different frequencies and
habits (early, on time, late, never), restarts in the middle of the year and in the middle of
a send, and the exact list of reminders each owner got (count, time in WIT, wording)."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta

from bot.core.dates import is_working_day
from bot.core.roles import Role
from bot.reminders import engine
from bot.reminders.kinds import KINDS
from bot.sop.cycles import cycle
from tests.harness import WIT, Harness
from tests.reminder_world import UNITS, Inbox, deadlines, owner, setup_year, submit

DUE, LATE = "⏰ Pengingat laporan kinerja", "⚠️ Laporan kinerja terlambat"

# telegram id: (unit, when the report is in relative to the deadline's day at 10:00 WIT;
# None: never). Two owners share Dinas Kesehatan: one report stops both.
OWNERS: dict[int, tuple[str, int | None]] = {
    3001: ("Dinas Kesehatan", -5),  # early: after the -7d reminder
    3005: ("Dinas Kesehatan", -5),
    3002: ("Sekretariat Daerah", 0),  # on time: on the deadline's day
    3003: ("Inspektorat", 2),  # late: two days after the deadline
    3004: ("Dinas Pendidikan dan Kebudayaan", None),  # never
}


def _left(day: date, deadline: date) -> str:
    days = (deadline - day).days
    if days < 0:
        return f"terlambat {-days} hari"
    return {0: "hari ini", 1: "besok"}.get(days, f"{days} hari lagi")


def expected(
    deadline: datetime, report_at: datetime | None, off: frozenset[date]
) -> list[tuple[str, str, str]]:
    """What an owner should get for one deadline, worked out by hand's rules: 08:00 WIT 7, 3,
    1 and 0 days before (a day off moves to the working day before; two on one day are one),
    1 and 3 days after (a day off moves to the working day after), none once reported."""
    end = deadline.date()
    before: dict[date, int] = {}
    for n in (7, 3, 1, 0):
        day = end - timedelta(days=n)
        while not is_working_day(day, off):
            day -= timedelta(days=1)
        before[day] = n
    moments = [(day, DUE) for day in before]
    for n in (1, 3):
        day = end + timedelta(days=n)
        while not is_working_day(day, off):
            day += timedelta(days=1)
        moments.append((day, LATE))
    found = []
    for day, header in sorted(moments):
        at = datetime.combine(day, time(8, 0), tzinfo=WIT)
        if report_at is None or at < report_at:
            found.append((f"{day.isoformat()} 08:00", header, _left(day, end)))
    return found


async def test_a_year_of_owner_reminders(bot: Harness) -> None:
    package_ids = setup_year(bot)
    for telegram_id, (unit, _) in OWNERS.items():
        await owner(bot, telegram_id, unit)
    # When each report goes in (one per unit and period).
    reports: dict[datetime, list[tuple[int, str]]] = {}
    want: dict[int, list[tuple[str, str, str]]] = {t: [] for t in OWNERS}
    off = bot.svc.profile.days_off
    for telegram_id, (unit, when) in OWNERS.items():
        for key, deadline in deadlines(bot, UNITS[unit]).items():
            report_at = None
            if when is not None:
                day = deadline.date() + timedelta(days=when)
                report_at = datetime.combine(day, time(10, 0), tzinfo=WIT)
                if telegram_id != 3005:
                    reports.setdefault(report_at, []).append((telegram_id, key))
            want[telegram_id].extend(expected(deadline, report_at, off))
    inbox = Inbox(bot)
    day = date(2027, 1, 6)
    sends = 0
    while day <= date(2028, 1, 31):
        morning = datetime.combine(day, time(8, 0), tzinfo=WIT)
        if day == date(2027, 7, 12):
            sends += await _crash_in_the_middle_of_a_send(bot, inbox, morning)
        else:
            sends += (await inbox.tick(morning)).sent
        for telegram_id, key in reports.get(morning + timedelta(hours=2), []):
            bot.clock.set(morning + timedelta(hours=2))
            submit(
                bot,
                telegram_id=telegram_id,
                package_id=package_ids[OWNERS[telegram_id][0]],
                period_key=key,
            )
        if day == date(2027, 5, 3):
            await bot.restart()  # a graceful restart
        if day == date(2027, 9, 15):
            await bot.restart(graceful=False)  # a crash
        await inbox.tick(morning + timedelta(hours=5))  # an afternoon round: nothing new
        day += timedelta(days=1)
    for telegram_id in OWNERS:
        got = [(g.at, g.header, g.left) for g in inbox.got.get(telegram_id, [])]
        assert got == sorted(want[telegram_id]), telegram_id
    counts = {t: len(inbox.got.get(t, [])) for t in OWNERS}
    assert counts == {3001: 4, 3005: 4, 3002: 12, 3003: 53, 3004: 15}
    assert sends == sum(counts.values())
    assert Counter(g.header for gs in inbox.got.values() for g in gs) == {DUE: 72, LATE: 16}


async def _crash_in_the_middle_of_a_send(bot: Harness, inbox: Inbox, morning: datetime) -> int:
    """The job takes the due reminders into the outbox, and the bot dies before delivering:
    after the restart they are delivered once and not taken again."""
    bot.clock.set(morning)
    engine.sync(bot.svc, KINDS)
    taken = engine.send_due(bot.svc, KINDS).sent
    assert taken > 0
    await bot.restart(graceful=False)
    await bot.restart(graceful=False)  # two restarts in a row
    again = await inbox.tick(morning)
    assert again.sent == 0
    return taken


def _next_working(day: date, off: frozenset[date]) -> date:
    while not is_working_day(day, off):
        day += timedelta(days=1)
    return day


async def test_a_year_of_the_team_digest_and_the_head_summary(bot: Harness) -> None:
    """The same year for the team and the head: one digest the first working morning after
    each deadline, one summary each Monday (a Monday off: the next working day)."""
    setup_year(bot)
    await owner(bot, 3004, "Dinas Pendidikan dan Kebudayaan")  # never reports
    await bot.registered(2001, Role.TIM)
    await bot.registered(1001, Role.KEPALA)
    off = bot.svc.profile.days_off
    view = cycle(bot.svc, 2027)
    first, last = date(2027, 1, 6), date(2028, 1, 31)
    digests = sorted(
        {
            _next_working(p.deadline.astimezone(WIT).date() + timedelta(days=1), off)
            for p in view.periods
        }
    )
    mondays = [first + timedelta(days=(7 - first.weekday()) % 7 + 7 * n) for n in range(60)]
    summaries = [_next_working(m, off) for m in mondays if m <= last]
    inbox = Inbox(bot)
    day = first
    while day <= last:
        morning = datetime.combine(day, time(8, 0), tzinfo=WIT)
        await inbox.tick(morning)
        if day == date(2027, 6, 14):
            await bot.restart(graceful=False)
        await inbox.tick(morning + timedelta(hours=5))
        day += timedelta(days=1)
    team = [(g.at, g.header.split(" — ")[0]) for g in inbox.got.get(2001, [])]
    head = [(g.at, g.header.split(" — ")[0]) for g in inbox.got.get(1001, [])]
    assert team == [(f"{d.isoformat()} 08:00", "📋 Ringkasan tim") for d in digests if d <= last]
    assert head == [(f"{d.isoformat()} 08:00", "🗓 Ringkasan mingguan") for d in summaries]
    # December closes a month, a quarter, a semester and the year: the summary shows them all.
    january = next(g.text for g in inbox.got[1001] if g.at == "2028-01-10 08:00")
    for period in ("Desember 2027", "Triwulan IV 2027", "Semester II 2027", "Tahunan 2027"):
        assert period in january
    # The year's totals per role: an owner who never reports 15, the team 12, the head 56.
    assert (len(inbox.got.get(3004, [])), len(team), len(head)) == (15, 12, 56)
