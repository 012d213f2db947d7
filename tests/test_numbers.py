"""The shared reading of numbers (bot.core.numbers), beyond the table every reader runs on
(tests/number_cases.py): the details of text, cells, codes and rounding."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from bot.core.numbers import (
    NumberError,
    NumberKind,
    is_percent_format,
    kind_of_unit,
    read_cell,
    read_code,
    read_text,
    whole_rupiah,
)

PLAIN, RUPIAH, PERCENT = NumberKind.PLAIN, NumberKind.RUPIAH, NumberKind.PERCENT


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("1.234.567,89", PLAIN, 1_234_567.89),
        ("1,234,567.89", PLAIN, 1_234_567.89),
        ("1234.567", PLAIN, 1234.567),  # four digits before: no thousands group
        ("1,2340", PLAIN, 1.234),
        (".5", PLAIN, 0.5),
        ("−5", PLAIN, -5.0),  # a typographic minus
        ("+5", PLAIN, 5.0),
        ("1\u00a0250\u00a0000", PLAIN, 1_250_000.0),  # grouped with non-breaking spaces
        ("Rp. 1.250.000", RUPIAH, 1_250_000.0),
        ("Rp1.250", RUPIAH, 1250.0),
        ("1,250", RUPIAH, 1250.0),
        ("-Rp 5.000", RUPIAH, -5000.0),
        ("Rp -5.000", RUPIAH, -5000.0),
        ("Rp 1.250.000,-", RUPIAH, 1_250_000.0),
        ("750 jt", RUPIAH, 750_000_000.0),
        ("750 Juta", RUPIAH, 750_000_000.0),
        ("500 rb", RUPIAH, 500_000.0),
        ("2 miliar", RUPIAH, 2_000_000_000.0),
        ("0,1 M", RUPIAH, 100_000_000.0),  # exactly, not 100000000.00000001
        ("75,5%", PERCENT, 75.5),
        ("0,5 %", PERCENT, 0.5),
    ],
)
def test_text(text: str, kind: NumberKind, value: float) -> None:
    assert read_text(text, kind) == value


@pytest.mark.parametrize(
    ("text", "kind", "reason"),
    [
        ("1 25", PLAIN, "not_number"),  # spaces that are no thousands groups
        ("45, 45", PLAIN, "not_number"),
        ("1.234 M", RUPIAH, "ambiguous"),  # with a multiplier decimals are possible again
        ("1,25 M", PLAIN, "not_number"),
        ("1,25 X", RUPIAH, "not_number"),
        ("M", RUPIAH, "not_number"),
        ("5.", PLAIN, "not_number"),
        ("1,234.567.8", PLAIN, "not_number"),
        ("٣", PLAIN, "not_number"),  # other scripts' digits
        ("inf", PLAIN, "not_number"),
        ("#N/A", PLAIN, "excel_error"),
        ("50%", RUPIAH, "percent_sign"),
        ("Rp 5", PERCENT, "rupiah_sign"),
        ("", PLAIN, "blank"),
    ],
)
def test_text_refused(text: str, kind: NumberKind, reason: str) -> None:
    with pytest.raises(NumberError) as error:
        read_text(text, kind)
    assert error.value.reason == reason


def test_the_ambiguity_is_asked_back() -> None:
    with pytest.raises(NumberError) as error:
        read_text("-1.234")
    assert str(error.value) == (
        "-1.234 bisa berarti -1,234 (desimal) atau -1234 (ribuan); "
        "tulis -1234 bila ribuan, atau -1,2340 bila desimal"
    )
    # Both readings it offers are read as offered.
    assert read_text("-1234") == -1234 and read_text("-1,2340") == -1.234


@pytest.mark.parametrize(
    ("number_format", "percent"),
    [
        ("0%", True),
        ("0.00%", True),
        ("#,##0.0%;[Red]-#,##0.0%", True),
        ("General", False),
        ('0"%"', False),  # a literal % does not scale the value
        ("0\\%", False),
        ("#,##0", False),
        (None, False),
    ],
)
def test_percent_formats(number_format: str | None, percent: bool) -> None:
    assert is_percent_format(number_format) is percent


def test_cells() -> None:
    assert read_cell(42.25) == 42.25
    assert read_cell(0.125, PERCENT, number_format="0.0%") == 12.5
    assert read_cell(1, PERCENT, number_format="0%") == 100.0
    with pytest.raises(NumberError, match=r"sel berformat persen \(50,5%\)"):
        read_cell(0.505, RUPIAH, number_format="0.0%")
    for moment in (time(8, 30), timedelta(hours=2), datetime(2027, 1, 1)):
        with pytest.raises(NumberError, match="tanggal"):
            read_cell(moment)
    with pytest.raises(NumberError, match="tidak terhingga"):
        read_cell(float("nan"))
    with pytest.raises(NumberError, match="isian kosong"):
        read_cell(None)
    assert read_cell(" 1.250 ", RUPIAH) == 1250.0


def test_numbers_in_messages_are_written_for_people() -> None:
    with pytest.raises(NumberError, match=r"^10000000000000000 terlalu besar"):
        read_cell(1e16)
    with pytest.raises(NumberError, match=r"^kode RUP 4123,5 bukan bilangan bulat"):
        read_code(4123.5, what="kode RUP")


def test_codes() -> None:
    assert read_code(41234567) == "41234567"
    assert read_code(41234567.0) == "41234567"
    assert read_code("  4123 4567 ") == "4123 4567"
    assert read_code(None) == ""
    for bad in (41234567.5, float("inf"), 1e15, True, datetime(2027, 1, 1)):
        with pytest.raises(NumberError):
            read_code(bad)


def test_whole_rupiah_rounds_halves_up() -> None:
    assert [whole_rupiah(v) for v in (1_250_000.5, 1_250_001.5, 0.49, 42.25)] == [
        1_250_001.0,
        1_250_002.0,
        0.0,
        42.0,
    ]


def test_kind_of_unit() -> None:
    assert [kind_of_unit(u) for u in ("%", "Rp", "hari", "")] == [PERCENT, RUPIAH, PLAIN, PLAIN]
