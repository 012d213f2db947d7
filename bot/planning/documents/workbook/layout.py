"""The plan workbook's layout: template version, limits, and the columns of every sheet
(docs/formats/rencana-kinerja-xlsx.md describes the format)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum

from bot.core.xlsx_guard import XlsxRules
from bot.planning.rules.model import (
    UNITS,
    ActionStatus,
    Category,
    Frequency,
    InputKind,
    Polarity,
)
from bot.planning.rules.validation import (
    SHEET_ACTIONS,
    SHEET_AREAS,
    SHEET_INDICATORS,
    SHEET_INPUTS,
    SHEET_OBJECTIVES,
    SHEET_TARGETS,
)

logger = logging.getLogger("bot.planning.documents.workbook")

TEMPLATE_VERSION = "rencana-v1"
SHEET_GUIDE = "Petunjuk"
VERSION_LABEL = "Versi template"
YEAR_LABEL = "Tahun rencana"

MAX_WORKBOOK_BYTES = 5 * 1024 * 1024
# Guards against files that are small but expand enormously (zip bombs, huge sheets).
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_ZIP_ENTRIES = 1000
MAX_CELLS_PER_SHEET = 150_000
MAX_ROWS = 5000  # data rows per sheet, below the header row

HINT_NEW_TEMPLATE = "ambil template baru lewat /rencana, salin isinya, lalu kirim lagi"
XLSX_RULES = XlsxRules(
    max_bytes=MAX_WORKBOOK_BYTES,
    max_uncompressed_bytes=MAX_UNCOMPRESSED_BYTES,
    max_zip_entries=MAX_ZIP_ENTRIES,
    max_cells_per_sheet=MAX_CELLS_PER_SHEET,
    empty_hint="kirim berkas .xlsx dari /rencana",
    not_xlsx_hint="kirim template .xlsx dari /rencana",
    pdf_hint=HINT_NEW_TEMPLATE,
    unpacked_hint="kirim template rencana dari /rencana tanpa tambahan lain",
    cells_hint=f"paling banyak {MAX_ROWS} baris data per lembar; hapus baris dan kolom "
    "yang tidak dipakai",
    logger=logger,
    log_name="workbook",
)


class Kind(StrEnum):
    """How a column's cells are formatted and read."""

    TEXT = "text"
    CODE = "code"
    NUMBER = "number"
    WHOLE = "whole"
    DATE = "date"


@dataclass(frozen=True)
class Column:
    header: str
    width: int
    kind: Kind = Kind.TEXT
    wrap: bool = False
    choices: tuple[str, ...] = ()  # a drop-down list of these values
    codes_of: str = ""  # a drop-down list of the codes in this sheet's first column
    required: bool = True  # the header must be present when reading


def values_of(choices: type[StrEnum]) -> tuple[str, ...]:
    return tuple(c.value for c in choices)


FREQUENCIES = values_of(Frequency)

COLUMNS: dict[str, tuple[Column, ...]] = {
    SHEET_OBJECTIVES: (
        Column("Kode", 10, Kind.CODE),
        Column("Tujuan PBJ", 90, wrap=True),
    ),
    SHEET_AREAS: (
        Column("Kode", 10, Kind.CODE),
        Column("Nama Area Strategis", 50, wrap=True),
        Column("Kategori Pengukuran", 22, choices=values_of(Category)),
        Column("Kode Tujuan", 12, Kind.CODE, codes_of=SHEET_OBJECTIVES),
    ),
    SHEET_INDICATORS: (
        Column("Kode", 12, Kind.CODE),
        Column("Kode Area", 11, Kind.CODE, codes_of=SHEET_AREAS),
        Column("Nama Indikator", 45, wrap=True),
        Column("Definisi", 55, wrap=True),
        Column("Rumus", 40, wrap=True),
        Column("Satuan", 10, choices=UNITS),
        Column("Polaritas", 28, choices=values_of(Polarity)),
        Column("Frekuensi Pemantauan", 14, choices=FREQUENCIES),
        Column("Frekuensi Pelaporan", 14, choices=FREQUENCIES),
        Column("Sumber Data", 20, wrap=True),
        Column("Unit PIC", 26, wrap=True),
        Column("Bukti Dukung", 40, wrap=True),
        Column("Baseline", 12, Kind.NUMBER),
        Column("Tahun Baseline", 10, Kind.WHOLE),
        Column("Target Tahunan", 12, Kind.NUMBER),
    ),
    SHEET_INPUTS: (
        Column("Kode Indikator", 14, Kind.CODE, codes_of=SHEET_INDICATORS),
        Column("Nama Input", 26, Kind.CODE),
        Column("Keterangan", 60, wrap=True),
        Column("Jenis", 12, choices=values_of(InputKind)),
    ),
    SHEET_TARGETS: (
        Column("Kode Indikator", 14, Kind.CODE, codes_of=SHEET_INDICATORS),
        Column("Periode", 9, Kind.WHOLE),
        Column("Label Periode", 16, required=False),
        Column("Target", 14, Kind.NUMBER),
    ),
    SHEET_ACTIONS: (
        Column("Kode Indikator", 14, Kind.CODE, codes_of=SHEET_INDICATORS),
        Column("No", 6, Kind.WHOLE),
        Column("Kegiatan", 50, wrap=True),
        Column("Keluaran", 40, wrap=True),
        Column("Mulai", 12, Kind.DATE),
        Column("Selesai", 12, Kind.DATE),
        Column("Unit PIC", 26, wrap=True),
        Column("Status", 14, choices=values_of(ActionStatus)),
    ),
}
DATA_SHEETS = tuple(COLUMNS)
SHEET_ORDER = (SHEET_GUIDE, *DATA_SHEETS)
