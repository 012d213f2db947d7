"""Defensive checks shared by the readers of uploaded .xlsx workbooks.

``check_container`` refuses what is not a reasonable .xlsx before openpyxl sees it: an
empty or too large file, an old .xls (or password-protected file), a PDF, anything that is
not a zip, a zip that is too large once unpacked (a zip bomb), an OpenDocument file, a zip
without ``xl/workbook.xml`` and sheets with too many cells or rows. ``load_xlsx`` then opens the
file with openpyxl's warnings silenced. Both refuse by raising :class:`Refused`, which
carries the problems (on :data:`FILE_SHEET`) to show; the messages are the same for every
reader, the hints and limits come from the reader's :class:`XlsxRules`. ``count_rows``
counts a sheet's rows in a stream, for a reader that opens large files in read-only mode.

Every reader goes through this module's stream and per-cell helpers, which check the read's
deadline (``bot.core.deadline``): a read that overruns its time stops within a cell.
"""

from __future__ import annotations

import logging
import re
import warnings
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any, NoReturn

from openpyxl import load_workbook

from bot.core.deadline import CheckedStream, check
from bot.core.labels import megabytes
from bot.planning.rules.validation import Problem

# Problem.sheet of problems with the file as a whole (not an .xlsx, too large, ...).
FILE_SHEET = "Berkas"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# How an old .xls, or a password-protected Office file, starts (an OLE2 compound file).
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")
_RESAVE = "buka di Excel lalu simpan ulang sebagai .xlsx, atau kirim ulang"


@dataclass(frozen=True)
class XlsxRules:
    """One reader's limits, the hints of its refusals and where it logs unreadable files."""

    max_bytes: int
    max_uncompressed_bytes: int  # all zip entries together, once unpacked
    max_zip_entries: int
    max_cells_per_sheet: int  # cells in one sheet's XML
    empty_hint: str  # the file is empty
    not_xlsx_hint: str  # not a zip, or a zip without a workbook
    pdf_hint: str
    unpacked_hint: str  # too large once unpacked
    cells_hint: str  # a sheet with too many cells
    logger: logging.Logger
    log_name: str  # what the log lines call the file, e.g. "mapping workbook"


# What a damaged or hostile zip raises while it is opened or read.
ZIP_ERRORS: tuple[type[Exception], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    RuntimeError,  # an encrypted entry
    NotImplementedError,  # an unknown compression method
)


_ROW_OR_VALUE = re.compile(rb"<(?:\w{1,30}:)?(row|v|is)[\s>/]")
_OVERLAP = 64  # bytes kept between chunks: longer than any tag the pattern matches


def count_rows(read: Callable[[int], bytes], *, max_filled: int, max_rows: int) -> tuple[int, int]:
    """(rows holding a value, row elements) in a sheet's XML, ``read`` in chunks (bounded
    memory) and stopping as soon as either passes its maximum: a cheap count before a
    parser spends seconds on a sheet of a million rows."""
    filled = rows = 0
    pending = False  # in a row whose value is not seen yet
    data = b""
    while True:
        check()
        chunk = read(1 << 20)
        data += chunk
        end = len(data) if not chunk else max(len(data) - _OVERLAP, 0)
        for match in _ROW_OR_VALUE.finditer(data, 0, len(data)):
            if match.start() >= end:
                break
            if match.group(1) == b"row":
                rows += 1
                pending = True
            elif pending:
                filled += 1
                pending = False
            if filled > max_filled or rows > max_rows:
                return filled, rows
        if not chunk:
            return filled, rows
        data = data[end:]


def unpacked_too_big(archive: zipfile.ZipFile, *, max_entries: int, max_bytes: int) -> bool:
    """More entries, or more bytes once unpacked, than a reader takes (a zip bomb)."""
    entries = archive.infolist()
    return len(entries) > max_entries or sum(e.file_size for e in entries) > max_bytes


class Refused(Exception):
    """The file cannot be read further; carries the problems that say why."""

    def __init__(self, found: list[Problem]) -> None:
        super().__init__(found)
        self.problems = found


def refuse(message: str, hint: str) -> NoReturn:
    """Stop reading with one problem about the file as a whole."""
    raise Refused([Problem(FILE_SHEET, "", "", message, hint)])


def _check_bytes(content: bytes, rules: XlsxRules) -> None:
    """Refuse what is plainly not an .xlsx, saying what it is when that helps."""
    if not content.strip():
        refuse("berkas kosong", rules.empty_hint)
    if len(content) > rules.max_bytes:
        refuse(
            f"berkas terlalu besar ({megabytes(len(content))})",
            f"paling besar {rules.max_bytes // (1024 * 1024)} MB; hapus isi yang tidak "
            "perlu (gambar, lembar lain)",
        )
    if content.startswith(OLE2_MAGIC):
        refuse(
            "berkas ini format Excel lama (.xls) atau dilindungi kata sandi",
            "buka di Excel, hapus kata sandinya bila ada, lalu Simpan Sebagai Buku Kerja "
            "Excel (.xlsx)",
        )
    if content.startswith(b"%PDF"):
        refuse("berkas ini PDF, bukan berkas Excel .xlsx", rules.pdf_hint)
    if not content.startswith(b"PK"):
        refuse("bukan berkas Excel .xlsx", rules.not_xlsx_hint)


def _check_archive(archive: zipfile.ZipFile, rules: XlsxRules) -> bool:
    """Refuse zips that are no .xlsx or too big once unpacked; True when there are formulas."""
    if unpacked_too_big(
        archive, max_entries=rules.max_zip_entries, max_bytes=rules.max_uncompressed_bytes
    ):
        refuse("isi berkas terlalu besar setelah dibuka", rules.unpacked_hint)
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names:
        if "mimetype" in names and b"spreadsheet" in archive.read("mimetype"):
            refuse(
                "berkas ini format OpenDocument (.ods), bukan Excel .xlsx",
                "Simpan Sebagai Excel 2007-365 (.xlsx) lalu kirim lagi",
            )
        refuse("bukan berkas Excel .xlsx", rules.not_xlsx_hint)
    if "xl/vbaProject.bin" in names:
        refuse(
            "berkas ini berisi makro (.xlsm); bot hanya menerima .xlsx tanpa makro",
            "Simpan Sebagai Buku Kerja Excel (.xlsx) lalu kirim lagi",
        )
    for name in names:
        # No Excel part declares a DTD; one that does wants entity expansion or a local file.
        if name.endswith((".xml", ".rels")) and b"<!DOCTYPE" in archive.open(name).read(4096):
            refuse("berkas .xlsx berisi deklarasi XML yang tidak diizinkan", _RESAVE)
    limit = f"{rules.max_cells_per_sheet:,}".replace(",", ".")
    has_formulas = False
    for name in sorted(names):
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            xml = archive.read(name)
            if len(_CELL_TAG.findall(xml)) > rules.max_cells_per_sheet:
                refuse(f"ada lembar dengan lebih dari {limit} sel", rules.cells_hint)
            # Rows without cells (blank formatted ones) cost openpyxl time too.
            if len(_ROW_TAG.findall(xml)) > rules.max_cells_per_sheet:
                refuse(f"ada lembar dengan lebih dari {limit} baris", rules.cells_hint)
            has_formulas = has_formulas or _FORMULA_TAG.search(xml) is not None
    return has_formulas


def check_container(content: bytes, rules: XlsxRules) -> bool:
    """Refuse what is not a reasonable .xlsx; True when any sheet holds Excel formulas."""
    _check_bytes(content, rules)
    try:
        with zipfile.ZipFile(CheckedStream(content)) as archive:
            return _check_archive(archive, rules)
    except ZIP_ERRORS as exc:
        rules.logger.info("%s zip unreadable: %s", rules.log_name, exc)
        refuse("berkas .xlsx rusak atau tidak lengkap", _RESAVE)


def load_xlsx(content: bytes, rules: XlsxRules, *, data_only: bool) -> Any:
    """The workbook openpyxl reads from ``content`` (checked by :func:`check_container`)."""
    try:
        with warnings.catch_warnings():
            # Excel's own extensions (e.g. cross-sheet drop-downs) make openpyxl warn.
            warnings.simplefilter("ignore")
            return load_workbook(CheckedStream(content), data_only=data_only, keep_links=False)
    except Exception as exc:
        rules.logger.info("%s unreadable: %r", rules.log_name, exc)
        refuse("berkas .xlsx tidak dapat dibaca (rusak atau bukan dari Excel)", _RESAVE)


# --- sheet helpers shared by the readers ---------------------------------------------


def normal(text: object) -> str:
    """Text compared ignoring case and spacing."""
    check()
    return " ".join(str(text).split()).casefold()


def cell_text(value: object) -> str:
    """A cell value as trimmed text (whole numbers without ``.0``)."""
    check()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime) and value.time() == time():
        return value.date().isoformat()
    return str(value).strip()


def is_blank(value: object) -> bool:
    """An empty cell, or one holding only spaces."""
    check()
    return value is None or (isinstance(value, str) and not value.strip())


def file_problem(message: str, hint: str = "") -> Problem:
    """A problem with the file as a whole."""
    return Problem(FILE_SHEET, "", "", message, hint)


def find_sheet(workbook: Any, name: str) -> Any:
    """The worksheet called ``name`` (case and spacing ignored), or None."""
    titles = workbook.sheetnames
    title = name if name in titles else next((t for t in titles if normal(t) == normal(name)), None)
    if title is None:
        return None
    sheet = workbook[title]
    return sheet if hasattr(sheet, "iter_rows") else None
