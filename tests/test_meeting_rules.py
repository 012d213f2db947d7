"""The meeting's pure rules: the agenda, the notes, and how a closed indicator leaves the
reporting periods (``bot.reporting.rules``) and the cycle's plan (``bot.sop.cycles``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from zoneinfo import ZoneInfo

from bot.meeting.messages import figures_text
from bot.meeting.rules import Decision, Pending, agenda, clean_notes, decisions
from bot.meeting.usecases.views import Figures
from bot.planning.rules.model import Frequency, Plan
from bot.reporting.rules import indicators_due, reporting_period, reporting_periods
from bot.sop.cycles import with_closures
from tests.reminder_world import plan_2027

WIT = ZoneInfo("Asia/Jayapura")


def _keys(plan: Plan) -> list[str]:
    return [p.key for p in reporting_periods(plan, year=2027, zone=WIT)]


def test_a_closed_indicator_is_due_up_to_its_period_and_not_after() -> None:
    plan = with_closures(plan_2027(), {"IKU-05": date(2027, 3, 31), "IKU-02": date(2027, 3, 31)})
    march = reporting_period(Frequency.BULANAN, 3, year=2027, zone=WIT)
    april = reporting_period(Frequency.BULANAN, 4, year=2027, zone=WIT)
    q2 = reporting_period(Frequency.TRIWULANAN, 2, year=2027, zone=WIT)
    assert [i.code for i in indicators_due(plan, march)] == ["IKU-05"]
    assert indicators_due(plan, april) == ()
    assert [i.code for i in indicators_due(plan, q2)] == ["IKU-01", "IKU-03", "IKU-04"]
    keys = _keys(plan)
    assert "bulanan-3" in keys and "bulanan-4" not in keys and "triwulanan-2" in keys
    assert len(_keys(plan_2027())) == 12 + 4 + 2 + 1
    assert len(keys) == 3 + 4 + 2 + 1


def test_closures_are_not_part_of_the_plan_itself() -> None:
    plan = plan_2027()
    assert with_closures(plan, {}) is plan
    closed = with_closures(plan, {"IKU-08": date(2027, 6, 30)})
    before, after = plan.indicator("IKU-08"), closed.indicator("IKU-08")
    assert before is not None and after == replace(before, closed_after=date(2027, 6, 30))
    assert all(i.closed_after is None for i in plan.indicators)


def test_the_agenda_in_plan_order() -> None:
    plan = plan_2027()
    q1 = reporting_period(Frequency.TRIWULANAN, 1, year=2027, zone=WIT)
    items = agenda(
        plan,
        q1,
        recommendations=[Pending(7, "IKU-03"), Pending(5, "IKU-01"), Pending(6, "IKU-01")],
        decided={"IKU-04"},
        recommended={"IKU-02"},  # decided in an earlier meeting: not asked again
    )
    assert items == [("IKU-01", 5), ("IKU-01", 6), ("IKU-03", 7)]
    closed = with_closures(plan, {"IKU-02": date(2027, 3, 31)})
    assert agenda(closed, q1, recommendations=[]) == [
        ("IKU-01", None),
        ("IKU-03", None),
        ("IKU-04", None),
    ]


def test_decisions_and_notes() -> None:
    assert decisions(has_recommendation=False) == (
        Decision.CONTINUE,
        Decision.ACHIEVED,
        Decision.TIME_UP,
    )
    assert Decision.APPROVE in decisions(has_recommendation=True)
    assert [d.closes for d in Decision] == [False, False, True, True]
    assert clean_notes("  dua   kata \n") == "dua kata"
    assert clean_notes("x" * 500) == "x" * 500
    assert clean_notes("x" * 501) is None


def test_the_period_figures_in_the_heads_request() -> None:
    assert figures_text(None) == "Capaian periode ini belum dihitung."
    partial = Figures("%", 85.0, 75.0, 88.24, "Tinggi", ("Inspektorat",))
    assert figures_text(partial) == (
        "Realisasi 75% dari target 85% → <b>88,2%</b> (Tinggi)\n"
        "Belum ada laporan diterima dari: Inspektorat"
    )
    zero = Figures("jumlah", 0.0, 3.0, None, None, reason="Target 0: tanpa persentase.")
    assert figures_text(zero) == "Realisasi 3 dari target 0. Target 0: tanpa persentase."
    no_target = Figures("Rp", None, 1_500_000.0, None, None)
    assert figures_text(no_target) == "Realisasi Rp 1.500.000 dari target (belum ditetapkan)."
    units = tuple(f"Unit {n}" for n in range(1, 8))
    missing = Figures("%", 85.0, None, None, None, units, "Belum ada laporan yang diterima.")
    assert figures_text(missing) == (
        "Realisasi periode ini belum ada: belum ada laporan diterima dari "
        "Unit 1, Unit 2, Unit 3, Unit 4, Unit 5 dan 2 unit lain."
    )
    formula = Figures("%", 85.0, None, None, None, reason="Rumus tidak dapat dihitung.")
    assert figures_text(formula) == "Realisasi periode ini belum ada. Rumus tidak dapat dihitung."
