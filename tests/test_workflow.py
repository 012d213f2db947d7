"""The SOP workflow: the allowed transitions, and a whole cycle walked through them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.sop import workflow
from bot.sop.steps import StepId, StepState, load_steps
from storage import cycles
from storage.db import Database
from tests.databases import database_url

NOW = datetime(2027, 1, 5, 1, 0, tzinfo=UTC)
S, B, J, P, D = (
    StepId,
    StepState.BELUM_MULAI,
    StepState.BERJALAN,
    StepState.PERLU_PERBAIKAN,
    StepState.SELESAI,
)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(database_url(tmp_path, "wf.sqlite3"))
    database.upgrade()
    yield database
    database.dispose()


def test_step_ids_are_those_of_the_step_table() -> None:
    assert [(s.number, s.feature) for s in load_steps()] == [
        (int(step), step_feature) for step, step_feature in _FEATURE_OF.items()
    ]


_FEATURE_OF = {
    S.OBJECTIVES: "rencana",
    S.INDICATORS: "rencana",
    S.TARGETS: "rencana",
    S.ACTION_PLANS: "rencana",
    S.PLAN_PRESENTED: "persetujuan",
    S.PLAN_DECIDED: "persetujuan",
    S.CIRCULAR: "edaran",
    S.SOCIALISATION_INVITATION: "sosialisasi",
    S.SOCIALISATION: "sosialisasi",
    S.PACKAGE_MAPPING: "paket",
    S.ACTIONS_AND_DATA: "lapor",
    S.REPORTING: "lapor",
    S.COMPILATION: "kompilasi",
    S.ANALYSIS: "analisis",
    S.ACHIEVEMENT_REPORT: "laporan",
    S.PRESENTATION: "laporan",
    S.DECISION_MEETING: "rapat",
}


def test_the_allowed_transitions() -> None:
    """The whole table, written out: a change to the SOP's moves shows up here."""
    table = {
        name: [(int(m.step), m.to.value, sorted(s.value for s in m.sources)) for m in moves]
        for name, moves in workflow.TRANSITIONS.items()
    }
    every = sorted(s.value for s in StepState)
    assert table == {
        "planning_step_complete": [(n, "selesai", every) for n in (1, 2, 3, 4)],
        "planning_step_incomplete": [(n, "berjalan", every) for n in (1, 2, 3, 4)],
        "planning_step_emptied": [
            (n, "belum_mulai", ["berjalan", "perlu_perbaikan", "selesai"]) for n in (1, 2, 3, 4)
        ],
        "plan_submitted": [(5, "berjalan", every), (6, "berjalan", every)],
        "plan_approved": [
            (5, "selesai", ["berjalan", "selesai"]),
            (6, "selesai", ["berjalan", "selesai"]),
            (7, "berjalan", ["belum_mulai", "berjalan"]),
        ],
        "plan_returned": [
            (5, "perlu_perbaikan", ["berjalan", "perlu_perbaikan"]),
            (6, "perlu_perbaikan", ["berjalan", "perlu_perbaikan"]),
        ],
        "circular_drafted": [(7, "berjalan", ["belum_mulai", "berjalan"])],
        "invitation_drafted": [(8, "berjalan", ["belum_mulai", "berjalan"])],
        "socialisation_report_drafted": [(9, "berjalan", ["belum_mulai", "berjalan"])],
        "circular_signed": [(7, "selesai", every)],
        "invitation_signed": [(8, "selesai", every), (9, "berjalan", ["belum_mulai", "berjalan"])],
        "socialisation_report_signed": [
            (7, "selesai", every),
            (8, "selesai", every),
            (9, "selesai", every),
        ],
        "packages_partly_mapped": [(10, "berjalan", every)],
        "packages_mapped": [(10, "selesai", every)],
        "achievement_report_drafted": [
            (15, "berjalan", ["belum_mulai", "berjalan", "perlu_perbaikan"]),
            (16, "berjalan", ["belum_mulai", "berjalan", "perlu_perbaikan"]),
        ],
        "achievement_report_returned": [
            (15, "perlu_perbaikan", ["berjalan", "perlu_perbaikan"]),
            (16, "perlu_perbaikan", ["berjalan", "perlu_perbaikan"]),
        ],
        "achievement_report_signed": [(15, "selesai", every), (16, "selesai", every)],
        "status_report_signed": [(17, "selesai", every)],
        "results_partial": [(13, "berjalan", every)],
        "results_complete": [(13, "selesai", every)],
        "analysis_written": [(14, "berjalan", every)],
        "analysis_complete": [(14, "selesai", every)],
        "meeting_opened": [(17, "berjalan", every)],
        "recommendation_approved": [(11, "berjalan", every)],
        "meeting_closed": [(17, "selesai", every)],
    }


def test_a_whole_cycle_walks_through_the_transitions(db: Database) -> None:
    with db.write() as session:
        cycle = cycles.get_or_create_cycle(session, year=2027, now=NOW)
        assert cycle.id is not None
        cycle_id = cycle.id

    def then(expected: dict[int, StepState]) -> None:
        with db.read() as session:
            assert cycles.step_states(session, cycle_id=cycle_id) == expected

    common: dict[str, Any] = {"cycle_id": cycle_id, "actor_id": None, "now": NOW}
    nothing: dict[int, list[str]] = {1: [], 2: [], 3: [], 4: []}
    empty = {n: ["belum ada indikator"] for n in (1, 2, 3, 4)}
    with db.write() as session:
        workflow.plan_saved(session, lacking=empty, empty=True, **common)
    then({})  # an empty plan leaves steps 1-4 not started
    with db.write() as session:
        workflow.plan_saved(session, lacking={**nothing, 4: ["1 indikator"]}, empty=False, **common)
    then({1: D, 2: D, 3: D, 4: J})
    with db.read() as session:
        assert cycles.step_rows(session, cycle_id=cycle_id)[4].note == "1 indikator"
    with db.write() as session:  # emptied again: the steps go back to not started
        workflow.plan_saved(session, lacking=empty, empty=True, **common)
    then({1: B, 2: B, 3: B, 4: B})
    with db.write() as session:
        workflow.plan_saved(session, lacking=nothing, empty=False, **common)
        workflow.plan_submitted(session, **common)
    then({1: D, 2: D, 3: D, 4: D, 5: J, 6: J})
    with db.write() as session:
        workflow.plan_decided(session, approved=False, comment="Target terlalu rendah", **common)
    then({1: D, 2: D, 3: D, 4: D, 5: P, 6: P})
    with db.read() as session:
        assert cycles.step_rows(session, cycle_id=cycle_id)[6].note == "Target terlalu rendah"
    with db.write() as session:
        workflow.plan_submitted(session, **common)
        workflow.plan_decided(session, approved=True, **common)
    then({1: D, 2: D, 3: D, 4: D, 5: D, 6: D, 7: J})
    with db.write() as session:
        workflow.letter_drafted(session, step=S.CIRCULAR, **common)
        workflow.letter_signed(session, step=S.CIRCULAR, **common)
        workflow.letter_drafted(session, step=S.SOCIALISATION_INVITATION, **common)
    then({1: D, 2: D, 3: D, 4: D, 5: D, 6: D, 7: D, 8: J})
    with db.write() as session:
        workflow.letter_signed(session, step=S.SOCIALISATION_INVITATION, **common)
    then({1: D, 2: D, 3: D, 4: D, 5: D, 6: D, 7: D, 8: D, 9: J})
    with db.write() as session:
        workflow.packages_synced(session, total=4, unmapped=1, note="1 paket", **common)
    then({1: D, 2: D, 3: D, 4: D, 5: D, 6: D, 7: D, 8: D, 9: J, 10: J})
    with db.write() as session:
        workflow.letter_drafted(session, step=S.SOCIALISATION, **common)
        workflow.letter_signed(session, step=S.SOCIALISATION, **common)
        workflow.packages_synced(session, total=4, unmapped=0, **common)
    then({1: D, 2: D, 3: D, 4: D, 5: D, 6: D, 7: D, 8: D, 9: D, 10: D})
    # A plan approved again later (a revision) does not reopen the circular already sent.
    with db.write() as session:
        workflow.plan_submitted(session, **common)
        workflow.plan_decided(session, approved=True, **common)
        workflow.letter_drafted(session, step=S.CIRCULAR, **common)
    then({1: D, 2: D, 3: D, 4: D, 5: D, 6: D, 7: D, 8: D, 9: D, 10: D})
    ten_done = {n: D for n in range(1, 11)}
    with db.write() as session:  # the first accepted report: compilation runs
        workflow.report_accepted(session, complete=False, note="Triwulan I: 2 paket", **common)
    then({**ten_done, 13: J})
    with db.read() as session:
        assert cycles.step_rows(session, cycle_id=cycle_id)[13].note == "Triwulan I: 2 paket"
    with db.write() as session:  # the latest ended period complete: done, without a note
        workflow.report_accepted(session, complete=True, note="ignored", **common)
    then({**ten_done, 13: D})
    with db.read() as session:
        assert cycles.step_rows(session, cycle_id=cycle_id)[13].note == ""
    with db.write() as session:  # a later period's first report: running again
        workflow.report_accepted(session, complete=False, **common)
    then({**ten_done, 13: J})
    # Step 14: running from the first analysis, done when the latest ended period is fully
    # analysed, running again when a newer period ends without its analyses.
    with db.write() as session:
        workflow.analysis_saved(session, complete=False, note="2 indikator", **common)
    then({**ten_done, 13: J, 14: J})
    with db.read() as session:
        assert cycles.step_rows(session, cycle_id=cycle_id)[14].note == "2 indikator"
    with db.write() as session:
        workflow.analysis_saved(session, complete=True, **common)
    then({**ten_done, 13: J, 14: D})
    with db.write() as session:
        workflow.analysis_saved(session, complete=False, **common)
    then({**ten_done, 13: J, 14: J})
    # Step 17: a meeting runs, an approved recommendation sends step 11 back to running,
    # the meeting closes; the next period's meeting runs step 17 again.
    with db.write() as session:
        workflow.meeting_opened(session, **common)
    then({**ten_done, 13: J, 14: J, 17: J})
    with db.write() as session:
        workflow.recommendation_approved(session, **common)
        workflow.meeting_closed(session, **common)
    then({**ten_done, 11: J, 13: J, 14: J, 17: D})
    with db.write() as session:
        workflow.meeting_opened(session, **common)
    then({**ten_done, 11: J, 13: J, 14: J, 17: J})


def test_the_results_reports_walk_steps_15_to_17(db: Database) -> None:
    with db.write() as session:
        cycle = cycles.get_or_create_cycle(session, year=2027, now=NOW)
        assert cycle.id is not None
        cycle_id = cycle.id

    def then(expected: dict[int, StepState]) -> None:
        with db.read() as session:
            assert cycles.step_states(session, cycle_id=cycle_id) == expected

    common: dict[str, Any] = {"cycle_id": cycle_id, "actor_id": None, "now": NOW}
    with db.write() as session:
        workflow.achievement_report_drafted(session, **common)
    then({15: J, 16: J})
    with db.write() as session:
        workflow.results_report_decided(
            session, status_report=False, signed=False, comment="Tambah grafik", **common
        )
    then({15: P, 16: P})
    with db.read() as session:
        assert cycles.step_rows(session, cycle_id=cycle_id)[15].note == "Tambah grafik"
    with db.write() as session:
        workflow.achievement_report_drafted(session, **common)
        workflow.results_report_decided(session, status_report=False, signed=True, **common)
    then({15: D, 16: D})
    with db.write() as session:  # the next period's report leaves the steps done
        workflow.achievement_report_drafted(session, **common)
        workflow.results_report_decided(session, status_report=True, signed=True, **common)
    then({15: D, 16: D, 17: D})


def test_only_the_workflow_changes_step_states() -> None:
    root = Path(__file__).resolve().parents[1] / "bot"
    callers = sorted(
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "set_step_state" in path.read_text(encoding="utf-8")
    )
    assert callers == ["sop/workflow.py"]
