"""The package mapping workbook: the template, the round trip, and broken files sent back."""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from bot.packages.mapping_workbook import (
    COL_KODE_AREA,
    COL_KODE_RUP,
    MAPPING_VERSION,
    SHEET_MAPPING,
    MappingRow,
    mapping_workbook,
    read_mapping_workbook,
)
from bot.planning.documents.workbook import FILE_SHEET, MAX_WORKBOOK_BYTES, plan_workbook
from bot.planning.rules.example import example_plan
from bot.planning.rules.model import Plan
from bot.planning.rules.validation import Problem

PLAN = example_plan(2027)
TITLE = "Pemetaan Paket ke Area Strategis 2027"
UNEXPECTED = "tidak terduga"
ROWS = (
    MappingRow("60001", "Pembangunan Jalan Distrik", "Dinas PUPR", 2_500_000_000, "Tender", "A1"),
    MappingRow("60002", "Belanja ATK", "Sekretariat Daerah", 75_000_000, "e-Purchasing", None),
    MappingRow("60003", "Konsultan Perencana", "Dinas PUPR", 400_000_000, "Seleksi", None),
    MappingRow("60004", "Obat dan BMHP", "Dinas Kesehatan", 1_200_000_000, "e-Purchasing", "A4"),
    MappingRow("60005", "Alat Tulis Sekolah", "Dinas Pendidikan", 90_000_000, "Tender", "A2"),
)
KNOWN = {r.kode_rup for r in ROWS}
CONTENT = mapping_workbook(ROWS, PLAN, title=TITLE)
PREFILLED = {r.kode_rup: r.area_code for r in ROWS}
HEADERS = ["Kode RUP", "Satuan Kerja", "Nama Paket", "Pagu (Rp)", "Metode", "Kode Area"]


def read(content: bytes, known: set[str] = KNOWN) -> dict[str, str | None] | list[Problem]:
    return read_mapping_workbook(content, plan=PLAN, known_kode_rup=known)


def problems_of(content: bytes, known: set[str] = KNOWN) -> list[Problem]:
    result = read(content, known)
    assert isinstance(result, list), result
    assert result
    assert not any(UNEXPECTED in p.message for p in result), result
    return result


def edited(change: Callable[[Any], None], content: bytes = CONTENT) -> bytes:
    workbook = load_workbook(io.BytesIO(content))
    change(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def column_of(sheet: Any, header: str) -> int:
    return int(next(c.column for c in sheet[1] if c.value == header))


def row_of(sheet: Any, kode: str) -> int:
    column = column_of(sheet, COL_KODE_RUP)
    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, column).value == kode)


def set_area(workbook: Any, kode: str, value: object) -> None:
    sheet = workbook[SHEET_MAPPING]
    sheet.cell(row_of(sheet, kode), column_of(sheet, COL_KODE_AREA)).value = value


# --------------------------------------------------------------------------- the template


def test_template_layout() -> None:
    workbook = load_workbook(io.BytesIO(CONTENT))
    assert workbook.sheetnames == ["Petunjuk", "Pemetaan"]
    guide = workbook["Petunjuk"]
    assert (guide["A3"].value, guide["B3"].value) == ("Versi template", MAPPING_VERSION)
    listed = [tuple(row) for row in guide.iter_rows(values_only=True, max_col=3)]
    for area in PLAN.areas:
        assert (area.code, area.name, area.category.value) in listed
    sheet = workbook["Pemetaan"]
    assert [c.value for c in sheet[1]] == [*HEADERS, "Nama Area"]
    assert sheet.freeze_panes == "A2"
    assert sheet.protection.sheet and not sheet.protection.password
    # Sorted by satuan kerja, then nama paket.
    kodes = [sheet.cell(r, 1).value for r in range(2, sheet.max_row + 1)]
    assert kodes == ["60004", "60005", "60003", "60001", "60002"]
    assert sheet.cell(2, 4).value == 1_200_000_000
    assert sheet.cell(2, 4).number_format == "#,##0"
    assert sheet.cell(2, 6).value == "A4"
    assert str(sheet.cell(2, 7).value).startswith("=")
    for column in range(1, 8):
        assert sheet.cell(2, column).protection.locked == (column != 6)
    assert sheet.cell(1, 6).protection.locked
    (rule,) = sheet.data_validations.dataValidation
    assert rule.type == "list"
    assert str(rule.sqref) == "F2:F6"
    first, last = (r for r in range(1, guide.max_row + 1) if guide.cell(r, 1).value in {"A1", "A4"})
    assert rule.formula1 == f"'Petunjuk'!$A${first}:$A${last}"


def test_unchanged_round_trip_gives_the_prefilled_mapping() -> None:
    assert read(CONTENT) == PREFILLED


def test_round_trip_with_two_changes() -> None:
    def change(workbook: Any) -> None:
        set_area(workbook, "60002", "A3")
        set_area(workbook, "60001", None)

    result = read(edited(change))
    assert isinstance(result, dict)
    changes = {k: v for k, v in result.items() if PREFILLED[k] != v}
    assert changes == {"60002": "A3", "60001": None}
    assert result.keys() == PREFILLED.keys()


def test_area_codes_are_trimmed_and_case_insensitive() -> None:
    def change(workbook: Any) -> None:
        set_area(workbook, "60002", "  a3 ")
        set_area(workbook, "60003", "   ")

    result = read(edited(change))
    assert isinstance(result, dict)
    assert result["60002"] == "A3"
    assert result["60003"] is None


def test_moved_columns_extra_columns_and_blank_rows() -> None:
    workbook = Workbook()
    guide = workbook.active
    guide.title = "Petunjuk"
    guide["A3"], guide["B3"] = "Versi template", MAPPING_VERSION
    sheet = workbook.create_sheet("Pemetaan")
    sheet.append(["Catatan", "Kode Area", "Nama Paket", "Kode RUP"])
    sheet.append(["x", "A2", "Belanja ATK", "60002"])
    sheet.append([None, None, None, None])
    sheet.append(["y", None, "Konsultan", 60003])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert read(buffer.getvalue()) == {"60002": "A2", "60003": None}


def test_empty_workbook_and_no_areas() -> None:
    empty_plan = Plan(year=2027)
    content = mapping_workbook([], empty_plan, title=TITLE)
    assert read_mapping_workbook(content, plan=empty_plan, known_kode_rup=()) == {}
    content = mapping_workbook(ROWS[:1], empty_plan, title=TITLE)
    found = read_mapping_workbook(content, plan=empty_plan, known_kode_rup=KNOWN)
    assert isinstance(found, list)
    assert [(p.column, p.row) for p in found] == [(COL_KODE_AREA, 2)]
    assert "belum punya area" in found[0].hint


# --------------------------------------------------------------------------- row problems


def test_unknown_area_code_lists_the_valid_codes() -> None:
    content = edited(lambda wb: set_area(wb, "60003", "A9"))
    (problem,) = problems_of(content)
    assert (problem.sheet, problem.column, problem.row) == ("Pemetaan", "Kode Area", 4)
    assert problem.key == "60003"
    assert "A9" in problem.message
    assert all(a.code in problem.hint for a in PLAN.areas)


def test_unknown_kode_rup() -> None:
    (problem,) = problems_of(CONTENT, KNOWN - {"60005"})
    assert (problem.sheet, problem.column, problem.row) == ("Pemetaan", "Kode RUP", 3)
    assert "60005" in problem.message and "tidak dikenal" in problem.message


def test_duplicate_kode_rup() -> None:
    def change(workbook: Any) -> None:
        sheet = workbook[SHEET_MAPPING]
        sheet.protection.sheet = False
        sheet.append(["60001", "Dinas PUPR", "Pembangunan Jalan", 1, "Tender", "A2"])

    (problem,) = problems_of(edited(change))
    assert (problem.column, problem.row) == ("Kode RUP", 7)
    assert "baris 5" in problem.message


def test_empty_kode_rup_and_formula_in_area() -> None:
    def change(workbook: Any) -> None:
        sheet = workbook[SHEET_MAPPING]
        sheet.cell(2, 1).value = None
        set_area(workbook, "60003", '=UPPER("a1")')

    found = problems_of(edited(change))
    assert [(p.column, p.row) for p in found] == [("Kode RUP", 2), ("Kode Area", 4)]
    assert "rumus" in found[1].message


# --------------------------------------------------------------------------- structure


def test_missing_column() -> None:
    def change(workbook: Any) -> None:
        workbook[SHEET_MAPPING].cell(1, 6).value = "Area"

    (problem,) = problems_of(edited(change))
    assert (problem.sheet, problem.column, problem.row) == ("Pemetaan", "Kode Area", 1)


def test_missing_sheet() -> None:
    def change(workbook: Any) -> None:
        workbook[SHEET_MAPPING].title = "Lembar1"

    (problem,) = problems_of(edited(change))
    assert problem.sheet == "Pemetaan" and "tidak ditemukan" in problem.message


def test_wrong_version() -> None:
    def change(workbook: Any) -> None:
        workbook["Petunjuk"]["B3"] = "pemetaan-paket-v0"

    (problem,) = problems_of(edited(change))
    assert (problem.sheet, problem.column, problem.row) == ("Petunjuk", "Versi template", 3)


def test_plan_workbook_is_refused() -> None:
    found = problems_of(plan_workbook(PLAN, title="Rencana"))
    assert any(p.column == "Versi template" and "rencana-v1" in p.message for p in found)


def test_merged_cells() -> None:
    def change(workbook: Any) -> None:
        workbook[SHEET_MAPPING].merge_cells("F2:F3")

    (problem,) = problems_of(edited(change))
    assert (problem.column, problem.row) == ("Kode Area", 2)
    assert "digabung" in problem.message


def test_other_excel_file() -> None:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    (problem,) = problems_of(buffer.getvalue())
    assert problem.sheet == FILE_SHEET and "bukan template" in problem.message


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"%PDF-1.7\n" + b"x" * 100, "PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, ".xls"),
        (b"garbage, not a workbook", "bukan berkas Excel"),
        (b"", "kosong"),
        (b"PK\x03\x04 broken", "rusak"),
        (b"PK" + b"\0" * MAX_WORKBOOK_BYTES, "terlalu besar"),
    ],
)
def test_not_an_xlsx(content: bytes, words: str) -> None:
    (problem,) = problems_of(content)
    assert problem.sheet == FILE_SHEET
    assert words in problem.message


def test_zip_bomb_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    assert len(buffer.getvalue()) < MAX_WORKBOOK_BYTES
    (problem,) = problems_of(buffer.getvalue())
    assert problem.sheet == FILE_SHEET and "terlalu besar" in problem.message


@pytest.mark.parametrize("seed", range(12))
def test_random_bytes_never_raise(seed: int) -> None:
    rng = random.Random(seed)
    content = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 4000)))
    if seed % 2:
        content = b"PK\x03\x04" + content
    found = problems_of(content)
    assert all(p.sheet == FILE_SHEET for p in found)


@pytest.mark.parametrize("seed", range(8))
def test_damaged_template_never_raises(seed: int) -> None:
    rng = random.Random(seed)
    damaged = bytearray(CONTENT)
    for _ in range(rng.randrange(1, 20)):
        damaged[rng.randrange(len(damaged))] = rng.randrange(256)
    result = read(bytes(damaged))
    assert isinstance(result, dict | list)
    if isinstance(result, list):
        assert result and all(isinstance(p, Problem) for p in result)


def test_five_thousand_rows_read_back() -> None:
    codes = [a.code for a in PLAN.areas]
    rows = [
        MappingRow(
            str(10_000_000 + n),
            f"Paket nomor {n} untuk pengadaan barang dan jasa",
            f"Satuan Kerja {n % 40}",
            1_000_000 * (n + 1),
            "Tender",
            codes[n % len(codes)] if n % 3 else None,
        )
        for n in range(5000)
    ]
    content = mapping_workbook(rows, PLAN, title=TITLE)
    # (No time bound: a timed test fails on a busy machine and measures nothing.)
    result = read_mapping_workbook(content, plan=PLAN, known_kode_rup=[r.kode_rup for r in rows])
    assert result == {r.kode_rup: r.area_code for r in rows}
