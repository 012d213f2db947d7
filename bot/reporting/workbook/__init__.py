"""Reading a filled Template Data Kinerja (SOP step 12) back, without Telegram or storage.

``read_data_template`` takes the bytes of a workbook made by
:func:`bot.planning.documents.data_template.performance_data_template` and filled by a PJ
Kinerja, and returns either a :class:`DataReport` or every problem found, each pointing at
a sheet, Excel row and column; it never raises. The rules are in
docs/formats/template-data-kinerja-xlsx-membaca.md.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from bot.core.xlsx_guard import Refused, check_container, find_sheet, load_xlsx
from bot.core.xlsx_guard import file_problem as _file_problem
from bot.planning.documents.data_template import (
    ACTION_COLUMNS,
    ISSUE_COLUMNS,
    SHEET_ACTIONS,
    SHEET_GUIDE,
    SHEET_ISSUES,
    SHEET_PACKAGES,
    data_template_columns,
)
from bot.planning.documents.workbook import FILE_SHEET
from bot.planning.rules.model import InputKind, Plan
from bot.planning.rules.validation import Problem
from bot.reporting.rules import ReportingPeriod, indicators_due
from bot.reporting.workbook.rows import (
    ActionProgress,
    PackageReport,
    read_actions,
    read_issues,
    read_packages,
)
from bot.reporting.workbook.sheets import (
    HINT_NEW,
    HINT_SEND,
    LABELS,
    VERSION_LABEL,
    XLSX_RULES,
    Table,
    check_guide,
    locate,
    mark_uncached_formulas,
)

__all__ = ["ActionProgress", "DataReport", "PackageReport", "read_data_template"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DataReport:
    """Everything a filled data template reports; constraints are (uraian, dampak, usulan)."""

    unit_name: str
    period_label: str
    packages: tuple[PackageReport, ...]
    actions: tuple[ActionProgress, ...]
    constraints: tuple[tuple[str, str, str], ...]


_SHEET_ORDER = (FILE_SHEET, SHEET_GUIDE, SHEET_PACKAGES, SHEET_ACTIONS, SHEET_ISSUES)
_DATA_SHEETS = (SHEET_PACKAGES, SHEET_ACTIONS, SHEET_ISSUES)


def _sorted(found: list[Problem]) -> list[Problem]:
    def order(item: tuple[int, Problem]) -> tuple[int, int, int]:
        index, problem = item
        sheet = _SHEET_ORDER.index(problem.sheet) if problem.sheet in _SHEET_ORDER else 0
        return (sheet, problem.row if problem.row is not None else 0, index)

    return [problem for _, problem in sorted(enumerate(found), key=order)]


_Input = tuple[str, str, InputKind]  # name, label, kind of a formula-input column


def _columns(
    plan: Plan, period: ReportingPeriod
) -> tuple[list[_Input], dict[str, dict[str, str]], dict[str, list[str]]]:
    """The plan's input columns; per sheet the required keys (with their labels) and the
    optional ones."""
    inputs = [(n, label, InputKind(kind)) for n, label, kind, _ in data_template_columns(plan)]
    labels = {name: label for name, label, _ in inputs}
    due = [item.name for i in indicators_due(plan, period) for item in i.inputs]
    package_keys = {"kode_rup": LABELS["kode_rup"]}
    package_keys |= {name: labels[name] for name in dict.fromkeys(due)}
    package_keys["catatan_bukti_dukung"] = LABELS["catatan_bukti_dukung"]
    required = {
        SHEET_PACKAGES: package_keys,
        SHEET_ACTIONS: {key: label for key, label in ACTION_COLUMNS if key != "kegiatan"},
        SHEET_ISSUES: dict(ISSUE_COLUMNS),
    }
    optional = {SHEET_PACKAGES: [n for n, _, _ in inputs if n not in package_keys]}
    return inputs, required, optional


def _tables(
    workbook: Any,
    required: dict[str, dict[str, str]],
    optional: dict[str, list[str]],
    found: list[Problem],
) -> dict[str, Table]:
    """The data sheets located by their key row; missing sheets and columns go to ``found``."""
    tables: dict[str, Table] = {}
    for name in _DATA_SHEETS:
        sheet = find_sheet(workbook, name)
        if sheet is None:
            found.append(
                Problem(
                    name,
                    "",
                    "",
                    f"lembar {name} tidak ditemukan",
                    "jangan mengganti nama atau menghapus lembar; " + HINT_NEW,
                )
            )
            continue
        tables[name], problems = locate(sheet, name, required[name], optional.get(name, ()))
        found.extend(problems)
    return tables


@dataclass(frozen=True)
class _Expected:
    """What the filled template must be: for this plan, period, unit and its packages."""

    plan: Plan
    period: ReportingPeriod
    unit_name: str
    known_kode_rup: Collection[str]


def _read(content: bytes, expected: _Expected) -> DataReport | list[Problem]:
    plan, period, unit_name = expected.plan, expected.period, expected.unit_name
    known_kode_rup = expected.known_kode_rup
    has_formulas = check_container(content, XLSX_RULES)
    workbook = load_xlsx(content, XLSX_RULES, data_only=True)
    if all(find_sheet(workbook, name) is None for name in _DATA_SHEETS):
        return [
            _file_problem(
                f"berkas Excel ini bukan Template Data Kinerja (lembar {SHEET_PACKAGES}, "
                f"{SHEET_ACTIONS} dan {SHEET_ISSUES} tidak ada)",
                HINT_SEND,
            )
        ]
    structural = check_guide(workbook, plan, period, unit_name)
    if any(p.column == VERSION_LABEL for p in structural):
        return structural  # another kind of file: its sheets would only add noise
    inputs, required, optional = _columns(plan, period)
    tables = _tables(workbook, required, optional, structural)
    if structural:
        return _sorted(structural)
    if has_formulas:
        mark_uncached_formulas(content, tables)

    found: list[Problem] = []
    packages = read_packages(
        tables[SHEET_PACKAGES], inputs, known_kode_rup, period, workbook.epoch, found
    )
    actions = read_actions(tables[SHEET_ACTIONS], plan, found)
    issues = read_issues(tables[SHEET_ISSUES], found)
    if found:
        return _sorted(found)
    return DataReport(unit_name, period.label, tuple(packages), tuple(actions), tuple(issues))


def read_data_template(
    content: bytes,
    *,
    plan: Plan,
    period: ReportingPeriod,
    unit_name: str,
    known_kode_rup: Collection[str],
) -> DataReport | list[Problem]:
    """The data a filled Template Data Kinerja reports, or every problem keeping it from
    being read; never raises."""
    try:
        return _read(content, _Expected(plan, period, unit_name, known_kode_rup))
    except Refused as refused:
        return refused.problems
    except Exception:
        logger.exception("unexpected error while reading a data template")
        return [
            _file_problem(
                "berkas tidak dapat dibaca karena isinya tidak terduga",
                "unduh Template Data Kinerja baru dari bot, salin isiannya, lalu kirim lagi; "
                "bila masih gagal, hubungi operator bot",
            )
        ]
