"""Reading an uploaded plan workbook: the plan, or every problem found, each pointing at a
sheet, row and column. Reading never raises."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from bot.core.xlsx_guard import Refused, check_container, file_problem, find_sheet, load_xlsx
from bot.planning.documents.workbook.cells import Reader, Table, find_uncached_formulas, locate
from bot.planning.documents.workbook.guide import check_guide
from bot.planning.documents.workbook.items import (
    read_actions,
    read_areas,
    read_indicators,
    read_inputs,
    read_objectives,
    read_targets,
)
from bot.planning.documents.workbook.layout import (
    DATA_SHEETS,
    HINT_NEW_TEMPLATE,
    SHEET_ORDER,
    XLSX_RULES,
    logger,
)
from bot.planning.rules.model import Plan
from bot.planning.rules.periods import default_period_targets
from bot.planning.rules.validation import SHEET_TARGETS, Problem, problems


def _read_plan(reader: Reader, year: int) -> Plan:
    objectives = read_objectives(reader)
    areas = read_areas(reader)
    indicators, unreadable_frequency = read_indicators(reader)
    by_code = {i.code: i for i in reversed(indicators)}  # the first of duplicate codes
    inputs = read_inputs(reader, set(by_code))
    targets, broken = read_targets(reader, by_code)
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
        actions=tuple(read_actions(reader)),
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
    has_formulas = check_container(content, XLSX_RULES)
    workbook = load_xlsx(content, XLSX_RULES, data_only=True)
    if all(find_sheet(workbook, name) is None for name in SHEET_ORDER):
        return [
            file_problem(
                "berkas Excel ini bukan template rencana kinerja (lembar Petunjuk, Tujuan, "
                "Area, Indikator dan lainnya tidak ada)",
                HINT_NEW_TEMPLATE,
            )
        ]
    structural = check_guide(workbook, year)
    tables: dict[str, Table] = {}
    for name in DATA_SHEETS:
        sheet = find_sheet(workbook, name)
        if sheet is None:
            structural.append(
                Problem(
                    name,
                    "",
                    "",
                    f"lembar {name} tidak ditemukan",
                    "jangan mengganti nama atau menghapus lembar; " + HINT_NEW_TEMPLATE,
                )
            )
            continue
        tables[name], found = locate(sheet, name)
        structural.extend(found)
    if structural:
        return _sorted(structural)
    if has_formulas:
        find_uncached_formulas(content, tables)
    reader = Reader(tables, workbook.epoch)
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
            file_problem(
                "berkas tidak dapat dibaca karena isinya tidak terduga",
                "ambil template baru lewat /rencana, salin isinya, lalu kirim lagi; bila "
                "masih gagal, hubungi operator bot",
            )
        ]
