"""The reminder rules and the profile's [pengingat] table, without Telegram or storage."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest

from bot.core.profile import ProfileError, ReminderSettings, load_profile, parse_profile
from bot.reminders.model import Shift
from bot.reminders.rules import (
    WorkingTime,
    days_left,
    in_working_time,
    into_working_time,
    next_working_morning,
    owner_moments,
)
from bot.reminders.texts import time_left
from tests.harness import WIT

WORKING = WorkingTime(
    WIT, frozenset(range(5)), time(7, 30), time(16, 0), frozenset({date(2027, 8, 17)})
)


def _at(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=WIT)


def _local(at: datetime) -> str:
    return at.astimezone(WIT).strftime("%Y-%m-%d %H:%M")


@pytest.mark.parametrize(
    ("moment", "shift", "moved"),
    [
        ("2027-04-07 08:00", Shift.EARLIER, "2027-04-07 08:00"),  # a Wednesday: stays
        ("2027-04-10 08:00", Shift.EARLIER, "2027-04-09 08:00"),  # Saturday: Friday
        ("2027-04-10 08:00", Shift.LATER, "2027-04-12 08:00"),  # Saturday: Monday
        ("2027-04-07 06:00", Shift.EARLIER, "2027-04-06 16:00"),  # before hours: the day before
        ("2027-04-07 06:00", Shift.LATER, "2027-04-07 07:30"),
        ("2027-04-07 20:00", Shift.EARLIER, "2027-04-07 16:00"),
        ("2027-04-09 20:00", Shift.LATER, "2027-04-12 07:30"),  # Friday night: Monday
        ("2027-08-17 08:00", Shift.EARLIER, "2027-08-16 08:00"),  # a holiday
        ("2027-08-17 08:00", Shift.LATER, "2027-08-18 08:00"),
        ("2027-04-07 16:00", Shift.LATER, "2027-04-07 16:00"),  # the edges are working time
        ("2027-04-07 07:30", Shift.EARLIER, "2027-04-07 07:30"),
    ],
)
def test_into_working_time(moment: str, shift: Shift, moved: str) -> None:
    assert _local(into_working_time(_at(moment), WORKING, shift)) == moved
    assert in_working_time(_at(moved), WORKING)


def test_next_working_morning_skips_the_weekend() -> None:
    assert (
        _local(next_working_morning(_at("2027-04-09 10:00"), WORKING, time(8)))
        == "2027-04-12 08:00"
    )
    assert (
        _local(next_working_morning(_at("2027-04-05 15:00"), WORKING, time(8)))
        == "2027-04-06 08:00"
    )


def test_owner_moments_of_a_monday_deadline() -> None:
    moments = owner_moments(_at("2027-04-12 23:59"), ReminderSettings(), WORKING)
    assert [(m.offset, _local(m.at), m.shift) for m in moments] == [
        ("-7d", "2027-04-05 08:00", Shift.EARLIER),
        ("-1d", "2027-04-11 08:00", Shift.EARLIER),  # Sunday: Friday, in place of -3d
        ("0d", "2027-04-12 08:00", Shift.EARLIER),
        ("+1d", "2027-04-13 08:00", Shift.LATER),
        ("+3d", "2027-04-15 08:00", Shift.LATER),
    ]


@pytest.mark.parametrize(
    ("now", "left"),
    [
        ("2027-04-09 08:00", "3 hari lagi"),
        ("2027-04-11 23:00", "besok"),
        ("2027-04-12 23:59", "hari ini"),
        ("2027-04-13 00:00", "terlambat 1 hari"),
        ("2027-04-15 08:00", "terlambat 3 hari"),
    ],
)
def test_time_left_is_counted_when_sent(now: str, left: str) -> None:
    deadline = datetime(2027, 4, 12, 23, 59, 59, tzinfo=WIT)
    assert time_left(days_left(deadline, _at(now), WIT)) == left


def test_profile_reminder_settings_default_and_read() -> None:
    example = load_profile()
    assert example.reminders == ReminderSettings()
    data = _example_data()
    data.pop("pengingat", None)
    assert parse_profile(data, Path("x.toml")).reminders == ReminderSettings()
    data["pengingat"] = {
        "jam": "09:00",
        "hari_sebelum": [5, 1],
        "hari_kerja": ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"],
        "jam_kerja_selesai": "14.00",
    }
    data["kalender"]["cuti_bersama"] = [date(2027, 4, 9)]
    profile = parse_profile(data, Path("x.toml"))
    assert profile.reminders.hour == time(9)
    assert profile.reminders.days_before == (5, 1)
    assert 5 in profile.reminders.working_days
    assert profile.reminders.work_end == time(14)
    assert date(2027, 4, 9) in profile.days_off and date(2027, 4, 9) not in profile.holidays


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"jam": "pagi"}, "jam harus berupa jam"),
        ({"jam": "18:00"}, "di dalam jam kerja"),
        ({"hari_sebelum": [7, -1]}, "hari_sebelum harus"),
        ({"hari_kerja": ["Senen"]}, "hari_kerja harus"),
        ({"jam_kerja_mulai": "17:00"}, "sebelum jam_kerja_selesai"),
    ],
)
def test_profile_refuses_bad_reminder_settings(table: dict[str, object], message: str) -> None:
    data = _example_data()
    data["pengingat"] = table
    with pytest.raises(ProfileError, match=message):
        parse_profile(data, Path("x.toml"))


def _example_data() -> dict[str, dict[str, object]]:
    import tomllib

    from bot.core.profile import example_profile_path

    with example_profile_path().open("rb") as handle:
        return tomllib.load(handle)
