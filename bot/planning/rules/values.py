"""Reading values people type (in chat or in a workbook) into plan attributes.

Each reader returns the value or raises ValueError with a short Indonesian reason and
hint, so the workbook parser and the chat editor explain mistakes the same way.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import TypeVar

from openpyxl.utils.datetime import WINDOWS_EPOCH, from_excel

from bot.core.numbers import NumberError, cell_number_text, read_cell
from bot.planning.rules.model import UNITS, Category, Frequency, InputKind, Polarity

E = TypeVar("E", bound=StrEnum)


def parse_year(raw: object, *, number_format: str | None = None) -> int:
    """A year such as 2026, from text or a number cell (not from a date cell)."""
    try:
        value = read_cell(raw, number_format=number_format)
    except NumberError as error:
        if error.reason in ("date", "bool", "percent_format"):
            raise ValueError(f"{error.message}; tulis tahunnya, contoh 2026") from None
        raise ValueError("tahun harus 4 digit, contoh 2026") from None
    if value != int(value) or not 2000 <= value <= 2100:
        raise ValueError("tahun harus 4 digit, contoh 2026")
    return int(value)


def parse_date(raw: object) -> date:
    """A date as a workbook date cell, ``2027-03-31`` or ``31/03/2027``."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = str(raw).strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date()  # noqa: DTZ007 (a calendar date)
        except ValueError:
            continue
    raise ValueError(f"{text:.30} bukan tanggal; tulis seperti 31/03/2027")


def date_cell(value: object, *, epoch: datetime | None = None) -> date:
    """A date from a workbook cell: a date cell, text :func:`parse_date` reads, or a number
    without date formatting, read as an Excel date serial counted from ``epoch`` (the
    workbook's; Excel's usual 1900 calendar when not given)."""
    if isinstance(value, bool):
        raise ValueError("sel berisi nilai TRUE/FALSE, bukan tanggal; tulis seperti 31/03/2027")
    if isinstance(value, int | float) and 1 <= value < 100_000:
        serial = from_excel(value, epoch=epoch or WINDOWS_EPOCH)
        if isinstance(serial, datetime):
            return serial.date()
    if isinstance(value, time | timedelta):
        raise ValueError("sel berisi jam, bukan tanggal; tulis seperti 31/03/2027")
    if isinstance(value, int | float):
        raise ValueError(f"{cell_number_text(value):.20} bukan tanggal; tulis seperti 31/03/2027")
    return parse_date(value)


def parse_date_range(raw: str, *, single_day: bool = True) -> tuple[date, date]:
    """``01/02/2027 - 30/06/2027`` (also ``s.d.``/``sampai``); one date is a one-day range
    when ``single_day``."""
    parts = [p for p in re.split(r"\s+(?:-|–|s\.?d\.?|sampai)\s+", raw.strip()) if p]
    if len(parts) == 1 and single_day:
        day = parse_date(parts[0])
        return day, day
    if len(parts) != 2:
        raise ValueError("tulis dua tanggal dipisah tanda -")
    start, end = parse_date(parts[0]), parse_date(parts[1])
    if start > end:
        raise ValueError("tanggal selesai sebelum tanggal mulai")
    return start, end


def _normal(text: str) -> str:
    return " ".join(text.strip().lower().split())


def parse_choice(raw: object, choices: type[E], aliases: dict[str, E] | None = None) -> E:
    """One of an enum's values, ignoring case and spacing, or a known alias."""
    text = _normal(str(raw))
    for choice in choices:
        if _normal(choice.value) == text or _normal(choice.name.replace("_", " ")) == text:
            return choice
    if aliases and text in aliases:
        return aliases[text]
    allowed = ", ".join(c.value for c in choices)
    raise ValueError(f"{raw!s:.30} tidak dikenal; pilih salah satu: {allowed}")


POLARITY_ALIASES = {
    "naik": Polarity.NAIK,
    "tinggi": Polarity.NAIK,
    "makin tinggi makin baik": Polarity.NAIK,
    "turun": Polarity.TURUN,
    "rendah": Polarity.TURUN,
    "makin rendah makin baik": Polarity.TURUN,
}

INPUT_KIND_ALIASES = {"ya_tidak": InputKind.YA_TIDAK, "ya tidak": InputKind.YA_TIDAK}


def parse_polarity(raw: object) -> Polarity:
    return parse_choice(raw, Polarity, POLARITY_ALIASES)


def parse_frequency(raw: object) -> Frequency:
    return parse_choice(raw, Frequency)


def parse_category(raw: object) -> Category:
    return parse_choice(raw, Category)


def parse_input_kind(raw: object) -> InputKind:
    return parse_choice(raw, InputKind, INPUT_KIND_ALIASES)


def parse_unit(raw: object) -> str:
    text = str(raw).strip()
    for unit in UNITS:
        if unit.lower() == text.lower() or (
            unit == "%" and text.lower() in ("persen", "persentase")
        ):
            return unit
    raise ValueError(f"satuan {text:.20} tidak dikenal; pilih salah satu: {', '.join(UNITS)}")


def format_number(value: float | None) -> str:
    """``60``, ``60,5``, ``1.250.000``: the way it is typed back in Indonesian."""
    if value is None:
        return "-"
    if value == int(value):
        return f"{int(value):,}".replace(",", ".")
    whole, _, fraction = f"{value:,.2f}".partition(".")
    return whole.replace(",", ".") + "," + fraction.rstrip("0")
