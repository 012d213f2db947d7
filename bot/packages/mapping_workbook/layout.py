"""The mapping sheet's layout: its sheets, columns, version, limits and the row it shows."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.core.xlsx_guard import XlsxRules
from bot.planning.documents.workbook import (
    MAX_UNCOMPRESSED_BYTES,
    MAX_WORKBOOK_BYTES,
    MAX_ZIP_ENTRIES,
)

logger = logging.getLogger(__name__)

MAPPING_VERSION = "pemetaan-paket-v1"
SHEET_MAPPING = "Pemetaan"

COL_KODE_RUP = "Kode RUP"
COL_SATUAN_KERJA = "Satuan Kerja"
COL_NAMA_PAKET = "Nama Paket"
COL_PAGU = "Pagu (Rp)"
COL_METODE = "Metode"
COL_KODE_AREA = "Kode Area"
COL_NAMA_AREA = "Nama Area"
# Header and width of every column, in the order written.
COLUMNS: tuple[tuple[str, int], ...] = (
    (COL_KODE_RUP, 16),
    (COL_SATUAN_KERJA, 32),
    (COL_NAMA_PAKET, 60),
    (COL_PAGU, 18),
    (COL_METODE, 20),
    (COL_KODE_AREA, 12),
    (COL_NAMA_AREA, 40),
)
REQUIRED_COLUMNS = (COL_KODE_RUP, COL_KODE_AREA)

MAX_ROWS = 20_000  # data rows below the header row
MAX_CELLS_PER_SHEET = 10 * (MAX_ROWS + 1)
MAX_HEADER_COLUMNS = 200  # headers further right are not looked at

HINT_NEW_TEMPLATE = "ambil template pemetaan baru lewat /paket, salin kolom Kode Area, lalu kirim"
XLSX_RULES = XlsxRules(
    max_bytes=MAX_WORKBOOK_BYTES,
    max_uncompressed_bytes=MAX_UNCOMPRESSED_BYTES,
    max_zip_entries=MAX_ZIP_ENTRIES,
    max_cells_per_sheet=MAX_CELLS_PER_SHEET,
    empty_hint="kirim berkas .xlsx pemetaan dari /paket",
    not_xlsx_hint="kirim berkas .xlsx pemetaan dari /paket",
    pdf_hint=HINT_NEW_TEMPLATE,
    unpacked_hint="kirim template pemetaan dari /paket tanpa tambahan lain",
    cells_hint="hapus baris dan kolom yang tidak dipakai",
    logger=logger,
    log_name="mapping workbook",
)


@dataclass(frozen=True)
class MappingRow:
    """One package as the mapping workbook shows it, with its current area (None: unmapped)."""

    kode_rup: str
    nama_paket: str
    satuan_kerja: str
    pagu: int
    metode: str
    area_code: str | None
