"""The plan as an Excel workbook: the template people download, fill in and send back.

``plan_workbook`` writes a plan as an .xlsx (one sheet per kind of thing, drop-down lists,
locked header rows); ``read_plan_workbook`` reads such a file back and either returns the
plan or every problem found, each pointing at a sheet, row and column. Reading never
raises: whatever is wrong with the file becomes a :class:`Problem`.

Decisions worth knowing:

* Columns are found by their header text (row 1), so moved columns are fine; a missing
  header is a problem. Extra columns and blank rows are ignored.
* An empty "Target Tahunan" is allowed (the plan is merely incomplete), but a row of the
  Target sheet without a value is a problem. An indicator with an annual target and a
  reporting frequency but no row in the Target sheet gets default period targets
  (:func:`periods.default_period_targets`).
* An empty "No" in the action sheet gets the indicator's next number; an empty "Status"
  means "belum mulai".
* Excel formula cells are read by their cached value; without one, the user is asked to
  type the value.
* Baseline, Target Tahunan and Target are read by :func:`bot.core.numbers.read_cell` for
  the indicator's unit: a number cell is its number; with unit ``%`` a percent-formatted
  cell holding 0,5 is 50 and ``75%`` is 75; with unit ``Rp`` ``1.250`` is thousands and
  ``1,25 M`` is read; an ambiguous ``1.234`` (other units) is a problem, never a guess.
* Structural problems (not an .xlsx, wrong template version or year, missing sheet or
  column, merged cells, too large) are reported alone, before any data is read.
* Sheets are protected without a password: the header row is locked, the columns below it
  are unlocked through their default style, so any row can be typed in (Excel and
  LibreOffice both honour it).
* Numbers are stored as Excel numbers, so values with more than 15 significant digits do not
  survive the round trip (Excel's own limit); typed values never come near it.
"""

from __future__ import annotations

import io
import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeVar

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from bot.core.numbers import kind_of_unit, read_cell
from bot.core.xlsx_guard import FILE_SHEET as FILE_SHEET
from bot.core.xlsx_guard import Refused, XlsxRules, check_container, load_xlsx
from bot.core.xlsx_guard import cell_text as _text
from bot.core.xlsx_guard import file_problem as _file_problem
from bot.core.xlsx_guard import find_sheet as _find_sheet
from bot.core.xlsx_guard import is_blank as _is_blank
from bot.core.xlsx_guard import normal as _normal
from bot.planning.rules.model import (
    UNITS,
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
from bot.planning.rules.periods import default_period_targets, period_label
from bot.planning.rules.validation import (
    SHEET_ACTIONS,
    SHEET_AREAS,
    SHEET_INDICATORS,
    SHEET_INPUTS,
    SHEET_OBJECTIVES,
    SHEET_TARGETS,
    Problem,
    problems,
)
from bot.planning.rules.values import (
    date_cell,
    parse_category,
    parse_choice,
    parse_frequency,
    parse_input_kind,
    parse_polarity,
    parse_unit,
    parse_year,
)

logger = logging.getLogger(__name__)

TEMPLATE_VERSION = "rencana-v1"
SHEET_GUIDE = "Petunjuk"
VERSION_LABEL = "Versi template"
YEAR_LABEL = "Tahun rencana"

MAX_WORKBOOK_BYTES = 5 * 1024 * 1024
# Guards against files that are small but expand enormously (zip bombs, huge sheets).
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_ZIP_ENTRIES = 1000
MAX_CELLS_PER_SHEET = 150_000
MAX_ROWS = 5000  # data rows per sheet, below the header row

_HINT_NEW_TEMPLATE = "ambil template baru lewat /rencana, salin isinya, lalu kirim lagi"
_XLSX_RULES = XlsxRules(
    max_bytes=MAX_WORKBOOK_BYTES,
    max_uncompressed_bytes=MAX_UNCOMPRESSED_BYTES,
    max_zip_entries=MAX_ZIP_ENTRIES,
    max_cells_per_sheet=MAX_CELLS_PER_SHEET,
    empty_hint="kirim berkas .xlsx dari /rencana",
    not_xlsx_hint="kirim template .xlsx dari /rencana",
    pdf_hint=_HINT_NEW_TEMPLATE,
    unpacked_hint="kirim template rencana dari /rencana tanpa tambahan lain",
    cells_hint=f"paling banyak {MAX_ROWS} baris data per lembar; hapus baris dan kolom "
    "yang tidak dipakai",
    logger=logger,
    log_name="workbook",
)

T = TypeVar("T")

# --------------------------------------------------------------------------- layout


class _Kind(StrEnum):
    TEXT = "text"
    CODE = "code"
    NUMBER = "number"
    WHOLE = "whole"
    DATE = "date"


@dataclass(frozen=True)
class _Column:
    header: str
    width: int
    kind: _Kind = _Kind.TEXT
    wrap: bool = False
    choices: tuple[str, ...] = ()  # a drop-down list of these values
    codes_of: str = ""  # a drop-down list of the codes in this sheet's first column
    required: bool = True  # the header must be present when reading


def _values(choices: type[StrEnum]) -> tuple[str, ...]:
    return tuple(c.value for c in choices)


_FREQUENCIES = _values(Frequency)

COLUMNS: dict[str, tuple[_Column, ...]] = {
    SHEET_OBJECTIVES: (
        _Column("Kode", 10, _Kind.CODE),
        _Column("Tujuan PBJ", 90, wrap=True),
    ),
    SHEET_AREAS: (
        _Column("Kode", 10, _Kind.CODE),
        _Column("Nama Area Strategis", 50, wrap=True),
        _Column("Kategori Pengukuran", 22, choices=_values(Category)),
        _Column("Kode Tujuan", 12, _Kind.CODE, codes_of=SHEET_OBJECTIVES),
    ),
    SHEET_INDICATORS: (
        _Column("Kode", 12, _Kind.CODE),
        _Column("Kode Area", 11, _Kind.CODE, codes_of=SHEET_AREAS),
        _Column("Nama Indikator", 45, wrap=True),
        _Column("Definisi", 55, wrap=True),
        _Column("Rumus", 40, wrap=True),
        _Column("Satuan", 10, choices=UNITS),
        _Column("Polaritas", 28, choices=_values(Polarity)),
        _Column("Frekuensi Pemantauan", 14, choices=_FREQUENCIES),
        _Column("Frekuensi Pelaporan", 14, choices=_FREQUENCIES),
        _Column("Sumber Data", 20, wrap=True),
        _Column("Unit PIC", 26, wrap=True),
        _Column("Bukti Dukung", 40, wrap=True),
        _Column("Baseline", 12, _Kind.NUMBER),
        _Column("Tahun Baseline", 10, _Kind.WHOLE),
        _Column("Target Tahunan", 12, _Kind.NUMBER),
    ),
    SHEET_INPUTS: (
        _Column("Kode Indikator", 14, _Kind.CODE, codes_of=SHEET_INDICATORS),
        _Column("Nama Input", 26, _Kind.CODE),
        _Column("Keterangan", 60, wrap=True),
        _Column("Jenis", 12, choices=_values(InputKind)),
    ),
    SHEET_TARGETS: (
        _Column("Kode Indikator", 14, _Kind.CODE, codes_of=SHEET_INDICATORS),
        _Column("Periode", 9, _Kind.WHOLE),
        _Column("Label Periode", 16, required=False),
        _Column("Target", 14, _Kind.NUMBER),
    ),
    SHEET_ACTIONS: (
        _Column("Kode Indikator", 14, _Kind.CODE, codes_of=SHEET_INDICATORS),
        _Column("No", 6, _Kind.WHOLE),
        _Column("Kegiatan", 50, wrap=True),
        _Column("Keluaran", 40, wrap=True),
        _Column("Mulai", 12, _Kind.DATE),
        _Column("Selesai", 12, _Kind.DATE),
        _Column("Unit PIC", 26, wrap=True),
        _Column("Status", 14, choices=_values(ActionStatus)),
    ),
}
DATA_SHEETS = tuple(COLUMNS)
SHEET_ORDER = (SHEET_GUIDE, *DATA_SHEETS)

# --------------------------------------------------------------------------- writing

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
_HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center")
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_UNLOCKED = Protection(locked=False)
_DATE_FORMAT = "DD/MM/YYYY"


def _last_row(data_rows: int) -> int:
    """The last row the drop-down lists of a sheet with ``data_rows`` rows cover."""
    return max(MAX_ROWS, data_rows) + 1


def _rows(plan: Plan) -> dict[str, list[tuple[object, ...]]]:
    """The cell values of every data sheet, in the order of ``COLUMNS``."""
    targets: list[tuple[object, ...]] = []
    for indicator in plan.indicators:
        frequency = indicator.reporting_frequency
        for number, value in enumerate(indicator.period_targets, start=1):
            label = ""
            if frequency is not None and number <= frequency.periods_per_year:
                label = period_label(frequency, number)
            targets.append((indicator.code, number, label, value))
    return {
        SHEET_OBJECTIVES: [(o.code, o.text) for o in plan.objectives],
        SHEET_AREAS: [(a.code, a.name, a.category.value, a.objective_code) for a in plan.areas],
        SHEET_INDICATORS: [
            (
                i.code,
                i.area_code,
                i.name,
                i.definition,
                i.formula,
                i.unit,
                i.polarity.value if i.polarity else None,
                i.monitoring_frequency.value if i.monitoring_frequency else None,
                i.reporting_frequency.value if i.reporting_frequency else None,
                i.data_source,
                i.pic_unit,
                i.evidence,
                i.baseline_value,
                i.baseline_year,
                i.annual_target,
            )
            for i in plan.indicators
        ],
        SHEET_INPUTS: [
            (i.code, put.name, put.label, put.kind.value)
            for i in plan.indicators
            for put in i.inputs
        ],
        SHEET_TARGETS: targets,
        SHEET_ACTIONS: [
            (
                a.indicator_code,
                a.number,
                a.activity,
                a.output,
                a.start,
                a.end,
                a.pic_unit,
                a.status.value,
            )
            for a in plan.actions
        ],
    }


def _validation(column: _Column, last_rows: dict[str, int]) -> Any:
    if column.choices:
        listed = ",".join(column.choices)
        rule = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True)
        rule.errorStyle = "stop"
        rule.error = f"Pilih salah satu: {', '.join(column.choices)}"
    else:
        last = last_rows[column.codes_of]
        rule = DataValidation(
            type="list", formula1=f"'{column.codes_of}'!$A$2:$A${last}", allow_blank=True
        )
        # A warning, not a stop: the code may be added to the other sheet afterwards.
        rule.errorStyle = "warning"
        rule.error = f"Kode ini belum ada di lembar {column.codes_of}."
    rule.errorTitle = column.header
    rule.showErrorMessage = True
    return rule


def _write_sheet(
    workbook: Any, name: str, rows: Sequence[tuple[object, ...]], last_rows: dict[str, int]
) -> None:
    sheet = workbook.create_sheet(name)
    columns = COLUMNS[name]
    last = last_rows[name]
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        header = sheet.cell(row=1, column=index, value=column.header)
        header.font = _HEADER_FONT
        header.fill = _HEADER_FILL
        header.alignment = _HEADER_ALIGNMENT
        _unlock(sheet, index, column, len(rows))
        if column.choices or column.codes_of:
            rule = _validation(column, last_rows)
            rule.add(f"{letter}2:{letter}{last}")
            sheet.add_data_validation(rule)
    for number, values in enumerate(rows, start=2):
        for index, value in enumerate(values, start=1):
            if value is not None and value != "":
                sheet.cell(row=number, column=index).value = value
    sheet.freeze_panes = "A2"
    sheet.row_dimensions[1].height = 32
    _protect(sheet)


def _unlock(sheet: Any, index: int, column: _Column, data_rows: int) -> None:
    """Unlock (and format) a column below its header.

    The column's default style is unlocked, which Excel and LibreOffice use for every cell
    not written in the file, so people can type in any row; the data cells get the same
    style. Unlocking empty cells one by one instead would make every template ten times
    slower to write and read.
    """
    alignment = _WRAP if column.wrap else _TOP
    number_format = {_Kind.DATE: _DATE_FORMAT, _Kind.CODE: "@"}.get(column.kind)
    dimension = sheet.column_dimensions[get_column_letter(index)]
    cells = (sheet.cell(row=n, column=index) for n in range(2, data_rows + 2))
    for target in (dimension, *cells):
        target.protection = _UNLOCKED
        target.alignment = alignment
        if number_format:
            target.number_format = number_format


def _protect(sheet: Any) -> None:
    """Lock the sheet without a password; unlocked cells stay editable."""
    protection = sheet.protection
    protection.sheet = True
    # False means "allowed" in the file format: let people resize, add and delete rows.
    protection.formatColumns = False
    protection.formatRows = False
    protection.insertRows = False
    protection.deleteRows = False
    protection.sort = False
    protection.autoFilter = False


def _guide_lines(plan: Plan) -> list[tuple[str, str]]:
    def listed(values: Sequence[str]) -> str:
        return "; ".join(values)

    return [
        (
            "Cara memakai",
            "Isi atau ubah rencana di lembar Tujuan, Area, Indikator, Input Rumus, Target dan "
            "Rencana Aksi. Setelah selesai, simpan sebagai .xlsx lalu kirim berkas ini kembali "
            "ke bot dengan perintah /rencana. Bot memeriksa seluruh isi dan menyebut lembar, "
            "baris dan kolom yang perlu diperbaiki; tidak ada yang tersimpan sebelum semuanya "
            "benar.",
        ),
        (
            "Jangan diubah",
            "Nama lembar, judul kolom (baris 1), serta Versi template dan Tahun rencana di atas. "
            "Urutan kolom boleh diubah; kolom tambahan dan baris kosong diabaikan. Jangan "
            "menggabungkan sel (merge).",
        ),
        (
            "Kode",
            "Kode menghubungkan lembar: Kode Tujuan (lembar Area) diambil dari kolom Kode lembar "
            "Tujuan; Kode Area (lembar Indikator) dari kolom Kode lembar Area; Kode Indikator "
            "(lembar Input Rumus, Target dan Rencana Aksi) dari kolom Kode lembar Indikator. "
            "Kode harus unik, dibedakan huruf besar/kecil (IKU-01 tidak sama dengan iku-01); "
            "spasi di awal dan akhir diabaikan.",
        ),
        (SHEET_OBJECTIVES, "Satu baris per tujuan PBJ: Kode (contoh T1) dan Tujuan PBJ."),
        (
            SHEET_AREAS,
            "Satu baris per area strategis: Kode (contoh A1), nama, Kategori Pengukuran "
            f"({listed(_values(Category))}) dan Kode Tujuan.",
        ),
        (
            SHEET_INDICATORS,
            "Satu baris per indikator: Kode (contoh IKU-01), Kode Area, nama dan atribut "
            f"manual indikator. Satuan: {listed(UNITS)}. Polaritas: "
            f"{listed(_values(Polarity))}. Frekuensi pemantauan dan pelaporan: "
            f"{listed(_FREQUENCIES)}; pemantauan harus sama atau lebih sering dari pelaporan. "
            "Rumus memakai nama input dari lembar Input Rumus, angka dan + - * / ( ), contoh "
            "nilai_epurchasing / total_pagu * 100. Baseline, Tahun Baseline dan Target Tahunan "
            "boleh dikosongkan dulu (rencana belum lengkap, tetapi dapat disimpan).",
        ),
        (
            SHEET_INPUTS,
            "Satu baris per input rumus: Kode Indikator, Nama Input (huruf kecil, angka dan "
            "garis bawah, contoh total_pagu), Keterangan (yang dilaporkan PJ Kinerja) dan "
            f"Jenis ({listed(_values(InputKind))}).",
        ),
        (
            SHEET_TARGETS,
            "Satu baris per periode pelaporan: Kode Indikator, Periode (1-12 bulanan, 1-4 "
            "triwulanan, 1-2 semester, 1 tahunan) dan Target. Jumlah baris satu indikator harus "
            "sama dengan jumlah periode frekuensi pelaporannya; setiap baris wajib berisi "
            "Target. Label Periode hanya keterangan. Bila indikator punya Target Tahunan dan "
            "Frekuensi Pelaporan tetapi tidak punya baris di lembar ini, bot mengisi target "
            "periode otomatis: satuan Rp dan jumlah naik bertahap (kumulatif) sampai target "
            "tahunan, satuan lain memakai target tahunan di setiap periode.",
        ),
        (
            SHEET_ACTIONS,
            "Satu baris per kegiatan: Kode Indikator, No (urut per indikator 1, 2, 3; bila "
            "dikosongkan diberi nomor berikutnya), Kegiatan, Keluaran, Mulai dan Selesai "
            f"(tanggal dalam tahun {plan.year}, contoh 31/03/{plan.year}), Unit PIC dan Status "
            f"({listed(_values(ActionStatus))}; bila kosong dianggap belum mulai).",
        ),
        (
            "Angka",
            "Ketik angkanya di sel; angka dibaca persis seperti tersimpan di Excel. Bila "
            "ditulis sebagai teks, koma menandai desimal (60,5) dan titik memisahkan ribuan "
            "(1.250.000); 60.5 juga dibaca 60,5. Tulisan seperti 1.234 (tepat tiga angka "
            "sesudah satu titik atau koma) ditolak karena bisa berarti 1,234 atau 1234: tulis "
            "1234 bila ribuan, atau 1,2340 bila desimal. Satuan %: ketik 75 untuk 75%; tanda % "
            "boleh, dan sel berformat persen yang menampilkan 75% juga dibaca 75. Satuan Rp: "
            "1.250.000, Rp 1.250.000 atau 1,25 M (miliar), 750 jt, 500 rb; untuk satuan Rp "
            "1.250 berarti seribu dua ratus lima puluh. Tanda % dan Rp hanya untuk satuan itu. "
            "Sel berisi rumus Excel (=...) dibaca nilainya bila tersimpan; bila tidak, ketik "
            "angkanya langsung.",
        ),
        (
            "Proteksi",
            "Baris judul dikunci dengan proteksi lembar tanpa kata sandi. Tambahkan baris di "
            "bawah data; bila perlu, buka proteksi lewat Tinjau (Review) > Buka Proteksi Lembar.",
        ),
        (
            "Batas",
            f"Berkas paling besar {MAX_WORKBOOK_BYTES // (1024 * 1024)} MB dan paling banyak "
            f"{MAX_ROWS} baris data per lembar.",
        ),
    ]


def _write_guide(workbook: Any, plan: Plan, title: str) -> None:
    sheet = workbook.active
    sheet.title = SHEET_GUIDE
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 100
    heading = sheet.cell(row=1, column=1, value=title)
    heading.font = Font(bold=True, size=14)
    sheet.cell(row=3, column=1, value=VERSION_LABEL).font = Font(bold=True)
    sheet.cell(row=3, column=2, value=TEMPLATE_VERSION)
    sheet.cell(row=4, column=1, value=YEAR_LABEL).font = Font(bold=True)
    sheet.cell(row=4, column=2, value=plan.year).alignment = Alignment(horizontal="left")
    for number, (topic, text) in enumerate(_guide_lines(plan), start=6):
        sheet.cell(row=number, column=1, value=topic).font = Font(bold=True)
        sheet.cell(row=number, column=1).alignment = _TOP
        sheet.cell(row=number, column=2, value=text).alignment = _WRAP
    sheet.protection.sheet = True


def plan_workbook(plan: Plan, *, title: str) -> bytes:
    """The plan as an .xlsx template: instructions, then one sheet per kind of thing."""
    workbook = Workbook()
    workbook.properties.title = title
    workbook.properties.creator = "Kinerja PBJ Bot"
    _write_guide(workbook, plan, title)
    rows = _rows(plan)
    last_rows = {name: _last_row(len(rows[name])) for name in DATA_SHEETS}
    for name in DATA_SHEETS:
        _write_sheet(workbook, name, rows[name], last_rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------- reading


def _split_reason(reason: str) -> tuple[str, str]:
    """values.py says "what; how to fix": split into message and hint."""
    message, _, hint = reason.partition("; ")
    return message, hint


def _check_guide(workbook: Any, year: int) -> list[Problem]:
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
    found: dict[str, tuple[object, int]] = {}
    labels = {_normal(VERSION_LABEL): VERSION_LABEL, _normal(YEAR_LABEL): YEAR_LABEL}
    for number, row in enumerate(
        sheet.iter_rows(min_row=1, max_row=min(sheet.max_row, 60), max_col=6, values_only=True),
        start=1,
    ):
        for index, value in enumerate(row[:-1]):
            label = labels.get(_normal(value)) if isinstance(value, str) else None
            if label and label not in found:
                found[label] = (row[index + 1], number)
    result = []
    version, version_row = found.get(VERSION_LABEL, (None, None))
    if version is None:
        result.append(
            Problem(
                SHEET_GUIDE,
                "",
                VERSION_LABEL,
                "penanda versi template tidak ditemukan; berkas ini bukan template rencana",
                _HINT_NEW_TEMPLATE,
            )
        )
    elif _text(version) != TEMPLATE_VERSION:
        result.append(
            Problem(
                SHEET_GUIDE,
                "",
                VERSION_LABEL,
                f"versi template {_text(version):.30} tidak dikenal (yang dipakai sekarang "
                f"{TEMPLATE_VERSION})",
                _HINT_NEW_TEMPLATE,
                version_row,
            )
        )
    raw_year, year_row = found.get(YEAR_LABEL, (None, None))
    try:
        workbook_year = parse_year(raw_year) if raw_year is not None else None
    except ValueError:
        workbook_year = None
    if workbook_year is None:
        result.append(
            Problem(
                SHEET_GUIDE,
                "",
                YEAR_LABEL,
                "tahun rencana di lembar Petunjuk tidak ditemukan atau tidak terbaca",
                _HINT_NEW_TEMPLATE,
                year_row,
            )
        )
    elif workbook_year != year:
        result.append(
            Problem(
                SHEET_GUIDE,
                "",
                YEAR_LABEL,
                f"berkas ini rencana tahun {workbook_year}, sedangkan yang disusun tahun {year}",
                f"ambil template tahun {year} lewat /rencana",
                year_row,
            )
        )
    return result


@dataclass
class _Table:
    """A data sheet located in the workbook: its header positions and formula cells."""

    name: str
    sheet: Any
    positions: dict[str, int]  # header -> 1-based column
    uncached: set[tuple[int, int]] = field(default_factory=set)  # formula cells, no value


def _locate(sheet: Any, name: str) -> tuple[_Table, list[Problem]]:
    found: list[Problem] = []
    for merged in sorted(sheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        header = sheet.cell(row=1, column=merged.min_col).value
        found.append(
            Problem(
                name,
                "",
                _text(header) or get_column_letter(merged.min_col),
                f"sel {merged.coord} digabung (merge)",
                "pisahkan sel itu (Unmerge / Pisahkan Sel) lalu kirim lagi",
                merged.min_row,
            )
        )
    if sheet.max_row > MAX_ROWS + 1:
        found.append(
            Problem(
                name,
                "",
                "",
                f"lembar {name} memakai baris sampai {sheet.max_row}; paling banyak {MAX_ROWS} "
                "baris data",
                "hapus baris di bawah data (termasuk yang hanya berformat)",
            )
        )
    headers: dict[str, list[int]] = defaultdict(list)
    for index, value in enumerate(
        next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ()), start=1
    ):
        if not _is_blank(value):
            headers[_normal(value)].append(index)
    positions: dict[str, int] = {}
    for column in COLUMNS[name]:
        indexes = headers.get(_normal(column.header), [])
        if len(indexes) > 1:
            found.append(
                Problem(
                    name,
                    "",
                    column.header,
                    f"kolom {column.header} ada {len(indexes)} kali di baris judul",
                    "hapus kolom yang ganda",
                    1,
                )
            )
        if indexes:
            positions[column.header] = indexes[0]
        elif column.required:
            found.append(
                Problem(
                    name,
                    "",
                    column.header,
                    f"kolom {column.header} tidak ditemukan di baris judul lembar {name}",
                    f"judul kolom harus persis «{column.header}»; jangan mengganti judul kolom",
                    1,
                )
            )
    return _Table(name, sheet, positions), found


def _find_uncached_formulas(content: bytes, tables: dict[str, _Table]) -> None:
    """Mark formula cells that have no stored value (openpyxl reads those as empty)."""
    formulas = load_xlsx(content, _XLSX_RULES, data_only=False)
    for table in tables.values():
        sheet = formulas[table.sheet.title]
        for row in sheet.iter_rows(min_row=2, max_row=min(sheet.max_row, MAX_ROWS + 1)):
            for cell in row:
                if cell.data_type == "f" and table.sheet.cell(cell.row, cell.column).value is None:
                    table.uncached.add((cell.row, cell.column))


_FORMULA_WITHOUT_VALUE = object()


class _Row:
    """One data row: typed access to its cells, recording problems as it goes."""

    def __init__(self, reader: _Reader, table: _Table, number: int, cells: tuple[Any, ...]):
        self.reader = reader
        self.table = table
        self.number = number
        self.key = ""
        self.reported: set[str] = set()
        self.values: dict[str, object] = {}
        self.formats: dict[str, str] = {}  # header -> the cell's number format
        for header, position in table.positions.items():
            cell = cells[position - 1] if position <= len(cells) else None
            value = None if cell is None else cell.value
            if (number, position) in table.uncached:
                value = _FORMULA_WITHOUT_VALUE
            self.values[header] = value
            self.formats[header] = "General" if cell is None else cell.number_format

    def is_blank(self) -> bool:
        return all(
            _is_blank(value) for header, value in self.values.items() if header != "Label Periode"
        )

    def report(self, column: str, message: str, hint: str = "") -> None:
        self.reader.report(Problem(self.table.name, self.key, column, message, hint, self.number))

    def raw(self, column: str) -> object:
        """The cell's value, None when blank or unreadable (the latter reported)."""
        value = self.values[column]
        if value is _FORMULA_WITHOUT_VALUE:
            if column not in self.reported:
                self.reported.add(column)
                self.report(
                    column,
                    "sel berisi rumus Excel tanpa nilai tersimpan",
                    "ketik nilainya langsung (tanpa tanda =)",
                )
            return None
        return None if _is_blank(value) else value

    def text(self, column: str) -> str:
        return _text(self.raw(column))

    def parsed(self, column: str, parse: Callable[[object], T]) -> T | None:
        """The cell read by a values.py parser; None when blank or wrong (reported)."""
        value = self.raw(column)
        if value is None:
            return None
        try:
            return parse(value)
        except ValueError as exc:
            self.report(column, *_split_reason(str(exc)))
            return None

    def required(self, column: str, parse: Callable[[object], T], placeholder: T) -> T:
        """Like parsed, but a blank cell is a problem; placeholder stands in for errors."""
        if self.values[column] is not _FORMULA_WITHOUT_VALUE and self.raw(column) is None:
            self.report(column, f"{column.lower()} kosong", "pilih dari daftar")
            return placeholder
        value = self.parsed(column, parse)
        return placeholder if value is None else value

    def number_(self, column: str, unit: str = "") -> float | None:
        """A number of an indicator with ``unit`` (a percentage, Rupiah, other)."""
        number_format = self.formats[column]
        kind = kind_of_unit(unit)
        return self.parsed(column, lambda raw: read_cell(raw, kind, number_format=number_format))

    def whole(self, column: str) -> int | None:
        number_format = self.formats[column]
        return self.parsed(column, lambda raw: _whole(raw, number_format))

    def year(self, column: str) -> int | None:
        number_format = self.formats[column]
        return self.parsed(column, lambda raw: parse_year(raw, number_format=number_format))

    def day(self, column: str) -> date | None:
        epoch = self.reader.epoch
        return self.parsed(column, lambda raw: date_cell(raw, epoch=epoch))


def _whole(raw: object, number_format: str) -> int:
    value = read_cell(raw, number_format=number_format)
    if not value.is_integer():
        raise ValueError(f"{_text(raw):.20} bukan bilangan bulat; isi 1, 2, 3 dan seterusnya")
    return int(value)


def _parse_status(raw: object) -> ActionStatus:
    return parse_choice(raw, ActionStatus)


class _Reader:
    """Collects parse problems and where each plan item sits (to place validation problems)."""

    def __init__(self, tables: dict[str, _Table], epoch: datetime) -> None:
        self.tables = tables
        self.epoch = epoch  # the workbook's date system, for date serials
        self.problems: list[Problem] = []
        self.rows_of: dict[tuple[str, str], list[int]] = defaultdict(list)

    def report(self, problem: Problem) -> None:
        self.problems.append(problem)

    def rows(self, name: str) -> Iterator[_Row]:
        table = self.tables[name]
        width = max(table.positions.values(), default=1)
        for number, cells in enumerate(
            table.sheet.iter_rows(min_row=2, max_row=table.sheet.max_row, max_col=width),
            start=2,
        ):
            row = _Row(self, table, number, cells)
            if not row.is_blank():
                yield row

    def place(self, name: str, key: str, row: int) -> None:
        self.rows_of[(name, key)].append(row)


def _read_objectives(reader: _Reader) -> list[Objective]:
    result = []
    for row in reader.rows(SHEET_OBJECTIVES):
        row.key = row.text("Kode")
        reader.place(SHEET_OBJECTIVES, row.key, row.number)
        result.append(Objective(row.key, row.text("Tujuan PBJ")))
    return result


def _read_areas(reader: _Reader) -> list[Area]:
    result = []
    for row in reader.rows(SHEET_AREAS):
        row.key = row.text("Kode")
        reader.place(SHEET_AREAS, row.key, row.number)
        category = row.required("Kategori Pengukuran", parse_category, Category.LAINNYA)
        result.append(
            Area(row.key, row.text("Nama Area Strategis"), category, row.text("Kode Tujuan"))
        )
    return result


def _read_indicators(reader: _Reader) -> tuple[list[Indicator], set[str]]:
    """The indicators without inputs and period targets, and the codes whose reporting
    frequency could not be read (their period targets cannot be checked)."""
    result = []
    unreadable_frequency = set()
    for row in reader.rows(SHEET_INDICATORS):
        row.key = row.text("Kode")
        reader.place(SHEET_INDICATORS, row.key, row.number)
        reporting = row.parsed("Frekuensi Pelaporan", parse_frequency)
        if reporting is None and row.raw("Frekuensi Pelaporan") is not None:
            unreadable_frequency.add(row.key)
        unit = row.parsed("Satuan", parse_unit) or ""
        result.append(
            Indicator(
                code=row.key,
                area_code=row.text("Kode Area"),
                name=row.text("Nama Indikator"),
                definition=row.text("Definisi"),
                formula=row.text("Rumus"),
                unit=unit,
                polarity=row.parsed("Polaritas", parse_polarity),
                monitoring_frequency=row.parsed("Frekuensi Pemantauan", parse_frequency),
                reporting_frequency=reporting,
                data_source=row.text("Sumber Data"),
                pic_unit=row.text("Unit PIC"),
                evidence=row.text("Bukti Dukung"),
                baseline_value=row.number_("Baseline", unit),
                baseline_year=row.year("Tahun Baseline"),
                annual_target=row.number_("Target Tahunan", unit),
            )
        )
    return result, unreadable_frequency


def _unknown_indicator(row: _Row, code: str) -> None:
    if code:
        row.report(
            "Kode Indikator",
            f"indikator {code} tidak ada di lembar {SHEET_INDICATORS}",
            f"pakai kode dari lembar {SHEET_INDICATORS}",
        )
    else:
        row.report("Kode Indikator", "kode indikator kosong", "isi kode indikatornya")


def _read_inputs(reader: _Reader, codes: set[str]) -> dict[str, list[FormulaInput]]:
    result: dict[str, list[FormulaInput]] = defaultdict(list)
    for row in reader.rows(SHEET_INPUTS):
        code, name = row.text("Kode Indikator"), row.text("Nama Input")
        row.key = f"{code}/{name}"
        reader.place(SHEET_INPUTS, row.key, row.number)
        kind = row.required("Jenis", parse_input_kind, InputKind.ANGKA)
        if code not in codes:
            _unknown_indicator(row, code)
        elif not name:
            row.report("Nama Input", "nama input kosong", "contoh: «total_pagu»")
        else:
            result[code].append(FormulaInput(name, row.text("Keterangan"), kind))
    return result


def _read_targets(
    reader: _Reader, indicators: dict[str, Indicator]
) -> tuple[dict[str, dict[int, float]], set[str]]:
    """Period targets per indicator code, and the codes with unreadable target rows."""
    result: dict[str, dict[int, float]] = defaultdict(dict)
    first_row: dict[tuple[str, int], int] = {}
    broken: set[str] = set()
    for row in reader.rows(SHEET_TARGETS):
        code = row.text("Kode Indikator")
        row.key = code
        reader.place(SHEET_TARGETS, code, row.number)
        period = row.whole("Periode")
        value = row.number_("Target", indicators[code].unit if code in indicators else "")
        if code not in indicators:
            _unknown_indicator(row, code)
            continue
        if period is None or value is None:
            broken.add(code)
            if _is_blank(row.values["Periode"]):
                row.report("Periode", "periode kosong", "isi nomor periode, 1 sampai 12")
            if _is_blank(row.values["Target"]):
                row.report(
                    "Target",
                    f"target periode {period} kosong" if period else "target kosong",
                    "isi targetnya, atau hapus semua baris target indikator ini agar "
                    "diturunkan dari Target Tahunan",
                )
            continue
        frequency = indicators[code].reporting_frequency
        count = frequency.periods_per_year if frequency else 12
        if not 1 <= period <= count:
            broken.add(code)
            row.report(
                "Periode",
                f"periode {period} di luar 1 sampai {count}",
                f"frekuensi pelaporan {frequency.value} punya {count} periode"
                if frequency
                else "periode 1 sampai 12",
            )
            continue
        if (code, period) in first_row:
            broken.add(code)
            row.report(
                "Periode",
                f"periode {period} indikator {code} sudah ada di baris {first_row[code, period]}",
                "hapus salah satu baris",
            )
            continue
        first_row[code, period] = row.number
        result[code][period] = value
    return result, broken


def _read_actions(reader: _Reader) -> list[ActionPlan]:
    drafts: list[tuple[_Row, str, int | None, ActionPlan]] = []
    for row in reader.rows(SHEET_ACTIONS):
        code = row.text("Kode Indikator")
        row.key = f"{code}/{row.text('No')}"
        number = row.whole("No")
        action = ActionPlan(
            indicator_code=code,
            number=0,
            activity=row.text("Kegiatan"),
            output=row.text("Keluaran"),
            start=row.day("Mulai"),
            end=row.day("Selesai"),
            pic_unit=row.text("Unit PIC"),
            status=row.parsed("Status", _parse_status) or ActionStatus.BELUM_MULAI,
        )
        if number is None and row.raw("No") is not None:
            continue  # an unreadable number, reported
        drafts.append((row, code, number, action))
    # Rows without a number get the indicator's next number, in row order.
    last: dict[str, int] = {}
    for _, code, number, _ in drafts:
        if number is not None:
            last[code] = max(last.get(code, 0), number)
    result = []
    for row, code, number, action in drafts:
        if number is None:
            number = last[code] = last.get(code, 0) + 1
        reader.place(SHEET_ACTIONS, f"{code}/{number}", row.number)
        result.append(replace(action, number=number))
    return result


def _read_plan(reader: _Reader, year: int) -> Plan:
    objectives = _read_objectives(reader)
    areas = _read_areas(reader)
    indicators, unreadable_frequency = _read_indicators(reader)
    by_code = {i.code: i for i in reversed(indicators)}  # the first of duplicate codes
    inputs = _read_inputs(reader, set(by_code))
    targets, broken = _read_targets(reader, by_code)
    broken |= unreadable_frequency
    complete = []
    for indicator in indicators:
        code = indicator.code
        period_targets: tuple[float, ...] = ()
        # Broken target rows are reported; counting the readable ones would only add noise.
        if code in broken:
            period_targets = ()
        elif code in targets:
            period_targets = tuple(value for _, value in sorted(targets[code].items()))
        elif indicator.annual_target is not None and indicator.reporting_frequency:
            period_targets = default_period_targets(
                indicator.annual_target, indicator.unit, indicator.reporting_frequency
            )
        complete.append(
            replace(indicator, inputs=tuple(inputs.get(code, ())), period_targets=period_targets)
        )
    return Plan(
        year=year,
        objectives=tuple(objectives),
        areas=tuple(areas),
        indicators=tuple(complete),
        actions=tuple(_read_actions(reader)),
    )


def _place_problems(
    found: list[Problem], rows_of: dict[tuple[str, str], list[int]]
) -> list[Problem]:
    """Give validation problems the Excel row of the item they are about.

    Items are found by key; when a key sits on several rows (a duplicate code), the n-th
    of n identical problems goes to the n-th row, and a lone problem goes to the repeat
    and names every row.
    """
    same = Counter((p.sheet, p.key, p.column, p.message) for p in found)
    seen: Counter[tuple[str, str, str, str]] = Counter()
    result = []
    for problem in found:
        rows = rows_of.get((problem.sheet, problem.key), [])
        identity = (problem.sheet, problem.key, problem.column, problem.message)
        nth = seen[identity]
        seen[identity] += 1
        if not rows:
            result.append(problem)
        elif len(rows) == 1 or problem.sheet == SHEET_TARGETS:
            result.append(replace(problem, row=rows[0]))
        elif same[identity] == len(rows):
            result.append(replace(problem, row=rows[nth]))
        else:
            listed = ", ".join(str(r) for r in rows)
            result.append(
                replace(problem, row=rows[1], message=f"{problem.message} (baris {listed})")
            )
    return result


def _sorted(found: list[Problem]) -> list[Problem]:
    def order(item: tuple[int, Problem]) -> tuple[int, int, int]:
        index, problem = item
        sheet = SHEET_ORDER.index(problem.sheet) if problem.sheet in SHEET_ORDER else -1
        return (sheet, problem.row if problem.row is not None else 0, index)

    return [problem for _, problem in sorted(enumerate(found), key=order)]


def _read(content: bytes, year: int) -> Plan | list[Problem]:
    has_formulas = check_container(content, _XLSX_RULES)
    workbook = load_xlsx(content, _XLSX_RULES, data_only=True)
    if all(_find_sheet(workbook, name) is None for name in SHEET_ORDER):
        return [
            _file_problem(
                "berkas Excel ini bukan template rencana kinerja (lembar Petunjuk, Tujuan, "
                "Area, Indikator dan lainnya tidak ada)",
                _HINT_NEW_TEMPLATE,
            )
        ]
    structural = _check_guide(workbook, year)
    tables: dict[str, _Table] = {}
    for name in DATA_SHEETS:
        sheet = _find_sheet(workbook, name)
        if sheet is None:
            structural.append(
                Problem(
                    name,
                    "",
                    "",
                    f"lembar {name} tidak ditemukan",
                    "jangan mengganti nama atau menghapus lembar; " + _HINT_NEW_TEMPLATE,
                )
            )
            continue
        tables[name], found = _locate(sheet, name)
        structural.extend(found)
    if structural:
        return _sorted(structural)
    if has_formulas:
        _find_uncached_formulas(content, tables)
    reader = _Reader(tables, workbook.epoch)
    plan = _read_plan(reader, year)
    taken = {(p.sheet, p.row, p.column) for p in reader.problems}
    checked = [
        p
        for p in _place_problems(problems(plan), reader.rows_of)
        if (p.sheet, p.row, p.column) not in taken
    ]
    found = reader.problems + checked
    return _sorted(found) if found else plan


def read_plan_workbook(content: bytes, *, year: int) -> Plan | list[Problem]:
    """The plan in an uploaded workbook, or every problem that keeps it from being one.

    A returned plan has no validation problems; it may still be incomplete.
    """
    try:
        return _read(content, year)
    except Refused as refused:
        return refused.problems
    except Exception:
        logger.exception("unexpected error while reading a plan workbook")
        return [
            _file_problem(
                "berkas tidak dapat dibaca karena isinya tidak terduga",
                "ambil template baru lewat /rencana, salin isinya, lalu kirim lagi; bila "
                "masih gagal, hubungi operator bot",
            )
        ]
