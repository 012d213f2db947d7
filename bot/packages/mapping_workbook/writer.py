"""Writing the mapping sheet: the year's packages with their current areas, to fill in."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from bot.core.xlsx_text import put, text_cell
from bot.packages.mapping_workbook.layout import (
    COL_KODE_AREA,
    COL_KODE_RUP,
    COL_METODE,
    COL_NAMA_AREA,
    COL_NAMA_PAKET,
    COL_PAGU,
    COL_SATUAN_KERJA,
    COLUMNS,
    MAPPING_VERSION,
    MAX_ROWS,
    SHEET_MAPPING,
    MappingRow,
)
from bot.planning.documents.workbook import (
    MAX_WORKBOOK_BYTES,
    SHEET_GUIDE,
    VERSION_LABEL,
    YEAR_LABEL,
)
from bot.planning.rules.model import Plan

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
_EDITABLE_FILL = PatternFill("solid", fgColor="FFF2CC")
_HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center")
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_UNLOCKED = Protection(locked=False)
_POSITION = {header: index for index, (header, _) in enumerate(COLUMNS, start=1)}
_AREA_LETTER = get_column_letter(_POSITION[COL_KODE_AREA])


def _guide_lines(plan: Plan) -> list[tuple[str, str]]:
    codes = ", ".join(a.code for a in plan.areas) or "(rencana belum punya area strategis)"
    return [
        (
            "Cara memakai",
            f"Di lembar {SHEET_MAPPING}, pilih Kode Area untuk setiap paket dari daftar pilihan "
            f"({codes}); kosongkan bila paket belum dipetakan. Nama Area terisi sendiri. "
            "Setelah selesai, simpan sebagai .xlsx lalu kirim berkas ini kembali ke bot lewat "
            "/paket. Bot memeriksa seluruh isi dan menyebut baris dan kolom yang perlu "
            "diperbaiki; tidak ada yang tersimpan sebelum semuanya benar.",
        ),
        (
            "Jangan diubah",
            "Nama lembar, judul kolom (baris 1), Versi template di atas, dan kolom Kode RUP. "
            "Hanya kolom Kode Area yang dapat diisi; kolom lain dikunci. Urutan kolom boleh "
            "diubah; kolom tambahan dan baris kosong diabaikan. Baris paket yang dihapus "
            "dianggap tidak berubah.",
        ),
        (
            "Kode Area",
            "Huruf besar/kecil tidak dibedakan dan spasi di awal dan akhir diabaikan. Ketik "
            "kodenya langsung (bukan rumus Excel).",
        ),
        (
            "Proteksi",
            "Lembar dikunci tanpa kata sandi; filter pada baris judul boleh dipakai, misalnya "
            "untuk menampilkan satu satuan kerja saja.",
        ),
        (
            "Batas",
            f"Berkas paling besar {MAX_WORKBOOK_BYTES // (1024 * 1024)} MB dan paling banyak "
            f"{MAX_ROWS:,} baris paket.".replace(",", "."),
        ),
    ]


def _header_cell(sheet: Any, row: int, column: int, value: str) -> Any:
    cell = put(sheet, row, column, value)
    cell.font = _HEADER_FONT
    cell.fill = _HEADER_FILL
    return cell


def _write_guide(workbook: Any, plan: Plan, title: str) -> tuple[int, int]:
    """The instructions and the list of areas; returns the first and last row of that list."""
    sheet = workbook.active
    sheet.title = SHEET_GUIDE
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 90
    sheet.column_dimensions["C"].width = 22
    put(sheet, 1, 1, title).font = Font(bold=True, size=14)
    sheet.cell(row=3, column=1, value=VERSION_LABEL).font = Font(bold=True)
    sheet.cell(row=3, column=2, value=MAPPING_VERSION)
    sheet.cell(row=4, column=1, value=YEAR_LABEL).font = Font(bold=True)
    sheet.cell(row=4, column=2, value=plan.year).alignment = Alignment(horizontal="left")
    number = 6
    for topic, text in _guide_lines(plan):
        put(sheet, number, 1, topic).font = Font(bold=True)
        sheet.cell(row=number, column=1).alignment = _TOP
        put(sheet, number, 2, text).alignment = _WRAP
        number += 1
    number += 1
    sheet.cell(row=number, column=1, value="Daftar Area Strategis").font = Font(bold=True)
    number += 1
    for index, header in enumerate(("Kode Area", "Nama Area Strategis", "Kategori"), start=1):
        _header_cell(sheet, number, index, header)
    first = number + 1
    for number, area in enumerate(plan.areas, start=first):
        put(sheet, number, 1, area.code).number_format = "@"
        put(sheet, number, 2, area.name).alignment = _WRAP
        put(sheet, number, 3, area.category.value)
    sheet.protection.sheet = True
    return first, first + len(plan.areas) - 1


def _sorted_rows(rows: Sequence[MappingRow]) -> list[MappingRow]:
    return sorted(
        rows, key=lambda r: (r.satuan_kerja.casefold(), r.nama_paket.casefold(), r.kode_rup)
    )


def _write_row(sheet: Any, number: int, row: MappingRow, areas: str | None) -> None:
    """One package; ``areas`` is the range of the area list (None: the plan has no areas)."""
    values: dict[str, object] = {
        COL_KODE_RUP: row.kode_rup,
        COL_SATUAN_KERJA: row.satuan_kerja,
        COL_NAMA_PAKET: row.nama_paket,
        COL_PAGU: row.pagu,
        COL_METODE: row.metode,
        COL_KODE_AREA: row.area_code or None,
    }
    if areas is not None:
        code = f"TRIM({_AREA_LETTER}{number})"
        values[COL_NAMA_AREA] = (
            f'=IF({code}="","",IFERROR(VLOOKUP({code},{areas},2,FALSE),"kode area tidak dikenal"))'
        )
    for header, value in values.items():
        cell = sheet.cell(row=number, column=_POSITION[header])
        if header == COL_NAMA_AREA:  # the bot's own lookup formula, over a trimmed code
            cell.value = value
        else:
            text_cell(cell, value)
        if header == COL_KODE_AREA:
            cell.protection = _UNLOCKED
            cell.fill = _EDITABLE_FILL
            cell.number_format = "@"
        elif header == COL_PAGU:
            cell.number_format = "#,##0"
            cell.alignment = _TOP
        elif header == COL_KODE_RUP:
            cell.number_format = "@"
            cell.alignment = _TOP
        else:
            cell.alignment = _WRAP if header == COL_NAMA_PAKET else _TOP


def _add_drop_down(sheet: Any, codes: str, last: int) -> None:
    """Kode Area takes a code of the area list (``codes``), or nothing."""
    rule = DataValidation(type="list", formula1=codes)
    rule.allow_blank = True
    rule.errorStyle = "stop"
    rule.errorTitle = COL_KODE_AREA
    rule.error = "Pilih kode area dari daftar di lembar Petunjuk, atau kosongkan."
    rule.showErrorMessage = True
    rule.add(f"{_AREA_LETTER}2:{_AREA_LETTER}{last}")
    sheet.add_data_validation(rule)


def _protect(sheet: Any, last: int) -> None:
    sheet.freeze_panes = "A2"
    sheet.row_dimensions[1].height = 32
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{last}"
    protection = sheet.protection
    protection.sheet = True
    # False means "allowed" in the file format.
    protection.formatColumns = False
    protection.formatRows = False
    protection.autoFilter = False


def mapping_workbook(rows: Sequence[MappingRow], plan: Plan, *, title: str) -> bytes:
    """The packages and their current areas as an .xlsx to fill in; only Kode Area is editable."""
    workbook = Workbook()
    workbook.properties.title = title
    workbook.properties.creator = "Kinerja PBJ Bot"
    first_area, last_area = _write_guide(workbook, plan, title)
    sheet = workbook.create_sheet(SHEET_MAPPING)
    for index, (header, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        _header_cell(sheet, 1, index, header).alignment = _HEADER_ALIGNMENT
    areas = f"'{SHEET_GUIDE}'!$A${first_area}:$B${last_area}" if plan.areas else None
    ordered = _sorted_rows(rows)
    for number, row in enumerate(ordered, start=2):
        _write_row(sheet, number, row, areas)
    last = len(ordered) + 1
    if plan.areas and ordered:
        _add_drop_down(sheet, f"'{SHEET_GUIDE}'!$A${first_area}:$A${last_area}", last)
    _protect(sheet, last)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
