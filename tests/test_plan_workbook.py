"""The plan workbook: what the template looks like, the round trip, and every broken workbook
people may send back (each must give a problem pointing at sheet, row and column)."""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from bot.planning.documents.workbook import (
    FILE_SHEET,
    MAX_ROWS,
    MAX_WORKBOOK_BYTES,
    TEMPLATE_VERSION,
    plan_workbook,
    read_plan_workbook,
)
from bot.planning.rules.changes import Change, ChangeKind, diff
from bot.planning.rules.example import example_plan
from bot.planning.rules.model import (
    ActionPlan,
    ActionStatus,
    Area,
    Category,
    FormulaInput,
    Frequency,
    Indicator,
    InputKind,
    Objective,
    Plan,
    Polarity,
)
from bot.planning.rules.validation import Problem, problems

YEAR = 2027
TITLE = "Rencana Kinerja UKPBJ Kabupaten Jayawijaya 2027"
UNEXPECTED = "tidak terduga"  # the message of read_plan_workbook's last-resort catch

PLAN = example_plan(YEAR)
CONTENT = plan_workbook(PLAN, title=TITLE)

HEADERS = {
    "Tujuan": ["Kode", "Tujuan PBJ"],
    "Area": ["Kode", "Nama Area Strategis", "Kategori Pengukuran", "Kode Tujuan"],
    "Indikator": [
        "Kode",
        "Kode Area",
        "Nama Indikator",
        "Definisi",
        "Rumus",
        "Satuan",
        "Polaritas",
        "Frekuensi Pemantauan",
        "Frekuensi Pelaporan",
        "Sumber Data",
        "Unit PIC",
        "Bukti Dukung",
        "Baseline",
        "Tahun Baseline",
        "Target Tahunan",
    ],
    "Input Rumus": ["Kode Indikator", "Nama Input", "Keterangan", "Jenis"],
    "Target": ["Kode Indikator", "Periode", "Label Periode", "Target"],
    "Rencana Aksi": [
        "Kode Indikator",
        "No",
        "Kegiatan",
        "Keluaran",
        "Mulai",
        "Selesai",
        "Unit PIC",
        "Status",
    ],
}

# --------------------------------------------------------------------------- helpers


def _open(content: bytes) -> Any:
    return load_workbook(io.BytesIO(content))


def _save(workbook: Any) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def edited(change: Callable[[Any], object], content: bytes = CONTENT) -> bytes:
    """The template after ``change`` was applied to it with openpyxl."""
    workbook = _open(content)
    change(workbook)
    return _save(workbook)


def column(sheet: Any, header: str) -> int:
    for cell in sheet[1]:
        if cell.value == header:
            return int(cell.column)
    raise AssertionError(f"no column {header} in {sheet.title}")


def row_where(sheet: Any, **values: object) -> int:
    """The first row whose cells have the given values (keys are headers, spaces as _)."""
    wanted = {column(sheet, name.replace("_", " ")): value for name, value in values.items()}
    for number in range(2, sheet.max_row + 1):
        if all(sheet.cell(number, index).value == value for index, value in wanted.items()):
            return number
    raise AssertionError(f"no row with {values} in {sheet.title}")


def append(sheet: Any, values: list[Any]) -> int:
    """Write values in the first empty row below the data (the template has styled empty
    rows, so openpyxl's own append would write far below)."""
    number = 2
    while any(c.value not in (None, "") for c in sheet[number]):
        number += 1
    for index, value in enumerate(values, start=1):
        sheet.cell(number, index).value = value
    return number


def put(
    workbook: Any, sheet_name: str, where: Mapping[str, object], header: str, value: object
) -> int:
    sheet = workbook[sheet_name]
    number = row_where(sheet, **where)
    sheet.cell(number, column(sheet, header)).value = value
    return number


def plan_of(content: bytes) -> Plan:
    result = read_plan_workbook(content, year=YEAR)
    assert isinstance(result, Plan), result
    assert problems(result) == []
    return result


def problems_of(content: bytes, year: int = YEAR) -> list[Problem]:
    result = read_plan_workbook(content, year=year)
    assert isinstance(result, list), "expected problems, got a plan"
    assert result, "expected at least one problem"
    assert all(isinstance(p, Problem) for p in result)
    assert not any(UNEXPECTED in p.message for p in result), result
    return result


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _with_cached_value(content: bytes, formula: str, cached: str) -> bytes:
    """Add the value Excel would have stored for a formula cell (openpyxl stores none)."""
    pattern = re.compile(rb"(<f>" + re.escape(formula.encode()) + rb"</f>)(<v\s*/>|<v></v>)?")
    source = zipfile.ZipFile(io.BytesIO(content))
    entries = {}
    hits = 0
    for info in source.infolist():
        data = source.read(info.filename)
        data, count = pattern.subn(rb"\1<v>" + cached.encode() + rb"</v>", data)
        hits += count
        entries[info.filename] = data
    assert hits == 1
    return _zip(entries)


# --------------------------------------------------------------------------- the template


def test_example_plan_round_trips() -> None:
    result = plan_of(CONTENT)
    assert result == PLAN
    assert diff(PLAN, result) == []


def test_empty_plan_round_trips() -> None:
    empty = Plan(year=YEAR)
    assert read_plan_workbook(plan_workbook(empty, title="Rencana kosong"), year=YEAR) == empty


def test_plan_with_every_value_kind_round_trips() -> None:
    plan = Plan(
        year=YEAR,
        objectives=(Objective("T1", "Tujuan dengan\nbaris kedua"),),
        areas=(Area("A1", "Area", Category.LAINNYA, "T1"),),
        indicators=(
            Indicator(
                code="IKU-01",
                area_code="A1",
                name="Nilai belanja",
                inputs=(FormulaInput("nilai", "Nilai", InputKind.YA_TIDAK),),
                formula="nilai",
                unit="Rp",
                polarity=Polarity.TURUN,
                monitoring_frequency=Frequency.BULANAN,
                reporting_frequency=Frequency.BULANAN,
                baseline_value=1_250_000_000.5,
                baseline_year=YEAR - 2,
                annual_target=1_200_000_000,
                period_targets=tuple(100_000_000.0 * n for n in range(1, 13)),
            ),
            Indicator(code="IKU-02", area_code="A1", name="Belum lengkap"),
        ),
        actions=(
            ActionPlan("IKU-01", 1, "Kegiatan", status=ActionStatus.TERTUNDA),
            ActionPlan("IKU-01", 2, "Lain", start=date(YEAR, 1, 1), end=date(YEAR, 12, 31)),
        ),
    )
    assert problems(plan) == []
    assert read_plan_workbook(plan_workbook(plan, title="x"), year=YEAR) == plan


def test_template_sheets_headers_and_layout() -> None:
    workbook = _open(CONTENT)
    assert workbook.sheetnames == ["Petunjuk", *HEADERS]
    for name, headers in HEADERS.items():
        sheet = workbook[name]
        assert [c.value for c in sheet[1]] == headers, name
        assert sheet.freeze_panes == "A2", name
        assert sheet.protection.sheet, name
        header = sheet["A1"]
        assert header.font.bold and header.fill.fill_type == "solid", name
        assert header.protection.locked, name
        # Data cells are editable, and so is every further row (the columns' style).
        assert not sheet["A2"].protection.locked, name
        for letter in "ABCDEFGHIJKLMNO"[: len(headers)]:
            assert not sheet.column_dimensions[letter].protection.locked, (name, letter)
        assert sheet.column_dimensions["Z"].protection.locked, name
        assert sheet.column_dimensions["A"].width >= 6, name


def test_template_holds_the_plan_as_typed_cells() -> None:
    workbook = _open(CONTENT)
    indicators = workbook["Indikator"]
    number = row_where(indicators, Kode="IKU-03")
    assert indicators.cell(number, column(indicators, "Baseline")).value == 6.5
    assert indicators.cell(number, column(indicators, "Tahun Baseline")).value == YEAR - 1
    assert indicators.cell(number, column(indicators, "Target Tahunan")).value == 8
    targets = workbook["Target"]
    number = row_where(targets, Kode_Indikator="IKU-06", Periode=2)
    assert targets.cell(number, column(targets, "Label Periode")).value == "Semester II"
    assert targets.cell(number, column(targets, "Target")).value == 40
    actions = workbook["Rencana Aksi"]
    start = actions.cell(row_where(actions, Kode_Indikator="IKU-01", No=1), 5)
    assert start.is_date and start.value == datetime(YEAR, 1, 15)


def test_template_guide_has_version_year_and_instructions() -> None:
    guide = _open(CONTENT)["Petunjuk"]
    cells = {
        (c.row, c.column): c.value for row in guide.iter_rows() for c in row if c.value is not None
    }
    labels = {value: (r, c) for (r, c), value in cells.items()}
    r, c = labels["Versi template"]
    assert cells[(r, c + 1)] == TEMPLATE_VERSION
    r, c = labels["Tahun rencana"]
    assert cells[(r, c + 1)] == YEAR
    assert cells[(1, 1)] == TITLE
    text = " ".join(str(v) for v in cells.values())
    for needed in ("/rencana", "60,5", "1.250.000", "Semakin rendah semakin baik", "triwulanan"):
        assert needed in text, needed
    # How numbers are read: decimals, the ambiguous 1.234, percentages and Rupiah.
    for needed in ("koma menandai desimal", "1.234", "1,2340", "Satuan %: ketik 75", "1,25 M"):
        assert needed in text, needed
    for name in HEADERS:
        assert name in text


def _validation_for(sheet: Any, cell: str) -> Any:
    matching = [dv for dv in sheet.data_validations.dataValidation if cell in dv.sqref]
    assert len(matching) == 1, (sheet.title, cell)
    return matching[0]


def test_template_drop_down_lists() -> None:
    workbook = _open(CONTENT)
    indicators = workbook["Indikator"]
    polarity = _validation_for(indicators, "G2")
    assert polarity.type == "list"
    assert polarity.formula1 == '"Semakin tinggi semakin baik,Semakin rendah semakin baik"'
    assert "G500" in polarity.sqref and "F2" not in polarity.sqref
    assert _validation_for(indicators, "F2").formula1 == '"%,hari,Rp,jumlah,indeks,skor"'
    assert _validation_for(indicators, "I300").formula1 == '"bulanan,triwulanan,semester,tahunan"'
    area_code = _validation_for(indicators, "B2").formula1
    assert re.fullmatch(r"'?Area'?!\$A\$2:\$A\$\d+", area_code)
    assert int(area_code.rsplit("$", 1)[1]) >= 500
    assert "Tujuan" in _validation_for(workbook["Area"], "D2").formula1
    assert "Ketepatan Waktu" in _validation_for(workbook["Area"], "C2").formula1
    assert "ya/tidak" in _validation_for(workbook["Input Rumus"], "D2").formula1
    assert "Indikator" in _validation_for(workbook["Target"], "A2").formula1
    assert "belum mulai" in _validation_for(workbook["Rencana Aksi"], "H2").formula1
    assert "Indikator" in _validation_for(workbook["Rencana Aksi"], "A2").formula1


# --------------------------------------------------------------------------- one change


def _edit_target(workbook: Any) -> None:
    put(workbook, "Target", {"Kode_Indikator": "IKU-01", "Periode": 2}, "Target", 44)


def _add_indicator(workbook: Any) -> None:
    sheet = workbook["Indikator"]
    append(sheet, ["IKU-09", "A1", "Indikator baru"])


def _remove_action(workbook: Any) -> None:
    sheet = workbook["Rencana Aksi"]
    sheet.delete_rows(row_where(sheet, Kode_Indikator="IKU-01", No=2))


def _rename_objective(workbook: Any) -> None:
    put(workbook, "Tujuan", {"Kode": "T2"}, "Tujuan PBJ", "  Tujuan baru  ")


def _add_action_without_number(workbook: Any) -> None:
    append(workbook["Rencana Aksi"], [" IKU-04 ", None, "Kegiatan tambahan"])


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (_edit_target, Change("indikator", "IKU-01", ChangeKind.CHANGED, ("target periode",))),
        (_add_indicator, Change("indikator", "IKU-09", ChangeKind.ADDED)),
        (_remove_action, Change("rencana aksi", "IKU-01/2", ChangeKind.REMOVED)),
        (_rename_objective, Change("tujuan", "T2", ChangeKind.CHANGED, ("tujuan",))),
        (_add_action_without_number, Change("rencana aksi", "IKU-04/3", ChangeKind.ADDED)),
    ],
    ids=["target", "indicator-added", "action-removed", "objective", "action-numbered"],
)
def test_one_change_is_the_only_difference(change: Callable[[Any], None], expected: Change) -> None:
    assert diff(PLAN, plan_of(edited(change))) == [expected]


def test_added_action_gets_defaults() -> None:
    action = plan_of(edited(_add_action_without_number)).actions[-1]
    assert action == ActionPlan("IKU-04", 3, "Kegiatan tambahan")


# --------------------------------------------------------------------------- accepted variations


def _move_columns(workbook: Any) -> None:
    """Reverse the column order of the indicator and action sheets."""
    for name in ("Indikator", "Rencana Aksi"):
        sheet = workbook[name]
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        for number, values in enumerate(rows, start=1):
            for index, value in enumerate(reversed(values), start=1):
                sheet.cell(number, index).value = value


def _blank_rows(workbook: Any) -> None:
    for name in HEADERS:
        sheet = workbook[name]
        sheet.insert_rows(3, 2)
        sheet.cell(4, 1).value = "   "  # only spaces: blank too
        sheet.cell(sheet.max_row + 3, 2).value = ""


def _extra_column_and_spaces(workbook: Any) -> None:
    sheet = workbook["Indikator"]
    sheet.cell(1, 20).value = "Catatan"
    sheet.cell(2, 20).value = "kolom tambahan diabaikan"
    sheet.cell(2, 1).value = "  IKU-01 "
    put(workbook, "Target", {"Kode_Indikator": "IKU-05", "Periode": 1}, "Kode Indikator", "IKU-05 ")


@pytest.mark.parametrize(
    "change",
    [_move_columns, _blank_rows, _extra_column_and_spaces],
    ids=["moved-columns", "blank-rows", "extra-column-and-spaces"],
)
def test_layout_variations_read_as_the_same_plan(change: Callable[[Any], None]) -> None:
    assert plan_of(edited(change)) == PLAN


def test_numbers_typed_as_indonesian_text() -> None:
    def change(workbook: Any) -> None:
        put(workbook, "Indikator", {"Kode": "IKU-04"}, "Target Tahunan", "60,5")
        put(workbook, "Indikator", {"Kode": "IKU-04"}, "Baseline", "1.250.000")
        put(workbook, "Target", {"Kode_Indikator": "IKU-04", "Periode": 1}, "Target", " 60,5 ")
        put(workbook, "Rencana Aksi", {"Kode_Indikator": "IKU-05"}, "Mulai", "01/02/2027")

    plan = plan_of(edited(change))
    indicator = plan.indicator("IKU-04")
    assert indicator is not None
    assert indicator.annual_target == 60.5
    assert indicator.baseline_value == 1_250_000
    assert indicator.period_targets == (60.5, 60, 60, 60)
    assert plan.actions_of("IKU-05")[0].start == date(YEAR, 2, 1)


def test_formula_cell_with_stored_value_is_read() -> None:
    content = edited(
        lambda wb: put(wb, "Indikator", {"Kode": "IKU-02"}, "Target Tahunan", "=80+10")
    )
    indicator = plan_of(_with_cached_value(content, "80+10", "90")).indicator("IKU-02")
    assert indicator is not None and indicator.annual_target == 90


def test_empty_annual_target_is_incomplete_not_wrong() -> None:
    content = edited(lambda wb: put(wb, "Indikator", {"Kode": "IKU-02"}, "Target Tahunan", None))
    indicator = plan_of(content).indicator("IKU-02")
    assert indicator is not None
    assert indicator.annual_target is None
    assert indicator.period_targets == (85, 85, 85, 85)


def test_period_targets_are_derived_when_the_target_sheet_has_none() -> None:
    def change(workbook: Any) -> None:
        sheet = workbook["Target"]
        sheet.delete_rows(2, sheet.max_row)
        put(workbook, "Indikator", {"Kode": "IKU-02"}, "Target Tahunan", 90)

    plan = plan_of(edited(change))
    assert diff(PLAN, plan) == [
        Change("indikator", "IKU-02", ChangeKind.CHANGED, ("target tahunan", "target periode"))
    ]
    indicator = plan.indicator("IKU-02")
    assert indicator is not None and indicator.period_targets == (90, 90, 90, 90)


def test_cumulative_targets_are_derived_for_amounts() -> None:
    plan = Plan(
        year=YEAR,
        objectives=(Objective("T1", "Tujuan"),),
        areas=(Area("A1", "Area", Category.LAINNYA, "T1"),),
        indicators=(
            Indicator(
                "IKU-01",
                "A1",
                "Nilai",
                unit="Rp",
                reporting_frequency=Frequency.SEMESTER,
                annual_target=1_000_000,
            ),
        ),
    )
    indicator = plan_of(plan_workbook(plan, title="x")).indicator("IKU-01")
    assert indicator is not None and indicator.period_targets == (500_000, 1_000_000)


# --------------------------------------------------------------------------- broken workbooks


@dataclass(frozen=True)
class Broken:
    """A broken workbook and the problem it must give (message and hint are substrings)."""

    name: str
    build: Callable[[], bytes]
    sheet: str
    message: str
    row: int | None = None
    column: str = ""
    hint: str = ""
    only: bool = False  # the only problem reported


def _change(change: Callable[[Any], object]) -> Callable[[], bytes]:
    return lambda: edited(change)


def _ods() -> bytes:
    return _zip(
        {
            "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
            "content.xml": b"<office:document-content/>",
        }
    )


def _zip_bomb() -> bytes:
    entries = {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}
    entries["xl/media/image1.bin"] = bytes(51 * 1024 * 1024)
    content = _zip(entries)
    assert len(content) < MAX_WORKBOOK_BYTES
    return content


def _foreign_workbook() -> bytes:
    workbook = Workbook()
    workbook.active.title = "Sheet1"
    workbook.active["A1"] = "Paket"
    return _save(workbook)


def _too_many_rows(workbook: Any) -> None:
    workbook["Target"].cell(MAX_ROWS + 10, 1).value = "IKU-01"


def _delete_sheet(workbook: Any) -> None:
    del workbook["Area"]


def _version(value: object) -> Callable[[Any], None]:
    def change(workbook: Any) -> None:
        workbook["Petunjuk"]["B3"] = value

    return change


def _no_version(workbook: Any) -> None:
    workbook["Petunjuk"]["A3"] = None
    workbook["Petunjuk"]["B3"] = None


def _year(workbook: Any) -> None:
    workbook["Petunjuk"]["B4"] = YEAR - 1


def _rename_header(workbook: Any) -> None:
    sheet = workbook["Indikator"]
    sheet.cell(1, column(sheet, "Polaritas")).value = "Arah"


def _merge(workbook: Any) -> None:
    workbook["Indikator"].merge_cells("C3:D3")


def _indicator(code: str, header: str, value: object) -> Callable[[Any], int]:
    return lambda wb: put(wb, "Indikator", {"Kode": code}, header, value)


def _target(code: str, period: int, header: str, value: object) -> Callable[[Any], int]:
    return lambda wb: put(wb, "Target", {"Kode_Indikator": code, "Periode": period}, header, value)


def _duplicate_indicator(workbook: Any) -> None:
    sheet = workbook["Indikator"]
    values = [c.value for c in sheet[2]]
    values[2] = "Salinan indikator pertama"
    append(sheet, values)


def _drop_target(workbook: Any) -> None:
    sheet = workbook["Target"]
    sheet.delete_rows(row_where(sheet, Kode_Indikator="IKU-01", Periode=4))


def _action(code: str, number: int, header: str, value: object) -> Callable[[Any], int]:
    return lambda wb: put(wb, "Rencana Aksi", {"Kode_Indikator": code, "No": number}, header, value)


def _input(code: str, name: str, header: str, value: object) -> Callable[[Any], int]:
    where = {"Kode_Indikator": code, "Nama_Input": name}
    return lambda wb: put(wb, "Input Rumus", where, header, value)


# Rows of the example plan in the template (checked by test_corpus_rows_are_right).
IKU02_ROW, IKU03_ROW, IKU04_ROW = 3, 4, 5
IKU01_P2_ROW, IKU01_P1_ROW = 3, 2

BROKEN = [
    Broken("empty", lambda: b"", FILE_SHEET, "berkas kosong", only=True),
    Broken("spaces", lambda: b"  \n ", FILE_SHEET, "berkas kosong", only=True),
    Broken("pdf", lambda: b"%PDF-1.7\n%\xe2\xe3\n1 0 obj", FILE_SHEET, "bukan berkas Excel .xlsx"),
    Broken(
        "xls",
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
        FILE_SHEET,
        "Excel lama (.xls)",
        hint=".xlsx",
        only=True,
    ),
    Broken(
        "garbage", lambda: b"Halo, ini bukan tabel\x00\x01\x02", FILE_SHEET, "bukan berkas Excel"
    ),
    Broken("other-zip", lambda: _zip({"a.txt": b"halo"}), FILE_SHEET, "bukan berkas Excel .xlsx"),
    Broken("ods", _ods, FILE_SHEET, "OpenDocument (.ods)", hint=".xlsx"),
    Broken("truncated", lambda: CONTENT[: len(CONTENT) // 2], FILE_SHEET, "rusak"),
    Broken(
        "too-big",
        lambda: b"PK" + bytes(MAX_WORKBOOK_BYTES),
        FILE_SHEET,
        "terlalu besar",
        hint="5 MB",
    ),
    Broken("zip-bomb", _zip_bomb, FILE_SHEET, "terlalu besar setelah dibuka", only=True),
    Broken("foreign-workbook", _foreign_workbook, FILE_SHEET, "bukan template rencana", only=True),
    Broken(
        "missing-sheet", _change(_delete_sheet), "Area", "lembar Area tidak ditemukan", only=True
    ),
    Broken(
        "old-version",
        _change(_version("rencana-v0")),
        "Petunjuk",
        "versi template rencana-v0 tidak dikenal",
        row=3,
        column="Versi template",
        hint="/rencana",
        only=True,
    ),
    Broken(
        "no-version",
        _change(_no_version),
        "Petunjuk",
        "penanda versi template tidak ditemukan",
        column="Versi template",
        only=True,
    ),
    Broken(
        "other-year",
        _change(_year),
        "Petunjuk",
        f"rencana tahun {YEAR - 1}, sedangkan yang disusun tahun {YEAR}",
        row=4,
        column="Tahun rencana",
        only=True,
    ),
    Broken(
        "renamed-column",
        _change(_rename_header),
        "Indikator",
        "kolom Polaritas tidak ditemukan",
        row=1,
        column="Polaritas",
        hint="«Polaritas»",
        only=True,
    ),
    Broken(
        "merged-cells",
        _change(_merge),
        "Indikator",
        "sel C3:D3 digabung",
        row=3,
        column="Nama Indikator",
        hint="Unmerge",
        only=True,
    ),
    Broken(
        "too-many-rows",
        _change(_too_many_rows),
        "Target",
        f"paling banyak {MAX_ROWS} baris",
        only=True,
    ),
    Broken(
        "text-in-number",
        _change(_target("IKU-01", 2, "Target", "enam puluh")),
        "Target",
        "enam puluh bukan angka",
        row=IKU01_P2_ROW,
        column="Target",
        hint="60,5",
        only=True,
    ),
    Broken(
        "formula-unknown-input",
        _change(_indicator("IKU-03", "Rumus", "(total_hps - nilai_kontrak) / total_hps * 100")),
        "Indikator",
        "rumus memakai input «nilai_kontrak» yang tidak ada",
        row=IKU03_ROW,
        column="Rumus",
        hint="Input Rumus",
    ),
    Broken(
        "formula-syntax",
        _change(_indicator("IKU-03", "Rumus", "total_hps / (total_nilai_kontrak")),
        "Indikator",
        "rumus tidak dapat dibaca",
        row=IKU03_ROW,
        column="Rumus",
    ),
    Broken(
        "unknown-area",
        _change(_indicator("IKU-03", "Kode Area", "A9")),
        "Indikator",
        "area A9 tidak ada",
        row=IKU03_ROW,
        column="Kode Area",
        only=True,
    ),
    Broken(
        "duplicate-indicator",
        _change(_duplicate_indicator),
        "Indikator",
        "kode IKU-01 dipakai 2 kali (baris 2, 10)",
        row=10,
        column="Kode",
        only=True,
    ),
    Broken(
        "bad-polarity",
        _change(_indicator("IKU-02", "Polaritas", "naik turun")),
        "Indikator",
        "naik turun tidak dikenal",
        row=IKU02_ROW,
        column="Polaritas",
        hint="Semakin tinggi semakin baik",
        only=True,
    ),
    Broken(
        "bad-frequency",
        _change(_indicator("IKU-04", "Frekuensi Pelaporan", "mingguan")),
        "Indikator",
        "mingguan tidak dikenal",
        row=IKU04_ROW,
        column="Frekuensi Pelaporan",
        hint="triwulanan",
        only=True,
    ),
    Broken(
        "monitoring-rarer-than-reporting",
        _change(_indicator("IKU-04", "Frekuensi Pemantauan", "tahunan")),
        "Indikator",
        "pemantauan tahunan lebih jarang dari pelaporan triwulanan",
        row=IKU04_ROW,
        column="Frekuensi Pemantauan",
        only=True,
    ),
    Broken(
        "target-count",
        _change(_drop_target),
        "Target",
        "frekuensi triwulanan punya 4 periode, target yang diisi 3",
        row=IKU01_P1_ROW,
        column="Periode",
        only=True,
    ),
    Broken(
        "frequency-changed-targets-not",
        _change(_indicator("IKU-01", "Frekuensi Pelaporan", "semester")),
        "Target",
        "periode 3 di luar 1 sampai 2",
        row=4,
        column="Periode",
    ),
    Broken(
        "targets-without-frequency",
        _change(_indicator("IKU-08", "Frekuensi Pelaporan", None)),
        "Target",
        "ada target periode tetapi frekuensi pelaporan kosong",
        row=26,
        column="Target",
        only=True,
    ),
    Broken(
        "empty-indicator-code",
        _change(_indicator("IKU-08", "Kode", "  ")),
        "Indikator",
        "kode kosong",
        row=9,
        column="Kode",
    ),
    Broken(
        "missing-target",
        _change(_target("IKU-01", 2, "Target", None)),
        "Target",
        "target periode 2 kosong",
        row=IKU01_P2_ROW,
        column="Target",
        only=True,
    ),
    Broken(
        "missing-period",
        _change(_target("IKU-01", 2, "Periode", None)),
        "Target",
        "periode kosong",
        row=IKU01_P2_ROW,
        column="Periode",
        only=True,
    ),
    Broken(
        "duplicate-period",
        _change(_target("IKU-01", 2, "Periode", 1)),
        "Target",
        "periode 1 indikator IKU-01 sudah ada di baris 2",
        row=IKU01_P2_ROW,
        column="Periode",
        only=True,
    ),
    Broken(
        "target-of-unknown-indicator",
        _change(_target("IKU-01", 2, "Kode Indikator", "IKU-99")),
        "Target",
        "indikator IKU-99 tidak ada di lembar Indikator",
        row=IKU01_P2_ROW,
        column="Kode Indikator",
    ),
    Broken(
        "formula-without-value",
        _change(_target("IKU-01", 2, "Target", "=50+10")),
        "Target",
        "rumus Excel tanpa nilai tersimpan",
        row=IKU01_P2_ROW,
        column="Target",
        hint="ketik",
        only=True,
    ),
    Broken(
        "negative-percentage",
        _change(_indicator("IKU-04", "Target Tahunan", "-5")),
        "Indikator",
        "persentase tidak boleh negatif",
        row=IKU04_ROW,
        column="Target Tahunan",
    ),
    Broken(
        "bad-unit",
        _change(_indicator("IKU-04", "Satuan", "kg")),
        "Indikator",
        "satuan kg tidak dikenal",
        row=IKU04_ROW,
        column="Satuan",
        only=True,
    ),
    Broken(
        "date-in-number",
        _change(_indicator("IKU-04", "Baseline", datetime(YEAR, 5, 1))),
        "Indikator",
        "sel berisi tanggal",
        row=IKU04_ROW,
        column="Baseline",
        only=True,
    ),
    Broken(
        "baseline-after-plan-year",
        _change(_indicator("IKU-04", "Tahun Baseline", YEAR + 1)),
        "Indikator",
        f"tahun baseline {YEAR + 1} sesudah tahun rencana {YEAR}",
        row=IKU04_ROW,
        column="Tahun Baseline",
        only=True,
    ),
    Broken(
        "bad-input-name",
        _change(_input("IKU-04", "total_pagu", "Nama Input", "Total Pagu")),
        "Input Rumus",
        "nama input «Total Pagu» tidak sah",
        row=9,
        column="Nama Input",
    ),
    Broken(
        "empty-input-kind",
        _change(_input("IKU-04", "total_pagu", "Jenis", None)),
        "Input Rumus",
        "jenis kosong",
        row=9,
        column="Jenis",
        only=True,
    ),
    Broken(
        "bad-input-kind",
        _change(_input("IKU-04", "total_pagu", "Jenis", "uang")),
        "Input Rumus",
        "uang tidak dikenal",
        row=9,
        column="Jenis",
        only=True,
    ),
    Broken(
        "bad-category",
        _change(lambda wb: put(wb, "Area", {"Kode": "A2"}, "Kategori Pengukuran", "Biaya")),
        "Area",
        "Biaya tidak dikenal",
        row=3,
        column="Kategori Pengukuran",
        only=True,
    ),
    Broken(
        "unknown-objective",
        _change(lambda wb: put(wb, "Area", {"Kode": "A2"}, "Kode Tujuan", "T3")),
        "Area",
        "tujuan T3 tidak ada",
        row=3,
        column="Kode Tujuan",
        only=True,
    ),
    Broken(
        "empty-objective",
        _change(lambda wb: put(wb, "Tujuan", {"Kode": "T2"}, "Tujuan PBJ", "   ")),
        "Tujuan",
        "tujuan kosong",
        row=3,
        column="Tujuan PBJ",
        only=True,
    ),
    Broken(
        "action-case-sensitive-code",
        _change(_action("IKU-01", 2, "Kode Indikator", "iku-01")),
        "Rencana Aksi",
        "indikator iku-01 tidak ada",
        row=3,
        column="Kode Indikator",
        only=True,
    ),
    Broken(
        "action-bad-date",
        _change(_action("IKU-01", 2, "Mulai", "awal Maret")),
        "Rencana Aksi",
        "awal Maret bukan tanggal",
        row=3,
        column="Mulai",
        hint="31/03/2027",
        only=True,
    ),
    Broken(
        "action-other-year",
        _change(_action("IKU-01", 2, "Selesai", date(YEAR + 1, 2, 1))),
        "Rencana Aksi",
        f"di luar tahun {YEAR}",
        row=3,
        column="Selesai",
        only=True,
    ),
    Broken(
        "action-bad-number",
        _change(_action("IKU-01", 2, "No", "dua")),
        "Rencana Aksi",
        "dua bukan angka",
        row=3,
        column="No",
        only=True,
    ),
    Broken(
        "action-duplicate-number",
        _change(_action("IKU-01", 2, "No", 1)),
        "Rencana Aksi",
        "rencana aksi IKU-01 no. 1 ganda",
        row=3,
        column="No",
        only=True,
    ),
    Broken(
        "action-bad-status",
        _change(_action("IKU-01", 2, "Status", "hampir")),
        "Rencana Aksi",
        "hampir tidak dikenal",
        row=3,
        column="Status",
        only=True,
    ),
]


@pytest.mark.parametrize("case", BROKEN, ids=[case.name for case in BROKEN])
def test_broken_workbook_gives_a_pointed_problem(case: Broken) -> None:
    found = problems_of(case.build())
    matching = [
        p
        for p in found
        if p.sheet == case.sheet
        and case.message in p.message
        and p.row == case.row
        and p.column == case.column
        and case.hint in p.hint
    ]
    assert matching, found
    if case.only:
        assert len(found) == 1, found


def test_corpus_rows_are_right() -> None:
    """The row numbers the corpus expects are where those things are in the template."""
    workbook = _open(CONTENT)
    indicators, targets = workbook["Indikator"], workbook["Target"]
    assert row_where(indicators, Kode="IKU-02") == IKU02_ROW
    assert row_where(indicators, Kode="IKU-03") == IKU03_ROW
    assert row_where(indicators, Kode="IKU-04") == IKU04_ROW
    assert row_where(targets, Kode_Indikator="IKU-01", Periode=1) == IKU01_P1_ROW
    assert row_where(targets, Kode_Indikator="IKU-01", Periode=2) == IKU01_P2_ROW
    assert row_where(workbook["Input Rumus"], Nama_Input="total_pagu") == 9
    assert row_where(workbook["Rencana Aksi"], Kode_Indikator="IKU-01", No=2) == 3


def test_every_problem_of_a_workbook_is_reported_at_once() -> None:
    def change(workbook: Any) -> None:
        _indicator("IKU-02", "Polaritas", "naik turun")(workbook)
        _target("IKU-05", 1, "Target", "delapan")(workbook)
        _action("IKU-08", 1, "Kegiatan", None)(workbook)

    found = problems_of(edited(change))
    assert [(p.sheet, p.column) for p in found] == [
        ("Indikator", "Polaritas"),
        ("Target", "Target"),
        ("Rencana Aksi", "Kegiatan"),
    ]
    assert all(p.row is not None and p.message and p.hint for p in found)


def test_workbook_for_another_year_is_refused_by_the_caller_year() -> None:
    found = problems_of(CONTENT, year=YEAR + 1)
    assert [(p.sheet, p.column) for p in found] == [("Petunjuk", "Tahun rencana")]


# --------------------------------------------------------------------------- never a crash


@pytest.mark.parametrize("seed", range(6))
def test_random_bytes_give_problems(seed: int) -> None:
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
    result = read_plan_workbook(bytes(damaged), year=YEAR)
    if isinstance(result, Plan):
        assert problems(result) == []
    else:
        assert result and all(isinstance(p, Problem) for p in result)
        assert not any(UNEXPECTED in p.message for p in result), result


def test_damaged_sheet_xml_never_raises() -> None:
    source = zipfile.ZipFile(io.BytesIO(CONTENT))
    entries = {i.filename: source.read(i.filename) for i in source.infolist()}
    entries["xl/worksheets/sheet4.xml"] = entries["xl/worksheets/sheet4.xml"][:-500]
    found = problems_of(_zip(entries))
    assert "tidak dapat dibaca" in found[0].message


def test_validation_problems_point_at_each_row() -> None:
    plan = replace(PLAN, actions=())
    found = problems_of(
        edited(lambda wb: wb["Tujuan"].delete_rows(2, 2), plan_workbook(plan, title="x"))
    )
    assert {(p.sheet, p.message) for p in found} == {
        ("Area", "tujuan T1 tidak ada"),
        ("Area", "tujuan T2 tidak ada"),
    }
    assert sorted(p.row for p in found if p.row is not None) == [2, 3, 4, 5]
