"""Reading a filled Template Data Kinerja back (bot.reporting.workbook)."""

from __future__ import annotations

import dataclasses
import io
import random
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from bot.planning.documents.data_template import (
    FIRST_DATA_ROW,
    KEY_ROW,
    PERIOD_CELL,
    SHEET_ACTIONS,
    SHEET_GUIDE,
    SHEET_ISSUES,
    SHEET_PACKAGES,
    VERSION_CELL,
    PackageRow,
    performance_data_template,
)
from bot.planning.documents.workbook import FILE_SHEET, MAX_WORKBOOK_BYTES, plan_workbook
from bot.planning.rules.example import example_plan
from bot.planning.rules.model import (
    ActionStatus,
    FormulaInput,
    Frequency,
    Indicator,
    InputKind,
    Plan,
    Polarity,
)
from bot.planning.rules.validation import Problem
from bot.reporting.rules import ReportingPeriod, reporting_periods
from bot.reporting.workbook import (
    ActionProgress,
    DataReport,
    PackageReport,
    read_data_template,
)

UNIT = "Dinas Kesehatan"
KNOWN = frozenset({"41234567", "41234568", "41234569"})


def _plan(year: int = 2027) -> Plan:
    """The example plan plus a quarterly indicator with date, yes/no and percent inputs."""
    plan = example_plan(year)
    extra = Indicator(
        code="IKU-09",
        area_code="A1",
        name="Kontrak ditandatangani tepat waktu",
        inputs=(
            FormulaInput("tanggal_kontrak", "Tanggal kontrak", InputKind.TANGGAL),
            FormulaInput("sudah_tayang", "Produk sudah tayang", InputKind.YA_TIDAK),
            FormulaInput("persen_realisasi", "Persentase realisasi", InputKind.PERSEN),
        ),
        formula="persen_realisasi",
        unit="%",
        polarity=Polarity.NAIK,
        monitoring_frequency=Frequency.TRIWULANAN,
        reporting_frequency=Frequency.TRIWULANAN,
    )
    return dataclasses.replace(plan, indicators=(*plan.indicators, extra))


PLAN = _plan()
PERIODS = {p.key: p for p in reporting_periods(PLAN, year=2027, zone=ZoneInfo("Asia/Jakarta"))}
TW1 = PERIODS["triwulanan-1"]
TW2 = PERIODS["triwulanan-2"]
PACKAGES = [
    PackageRow("41234567", "Pengadaan alat kesehatan puskesmas", 1_500_000_000, "A1"),
    PackageRow("41234568", "Jasa kebersihan gedung", 250_000_000, "A2"),
]


def _template(
    plan: Plan = PLAN, *, unit: str | None = UNIT, period: str | None = TW1.label
) -> bytes:
    return performance_data_template(plan, unit_name=unit, period_label=period, packages=PACKAGES)


def _column(sheet: Any, key: str) -> int:
    for cell in sheet[KEY_ROW]:
        if cell.value == key:
            return int(cell.column)
    raise AssertionError(f"no column {key}")


def _put(sheet: Any, row: int, key: str, value: object) -> None:
    sheet.cell(row=row, column=_column(sheet, key), value=value)


def _edit(content: bytes, change: Callable[[Any], None]) -> bytes:
    book = load_workbook(io.BytesIO(content))
    change(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _fill(book: Any) -> None:
    """A realistic filling: numbers, Rupiah as text, a date, ya/tidak, notes."""
    packages = book[SHEET_PACKAGES]
    first = FIRST_DATA_ROW
    _put(packages, first, "total_pagu", "Rp 1.250.000")
    _put(packages, first, "nilai_epurchasing", 500_000)
    _put(packages, first, "jumlah_tender_selesai", 3)
    _put(packages, first, "total_hari_pemilihan", 12.5)
    _put(packages, first, "tanggal_kontrak", datetime(2027, 2, 15))
    _put(packages, first, "sudah_tayang", "ya")
    _put(packages, first, "persen_realisasi", 75.5)
    _put(packages, first, "catatan_bukti_dukung", "  BAST-01.pdf ")
    # The second pre-filled package is left untouched: not reported.
    # A package added by hand, the last with only a note.
    _put(packages, first + 2, "kode_rup", "41234569")
    _put(packages, first + 2, "sudah_tayang", "tidak")
    _put(packages, first + 2, "persen_realisasi", 1.234)
    _put(packages, first + 2, "total_nilai_kontrak", "1,25 M")
    # A name alone, without kode RUP or values, is ignored.
    _put(packages, first + 4, "nama_paket", "Paket belum jelas")

    actions = book[SHEET_ACTIONS]
    _put(actions, first, "status", "berjalan")
    _put(actions, first, "progres", "Rapat koordinasi dengan PPK")
    _put(actions, first, "kendala", "Jadwal padat")
    _put(actions, first + 1, "status", "Selesai")

    issues = book[SHEET_ISSUES]
    _put(issues, first + 1, "uraian_kendala", "Server SPSE lambat")
    _put(issues, first + 1, "dampak", "Tender mundur")
    _put(issues, first + 1, "usulan_tindak_lanjut", "Koordinasi dengan LPSE")


def _read(
    content: bytes,
    *,
    period: ReportingPeriod = TW1,
    plan: Plan = PLAN,
    unit: str = UNIT,
) -> DataReport | list[Problem]:
    return read_data_template(
        content, plan=plan, period=period, unit_name=unit, known_kode_rup=KNOWN
    )


def _problems(content: bytes, **kwargs: Any) -> list[Problem]:
    result = _read(content, **kwargs)
    assert isinstance(result, list), result
    assert result
    return result


def _expected_actions(changed: dict[tuple[str, int], ActionProgress]) -> tuple[ActionProgress, ...]:
    rows = []
    for indicator in PLAN.indicators:
        for action in PLAN.actions_of(indicator.code):
            default = ActionProgress(action.indicator_code, action.number, action.status, "", "")
            rows.append(changed.get((action.indicator_code, action.number), default))
    return tuple(rows)


EXPECTED = DataReport(
    unit_name=UNIT,
    period_label="Triwulan I",
    packages=(
        PackageReport(
            "41234567",
            {
                "total_hari_pemilihan": 12.5,
                "jumlah_tender_selesai": 3.0,
                "nilai_epurchasing": 500_000.0,
                "total_pagu": 1_250_000.0,
                "tanggal_kontrak": date(2027, 2, 15),
                "sudah_tayang": True,
                "persen_realisasi": 75.5,
            },
            "BAST-01.pdf",
        ),
        PackageReport(
            "41234569",
            {
                "total_nilai_kontrak": 1_250_000_000.0,
                "sudah_tayang": False,
                "persen_realisasi": 1.234,
            },
            "",
        ),
    ),
    actions=_expected_actions(
        {
            ("IKU-01", 1): ActionProgress(
                "IKU-01", 1, ActionStatus.BERJALAN, "Rapat koordinasi dengan PPK", "Jadwal padat"
            ),
            ("IKU-01", 2): ActionProgress("IKU-01", 2, ActionStatus.SELESAI, "", ""),
        }
    ),
    constraints=(("Server SPSE lambat", "Tender mundur", "Koordinasi dengan LPSE"),),
)


def test_filled_template_reads_back() -> None:
    assert TW1.label == "Triwulan I"
    result = _read(_edit(_template(), _fill))
    assert result == EXPECTED
    assert isinstance(result, DataReport)
    assert list(result.packages[0].values) == list(EXPECTED.packages[0].values)


def test_untouched_template_reports_only_actions() -> None:
    result = _read(_template())
    assert result == DataReport(UNIT, "Triwulan I", (), _expected_actions({}), ())


def test_moved_columns_are_found_by_key() -> None:
    def move(book: Any) -> None:
        _fill(book)
        sheet = book[SHEET_PACKAGES]
        a, b = _column(sheet, "total_pagu"), _column(sheet, "kode_rup")
        for row in range(1, sheet.max_row + 1):
            left, right = sheet.cell(row=row, column=a), sheet.cell(row=row, column=b)
            left.value, right.value = right.value, left.value
        sheet.insert_cols(2)
        sheet.cell(row=KEY_ROW, column=2, value="kolom_tambahan")
        sheet.cell(row=FIRST_DATA_ROW, column=2, value="diabaikan")

    assert _read(_edit(_template(), move)) == EXPECTED


def test_template_without_unit_and_period_is_accepted() -> None:
    result = _read(_edit(_template(unit=None, period=None), _fill))
    assert result == EXPECTED


def test_typed_variants_of_cells() -> None:
    def fill(book: Any) -> None:
        sheet = book[SHEET_PACKAGES]
        _put(sheet, FIRST_DATA_ROW, "kode_rup", 41234567)  # typed as a number
        _put(sheet, FIRST_DATA_ROW, "tanggal_kontrak", 46436)  # 2027-02-18, no date format
        _put(sheet, FIRST_DATA_ROW, "sudah_tayang", True)
        _put(sheet, FIRST_DATA_ROW, "total_hps", 1_000_000.6)
        _put(sheet, FIRST_DATA_ROW, "nilai_pdn", "750 jt")
        _put(sheet, FIRST_DATA_ROW + 1, "tanggal_kontrak", "31/03/2027")

    result = _read(_edit(_template(), fill))
    assert isinstance(result, DataReport)
    assert result.packages == (
        PackageReport(
            "41234567",
            {
                "total_hps": 1_000_001.0,
                "nilai_pdn": 750_000_000.0,
                "tanggal_kontrak": date(2027, 2, 18),
                "sudah_tayang": True,
            },
            "",
        ),
        PackageReport("41234568", {"tanggal_kontrak": date(2027, 3, 31)}, ""),
    )


def _row_problem(key: str, value: object, *, row: int = FIRST_DATA_ROW) -> Problem:
    def fill(book: Any) -> None:
        _put(book[SHEET_PACKAGES], row, key, value)

    found = _problems(_edit(_template(), fill))
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("key", "value", "label", "message", "hint"),
    [
        (
            "total_pagu",
            "banyak",
            "Total pagu pengadaan melalui penyedia (SIRUP)",
            "banyak bukan jumlah Rupiah",
            "contoh 1.250.000 atau 1,25 M",
        ),
        (
            "jumlah_tender_selesai",
            "tiga",
            "Jumlah tender yang selesai",
            "tiga bukan angka",
            "contoh 12 atau 12,5",
        ),
        (
            "nilai_epurchasing",
            -1_000,
            "Nilai transaksi e-Purchasing",
            "tidak boleh negatif",
            "contoh 1.250.000 atau 1,25 M",
        ),
        (
            "total_pagu",
            "-1.000",
            "Total pagu pengadaan melalui penyedia (SIRUP)",
            "tidak boleh negatif",
            "contoh 1.250.000 atau 1,25 M",
        ),
        (
            "persen_realisasi",
            100.5,
            "Persentase realisasi",
            "persen harus dari 0 sampai 100",
            "contoh 75 atau 75,5 (tanda % boleh)",
        ),
        (
            "tanggal_kontrak",
            datetime(2027, 4, 5),
            "Tanggal kontrak",
            "tanggal 5 April 2027 di luar periode Triwulan I (1 Januari–31 Maret 2027)",
            "isi tanggal dari 1 Januari–31 Maret 2027",
        ),
        (
            "tanggal_kontrak",
            "besok",
            "Tanggal kontrak",
            "besok bukan tanggal",
            "tulis seperti 31/03/2027",
        ),
        (
            "sudah_tayang",
            "mungkin",
            "Produk sudah tayang",
            "mungkin tidak dikenal",
            "jawab ya atau tidak",
        ),
    ],
)
def test_wrong_values_point_at_row_and_column(
    key: str, value: object, label: str, message: str, hint: str
) -> None:
    assert _row_problem(key, value) == Problem(
        SHEET_PACKAGES, "41234567", label, message, hint, FIRST_DATA_ROW
    )


def test_a_date_in_a_number_column() -> None:
    problem = _row_problem("jumlah_tender_selesai", datetime(2027, 1, 3))
    assert problem.column == "Jumlah tender yang selesai"
    assert problem.message == "sel berisi tanggal, bukan angka"


def test_unknown_and_duplicate_kode_rup() -> None:
    def fill(book: Any) -> None:
        sheet = book[SHEET_PACKAGES]
        _put(sheet, FIRST_DATA_ROW + 2, "kode_rup", "99999999")
        _put(sheet, FIRST_DATA_ROW + 2, "jumlah_tender_selesai", 1)
        _put(sheet, FIRST_DATA_ROW + 3, "kode_rup", "41234567")
        _put(sheet, FIRST_DATA_ROW + 3, "jumlah_tender_selesai", 2)
        _put(sheet, FIRST_DATA_ROW + 4, "jumlah_tender_selesai", 4)  # no kode RUP

    found = _problems(_edit(_template(), fill))
    assert [(p.sheet, p.row, p.column, p.key) for p in found] == [
        (SHEET_PACKAGES, FIRST_DATA_ROW + 2, "Kode RUP", "99999999"),
        (SHEET_PACKAGES, FIRST_DATA_ROW + 3, "Kode RUP", "41234567"),
        (SHEET_PACKAGES, FIRST_DATA_ROW + 4, "Kode RUP", ""),
    ]
    assert found[0].message == "kode RUP 99999999 tidak dikenal (bukan paket unit ini)"
    assert found[1].message == f"kode RUP 41234567 sudah ada di baris {FIRST_DATA_ROW}"
    assert found[2].message == "kode RUP kosong, padahal baris ini berisi data"
    assert all(p.hint for p in found)


def test_unknown_action_status_and_rows() -> None:
    def fill(book: Any) -> None:
        sheet = book[SHEET_ACTIONS]
        _put(sheet, FIRST_DATA_ROW, "status", "hampir selesai")
        last = sheet.max_row
        for column, value in enumerate(("IKU-01", 7, "Kegiatan baru", "berjalan"), 1):
            sheet.cell(row=last + 1, column=column, value=value)
        _put(sheet, last + 2, "progres", "tanpa kode")

    found = _problems(_edit(_template(), fill))
    assert found[0] == Problem(
        SHEET_ACTIONS,
        "IKU-01/1",
        "Status",
        "status hampir selesai tidak dikenal",
        "pilih salah satu: belum mulai, berjalan, selesai, tertunda",
        FIRST_DATA_ROW,
    )
    assert found[1].message == "rencana aksi IKU-01 no 7 tidak ada di rencana"
    assert found[2].message == "baris ini tidak menyebut rencana aksinya (Kode Indikator dan No)"
    assert len(found) == 3


def test_issue_without_description() -> None:
    def fill(book: Any) -> None:
        _put(book[SHEET_ISSUES], FIRST_DATA_ROW, "dampak", "Tender mundur")

    assert _problems(_edit(_template(), fill)) == [
        Problem(
            SHEET_ISSUES,
            "",
            "Uraian Kendala",
            "uraian kendala kosong",
            "tulis kendalanya, atau kosongkan seluruh baris",
            FIRST_DATA_ROW,
        )
    ]


def test_formula_without_stored_value() -> None:
    problem = _row_problem("jumlah_tender_selesai", "=1+2")
    assert problem.message == "sel berisi rumus Excel tanpa nilai tersimpan"
    assert problem.column == "Jumlah tender yang selesai"


def test_wrong_version_marker() -> None:
    def change(book: Any) -> None:
        book[SHEET_GUIDE][VERSION_CELL] = "data-kinerja-v0"

    found = _problems(_edit(_edit(_template(), _fill), change))
    assert [(p.sheet, p.column, p.row) for p in found] == [(SHEET_GUIDE, "Versi template", 3)]
    assert "data-kinerja-v0 tidak dikenal" in found[0].message


def test_plan_workbook_is_not_a_data_template() -> None:
    found = _problems(plan_workbook(PLAN, title="Rencana"))
    assert len(found) == 1
    assert "bukan Template Data Kinerja" in found[0].message


def test_template_of_another_unit() -> None:
    found = _problems(_edit(_template(unit="Dinas Pendidikan"), _fill))
    assert [(p.sheet, p.column, p.row) for p in found] == [(SHEET_GUIDE, "Unit / OPD", 4)]
    assert found[0].message == "template ini untuk unit Dinas Pendidikan, bukan Dinas Kesehatan"
    # Case and spacing do not matter.
    assert isinstance(_read(_template(unit="  dinas  KESEHATAN ")), DataReport)


def test_template_of_another_period_and_year() -> None:
    found = _problems(_edit(_template(), _fill), period=TW2)
    assert [(p.sheet, p.column, p.row) for p in found] == [(SHEET_GUIDE, "Periode pelaporan", 5)]
    assert "untuk periode Triwulan I, sedangkan yang dilaporkan periode Triwulan II" in (
        found[0].message
    )
    assert "Triwulan I" in found[0].hint

    found = _problems(_template(_plan(2026)))
    assert [(p.column, p.row) for p in found] == [("Tahun rencana", 6)]
    assert found[0].message == (
        "template ini untuk rencana tahun 2026, sedangkan yang dilaporkan tahun 2027"
    )


def test_missing_sheet_and_columns() -> None:
    def change(book: Any) -> None:
        del book[SHEET_ISSUES]
        packages = book[SHEET_PACKAGES]
        packages.delete_cols(_column(packages, "total_pagu"))
        book[SHEET_ACTIONS].cell(row=KEY_ROW, column=4, value="keadaan")

    found = _problems(_edit(_template(), change))
    assert [(p.sheet, p.column) for p in found] == [
        (SHEET_PACKAGES, "Total pagu pengadaan melalui penyedia (SIRUP)"),
        (SHEET_ACTIONS, "Status"),
        (SHEET_ISSUES, ""),
    ]
    assert found[0].message == (
        "kolom Total pagu pengadaan melalui penyedia (SIRUP) tidak ditemukan di baris kunci "
        "(baris 3) lembar Data Paket"
    )
    assert "total_pagu" not in found[0].message  # the machine key is never shown
    assert found[2].message == "lembar Kendala tidak ditemukan"


def test_columns_of_indicators_not_due_may_be_missing() -> None:
    def change(book: Any) -> None:
        packages = book[SHEET_PACKAGES]
        packages.delete_cols(_column(packages, "jumlah_responden"))  # IKU-08, yearly

    assert isinstance(_read(_edit(_template(), change)), DataReport)
    found = _problems(_edit(_template(period=None), change), period=PERIODS["tahunan-1"])
    assert [p.column for p in found] == ["Jumlah responden survei"]


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "berkas kosong"),
        (b"%PDF-1.7\n...", "berkas ini PDF, bukan berkas Excel .xlsx"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
            "berkas ini format Excel lama (.xls) atau dilindungi kata sandi",
        ),
        (b"Kode RUP;Pagu\n1;2\n", "bukan berkas Excel .xlsx"),
        (b"PK\x03\x04 broken", "berkas .xlsx rusak atau tidak lengkap"),
        (_zip({"word/document.xml": b"<w/>"}), "bukan berkas Excel .xlsx"),
        (
            _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}),
            "berkas ini format OpenDocument (.ods), bukan Excel .xlsx",
        ),
        (b"PK" + bytes(MAX_WORKBOOK_BYTES), "berkas terlalu besar (5,0 MB)"),
    ],
)
def test_files_that_are_no_template(content: bytes, message: str) -> None:
    found = _problems(content)
    assert [(p.sheet, p.message) for p in found] == [(FILE_SHEET, message)]
    assert found[0].hint


def test_broken_bytes_never_raise() -> None:
    rng = random.Random(20270331)
    template = _edit(_template(), _fill)
    for _ in range(40):
        result = _read(rng.randbytes(rng.randint(0, 3000)))
        assert isinstance(result, list)
        assert result
        assert all(isinstance(p, Problem) for p in result)
    for _ in range(40):
        mutated = bytearray(template)
        for _ in range(rng.randint(1, 20)):
            mutated[rng.randrange(len(mutated))] = rng.randrange(256)
        result = _read(bytes(mutated))
        assert isinstance(result, DataReport | list)
    cut = _read(template[: len(template) // 2])
    assert isinstance(cut, list)


def test_period_cell_is_the_label() -> None:
    book = load_workbook(io.BytesIO(_template()))
    assert book[SHEET_GUIDE][PERIOD_CELL].value == TW1.label


def test_merged_cells_and_too_many_rows() -> None:
    def change(book: Any) -> None:
        book[SHEET_ISSUES].merge_cells(f"A{FIRST_DATA_ROW}:C{FIRST_DATA_ROW}")
        book[SHEET_ACTIONS].cell(row=KEY_ROW + 5001, column=5, value="jauh di bawah")

    found = _problems(_edit(_template(), change))
    assert [(p.sheet, p.row) for p in found] == [(SHEET_ACTIONS, None), (SHEET_ISSUES, 4)]
    assert (
        found[0].message
        == "lembar Rencana Aksi memakai baris sampai 5004; paling banyak 5000 baris data"
    )
    assert found[1].message == f"sel A{FIRST_DATA_ROW}:C{FIRST_DATA_ROW} digabung (merge)"


def test_number_cells_are_read_exactly() -> None:
    """The defect users found: 42.25 in a number cell was stored as 42 250 and a cell
    typed as 50% (0.5 shown as a percentage) as 0.5."""
    cases = [42.25, 78.75, 99.99, 0.45, 1.234, 0.125]

    def fill(book: Any) -> None:
        sheet = book[SHEET_PACKAGES]
        for offset, value in enumerate(cases):
            _put(sheet, FIRST_DATA_ROW + offset, "kode_rup", f"4123456{7 + offset}")
            _put(sheet, FIRST_DATA_ROW + offset, "total_hari_pemilihan", value)
        percent = sheet.cell(
            row=FIRST_DATA_ROW, column=_column(sheet, "persen_realisasi"), value=0.5
        )
        percent.number_format = "0%"

    known = {f"4123456{7 + offset}" for offset in range(len(cases))}
    result = read_data_template(
        _edit(_template(), fill), plan=PLAN, period=TW1, unit_name=UNIT, known_kode_rup=known
    )
    assert isinstance(result, DataReport), result
    assert [p.values["total_hari_pemilihan"] for p in result.packages] == cases
    assert result.packages[0].values["persen_realisasi"] == 50.0


@pytest.mark.parametrize(
    ("key", "value", "number_format", "message"),
    [
        ("sudah_tayang", 1, "General", "sel berisi angka, bukan ya atau tidak"),
        (
            "total_hari_pemilihan",
            0.5,
            "0%",
            "sel berformat persen (50%), padahal isian ini bukan persen",
        ),
        (
            "total_pagu",
            "50%",
            "General",
            "50% memakai tanda %, padahal isian ini bukan persen",
        ),
        (
            "jumlah_tender_selesai",
            "1.234",
            "General",
            "1.234 bisa berarti 1,234 (desimal) atau 1234 (ribuan)",
        ),
    ],
)
def test_cells_read_as_another_kind_are_refused(
    key: str, value: object, number_format: str, message: str
) -> None:
    def fill(book: Any) -> None:
        sheet = book[SHEET_PACKAGES]
        cell = sheet.cell(row=FIRST_DATA_ROW, column=_column(sheet, key), value=value)
        cell.number_format = number_format

    (problem,) = _problems(_edit(_template(), fill))
    assert (problem.sheet, problem.row, problem.message) == (
        SHEET_PACKAGES,
        FIRST_DATA_ROW,
        message,
    )


def test_the_guide_says_how_numbers_are_read() -> None:
    guide = load_workbook(io.BytesIO(_template()))[SHEET_GUIDE]
    text = " ".join(str(c.value) for row in guide.iter_rows() for c in row if c.value)
    for needed in (
        "koma menandai desimal (42,25)",
        "tulis 1234 bila ribuan, atau 1,2340 bila desimal",
        "Persen: ketik 75 atau 75,5 untuk 75%; tanda % boleh",
        "sel berformat persen",
        "1,25 M (miliar)",
    ):
        assert needed in text, needed
    assert "tanpa titik ribuan" not in text  # the old rule, which contradicted the reader
