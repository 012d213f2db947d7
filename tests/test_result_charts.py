"""Charts of results: valid PNGs of a phone-friendly size, for any set of indicators."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from bot.results import charts
from bot.results.model import Compilation
from bot.results.render import amount, decimal, percent, short_amount, short_label
from bot.results.usecases import compilation
from tests.results_world import ResultsWorld, golden_reports


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Compilation:
    world = ResultsWorld(tmp_path_factory.mktemp("charts"))
    golden_reports(world)
    found = compilation(world.svc, 2027)
    assert found is not None
    return found


def _size(png: bytes) -> tuple[int, int]:
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert 5_000 < len(png) < 1_000_000
    with Image.open(io.BytesIO(png)) as image:
        image.verify()
        assert image.format == "PNG"
        return image.size


def test_achievement_chart_of_every_indicator(compiled: Compilation) -> None:
    width, height = _size(charts.target_vs_realisation_png(compiled))
    assert width == 960 and 500 < height < 1200  # 6,4 inch at 150 dpi


def test_achievement_chart_of_one_period_and_some_indicators(compiled: Compilation) -> None:
    small = charts.target_vs_realisation_png(
        compiled, codes=["K1", "K2"], period_key="triwulanan-1", width=4.0, dpi=100
    )
    assert _size(small)[0] == 400
    nothing = charts.target_vs_realisation_png(replace(compiled, indicators=()))
    assert _size(nothing)[0] == 960


def test_trend_charts(compiled: Compilation, tmp_path: Path) -> None:
    for indicator in compiled.indicators:
        assert _size(charts.trend_png(indicator)) == (960, 630)
    k6 = compiled.indicator("K6")
    assert k6 is not None and k6.closure is not None
    assert _size(charts.trend_png(replace(k6, periods=()))) == (960, 630)


def test_numbers_read_the_indonesian_way() -> None:
    assert (decimal(87.5), decimal(1250.0), decimal(0.126, 2)) == ("87,5", "1.250", "0,13")
    assert percent(112.456) == "112,5%"
    assert amount(550_000, "Rp") == "Rp 550.000"
    assert amount(45.5, "hari") == "45,5 hari" and amount(70, "%") == "70%"
    assert short_amount(1_250_000_000, "Rp") == "Rp 1,25 M"
    assert short_amount(750_000_000, "Rp") == "Rp 750 jt"
    assert [short_label(x) for x in ("Triwulan III", "Semester I", "Januari", "Tahunan")] == [
        "Tw III", "Smt I", "Jan", "Tahunan",
    ]  # fmt: skip
