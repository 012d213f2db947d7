"""How long reading a large plan workbook takes (parse and validate), and how long the
plan document (PDF) of the example plan and of that large plan takes to make.

Run from the project folder: ``python -m tests.benchmarks.plan_workbook``. The plan has
200 indicators over 10 areas, each with 2 formula inputs and quarterly targets, and 600
action plans; the target is under 2 seconds per read.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import UTC, date, datetime

from bot.core.profile import load_profile
from bot.planning.documents.document import plan_document_pdf
from bot.planning.documents.workbook import plan_workbook, read_plan_workbook
from bot.planning.rules.changes import diff
from bot.planning.rules.example import example_plan
from bot.planning.rules.model import (
    ActionPlan,
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
from bot.planning.rules.periods import default_period_targets
from bot.planning.rules.validation import problems

YEAR = 2027
INDICATORS = 200
AREAS = 10
ACTIONS_PER_INDICATOR = 3
RUNS = 5
TARGET_SECONDS = 2.0
GENERATED = datetime(2027, 1, 4, 1, 0, tzinfo=UTC)


def large_plan(year: int = YEAR) -> Plan:
    categories = list(Category)
    areas = tuple(
        Area(f"A{n}", f"Area strategis nomor {n}", categories[n % len(categories)], f"T{n % 2 + 1}")
        for n in range(1, AREAS + 1)
    )
    indicators = []
    for n in range(1, INDICATORS + 1):
        unit = "Rp" if n % 5 == 0 else "%"
        target = 1_250_000_000.0 if unit == "Rp" else 60.5
        indicators.append(
            Indicator(
                code=f"IKU-{n:03d}",
                area_code=f"A{(n - 1) % AREAS + 1}",
                name=f"Indikator kinerja pengadaan nomor {n}",
                definition="Nilai pembilang dibagi nilai penyebut dalam periode pelaporan.",
                inputs=(
                    FormulaInput("pembilang", "Nilai pembilang", InputKind.RUPIAH),
                    FormulaInput("penyebut", "Nilai penyebut", InputKind.RUPIAH),
                ),
                formula="pembilang / penyebut * 100",
                unit=unit,
                polarity=Polarity.NAIK if n % 3 else Polarity.TURUN,
                monitoring_frequency=Frequency.BULANAN,
                reporting_frequency=Frequency.TRIWULANAN,
                data_source="SIRUP, SPSE",
                pic_unit="Bagian Pengadaan Barang/Jasa",
                evidence="Rekap SIRUP dan SPSE per OPD",
                baseline_value=round(target * 0.8, 2),
                baseline_year=year - 1,
                annual_target=target,
                period_targets=default_period_targets(target, unit, Frequency.TRIWULANAN),
            )
        )
    actions = tuple(
        ActionPlan(
            indicator_code=f"IKU-{n:03d}",
            number=k,
            activity=f"Kegiatan {k} untuk indikator {n}",
            output="Laporan kegiatan",
            start=date(year, k, 1),
            end=date(year, k + 6, 28),
            pic_unit="Sub Bagian Pembinaan PBJ",
        )
        for n in range(1, INDICATORS + 1)
        for k in range(1, ACTIONS_PER_INDICATOR + 1)
    )
    return Plan(
        year=year,
        objectives=(Objective("T1", "Tujuan satu"), Objective("T2", "Tujuan dua")),
        areas=areas,
        indicators=tuple(indicators),
        actions=actions,
    )


def main() -> int:
    plan = large_plan()
    assert problems(plan) == [], problems(plan)[:3]
    started = time.perf_counter()
    content = plan_workbook(plan, title=f"Rencana Kinerja {YEAR}")
    write_seconds = time.perf_counter() - started
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        result = read_plan_workbook(content, year=YEAR)
        timings.append(time.perf_counter() - started)
        if not isinstance(result, Plan) or diff(plan, result):
            print(f"FAIL: the workbook did not read back as the same plan: {result!r:.300}")
            return 1
    median, worst = statistics.median(timings), max(timings)
    verdict = "OK" if worst < TARGET_SECONDS else "SLOW"
    print(
        f"plan workbook: {INDICATORS} indicators, {len(plan.actions)} actions, "
        f"{len(content) / 1024:.0f} KiB, write {write_seconds:.2f} s; "
        f"read x{RUNS}: median {median:.3f} s, max {worst:.3f} s "
        f"(target < {TARGET_SECONDS:.0f} s) {verdict}"
    )
    document_timings(plan)
    return 0 if verdict == "OK" else 1


def document_timings(large: Plan) -> None:
    """The plan document (PDF): the example plan (median of 3, after one warm-up that loads
    what fpdf2 loads lazily) and the large plan once. Measured, no target."""
    profile = load_profile()

    def pdf(plan: Plan) -> float:
        started = time.perf_counter()
        plan_document_pdf(plan, profile, revision_label="Revisi 1", generated_at=GENERATED)
        return time.perf_counter() - started

    example = example_plan(YEAR)
    pdf(example)
    median = statistics.median(pdf(example) for _ in range(3))
    large_seconds = pdf(large)
    print(f"plan document: example plan {median:.2f} s (median of 3); large {large_seconds:.2f} s")


if __name__ == "__main__":
    sys.exit(main())
