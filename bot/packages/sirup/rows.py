"""Turning the data rows under a SIRUP header into packages, and saying why a row is skipped."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, time
from itertools import pairwise

from openpyxl.utils.datetime import WINDOWS_EPOCH, from_excel

from bot.core.numbers import NumberError, NumberKind, read_cell, read_code, whole_rupiah
from bot.core.xlsx_guard import is_blank
from bot.packages.sirup.header import Header, header_key
from bot.packages.sirup.model import METHODS, SirupImport, SirupPackage, SkippedRow, refuse
from bot.planning.rules.values import parse_year

MAX_PAGU = 10**15  # one quadrillion Rupiah; anything above is a typing or export error

# The number formats of a row's number cells (None for other cells, and in a CSV).
Formats = tuple[str | None, ...]

_MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T]00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)?$")
_WHOLE_FLOAT_TEXT = re.compile(r"^(\d+)\.0+$")
_SCIENTIFIC = re.compile(r"^\d+(?:[.,]\d+)?e[+-]?\d+$", re.IGNORECASE)
_TOTAL_LABEL = re.compile(r"^(?:grand\s*total|sub\s*total|total|jumlah)\b", re.IGNORECASE)
_COLUMN_NUMBER = re.compile(r"^\(?(\d{1,3})\)?$")


def text_of(value: object) -> str:
    """A cell value as trimmed text with single spaces (whole numbers without ``.0``)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        if value.time() == time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    text = " ".join(str(value).split())
    midnight = _MIDNIGHT.match(text)
    return midnight.group(1) if midnight else text


_METHOD_KEYS = {header_key(m): m for m in METHODS}


def _method(raw: str) -> str:
    key = header_key(raw)
    if key.startswith("swakelola"):
        return "Swakelola"
    return _METHOD_KEYS.get(key, raw)


def _type(raw: str) -> str:
    key = header_key(raw)
    if key == "barang":
        return "Barang"
    if key in ("pekerjaankonstruksi", "konstruksi"):
        return "Pekerjaan Konstruksi"
    if key.startswith(("jasakonsultansi", "jasakonsultasi")):
        return "Jasa Konsultansi"
    if key == "jasalainnya":
        return "Jasa Lainnya"
    return ""


def _kode(value: object) -> str:
    """A kode RUP as text (a number cell 40000001 is "40000001"); NumberError for a cell
    that cannot hold one (a date, TRUE/FALSE, a fraction, more digits than Excel keeps)."""
    text = text_of(read_code(value, what="kode RUP"))
    whole = _WHOLE_FLOAT_TEXT.match(text)
    return whole.group(1) if whole else text


def _code_or_text(value: object) -> str:
    try:
        return _kode(value)
    except NumberError:
        return text_of(value)


def _pagu(value: object, number_format: str | None = None) -> int:
    """Whole Rupiah (halves up); ValueError with the skip reason otherwise."""
    try:
        number = read_cell(value, NumberKind.RUPIAH, number_format=number_format)
    except NumberError as error:
        if error.reason == "too_big":
            raise ValueError(f"pagu terlalu besar: {text_of(value):.30}") from None
        if error.reason in ("not_number", "blank"):
            raise ValueError(f"pagu bukan angka: {text_of(value):.30}") from None
        raise ValueError(f"pagu tidak terbaca: {error}") from None
    if number < 0:
        raise ValueError("pagu negatif")
    if number > MAX_PAGU:
        raise ValueError(f"pagu terlalu besar: {text_of(value):.30}")
    return int(whole_rupiah(number))


def _year(value: object, number_format: str | None = None) -> int | None:
    if is_blank(value):
        return None
    try:
        return parse_year(value, number_format=number_format)
    except ValueError:
        return None


def _date_text(value: object, epoch: datetime) -> str:
    """A date column's cell as text; a number without date formatting that is a date of
    this century as an Excel serial (counted from the workbook's ``epoch``) is that date."""
    if isinstance(value, int | float) and not isinstance(value, bool) and 36_526 <= value < 73_051:
        serial = from_excel(value, epoch=epoch)
        if isinstance(serial, datetime):
            return text_of(serial)
    return text_of(value)


def _column_numbers(cells: Sequence[object]) -> bool:
    """A row like "1 2 3 4 ..." or "(1) (2) (3)" that numbers the columns under a header."""
    numbers = []
    for value in cells:
        if is_blank(value):
            continue
        if isinstance(value, bool):
            return False
        if isinstance(value, int | float):
            if not float(value).is_integer():
                return False
            numbers.append(int(value))
            continue
        match = _COLUMN_NUMBER.match(str(value).strip())
        if match is None:
            return False
        numbers.append(int(match.group(1)))
    return len(numbers) >= 3 and all(b == a + 1 for a, b in pairwise(numbers))


class Collector:
    """Turns data rows into packages and skipped rows."""

    def __init__(self, header: Header, epoch: datetime = WINDOWS_EPOCH) -> None:
        self.header = header
        self.epoch = epoch  # a workbook's date system, for date serials
        self.packages: list[SirupPackage] = []
        self.skipped: list[SkippedRow] = []
        self.first_row: dict[str, int] = {}
        self.pending_blank: list[int] = []
        self.rows_seen = 0
        self.kode_header = header_key(header.texts["kode_rup"])

    def skip(self, row: int, reason: str) -> None:
        self.skipped.append(SkippedRow(row, reason))

    def add(self, number: int, cells: Sequence[object], formats: Formats = ()) -> None:
        """Read one data row; ``formats`` are the number formats of its cells (a workbook's,
        not a CSV's)."""
        if all(is_blank(v) for v in cells):
            self.pending_blank.append(number)  # listed only when data follows
            return
        self.rows_seen += 1
        for blank in self.pending_blank:
            self.skip(blank, "baris kosong")
        self.pending_blank.clear()
        reason = self._package(number, cells, formats)
        if reason:
            self.skip(number, reason)

    def _value(self, cells: Sequence[object], key: str) -> object:
        index = self.header.columns.get(key)
        if index is None or index >= len(cells):
            return None
        return cells[index]

    def _text(self, cells: Sequence[object], key: str) -> str:
        return text_of(self._value(cells, key))

    def _format(self, formats: Formats, key: str) -> str | None:
        index = self.header.columns.get(key)
        return formats[index] if index is not None and index < len(formats) else None

    def _not_a_package(self, cells: Sequence[object], kode_raw: object, kode: str) -> str:
        """Why a row is no package (column numbers, a repeated header, a total, no kode)."""
        if _column_numbers(cells):
            return "baris nomor kolom"
        if isinstance(kode_raw, str) and header_key(kode_raw) == self.kode_header:
            return "baris judul berulang"
        if not kode:
            if any(isinstance(v, str) and _TOTAL_LABEL.match(v.strip()) for v in cells):
                return "baris total/jumlah"
            return "kode RUP kosong"
        if _SCIENTIFIC.match(kode):
            return (
                f"kode RUP terpotong menjadi {kode:.20}; ubah format kolom Kode RUP menjadi "
                "Teks lalu ekspor ulang"
            )
        if not self._text(cells, "satuan_kerja"):
            return "satuan kerja kosong"
        if not self._text(cells, "nama_paket"):
            return "nama paket kosong"
        if is_blank(self._value(cells, "pagu")):
            return "pagu kosong"
        return ""

    def _package(self, number: int, cells: Sequence[object], formats: Formats) -> str:
        """Adds the row's package; returns why it was skipped otherwise."""
        kode_raw = self._value(cells, "kode_rup")
        try:
            kode = _kode(kode_raw)
        except NumberError as error:
            return f"{error.message}; {error.hint}"
        reason = self._not_a_package(cells, kode_raw, kode)
        if reason:
            return reason
        try:
            pagu = _pagu(self._value(cells, "pagu"), self._format(formats, "pagu"))
        except ValueError as exc:
            return str(exc)
        if kode in self.first_row:
            return f"kode RUP ganda (sama dengan baris {self.first_row[kode]})"
        self.first_row[kode] = number
        self.packages.append(
            SirupPackage(
                kode_rup=kode,
                nama_paket=self._text(cells, "nama_paket"),
                satuan_kerja=self._text(cells, "satuan_kerja"),
                pagu=pagu,
                metode=_method(self._text(cells, "metode")),
                jenis=_type(self._text(cells, "jenis")),
                sumber_dana=self._text(cells, "sumber_dana"),
                waktu_pemilihan=self._waktu(cells),
                tahun=_year(self._value(cells, "tahun"), self._format(formats, "tahun")),
                kd_satker=_code_or_text(self._value(cells, "kd_satker")),
                status_pdn=self._text(cells, "status_pdn"),
                status_ukm=self._text(cells, "status_ukm"),
                row=number,
            )
        )
        return ""

    def _waktu(self, cells: Sequence[object]) -> str:
        written = _date_text(self._value(cells, "waktu_pemilihan"), self.epoch)
        if written:
            return written
        start = _date_text(self._value(cells, "tgl_awal_pemilihan"), self.epoch)
        end = _date_text(self._value(cells, "tgl_akhir_pemilihan"), self.epoch)
        if start and end and start != end:
            return f"{start} - {end}"
        return start or end

    def result(self) -> SirupImport:
        if not self.rows_seen:
            refuse(
                f"tidak ada baris data di bawah baris judul (baris {self.header.row})",
                "pastikan berkas berisi daftar paket dari SIRUP, lalu kirim lagi",
            )
        return SirupImport(
            packages=tuple(self.packages),
            skipped=tuple(self.skipped),
            header_row=self.header.row,
            header_style=self.header.style,
            columns=frozenset(self.header.columns),
        )
