"""The performance data template (Template Data Kinerja) PJ Kinerja fill in every period.

SOP step 11: each performance owner (PJ Kinerja) enters process and action data of the
unit's procurement packages; step 12 sends it back. The workbook is made from the approved
plan; a later feature reads it back, so its layout is fixed and versioned.

Layout of version ``data-kinerja-v1`` (``DATA_TEMPLATE_VERSION``):

Sheet ``Petunjuk`` (instructions, in Indonesian)
    A1 title. Label in column A, value in column B:
    ``B3`` template version (``DATA_TEMPLATE_VERSION``; a reader refuses other values),
    ``B4`` unit (OPD) name, ``B5`` reporting period label, ``B6`` plan year.
    Unit and period are unlocked when the template was made without them.
    Below: the filling instructions, the strategic areas (the Kode Area list), the
    columns to fill and the indicators that use them. Informative only.

Every data sheet (``Data Paket``, ``Rencana Aksi``, ``Kendala``) has three header rows:
    row 1 column labels, row 2 a hint (for formula inputs: the indicator codes using the
    input, ``Dipakai: IKU-04, IKU-06``), row 3 the column key (a stable machine name,
    e.g. ``total_pagu``); data start in row 4 (``FIRST_DATA_ROW``). Readers should find
    columns by the key in row 3; the order is also given by ``data_template_columns``.
    Header rows are frozen and locked; data cells are unlocked; the sheets are protected
    without a password (a guard against slips, not a security measure), with inserting
    rows and resizing allowed. Empty rows are to be skipped by readers.

Sheet ``Data Paket``: one row per procurement package
    ``kode_rup`` Kode RUP (text), ``nama_paket`` Nama Paket, ``pagu`` Pagu (Rp) (number,
    ``#,##0``), ``kode_area`` Kode Area (drop-down of the plan's area codes), then one column
    per distinct formula input of the plan's indicators, in plan order (an input used by
    several indicators, e.g. ``total_pagu``, has one column; the first indicator's label and
    kind are used), then ``catatan_bukti_dukung`` Catatan Bukti Dukung (free text).
    Input columns by kind: rupiah ``#,##0``; angka/persen/hari decimal >= 0; tanggal a date
    (``DD/MM/YYYY``); ya/tidak a drop-down ``ya,tidak``. Packages given to the generator
    are pre-filled; otherwise (and after them) empty rows are prepared.

Sheet ``Rencana Aksi``: one row per action plan of the plan
    ``kode_indikator`` Kode Indikator, ``no`` No, ``kegiatan`` Kegiatan (these three are
    pre-filled and locked: they identify the action), ``status`` Status (drop-down of
    ``ActionStatus`` values, pre-filled with the current status), ``progres``
    Progres/Keterangan and ``kendala`` Kendala (free text).

Sheet ``Kendala``: free rows of ``uraian_kendala`` Uraian Kendala, ``dampak`` Dampak,
    ``usulan_tindak_lanjut`` Usulan Tindak Lanjut.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import (
    Alignment,
    Border,
    Font,
    PatternFill,
    Protection,
    Side,
)
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.datavalidation import DataValidation

from bot.planning.rules.model import ActionStatus, InputKind, Plan

DATA_TEMPLATE_VERSION = "data-kinerja-v1"

SHEET_GUIDE = "Petunjuk"
SHEET_PACKAGES = "Data Paket"
SHEET_ACTIONS = "Rencana Aksi"
SHEET_ISSUES = "Kendala"

VERSION_CELL = "B3"
UNIT_CELL = "B4"
PERIOD_CELL = "B5"
YEAR_CELL = "B6"

LABEL_ROW, HINT_ROW, KEY_ROW = 1, 2, 3
FIRST_DATA_ROW = 4

# (key, label) of the fixed columns.
PACKAGE_COLUMNS_BEFORE = (
    ("kode_rup", "Kode RUP"),
    ("nama_paket", "Nama Paket"),
    ("pagu", "Pagu (Rp)"),
    ("kode_area", "Kode Area"),
)
PACKAGE_COLUMNS_AFTER = (("catatan_bukti_dukung", "Catatan Bukti Dukung"),)
ACTION_COLUMNS = (
    ("kode_indikator", "Kode Indikator"),
    ("no", "No"),
    ("kegiatan", "Kegiatan"),
    ("status", "Status"),
    ("progres", "Progres/Keterangan"),
    ("kendala", "Kendala"),
)
ISSUE_COLUMNS = (
    ("uraian_kendala", "Uraian Kendala"),
    ("dampak", "Dampak"),
    ("usulan_tindak_lanjut", "Usulan Tindak Lanjut"),
)

# Rows prepared for packages: at least this many in all, and this many free after the
# pre-filled ones.
_PACKAGE_ROWS = 50
_SPARE_PACKAGE_ROWS = 10
_ISSUE_ROWS = 30

_NUMERIC_KINDS = (InputKind.ANGKA, InputKind.RUPIAH, InputKind.PERSEN, InputKind.HARI)
_RUPIAH_FORMAT = "#,##0"
_DATE_FORMAT = "DD/MM/YYYY"

_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="D6E2F0")
_HINT_FILL = PatternFill("solid", fgColor="EEF3F9")
_FIXED_FILL = PatternFill("solid", fgColor="F2F2F2")
_LOCKED = Protection(locked=True)
_UNLOCKED = Protection(locked=False)
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")


@dataclass(frozen=True)
class PackageRow:
    """A procurement package to pre-fill (from SIRUP, mapped to an area in step 10)."""

    kode_rup: str
    nama_paket: str
    pagu: float | None = None
    area_code: str | None = None


def data_template_columns(plan: Plan) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """The formula-input columns of ``Data Paket`` in order: (name, label, kind, indicators).

    One column per distinct input name over the plan's indicators, in the order they first
    appear; label and kind come from that first appearance.
    """
    first: dict[str, tuple[str, str]] = {}
    users: dict[str, list[str]] = {}
    for indicator in plan.indicators:
        for item in indicator.inputs:
            first.setdefault(item.name, (item.label, item.kind.value))
            codes = users.setdefault(item.name, [])
            if indicator.code not in codes:
                codes.append(indicator.code)
    return [(name, label, kind, tuple(users[name])) for name, (label, kind) in first.items()]


_Column = tuple[str, str, str]  # key, label, hint


def _row_height(cells: Sequence[tuple[object, float]], *, line: float = 15.0) -> float:
    """A row height (points) that shows every wrapped value; cells are (value, width).

    Spreadsheet programs do not all grow rows to fit wrapped text on opening, so the
    height is set from an estimate: about 1.1 characters per unit of column width.
    """
    lines = 1
    for value, width in cells:
        if value is None:
            continue
        per_line = max(int(width * 1.1), 1)
        lines = max(
            lines,
            sum(max(1, -(-len(part) // per_line)) for part in str(value).split("\n")),
        )
    return lines * line


def _header(ws: Any, columns: Sequence[_Column], widths: Sequence[float]) -> None:
    """The three header rows (label, hint, key), frozen above the data."""
    for index, ((key, label, hint), width) in enumerate(zip(columns, widths, strict=True), 1):
        for row, text, font, fill in (
            (LABEL_ROW, label, Font(bold=True), _HEAD_FILL),
            (HINT_ROW, hint, Font(italic=True, size=9, color="404040"), _HINT_FILL),
            (KEY_ROW, key, Font(size=8, color="808080"), _HINT_FILL),
        ):
            cell = ws.cell(row=row, column=index, value=text)
            cell.font = font
            cell.fill = fill
            cell.border = _BORDER
            cell.alignment = _WRAP_TOP
            cell.protection = _LOCKED
        ws.column_dimensions[get_column_letter(index)].width = width
    for row, at in ((LABEL_ROW, 1), (HINT_ROW, 2)):
        texts = [(column[at], width) for column, width in zip(columns, widths, strict=True)]
        ws.row_dimensions[row].height = _row_height(texts, line=12.5)
    ws.print_title_rows = f"{LABEL_ROW}:{KEY_ROW}"
    ws.page_setup.orientation = "landscape"
    _fit_to_width(ws)
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=1).coordinate


def _data_cell(
    ws: Any,
    row: int,
    column: int,
    value: object = None,
    *,
    number_format: str | None = None,
    locked: bool = False,
) -> None:
    cell = ws.cell(row=row, column=column, value=value)
    cell.border = _BORDER
    cell.alignment = _WRAP_TOP
    cell.protection = _LOCKED if locked else _UNLOCKED
    if locked:
        cell.fill = _FIXED_FILL
    if number_format:
        cell.number_format = number_format


def _fit_to_width(ws: Any) -> None:
    """Print every column on the page width."""
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_setup.paperSize = ws.PAPERSIZE_A4


def _protect(ws: Any) -> None:
    """Protect locked cells (no password); resizing, inserting and deleting rows stay allowed."""
    protection = ws.protection
    protection.sheet = True
    # In a sheet protection, False means "allowed".
    protection.formatColumns = False
    protection.formatRows = False
    protection.insertRows = False
    protection.deleteRows = False
    protection.selectLockedCells = False
    protection.selectUnlockedCells = False


def _validate(ws: Any, rule: Any, column: int, first: int, last: int) -> None:
    if last < first:
        return
    letter = get_column_letter(column)
    rule.add(f"{letter}{first}:{letter}{last}")
    ws.add_data_validation(rule)


def _list_rule(choices: Sequence[str], what: str) -> Any:
    return DataValidation(
        type="list",
        formula1='"' + ",".join(choices) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Pilihan tidak dikenal",
        error=f"Pilih {what} dari daftar.",
    )


def _number_rule() -> Any:
    return DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Bukan angka",
        error="Isi dengan angka 0 atau lebih, tanpa Rp dan tanpa satuan.",
    )


def _date_rule() -> Any:
    return DataValidation(
        type="date",
        operator="between",
        formula1=str(int(to_excel(date(2000, 1, 1)))),
        formula2=str(int(to_excel(date(2100, 12, 31)))),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Bukan tanggal",
        error="Isi dengan tanggal, contoh 31/03/2027.",
    )


def _area_rule(plan: Plan, guide_range: str | None) -> Any | None:
    """The Kode Area drop-down: the codes listed inline, or the list on the guide sheet."""
    codes = [area.code for area in plan.areas if area.code]
    if not codes:
        return None
    inline = ",".join(codes)
    if len(inline) <= 250 and not any(ch in inline for ch in "\"'"):
        return _list_rule(codes, "kode area")
    if guide_range is None:
        return None
    rule = _list_rule((), "kode area")
    rule.formula1 = guide_range
    return rule


# How numbers are read (bot.core.numbers), said once for people.
NUMBER_RULES = (
    "Angka: ketik angkanya di sel; angka dibaca persis seperti tersimpan di Excel. Bila "
    "ditulis sebagai teks, koma menandai desimal (42,25) dan titik memisahkan ribuan "
    "(1.250.000); 42.25 juga dibaca 42,25. Tulisan seperti 1.234 (tepat tiga angka sesudah "
    "satu titik atau koma) ditolak karena bisa berarti 1,234 atau 1234: tulis 1234 bila "
    "ribuan, atau 1,2340 bila desimal. Sel berisi tanggal di kolom angka ditolak.",
    "Persen: ketik 75 atau 75,5 untuk 75%; tanda % boleh, dan sel berformat persen yang "
    "menampilkan 75% juga dibaca 75. Rupiah: 1.250.000, Rp 1.250.000 atau 1,25 M (miliar), "
    "750 jt, 500 rb; di kolom rupiah 1.250 berarti seribu dua ratus lima puluh, dan nilai "
    "dibulatkan ke rupiah penuh. Tanda % dan Rp hanya untuk kolom persen dan rupiah.",
)

_INSTRUCTIONS = (
    "Lembar Data Paket: isi satu baris untuk setiap paket pengadaan unit Anda pada periode "
    "ini. Paket yang sudah tercantum berasal dari pemetaan paket (SIRUP); lengkapi isiannya.",
    "Kode Area: pilih kode area strategis paket dari daftar (lihat Daftar Area Strategis "
    "di bawah).",
    "Kolom sesudah Kode Area adalah data untuk rumus indikator. Baris ke-2 judul kolom "
    "menyebut indikator yang memakainya dan judulnya menyebut jenisnya (angka, rupiah, "
    "persen, hari, tanggal, ya/tidak). Tanggal seperti 31/03/2027; kolom ya/tidak dipilih "
    "dari daftar. Kosongkan kolom yang tidak berlaku untuk paket itu.",
    *NUMBER_RULES,
    "Catatan Bukti Dukung: sebutkan dokumen bukti (nama berkas atau tautan) data paket itu.",
    "Lembar Rencana Aksi: perbarui Status setiap kegiatan (pilih dari daftar), tulis kemajuan "
    "di Progres/Keterangan dan hambatannya di Kendala.",
    "Lembar Kendala: tulis kendala umum yang dihadapi, dampaknya dan usulan tindak lanjutnya.",
    "Jangan mengubah nama lembar, judul kolom, baris kunci (baris ke-3 setiap lembar) atau "
    "sel versi, dan jangan menghapus kolom. Bila baris kurang, sisipkan baris di dalam tabel.",
    "Simpan berkas sebagai .xlsx lalu kirim kembali melalui bot.",
)

_GUIDE_WIDTHS = (22.0, 48.0, 24.0, 40.0)


def _guide(
    ws: Any,
    plan: Plan,
    unit_name: str | None,
    period_label: str | None,
    columns: Sequence[tuple[str, str, str, tuple[str, ...]]],
) -> str | None:
    """Fill the ``Petunjuk`` sheet; returns the range holding the area codes (if any)."""
    for index, width in enumerate(_GUIDE_WIDTHS, 1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws["A1"] = f"TEMPLATE DATA KINERJA TAHUN {plan.year}"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = (
        "Pengelolaan Kinerja Pengadaan Barang/Jasa: diisi Penanggung Jawab Kinerja (PJ Kinerja) "
        "setiap periode pelaporan."
    )
    ws["A2"].font = Font(italic=True, color="404040")
    facts = (
        (VERSION_CELL, "Versi template", DATA_TEMPLATE_VERSION, True),
        (UNIT_CELL, "Unit / OPD", unit_name or None, unit_name is not None),
        (PERIOD_CELL, "Periode pelaporan", period_label or None, period_label is not None),
        (YEAR_CELL, "Tahun rencana", plan.year, True),
    )
    for coordinate, label, value, locked in facts:
        row = ws[coordinate].row
        ws.cell(row=row, column=1, value=label).font = Font(bold=True)
        cell = ws[coordinate]
        cell.value = value
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="left")
        cell.protection = _LOCKED if locked else _UNLOCKED
        if not locked:
            cell.fill = PatternFill("solid", fgColor="FFF2CC")
    row = ws[YEAR_CELL].row + 2

    def heading(text: str) -> None:
        nonlocal row
        ws.cell(row=row, column=1, value=text).font = Font(bold=True, size=12)
        row += 1

    def table(head: Sequence[str], lines: Sequence[Sequence[object]]) -> tuple[int, int]:
        nonlocal row
        for column, text in enumerate(head, 1):
            cell = ws.cell(row=row, column=column, value=text)
            cell.font = Font(bold=True)
            cell.fill = _HEAD_FILL
            cell.border = _BORDER
        row += 1
        first = row
        for line in lines:
            for column, value in enumerate(line, 1):
                cell = ws.cell(row=row, column=column, value=value)
                cell.border = _BORDER
                cell.alignment = _WRAP_TOP
            ws.row_dimensions[row].height = _row_height(
                list(zip(line, _GUIDE_WIDTHS[: len(line)], strict=True))
            )
            row += 1
        last = row - 1
        row += 1
        return first, last

    heading("Cara mengisi")
    text_width = sum(_GUIDE_WIDTHS)
    for number, text in enumerate(_INSTRUCTIONS, 1):
        ws.cell(row=row, column=1, value=f"{number}. {text}").alignment = _WRAP_TOP
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(_GUIDE_WIDTHS))
        ws.row_dimensions[row].height = _row_height([(text, text_width)])
        row += 1
    row += 1

    heading("Daftar Area Strategis (pilihan Kode Area)")
    first, last = table(
        ("Kode Area", "Area Strategis", "Kategori"),
        [(a.code, a.name, a.category.value) for a in plan.areas],
    )
    area_range = f"'{SHEET_GUIDE}'!$A${first}:$A${last}" if plan.areas else None

    heading(f"Kolom isian data di lembar {SHEET_PACKAGES}")
    table(
        ("Kunci kolom", "Keterangan", "Jenis", "Dipakai oleh indikator"),
        [(name, label, kind, ", ".join(codes)) for name, label, kind, codes in columns],
    )

    heading("Indikator kinerja")
    table(
        ("Kode", "Indikator", "Satuan", "Rumus"),
        [(i.code, i.name, i.unit, i.formula) for i in plan.indicators],
    )
    _fit_to_width(ws)
    _protect(ws)
    return area_range


def _package_sheet(
    ws: Any,
    plan: Plan,
    packages: Sequence[PackageRow],
    columns: Sequence[tuple[str, str, str, tuple[str, ...]]],
    area_range: str | None,
) -> None:
    fixed_hints = {
        "kode_rup": "kode paket di SIRUP",
        "nama_paket": "nama paket",
        "pagu": "angka, tanpa Rp",
        "kode_area": "pilih dari daftar",
        "catatan_bukti_dukung": "nama berkas atau tautan bukti",
    }
    header: list[_Column] = [(k, label, fixed_hints[k]) for k, label in PACKAGE_COLUMNS_BEFORE]
    widths = [16.0, 42.0, 18.0, 11.0]
    for name, label, kind, codes in columns:
        header.append((name, f"{label}\n({kind})", "Dipakai: " + ", ".join(codes)))
        widths.append(22.0)
    header += [(k, label, fixed_hints[k]) for k, label in PACKAGE_COLUMNS_AFTER]
    widths.append(36.0)
    _header(ws, header, widths)

    count = max(_PACKAGE_ROWS, len(packages) + _SPARE_PACKAGE_ROWS)
    first, last = FIRST_DATA_ROW, FIRST_DATA_ROW + count - 1
    formats: dict[int, str] = {1: "@", 3: _RUPIAH_FORMAT}
    rules: list[tuple[int, Any]] = [(3, _number_rule())]
    area_rule = _area_rule(plan, area_range)
    if area_rule is not None:
        rules.append((4, area_rule))
    for offset, (_, _, kind, _) in enumerate(columns):
        column = len(PACKAGE_COLUMNS_BEFORE) + 1 + offset
        if kind == InputKind.RUPIAH:
            formats[column] = _RUPIAH_FORMAT
        elif kind == InputKind.TANGGAL:
            formats[column] = _DATE_FORMAT
            rules.append((column, _date_rule()))
        if kind in _NUMERIC_KINDS:
            rules.append((column, _number_rule()))
        elif kind == InputKind.YA_TIDAK:
            rules.append((column, _list_rule(("ya", "tidak"), "ya atau tidak")))

    for index in range(count):
        row = first + index
        package = packages[index] if index < len(packages) else None
        values: dict[int, object] = {}
        if package is not None:
            values = {
                1: package.kode_rup,
                2: package.nama_paket,
                3: package.pagu,
                4: package.area_code,
            }
        for column in range(1, len(header) + 1):
            _data_cell(ws, row, column, values.get(column), number_format=formats.get(column))
    for column, rule in rules:
        _validate(ws, rule, column, first, last)
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=3).coordinate
    _protect(ws)


def _action_sheet(ws: Any, plan: Plan) -> None:
    hints = {
        "kode_indikator": "jangan diubah",
        "no": "jangan diubah",
        "kegiatan": "jangan diubah",
        "status": "pilih dari daftar",
        "progres": "kemajuan kegiatan pada periode ini",
        "kendala": "hambatan, bila ada",
    }
    widths = (14, 6, 50, 16, 45, 35)
    _header(ws, [(k, label, hints[k]) for k, label in ACTION_COLUMNS], widths)
    codes = [i.code for i in plan.indicators]
    codes += sorted({a.indicator_code for a in plan.actions} - set(codes))
    actions = [action for code in codes for action in plan.actions_of(code)]
    for offset, action in enumerate(actions):
        row = FIRST_DATA_ROW + offset
        _data_cell(ws, row, 1, action.indicator_code, locked=True)
        _data_cell(ws, row, 2, action.number, locked=True)
        _data_cell(ws, row, 3, action.activity, locked=True)
        _data_cell(ws, row, 4, action.status.value)
        _data_cell(ws, row, 5)
        _data_cell(ws, row, 6)
        ws.row_dimensions[row].height = _row_height([(action.activity, widths[2])])
    statuses = [status.value for status in ActionStatus]
    _validate(
        ws,
        _list_rule(statuses, "status"),
        4,
        FIRST_DATA_ROW,
        FIRST_DATA_ROW + len(actions) - 1,
    )
    _protect(ws)


def _issue_sheet(ws: Any) -> None:
    hints = {
        "uraian_kendala": "kendala yang dihadapi",
        "dampak": "akibatnya bagi kinerja",
        "usulan_tindak_lanjut": "usulan perbaikan",
    }
    _header(ws, [(k, label, hints[k]) for k, label in ISSUE_COLUMNS], (50, 35, 45))
    for row in range(FIRST_DATA_ROW, FIRST_DATA_ROW + _ISSUE_ROWS):
        for column in range(1, len(ISSUE_COLUMNS) + 1):
            _data_cell(ws, row, column)
    _protect(ws)


def performance_data_template(
    plan: Plan,
    *,
    unit_name: str | None,
    period_label: str | None = None,
    packages: Sequence[PackageRow] = (),
) -> bytes:
    """The data template workbook (.xlsx bytes) for one unit and period of ``plan``.

    The layout is described in this module's docstring.
    """
    columns = data_template_columns(plan)
    workbook = Workbook()
    guide = workbook.active
    guide.title = SHEET_GUIDE
    area_range = _guide(guide, plan, unit_name, period_label, columns)
    _package_sheet(workbook.create_sheet(SHEET_PACKAGES), plan, packages, columns, area_range)
    _action_sheet(workbook.create_sheet(SHEET_ACTIONS), plan)
    _issue_sheet(workbook.create_sheet(SHEET_ISSUES))
    workbook.active = 0
    properties = workbook.properties
    properties.title = f"Template Data Kinerja {plan.year}"
    properties.creator = "Kinerja PBJ Bot"
    properties.keywords = DATA_TEMPLATE_VERSION
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
