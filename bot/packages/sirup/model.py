"""What reading a SIRUP export gives: packages, skipped rows, or why the file is refused."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NoReturn

from bot.planning.rules.values import format_number

METHODS = (
    "Tender",
    "Tender Cepat",
    "Seleksi",
    "Pengadaan Langsung",
    "Penunjukan Langsung",
    "e-Purchasing",
    "Dikecualikan",
    "Swakelola",
)
TYPES = ("Barang", "Pekerjaan Konstruksi", "Jasa Konsultansi", "Jasa Lainnya")

STYLE_DISPLAY = "tampilan"
STYLE_DATASET = "dataset"

HINT_RESAVE = "simpan ulang sebagai .xlsx atau .csv, lalu kirim lagi"
HINT_EXPORT = "unduh ulang daftar paket dari SIRUP sebagai Excel (.xlsx) atau CSV, lalu kirim lagi"


@dataclass(frozen=True)
class SirupPackage:
    """One procurement package of the RUP."""

    kode_rup: str
    nama_paket: str
    satuan_kerja: str
    pagu: int  # Rupiah
    metode: str  # one of METHODS, or the text as written when unknown
    jenis: str  # one of TYPES, or ""
    sumber_dana: str
    waktu_pemilihan: str  # as written, e.g. "Januari 2027" or "2027-01-04 - 2027-02-26"
    tahun: int | None
    kd_satker: str
    status_pdn: str
    status_ukm: str
    row: int  # as Excel shows it, 1-based


@dataclass(frozen=True)
class SkippedRow:
    """A row that is not a package, and why (Indonesian, e.g. "kode RUP kosong")."""

    row: int
    reason: str


def units_of(packages: Iterable[SirupPackage]) -> list[str]:
    """The distinct satuan kerja names, sorted ignoring case."""
    return sorted({p.satuan_kerja for p in packages}, key=lambda u: (u.casefold(), u))


def pagu_per_unit(packages: Iterable[SirupPackage]) -> dict[str, tuple[int, int]]:
    """Satuan kerja -> (number of packages, total pagu), in the order of :func:`units_of`."""
    packages = tuple(packages)
    totals: dict[str, tuple[int, int]] = {unit: (0, 0) for unit in units_of(packages)}
    for package in packages:
        count, pagu = totals[package.satuan_kerja]
        totals[package.satuan_kerja] = (count + 1, pagu + package.pagu)
    return totals


@dataclass(frozen=True)
class SirupImport:
    packages: tuple[SirupPackage, ...]
    skipped: tuple[SkippedRow, ...]
    header_row: int
    header_style: str  # STYLE_DISPLAY ("tampilan") or STYLE_DATASET ("dataset")
    columns: frozenset[str] = frozenset()  # the fields (keys of header.FIELDS) the export has

    def units(self) -> list[str]:
        """The distinct satuan kerja names, sorted ignoring case."""
        return units_of(self.packages)

    def pagu_per_unit(self) -> dict[str, tuple[int, int]]:
        """Satuan kerja -> (number of packages, total pagu), in the order of :meth:`units`."""
        return pagu_per_unit(self.packages)


@dataclass(frozen=True)
class SirupError:
    """Why the file as a whole cannot be read, and what to do about it."""

    message: str
    hint: str = ""


@dataclass(frozen=True)
class Limits:
    """How much of a file the reader takes before refusing it."""

    max_bytes: int
    max_uncompressed_bytes: int  # all zip entries of an .xlsx together, once unpacked
    max_zip_entries: int
    max_rows: int  # rows of a sheet or CSV, titles and header included


class Refused(Exception):
    """The file cannot be read further; carries the error to show."""

    def __init__(self, error: SirupError) -> None:
        super().__init__(error.message)
        self.error = error


def refuse(message: str, hint: str = "") -> NoReturn:
    raise Refused(SirupError(message, hint))


def check_row_limit(number: int, limits: Limits) -> None:
    """Refuse a file with a (non-blank) row ``number`` beyond the row limit."""
    if number > limits.max_rows:
        refuse(
            f"berkas berisi lebih dari {format_number(limits.max_rows)} baris",
            "kirim paket per satuan kerja atau per bagian, atau hapus baris yang tidak dipakai",
        )
