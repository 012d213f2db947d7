"""The team's bulk mapping of procurement packages to strategic areas, as a workbook round trip.

``mapping_workbook`` writes the cycle's packages as an .xlsx (SOP step 10) with their current
strategic area; people pick a "Kode Area" per package from a drop-down list and send the file
back. ``read_mapping_workbook`` reads it and returns kode RUP -> area code for every data row,
or every problem found, each pointing at a sheet, Excel row and column. Reading never raises:
whatever is wrong with the file becomes a :class:`Problem`.

Decisions worth knowing:

* Only "Kode Area" is editable; the other columns are locked (sheet protection without a
  password, the header row frozen, an auto filter allowed). "Nama Area" is an Excel formula
  that shows the area's name; the reader ignores it, like every column but "Kode RUP" and
  "Kode Area".
* Columns are found by their header text (row 1), so moved columns are fine; a missing
  "Kode RUP" or "Kode Area" header is a problem. Extra columns and blank rows are ignored.
* An emptied "Kode Area" means "not mapped" (``None``). Area codes are trimmed and matched to
  the plan's codes regardless of case; the result uses the plan's spelling.
* Every kode RUP must be one of ``known_kode_rup`` and appear once. Packages whose row was
  deleted are simply absent from the result (the caller leaves them as they are).
* A "Kode Area" cell holding an Excel formula is a problem (type the code instead): the
  drop-down gives plain values, and a formula's stored value may be stale or missing.
* Structural problems (not an .xlsx, wrong template version, missing sheet or column, merged
  cells, too large) are reported alone, before any data is read.
* Size guards: :data:`workbook.MAX_WORKBOOK_BYTES` per file, the plan workbook's limits on
  the unpacked size and number of zip entries, at most :data:`MAX_ROWS` data rows and
  :data:`MAX_CELLS_PER_SHEET` cells per sheet (counted in the XML before openpyxl loads it).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from bot.core.numbers import NumberError, read_code
from bot.core.xlsx_guard import Refused, XlsxRules, check_container, load_xlsx, refuse
from bot.core.xlsx_guard import cell_text as _text
from bot.core.xlsx_guard import find_sheet as _find_sheet
from bot.core.xlsx_guard import normal as _normal
from bot.planning.documents.workbook import (
    FILE_SHEET,
    MAX_UNCOMPRESSED_BYTES,
    MAX_WORKBOOK_BYTES,
    MAX_ZIP_ENTRIES,
    SHEET_GUIDE,
    VERSION_LABEL,
    YEAR_LABEL,
)
from bot.planning.rules.model import Plan
from bot.planning.rules.validation import Problem

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

_HINT_NEW_TEMPLATE = "ambil template pemetaan baru lewat /paket, salin kolom Kode Area, lalu kirim"
_XLSX_RULES = XlsxRules(
    max_bytes=MAX_WORKBOOK_BYTES,
    max_uncompressed_bytes=MAX_UNCOMPRESSED_BYTES,
    max_zip_entries=MAX_ZIP_ENTRIES,
    max_cells_per_sheet=MAX_CELLS_PER_SHEET,
    empty_hint="kirim berkas .xlsx pemetaan dari /paket",
    not_xlsx_hint="kirim berkas .xlsx pemetaan dari /paket",
    pdf_hint=_HINT_NEW_TEMPLATE,
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


# --------------------------------------------------------------------------- writing

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
_EDITABLE_FILL = PatternFill("solid", fgColor="FFF2CC")
_HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center")
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_UNLOCKED = Protection(locked=False)


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


def _write_guide(workbook: Any, plan: Plan, title: str) -> tuple[int, int]:
    """The instructions and the list of areas; returns the first and last row of that list."""
    sheet = workbook.active
    sheet.title = SHEET_GUIDE
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 90
    sheet.column_dimensions["C"].width = 22
    sheet.cell(row=1, column=1, value=title).font = Font(bold=True, size=14)
    sheet.cell(row=3, column=1, value=VERSION_LABEL).font = Font(bold=True)
    sheet.cell(row=3, column=2, value=MAPPING_VERSION)
    sheet.cell(row=4, column=1, value=YEAR_LABEL).font = Font(bold=True)
    sheet.cell(row=4, column=2, value=plan.year).alignment = Alignment(horizontal="left")
    number = 6
    for topic, text in _guide_lines(plan):
        sheet.cell(row=number, column=1, value=topic).font = Font(bold=True)
        sheet.cell(row=number, column=1).alignment = _TOP
        sheet.cell(row=number, column=2, value=text).alignment = _WRAP
        number += 1
    number += 1
    sheet.cell(row=number, column=1, value="Daftar Area Strategis").font = Font(bold=True)
    number += 1
    for index, header in enumerate(("Kode Area", "Nama Area Strategis", "Kategori"), start=1):
        cell = sheet.cell(row=number, column=index, value=header)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
    first = number + 1
    for number, area in enumerate(plan.areas, start=first):
        sheet.cell(row=number, column=1, value=area.code).number_format = "@"
        sheet.cell(row=number, column=2, value=area.name).alignment = _WRAP
        sheet.cell(row=number, column=3, value=area.category.value)
    sheet.protection.sheet = True
    return first, first + len(plan.areas) - 1


def _sorted_rows(rows: Sequence[MappingRow]) -> list[MappingRow]:
    return sorted(
        rows, key=lambda r: (r.satuan_kerja.casefold(), r.nama_paket.casefold(), r.kode_rup)
    )


def mapping_workbook(rows: Sequence[MappingRow], plan: Plan, *, title: str) -> bytes:
    """The packages and their current areas as an .xlsx to fill in; only Kode Area is editable."""
    workbook = Workbook()
    workbook.properties.title = title
    workbook.properties.creator = "Kinerja PBJ Bot"
    first_area, last_area = _write_guide(workbook, plan, title)
    sheet = workbook.create_sheet(SHEET_MAPPING)
    position = {header: index for index, (header, _) in enumerate(COLUMNS, start=1)}
    for index, (header, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        cell = sheet.cell(row=1, column=index, value=header)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = _HEADER_ALIGNMENT
    area_letter = get_column_letter(position[COL_KODE_AREA])
    areas = f"'{SHEET_GUIDE}'!$A${first_area}:$B${last_area}"
    ordered = _sorted_rows(rows)
    for number, row in enumerate(ordered, start=2):
        values: dict[str, object] = {
            COL_KODE_RUP: row.kode_rup,
            COL_SATUAN_KERJA: row.satuan_kerja,
            COL_NAMA_PAKET: row.nama_paket,
            COL_PAGU: row.pagu,
            COL_METODE: row.metode,
            COL_KODE_AREA: row.area_code or None,
        }
        if plan.areas:
            code = f"TRIM({area_letter}{number})"
            values[COL_NAMA_AREA] = (
                f'=IF({code}="","",IFERROR(VLOOKUP({code},{areas},2,FALSE),'
                '"kode area tidak dikenal"))'
            )
        for header, value in values.items():
            cell = sheet.cell(row=number, column=position[header])
            cell.value = value
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
    last = len(ordered) + 1
    if plan.areas and ordered:
        rule = DataValidation(
            type="list", formula1=f"'{SHEET_GUIDE}'!$A${first_area}:$A${last_area}"
        )
        rule.allow_blank = True
        rule.errorStyle = "stop"
        rule.errorTitle = COL_KODE_AREA
        rule.error = "Pilih kode area dari daftar di lembar Petunjuk, atau kosongkan."
        rule.showErrorMessage = True
        rule.add(f"{area_letter}2:{area_letter}{last}")
        sheet.add_data_validation(rule)
    sheet.freeze_panes = "A2"
    sheet.row_dimensions[1].height = 32
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{last}"
    protection = sheet.protection
    protection.sheet = True
    # False means "allowed" in the file format.
    protection.formatColumns = False
    protection.formatRows = False
    protection.autoFilter = False
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------- reading


def _check_version(workbook: Any) -> list[Problem]:
    sheet = _find_sheet(workbook, SHEET_GUIDE)
    if sheet is None:
        return [
            Problem(
                SHEET_GUIDE,
                "",
                "",
                f"lembar {SHEET_GUIDE} tidak ditemukan, versi template tidak dapat diperiksa",
                _HINT_NEW_TEMPLATE,
            )
        ]
    label = _normal(VERSION_LABEL)
    for number, row in enumerate(
        sheet.iter_rows(min_row=1, max_row=min(sheet.max_row, 60), max_col=6, values_only=True),
        start=1,
    ):
        for index, value in enumerate(row[:-1]):
            if isinstance(value, str) and _normal(value) == label:
                version = _text(row[index + 1])
                if version == MAPPING_VERSION:
                    return []
                return [
                    Problem(
                        SHEET_GUIDE,
                        "",
                        VERSION_LABEL,
                        f"versi template {version or '(kosong)':.30} bukan template pemetaan "
                        f"paket (yang dipakai sekarang {MAPPING_VERSION})",
                        _HINT_NEW_TEMPLATE,
                        number,
                    )
                ]
    return [
        Problem(
            SHEET_GUIDE,
            "",
            VERSION_LABEL,
            "penanda versi template tidak ditemukan; berkas ini bukan template pemetaan paket",
            _HINT_NEW_TEMPLATE,
        )
    ]


def _locate(sheet: Any) -> tuple[dict[str, int], list[Problem]]:
    """The columns of the mapping sheet (header -> 1-based column) and structural problems."""
    found: list[Problem] = []
    for merged in sorted(sheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        found.append(
            Problem(
                SHEET_MAPPING,
                "",
                _text(sheet.cell(row=1, column=merged.min_col).value)
                or get_column_letter(merged.min_col),
                f"sel {merged.coord} digabung (merge)",
                "pisahkan sel itu (Unmerge / Pisahkan Sel) lalu kirim lagi",
                merged.min_row,
            )
        )
    if sheet.max_row > MAX_ROWS + 1:
        found.append(
            Problem(
                SHEET_MAPPING,
                "",
                "",
                f"lembar {SHEET_MAPPING} memakai baris sampai {sheet.max_row}; paling banyak "
                f"{MAX_ROWS} baris paket",
                "hapus baris di bawah data (termasuk yang hanya berformat)",
            )
        )
    headers: dict[str, list[int]] = {}
    width = min(sheet.max_column, MAX_HEADER_COLUMNS)
    header_row = next(sheet.iter_rows(min_row=1, max_row=1, max_col=width, values_only=True), ())
    for index, value in enumerate(header_row, start=1):
        if isinstance(value, str) and value.strip():
            headers.setdefault(_normal(value), []).append(index)
    positions: dict[str, int] = {}
    for header in REQUIRED_COLUMNS:
        indexes = headers.get(_normal(header), [])
        if len(indexes) > 1:
            found.append(
                Problem(
                    SHEET_MAPPING,
                    "",
                    header,
                    f"kolom {header} ada {len(indexes)} kali di baris judul",
                    "hapus kolom yang ganda",
                    1,
                )
            )
        elif indexes:
            positions[header] = indexes[0]
        else:
            found.append(
                Problem(
                    SHEET_MAPPING,
                    "",
                    header,
                    f"kolom {header} tidak ditemukan di baris judul lembar {SHEET_MAPPING}",
                    f"judul kolom harus persis {header!r}; jangan mengganti judul kolom",
                    1,
                )
            )
    return positions, found


def _is_formula(cell: Any) -> bool:
    return getattr(cell, "data_type", None) == "f"


def _read_rows(
    sheet: Any, positions: dict[str, int], plan: Plan, known: set[str]
) -> dict[str, str | None] | list[Problem]:
    codes = {area.code.strip().casefold(): area.code for area in plan.areas}
    valid = ", ".join(area.code for area in plan.areas)
    area_hint = (
        f"pilih salah satu: {valid}; atau kosongkan bila paket belum dipetakan"
        if valid
        else "rencana belum punya area strategis; kosongkan kolom ini"
    )
    rup_column = positions[COL_KODE_RUP]
    area_column = positions[COL_KODE_AREA]
    width = max(rup_column, area_column)
    result: dict[str, str | None] = {}
    first_row: dict[str, int] = {}
    found: list[Problem] = []

    def report(kode: str, column: str, message: str, hint: str, number: int) -> None:
        found.append(Problem(SHEET_MAPPING, kode, column, message, hint, number))

    for number, cells in enumerate(
        sheet.iter_rows(min_row=2, max_row=sheet.max_row, max_col=width), start=2
    ):
        rup_cell = cells[rup_column - 1]
        area_cell = cells[area_column - 1]
        rup_formula, area_formula = _is_formula(rup_cell), _is_formula(area_cell)
        unreadable: NumberError | None = None
        try:
            kode = "" if rup_formula else read_code(rup_cell.value, what="kode RUP")
        except NumberError as error:
            kode, unreadable = "", error
        area_text = "" if area_formula else _text(area_cell.value)
        if not (kode or area_text or rup_formula or area_formula or unreadable):
            continue  # a blank row
        problem_count = len(found)
        if unreadable:
            report("", COL_KODE_RUP, unreadable.message, unreadable.hint, number)
        elif rup_formula:
            report(
                "",
                COL_KODE_RUP,
                "sel Kode RUP berisi rumus Excel",
                "jangan mengubah kolom Kode RUP; " + _HINT_NEW_TEMPLATE,
                number,
            )
        elif not kode:
            report(
                "",
                COL_KODE_RUP,
                "kode RUP kosong",
                "jangan mengubah kolom Kode RUP; hapus baris ini bila bukan paket",
                number,
            )
        elif kode not in known:
            report(
                kode,
                COL_KODE_RUP,
                f"kode RUP {kode:.40} tidak dikenal (bukan paket siklus ini)",
                "jangan mengubah kolom Kode RUP; hapus baris ini atau " + _HINT_NEW_TEMPLATE,
                number,
            )
        elif kode in first_row:
            report(
                kode,
                COL_KODE_RUP,
                f"kode RUP {kode} sudah ada di baris {first_row[kode]}",
                "hapus salah satu baris",
                number,
            )
        else:
            first_row[kode] = number
        area: str | None = None
        if area_formula:
            report(
                kode,
                COL_KODE_AREA,
                "sel Kode Area berisi rumus Excel",
                "ketik atau pilih kode areanya langsung (tanpa tanda =)",
                number,
            )
        elif area_text:
            area = codes.get(area_text.casefold())
            if area is None:
                report(
                    kode,
                    COL_KODE_AREA,
                    f"kode area {area_text:.30} tidak dikenal",
                    area_hint,
                    number,
                )
        if len(found) == problem_count:
            result[kode] = area
    return found if found else result


def _check_year(workbook: Any, year: int) -> list[Problem]:
    """The sheet's year (Petunjuk, "Tahun") must be the year being mapped: kode RUP can repeat
    across years, so a sheet of another year could otherwise be applied silently."""
    sheet = _find_sheet(workbook, SHEET_GUIDE)
    if sheet is None:
        return []
    label = _normal(YEAR_LABEL)
    for number, row in enumerate(
        sheet.iter_rows(min_row=1, max_row=min(sheet.max_row, 60), max_col=6, values_only=True),
        start=1,
    ):
        for index, value in enumerate(row[:-1]):
            if isinstance(value, str) and _normal(value) == label:
                found = _text(row[index + 1])
                if found == str(year):
                    return []
                return [
                    Problem(
                        SHEET_GUIDE,
                        "",
                        YEAR_LABEL,
                        f"lembar pemetaan ini untuk tahun {found or '(kosong)':.10}, sedangkan "
                        f"yang dipetakan paket tahun {year}",
                        f"unduh lembar pemetaan paket {year} lewat /paket, atau buka paket "
                        f"tahun {found:.10} dulu lalu kirim lagi",
                        number,
                    )
                ]
    return []


def _read(
    content: bytes, plan: Plan, known_kode_rup: Collection[str]
) -> dict[str, str | None] | list[Problem]:
    check_container(content, _XLSX_RULES)
    # Formulas as written (not their stored values): a formula in Kode Area is refused.
    workbook = load_xlsx(content, _XLSX_RULES, data_only=False)
    guide = _find_sheet(workbook, SHEET_GUIDE)
    sheet = _find_sheet(workbook, SHEET_MAPPING)
    if guide is None and sheet is None:
        refuse(
            "berkas Excel ini bukan template pemetaan paket (lembar Petunjuk dan Pemetaan "
            "tidak ada)",
            _HINT_NEW_TEMPLATE,
        )
    structural = _check_version(workbook)
    if not structural:
        structural = _check_year(workbook, plan.year)
    if sheet is None:
        structural.append(
            Problem(
                SHEET_MAPPING,
                "",
                "",
                f"lembar {SHEET_MAPPING} tidak ditemukan",
                "jangan mengganti nama atau menghapus lembar; " + _HINT_NEW_TEMPLATE,
            )
        )
        return structural
    positions, found = _locate(sheet)
    structural.extend(found)
    if structural:
        return structural
    known = {str(k).strip() for k in known_kode_rup}
    return _read_rows(sheet, positions, plan, known)


def read_mapping_workbook(
    content: bytes, *, plan: Plan, known_kode_rup: Collection[str]
) -> dict[str, str | None] | list[Problem]:
    """Kode RUP -> area code (None: unmapped) of every data row, or every problem found."""
    try:
        return _read(content, plan, known_kode_rup)
    except Refused as refused:
        return refused.problems
    except Exception:
        logger.exception("unexpected error while reading a mapping workbook")
        return [
            Problem(
                FILE_SHEET,
                "",
                "",
                "berkas tidak dapat dibaca karena isinya tidak terduga",
                "ambil template pemetaan baru lewat /paket lalu kirim lagi; bila masih gagal, "
                "hubungi operator bot",
            )
        ]
