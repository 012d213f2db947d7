"""The plan's rules without Telegram: formulas, values, periods, validation, changes, edits,
and plan revisions in storage."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.core.numbers import read_text
from bot.planning.rules.changes import ChangeKind, diff
from bot.planning.rules.editing import (
    add_action,
    attribute,
    edit_indicator,
    parse_attribute,
    parse_schedule,
    remove_action,
)
from bot.planning.rules.example import example_plan
from bot.planning.rules.formula import FormulaError, evaluate, formula_names
from bot.planning.rules.model import Frequency, Plan, Polarity
from bot.planning.rules.periods import default_period_targets, periods
from bot.planning.rules.validation import missing, problems
from bot.planning.rules.values import format_number, parse_date, parse_polarity
from bot.planning.usecases import store_plan
from bot.sop.steps import StepState
from storage import audit, cycles, plans
from storage.db import Database
from tests.databases import database_url

NOW = datetime(2027, 1, 5, 0, 0, tzinfo=UTC)


def test_format_number_round_trips() -> None:
    """What the bot shows can be typed back (tests/test_numbers.py covers the reading)."""
    for value in (60.0, 60.5, 1_250_000.0, 0.25):
        assert read_text(format_number(value)) == value
    assert format_number(1_250_000) == "1.250.000" and format_number(62.5) == "62,5"


def test_dates_and_choices() -> None:
    assert parse_date("31/03/2027") == date(2027, 3, 31)
    assert parse_date("2027-03-31") == date(2027, 3, 31)
    with pytest.raises(ValueError):
        parse_date("31 Maret")
    assert parse_polarity("turun") is Polarity.TURUN
    assert parse_polarity("Semakin tinggi semakin baik") is Polarity.NAIK
    with pytest.raises(ValueError, match="pilih salah satu"):
        parse_polarity("sedang")


def test_formulas_are_checked_and_evaluated_safely() -> None:
    assert formula_names("(total_hps - total_nilai_kontrak) / total_hps * 100") == {
        "total_hps",
        "total_nilai_kontrak",
    }
    assert evaluate("a / b * 100", {"a": 30, "b": 60}) == 50
    for bad in ("__import__('os')", "a ** 2", "a if b else c", "", "a +", "open"):
        if bad == "open":
            assert formula_names(bad) == {"open"}  # just a name; must be a declared input
            continue
        with pytest.raises(FormulaError):
            formula_names(bad)
    with pytest.raises(ZeroDivisionError):
        evaluate("a / b", {"a": 1, "b": 0})


def test_periods_of_a_year() -> None:
    quarters = periods(Frequency.TRIWULANAN, 2027)
    assert [p.label for p in quarters] == [
        "Triwulan I",
        "Triwulan II",
        "Triwulan III",
        "Triwulan IV",
    ]
    assert quarters[0].start == date(2027, 1, 1) and quarters[0].end == date(2027, 3, 31)
    assert periods(Frequency.BULANAN, 2028)[1].end == date(2028, 2, 29)
    assert periods(Frequency.SEMESTER, 2027)[1].label == "Semester II"
    assert default_period_targets(60, "%", Frequency.TRIWULANAN) == (60, 60, 60, 60)
    assert default_period_targets(100, "jumlah", Frequency.TRIWULANAN) == (25, 50, 75, 100)


def test_example_plan_is_valid_and_complete() -> None:
    plan = example_plan(2027)
    assert len(plan.indicators) == 8 and len(plan.areas) == 4
    assert problems(plan) == []
    assert missing(plan) == {1: [], 2: [], 3: [], 4: []}
    assert all(plan.actions_of(i.code) for i in plan.indicators)
    assert {a.category.value for a in plan.areas} == {
        "Ketepatan Waktu",
        "Penghematan Biaya",
        "Kualitas",
        "Tingkat Layanan",
    }


def _with_indicator(plan: Plan, target: str, **changes: object) -> Plan:
    indicator = plan.indicator(target)
    assert indicator is not None
    changed = replace(indicator, **changes)  # type: ignore[arg-type]
    return replace(
        plan, indicators=tuple(changed if i.code == target else i for i in plan.indicators)
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"formula": "nilai_x / total_pagu"}, "input «nilai_x» yang tidak ada"),
        ({"formula": "total_pagu * 100"}, "tidak dipakai"),
        ({"area_code": "A9"}, "area A9 tidak ada"),
        ({"period_targets": (60.0, 60.0)}, "punya 4 periode"),
        ({"monitoring_frequency": Frequency.TAHUNAN}, "lebih jarang"),
        ({"baseline_year": 2030}, "sesudah tahun rencana"),
        ({"code": "IKU 04:x"}, "tidak sah"),
    ],
)
def test_plan_problems_name_the_reason(changes: dict[str, object], message: str) -> None:
    plan = _with_indicator(example_plan(2027), "IKU-04", **changes)
    found = problems(plan)
    assert any(message in p.message for p in found), found


def test_duplicate_codes_and_bad_actions() -> None:
    plan = example_plan(2027)
    doubled = replace(plan, indicators=(*plan.indicators, plan.indicators[0]))
    assert any("dipakai 2 kali" in p.message for p in problems(doubled))
    late = replace(plan.actions[0], start=date(2027, 5, 1), end=date(2027, 4, 1))
    broken = replace(plan, actions=(late, *plan.actions[1:]))
    assert any("sebelum tanggal mulai" in p.message for p in problems(broken))


def test_missing_counts_what_is_not_filled() -> None:
    plan = example_plan(2027)
    partial = replace(
        _with_indicator(plan, "IKU-02", evidence="", annual_target=None, period_targets=()),
        actions=tuple(a for a in plan.actions if a.indicator_code != "IKU-03"),
    )
    lacking = missing(partial)
    assert lacking[1] == []
    assert lacking[2] == ["1 indikator atributnya belum lengkap"]
    assert lacking[3] == ["1 indikator belum punya baseline/target lengkap"]
    assert lacking[4] == ["1 indikator belum punya rencana aksi"]


def test_diff_lists_exactly_what_changed() -> None:
    plan = example_plan(2027)
    changed = replace(
        _with_indicator(plan, "IKU-01", annual_target=40.0),
        areas=plan.areas[:3],
        actions=plan.actions[1:],
    )
    changes = diff(plan, changed)
    kinds = {(c.what, c.key, c.kind) for c in changes}
    assert ("indikator", "IKU-01", ChangeKind.CHANGED) in kinds
    assert ("area", "A4", ChangeKind.REMOVED) in kinds
    assert ("rencana aksi", "IKU-01/1", ChangeKind.REMOVED) in kinds
    assert len(changes) == 3
    assert diff(plan, plan) == []


def test_chat_edits_keep_the_plan_valid() -> None:
    plan = example_plan(2027)
    target = attribute("tt")
    assert target is not None
    edited = edit_indicator(plan, "IKU-04", target, parse_attribute(target, "70"))
    indicator = edited.plan.indicator("IKU-04")
    assert indicator is not None and indicator.period_targets == (70, 70, 70, 70)
    assert edited.targets_derived == 4
    formula = attribute("rm")
    assert formula is not None
    with pytest.raises(ValueError, match="tidak ada"):
        edit_indicator(plan, "IKU-04", formula, "x / total_pagu")
    inputs = attribute("in")
    assert inputs is not None
    with pytest.raises(ValueError, match="nama \\| keterangan \\| jenis"):
        parse_attribute(inputs, "nilai tanpa pemisah")
    assert parse_schedule("01/02/2027 - 30/06/2027") == (date(2027, 2, 1), date(2027, 6, 30))
    with pytest.raises(ValueError):
        parse_schedule("besok")
    added, number = add_action(
        plan, "IKU-01", activity="Uji", output="Hasil", start=date(2027, 2, 1), end=date(2027, 3, 1)
    )
    assert number == 3 and len(added.actions) == len(plan.actions) + 1
    with pytest.raises(ValueError, match="di luar tahun"):
        add_action(
            plan, "IKU-01", activity="Uji", output="-", start=date(2026, 2, 1), end=date(2027, 3, 1)
        )
    assert len(remove_action(added, "IKU-01", 3).actions) == len(plan.actions)


def test_plan_revisions_in_storage(tmp_path: Path) -> None:
    db = Database(database_url(tmp_path, "k.db"))
    db.upgrade()
    plan = example_plan(2027)
    with db.write() as session:
        saved = store_plan(session, plan=plan, actor_id=None, now=NOW)
        assert saved.revision is not None and saved.revision.number == 1
        assert len(saved.changes) == 2 + 4 + 8 + 10
    with db.read() as session:
        loaded_revision, loaded = plans.current_plan(session, year=2027)
        assert loaded == plan
        assert loaded_revision is not None
        cycle = cycles.find_cycle(session, year=2027)
        assert cycle is not None and cycle.id is not None
        assert cycles.step_states(session, cycle_id=cycle.id) == {
            n: StepState.SELESAI for n in (1, 2, 3, 4)
        }
        assert len(audit.entries(session, action="plan.added", limit=100)) == 24
    # Saving the same plan again changes nothing and writes no audit entry.
    with db.write() as session:
        assert store_plan(session, plan=plan, actor_id=None, now=NOW).changes == ()
    # An approved revision is frozen; the next save makes revision 2.
    with db.write() as session:
        revision = plans.latest_revision(session, cycle_id=cycle.id)
        assert revision is not None
        revision.status = plans.APPROVED
        session.add(revision)
    smaller = replace(plan, actions=plan.actions[:-1])
    with db.write() as session:
        saved = store_plan(session, plan=smaller, actor_id=None, now=NOW)
        assert saved.revision is not None and saved.revision.number == 2
        assert len(saved.changes) == 1
        assert saved.replaced is not None and saved.replaced.number == 1
    with db.read() as session:
        assert plans.load_plan(session, revision_id=1, year=2027) == plan
        assert plans.load_plan(session, revision_id=2, year=2027) == smaller
        states = cycles.step_states(session, cycle_id=cycle.id)
        assert states[4] is StepState.BERJALAN
        rows = cycles.step_rows(session, cycle_id=cycle.id)
        assert rows[4].note == "1 indikator belum punya rencana aksi"
    db.dispose()
