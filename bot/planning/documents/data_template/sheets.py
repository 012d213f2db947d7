"""The data template's data sheets: ``Data Paket``, ``Rencana Aksi`` and ``Kendala``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.planning.documents.data_template.cells import (
    Column,
    data_cell,
    date_rule,
    header,
    list_rule,
    number_rule,
    row_height,
    validate,
)
from bot.planning.documents.data_template.layout import (
    ACTION_COLUMNS,
    FIRST_DATA_ROW,
    ISSUE_COLUMNS,
    PACKAGE_COLUMNS_AFTER,
    PACKAGE_COLUMNS_BEFORE,
    InputColumn,
    PackageRow,
)
from bot.planning.documents.sheets import DATE_FORMAT, protect
from bot.planning.rules.model import ActionStatus, InputKind, Plan

# Rows prepared for packages: at least this many in all, and this many free after the
# pre-filled ones.
_PACKAGE_ROWS = 50
_SPARE_PACKAGE_ROWS = 10
_ISSUE_ROWS = 30

_NUMERIC_KINDS = (InputKind.ANGKA, InputKind.RUPIAH, InputKind.PERSEN, InputKind.HARI)
_RUPIAH_FORMAT = "#,##0"

_PACKAGE_HINTS = {
    "kode_rup": "kode paket di SIRUP",
    "nama_paket": "nama paket",
    "pagu": "angka, tanpa Rp",
    "kode_area": "pilih dari daftar",
    "catatan_bukti_dukung": "nama berkas atau tautan bukti",
}


def _area_rule(plan: Plan, guide_range: str | None) -> Any | None:
    """The Kode Area drop-down: the codes listed inline, or the list on the guide sheet."""
    codes = [area.code for area in plan.areas if area.code]
    if not codes:
        return None
    inline = ",".join(codes)
    if len(inline) <= 250 and not any(ch in inline for ch in "\"'"):
        return list_rule(codes, "kode area")
    if guide_range is None:
        return None
    rule = list_rule((), "kode area")
    rule.formula1 = guide_range
    return rule


def _package_header(ws: Any, columns: Sequence[InputColumn]) -> int:
    """The header of ``Data Paket``; returns the number of columns."""
    head: list[Column] = [(k, label, _PACKAGE_HINTS[k]) for k, label in PACKAGE_COLUMNS_BEFORE]
    widths = [16.0, 42.0, 18.0, 11.0]
    for name, label, kind, codes in columns:
        head.append((name, f"{label}\n({kind})", "Dipakai: " + ", ".join(codes)))
        widths.append(22.0)
    head += [(k, label, _PACKAGE_HINTS[k]) for k, label in PACKAGE_COLUMNS_AFTER]
    widths.append(36.0)
    header(ws, head, widths)
    return len(head)


def _package_checks(
    plan: Plan, columns: Sequence[InputColumn], area_range: str | None
) -> tuple[dict[int, str], list[tuple[int, Any]]]:
    """Number formats and validation rules of the ``Data Paket`` columns, by column."""
    formats: dict[int, str] = {1: "@", 3: _RUPIAH_FORMAT}
    rules: list[tuple[int, Any]] = [(3, number_rule())]
    area_rule = _area_rule(plan, area_range)
    if area_rule is not None:
        rules.append((4, area_rule))
    for offset, (_, _, kind, _) in enumerate(columns):
        column = len(PACKAGE_COLUMNS_BEFORE) + 1 + offset
        if kind == InputKind.RUPIAH:
            formats[column] = _RUPIAH_FORMAT
        elif kind == InputKind.TANGGAL:
            formats[column] = DATE_FORMAT
            rules.append((column, date_rule()))
        if kind in _NUMERIC_KINDS:
            rules.append((column, number_rule()))
        elif kind == InputKind.YA_TIDAK:
            rules.append((column, list_rule(("ya", "tidak"), "ya atau tidak")))
    return formats, rules


def package_sheet(
    ws: Any,
    plan: Plan,
    packages: Sequence[PackageRow],
    columns: Sequence[InputColumn],
    area_range: str | None,
) -> None:
    """One row per package: the given packages pre-filled, then empty rows."""
    width = _package_header(ws, columns)
    count = max(_PACKAGE_ROWS, len(packages) + _SPARE_PACKAGE_ROWS)
    first, last = FIRST_DATA_ROW, FIRST_DATA_ROW + count - 1
    formats, rules = _package_checks(plan, columns, area_range)
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
        for column in range(1, width + 1):
            data_cell(ws, row, column, values.get(column), number_format=formats.get(column))
    for column, rule in rules:
        validate(ws, rule, column, first, last)
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=3).coordinate
    protect(ws)


def action_sheet(ws: Any, plan: Plan) -> None:
    """One row per action plan; what identifies it is locked, status and progress open."""
    hints = {
        "kode_indikator": "jangan diubah",
        "no": "jangan diubah",
        "kegiatan": "jangan diubah",
        "status": "pilih dari daftar",
        "progres": "kemajuan kegiatan pada periode ini",
        "kendala": "hambatan, bila ada",
    }
    widths = (14, 6, 50, 16, 45, 35)
    header(ws, [(k, label, hints[k]) for k, label in ACTION_COLUMNS], widths)
    codes = [i.code for i in plan.indicators]
    codes += sorted({a.indicator_code for a in plan.actions} - set(codes))
    actions = [action for code in codes for action in plan.actions_of(code)]
    for offset, action in enumerate(actions):
        row = FIRST_DATA_ROW + offset
        data_cell(ws, row, 1, action.indicator_code, locked=True)
        data_cell(ws, row, 2, action.number, locked=True)
        data_cell(ws, row, 3, action.activity, locked=True)
        data_cell(ws, row, 4, action.status.value)
        data_cell(ws, row, 5)
        data_cell(ws, row, 6)
        ws.row_dimensions[row].height = row_height([(action.activity, widths[2])])
    statuses = [status.value for status in ActionStatus]
    validate(
        ws,
        list_rule(statuses, "status"),
        4,
        FIRST_DATA_ROW,
        FIRST_DATA_ROW + len(actions) - 1,
    )
    protect(ws)


def issue_sheet(ws: Any) -> None:
    """Free rows for the unit's general issues."""
    hints = {
        "uraian_kendala": "kendala yang dihadapi",
        "dampak": "akibatnya bagi kinerja",
        "usulan_tindak_lanjut": "usulan perbaikan",
    }
    header(ws, [(k, label, hints[k]) for k, label in ISSUE_COLUMNS], (50, 35, 45))
    for row in range(FIRST_DATA_ROW, FIRST_DATA_ROW + _ISSUE_ROWS):
        for column in range(1, len(ISSUE_COLUMNS) + 1):
            data_cell(ws, row, column)
    protect(ws)
