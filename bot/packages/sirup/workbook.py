"""Reading a SIRUP export that is an Excel workbook (.xlsx), in openpyxl's read-only mode."""

from __future__ import annotations

import io
import logging
import re
import zipfile
import zlib
from collections.abc import Generator, Iterator
from datetime import datetime
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from bot.core.deadline import CheckedStream, check
from bot.core.xlsx_guard import ZIP_ERRORS, count_rows, is_blank, unpacked_too_big
from bot.packages.sirup.header import Header, find_header, refuse_header
from bot.packages.sirup.model import (
    HINT_EXPORT,
    HINT_RESAVE,
    Limits,
    SirupImport,
    check_row_limit,
    refuse,
)
from bot.packages.sirup.rows import Collector, Formats
from bot.planning.rules.values import format_number

logger = logging.getLogger(__name__)

MAX_COLUMNS = 200  # columns looked at for the header
EXCEL_LAST_ROW = 1_048_576
# Rows of one sheet, blank formatted ones included, read at all (openpyxl takes about a
# second per 100,000 rows; beyond this a file is refused before it is parsed).
MAX_ROW_ELEMENTS = 200_000
# Columns whose cells merged down over data rows stand for every row of the merge.
_FILL_DOWN = ("satuan_kerja", "kd_satker", "tahun")
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]{1,3}\d{1,7}:[A-Z]{1,3}\d{1,7})"')

_Row = tuple[int, tuple[Any, ...], Formats]


def _what_zip_is_this(archive: zipfile.ZipFile) -> None:
    """Refuse a zip that is no .xlsx, saying what it is when that helps."""
    names = set(archive.namelist())
    if "xl/workbook.xml" in names:
        return
    if "xl/workbook.bin" in names:
        refuse("berkas ini format Excel Binary (.xlsb)", HINT_RESAVE)
    if (
        "mimetype" in names
        and archive.getinfo("mimetype").file_size < 200
        and b"spreadsheet" in archive.read("mimetype")
    ):
        refuse("berkas ini format OpenDocument (.ods)", HINT_RESAVE)
    if "word/document.xml" in names:
        refuse("berkas ini dokumen Word, bukan daftar paket", HINT_EXPORT)
    refuse("berkas ini ZIP, bukan berkas Excel .xlsx", HINT_RESAVE)


def _check_archive(content: bytes, limits: Limits) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if unpacked_too_big(
                archive,
                max_entries=limits.max_zip_entries,
                max_bytes=limits.max_uncompressed_bytes,
            ):
                refuse(
                    "isi berkas terlalu besar setelah dibuka",
                    "hapus lembar lain, gambar dan baris kosong berformat, atau kirim sebagai .csv",
                )
            _what_zip_is_this(archive)
            _count_rows(archive, limits)
    except ZIP_ERRORS as exc:
        logger.info("sirup zip unreadable: %s", exc)
        refuse("berkas .xlsx rusak atau tidak lengkap", HINT_RESAVE)


def _count_rows(archive: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse, before openpyxl reads a sheet (even its size takes a pass over all of it),
    a sheet with more filled rows than the limit or more rows, blank ones included, than
    :data:`MAX_ROW_ELEMENTS`."""
    for name in sorted(archive.namelist()):
        if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
            continue
        with archive.open(name) as stream:
            filled, rows = count_rows(
                stream.read, max_filled=limits.max_rows, max_rows=MAX_ROW_ELEMENTS
            )
        check_row_limit(filled, limits)
        if rows > MAX_ROW_ELEMENTS:
            refuse(
                f"ada lembar dengan lebih dari {format_number(MAX_ROW_ELEMENTS)} baris "
                "(termasuk baris kosong berformat)",
                "hapus baris kosong di bawah tabel dan lembar lain, atau kirim sebagai .csv",
            )


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


def _sheet_rows(
    sheet: Any, min_row: int, width: int, limits: Limits
) -> Generator[_Row, None, None]:
    """Each row's number, cell values and the number formats of its number cells (None for
    other cells: looking every format up would slow large exports down)."""
    for number, cells in enumerate(sheet.iter_rows(min_row=min_row, max_col=width), start=min_row):
        check()  # the read's deadline (bot.core.deadline)
        values = tuple(cell.value for cell in cells)
        if number > limits.max_rows and not all(is_blank(v) for v in values):
            check_row_limit(number, limits)
        if number > EXCEL_LAST_ROW:  # the sheet's XML is not Excel's
            refuse("berkas .xlsx tidak wajar (nomor baris di luar batas Excel)", HINT_RESAVE)
        formats = tuple(
            cell.number_format if isinstance(value, int | float) else None
            for cell, value in zip(cells, values, strict=True)
        )
        yield number, values, formats


def _fill_down(
    rows: Iterator[_Row], header: Header, merged: list[tuple[int, int, int, int]]
) -> Iterator[_Row]:
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
                if column <= len(filled) and is_blank(filled[column - 1]):
                    filled[column - 1] = value
            cells = tuple(filled)
        for column, _, last in below.pop(number, []):
            if column <= len(cells):
                active.append((column, last, cells[column - 1]))
        yield number, cells, formats


def _visible_first(sheets: list[Any]) -> list[Any]:
    return sorted(sheets, key=lambda s: getattr(s, "sheet_state", "visible") != "visible")


def read_xlsx(content: bytes, limits: Limits) -> SirupImport:
    """The packages of the first sheet with a complete header (visible sheets first)."""
    _check_archive(content, limits)
    try:
        workbook = load_workbook(
            CheckedStream(content), read_only=True, data_only=True, keep_links=False
        )
    except Exception as exc:
        logger.info("sirup workbook unreadable: %r", exc)
        refuse("berkas .xlsx tidak dapat dibaca (rusak atau bukan dari Excel)", HINT_RESAVE)
    try:
        return _read_workbook(content, workbook, limits)
    except (zipfile.BadZipFile, zlib.error, EOFError, SyntaxError) as exc:
        # A sheet is read only now (read-only mode): its damage shows here. SyntaxError
        # covers the XML parser's ParseError.
        logger.info("sirup sheet unreadable: %r", exc)
        refuse("berkas .xlsx rusak atau tidak lengkap", HINT_RESAVE)
    finally:
        workbook.close()


def _read_workbook(content: bytes, workbook: Any, limits: Limits) -> SirupImport:
    sheets = [s for s in workbook.worksheets if hasattr(s, "iter_rows")]
    if not sheets:
        refuse("berkas .xlsx ini tidak berisi lembar kerja", HINT_EXPORT)
    best = Header(0)
    for sheet in _visible_first(sheets):
        sheet.reset_dimensions()  # exports often state a wrong size
        rows = _sheet_rows(sheet, 1, MAX_COLUMNS, limits)
        try:
            found, candidate = find_header((number, cells) for number, cells, _ in rows)
        finally:
            rows.close()  # closes the sheet's XML stream
        candidate.sheet = sheet.title
        if found is not None:
            return _read_sheet(content, sheet, found, workbook.epoch, limits)
        if candidate.score > best.score:
            best = candidate
    refuse_header(best, len(sheets) > 1)


def _read_sheet(
    content: bytes, sheet: Any, header: Header, epoch: datetime, limits: Limits
) -> SirupImport:
    collector = Collector(header, epoch)
    rows = _sheet_rows(sheet, header.row + 1, max(header.width, 1), limits)
    for number, cells, formats in _fill_down(rows, header, _merged_ranges(content, sheet)):
        collector.add(number, cells, formats)
    return collector.result()
