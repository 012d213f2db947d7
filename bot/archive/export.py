"""The archive of one cycle as a zip (``kinerja-bot export-archive``): every file under a
folder per SOP step, with safe and unique names, and ``index.xlsx`` describing each file.

A file whose archived bytes are gone or no longer match their sha256 is not written; the
index lists it as missing and the result names it, so the caller can say so.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from bot.archive import texts
from bot.archive.usecases import NO_STEP, kind_name, period_label, step_of, unit_names
from bot.core.signing import format_code
from bot.core.xlsx_text import put
from bot.services import Services
from storage import archive, cycles, users
from storage.models import Document

INDEX_NAME = "index.xlsx"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_NAME_ROOM = 80


@dataclass(frozen=True)
class Exported:
    """What an export wrote: how many files, and the display names of those missing."""

    year: int
    written: int
    missing: tuple[str, ...]


def slug(text: str, room: int = 48) -> str:
    """``text`` as lower-case ASCII words joined by ``-``, cut at a word within ``room``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = [w for w in _UNSAFE.sub(" ", ascii_text.replace(".", " ")).lower().split() if w]
    kept: list[str] = []
    for word in words:
        if len("-".join([*kept, word])) > room:
            break
        kept.append(word)
    return "-".join(kept) or (words[0][:room] if words else "berkas")


def step_folder(number: int, name: str) -> str:
    """``langkah-07-mengirimkan-surat-edaran-implementasi``; ``lainnya`` for no step."""
    if number == NO_STEP:
        return texts.EXPORT_NO_STEP_FOLDER
    return f"langkah-{number:02d}-{slug(name)}"


def safe_name(file_name: str, taken: set[str]) -> str:
    """A file name safe on every system (ASCII letters, digits, ``.-_``), unique in ``taken``
    (which it joins), keeping the extension."""
    path = PurePosixPath(file_name.replace("\\", "/")).name
    stem, dot, suffix = path.rpartition(".")
    if not dot or not stem:
        stem, suffix = path, ""
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    base = _UNSAFE.sub("-", ascii_stem).strip("-._")[:_NAME_ROOM] or "berkas"
    ext = _UNSAFE.sub("", suffix).lower()[:8]
    ext = f".{ext}" if ext else ""
    candidate, number = f"{base}{ext}", 1
    while candidate.lower() in taken:
        number += 1
        candidate = f"{base}-{number}{ext}"
    taken.add(candidate.lower())
    return candidate


@dataclass(frozen=True)
class _Row:
    document: Document
    path: str  # in the zip; "" when the file is missing
    by: str
    unit: str


def _rows(svc: Services, found: Sequence[Document]) -> list[_Row]:
    with svc.db.read() as session:
        names = unit_names(session)
        people = {u.id: u.full_name for u in users.list_users(session)}
    steps = {s.number: s.name for s in svc.steps}
    taken: dict[str, set[str]] = {}
    rows = []
    for document in sorted(found, key=lambda d: (step_of(d), d.created_at, d.id or 0)):
        folder = step_folder(step_of(document), steps.get(step_of(document), ""))
        name = safe_name(document.file_name, taken.setdefault(folder, set()))
        by = people.get(document.uploaded_by_user_id, texts.EXPORT_BY_BOT)
        rows.append(_Row(document, f"{folder}/{name}", by, names.get(document.unit_id, "")))
    return rows


def export_year(svc: Services, *, year: int, out: Path) -> Exported | None:
    """Write the cycle of ``year`` into the zip ``out`` (through a temporary file, so a
    failed export leaves nothing half-written); None when ``year`` has no cycle. Raises
    OSError when the file cannot be written."""
    with svc.db.read() as session:
        if cycles.find_cycle(session, year=year) is None:
            return None
        found = archive.documents_of_year(session, year)
    rows, missing, written = _rows(svc, found), [], 0
    temporary = out.with_name(out.name + ".tmp")
    try:
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
            final = []
            for row in rows:
                content = archive.intact_content(svc.archive_dir, row.document)
                if content is None:
                    missing.append(row.document.file_name)
                    final.append(_Row(row.document, "", row.by, row.unit))
                    continue
                bundle.writestr(row.path, content)
                written += 1
                final.append(row)
            bundle.writestr(INDEX_NAME, index_workbook(svc, year, final))
        os.replace(temporary, out)
    finally:
        temporary.unlink(missing_ok=True)
    return Exported(year, written, tuple(missing))


def _text_row(svc: Services, year: int, row: _Row) -> list[str | int]:
    document, zone = row.document, svc.profile.timezone
    code = document.verification_code
    return [
        row.path,
        document.file_name,
        kind_name(document.kind),
        step_of(document),
        period_label(document.period_key, year),
        row.unit,
        document.revision,
        document.sha256,
        row.by,
        f"{document.created_at.astimezone(zone):%Y-%m-%d %H:%M}",
        document.number,
        document.signed_by,
        format_code(code) if code else "",
        texts.EXPORT_PRESENT if row.path else texts.EXPORT_MISSING,
    ]


def index_workbook(svc: Services, year: int, rows: Sequence[_Row]) -> bytes:
    """``index.xlsx``: one row per document; every text cell stays text (a name starting
    with ``=`` is never a formula, a number like ``001`` keeps its zeros)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = texts.EXPORT_SHEET.format(year=year)
    sheet.append(list(texts.EXPORT_COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(_text_row(svc, year, row), start=1):
            cell = put(sheet, number, column, value)
            if isinstance(value, str):
                cell.number_format = "@"
    for column, width in enumerate(texts.EXPORT_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
