"""Reading a SIRUP export (Rencana Umum Pengadaan) into procurement packages, for SOP step 10.

``read_sirup`` takes the bytes of an uploaded ``.xlsx`` or ``.csv`` and returns every package
it could read together with every row it skipped and why (:class:`SirupImport`), or one
:class:`SirupError` when the file as a whole cannot be used. It never raises on bad input.
``match_units`` pairs the export's satuan kerja names with the deployment's units.

Decisions worth knowing:

* Columns are found by their header text, in either of SIRUP's styles: the display headers
  ("Kode RUP", "Satuan Kerja", "Paket", "Pagu (Rp)", ...) or the data-set field names
  (``kd_rup``, ``nama_satker``, ``nama_paket``, ``pagu``, ...). Case, spaces, underscores and
  punctuation do not matter; moved and extra columns are fine. The header is the first of
  the first 30 rows that holds the four required columns (kode RUP, nama paket, satuan kerja,
  pagu), so titles and blank rows above it are fine. In a workbook the first sheet with such
  a row is read (visible sheets first).
* Rows are numbered as Excel shows them (1-based, the header row included); in a CSV the n-th
  record is row n (a quoted value spanning lines is still one row).
* Rows that are not packages are skipped with a reason each: blank rows between data rows
  (trailing blank rows are not listed), a row of column numbers under the header
  ("1 2 3 ..."), a repeated header row, total rows (no kode RUP and a cell starting with
  Total/Jumlah/Grand Total/Sub Total), rows without kode RUP, satuan kerja or nama paket,
  rows whose pagu is empty, not a number or negative, and repeats of a kode RUP (the first
  row wins). A row with a kode RUP is never taken for a total row, whatever its text says.
* Pagu is rounded to whole Rupiah (halves up). A number cell is its number; text like
  ``Rp 1.250.000.000``, ``1.250.000.000,00``, ``1,250,000,000.00`` or ``1,25 M`` is read by
  :func:`bot.core.numbers.read_cell` (in Rupiah ``1.250`` is thousands). A percent-formatted,
  date or TRUE/FALSE pagu cell is skipped with a reason, never read as some other number.
* A kode RUP Excel turned into scientific notation (``1,23E+07``) lost its digits and is
  skipped with a hint, as is a kode RUP number cell with more digits than Excel keeps (15), a
  fraction or a date; ``12345678.0`` becomes ``12345678``.
* ``metode`` is one of :data:`METHODS` when recognised (``E-Purchasing`` and
  ``Swakelola Tipe I`` included), otherwise the text as written; ``jenis`` is one of
  :data:`TYPES` or empty (``Jasa Konsultansi Perorangan`` counts as Jasa Konsultansi).
* ``waktu_pemilihan`` is the text as written; a data set's ``tgl_awal_pemilihan`` and
  ``tgl_akhir_pemilihan`` become ``"2027-01-04 - 2027-02-26"`` (one date when equal), which
  :func:`values.parse_date_range` reads back. Date cells are written as ISO dates, and so is
  a number without date formatting in these columns when it is the Excel serial of a date
  between 2000 and 2099.
* In a workbook, satuan kerja cells merged down over several rows (a group of packages of one
  satuan kerja) give their value to every row of the merge; other merged cells do not.
* The content decides the format, not the name: an .xlsx named .csv is read as .xlsx, and
  text named .xls (as some web applications save tab-separated text) is read as CSV.
* Size guards: at most :data:`MAX_SIRUP_BYTES` per file, :data:`MAX_UNCOMPRESSED_BYTES` once
  an .xlsx is unpacked and :data:`MAX_ROWS` rows; beyond that the file is refused.
* Messages and hints are Indonesian and start in lower case, like the plan workbook's, so
  the chat can put them after a prefix.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import warnings
import zipfile
import zlib
from collections.abc import Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import pairwise
from typing import Any, NoReturn

from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.datetime import WINDOWS_EPOCH, from_excel

from bot.core.numbers import NumberError, NumberKind, read_cell, read_code, whole_rupiah
from bot.planning.rules.values import format_number, parse_year

logger = logging.getLogger(__name__)

MAX_SIRUP_BYTES = 20 * 1024 * 1024
# Guards against an .xlsx that is small but expands enormously (zip bombs, huge sheets).
MAX_UNCOMPRESSED_BYTES = 150 * 1024 * 1024
MAX_ZIP_ENTRIES = 1000
MAX_ROWS = 50_000  # rows of a sheet or CSV, titles and header included
MAX_COLUMNS = 200
HEADER_SCAN_ROWS = 30
MAX_PAGU = 10**15  # one quadrillion Rupiah; anything above is a typing or export error

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

# --------------------------------------------------------------------------- results


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


@dataclass(frozen=True)
class SirupImport:
    packages: tuple[SirupPackage, ...]
    skipped: tuple[SkippedRow, ...]
    header_row: int
    header_style: str  # STYLE_DISPLAY ("tampilan") or STYLE_DATASET ("dataset")
    columns: frozenset[str] = frozenset()  # the fields (keys of _FIELDS) the export has

    def units(self) -> list[str]:
        """The distinct satuan kerja names, sorted ignoring case."""
        return sorted({p.satuan_kerja for p in self.packages}, key=lambda u: (u.casefold(), u))

    def pagu_per_unit(self) -> dict[str, tuple[int, int]]:
        """Satuan kerja -> (number of packages, total pagu), in the order of :meth:`units`."""
        totals: dict[str, tuple[int, int]] = {unit: (0, 0) for unit in self.units()}
        for package in self.packages:
            count, pagu = totals[package.satuan_kerja]
            totals[package.satuan_kerja] = (count + 1, pagu + package.pagu)
        return totals


@dataclass(frozen=True)
class SirupError:
    """Why the file as a whole cannot be read, and what to do about it."""

    message: str
    hint: str = ""


# --------------------------------------------------------------------------- columns


@dataclass(frozen=True)
class _Field:
    key: str
    label: str  # how messages name the column
    aliases: tuple[str, ...]  # header keys (see _header_key), the preferred first
    required: bool = False


_FIELDS = (
    _Field("kode_rup", "Kode RUP", ("koderup", "kdrup", "idrup", "kodesirup", "idsirup"), True),
    _Field(
        "nama_paket",
        "Nama Paket",
        ("namapaket", "paket", "namapaketpengadaan", "namapekerjaan", "paketpekerjaan"),
        True,
    ),
    _Field(
        "satuan_kerja",
        "Satuan Kerja",
        (
            "satuankerja",
            "namasatuankerja",
            "namasatker",
            "satker",
            "perangkatdaerah",
            "namaperangkatdaerah",
            "opd",
            "namaopd",
            "skpd",
            "namaskpd",
        ),
        True,
    ),
    _Field(
        "pagu",
        "Pagu",
        ("pagu", "pagurp", "paguanggaran", "paguanggaranrp", "nilaipagu", "nilaipagurp"),
        True,
    ),
    _Field(
        "metode",
        "Metode Pemilihan",
        ("metodepemilihan", "metodepengadaan", "metode", "metodepemilihanpenyedia"),
    ),
    _Field("jenis", "Jenis Pengadaan", ("jenispengadaan", "jenis", "jenisbarangjasa")),
    _Field("sumber_dana", "Sumber Dana", ("sumberdana",)),
    _Field(
        "waktu_pemilihan",
        "Waktu Pemilihan",
        ("waktupemilihan", "jadwalpemilihan", "waktupemilihanpenyedia", "pemilihan"),
    ),
    _Field(
        "tgl_awal_pemilihan",
        "Tanggal Awal Pemilihan",
        ("tglawalpemilihan", "tanggalawalpemilihan", "awalpemilihan"),
    ),
    _Field(
        "tgl_akhir_pemilihan",
        "Tanggal Akhir Pemilihan",
        ("tglakhirpemilihan", "tanggalakhirpemilihan", "akhirpemilihan"),
    ),
    _Field("tahun", "Tahun Anggaran", ("tahunanggaran", "tahun", "ta")),
    _Field("kd_satker", "Kode Satker", ("kdsatker", "kodesatker", "kodesatuankerja")),
    _Field("status_pdn", "Status PDN", ("statuspdn", "pdn", "produkdalamnegeri")),
    _Field(
        "status_ukm",
        "Status UKM",
        ("statusukm", "ukm", "usahakecil", "usahakecilkoperasi", "umk"),
    ),
)
_REQUIRED = tuple(f for f in _FIELDS if f.required)
# header key -> (field key, preference: lower is better)
_ALIASES = {alias: (f.key, rank) for f in _FIELDS for rank, alias in enumerate(f.aliases)}
# Columns whose cells merged down over data rows stand for every row of the merge.
_FILL_DOWN = ("satuan_kerja", "kd_satker", "tahun")

_NOT_KEY = re.compile(r"[^0-9a-z]+")
_SNAKE_CASE = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)+$")


def _header_key(text: str) -> str:
    return _NOT_KEY.sub("", text.casefold())


@dataclass
class _Header:
    """A candidate header row: which field sits in which (0-based) column."""

    row: int
    columns: dict[str, int] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)  # field -> the header as written
    sheet: str = ""

    @property
    def missing(self) -> list[_Field]:
        return [f for f in _REQUIRED if f.key not in self.columns]

    @property
    def score(self) -> tuple[int, int]:
        return (len(_REQUIRED) - len(self.missing), len(self.columns))

    @property
    def style(self) -> str:
        texts = (self.texts[f.key] for f in _REQUIRED if f.key in self.texts)
        return STYLE_DATASET if any(_SNAKE_CASE.match(t) for t in texts) else STYLE_DISPLAY

    @property
    def width(self) -> int:
        return max(self.columns.values(), default=0) + 1


def _match_header(number: int, cells: Sequence[object]) -> _Header:
    header = _Header(number)
    ranks: dict[str, int] = {}
    for index, value in enumerate(cells):
        if not isinstance(value, str):
            continue
        found = _ALIASES.get(_header_key(value))
        if found is None:
            continue
        key, rank = found
        if key not in ranks or rank < ranks[key]:  # the leftmost of the best alias
            ranks[key] = rank
            header.columns[key] = index
            header.texts[key] = " ".join(value.split())
    return header


def _find_header(rows: Iterable[tuple[int, Sequence[object]]]) -> tuple[_Header | None, _Header]:
    """The first complete header in the first rows, and the best candidate seen (for saying
    what is missing when there is no complete one)."""
    best = _Header(0)
    for number, cells in rows:
        if number > HEADER_SCAN_ROWS:
            break
        header = _match_header(number, cells)
        if not header.missing:
            return header, header
        if header.score > best.score:
            best = header
    return None, best


# --------------------------------------------------------------------------- cell values


_MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T]00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)?$")
_WHOLE_FLOAT_TEXT = re.compile(r"^(\d+)\.0+$")
_SCIENTIFIC = re.compile(r"^\d+(?:[.,]\d+)?e[+-]?\d+$", re.IGNORECASE)
_TOTAL_LABEL = re.compile(r"^(?:grand\s*total|sub\s*total|total|jumlah)\b", re.IGNORECASE)
_COLUMN_NUMBER = re.compile(r"^\(?(\d{1,3})\)?$")


def _text(value: object) -> str:
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


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _key(text: str) -> str:
    return " ".join(_NOT_KEY.sub(" ", text.casefold()).split())


_METHOD_KEYS = {_header_key(m): m for m in METHODS}


def _method(raw: str) -> str:
    key = _header_key(raw)
    if key.startswith("swakelola"):
        return "Swakelola"
    return _METHOD_KEYS.get(key, raw)


def _type(raw: str) -> str:
    key = _header_key(raw)
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
    text = _text(read_code(value, what="kode RUP"))
    whole = _WHOLE_FLOAT_TEXT.match(text)
    return whole.group(1) if whole else text


def _code_or_text(value: object) -> str:
    try:
        return _kode(value)
    except NumberError:
        return _text(value)


def _pagu(value: object, number_format: str | None = None) -> int:
    """Whole Rupiah (halves up); ValueError with the skip reason otherwise."""
    try:
        number = read_cell(value, NumberKind.RUPIAH, number_format=number_format)
    except NumberError as error:
        if error.reason == "too_big":
            raise ValueError(f"pagu terlalu besar: {_text(value):.30}") from None
        if error.reason in ("not_number", "blank"):
            raise ValueError(f"pagu bukan angka: {_text(value):.30}") from None
        raise ValueError(f"pagu tidak terbaca: {error}") from None
    if number < 0:
        raise ValueError("pagu negatif")
    if number > MAX_PAGU:
        raise ValueError(f"pagu terlalu besar: {_text(value):.30}")
    return int(whole_rupiah(number))


def _year(value: object, number_format: str | None = None) -> int | None:
    if _is_blank(value):
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
            return _text(serial)
    return _text(value)


def _column_numbers(cells: Sequence[object]) -> bool:
    """A row like "1 2 3 4 ..." or "(1) (2) (3)" that numbers the columns under a header."""
    numbers = []
    for value in cells:
        if _is_blank(value):
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


# --------------------------------------------------------------------------- rows


class _Collector:
    """Turns data rows into packages and skipped rows."""

    def __init__(self, header: _Header, epoch: datetime = WINDOWS_EPOCH) -> None:
        self.header = header
        self.epoch = epoch  # a workbook's date system, for date serials
        self.packages: list[SirupPackage] = []
        self.skipped: list[SkippedRow] = []
        self.first_row: dict[str, int] = {}
        self.pending_blank: list[int] = []
        self.rows_seen = 0
        self.kode_header = _header_key(header.texts["kode_rup"])

    def skip(self, row: int, reason: str) -> None:
        self.skipped.append(SkippedRow(row, reason))

    def add(self, number: int, cells: Sequence[object], formats: _Formats = ()) -> None:
        """Read one data row; ``formats`` are the number formats of its cells (a workbook's,
        not a CSV's)."""
        if all(_is_blank(v) for v in cells):
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

    def _format(self, formats: _Formats, key: str) -> str | None:
        index = self.header.columns.get(key)
        return formats[index] if index is not None and index < len(formats) else None

    def _package(self, number: int, cells: Sequence[object], formats: _Formats) -> str:
        """Adds the row's package; returns why it was skipped otherwise."""
        kode_raw = self._value(cells, "kode_rup")
        try:
            kode = _kode(kode_raw)
        except NumberError as error:
            return f"{error.message}; {error.hint}"
        if _column_numbers(cells):
            return "baris nomor kolom"
        if isinstance(kode_raw, str) and _header_key(kode_raw) == self.kode_header:
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
        satuan_kerja = _text(self._value(cells, "satuan_kerja"))
        if not satuan_kerja:
            return "satuan kerja kosong"
        nama_paket = _text(self._value(cells, "nama_paket"))
        if not nama_paket:
            return "nama paket kosong"
        pagu_raw = self._value(cells, "pagu")
        if _is_blank(pagu_raw):
            return "pagu kosong"
        try:
            pagu = _pagu(pagu_raw, self._format(formats, "pagu"))
        except ValueError as exc:
            return str(exc)
        if kode in self.first_row:
            return f"kode RUP ganda (sama dengan baris {self.first_row[kode]})"
        self.first_row[kode] = number
        self.packages.append(
            SirupPackage(
                kode_rup=kode,
                nama_paket=nama_paket,
                satuan_kerja=satuan_kerja,
                pagu=pagu,
                metode=_method(_text(self._value(cells, "metode"))),
                jenis=_type(_text(self._value(cells, "jenis"))),
                sumber_dana=_text(self._value(cells, "sumber_dana")),
                waktu_pemilihan=self._waktu(cells),
                tahun=_year(self._value(cells, "tahun"), self._format(formats, "tahun")),
                kd_satker=_code_or_text(self._value(cells, "kd_satker")),
                status_pdn=_text(self._value(cells, "status_pdn")),
                status_ukm=_text(self._value(cells, "status_ukm")),
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
            _refuse(
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


# --------------------------------------------------------------------------- refusals


class _Refused(Exception):
    def __init__(self, error: SirupError) -> None:
        super().__init__(error.message)
        self.error = error


def _refuse(message: str, hint: str = "") -> NoReturn:
    raise _Refused(SirupError(message, hint))


_HINT_RESAVE = "simpan ulang sebagai .xlsx atau .csv, lalu kirim lagi"
_HINT_EXPORT = "unduh ulang daftar paket dari SIRUP sebagai Excel (.xlsx) atau CSV, lalu kirim lagi"


def _refuse_header(best: _Header, several_sheets: bool) -> NoReturn:
    """No complete header: say which required columns the best candidate lacks."""
    expected = ", ".join(f.label for f in _REQUIRED)
    hint = (
        f"baris judul tabel harus memuat kolom {expected} (atau kd_rup, nama_paket, "
        "nama_satker, pagu); " + _HINT_EXPORT
    )
    if not best.columns:
        _refuse(f"judul tabel SIRUP tidak ditemukan di {HEADER_SCAN_ROWS} baris pertama", hint)
    names = [f.label for f in best.missing]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " dan " + names[-1]
    place = f"baris {best.row}" + (f" lembar {best.sheet}" if several_sheets else "")
    _refuse(f"kolom {listed} tidak ditemukan di baris judul ({place})", hint)


def _check_row_limit(number: int) -> None:
    if number > MAX_ROWS:
        _refuse(
            f"berkas berisi lebih dari {format_number(MAX_ROWS)} baris",
            "kirim paket per satuan kerja atau per bagian, atau hapus baris yang tidak dipakai",
        )


def _check_bytes(content: bytes, extension: str) -> str:
    """What the file is ("xlsx" or "csv"), refusing what is plainly neither."""
    if not content.strip():
        _refuse("berkas kosong", _HINT_EXPORT)
    if len(content) > MAX_SIRUP_BYTES:
        size = f"{len(content) / 1024 / 1024:.1f}".replace(".", ",")
        _refuse(
            f"berkas terlalu besar ({size} MB)",
            f"paling besar {MAX_SIRUP_BYTES // (1024 * 1024)} MB; hapus lembar dan kolom yang "
            "tidak perlu, atau kirim sebagai .csv",
        )
    if content.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        _refuse(
            "berkas ini format Excel lama (.xls) atau dilindungi kata sandi",
            "buka di Excel, hapus kata sandinya bila ada, lalu " + _HINT_RESAVE,
        )
    if content.startswith(b"%PDF"):
        _refuse("berkas ini PDF; angka di PDF tidak dapat dibaca", _HINT_EXPORT)
    if content.startswith(b"PK"):
        return "xlsx"
    start = content[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"<"):
        _refuse(
            f"berkas ini halaman web atau XML, bukan {extension or 'daftar paket'}",
            "buka di Excel, lalu " + _HINT_RESAVE,
        )
    if extension in (".xlsx", ".xlsm"):
        _refuse("berkas ini bukan berkas Excel .xlsx yang utuh", _HINT_RESAVE)
    # Web applications often save tab-separated text under an .xls name.
    if extension not in ("", ".csv", ".txt", ".tsv", ".xls"):
        _refuse(f"jenis berkas {extension:.10} tidak didukung", _HINT_RESAVE)
    return "csv"


# --------------------------------------------------------------------------- xlsx


def _check_archive(content: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES or sum(e.file_size for e in entries) > (
                MAX_UNCOMPRESSED_BYTES
            ):
                _refuse(
                    "isi berkas terlalu besar setelah dibuka",
                    "hapus lembar lain, gambar dan baris kosong berformat, atau kirim sebagai .csv",
                )
            names = {e.filename for e in entries}
            if "xl/workbook.xml" in names:
                return
            if "xl/workbook.bin" in names:
                _refuse("berkas ini format Excel Binary (.xlsb)", _HINT_RESAVE)
            if (
                "mimetype" in names
                and archive.getinfo("mimetype").file_size < 200
                and b"spreadsheet" in archive.read("mimetype")
            ):
                _refuse("berkas ini format OpenDocument (.ods)", _HINT_RESAVE)
            if "word/document.xml" in names:
                _refuse("berkas ini dokumen Word, bukan daftar paket", _HINT_EXPORT)
            _refuse("berkas ini ZIP, bukan berkas Excel .xlsx", _HINT_RESAVE)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
        RuntimeError,  # an encrypted entry
        NotImplementedError,  # an unknown compression method
    ) as exc:
        logger.info("sirup zip unreadable: %s", exc)
        _refuse("berkas .xlsx rusak atau tidak lengkap", _HINT_RESAVE)


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]{1,3}\d{1,7}:[A-Z]{1,3}\d{1,7})"')


def _merged_ranges(content: bytes, sheet: Any) -> list[tuple[int, int, int, int]]:
    """(min_col, min_row, max_col, max_row) of the sheet's merged cells; read-only sheets
    do not keep them, so they come from the sheet's XML (after the cell data)."""
    path = getattr(sheet, "_worksheet_path", None)
    if not isinstance(path, str):
        return []
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = archive.read(path.lstrip("/"))
    tail = xml[max(xml.rfind(b"</sheetData>"), 0) :]
    return [range_boundaries(ref.decode()) for ref in _MERGE.findall(tail)]


_Formats = tuple[str | None, ...]


def _sheet_rows(
    sheet: Any, min_row: int, width: int
) -> Generator[tuple[int, tuple[Any, ...], _Formats], None, None]:
    """Each row's number, cell values and the number formats of its number cells (None for
    other cells: looking every format up would slow large exports down)."""
    for number, cells in enumerate(sheet.iter_rows(min_row=min_row, max_col=width), start=min_row):
        values = tuple(cell.value for cell in cells)
        if number > MAX_ROWS and not all(_is_blank(v) for v in values):
            _check_row_limit(number)
        if number > 1_048_576:  # Excel's last row: the sheet's XML is not Excel's
            _refuse("berkas .xlsx tidak wajar (nomor baris di luar batas Excel)", _HINT_RESAVE)
        formats = tuple(
            cell.number_format if isinstance(value, int | float) else None
            for cell, value in zip(cells, values, strict=True)
        )
        yield number, values, formats


def _fill_down(
    rows: Iterator[tuple[int, tuple[Any, ...], _Formats]],
    header: _Header,
    merged: list[tuple[int, int, int, int]],
) -> Iterator[tuple[int, tuple[Any, ...], _Formats]]:
    """Give the value of a merge's top cell to the cells below it, in the fill-down columns."""
    columns = {header.columns[k] + 1 for k in _FILL_DOWN if k in header.columns}
    spans = [
        (min_col, min_row, max_row)
        for min_col, min_row, max_col, max_row in merged
        if min_col == max_col and min_col in columns and header.row < min_row < max_row
    ]
    if not spans:
        yield from rows
        return
    below: dict[int, list[tuple[int, int, int]]] = {}  # first row -> spans
    for span in spans:
        below.setdefault(span[1], []).append(span)
    active: list[tuple[int, int, object]] = []  # (column, last row, value)
    for number, cells, formats in rows:
        active = [a for a in active if a[1] >= number]
        if active:
            filled = list(cells)
            for column, _, value in active:
                if column <= len(filled) and _is_blank(filled[column - 1]):
                    filled[column - 1] = value
            cells = tuple(filled)
        for column, _, last in below.pop(number, []):
            if column <= len(cells):
                active.append((column, last, cells[column - 1]))
        yield number, cells, formats


def _visible_first(sheets: list[Any]) -> list[Any]:
    return sorted(sheets, key=lambda s: getattr(s, "sheet_state", "visible") != "visible")


def _read_xlsx(content: bytes) -> SirupImport:
    _check_archive(content)
    try:
        workbook = load_workbook(
            io.BytesIO(content), read_only=True, data_only=True, keep_links=False
        )
    except Exception as exc:
        logger.info("sirup workbook unreadable: %r", exc)
        _refuse("berkas .xlsx tidak dapat dibaca (rusak atau bukan dari Excel)", _HINT_RESAVE)
    try:
        return _read_workbook(content, workbook)
    except (zipfile.BadZipFile, zlib.error, EOFError, SyntaxError) as exc:
        # A sheet is read only now (read-only mode): its damage shows here. SyntaxError
        # covers the XML parser's ParseError.
        logger.info("sirup sheet unreadable: %r", exc)
        _refuse("berkas .xlsx rusak atau tidak lengkap", _HINT_RESAVE)
    finally:
        workbook.close()


def _read_workbook(content: bytes, workbook: Any) -> SirupImport:
    sheets = [s for s in workbook.worksheets if hasattr(s, "iter_rows")]
    if not sheets:
        _refuse("berkas .xlsx ini tidak berisi lembar kerja", _HINT_EXPORT)
    best = _Header(0)
    for sheet in _visible_first(sheets):
        sheet.reset_dimensions()  # exports often state a wrong size
        rows = _sheet_rows(sheet, 1, MAX_COLUMNS)
        try:
            found, candidate = _find_header((number, cells) for number, cells, _ in rows)
        finally:
            rows.close()  # closes the sheet's XML stream
        candidate.sheet = sheet.title
        if found is not None:
            return _read_sheet(content, sheet, found, workbook.epoch)
        if candidate.score > best.score:
            best = candidate
    _refuse_header(best, len(sheets) > 1)


def _read_sheet(content: bytes, sheet: Any, header: _Header, epoch: datetime) -> SirupImport:
    collector = _Collector(header, epoch)
    width = max(header.width, 1)
    rows = _sheet_rows(sheet, header.row + 1, width)
    for number, cells, formats in _fill_down(rows, header, _merged_ranges(content, sheet)):
        collector.add(number, cells, formats)
    return collector.result()


# --------------------------------------------------------------------------- csv


def _decode(content: bytes) -> str:
    if content.startswith(b"\xef\xbb\xbf"):
        return content.decode("utf-8-sig", errors="replace")
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError:
            _refuse("berkas teks ini rusak (UTF-16 tidak utuh)", _HINT_RESAVE)
    for encoding in ("utf-8", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("latin-1")


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    control = sum(
        1 for ch in sample if (ord(ch) < 32 and ch not in "\t\r\n") or 0x7F <= ord(ch) < 0xA0
    )
    return "\x00" in sample or control > len(sample) // 100


def _csv_rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for number, cells in enumerate(reader, start=1):
        if number > MAX_ROWS and any(c.strip() for c in cells):
            _check_row_limit(number)
        yield number, cells[:MAX_COLUMNS]


def _read_csv(content: bytes) -> SirupImport:
    text = _decode(content)
    if _looks_binary(text):
        _refuse("berkas ini bukan teks CSV (isinya data biner)", _HINT_RESAVE)
    chosen: tuple[str, _Header] | None = None
    best = _Header(0)
    for delimiter in (";", ",", "\t", "|"):
        found, candidate = _find_header(_csv_rows(text, delimiter))
        if found is not None and (chosen is None or found.score > chosen[1].score):
            chosen = (delimiter, found)
        if candidate.score > best.score:
            best = candidate
    if chosen is None:
        _refuse_header(best, several_sheets=False)
    delimiter, header = chosen
    collector = _Collector(header)
    for number, cells in _csv_rows(text, delimiter):
        if number > header.row:
            collector.add(number, cells)
    return collector.result()


# --------------------------------------------------------------------------- entry points


def _extension(file_name: str) -> str:
    name = file_name.strip().rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    return "." + name.rsplit(".", 1)[1].lower() if "." in name else ""


def read_sirup(content: bytes, file_name: str) -> SirupImport | SirupError:
    """The packages in a SIRUP export (.xlsx or .csv), or why the file cannot be read."""
    try:
        kind = _check_bytes(content, _extension(file_name))
        with warnings.catch_warnings():
            # Exports carry styles and extensions openpyxl does not know, and say so.
            warnings.simplefilter("ignore")
            return _read_xlsx(content) if kind == "xlsx" else _read_csv(content)
    except _Refused as refused:
        return refused.error
    except csv.Error as exc:
        logger.info("sirup csv unreadable: %s", exc)
        return SirupError("berkas CSV rusak dan tidak dapat dibaca", _HINT_RESAVE)
    except Exception:
        logger.exception("unexpected error while reading a SIRUP export")
        return SirupError(
            "berkas tidak dapat dibaca karena isinya tidak terduga",
            _HINT_RESAVE + "; bila masih gagal, hubungi operator bot",
        )


def _unit_key(name: str) -> str:
    return _key(name.replace("&", " dan "))


def match_units(
    names: Iterable[str], known: Mapping[int, tuple[str, str]]
) -> dict[str, int | None]:
    """Each satuan kerja name -> the id of the known unit (id -> (name, short name)) it is,
    or None.

    Names match when equal ignoring case, spacing and punctuation ("&" reads as "dan"); a
    name may also equal a unit's short name exactly in that sense ("DINKES" is Dinkes).
    Nothing else is guessed (no prefixes, no abbreviations). A name two units share
    matches neither.
    """
    by_name: dict[str, set[int]] = {}
    by_short: dict[str, set[int]] = {}
    for unit_id, (unit_name, short_name) in known.items():
        if _unit_key(unit_name):
            by_name.setdefault(_unit_key(unit_name), set()).add(unit_id)
        if _unit_key(short_name):
            by_short.setdefault(_unit_key(short_name), set()).add(unit_id)
    result: dict[str, int | None] = {}
    for name in names:
        key = _unit_key(name)
        ids = by_name.get(key) or by_short.get(key) or set()
        result[name] = next(iter(ids)) if len(ids) == 1 else None
    return result
