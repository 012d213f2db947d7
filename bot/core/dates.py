"""Dates and times the Indonesian way: "Senin, 5 Januari 2027 pukul 14.30 WIT"."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, timedelta, tzinfo

DAY_NAMES = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTH_NAMES = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)

# Indonesia's three legal time zones have official abbreviations that the IANA
# database does not carry (it says "+09").
_ZONE_ABBREVIATIONS = {
    "Asia/Jayapura": "WIT",
    "Asia/Makassar": "WITA",
    "Asia/Pontianak": "WIB",
    "Asia/Jakarta": "WIB",
}


def zone_abbreviation(zone: tzinfo) -> str:
    """WIT, WITA or WIB for Indonesian zones; the zone's own name otherwise."""
    key = getattr(zone, "key", None)
    if isinstance(key, str) and key in _ZONE_ABBREVIATIONS:
        return _ZONE_ABBREVIATIONS[key]
    return str(zone)


def format_date(day: date, *, with_weekday: bool = True) -> str:
    """``Senin, 5 Januari 2027`` (or ``5 Januari 2027``)."""
    text = f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
    if with_weekday:
        return f"{DAY_NAMES[day.weekday()]}, {text}"
    return text


SHORT_MONTH_NAMES = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Mei",
    "Jun",
    "Jul",
    "Agu",
    "Sep",
    "Okt",
    "Nov",
    "Des",
)


def format_short_date(day: date) -> str:
    """``11 Jan``: a day on a button, where the year is clear from what it labels."""
    return f"{day.day} {SHORT_MONTH_NAMES[day.month - 1]}"


def format_datetime(instant: datetime, zone: tzinfo) -> str:
    """``Senin, 5 Januari 2027 pukul 14.30 WIT`` in the given zone."""
    local = instant.astimezone(zone)
    return f"{format_date(local.date())} pukul {local:%H.%M} {zone_abbreviation(zone)}"


def format_rupiah(amount: int | float) -> str:
    """``Rp 1.250.000.000``: dot thousands separators, no decimals."""
    whole = round(amount)
    sign = "-" if whole < 0 else ""
    return f"{sign}Rp {abs(whole):,}".replace(",", ".")


def is_working_day(day: date, holidays: Collection[date] = ()) -> bool:
    """Monday to Friday and not a listed holiday (the profile's ``hari_libur``)."""
    return day.weekday() < 5 and day not in holidays


def next_working_day(day: date, holidays: Collection[date] = ()) -> date:
    """``day`` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day, holidays):
        day += timedelta(days=1)
    return day
