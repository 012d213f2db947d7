"""Reading a SIRUP export (Rencana Umum Pengadaan) into procurement packages, for SOP step 10.

``read_sirup`` takes an uploaded .xlsx or .csv and returns every package it could read with
every row it skipped and why (:class:`SirupImport`), or one :class:`SirupError` when the file
as a whole cannot be used; it never raises on bad input. ``match_units`` pairs the export's
satuan kerja names with the deployment's units. What the reader accepts and decides is in
docs/formats/sirup-export.md.
"""

from __future__ import annotations

import csv
import logging
import warnings

from bot.core.labels import megabytes
from bot.core.xlsx_guard import OLE2_MAGIC
from bot.packages.sirup.model import (
    HINT_EXPORT,
    HINT_RESAVE,
    METHODS,
    STYLE_DATASET,
    STYLE_DISPLAY,
    TYPES,
    Limits,
    Refused,
    SirupError,
    SirupImport,
    SirupPackage,
    SkippedRow,
    pagu_per_unit,
    refuse,
    units_of,
)
from bot.packages.sirup.text import read_csv as _read_csv
from bot.packages.sirup.units import match_units
from bot.packages.sirup.workbook import read_xlsx as _read_xlsx

__all__ = [
    "MAX_SIRUP_BYTES",
    "METHODS",
    "STYLE_DATASET",
    "STYLE_DISPLAY",
    "TYPES",
    "SirupError",
    "SirupImport",
    "SirupPackage",
    "SkippedRow",
    "match_units",
    "pagu_per_unit",
    "read_sirup",
    "units_of",
]

logger = logging.getLogger(__name__)

MAX_SIRUP_BYTES = 20 * 1024 * 1024
# Guards against an .xlsx that is small but expands enormously (zip bombs, huge sheets).
MAX_UNCOMPRESSED_BYTES = 150 * 1024 * 1024
MAX_ZIP_ENTRIES = 1000
MAX_ROWS = 50_000  # rows of a sheet or CSV, titles and header included


def _limits() -> Limits:
    # Read when a file is read, so a test can lower a limit.
    return Limits(
        max_bytes=MAX_SIRUP_BYTES,
        max_uncompressed_bytes=MAX_UNCOMPRESSED_BYTES,
        max_zip_entries=MAX_ZIP_ENTRIES,
        max_rows=MAX_ROWS,
    )


def _check_bytes(content: bytes, extension: str, limits: Limits) -> str:
    """What the file is ("xlsx" or "csv"), refusing what is plainly neither."""
    if not content.strip():
        refuse("berkas kosong", HINT_EXPORT)
    if len(content) > limits.max_bytes:
        refuse(
            f"berkas terlalu besar ({megabytes(len(content))})",
            f"paling besar {limits.max_bytes // (1024 * 1024)} MB; hapus lembar dan kolom yang "
            "tidak perlu, atau kirim sebagai .csv",
        )
    if content.startswith(OLE2_MAGIC):
        refuse(
            "berkas ini format Excel lama (.xls) atau dilindungi kata sandi",
            "buka di Excel, hapus kata sandinya bila ada, lalu " + HINT_RESAVE,
        )
    if content.startswith(b"%PDF"):
        refuse("berkas ini PDF; angka di PDF tidak dapat dibaca", HINT_EXPORT)
    if content.startswith(b"PK"):
        return "xlsx"
    start = content[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"<"):
        refuse(
            f"berkas ini halaman web atau XML, bukan {extension or 'daftar paket'}",
            "buka di Excel, lalu " + HINT_RESAVE,
        )
    if extension in (".xlsx", ".xlsm"):
        refuse("berkas ini bukan berkas Excel .xlsx yang utuh", HINT_RESAVE)
    # Web applications often save tab-separated text under an .xls name.
    if extension not in ("", ".csv", ".txt", ".tsv", ".xls"):
        refuse(f"jenis berkas {extension:.10} tidak didukung", HINT_RESAVE)
    return "csv"


def _extension(file_name: str) -> str:
    name = file_name.strip().rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    return "." + name.rsplit(".", 1)[1].lower() if "." in name else ""


def read_sirup(content: bytes, file_name: str) -> SirupImport | SirupError:
    """The packages in a SIRUP export (.xlsx or .csv), or why the file cannot be read."""
    limits = _limits()
    try:
        kind = _check_bytes(content, _extension(file_name), limits)
        with warnings.catch_warnings():
            # Exports carry styles and extensions openpyxl does not know, and say so.
            warnings.simplefilter("ignore")
            return _read_xlsx(content, limits) if kind == "xlsx" else _read_csv(content, limits)
    except Refused as refused:
        return refused.error
    except csv.Error as exc:
        logger.info("sirup csv unreadable: %s", exc)
        return SirupError("berkas CSV rusak dan tidak dapat dibaca", HINT_RESAVE)
    except Exception:
        logger.exception("unexpected error while reading a SIRUP export")
        return SirupError(
            "berkas tidak dapat dibaca karena isinya tidak terduga",
            HINT_RESAVE + "; bila masih gagal, hubungi operator bot",
        )
