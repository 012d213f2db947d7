"""Hand-built compiled results for the report tests and the benchmark: a Compilation of any
size (areas, indicators, periods, units) with missing data, both polarities, late actions
and every band, and a stand-in chart (a plain PNG) until the real charts are wired."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

from PIL import Image, ImageDraw

from bot.core.dates import MONTH_NAMES
from bot.performance.documents.content import Analysis, Period, Recommendation
from bot.results.model import (
    ActionResult,
    AreaResult,
    Compilation,
    IndicatorResult,
    PeriodResult,
)

BANDS = ("Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah")
UNITS = ("%", "Rp", "hari", "jumlah", "indeks")
_QUARTER_ENDS = (date(2027, 3, 31), date(2027, 6, 30), date(2027, 9, 30), date(2027, 12, 31))
_QUARTERS = ("Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV")


def unit_names(count: int) -> tuple[str, ...]:
    return tuple(f"Dinas Pelayanan Nomor {n:02d}" for n in range(1, count + 1))


def _period(
    code: str, key: str, label: str, end: date, n: int, units: tuple[str, ...], unit: str
) -> PeriodResult:
    missing = n % 7 == 3
    target = 1_000_000_000.0 * n if unit == "Rp" else 80.0 + n % 5
    realisation = None if missing else target * (0.45 + (n * 37 % 60) / 100)
    achievement = None if realisation is None else realisation / target * 100
    band = None if achievement is None else BANDS[min(int((100 - min(achievement, 100)) // 12), 4)]
    return PeriodResult(
        indicator_code=code,
        period_key=key,
        period_label=label,
        period_end=end,
        target=target,
        realisation=realisation,
        achievement=achievement,
        band=band,
        change_from_previous=None if missing or n < 2 else (n % 3 - 1) * 2.5,
        change_from_baseline=None,
        packages_expected=len(units),
        packages_counted=len(units) - (3 if missing else 0),
        reported_units=units[3:] if missing else units,
        missing_units=units[:3] if missing else (),
        reason="" if not missing else "belum ada laporan",
    )


def compilation(
    *, indicators: int = 8, periods: int = 4, units: int = 5, areas: int = 4
) -> Compilation:
    """``indicators`` spread over ``areas``, each reporting ``periods`` periods (4:
    quarterly, 12: monthly) gathered from ``units`` units."""
    names = unit_names(units)
    frequency = "bulanan" if periods == 12 else "triwulanan"
    found = []
    for number in range(1, indicators + 1):
        code = f"IKU-{number:02d}"
        unit = UNITS[number % len(UNITS)]
        results = []
        for p in range(1, periods + 1):
            if periods == 12:
                key, label = f"bulanan-{p}", MONTH_NAMES[p - 1]
                end = date(2027, p + 1, 1).replace(day=1) if p < 12 else date(2027, 12, 31)
            else:
                key, label, end = f"triwulanan-{p}", _QUARTERS[p - 1], _QUARTER_ENDS[p - 1]
            results.append(_period(code, key, label, end, number * periods + p, names, unit))
        found.append(
            IndicatorResult(
                code=code,
                name=f"Persentase paket pengadaan yang selesai tepat waktu nomor {number}",
                area_code=f"A{(number - 1) % areas + 1}",
                area_name="",
                unit=unit,
                higher_is_better=number % 4 != 0,
                frequency=frequency,
                baseline=70.0,
                baseline_year=2026,
                annual_target=results[-1].target,
                periods=tuple(results),
            )
        )
    area_rows = tuple(
        AreaResult(
            code=f"A{n}",
            name=f"Area strategis pengadaan nomor {n}",
            category="Kelembagaan",
            indicator_codes=tuple(i.code for i in found if i.area_code == f"A{n}"),
        )
        for n in range(1, areas + 1)
    )
    actions = tuple(
        ActionResult(
            indicator_code=i.code,
            number=1,
            activity=f"Pendampingan penyusunan dokumen pemilihan untuk {i.code}",
            pic_unit=names[0],
            end=date(2027, 6, 30),
            status="berjalan" if n % 2 else "selesai",
            late=n % 2 == 1,
        )
        for n, i in enumerate(found)
    )
    return Compilation(
        2027, datetime(2027, 10, 5, 1, 0, tzinfo=UTC), area_rows, tuple(found), actions
    )


def quarter(number: int) -> Period:
    start = date(2027, 3 * number - 2, 1)
    return Period("triwulanan", number, _QUARTERS[number - 1], start, _QUARTER_ENDS[number - 1])


ANNUAL = Period("tahunan", 1, "Tahunan", date(2027, 1, 1), date(2027, 12, 31))


def notes(
    comp: Compilation, period_key: str
) -> tuple[tuple[Analysis, ...], tuple[Recommendation, ...]]:
    """An analysis and two recommendations for every other indicator."""
    analyses, recommendations = [], []
    for n, indicator in enumerate(comp.indicators):
        if n % 2:
            continue
        analyses.append(
            Analysis(
                indicator.code,
                period_key,
                "Realisasi di bawah target karena dua paket gagal tender.",
                "Dokumen pemilihan terlambat disusun oleh unit pelaksana.",
                "Analisis akar masalah (diagram tulang ikan).",
            )
        )
        for position, decision in ((1, ""), (2, "Disetujui")):
            recommendations.append(
                Recommendation(
                    indicator.code,
                    period_key,
                    position,
                    f"Percepat penyusunan dokumen pemilihan ({position})",
                    "Tim Pengelolaan Kelembagaan",
                    date(2027, 11, 30),
                    decision,
                )
            )
    return tuple(analyses), tuple(recommendations)


def chart_png(*_: object) -> bytes:
    """A stand-in chart: a white 16:9 picture with two bars."""
    image = Image.new("RGB", (800, 450), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((200, 150, 300, 400), fill=(70, 110, 170))
    draw.rectangle((400, 100, 500, 400), fill=(220, 140, 50))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
