"""Benchmark: the annual Laporan Pencapaian Kinerja PDF and its workbook for 60 indicators x
12 periods x 40 units from a synthetic Compilation, charts included (the results feature's
chart of each strategic area, as /capaian draws it). Aim: under 3 s together.

Run: python -m tests.benchmarks.results_report
"""

from __future__ import annotations

import time
from datetime import date

from bot.core.profile import load_profile
from bot.performance.documents import ReportInput, Signing, report_pdf, report_workbook
from bot.performance.usecases.sources import area_chart
from tests import report_world as world


def main() -> None:
    profile = load_profile()
    compilation = world.compilation(indicators=60, periods=12, units=40, areas=6)
    analyses, recommendations = world.notes(compilation, "bulanan-12")
    report = ReportInput(
        compilation, world.ANNUAL, analyses, recommendations, Signing(date(2028, 1, 10))
    )
    started = time.perf_counter()
    pdf = report_pdf(profile, report, chart=area_chart)
    middle = time.perf_counter()
    workbook = report_workbook(profile, report)
    done = time.perf_counter()
    print(f"report PDF: {middle - started:.2f} s, {len(pdf) / 1024:.0f} KiB")
    print(f"workbook:   {done - middle:.2f} s, {len(workbook) / 1024:.0f} KiB")
    print(f"together:   {done - started:.2f} s (aim: under 3 s)")


if __name__ == "__main__":
    main()
