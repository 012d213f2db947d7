"""Validation of the NIP (Nomor Induk Pegawai), the 18-digit civil-servant number.

Layout: 8 digits date of birth (YYYYMMDD), 6 digits start of service (YYYYMM),
1 digit sex (1 male, 2 female), 3 digits sequence number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class NipError:
    """Why a NIP was refused; ``reason`` is a short Indonesian phrase."""

    reason: str


def normalise_nip(raw: str) -> str:
    """Drop the spaces, dots and dashes people type between the groups."""
    return "".join(ch for ch in raw if ch not in " .-\u00a0")


def validate_nip(raw: str) -> str | NipError:
    """The normalised NIP, or the reason it is not a valid one."""
    nip = normalise_nip(raw)
    if not nip.isdigit() or not nip.isascii():
        return NipError("NIP hanya boleh berisi angka")
    if len(nip) != 18:
        return NipError(f"NIP harus 18 digit, yang dikirim {len(nip)} digit")
    try:
        birth = date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return NipError("8 digit pertama (tanggal lahir TTTTBBHH) bukan tanggal yang sah")
    start_year, start_month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= start_month <= 12:
        return NipError("digit 9-14 (TMT CPNS TTTTBB) bukan bulan yang sah")
    if start_year < birth.year + 15:
        return NipError("tahun TMT (digit 9-12) terlalu dekat dengan tahun lahir")
    if nip[14] not in "12":
        return NipError("digit ke-15 (jenis kelamin) harus 1 atau 2")
    return nip


def format_nip(nip: str) -> str:
    """The grouped form printed on letters: ``19700610 199201 1 002``."""
    if len(nip) != 18:
        return nip
    return f"{nip[0:8]} {nip[8:14]} {nip[14]} {nip[15:18]}"
