"""Periodic reporting (SOP steps 11-12) without Telegram or storage: the reporting periods
of a plan and their deadlines, what is due when, reading owners' typed values, and an
indicator's value and achievement from them.

A period's deadline is 23:59:59 local time ``deadline_days`` after its last day, moved to the
next working day when that day is a Saturday, Sunday or a holiday of the profile; a submission
within that last second still counts as on time. The periods of year N end in N, but the last
deadlines fall in January of N+1: a cycle is not a calendar year (see ``bot.sop.cycle_rules``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from bot.core.dates import MONTH_NAMES, format_date, format_rupiah, next_working_day
from bot.core.numbers import NumberKind, read_cell, read_text, whole_rupiah
from bot.planning.rules.formula import evaluate
from bot.planning.rules.model import Frequency, Indicator, InputKind, Plan, Polarity
from bot.planning.rules.periods import periods as year_periods
from bot.planning.rules.values import date_cell, format_number, parse_date

DEFAULT_DEADLINE_DAYS = 10

_FREQUENCY_ORDER = {frequency: index for index, frequency in enumerate(Frequency)}
_SECOND = timedelta(seconds=1)


@dataclass(frozen=True)
class ReportingPeriod:
    """One period owners report on, with its deadline (aware, in the unit's zone)."""

    frequency: Frequency
    number: int
    label: str
    start: date
    end: date
    deadline: datetime

    @property
    def key(self) -> str:
        """A stable name such as ``triwulanan-1`` (for callback data and storage)."""
        return f"{self.frequency.value}-{self.number}"

    @property
    def span(self) -> str:
        """``1 Januari–31 Maret 2027``."""
        first = f"{self.start.day} {MONTH_NAMES[self.start.month - 1]}"
        return f"{first}–{format_date(self.end, with_weekday=False)}"


def parse_period_key(key: str) -> tuple[Frequency, int]:
    """The frequency and number of a period key; ValueError when it is not one."""
    name, _, number = key.rpartition("-")
    try:
        frequency = Frequency(name)
    except ValueError:
        raise ValueError(f"periode {key:.30} tidak dikenal") from None
    if not (number.isascii() and number.isdigit()) or key != f"{name}-{int(number)}":
        raise ValueError(f"periode {key:.30} tidak dikenal")
    if not 1 <= int(number) <= frequency.periods_per_year:
        raise ValueError(f"periode {key:.30} tidak ada")
    return frequency, int(number)


def reporting_period(
    frequency: Frequency,
    number: int,
    *,
    year: int,
    zone: tzinfo,
    deadline_days: int = DEFAULT_DEADLINE_DAYS,
    holidays: Collection[date] = (),
) -> ReportingPeriod:
    """Period ``number`` (from 1) of ``frequency`` in ``year``."""
    if deadline_days < 0:
        raise ValueError("batas waktu pelaporan tidak boleh negatif")
    if not 1 <= number <= frequency.periods_per_year:
        raise ValueError(f"periode {frequency.value} ke-{number} tidak ada")
    period = year_periods(frequency, year)[number - 1]
    last_day = next_working_day(period.end + timedelta(days=deadline_days), holidays)
    deadline = datetime.combine(last_day, time(23, 59, 59), tzinfo=zone)
    return ReportingPeriod(frequency, number, period.label, period.start, period.end, deadline)


def _order(period: ReportingPeriod) -> tuple[datetime, int]:
    return period.deadline, _FREQUENCY_ORDER[period.frequency]


def reporting_periods(
    plan: Plan,
    *,
    year: int,
    zone: tzinfo,
    deadline_days: int = DEFAULT_DEADLINE_DAYS,
    holidays: Collection[date] = (),
) -> list[ReportingPeriod]:
    """Every period the plan's indicators report on, by deadline then frequency; a period
    in which no indicator is due (all of its frequency closed before it) is left out."""
    frequencies = {i.reporting_frequency for i in plan.indicators if i.reporting_frequency}
    periods = (
        reporting_period(f, n, year=year, zone=zone, deadline_days=deadline_days, holidays=holidays)
        for f in frequencies
        for n in range(1, f.periods_per_year + 1)
    )
    return sorted((p for p in periods if indicators_due(plan, p)), key=_order)


def _is_due(indicator: Indicator, period: ReportingPeriod) -> bool:
    """Whether the indicator reports in ``period``: its frequency, and not closed by the head
    before the period starts."""
    if indicator.reporting_frequency != period.frequency:
        return False
    return indicator.closed_after is None or period.start <= indicator.closed_after


def indicators_due(plan: Plan, period: ReportingPeriod) -> tuple[Indicator, ...]:
    """The indicators reported in ``period``, in plan order (none closed before it)."""
    return tuple(i for i in plan.indicators if _is_due(i, period))


def _aware(instant: datetime) -> datetime:
    if instant.utcoffset() is None:
        raise ValueError("waktu tanpa zona waktu")
    return instant


def _is_past(deadline: datetime, instant: datetime) -> bool:
    """Whether ``instant`` is after the deadline's last second."""
    return _aware(instant) - deadline >= _SECOND


def _has_ended(period: ReportingPeriod, now: datetime) -> bool:
    return _aware(now).astimezone(period.deadline.tzinfo).date() > period.end


def upcoming(
    periods: Sequence[ReportingPeriod], now: datetime, *, limit: int = 5
) -> list[ReportingPeriod]:
    """Periods still open for reports (running or within their deadline), soonest first."""
    return sorted((p for p in periods if not _is_past(p.deadline, now)), key=_order)[:limit]


def current_or_last_period(
    periods: Sequence[ReportingPeriod], now: datetime
) -> ReportingPeriod | None:
    """The period an owner most likely reports now: the latest ended one still within its
    deadline, else the latest ended one, else None. Equal ends: the shorter frequency."""

    def latest(candidates: list[ReportingPeriod]) -> ReportingPeriod | None:
        return max(candidates, key=lambda p: (p.end, -_FREQUENCY_ORDER[p.frequency]), default=None)

    ended = [p for p in periods if _has_ended(p, now)]
    return latest([p for p in ended if not _is_past(p.deadline, now)]) or latest(ended)


def is_late(submitted_at: datetime, period: ReportingPeriod) -> bool:
    return _is_past(period.deadline, submitted_at)


# Owners' input -------------------------------------------------------------------------

_EXAMPLES = {
    InputKind.ANGKA: "contoh 12 atau 12,5",
    InputKind.RUPIAH: "contoh 1.250.000 atau 1,25 M",
    InputKind.PERSEN: "contoh 75 atau 75,5 (tanda % boleh)",
    InputKind.HARI: "contoh 45 atau 12,5",
    InputKind.TANGGAL: "tulis seperti 31/03/2027",
    InputKind.YA_TIDAK: "jawab ya atau tidak",
}

# Short enough for a phone; the number rules are in bot.core.numbers.
_PROMPTS = {
    InputKind.ANGKA: "Ketik angka 0 atau lebih, contoh 12 atau 12,5 (koma untuk desimal)",
    InputKind.RUPIAH: "Ketik angka dalam Rupiah, contoh 1.250.000 atau 1,25 M",
    InputKind.PERSEN: "Ketik persen 0 sampai 100, contoh 75 atau 75,5 (tanda % boleh)",
    InputKind.HARI: "Ketik jumlah hari, contoh 45 atau 12,5 (koma untuk desimal)",
    InputKind.TANGGAL: "Ketik tanggal seperti 31/03/2027",
    InputKind.YA_TIDAK: "Jawab ya atau tidak",
}

_NUMBER_KINDS = {
    InputKind.ANGKA: NumberKind.PLAIN,
    InputKind.HARI: NumberKind.PLAIN,
    InputKind.RUPIAH: NumberKind.RUPIAH,
    InputKind.PERSEN: NumberKind.PERCENT,
}

_WRITTEN_DATE = re.compile(r"^(\d{1,2})\s+([a-z]{3,})\.?\s+(\d{4})$")

_YES = frozenset({"ya", "y", "iya"})
_NO = frozenset({"tidak", "t", "tdk"})


def input_prompt(kind: InputKind) -> str:
    """A one-line hint for the chat on how to type a value of ``kind``."""
    return _PROMPTS[kind]


def _date(text: str) -> date:
    """``31/03/2027``, ``2027-03-31`` or as shown back: ``31 Maret 2027``, ``31 Mar 2027``."""
    if match := _WRITTEN_DATE.match(text.lower()):
        day, name, year = match.groups()
        name = "agustus" if name == "agt" else name
        months = [n for n, month in enumerate(MONTH_NAMES, 1) if month.lower().startswith(name)]
        if len(months) == 1:
            try:
                return date(int(year), months[0], int(day))
            except ValueError:
                pass
    return parse_date(text)


def _in_period(day: date, period: ReportingPeriod | None) -> date:
    if period and not period.start <= day <= period.end:
        raise ValueError(
            f"tanggal {format_date(day, with_weekday=False)} di luar periode "
            f"{period.label} ({period.span})"
        )
    return day


def _amount(kind: InputKind, value: float) -> float:
    """An owner's number within the rules of its kind; Rupiah rounded to whole Rupiah."""
    if value < 0:
        raise ValueError(f"tidak boleh negatif; {_EXAMPLES[kind]}")
    if kind is InputKind.PERSEN and value > 100:
        raise ValueError(f"persen harus dari 0 sampai 100; {_EXAMPLES[kind]}")
    return whole_rupiah(value) if kind is InputKind.RUPIAH else value


def parse_input_value(
    kind: InputKind, raw: str, *, period: ReportingPeriod | None = None
) -> float | bool | date:
    """An owner's typed value; ValueError with a short Indonesian reason and example.

    Numbers are read by :func:`bot.core.numbers.read_text` (``12,5``, ``1.250.000``;
    ``1.234`` is refused with a question); Rupiah also as ``1,25 M`` (miliar), ``750 jt``
    (juta), ``500 rb`` and is rounded to whole Rupiah (halves up). Dates as ``31/03/2027``,
    ``2027-03-31`` or ``31 Maret 2027``; within ``period`` when one is given.
    """
    text = raw.strip()
    if not text:
        raise ValueError(f"isian kosong; {_EXAMPLES[kind]}")
    if kind is InputKind.YA_TIDAK:
        answer = text.lower().rstrip(".!")
        if answer in _YES or answer in _NO:
            return answer in _YES
        raise ValueError(f"{text:.30} tidak dikenal; {_EXAMPLES[kind]}")
    if kind is InputKind.TANGGAL:
        return _in_period(_date(text), period)
    return _amount(kind, read_text(text, _NUMBER_KINDS[kind], example=_EXAMPLES[kind]))


def parse_input_cell(
    kind: InputKind,
    value: object,
    *,
    number_format: str | None = None,
    period: ReportingPeriod | None = None,
    epoch: datetime | None = None,
) -> float | bool | date:
    """An owner's value from a (non-blank) workbook cell, by the rules of
    :func:`parse_input_value`: a number cell is read as its number, a percent-formatted cell
    holding 0,5 in a ``persen`` column is 50; text is read like a typed answer.

    In a date column a number without date formatting is an Excel date serial (counted
    from ``epoch``, the workbook's; 1900 when not given).
    """
    if isinstance(value, str):
        return parse_input_value(kind, value, period=period)
    if kind is InputKind.YA_TIDAK:
        if isinstance(value, bool):  # an Excel TRUE/FALSE
            return value
        what = "tanggal" if isinstance(value, date | time) else "angka"
        raise ValueError(f"sel berisi {what}, bukan ya atau tidak; {_EXAMPLES[kind]}")
    if kind is InputKind.TANGGAL:
        return _in_period(date_cell(value, epoch=epoch), period)
    number_kind = _NUMBER_KINDS[kind]
    return _amount(
        kind, read_cell(value, number_kind, number_format=number_format, example=_EXAMPLES[kind])
    )


def format_input_value(kind: InputKind, value: float | bool | date) -> str:
    """A reported value as shown back to people: ``Rp 1.250.000``, ``75,5%``, ``ya``."""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, date):
        return format_date(value, with_weekday=False)
    if kind is InputKind.RUPIAH:
        return format_rupiah(value)
    text = format_number(value)
    return f"{text}%" if kind is InputKind.PERSEN else text


# Values and achievement ----------------------------------------------------------------


def indicator_value(indicator: Indicator, values: Mapping[str, float]) -> float | None:
    """The indicator's formula over the reported inputs; None when an input is missing or a
    denominator is zero. An invalid formula still raises FormulaError."""
    try:
        return evaluate(indicator.formula, values)
    except (KeyError, ZeroDivisionError):
        return None


def achievement(indicator: Indicator, value: float, target: float) -> float | None:
    """Percent of the target achieved, respecting polarity (higher is better when unset);
    None when it cannot be computed."""
    if indicator.polarity is Polarity.TURUN:
        if value == 0:
            return None if target > 0 else 100.0
        return target / value * 100
    if target == 0:
        return None
    return value / target * 100
