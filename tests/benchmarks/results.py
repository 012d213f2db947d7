"""How long the compilation of a year (SOP step 13) and the /capaian charts take.

Run from the project folder: ``python -m tests.benchmarks.results``. The plan has 60 monthly
indicators in 6 areas (every fifth in Rupiah, so cumulative; every third lower-is-better);
40 units have 2 packages each, mapped round the areas, and every package has an accepted
report for each of the 12 months (a tenth of them replaced by a second accepted revision).
Measured: the compilation read and computed (after a commit, so not cached), the cached
call, the /capaian summary pages, the chart /capaian sends (one page, at most 12
indicators), the chart of one area and of all 60 indicators (for the documents), and a
trend chart; the aim for the charts /capaian sends is under 0,5 s.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.app import build_services
from bot.core.clock import FixedClock
from bot.core.roles import Role
from bot.planning.rules.model import (
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
from bot.results import charts, messages
from bot.results.usecases import compilation
from bot.services import Services
from bot.settings import Settings
from storage import packages, submissions, units, users
from storage.models import User
from storage.users import Registration
from tests.harness import NIPS, WIT, approve_plan, sirup_row

YEAR = 2027
INDICATORS = 60
AREAS = 6
UNITS = 40
PACKAGES_PER_UNIT = 2
RUNS = 5
CHART_TARGET_SECONDS = 0.5
MONTHLY = Frequency.BULANAN


def benchmark_plan(year: int = YEAR) -> Plan:
    categories = list(Category)
    indicators = []
    for n in range(1, INDICATORS + 1):
        rupiah = n % 5 == 0
        unit = "Rp" if rupiah else "%"
        target = 1_500_000_000.0 if rupiah else 75.0
        indicators.append(
            Indicator(
                code=f"IKU-{n:02d}",
                area_code=f"A{(n - 1) % AREAS + 1}",
                name=f"Indikator kinerja pengadaan nomor {n}",
                inputs=(
                    FormulaInput("pembilang", "Nilai pembilang", InputKind.RUPIAH),
                    FormulaInput("penyebut", "Nilai penyebut", InputKind.RUPIAH),
                ),
                formula="pembilang" if rupiah else "pembilang / penyebut * 100",
                unit=unit,
                polarity=Polarity.TURUN if n % 3 == 0 else Polarity.NAIK,
                monitoring_frequency=MONTHLY,
                reporting_frequency=MONTHLY,
                baseline_value=target * 0.8,
                baseline_year=year - 1,
                annual_target=target,
                period_targets=default_period_targets(target, unit, MONTHLY),
            )
        )
    return Plan(
        year=year,
        objectives=(Objective("T1", "Tujuan"),),
        areas=tuple(
            Area(f"A{n}", f"Area strategis {n}", categories[n % len(categories)], "T1")
            for n in range(1, AREAS + 1)
        ),
        indicators=tuple(indicators),
    )


def _seed(svc: Services, now: datetime) -> None:
    with svc.db.write() as session:
        cycle_id = approve_plan(session, benchmark_plan(), now)
        team = users.create_invitation(
            session,
            code="bench-team",
            role=Role.TIM,
            unit_id=None,
            created_by=None,
            created_via="cli",
            now=now,
            expires_at=now + timedelta(days=1),
        )
        member = users.redeem_invitation(
            session,
            code=team.code,
            person=Registration(1, "Tim Uji", NIPS["tim"], "-"),
            now=now,
        )
        assert isinstance(member, User)
        for u in range(1, UNITS + 1):
            unit = units.create_unit(session, name=f"Unit Uji {u:02d}", now=now)
            assert unit.id is not None
            rows = [
                sirup_row(
                    kode_rup=f"9{u:02d}{k}",
                    nama_paket=f"Paket {k} unit {u}",
                    satuan_kerja=unit.name,
                    row=5 + k,
                )
                for k in range(PACKAGES_PER_UNIT)
            ]
            packages.upsert(
                session,
                cycle_id=cycle_id,
                rows=rows,
                unit_ids={unit.name: unit.id},
                actor=None,
                now=now,
            )
        for n, package in enumerate(packages.all_of_cycle(session, cycle_id=cycle_id)):
            package.area_code = f"A{n % AREAS + 1}"
            session.add(package)
            assert package.id is not None
            for month in range(1, 13):
                revisions = 2 if (n + month) % 10 == 0 else 1
                for revision in range(revisions):
                    values: dict[str, Any] = {
                        "pembilang": 1_000_000.0 * (n % 7 + month + revision),
                        "penyebut": 24_000_000.0,
                    }
                    row = submissions.submit(
                        session,
                        cycle_id=cycle_id,
                        package_id=package.id,
                        period_key=f"bulanan-{month}",
                        values=values,
                        actions=[],
                        constraints="",
                        evidence=[],
                        via="xlsx",
                        late=False,
                        owner=member,
                        now=now,
                    )
                    assert row.id is not None
                    submissions.verify(
                        session,
                        submission_id=row.id,
                        accept=True,
                        note="",
                        verifier=member,
                        now=now,
                    )


def _timed(what: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    found = what()
    return time.perf_counter() - start, found


def _median(label: str, what: Callable[[], object], runs: int = RUNS) -> float:
    what()  # warm up: imports, fonts, caches
    times = [_timed(what)[0] for _ in range(runs)]
    median = statistics.median(times)
    print(f"{label:<52} median {median:.3f} s (min {min(times):.3f}, max {max(times):.3f})")
    return median


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="kinerja-bench-"))
    clock = FixedClock(datetime(YEAR + 1, 1, 5, 9, 0, tzinfo=WIT))
    settings = Settings(
        _env_file=None,
        telegram_bot_token="123456:TEST-TOKEN",
        database_url=f"sqlite:///{folder / 'bench.db'}",
        kinerja_archive_dir=folder / "arsip",
    )
    svc = build_services(settings, clock=clock)
    seconds, _ = _timed(lambda: _seed(svc, clock.now()))
    print(f"seeded {UNITS} units x {PACKAGES_PER_UNIT} packages x 12 months in {seconds:.1f} s")

    def cold() -> object:
        with svc.db.write() as session:  # any commit: the cached compilation is stale
            units.create_unit(session, name=f"Pemicu {time.perf_counter_ns()}", now=clock.now())
        return compilation(svc, YEAR)

    compile_seconds = _median("compilation (read + compute, not cached)", cold)
    _median("compilation (cached)", lambda: compilation(svc, YEAR))
    found = compilation(svc, YEAR)
    assert found is not None
    today = date(YEAR + 1, 1, 5)
    assert all(
        p.packages_counted == p.packages_expected for i in found.indicators for p in i.periods
    )
    pages = messages.summary_pages(found, today=today, zone=WIT)
    print(f"/capaian summary: {len(pages)} pages, longest {max(len(p.text) for p in pages)} chars")
    _median("/capaian summary pages", lambda: messages.summary_pages(found, today=today, zone=WIT))
    page = pages[0].codes
    chart_seconds = _median(
        f"/capaian chart, one page ({len(page)} indicators)",
        lambda: charts.target_vs_realisation_png(found, codes=page),
    )
    one_area = [i.code for i in found.indicators_of("A1")]
    _median(
        f"achievement chart, one area ({len(one_area)} indicators)",
        lambda: charts.target_vs_realisation_png(found, codes=one_area),
    )
    _median(
        f"achievement chart, all {INDICATORS} indicators",
        lambda: charts.target_vs_realisation_png(found),
    )
    trend_seconds = _median("trend chart, 12 months", lambda: charts.trend_png(found.indicators[4]))
    png = charts.target_vs_realisation_png(found, codes=page)
    print(f"/capaian chart: {len(png) / 1024:.0f} KiB")
    print(f"aims: chart < {CHART_TARGET_SECONDS} s; compilation {compile_seconds:.3f} s")
    ok = max(chart_seconds, trend_seconds) < CHART_TARGET_SECONDS
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
