"""bot.core.snapshot: what a report's draft showed is kept as JSON and read back unchanged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from bot.core import snapshot
from bot.performance.documents import ReportInput, Signing
from bot.performance.documents.content import Analysis, Period, Recommendation
from bot.results.usecases import compilation
from tests.results_world import ResultsWorld, golden_reports


def test_a_report_input_comes_back_equal(tmp_path: Path) -> None:
    world = ResultsWorld(tmp_path)
    golden_reports(world)
    found = compilation(world.svc, 2027)
    assert found is not None and any(a.by_unit for a in found.actions)
    kept = ReportInput(
        found,
        Period("triwulanan", 2, "Triwulan II", date(2027, 4, 1), date(2027, 6, 30)),
        (Analysis("K1", "triwulanan-2", "naik", "=cmd|' /C calc'!A0", "banding"),),
        (Recommendation("K1", "triwulanan-2", 1, "Percepat", "Pokja", None, ""),),
        Signing(date(2027, 8, 16), 2),
    )
    text = snapshot.to_json(kept)
    assert snapshot.from_json(ReportInput, text) == kept
    assert snapshot.from_json(ReportInput, text).compilation.computed_at.tzinfo is not None


def test_what_it_cannot_keep_is_refused_not_stored_wrongly() -> None:
    @dataclass(frozen=True)
    class Odd:
        value: object

    with pytest.raises(TypeError):
        snapshot.to_json(Odd({1, 2}))
    with pytest.raises(ValueError):
        snapshot.from_json(Period, "[]")
