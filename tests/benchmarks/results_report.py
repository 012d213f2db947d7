"""Benchmark: the annual Laporan Pencapaian Kinerja PDF and its workbook for 60 indicators x
12 periods x 40 units from a synthetic Compilation, charts included (the results feature's
chart of each strategic area, as /capaian draws it). Aim: under 3 s together.

Prints the first import of matplotlib apart (paid once per process, by /capaian too), the
report with its charts, the workbook, and the report without charts for comparison.

Run: python -m tests.benchmarks.results_report
"""

from __future__ import annotations

import time
from datetime import date

from bot.core.profile import load_profile
from bot.performance.documents import ReportInput, Signing, report_pdf, report_workbook
from bot.performance.usecases.sources import remembered_charts
from tests import report_world as world


def main() -> None:
    profile = load_profile()
    compilation = world.compilation(indicators=60, periods=12, units=40, areas=6)
    analyses, recommendations = world.notes(compilation, "bulanan-12")
    report = ReportInput(
        compilation, world.ANNUAL, analyses, recommendations, Signing(date(2028, 1, 10))
    )
    started = time.perf_counter()
    import matplotlib.backends.backend_agg  # noqa: F401  (what the first chart imports)

    imported = time.perf_counter()
    pdf = report_pdf(profile, report, chart=remembered_charts())
    charted = time.perf_counter()
    workbook = report_workbook(profile, report)
    done = time.perf_counter()
    report_pdf(profile, report)
    plain = time.perf_counter()
    print(f"matplotlib import (once per process): {imported - started:.2f} s")
    print(f"report PDF with 6 area charts: {charted - imported:.2f} s, {len(pdf) // 1024} KiB")
    print(f"workbook: {done - charted:.2f} s, {len(workbook) // 1024} KiB")
    print(f"together: {done - imported:.2f} s (aim: under 3 s)")
    print(f"report PDF without charts: {plain - done:.2f} s")


if __name__ == "__main__":
    main()
