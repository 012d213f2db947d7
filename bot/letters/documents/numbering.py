"""Numbers as letters print them: the number of a draft, and numbers spelled in words."""

from __future__ import annotations

import string

from bot.core.profile import OrgProfile
from bot.letters.documents.content import LetterHeader

# What a draft prints instead of the sequence number.
DRAFT_SEQUENCE = "…"


def draft_number(profile: OrgProfile, year: int) -> str:
    """The profile's number format with the sequence left open: ``027/…/UKPBJ/2027``."""
    values: dict[str, object] = {
        "klasifikasi": profile.default_classification,
        "kode_unit": profile.unit_code,
        "tahun": year,
    }
    parts: list[str] = []
    for literal, name, spec, conversion in string.Formatter().parse(profile.letter_number_format):
        parts.append(literal)
        if name is None:
            continue
        if name == "urut":
            parts.append(DRAFT_SEQUENCE)
            continue
        value = values.get(name, "")
        if conversion == "r":
            value = repr(value)
        elif conversion == "s":
            value = str(value)
        parts.append(format(value, spec or ""))
    return "".join(parts)


def letter_number_text(profile: OrgProfile, header: LetterHeader) -> str:
    """The number as printed: the letter's own, or the draft placeholder."""
    if header.is_draft or header.number is None:
        return draft_number(profile, header.day.year)
    return header.number.strip()


def spelled_number(n: int) -> str:
    """A whole number in Indonesian words, as in ``12 (dua belas)``; up to 999.999."""
    ones = (
        "nol",
        "satu",
        "dua",
        "tiga",
        "empat",
        "lima",
        "enam",
        "tujuh",
        "delapan",
        "sembilan",
        "sepuluh",
        "sebelas",
    )

    def join(head: str, rest: int) -> str:
        return f"{head} {spelled_number(rest)}" if rest else head

    if n < 0 or n >= 1_000_000:
        return str(n)
    if n < 12:
        return ones[n]
    if n < 20:
        return f"{ones[n - 10]} belas"
    if n < 100:
        return join(f"{ones[n // 10]} puluh", n % 10)
    if n < 200:
        return join("seratus", n - 100)
    if n < 1000:
        return join(f"{ones[n // 100]} ratus", n % 100)
    if n < 2000:
        return join("seribu", n - 1000)
    return join(f"{spelled_number(n // 1000)} ribu", n % 1000)
