"""The SOP workflow: the only code that changes the state of a step in a cycle.

Each SOP event is a named transition (``plan_submitted``, ``letter_signed``, ...) that moves
named steps to new states. Transitions run inside the caller's unit of work (they take the
use case's session), are idempotent (a step already in the target state, with the same note,
is not written again) and are audit-logged by storage. ``TRANSITIONS`` lists every allowed
move; tests walk a whole cycle through them.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot.sop.steps import StepId, StepState
from storage import cycles, users

S = StepId
BELUM, JALAN, PERBAIKAN, SELESAI = (
    StepState.BELUM_MULAI,
    StepState.BERJALAN,
    StepState.PERLU_PERBAIKAN,
    StepState.SELESAI,
)
LETTER_STEPS = (S.CIRCULAR, S.SOCIALISATION_INVITATION, S.SOCIALISATION)
PLANNING_STEPS = (S.OBJECTIVES, S.INDICATORS, S.TARGETS, S.ACTION_PLANS)


@dataclass(frozen=True)
class Move:
    """One step going to one state when it is in one of ``sources`` (else left as it is:
    a plan approved again after the circular went out does not reopen the circular)."""

    step: StepId
    to: StepState
    sources: frozenset[StepState]


def _move(step: StepId, to: StepState, *sources: StepState) -> Move:
    return Move(step, to, frozenset(sources or tuple(StepState)))


_ANY = tuple(StepState)
TRANSITIONS: dict[str, tuple[Move, ...]] = {
    # Steps 1-4 follow what the saved plan still lacks, one step at a time; a step not
    # started stays so while the plan is empty.
    "planning_step_complete": tuple(_move(s, SELESAI, *_ANY) for s in PLANNING_STEPS),
    "planning_step_incomplete": tuple(_move(s, JALAN, *_ANY) for s in PLANNING_STEPS),
    "planning_step_emptied": tuple(
        _move(s, BELUM, JALAN, PERBAIKAN, SELESAI) for s in PLANNING_STEPS
    ),
    "plan_submitted": (
        _move(S.PLAN_PRESENTED, JALAN, *_ANY),
        _move(S.PLAN_DECIDED, JALAN, *_ANY),
    ),
    "plan_approved": (
        _move(S.PLAN_PRESENTED, SELESAI, JALAN, SELESAI),
        _move(S.PLAN_DECIDED, SELESAI, JALAN, SELESAI),
        _move(S.CIRCULAR, JALAN, BELUM, JALAN),
    ),
    "plan_returned": (
        _move(S.PLAN_PRESENTED, PERBAIKAN, JALAN, PERBAIKAN),
        _move(S.PLAN_DECIDED, PERBAIKAN, JALAN, PERBAIKAN),
    ),
    "circular_drafted": (_move(S.CIRCULAR, JALAN, BELUM, JALAN),),
    "invitation_drafted": (_move(S.SOCIALISATION_INVITATION, JALAN, BELUM, JALAN),),
    "socialisation_report_drafted": (_move(S.SOCIALISATION, JALAN, BELUM, JALAN),),
    "circular_signed": (_move(S.CIRCULAR, SELESAI, *_ANY),),
    "invitation_signed": (
        _move(S.SOCIALISATION_INVITATION, SELESAI, *_ANY),
        _move(S.SOCIALISATION, JALAN, BELUM, JALAN),
    ),
    "socialisation_report_signed": (
        _move(S.CIRCULAR, SELESAI, *_ANY),
        _move(S.SOCIALISATION_INVITATION, SELESAI, *_ANY),
        _move(S.SOCIALISATION, SELESAI, *_ANY),
    ),
    "packages_partly_mapped": (_move(S.PACKAGE_MAPPING, JALAN, *_ANY),),
    "packages_mapped": (_move(S.PACKAGE_MAPPING, SELESAI, *_ANY),),
    # Steps 15-16: the Laporan Pencapaian Kinerja and its deck are made together; a signed
    # report of one period keeps the steps done while the next period's is drafted.
    "achievement_report_drafted": (
        _move(S.ACHIEVEMENT_REPORT, JALAN, BELUM, JALAN, PERBAIKAN),
        _move(S.PRESENTATION, JALAN, BELUM, JALAN, PERBAIKAN),
    ),
    "achievement_report_returned": (
        _move(S.ACHIEVEMENT_REPORT, PERBAIKAN, JALAN, PERBAIKAN),
        _move(S.PRESENTATION, PERBAIKAN, JALAN, PERBAIKAN),
    ),
    "achievement_report_signed": (
        _move(S.ACHIEVEMENT_REPORT, SELESAI, *_ANY),
        _move(S.PRESENTATION, SELESAI, *_ANY),
    ),
    # Step 17 ends with the signed final indicator-status report.
    "status_report_signed": (_move(S.DECISION_MEETING, SELESAI, *_ANY),),
    # Step 13 runs from the first accepted report; it is done while the latest ended period
    # has every report accepted, and runs again when a later period is still coming in.
    "results_partial": (_move(S.COMPILATION, JALAN, *_ANY),),
    "results_complete": (_move(S.COMPILATION, SELESAI, *_ANY),),
    # Step 14 runs from the first analysis written and is done while every indicator of
    # the latest ended period has one; a new period ending unanalysed runs it again.
    "analysis_written": (_move(S.ANALYSIS, JALAN, *_ANY),),
    "analysis_complete": (_move(S.ANALYSIS, SELESAI, *_ANY),),
    # Step 17 runs once per meeting; an approved recommendation is a new action plan that
    # owners carry out and report on: back to step 11.
    "meeting_opened": (_move(S.DECISION_MEETING, JALAN, *_ANY),),
    "recommendation_approved": (_move(S.ACTIONS_AND_DATA, JALAN, *_ANY),),
    "meeting_closed": (_move(S.DECISION_MEETING, SELESAI, *_ANY),),
}
_LETTER_EVENTS = {
    S.CIRCULAR: "circular",
    S.SOCIALISATION_INVITATION: "invitation",
    S.SOCIALISATION: "socialisation_report",
}


def _apply(
    session: Session,
    name: str,
    *,
    cycle_id: int,
    actor_id: int | None,
    now: datetime,
    note: str = "",
    steps: Collection[StepId] | None = None,
) -> None:
    rows = cycles.step_rows(session, cycle_id=cycle_id)
    actor = None if actor_id is None else users.get_user(session, actor_id)
    for move in TRANSITIONS[name]:
        if steps is not None and move.step not in steps:
            continue
        row = rows.get(move.step)
        state = BELUM if row is None else StepState(row.state)
        if state not in move.sources or (row is not None and state is move.to and row.note == note):
            continue
        cycles.set_step_state(
            session,
            cycle_id=cycle_id,
            step_no=int(move.step),
            state=move.to,
            actor=actor,
            now=now,
            note=note,
        )


def plan_saved(
    session: Session,
    *,
    cycle_id: int,
    lacking: Mapping[int, Sequence[str]],
    empty: bool,
    actor_id: int | None,
    now: datetime,
) -> None:
    """The plan was saved: each of steps 1-4 is done when it lacks nothing, else running
    (or not started, for an empty plan) with what it lacks as its note."""
    for step in PLANNING_STEPS:
        items = lacking.get(int(step), ())
        if not items:
            name = "planning_step_complete"
        elif empty:
            name = "planning_step_emptied"
        else:
            name = "planning_step_incomplete"
        _apply(
            session,
            name,
            cycle_id=cycle_id,
            actor_id=actor_id,
            now=now,
            note="; ".join(items),
            steps=(step,),
        )


def plan_submitted(session: Session, *, cycle_id: int, actor_id: int | None, now: datetime) -> None:
    """The team submitted the plan to the head (steps 5-6 running)."""
    _apply(session, "plan_submitted", cycle_id=cycle_id, actor_id=actor_id, now=now)


def plan_decided(
    session: Session,
    *,
    cycle_id: int,
    approved: bool,
    actor_id: int | None,
    now: datetime,
    comment: str = "",
) -> None:
    """The head approved the plan (5-6 done, 7 running) or returned it with ``comment``."""
    if approved:
        _apply(session, "plan_approved", cycle_id=cycle_id, actor_id=actor_id, now=now)
    else:
        _apply(
            session,
            "plan_returned",
            cycle_id=cycle_id,
            actor_id=actor_id,
            now=now,
            note=comment[:500],
        )


def letter_drafted(
    session: Session, *, cycle_id: int, step: StepId, actor_id: int | None, now: datetime
) -> None:
    """A letter of step 7, 8 or 9 was drafted: its step is running."""
    _apply(
        session, f"{_LETTER_EVENTS[step]}_drafted", cycle_id=cycle_id, actor_id=actor_id, now=now
    )


def letter_signed(
    session: Session, *, cycle_id: int, step: StepId, actor_id: int | None, now: datetime
) -> None:
    """The head signed the letter of step 7, 8 or 9 (the invitation opens step 9; the
    socialisation report closes 7-9)."""
    event = f"{_LETTER_EVENTS[step]}_signed"
    _apply(session, event, cycle_id=cycle_id, actor_id=actor_id, now=now)


def packages_synced(
    session: Session,
    *,
    cycle_id: int,
    total: int,
    unmapped: int,
    actor_id: int | None,
    now: datetime,
    note: str = "",
) -> None:
    """Packages were imported or mapped: step 10 is done when every package has an area."""
    done = total > 0 and unmapped == 0
    _apply(
        session,
        "packages_mapped" if done else "packages_partly_mapped",
        cycle_id=cycle_id,
        actor_id=actor_id,
        now=now,
        note="" if done else note,
    )


def achievement_report_drafted(
    session: Session, *, cycle_id: int, actor_id: int | None, now: datetime
) -> None:
    """The team made a Laporan Pencapaian Kinerja and its deck: steps 15-16 are running."""
    _apply(session, "achievement_report_drafted", cycle_id=cycle_id, actor_id=actor_id, now=now)


def results_report_decided(
    session: Session,
    *,
    cycle_id: int,
    status_report: bool,
    signed: bool,
    actor_id: int | None,
    now: datetime,
    comment: str = "",
) -> None:
    """The head signed a report (steps 15-16 done; the final status report ends step 17)
    or asked for changes to the achievement report (15-16 need work, ``comment`` noted)."""
    if signed:
        name = "status_report_signed" if status_report else "achievement_report_signed"
        _apply(session, name, cycle_id=cycle_id, actor_id=actor_id, now=now)
    elif not status_report:
        _apply(
            session,
            "achievement_report_returned",
            cycle_id=cycle_id,
            actor_id=actor_id,
            now=now,
            note=comment[:500],
        )


def report_accepted(
    session: Session,
    *,
    cycle_id: int,
    complete: bool,
    actor_id: int | None,
    now: datetime,
    note: str = "",
) -> None:
    """A report was accepted: step 13 (compilation) is running, with what the latest ended
    period still lacks as its note, or done when that period is complete."""
    _apply(
        session,
        "results_complete" if complete else "results_partial",
        cycle_id=cycle_id,
        actor_id=actor_id,
        now=now,
        note="" if complete else note[:500],
    )


def analysis_saved(
    session: Session,
    *,
    cycle_id: int,
    complete: bool,
    actor_id: int | None,
    now: datetime,
    note: str = "",
) -> None:
    """An analysis was written (step 14 running, with ``note`` saying what is still to be
    analysed) or every indicator of the latest ended period now has one (step 14 done)."""
    _apply(
        session,
        "analysis_complete" if complete else "analysis_written",
        cycle_id=cycle_id,
        actor_id=actor_id,
        now=now,
        note="" if complete else note[:500],
    )


def meeting_opened(session: Session, *, cycle_id: int, actor_id: int | None, now: datetime) -> None:
    """The team opened a decision meeting with the head (step 17 running)."""
    _apply(session, "meeting_opened", cycle_id=cycle_id, actor_id=actor_id, now=now)


def recommendation_approved(
    session: Session, *, cycle_id: int, actor_id: int | None, now: datetime
) -> None:
    """The head approved a recommendation: a new action plan, so step 11 runs again."""
    _apply(session, "recommendation_approved", cycle_id=cycle_id, actor_id=actor_id, now=now)


def meeting_closed(session: Session, *, cycle_id: int, actor_id: int | None, now: datetime) -> None:
    """Every item of the meeting is decided (step 17 done)."""
    _apply(session, "meeting_closed", cycle_id=cycle_id, actor_id=actor_id, now=now)
