"""Reading a number people wrote (a workbook cell or a chat answer) exactly, or not at all.

Every reader of numbers (the plan workbook, the Template Data Kinerja, the mapping sheet,
the SIRUP import, typed chat answers) goes through here, so they all agree. Data that is
silently wrong is worse than a refusal: each function returns the exact number or raises
:class:`NumberError` with a short Indonesian reason and hint ("what; how to fix").

The rules (the Petunjuk sheets and the chat prompts say the same to people):

* A number cell is its number. It is never turned into text and read back.
* A cell formatted as a percentage (``0%``, ``0.0%``) holds a fraction: 0,5 shown as 50%
  is 50 percent. Such a cell is read only where a percentage is expected; elsewhere it is
  refused, never multiplied nor left at 0,5.
* Text is read the Indonesian way: ``.`` groups thousands and ``,`` marks decimals
  (``42,25``, ``1.234.567``, ``1.234.567,89``). The other convention is read when it cannot
  be mistaken: ``42.25`` (one dot followed by 1, 2 or 4+ digits is a decimal point),
  ``1,234,567.89`` (with both separators the last one marks decimals, and the groups before
  it must be groups of three). A leading ``0`` (``0.450``, ``0,450``) is a decimal.
  ``1.234`` and ``1,234`` (one separator, exactly three digits after it, 1-3 digits before
  it and not 0) could be either: they are refused with a question, not guessed.
* Rupiah (:attr:`NumberKind.RUPIAH`) has no decimals unless written with them, so there one
  separator followed by three digits groups thousands (``1.250`` is Rp 1.250). ``Rp`` in
  front, ``,-`` behind and the multipliers ``M``/``miliar`` (10^9), ``jt``/``juta`` and
  ``rb``/``ribu`` are read: ``1,25 M``, ``750 jt``, ``Rp 1.250.000,-``.
* Percent (:attr:`NumberKind.PERCENT`): ``50``, ``50%``, ``50,5 %`` and a percent-formatted
  cell holding 0,5 are all 50. ``%`` and ``Rp`` are refused where they do not belong.
* Dates, times, TRUE/FALSE, Excel error values (``#DIV/0!``), NaN, infinity and values
  beyond :data:`LARGEST` are refused.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

# Excel keeps 15 significant digits; beyond this a value is a typing or export error.
LARGEST = 10**15


class NumberKind(StrEnum):
    """What a number stands for, which decides how its text and cells are read."""

    PLAIN = "plain"  # a count, days, an index, a score
    RUPIAH = "rupiah"
    PERCENT = "percent"


def kind_of_unit(unit: str) -> NumberKind:
    """The kind of an indicator's values from its unit (``%``, ``Rp``, ``hari``, ...)."""
    if unit == "%":
        return NumberKind.PERCENT
    if unit == "Rp":
        return NumberKind.RUPIAH
    return NumberKind.PLAIN


class NumberError(ValueError):
    """Why a value is not read as a number; ``str()`` gives "message; hint".

    ``reason`` names the case for readers that word it their own way (never shown).
    """

    def __init__(self, reason: str, message: str, hint: str = "") -> None:
        super().__init__(f"{message}; {hint}" if hint else message)
        self.reason = reason
        self.message = message
        self.hint = hint


_EXAMPLES = {
    NumberKind.PLAIN: "contoh 60 atau 60,5",
    NumberKind.RUPIAH: "contoh 1.250.000 atau 1,25 M",
    NumberKind.PERCENT: "contoh 75 atau 75,5",
}
_WHAT = {
    NumberKind.PLAIN: "angka",
    NumberKind.RUPIAH: "jumlah Rupiah",
    NumberKind.PERCENT: "angka",
}
_RETYPE = "ubah format sel menjadi Angka (General) lalu ketik isiannya"

_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")
_RUPIAH_PREFIX = re.compile(r"^rp\.?\s*", re.IGNORECASE)
_RUPIAH_DASH = re.compile(r"\s*[.,]-+$")
_PERCENT_SIGN = re.compile(r"\s*%$")
# "M" is miliar (10^9) in Indonesian usage, not million.
_MULTIPLIER = re.compile(r"^(?P<amount>.*?[0-9])\s*(?P<suffix>[a-z]+)\.?$", re.IGNORECASE)
_MULTIPLIERS = {"m": 10**9, "miliar": 10**9, "milyar": 10**9, "jt": 10**6, "juta": 10**6}
_MULTIPLIERS |= {"rb": 10**3, "ribu": 10**3}
_DIGITS = re.compile(r"^[0-9.,]+$")
_SPACED_GROUPS = re.compile(r"^[0-9]{1,3}(?: [0-9]{3})+(?:[.,][0-9]+)?$")
_GROUPED = {
    ".": re.compile(r"^[0-9]{1,3}(?:\.[0-9]{3})+$"),
    ",": re.compile(r"^[0-9]{1,3}(?:,[0-9]{3})+$"),
}
_EXCEL_ERRORS = ("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#SPILL!")
# Quoted text, escaped characters and [colour]/[locale] parts of a number format: a % in
# them is shown literally and does not scale the value.
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def is_percent_format(number_format: str | None) -> bool:
    """Whether a cell's number format shows its value times 100 with a % sign."""
    return bool(number_format) and "%" in _FORMAT_LITERALS.sub("", str(number_format))


def cell_number_text(value: float) -> str:
    """A number cell's value as a person reads it in a message: ``42,25``,
    ``10000000000000000`` (no ``1e+16``, no ``.0``)."""
    if not math.isfinite(value):
        return "tak terhingga"
    text = format(Decimal(repr(value)).normalize(), "f")
    return text.replace(".", ",")


def _shown(text: str) -> str:
    return f"{' '.join(text.split()):.30}"


def _not_a_number(text: str, kind: NumberKind, example: str) -> NumberError:
    return NumberError("not_number", f"{_shown(text)} bukan {_WHAT[kind]}", example)


def _checked(value: Decimal, text: str) -> float:
    if not value.is_finite() or abs(value) > LARGEST:
        raise NumberError(
            "too_big",
            f"{_shown(text)} terlalu besar",
            "periksa isiannya, paling besar 1.000 triliun",
        )
    return float(value)


class _Ambiguous(Exception):
    """One separator followed by exactly three digits: decimals or thousands?"""

    def __init__(self, whole: str, fraction: str) -> None:
        super().__init__(whole, fraction)
        self.whole = whole
        self.fraction = fraction


def _one_separator(text: str, separator: str, *, thousands: bool) -> Decimal:
    """``text`` with a single ``.`` or ``,`` in it."""
    whole, fraction = text.split(separator)
    if len(fraction) != 3 or not whole or whole.startswith("0") or len(whole) > 3:
        return Decimal(f"{whole or '0'}.{fraction}")
    if thousands:
        return Decimal(whole + fraction)
    raise _Ambiguous(whole, fraction)


def _digits(text: str, *, thousands: bool) -> Decimal:
    """Digits with thousands and decimal separators (no sign, no spaces) as a Decimal;
    ValueError (plain, reworded by the caller) when it is not a number."""
    if not text or not _DIGITS.match(text) or not text[-1].isdigit():
        raise ValueError(text)
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        last = max(text.rfind("."), text.rfind(","))
        separator = text[last]
        group = "," if separator == "." else "."
        whole, fraction = text[:last], text[last + 1 :]
        if separator in whole or not _GROUPED[group].match(whole):
            raise ValueError(text)
        return Decimal(f"{whole.replace(group, '')}.{fraction}")
    if not dots and not commas:
        return Decimal(text)
    separator = "." if dots else ","
    if dots + commas == 1:
        return _one_separator(text, separator, thousands=thousands)
    if _GROUPED[separator].match(text):
        return Decimal(text.replace(separator, ""))
    raise ValueError(text)


def read_text(text: str, kind: NumberKind = NumberKind.PLAIN, *, example: str = "") -> float:
    """The number a person wrote as text; NumberError when it is not exactly one.

    ``example`` is the hint given when the text is no number (by default one for ``kind``).
    """
    example = example or _EXAMPLES[kind]
    written = _SPACES.sub(" ", text).strip()
    if not written:
        raise NumberError("blank", "isian kosong", example)
    if written.upper() in _EXCEL_ERRORS:
        raise NumberError(
            "excel_error",
            f"sel berisi galat Excel {written.upper()}",
            "perbaiki rumusnya atau ketik nilainya langsung",
        )
    rest, negative, multiplier = _marks_removed(written, kind, example)
    if " " in rest:
        if not _SPACED_GROUPS.match(rest):
            raise _not_a_number(written, kind, example)
        rest = rest.replace(" ", "")
    try:
        value = _digits(rest, thousands=kind is NumberKind.RUPIAH and multiplier == 1)
    except _Ambiguous as both:
        sign = "-" if negative else ""
        decimal, thousands = (
            f"{sign}{both.whole},{both.fraction}",
            f"{sign}{both.whole}{both.fraction}",
        )
        raise NumberError(
            "ambiguous",
            f"{_shown(written)} bisa berarti {decimal} (desimal) atau {thousands} (ribuan)",
            f"tulis {thousands} bila ribuan, atau {decimal}0 bila desimal",
        ) from None
    except (ValueError, InvalidOperation):
        raise _not_a_number(written, kind, example) from None
    return _checked(-value * multiplier if negative else value * multiplier, written)


def _wrong_mark(code: str, written: str, mark: str, what: str, example: str) -> NumberError:
    return NumberError(
        code,
        f"{_shown(written)} memakai {mark}, padahal isian ini bukan {what}",
        "tulis angkanya saja, " + example,
    )


def _marks_removed(written: str, kind: NumberKind, example: str) -> tuple[str, bool, int]:
    """The digits left after the sign, ``Rp``, ``M``/``jt``/``rb`` and ``%`` a person may
    write (each only where it belongs), whether it was negative, and the multiplier."""
    rest = written.replace("\u2212", "-")  # a typographic minus
    negative = False
    if rest.startswith(("+", "-")):
        negative, rest = rest[0] == "-", rest[1:].lstrip()
    if prefix := _RUPIAH_PREFIX.match(rest):
        if kind is not NumberKind.RUPIAH:
            raise _wrong_mark("rupiah_sign", written, "Rp", "jumlah Rupiah", example)
        rest = rest[prefix.end() :]
        if rest.startswith(("+", "-")) and not negative:
            negative, rest = rest[0] == "-", rest[1:].lstrip()
    multiplier = 1
    if kind is NumberKind.RUPIAH:
        rest = _RUPIAH_DASH.sub("", rest)
        suffix = _MULTIPLIER.match(rest)
        if suffix and suffix["suffix"].lower() in _MULTIPLIERS:
            rest, multiplier = suffix["amount"], _MULTIPLIERS[suffix["suffix"].lower()]
    if percent := _PERCENT_SIGN.search(rest):
        if kind is not NumberKind.PERCENT:
            raise _wrong_mark("percent_sign", written, "tanda %", "persen", example)
        rest = rest[: percent.start()]
    return rest, negative, multiplier


def read_cell(
    value: object,
    kind: NumberKind = NumberKind.PLAIN,
    *,
    number_format: str | None = None,
    example: str = "",
) -> float:
    """The number in a workbook cell (a number, or text read by :func:`read_text`).

    ``number_format`` is the cell's; a percent format is read only for
    :attr:`NumberKind.PERCENT` (0,5 is 50). A blank cell is an error here: readers decide
    what a blank means before asking for its number.
    """
    example = example or _EXAMPLES[kind]
    if isinstance(value, str):
        return read_text(value, kind, example=example)
    if value is None:
        raise NumberError("blank", "isian kosong", example)
    if isinstance(value, bool):  # before int: True is an int
        raise NumberError(
            "bool", "sel berisi nilai TRUE/FALSE, bukan angka", "ketik angkanya langsung"
        )
    if isinstance(value, datetime | date | time | timedelta):
        raise NumberError("date", "sel berisi tanggal, bukan angka", _RETYPE)
    if not isinstance(value, int | float):
        raise _not_a_number(str(value), kind, example)
    if isinstance(value, float) and not math.isfinite(value):
        raise NumberError("too_big", "sel berisi angka tidak terhingga", example)
    # repr() is the shortest text giving the same float: 42.25 stays 42.25, and the
    # percent scaling below cannot add float noise (0.505 * 100 is 50.5, not 50.50000001).
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if is_percent_format(number_format):
        if kind is not NumberKind.PERCENT:
            raise NumberError(
                "percent_format",
                f"sel berformat persen ({_percent_text(number)}), padahal isian ini bukan persen",
                _RETYPE,
            )
        number *= 100
    return _checked(number, cell_number_text(value))


def _percent_text(number: Decimal) -> str:
    scaled = number * 100
    text = format(scaled.normalize(), "f") if scaled != scaled.to_integral() else f"{scaled:.0f}"
    return text.replace(".", ",") + "%"


def whole_rupiah(value: float) -> float:
    """An amount rounded to whole Rupiah, halves up (1.250,50 is 1.251), as people expect;
    Python's round() would round halves to even."""
    amount = Decimal(repr(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return float(amount)


def read_code(value: object, *, what: str = "kode") -> str:
    """A code (kode RUP, kode satker) from a cell as text: a number cell 41234567 is
    ``"41234567"``, never ``"41234567.0"``. NumberError for a cell that cannot be a code."""
    if value is None:
        return ""
    if isinstance(value, bool):
        raise NumberError("bool", f"sel {what} berisi nilai TRUE/FALSE", f"ketik {what} saja")
    if isinstance(value, datetime | date | time | timedelta):
        raise NumberError(
            "date", f"sel {what} berisi tanggal", f"ubah format sel menjadi Teks lalu ketik {what}"
        )
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            raise NumberError(
                "not_number",
                f"{what} {cell_number_text(value):.30} bukan bilangan bulat",
                f"ketik {what} saja",
            )
        if abs(value) >= LARGEST:
            raise NumberError(
                "too_big",
                f"{what} terlalu panjang untuk sel angka (Excel hanya menyimpan 15 digit)",
                f"ubah format sel menjadi Teks lalu ketik ulang {what}",
            )
        return str(int(value))
    return " ".join(str(value).split())
