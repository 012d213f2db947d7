"""Finding the header row of a SIRUP export: which field sits in which column."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NoReturn

from bot.packages.sirup.model import HINT_EXPORT, STYLE_DATASET, STYLE_DISPLAY, refuse

HEADER_SCAN_ROWS = 30


@dataclass(frozen=True)
class Field:
    key: str
    label: str  # how messages name the column
    aliases: tuple[str, ...]  # header keys (see header_key), the preferred first
    required: bool = False


FIELDS = (
    Field("kode_rup", "Kode RUP", ("koderup", "kdrup", "idrup", "kodesirup", "idsirup"), True),
    Field(
        "nama_paket",
        "Nama Paket",
        ("namapaket", "paket", "namapaketpengadaan", "namapekerjaan", "paketpekerjaan"),
        True,
    ),
    Field(
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
    Field(
        "pagu",
        "Pagu",
        ("pagu", "pagurp", "paguanggaran", "paguanggaranrp", "nilaipagu", "nilaipagurp"),
        True,
    ),
    Field(
        "metode",
        "Metode Pemilihan",
        ("metodepemilihan", "metodepengadaan", "metode", "metodepemilihanpenyedia"),
    ),
    Field("jenis", "Jenis Pengadaan", ("jenispengadaan", "jenis", "jenisbarangjasa")),
    Field("sumber_dana", "Sumber Dana", ("sumberdana",)),
    Field(
        "waktu_pemilihan",
        "Waktu Pemilihan",
        ("waktupemilihan", "jadwalpemilihan", "waktupemilihanpenyedia", "pemilihan"),
    ),
    Field(
        "tgl_awal_pemilihan",
        "Tanggal Awal Pemilihan",
        ("tglawalpemilihan", "tanggalawalpemilihan", "awalpemilihan"),
    ),
    Field(
        "tgl_akhir_pemilihan",
        "Tanggal Akhir Pemilihan",
        ("tglakhirpemilihan", "tanggalakhirpemilihan", "akhirpemilihan"),
    ),
    Field("tahun", "Tahun Anggaran", ("tahunanggaran", "tahun", "ta")),
    Field("kd_satker", "Kode Satker", ("kdsatker", "kodesatker", "kodesatuankerja")),
    Field("status_pdn", "Status PDN", ("statuspdn", "pdn", "produkdalamnegeri")),
    Field(
        "status_ukm",
        "Status UKM",
        ("statusukm", "ukm", "usahakecil", "usahakecilkoperasi", "umk"),
    ),
)
REQUIRED = tuple(f for f in FIELDS if f.required)
# header key -> (field key, preference: lower is better)
_ALIASES = {alias: (f.key, rank) for f in FIELDS for rank, alias in enumerate(f.aliases)}

_NOT_KEY = re.compile(r"[^0-9a-z]+")
_SNAKE_CASE = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)+$")


def header_key(text: str) -> str:
    """Text compared ignoring case, spaces, underscores and punctuation."""
    return _NOT_KEY.sub("", text.casefold())


@dataclass
class Header:
    """A candidate header row: which field sits in which (0-based) column."""

    row: int
    columns: dict[str, int] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)  # field -> the header as written
    sheet: str = ""

    @property
    def missing(self) -> list[Field]:
        return [f for f in REQUIRED if f.key not in self.columns]

    @property
    def score(self) -> tuple[int, int]:
        return (len(REQUIRED) - len(self.missing), len(self.columns))

    @property
    def style(self) -> str:
        texts = (self.texts[f.key] for f in REQUIRED if f.key in self.texts)
        return STYLE_DATASET if any(_SNAKE_CASE.match(t) for t in texts) else STYLE_DISPLAY

    @property
    def width(self) -> int:
        return max(self.columns.values(), default=0) + 1


def _match_header(number: int, cells: Sequence[object]) -> Header:
    header = Header(number)
    ranks: dict[str, int] = {}
    for index, value in enumerate(cells):
        if not isinstance(value, str):
            continue
        found = _ALIASES.get(header_key(value))
        if found is None:
            continue
        key, rank = found
        if key not in ranks or rank < ranks[key]:  # the leftmost of the best alias
            ranks[key] = rank
            header.columns[key] = index
            header.texts[key] = " ".join(value.split())
    return header


def find_header(rows: Iterable[tuple[int, Sequence[object]]]) -> tuple[Header | None, Header]:
    """The first complete header in the first rows, and the best candidate seen (for saying
    what is missing when there is no complete one)."""
    best = Header(0)
    for number, cells in rows:
        if number > HEADER_SCAN_ROWS:
            break
        header = _match_header(number, cells)
        if not header.missing:
            return header, header
        if header.score > best.score:
            best = header
    return None, best


def refuse_header(best: Header, several_sheets: bool) -> NoReturn:
    """No complete header: say which required columns the best candidate lacks."""
    expected = ", ".join(f.label for f in REQUIRED)
    hint = (
        f"baris judul tabel harus memuat kolom {expected} (atau kd_rup, nama_paket, "
        "nama_satker, pagu); " + HINT_EXPORT
    )
    if not best.columns:
        refuse(f"judul tabel SIRUP tidak ditemukan di {HEADER_SCAN_ROWS} baris pertama", hint)
    names = [f.label for f in best.missing]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " dan " + names[-1]
    place = f"baris {best.row}" + (f" lembar {best.sheet}" if several_sheets else "")
    refuse(f"kolom {listed} tidak ditemukan di baris judul ({place})", hint)
