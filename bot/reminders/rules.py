"""Reminder rules without Telegram or storage: working time, the owners' moments before and
after a reporting deadline, and how much time is left when a reminder is sent.

Working time is the profile's working days (Monday-Friday by default, less holidays and cuti
bersama) between its working hours (07:30-16:00). A moment outside it moves: before a deadline
(``Shift.EARLIER``) to the same hour of the nearest working day before it, or to the end of the
working hours when it lies after them; after a deadline (``Shift.LATER``) to the same hour of
the nearest working day after it, or to the start of the working hours when it lies before them.
So 08:00 on a Saturday is 08:00 on the Friday before (or the Monday after), 06:00 is 16:00 the
working day before (or 07:30 the same day), and 20:00 is 16:00 the same day (or 07:30 the next).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from bot.core.profile import OrgProfile, ReminderSettings
from bot.reminders.model import Shift

_DAY = timedelta(days=1)


@dataclass(frozen=True)
class WorkingTime:
    """The working days and hours reminders go out in, in the profile's zone."""

    zone: tzinfo
    days: frozenset[int]  # weekdays, Monday = 0
    start: time
    end: time
    days_off: frozenset[date]

    @classmethod
    def of(cls, profile: OrgProfile) -> WorkingTime:
        settings = profile.reminders
        return cls(
            zone=profile.timezone,
            days=settings.working_days,
            start=settings.work_start,
            end=settings.work_end,
            days_off=profile.days_off,
        )

    def is_working_day(self, day: date) -> bool:
        return day.weekday() in self.days and day not in self.days_off


def into_working_time(at: datetime, working: WorkingTime, shift: Shift) -> datetime:
    """``at`` when it lies in working time, else the nearest working time in ``shift``'s
    direction (see the module's description)."""
    local = at.astimezone(working.zone)
    day, clock = local.date(), local.timetz().replace(tzinfo=None)
    step = -_DAY if shift is Shift.EARLIER else _DAY
    if clock < working.start:
        day, clock = (day - _DAY, working.end) if shift is Shift.EARLIER else (day, working.start)
    elif clock > working.end:
        day, clock = (day, working.end) if shift is Shift.EARLIER else (day + _DAY, working.start)
    elif working.is_working_day(day):
        return at
    for _ in range(366):
        if working.is_working_day(day):
            return datetime.combine(day, clock, tzinfo=working.zone)
        day += step
    raise ValueError("profil tidak punya hari kerja dalam setahun")


def in_working_time(at: datetime, working: WorkingTime) -> bool:
    """Whether ``at`` lies on a working day within the working hours."""
    return into_working_time(at, working, Shift.LATER) == at


def next_working_morning(now: datetime, working: WorkingTime, hour: time) -> datetime:
    """``hour`` on the first working day after ``now``'s day (a snoozed reminder)."""
    day = now.astimezone(working.zone).date() + _DAY
    at = datetime.combine(day, hour, tzinfo=working.zone)
    return into_working_time(at, working, Shift.LATER)


@dataclass(frozen=True)
class OwnerMoment:
    """One owner reminder of a deadline: its offset (``-7d``, ``0d``, ``+1d``), the ideal
    moment and where it moves outside working time."""

    offset: str
    at: datetime
    shift: Shift

    @property
    def overdue(self) -> bool:
        return self.shift is Shift.LATER


def owner_moments(
    deadline: datetime, settings: ReminderSettings, working: WorkingTime
) -> list[OwnerMoment]:
    """The owners' reminders of a deadline, earliest first: ``settings.hour`` the given days
    before it (and on its day) and after it. Two reminders before the deadline that working
    time puts on the same day (a -3d Friday and a -1d Sunday moved to that Friday) are one:
    the one nearer the deadline."""
    day = deadline.astimezone(working.zone).date()
    before = [
        OwnerMoment(
            f"-{n}d" if n else "0d", _at(day - n * _DAY, settings.hour, working), Shift.EARLIER
        )
        for n in settings.days_before
    ]
    after = [
        OwnerMoment(f"+{n}d", _at(day + n * _DAY, settings.hour, working), Shift.LATER)
        for n in settings.days_after
    ]
    kept: dict[date, OwnerMoment] = {}
    for moment in sorted(before, key=lambda m: m.at):
        kept[_working_day_of(moment, working)] = moment  # later offsets win the day
    found = list(kept.values())
    taken = set(kept)
    for moment in sorted(after, key=lambda m: m.at):
        if _working_day_of(moment, working) not in taken:
            taken.add(_working_day_of(moment, working))
            found.append(moment)
    return sorted(found, key=lambda m: m.at)


def _at(day: date, hour: time, working: WorkingTime) -> datetime:
    return datetime.combine(day, hour, tzinfo=working.zone)


def _working_day_of(moment: OwnerMoment, working: WorkingTime) -> date:
    return into_working_time(moment.at, working, moment.shift).astimezone(working.zone).date()


def days_left(deadline: datetime, now: datetime, zone: tzinfo) -> int:
    """Calendar days from ``now`` to the deadline's day in ``zone``: 0 on its day, 1 the day
    before, negative once it has passed (-1: one day late). Counted at the moment of sending,
    so a reminder sent late says what is true then."""
    if now > deadline:
        late = (now.astimezone(zone).date() - deadline.astimezone(zone).date()).days
        return -max(late, 1)
    return (deadline.astimezone(zone).date() - now.astimezone(zone).date()).days
