"""Reading the data rows of a filled Template Data Kinerja: package values, action plan
progress and constraints, each problem pointing at its row and column (see
docs/formats/template-data-kinerja-xlsx-membaca.md)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime

from bot.core.limits import REPORT_CONSTRAINTS, REPORT_NOTE
from bot.core.numbers import NumberError, read_cell, read_code
from bot.core.xlsx_guard import cell_text as text_of
from bot.core.xlsx_guard import is_blank
from bot.planning.documents.data_template import ISSUE_COLUMNS
from bot.planning.rules.model import ActionPlan, ActionStatus, InputKind, Plan
from bot.planning.rules.validation import Problem
from bot.planning.rules.values import parse_choice
from bot.reporting.rules import ReportingPeriod, input_prompt, parse_input_cell
from bot.reporting.workbook.sheets import HINT_NEW, LABELS, Row, Table, data_rows


@dataclass(frozen=True)
class PackageReport:
    """One package row: its formula input values (only filled cells) and evidence note."""

    kode_rup: str
    values: dict[str, float | bool | date]
    evidence_note: str


@dataclass(frozen=True)
class ActionProgress:
    """One row of ``Rencana Aksi``: the action's status, progress note and constraint."""

    indicator_code: str
    number: int
    status: ActionStatus
    note: str
    constraint: str


def _split_reason(reason: str) -> tuple[str, str]:
    """Readers say "what; how to fix": split into message and hint."""
    message, _, hint = reason.partition("; ")
    return message, hint


def _whole(value: object, number_format: str | None) -> int:
    try:
        number = read_cell(value, number_format=number_format)
    except NumberError as error:
        raise ValueError(error.message.replace("bukan angka", "bukan nomor")) from None
    if not number.is_integer() or number < 1:
        raise ValueError(f"{text_of(value):.20} bukan nomor urut")
    return int(number)


def _input_values(
    row: Row, located: list[tuple[str, str, InputKind]], period: ReportingPeriod, epoch: datetime
) -> dict[str, float | bool | date]:
    """The row's filled input cells, typed; each unreadable one is reported."""
    values: dict[str, float | bool | date] = {}
    for name, label, kind in located:
        raw = row.raw(name, label)
        if raw is None:
            continue
        try:
            values[name] = parse_input_cell(
                kind, raw, number_format=row.formats[name], period=period, epoch=epoch
            )
        except ValueError as exc:
            message, hint = _split_reason(str(exc))
            if not hint and kind is InputKind.TANGGAL:
                hint = f"isi tanggal dari {period.span}"
            row.report(label, message, hint or input_prompt(kind))
    return values


def read_packages(
    table: Table,
    inputs: list[tuple[str, str, InputKind]],
    known_kode_rup: Collection[str],
    period: ReportingPeriod,
    epoch: datetime,
    found: list[Problem],
) -> list[PackageReport]:
    """The package rows with values or a note; kode RUP checked against the unit's."""
    known = {text_of(code) for code in known_kode_rup}
    first_row: dict[str, int] = {}
    result = []
    located = [item for item in inputs if item[0] in table.columns]
    label = LABELS["kode_rup"]
    for row in data_rows(table, found):
        try:
            kode = read_code(row.raw("kode_rup", label), what="kode RUP")
        except NumberError as error:
            row.report(label, error.message, error.hint)
            continue
        row.key = kode
        values = _input_values(row, located, period, epoch)
        note = row.text_at_most("catatan_bukti_dukung", REPORT_NOTE)
        filled = note or any(not is_blank(row.values.get(name)) for name, _, _ in located)
        if not kode:
            if filled:
                row.report(
                    label,
                    "kode RUP kosong, padahal baris ini berisi data",
                    "isi kode RUP paketnya, atau kosongkan seluruh baris",
                )
            continue
        if kode in first_row:
            row.report(
                label,
                f"kode RUP {kode:.30} sudah ada di baris {first_row[kode]}",
                "satu paket satu baris: gabungkan isiannya lalu hapus baris yang lain",
            )
        elif kode not in known:
            row.report(
                label,
                f"kode RUP {kode:.30} tidak dikenal (bukan paket unit ini)",
                "periksa kodenya; pakai kode RUP dari daftar paket unit Anda di SIRUP",
            )
        first_row.setdefault(kode, row.number)
        if values or note:
            result.append(PackageReport(kode, values, note))
    return result


def read_actions(table: Table, plan: Plan, found: list[Problem]) -> list[ActionProgress]:
    """The progress of each action plan named by a row (blank status: the current one)."""
    actions: dict[tuple[str, int], ActionPlan] = {
        (a.indicator_code, a.number): a for a in plan.actions
    }
    first_row: dict[tuple[str, int], int] = {}
    result = []
    for row in data_rows(table, found):
        code = row.text("kode_indikator")
        raw_number = row.raw("no", LABELS["no"])
        row.key = f"{code}/{text_of(raw_number)}"
        number: int | None = None
        if raw_number is not None:
            try:
                number = _whole(raw_number, row.formats["no"])
            except ValueError as exc:
                row.report(LABELS["no"], str(exc), "jangan mengubah kolom No")
        note = row.text_at_most("progres", REPORT_NOTE)
        constraint = row.text_at_most("kendala", REPORT_NOTE)
        raw_status = row.raw("status", LABELS["status"])
        status: ActionStatus | None = None
        if raw_status is not None:
            try:
                status = parse_choice(raw_status, ActionStatus)
            except ValueError as exc:
                message, hint = _split_reason(str(exc))
                row.report(LABELS["status"], f"status {message}", hint)
        if not code or raw_number is None:
            row.report(
                LABELS["kode_indikator"] if not code else LABELS["no"],
                "baris ini tidak menyebut rencana aksinya (Kode Indikator dan No)",
                "jangan menambah baris atau mengubah kolom Kode Indikator dan No; tulis "
                "kegiatan baru di Progres/Keterangan rencana aksi yang terkait",
            )
            continue
        if number is None:
            continue
        action = actions.get((code, number))
        if action is None:
            row.report(
                LABELS["kode_indikator"],
                f"rencana aksi {code:.20} no {number} tidak ada di rencana",
                "jangan mengubah kolom Kode Indikator dan No; " + HINT_NEW,
            )
            continue
        if (code, number) in first_row:
            row.report(
                LABELS["no"],
                f"rencana aksi {code} no {number} sudah ada di baris {first_row[code, number]}",
                "satu rencana aksi satu baris: gabungkan isiannya lalu hapus baris yang lain",
            )
            continue
        first_row[code, number] = row.number
        result.append(ActionProgress(code, number, status or action.status, note, constraint))
    return result


def read_issues(table: Table, found: list[Problem]) -> list[tuple[str, str, str]]:
    """The constraint rows as (uraian, dampak, usulan); a row needs its description."""
    result = []
    for row in data_rows(table, found):
        uraian, dampak, usulan = (
            row.text_at_most(key, REPORT_CONSTRAINTS) for key, _ in ISSUE_COLUMNS
        )
        if not uraian:
            if row.text(ISSUE_COLUMNS[0][0]):
                continue  # too long, reported
            row.report(
                LABELS["uraian_kendala"],
                "uraian kendala kosong",
                "tulis kendalanya, atau kosongkan seluruh baris",
            )
            continue
        result.append((uraian, dampak, usulan))
    return result
