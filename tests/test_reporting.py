"""Periodic reporting rules (SOP steps 11-12) without Telegram: periods, deadlines, owners'
typed values, indicator values and achievement."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.planning.rules.example import example_plan
from bot.planning.rules.formula import FormulaError
from bot.planning.rules.model import Frequency, Indicator, InputKind, Plan, Polarity
from bot.reporting.rules import (
    DEFAULT_DEADLINE_DAYS,
    ReportingPeriod,
    achievement,
    current_or_last_period,
    format_input_value,
    indicator_value,
    indicators_due,
    input_prompt,
    is_late,
    parse_input_value,
    parse_period_key,
    reporting_period,
    reporting_periods,
    upcoming,
)

WIT = ZoneInfo("Asia/Jayapura")
PLAN = example_plan(2027)
PERIODS = reporting_periods(PLAN, year=2027, zone=WIT)


def _period(key: str, year: int = 2027) -> ReportingPeriod:
    frequency, number = parse_period_key(key)
    return reporting_period(frequency, number, year=year, zone=WIT)


def _indicator(code: str) -> Indicator:
    indicator = PLAN.indicator(code)
    assert indicator is not None
    return indicator


def _monthly(plan: Plan) -> Plan:
    return replace(
        plan,
        indicators=tuple(
            replace(i, reporting_frequency=Frequency.BULANAN) for i in plan.indicators
        ),
    )


def _at(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0, us: int = 0
) -> datetime:
    """A moment in WIT."""
    return datetime(year, month, day, hour, minute, second, us, tzinfo=WIT)


# Periods and deadlines ----------------------------------------------------------------


def test_the_example_plan_reports_quarters_semesters_and_the_year() -> None:
    assert DEFAULT_DEADLINE_DAYS == 10
    assert [p.key for p in PERIODS] == [
        "triwulanan-1",
        "triwulanan-2",
        "semester-1",
        "triwulanan-3",
        "triwulanan-4",
        "semester-2",
        "tahunan-1",
    ]
    first = PERIODS[0]
    assert (first.label, first.start, first.end) == (
        "Triwulan I",
        date(2027, 1, 1),
        date(2027, 3, 31),
    )
    assert first.span == "1 Januari–31 Maret 2027"
    # The deadline crosses the month end: 10 days after 31 March is Saturday 10 April, so
    # it moves to the next working day, Monday 12 April.
    assert first.deadline == datetime(2027, 4, 12, 23, 59, 59, tzinfo=WIT)
    assert PERIODS[-1].deadline == _at(2028, 1, 10, 23, 59, 59)


def test_deadlines_are_aware_and_in_wit() -> None:
    for period in PERIODS:
        assert period.deadline.tzinfo is WIT
        assert period.deadline.utcoffset() == timedelta(hours=9)
        assert (period.deadline.hour, period.deadline.minute, period.deadline.second) == (
            23,
            59,
            59,
        )
    assert PERIODS[0].deadline == datetime(2027, 4, 12, 14, 59, 59, tzinfo=UTC)


def test_monthly_periods_of_a_leap_year_and_own_deadline_days() -> None:
    months = reporting_periods(_monthly(PLAN), year=2028, zone=WIT, deadline_days=5)
    assert len(months) == 12 and months[1].label == "Februari"
    assert months[1].end == date(2028, 2, 29)
    # 5 March 2028 is a Sunday, 5 February 2028 a Saturday: both move to Monday.
    assert months[1].deadline == _at(2028, 3, 6, 23, 59, 59)
    assert months[0].deadline == _at(2028, 2, 7, 23, 59, 59)
    assert months[2].deadline == _at(2028, 4, 5, 23, 59, 59)  # a Wednesday stays
    assert reporting_period(Frequency.BULANAN, 2, year=2027, zone=WIT).end == date(2027, 2, 28)
    with pytest.raises(ValueError):
        reporting_period(Frequency.BULANAN, 1, year=2027, zone=WIT, deadline_days=-1)
    for number in (0, 5):
        with pytest.raises(ValueError, match="tidak ada"):
            reporting_period(Frequency.TRIWULANAN, number, year=2027, zone=WIT)


def test_plans_without_reporting_frequencies_have_no_periods() -> None:
    assert reporting_periods(Plan(year=2027), year=2027, zone=WIT) == []


def test_period_keys_round_trip_and_bad_keys_are_refused() -> None:
    for period in PERIODS:
        assert parse_period_key(period.key) == (period.frequency, period.number)
    assert parse_period_key("bulanan-12") == (Frequency.BULANAN, 12)
    for bad in ("triwulanan-5", "triwulanan-0", "triwulanan-01", "mingguan-1", "semester", ""):
        with pytest.raises(ValueError):
            parse_period_key(bad)
    for bad in ("triwulanan-x", "triwulanan--1", "tahunan-١"):
        with pytest.raises(ValueError):
            parse_period_key(bad)


def test_indicators_due_follow_the_reporting_frequency() -> None:
    codes = {p.key: [i.code for i in indicators_due(PLAN, p)] for p in PERIODS}
    assert codes["triwulanan-2"] == ["IKU-01", "IKU-02", "IKU-03", "IKU-04", "IKU-05"]
    assert codes["semester-1"] == ["IKU-06", "IKU-07"]
    assert codes["tahunan-1"] == ["IKU-08"]
    assert indicators_due(PLAN, _period("bulanan-1")) == ()


def test_upcoming_includes_the_running_period_and_skips_past_deadlines() -> None:
    mid_february = _at(2027, 2, 15, 9)
    assert [p.key for p in upcoming(PERIODS, mid_february, limit=3)] == [
        "triwulanan-1",
        "triwulanan-2",
        "semester-1",
    ]
    just_after = PERIODS[0].deadline + timedelta(seconds=1)
    assert upcoming(PERIODS, just_after)[0].key == "triwulanan-2"
    assert upcoming(PERIODS, PERIODS[0].deadline)[0].key == "triwulanan-1"
    assert len(upcoming(PERIODS, mid_february)) == 5
    assert upcoming(PERIODS, _at(2028, 2, 1)) == []
    with pytest.raises(ValueError):
        upcoming(PERIODS, datetime(2027, 2, 15))


def test_current_or_last_period() -> None:
    assert current_or_last_period(PERIODS, _at(2027, 2, 15)) is None
    # The first minute after the quarter ends, in WIT (still 31 March in UTC).
    assert current_or_last_period(PERIODS, _at(2027, 4, 1, 0, 1)) == PERIODS[0]
    assert current_or_last_period(PERIODS, datetime(2027, 3, 31, 15, 1, tzinfo=UTC)) == PERIODS[0]
    assert current_or_last_period(PERIODS, datetime(2027, 3, 31, 14, 59, tzinfo=UTC)) is None
    # After the deadline, the latest ended period is still the answer.
    assert current_or_last_period(PERIODS, _at(2027, 5, 20)) == PERIODS[0]
    # Quarter II and semester I end together: the shorter frequency first.
    assert current_or_last_period(PERIODS, _at(2027, 7, 5)) == _period("triwulanan-2")
    assert current_or_last_period(PERIODS, _at(2028, 3, 1)) == _period("triwulanan-4")
    assert current_or_last_period([], _at(2028, 3, 1)) is None


def test_current_prefers_an_open_period_over_a_later_closed_one() -> None:
    months = reporting_periods(_monthly(PLAN), year=2027, zone=WIT, deadline_days=40)
    # On 5 March both January (deadline 12 March) and February (10 April) are open.
    assert current_or_last_period(months, _at(2027, 3, 5)) == months[1]


def test_deadlines_move_past_weekends_and_holidays() -> None:
    holidays = {date(2027, 1, 11), date(2027, 1, 12)}  # a Monday and Tuesday off
    # Triwulan IV 2026 ends on Thursday 31 December; 10 days later is Sunday 10 January.
    plain = reporting_period(Frequency.TRIWULANAN, 4, year=2026, zone=WIT)
    assert plain.deadline == _at(2027, 1, 11, 23, 59, 59)
    off = reporting_period(Frequency.TRIWULANAN, 4, year=2026, zone=WIT, holidays=holidays)
    assert off.deadline == _at(2027, 1, 13, 23, 59, 59)
    # A deadline on a working day that is no holiday stays where it is.
    assert reporting_period(
        Frequency.BULANAN, 4, year=2027, zone=WIT, holidays=holidays
    ).deadline == _at(2027, 5, 10, 23, 59, 59)


def test_late_or_on_time_at_the_boundary() -> None:
    period = PERIODS[0]
    assert not is_late(_at(2027, 4, 12, 23, 59, 59), period)
    assert not is_late(_at(2027, 4, 12, 23, 59, 59, 999_999), period)
    assert is_late(_at(2027, 4, 13, 0, 0, 0), period)
    assert not is_late(datetime(2027, 4, 12, 14, 59, 59, tzinfo=UTC), period)
    assert is_late(datetime(2027, 4, 12, 15, 0, 0, tzinfo=UTC), period)
    assert not is_late(_at(2027, 2, 1), period)  # early reports are fine


# Owners' input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "raw", "value"),
    [
        (InputKind.ANGKA, "12", 12.0),
        (InputKind.ANGKA, " 0 ", 0.0),
        (InputKind.ANGKA, "1250", 1250.0),
        (InputKind.ANGKA, "1.250.000", 1_250_000.0),
        (InputKind.ANGKA, "42,25", 42.25),
        (InputKind.ANGKA, "42.25", 42.25),
        (InputKind.RUPIAH, "1.250", 1250.0),
        (InputKind.RUPIAH, "Rp 1.250.000,-", 1_250_000.0),
        (InputKind.RUPIAH, "1.250.000,50", 1_250_001.0),
        (InputKind.RUPIAH, "1.250.001,50", 1_250_002.0),
        (InputKind.PERSEN, "50,5 %", 50.5),
        (InputKind.HARI, "45", 45.0),
        (InputKind.HARI, "12,5", 12.5),
        (InputKind.RUPIAH, "Rp 1.250.000", 1_250_000.0),
        (InputKind.RUPIAH, "1.250.000,60", 1_250_001.0),
        (InputKind.RUPIAH, "1,25 M", 1_250_000_000.0),
        (InputKind.RUPIAH, "Rp1,25M", 1_250_000_000.0),
        (InputKind.RUPIAH, "2 miliar", 2_000_000_000.0),
        (InputKind.RUPIAH, "750 jt", 750_000_000.0),
        (InputKind.RUPIAH, "750 Juta", 750_000_000.0),
        (InputKind.RUPIAH, "500 rb", 500_000.0),
        (InputKind.PERSEN, "75%", 75.0),
        (InputKind.PERSEN, "75,5", 75.5),
        (InputKind.PERSEN, "100", 100.0),
        (InputKind.PERSEN, "0", 0.0),
    ],
)
def test_numbers_owners_type(kind: InputKind, raw: str, value: float) -> None:
    parsed = parse_input_value(kind, raw)
    assert parsed == value and type(parsed) is float


@pytest.mark.parametrize(
    ("kind", "raw", "reason"),
    [
        (InputKind.ANGKA, "dua belas", "bukan angka; contoh 12"),
        (InputKind.ANGKA, "1.250", "1.250 bisa berarti 1,250 (desimal) atau 1250 (ribuan)"),
        (InputKind.HARI, "1,234", "tulis 1234 bila ribuan, atau 1,2340 bila desimal"),
        (InputKind.ANGKA, "50%", "memakai tanda %, padahal isian ini bukan persen"),
        (InputKind.HARI, "Rp 5", "memakai Rp, padahal isian ini bukan jumlah Rupiah"),
        (InputKind.PERSEN, "1.234", "bisa berarti"),
        (InputKind.ANGKA, "-1", "tidak boleh negatif"),
        (InputKind.ANGKA, "nan", "bukan angka"),
        (InputKind.ANGKA, "inf", "bukan angka"),
        (InputKind.HARI, "-0,5", "tidak boleh negatif; contoh 45"),
        (InputKind.RUPIAH, "-1.000.000", "tidak boleh negatif"),
        (InputKind.RUPIAH, "-2 jt", "tidak boleh negatif"),
        (InputKind.RUPIAH, "banyak", "bukan jumlah Rupiah; contoh 1.250.000 atau 1,25 M"),
        (InputKind.RUPIAH, "M", "bukan jumlah Rupiah"),
        (InputKind.RUPIAH, "1,25 X", "bukan jumlah Rupiah"),
        (InputKind.PERSEN, "100,1", "persen harus dari 0 sampai 100"),
        (InputKind.PERSEN, "-5%", "tidak boleh negatif"),
        (InputKind.PERSEN, "1,25 M", "bukan angka"),
        (InputKind.TANGGAL, "31 Maret", "bukan tanggal; tulis seperti 31/03/2027"),
        (InputKind.YA_TIDAK, "mungkin", "tidak dikenal; jawab ya atau tidak"),
        (InputKind.YA_TIDAK, "ya/tidak", "jawab ya atau tidak"),
        (InputKind.ANGKA, "  ", "isian kosong; contoh 12"),
    ],
)
def test_bad_input_is_explained(kind: InputKind, raw: str, reason: str) -> None:
    with pytest.raises(ValueError, match=re.escape(reason)):
        parse_input_value(kind, raw)


def test_dates_must_lie_within_the_period() -> None:
    quarter = PERIODS[0]
    assert parse_input_value(InputKind.TANGGAL, "31/03/2027", period=quarter) == date(2027, 3, 31)
    assert parse_input_value(InputKind.TANGGAL, "2027-01-01", period=quarter) == date(2027, 1, 1)
    assert parse_input_value(InputKind.TANGGAL, "5/4/2027") == date(2027, 4, 5)
    for written in ("5 April 2027", "5 apr 2027", "05 Apr. 2027"):
        assert parse_input_value(InputKind.TANGGAL, written) == date(2027, 4, 5)
    assert parse_input_value(InputKind.TANGGAL, "17 Agt 2027") == date(2027, 8, 17)
    for bad in ("31 Februari 2027", "5 Ju 2027", "5 Maretan 2027"):
        with pytest.raises(ValueError, match="bukan tanggal"):
            parse_input_value(InputKind.TANGGAL, bad)
    with pytest.raises(ValueError) as error:
        parse_input_value(InputKind.TANGGAL, "01/04/2027", period=quarter)
    assert str(error.value) == (
        "tanggal 1 April 2027 di luar periode Triwulan I (1 Januari–31 Maret 2027)"
    )
    with pytest.raises(ValueError, match="di luar periode Triwulan I"):
        parse_input_value(InputKind.TANGGAL, "31/12/2026", period=quarter)


@pytest.mark.parametrize(
    ("raw", "answer"),
    [
        ("ya", True),
        ("Y", True),
        ("IYA", True),
        (" Ya. ", True),
        ("tidak", False),
        ("T", False),
        ("tdk", False),
        ("Tidak!", False),
    ],
)
def test_yes_and_no(raw: str, answer: bool) -> None:
    assert parse_input_value(InputKind.YA_TIDAK, raw) is answer


@pytest.mark.parametrize(
    ("kind", "value", "text"),
    [
        (InputKind.RUPIAH, 1_250_000_000.0, "Rp 1.250.000.000"),
        (InputKind.PERSEN, 75.5, "75,5%"),
        (InputKind.PERSEN, 100.0, "100%"),
        (InputKind.ANGKA, 1250.0, "1.250"),
        (InputKind.HARI, 12.5, "12,5"),
        (InputKind.TANGGAL, date(2027, 3, 31), "31 Maret 2027"),
        (InputKind.YA_TIDAK, True, "ya"),
        (InputKind.YA_TIDAK, False, "tidak"),
    ],
)
def test_values_are_shown_back(kind: InputKind, value: float | bool | date, text: str) -> None:
    assert format_input_value(kind, value) == text


@pytest.mark.parametrize(
    ("kind", "raw"),
    [
        (InputKind.RUPIAH, "1,25 M"),
        (InputKind.PERSEN, "75,5"),
        (InputKind.ANGKA, "1.250,5"),
        (InputKind.HARI, "12,5"),
        (InputKind.TANGGAL, "31/03/2027"),
        (InputKind.YA_TIDAK, "iya"),
    ],
)
def test_shown_values_read_back_the_same(kind: InputKind, raw: str) -> None:
    value = parse_input_value(kind, raw)
    assert parse_input_value(kind, format_input_value(kind, value)) == value


def test_every_kind_has_a_one_line_prompt() -> None:
    assert input_prompt(InputKind.RUPIAH).endswith("contoh 1.250.000 atau 1,25 M")
    assert input_prompt(InputKind.PERSEN).endswith("contoh 75 atau 75,5 (tanda % boleh)")
    assert input_prompt(InputKind.ANGKA).endswith("(koma untuk desimal)")
    for kind in InputKind:
        prompt = input_prompt(kind)
        assert prompt and "\n" not in prompt and len(prompt) < 80


# Values and achievement ---------------------------------------------------------------


def test_indicator_values_from_reported_inputs() -> None:
    epurchasing = _indicator("IKU-04")
    inputs = {"nilai_epurchasing": 750_000_000.0, "total_pagu": 1_250_000_000.0}
    assert indicator_value(epurchasing, inputs) == pytest.approx(60)
    assert indicator_value(epurchasing, {"nilai_epurchasing": 1.0}) is None
    assert indicator_value(epurchasing, {"nilai_epurchasing": 0.0, "total_pagu": 0.0}) is None
    efficiency = _indicator("IKU-03")
    values = {"total_hps": 1_000_000.0, "total_nilai_kontrak": 920_000.0}
    assert indicator_value(efficiency, values) == pytest.approx(8)
    with pytest.raises(FormulaError):
        indicator_value(replace(efficiency, formula="total_hps **"), values)


def test_achievement_respects_polarity() -> None:
    higher = _indicator("IKU-04")
    assert higher.polarity is Polarity.NAIK
    assert achievement(higher, 45, 60) == pytest.approx(75)
    assert achievement(higher, 72, 60) == pytest.approx(120)
    assert achievement(higher, 10, 0) is None
    assert achievement(replace(higher, polarity=None), 30, 60) == pytest.approx(50)
    lower = _indicator("IKU-01")
    assert lower.polarity is Polarity.TURUN
    assert achievement(lower, 50, 45) == pytest.approx(90)
    assert achievement(lower, 30, 45) == pytest.approx(150)
    assert achievement(lower, 0, 45) is None
    assert achievement(lower, 0, 0) == 100
    assert achievement(lower, 5, 0) == 0
