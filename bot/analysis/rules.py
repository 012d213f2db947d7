"""The rules of SOP step 14 without Telegram or storage: which periods can be analysed, the
length of an answer, who and by when of a recommendation. A refusal is a ValueError with a
short Indonesian reason."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from bot.core.dates import format_date
from bot.planning.rules.model import Frequency, Indicator, InputKind, Plan
from bot.reporting.rules import ReportingPeriod, indicators_due, parse_input_value
from bot.reporting.rules import parse_input_cell as _parse_cell

MAX_ANSWER = 2000
MAX_WHO = 300
KEEP = "-"  # typed while editing: keep the previous answer

_FREQUENCY_ORDER = {frequency: index for index, frequency in enumerate(Frequency)}


def ended_periods(periods: Sequence[ReportingPeriod], today: date) -> list[ReportingPeriod]:
    """The periods whose last day is past, newest first (equal ends: shorter period first)."""
    ended = [p for p in periods if p.end < today]
    return sorted(ended, key=lambda p: (-p.end.toordinal(), _FREQUENCY_ORDER[p.frequency]))


def indicators_to_analyse(
    plan: Plan, period: ReportingPeriod, closed_after: Mapping[str, date]
) -> tuple[Indicator, ...]:
    """The indicators reported in ``period``, less those the head closed (step 17) before
    the period started (``closed_after``: the last day an indicator still reported)."""
    return tuple(
        i
        for i in indicators_due(plan, period)
        if i.code not in closed_after or period.start <= closed_after[i.code]
    )


def latest_ended(periods: Sequence[ReportingPeriod], today: date) -> list[ReportingPeriod]:
    """Every period ending on the latest end date that is past (a quarter and a semester
    can end on the same day); empty while none has ended."""
    ended = ended_periods(periods, today)
    return [p for p in ended if p.end == ended[0].end] if ended else []


def answer_text(raw: str, *, previous: str = "", limit: int = MAX_ANSWER) -> str:
    """A typed answer of 1 to ``limit`` characters; ``-`` keeps ``previous`` when there is one."""
    text = raw.strip()
    if text == KEEP and previous:
        return previous
    if not text or text == KEEP:
        raise ValueError("jawaban kosong; tulis paling sedikit satu kata")
    if len(text) > limit:
        raise ValueError(
            f"jawaban terlalu panjang ({len(text)} karakter); paling banyak {limit} karakter"
        )
    return text


def last_due_day(today: date) -> date:
    """The latest due date a recommendation may have: the end of next year."""
    return date(today.year + 1, 12, 31)


def check_due(day: date, today: date) -> date:
    """A due date not in the past and not after the end of next year."""
    if day < today:
        raise ValueError(
            f"tanggal {format_date(day, with_weekday=False)} sudah lewat; "
            f"tulis hari ini ({format_date(today, with_weekday=False)}) atau sesudahnya"
        )
    if day > last_due_day(today):
        raise ValueError(
            f"tanggal {format_date(day, with_weekday=False)} terlalu jauh; paling lambat "
            f"{format_date(last_due_day(today), with_weekday=False)}"
        )
    return day


def parse_due(raw: str, today: date) -> date:
    """A typed due date (``31/03/2027``, ``2027-03-31``, ``31 Maret 2027``), checked."""
    value = parse_input_value(InputKind.TANGGAL, raw)
    assert isinstance(value, date)
    return check_due(value, today)


def due_cell(value: object, today: date, *, keep: Sequence[date] = ()) -> date:
    """A due date from a workbook cell, checked; a date in ``keep`` (the recommendation's
    current one) passes even when it is past now."""
    day = _parse_cell(InputKind.TANGGAL, value)
    assert isinstance(day, date)
    return day if day in keep else check_due(day, today)
