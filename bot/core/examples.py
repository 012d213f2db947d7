"""Example dates in prompts ("contoh 15/02/2027"), computed from today so they are never past.

A fixed example turns stale: in November, "contoh 15/02" names a date that has gone by and
that the bot would refuse. These always lie ahead of ``today``.
"""

from __future__ import annotations

from datetime import date, timedelta


def _first_of_next_month(today: date) -> date:
    return date(today.year + today.month // 12, today.month % 12 + 1, 1)


def example_day(today: date) -> date:
    """The 15th of next month: ahead of today by 15 to 46 days."""
    return _first_of_next_month(today).replace(day=15)


def example_range(
    today: date, *, days: int, not_before: date | None = None, year: int | None = None
) -> tuple[date, date]:
    """A span of ``days`` days starting on the 1st of next month (or on ``not_before`` when
    that is later); kept inside ``year`` when the span starts in it."""
    start = _first_of_next_month(today)
    if not_before is not None and not_before > start:
        start = not_before
    end = start + timedelta(days=days - 1)
    if year is not None and start.year == year and end.year > year:
        end = date(year, 12, 31)
    return start, end


def dmy(day: date) -> str:
    """``15/02/2027``: how people type a date here."""
    return day.strftime("%d/%m/%Y")
