"""Reading a filled lembar analisis back (docs/formats/lembar-analisis-xlsx.md), without
Telegram or storage: either every analysis and recommendation it holds, or every problem
found, each pointing at a sheet, row and column. It never raises."""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.analysis.rules import MAX_WHO, answer_text, due_cell
from bot.analysis.workbook.layout import (
    ANALYSIS_COLUMNS,
    FILL_KEYS,
    GUIDE_ROWS,
    PERIOD_KEY_ROW,
    RECOMMENDATION_COLUMNS,
    SHEET_ANALYSIS,
    SHEET_GUIDE,
    SHEET_RECOMMENDATIONS,
    VERSION,
    VERSION_ROW,
)
from bot.core.xlsx_guard import (
    Refused,
    XlsxRules,
    cell_text,
    check_container,
    file_problem,
    find_sheet,
    load_xlsx,
    normal,
)
from bot.planning.documents.workbook import (
    MAX_CELLS_PER_SHEET,
    MAX_ROWS,
    MAX_UNCOMPRESSED_BYTES,
    MAX_WORKBOOK_BYTES,
    MAX_ZIP_ENTRIES,
)
from bot.planning.rules.validation import Problem

logger = logging.getLogger(__name__)

HINT_SEND = "kirim lembar analisis (.xlsx) yang diunduh dari /analisis"
HINT_NEW = "unduh lembar analisis baru dari /analisis, salin isiannya ke sana, lalu kirim lagi"
XLSX_RULES = XlsxRules(
    max_bytes=MAX_WORKBOOK_BYTES,
    max_uncompressed_bytes=MAX_UNCOMPRESSED_BYTES,
    max_zip_entries=MAX_ZIP_ENTRIES,
    max_cells_per_sheet=MAX_CELLS_PER_SHEET,
    empty_hint=HINT_SEND,
    not_xlsx_hint=HINT_SEND,
    pdf_hint=HINT_SEND,
    unpacked_hint=HINT_SEND + " tanpa tambahan lain",
    cells_hint=f"paling banyak {MAX_ROWS} baris per lembar; hapus baris yang tidak dipakai",
    logger=logger,
    log_name="analysis sheet",
)
_REQUIRED = ("code", *FILL_KEYS, "what", "who", "due")


@dataclass(frozen=True)
class SheetAnalysis:
    code: str
    what_happened: str
    causes: str
    method: str


@dataclass(frozen=True)
class SheetRecommendation:
    code: str
    what: str
    who: str
    due: date


@dataclass(frozen=True)
class SheetInput:
    """What a filled lembar analisis holds: the analyses written (rows with all three
    columns empty are left out) and every recommendation, in sheet order."""

    analyses: tuple[SheetAnalysis, ...]
    recommendations: tuple[SheetRecommendation, ...]


@dataclass(frozen=True)
class Expected:
    """What the sheet must be for: the year and period, the indicators reported in it, today,
    and the due dates of recommendations already stored by (code, text) (kept even when past)."""

    year: int
    period_key: str
    period_label: str
    codes: Collection[str]
    today: date
    kept_dues: Mapping[tuple[str, str], date]


class _Row:
    """One data row: its cells by key, recording problems as it goes."""

    def __init__(
        self,
        sheet: str,
        labels: dict[str, str],
        number: int,
        cells: dict[str, Any],
        found: list[Problem],
    ):
        self.sheet, self.labels, self.number = sheet, labels, number
        self.cells, self.found = cells, found

    def report(self, key: str, message: str, hint: str = "") -> None:
        code = self.text("code")
        self.found.append(Problem(self.sheet, code, self.labels[key], message, hint, self.number))

    def is_formula(self, key: str) -> bool:
        cell = self.cells.get(key)
        return cell is not None and cell.data_type == "f"

    def text(self, key: str) -> str:
        cell = self.cells.get(key)
        return "" if cell is None or cell.data_type == "f" else cell_text(cell.value)

    def is_blank(self) -> bool:
        return all(c is None or cell_text(c.value) == "" for c in self.cells.values())

    def check_formulas(self) -> None:
        for key, cell in self.cells.items():
            if cell is not None and cell.data_type == "f":
                self.report(key, "sel berisi rumus Excel", "ketik isinya langsung, tanpa tanda =")

    def answer(self, key: str, limit: int | None = None) -> str:
        if self.is_formula(key):
            return ""  # reported by check_formulas
        try:
            if limit is None:
                return answer_text(self.text(key))
            return answer_text(self.text(key), limit=limit)
        except ValueError as exc:
            self.report(key, str(exc))
            return ""


def _rows(
    sheet: Any, name: str, columns: Sequence[tuple[str, str, int]], found: list[Problem]
) -> Iterator[_Row]:
    """The non-blank rows of a data sheet, its columns found by their header in row 1."""
    headers = {normal(cell_text(c.value)): c.column for c in next(sheet.iter_rows(max_row=1), ())}
    where: dict[str, int] = {}
    for key, label, _ in columns:
        column = headers.get(normal(label))
        if column is None:
            if key in _REQUIRED:
                found.append(
                    Problem(name, "", label, f"kolom {label} tidak ditemukan di baris 1", HINT_NEW)
                )
            continue
        where[key] = column
    if any(key in _REQUIRED and key not in where for key, _, _ in columns):
        return
    for number, cells in enumerate(sheet.iter_rows(min_row=2, max_row=sheet.max_row), start=2):
        by_key = {key: cells[c - 1] if c <= len(cells) else None for key, c in where.items()}
        labels = {key: label for key, label, _ in columns}
        row = _Row(name, labels, number, by_key, found)
        if not row.is_blank():
            row.check_formulas()
            yield row


def _code(row: _Row, expected: Expected) -> str:
    code = row.text("code")
    if row.is_formula("code"):
        return code
    if not code:
        row.report("code", "kode indikator kosong")
    elif code not in expected.codes:
        row.report(
            "code",
            f"kode {code:.20} tidak dilaporkan pada periode {expected.period_label}",
            "pakai kode dari lembar Analisis",
        )
    return code


def _analyses(sheet: Any, expected: Expected, found: list[Problem]) -> list[SheetAnalysis]:
    read: list[SheetAnalysis] = []
    seen: set[str] = set()
    for row in _rows(sheet, SHEET_ANALYSIS, ANALYSIS_COLUMNS, found):
        code = _code(row, expected)
        if code in seen:
            row.report("code", f"kode {code:.20} muncul lebih dari sekali")
        seen.add(code)
        if all(not row.text(key) for key in FILL_KEYS):
            continue
        answers = [row.answer(key) for key in FILL_KEYS]
        if all(answers):
            read.append(SheetAnalysis(code, *answers))
    return read


def _recommendations(
    sheet: Any, expected: Expected, found: list[Problem]
) -> list[SheetRecommendation]:
    read: list[SheetRecommendation] = []
    for row in _rows(sheet, SHEET_RECOMMENDATIONS, RECOMMENDATION_COLUMNS, found):
        code = _code(row, expected)
        what, who = row.answer("what"), row.answer("who", MAX_WHO)
        due = None
        raw = row.cells.get("due")
        if raw is None or cell_text(raw.value) == "":
            row.report("due", "batas waktu kosong", "tulis tanggal seperti 31/03/2027")
        elif not row.is_formula("due"):
            kept = expected.kept_dues.get((code, what))
            try:
                due = due_cell(raw.value, expected.today, keep=() if kept is None else (kept,))
            except ValueError as exc:
                row.report("due", str(exc))
        if what and who and due is not None:
            read.append(SheetRecommendation(code, what, who, due))
    return read


def _guide(workbook: Any, expected: Expected) -> list[Problem]:
    """The version and period of ``Petunjuk``; a wrong version alone."""
    sheet = find_sheet(workbook, SHEET_GUIDE)
    if sheet is None:
        return [Problem(SHEET_GUIDE, "", "", "lembar Petunjuk tidak ditemukan", HINT_NEW)]
    labels = dict(GUIDE_ROWS)
    version = cell_text(sheet.cell(VERSION_ROW, 2).value)
    if version != VERSION:
        return [
            Problem(
                SHEET_GUIDE,
                "",
                labels["version"],
                f"versi lembar {version:.30} tidak dikenal" if version else "versi lembar kosong",
                HINT_NEW,
                VERSION_ROW,
            )
        ]
    key = cell_text(sheet.cell(PERIOD_KEY_ROW, 2).value)
    year = cell_text(sheet.cell(VERSION_ROW + 1, 2).value)
    if key != expected.period_key or year != str(expected.year):
        shown = cell_text(sheet.cell(PERIOD_KEY_ROW - 1, 2).value) or key
        return [
            Problem(
                SHEET_GUIDE,
                "",
                labels["period"],
                f"lembar ini untuk periode {shown:.40}, bukan "
                f"{expected.period_label} {expected.year}",
                "pilih periode yang sama di /analisis sebelum mengirim, atau unduh lembar "
                "periode ini",
                PERIOD_KEY_ROW - 1,
            )
        ]
    return []


def _read(content: bytes, expected: Expected) -> SheetInput | list[Problem]:
    check_container(content, XLSX_RULES)
    workbook = load_xlsx(content, XLSX_RULES, data_only=False)
    data = [find_sheet(workbook, n) for n in (SHEET_ANALYSIS, SHEET_RECOMMENDATIONS)]
    if all(sheet is None for sheet in data):
        return [
            file_problem(
                "berkas Excel ini bukan lembar analisis (lembar Analisis dan Rekomendasi "
                "tidak ada)",
                HINT_SEND,
            )
        ]
    found = _guide(workbook, expected)
    if found:
        return found
    for name, sheet in zip((SHEET_ANALYSIS, SHEET_RECOMMENDATIONS), data, strict=True):
        if sheet is None:
            found.append(Problem(name, "", "", f"lembar {name} tidak ditemukan", HINT_NEW))
    if found:
        return found
    analyses = _analyses(data[0], expected, found)
    recommendations = _recommendations(data[1], expected, found)
    if found:
        return found
    return SheetInput(tuple(analyses), tuple(recommendations))


def read_analysis_sheet(content: bytes, expected: Expected) -> SheetInput | list[Problem]:
    """The analyses and recommendations of a filled lembar analisis, or every problem
    keeping it from being read; never raises."""
    try:
        return _read(content, expected)
    except Refused as refused:
        return refused.problems
    except Exception:
        logger.exception("unexpected error while reading an analysis sheet")
        return [
            file_problem(
                "berkas tidak dapat dibaca karena isinya tidak terduga",
                HINT_NEW + "; bila masih gagal, hubungi operator bot",
            )
        ]
