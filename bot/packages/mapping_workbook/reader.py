"""Reading a filled mapping sheet back: kode RUP -> area code, or every problem found."""

from __future__ import annotations

import logging
from collections.abc import Collection
from typing import Any

from openpyxl.utils import get_column_letter

from bot.core.numbers import NumberError, read_code
from bot.core.xlsx_guard import Refused, check_container, load_xlsx, refuse
from bot.core.xlsx_guard import cell_text as _text
from bot.core.xlsx_guard import find_sheet as _find_sheet
from bot.core.xlsx_guard import normal as _normal
from bot.packages.mapping_workbook.layout import (
    COL_KODE_AREA,
    COL_KODE_RUP,
    HINT_NEW_TEMPLATE,
    MAPPING_VERSION,
    MAX_HEADER_COLUMNS,
    MAX_ROWS,
    REQUIRED_COLUMNS,
    SHEET_MAPPING,
    XLSX_RULES,
)
from bot.planning.documents.workbook import FILE_SHEET, SHEET_GUIDE, VERSION_LABEL, YEAR_LABEL
from bot.planning.rules.model import Plan
from bot.planning.rules.validation import Problem

logger = logging.getLogger(__name__)

Mapping = dict[str, str | None]


def _guide_value(guide: Any, label: str) -> tuple[str, int] | None:
    """The text right of ``label`` on the guide sheet, and its row; None without the label."""
    wanted = _normal(label)
    for number, row in enumerate(
        guide.iter_rows(min_row=1, max_row=min(guide.max_row, 60), max_col=6, values_only=True),
        start=1,
    ):
        for index, value in enumerate(row[:-1]):
            if isinstance(value, str) and _normal(value) == wanted:
                return _text(row[index + 1]), number
    return None


def _check_guide(workbook: Any, year: int) -> list[Problem]:
    """The version of the template, then the year it was made for: kode RUP can repeat
    across years, so a sheet of another year could otherwise be applied silently."""
    guide = _find_sheet(workbook, SHEET_GUIDE)
    if guide is None:
        message = f"lembar {SHEET_GUIDE} tidak ditemukan, versi template tidak dapat diperiksa"
        return [Problem(SHEET_GUIDE, "", "", message, HINT_NEW_TEMPLATE)]
    version = _guide_value(guide, VERSION_LABEL)
    if version is None:
        message = "penanda versi template tidak ditemukan; berkas ini bukan template pemetaan paket"
        return [Problem(SHEET_GUIDE, "", VERSION_LABEL, message, HINT_NEW_TEMPLATE)]
    found, number = version
    if found != MAPPING_VERSION:
        message = (
            f"versi template {found or '(kosong)':.30} bukan template pemetaan "
            f"paket (yang dipakai sekarang {MAPPING_VERSION})"
        )
        return [Problem(SHEET_GUIDE, "", VERSION_LABEL, message, HINT_NEW_TEMPLATE, number)]
    sheet_year = _guide_value(guide, YEAR_LABEL)
    if sheet_year is None or sheet_year[0] == str(year):
        return []
    found, number = sheet_year
    message = (
        f"lembar pemetaan ini untuk tahun {found or '(kosong)':.10}, sedangkan "
        f"yang dipetakan paket tahun {year}"
    )
    hint = (
        f"unduh lembar pemetaan paket {year} lewat /paket, atau buka paket "
        f"tahun {found:.10} dulu lalu kirim lagi"
    )
    return [Problem(SHEET_GUIDE, "", YEAR_LABEL, message, hint, number)]


def _structure(sheet: Any) -> list[Problem]:
    """Merged cells and too many rows on the mapping sheet."""
    found: list[Problem] = []
    for merged in sorted(sheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        column = _text(sheet.cell(row=1, column=merged.min_col).value) or get_column_letter(
            merged.min_col
        )
        found.append(
            Problem(
                SHEET_MAPPING,
                "",
                column,
                f"sel {merged.coord} digabung (merge)",
                "pisahkan sel itu (Unmerge / Pisahkan Sel) lalu kirim lagi",
                merged.min_row,
            )
        )
    if sheet.max_row > MAX_ROWS + 1:
        message = (
            f"lembar {SHEET_MAPPING} memakai baris sampai {sheet.max_row}; paling banyak "
            f"{MAX_ROWS} baris paket"
        )
        hint = "hapus baris di bawah data (termasuk yang hanya berformat)"
        found.append(Problem(SHEET_MAPPING, "", "", message, hint))
    return found


def _locate(sheet: Any) -> tuple[dict[str, int], list[Problem]]:
    """The columns of the mapping sheet (header -> 1-based column) and structural problems."""
    found = _structure(sheet)
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
            message = f"kolom {header} ada {len(indexes)} kali di baris judul"
            found.append(Problem(SHEET_MAPPING, "", header, message, "hapus kolom yang ganda", 1))
        elif indexes:
            positions[header] = indexes[0]
        else:
            message = f"kolom {header} tidak ditemukan di baris judul lembar {SHEET_MAPPING}"
            hint = f"judul kolom harus persis {header!r}; jangan mengganti judul kolom"
            found.append(Problem(SHEET_MAPPING, "", header, message, hint, 1))
    return positions, found


def _is_formula(cell: Any) -> bool:
    return getattr(cell, "data_type", None) == "f"


class _Rows:
    """Reads the data rows: kode RUP -> area code, and the problems of each row."""

    def __init__(self, plan: Plan, known: set[str]) -> None:
        self.codes = {area.code.strip().casefold(): area.code for area in plan.areas}
        valid = ", ".join(area.code for area in plan.areas)
        self.area_hint = (
            f"pilih salah satu: {valid}; atau kosongkan bila paket belum dipetakan"
            if valid
            else "rencana belum punya area strategis; kosongkan kolom ini"
        )
        self.known = known
        self.result: Mapping = {}
        self.first_row: dict[str, int] = {}
        self.problems: list[Problem] = []

    def report(self, kode: str, column: str, message: str, hint: str, number: int) -> None:
        self.problems.append(Problem(SHEET_MAPPING, kode, column, message, hint, number))

    def add(self, number: int, rup_cell: Any, area_cell: Any) -> None:
        rup_formula, area_formula = _is_formula(rup_cell), _is_formula(area_cell)
        unreadable: NumberError | None = None
        try:
            kode = "" if rup_formula else read_code(rup_cell.value, what="kode RUP")
        except NumberError as error:
            kode, unreadable = "", error
        area_text = "" if area_formula else _text(area_cell.value)
        if not (kode or area_text or rup_formula or area_formula or unreadable):
            return  # a blank row
        problem_count = len(self.problems)
        if unreadable:
            self.report("", COL_KODE_RUP, unreadable.message, unreadable.hint, number)
        else:
            self._check_kode(number, kode, rup_formula)
        area = self._area(number, kode, area_text, area_formula)
        if len(self.problems) == problem_count:
            self.result[kode] = area

    def _check_kode(self, number: int, kode: str, formula: bool) -> None:
        keep = "jangan mengubah kolom Kode RUP; "
        if formula:
            message = "sel Kode RUP berisi rumus Excel"
            self.report("", COL_KODE_RUP, message, keep + HINT_NEW_TEMPLATE, number)
        elif not kode:
            hint = keep + "hapus baris ini bila bukan paket"
            self.report("", COL_KODE_RUP, "kode RUP kosong", hint, number)
        elif kode not in self.known:
            message = f"kode RUP {kode:.40} tidak dikenal (bukan paket siklus ini)"
            hint = keep + "hapus baris ini atau " + HINT_NEW_TEMPLATE
            self.report(kode, COL_KODE_RUP, message, hint, number)
        elif kode in self.first_row:
            message = f"kode RUP {kode} sudah ada di baris {self.first_row[kode]}"
            self.report(kode, COL_KODE_RUP, message, "hapus salah satu baris", number)
        else:
            self.first_row[kode] = number

    def _area(self, number: int, kode: str, text: str, formula: bool) -> str | None:
        if formula:
            hint = "ketik atau pilih kode areanya langsung (tanpa tanda =)"
            self.report(kode, COL_KODE_AREA, "sel Kode Area berisi rumus Excel", hint, number)
            return None
        if not text:
            return None
        area = self.codes.get(text.casefold())
        if area is None:
            message = f"kode area {text:.30} tidak dikenal"
            self.report(kode, COL_KODE_AREA, message, self.area_hint, number)
        return area


def _read_rows(
    sheet: Any, positions: dict[str, int], plan: Plan, known: set[str]
) -> Mapping | list[Problem]:
    rows = _Rows(plan, known)
    rup_column = positions[COL_KODE_RUP]
    area_column = positions[COL_KODE_AREA]
    width = max(rup_column, area_column)
    for number, cells in enumerate(
        sheet.iter_rows(min_row=2, max_row=sheet.max_row, max_col=width), start=2
    ):
        rows.add(number, cells[rup_column - 1], cells[area_column - 1])
    return rows.problems if rows.problems else rows.result


def _read(content: bytes, plan: Plan, known_kode_rup: Collection[str]) -> Mapping | list[Problem]:
    check_container(content, XLSX_RULES)
    # Formulas as written (not their stored values): a formula in Kode Area is refused.
    workbook = load_xlsx(content, XLSX_RULES, data_only=False)
    guide = _find_sheet(workbook, SHEET_GUIDE)
    sheet = _find_sheet(workbook, SHEET_MAPPING)
    if guide is None and sheet is None:
        refuse(
            "berkas Excel ini bukan template pemetaan paket (lembar Petunjuk dan Pemetaan "
            "tidak ada)",
            HINT_NEW_TEMPLATE,
        )
    structural = _check_guide(workbook, plan.year)
    if sheet is None:
        message = f"lembar {SHEET_MAPPING} tidak ditemukan"
        hint = "jangan mengganti nama atau menghapus lembar; " + HINT_NEW_TEMPLATE
        return [*structural, Problem(SHEET_MAPPING, "", "", message, hint)]
    positions, found = _locate(sheet)
    structural.extend(found)
    if structural:
        return structural
    known = {str(k).strip() for k in known_kode_rup}
    return _read_rows(sheet, positions, plan, known)


def read_mapping_workbook(
    content: bytes, *, plan: Plan, known_kode_rup: Collection[str]
) -> Mapping | list[Problem]:
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
