"""Reading a SIRUP export that is delimited text (.csv, or tab-separated text named .xls)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from bot.core.deadline import check
from bot.packages.sirup.header import Header, find_header, refuse_header
from bot.packages.sirup.model import HINT_RESAVE, Limits, SirupImport, check_row_limit, refuse
from bot.packages.sirup.rows import Collector
from bot.packages.sirup.workbook import MAX_COLUMNS

DELIMITERS = (";", ",", "\t", "|")


def _decode(content: bytes) -> str:
    if content.startswith(b"\xef\xbb\xbf"):
        return content.decode("utf-8-sig", errors="replace")
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError:
            refuse("berkas teks ini rusak (UTF-16 tidak utuh)", HINT_RESAVE)
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


def _csv_rows(text: str, delimiter: str, limits: Limits) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for number, cells in enumerate(reader, start=1):
        check()  # the read's deadline (bot.core.deadline)
        if number > limits.max_rows and any(c.strip() for c in cells):
            check_row_limit(number, limits)
        yield number, cells[:MAX_COLUMNS]


def read_csv(content: bytes, limits: Limits) -> SirupImport:
    """The packages under the best header any of the usual delimiters finds."""
    text = _decode(content)
    if _looks_binary(text):
        refuse("berkas ini bukan teks CSV (isinya data biner)", HINT_RESAVE)
    chosen: tuple[str, Header] | None = None
    best = Header(0)
    for delimiter in DELIMITERS:
        found, candidate = find_header(_csv_rows(text, delimiter, limits))
        if found is not None and (chosen is None or found.score > chosen[1].score):
            chosen = (delimiter, found)
        if candidate.score > best.score:
            best = candidate
    if chosen is None:
        refuse_header(best, several_sheets=False)
    delimiter, header = chosen
    collector = Collector(header)
    for number, cells in _csv_rows(text, delimiter, limits):
        if number > header.row:
            collector.add(number, cells)
    return collector.result()
