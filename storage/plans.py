"""Performance plans in the database: revisions, their content, and saving a new version.

A cycle's plan lives in numbered revisions. Edits go to the newest revision while it is a
draft; once a revision is approved it is never changed, and the next edit starts a new
draft revision holding a copy of it. The states of the SOP steps are not kept here: the
planning use cases move them through the workflow.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, delete, select

from bot.planning.rules.changes import Change, ChangeKind, diff
from bot.planning.rules.model import (
    ActionPlan,
    ActionStatus,
    Area,
    Category,
    FormulaInput,
    Frequency,
    Indicator,
    InputKind,
    Objective,
    Plan,
    PlanStatus,
    Polarity,
)
from storage import audit, cycles
from storage.models import (
    PlanAction,
    PlanArea,
    PlanIndicator,
    PlanObjective,
    PlanRevision,
    User,
)

DRAFT = PlanStatus.DRAFT.value
SUBMITTED = PlanStatus.SUBMITTED.value
APPROVED = PlanStatus.APPROVED.value
CHANGES_REQUESTED = PlanStatus.CHANGES_REQUESTED.value


def latest_revision(session: Session, *, cycle_id: int) -> PlanRevision | None:
    return session.exec(
        select(PlanRevision)
        .where(PlanRevision.cycle_id == cycle_id)
        .order_by(col(PlanRevision.number).desc())
    ).first()


def load_plan(session: Session, *, revision_id: int | None, year: int) -> Plan:
    """The plan stored in a revision (an empty plan for None)."""
    if revision_id is None:
        return Plan(year=year)

    def rows(model: Any) -> list[Any]:
        return list(
            session.exec(
                select(model).where(model.revision_id == revision_id).order_by(model.position)
            )
        )

    return Plan(
        year=year,
        objectives=tuple(Objective(r.code, r.text) for r in rows(PlanObjective)),
        areas=tuple(
            Area(r.code, r.name, Category(r.category), r.objective_code) for r in rows(PlanArea)
        ),
        indicators=tuple(_indicator(r) for r in rows(PlanIndicator)),
        actions=tuple(
            ActionPlan(
                indicator_code=r.indicator_code,
                number=r.number,
                activity=r.activity,
                output=r.output,
                start=r.start,
                end=r.end,
                pic_unit=r.pic_unit,
                status=ActionStatus(r.status),
            )
            for r in rows(PlanAction)
        ),
    )


def _indicator(row: PlanIndicator) -> Indicator:
    return Indicator(
        code=row.code,
        area_code=row.area_code,
        name=row.name,
        definition=row.definition,
        inputs=tuple(
            FormulaInput(name, label, InputKind(kind))
            for name, label, kind in json.loads(row.inputs_json)
        ),
        formula=row.formula,
        unit=row.unit,
        polarity=Polarity(row.polarity) if row.polarity else None,
        monitoring_frequency=Frequency(row.monitoring_frequency)
        if row.monitoring_frequency
        else None,
        reporting_frequency=Frequency(row.reporting_frequency) if row.reporting_frequency else None,
        data_source=row.data_source,
        pic_unit=row.pic_unit,
        evidence=row.evidence,
        baseline_value=row.baseline_value,
        baseline_year=row.baseline_year,
        annual_target=row.annual_target,
        period_targets=tuple(json.loads(row.period_targets_json)),
    )


def _indicator_columns(i: Indicator) -> dict[str, Any]:
    return {
        "code": i.code,
        "area_code": i.area_code,
        "name": i.name,
        "definition": i.definition,
        "inputs_json": json.dumps(
            [[x.name, x.label, x.kind.value] for x in i.inputs], ensure_ascii=False
        ),
        "formula": i.formula,
        "unit": i.unit,
        "polarity": i.polarity.value if i.polarity else "",
        "monitoring_frequency": i.monitoring_frequency.value if i.monitoring_frequency else "",
        "reporting_frequency": i.reporting_frequency.value if i.reporting_frequency else "",
        "data_source": i.data_source,
        "pic_unit": i.pic_unit,
        "evidence": i.evidence,
        "baseline_value": i.baseline_value,
        "baseline_year": i.baseline_year,
        "annual_target": i.annual_target,
        "period_targets_json": json.dumps(list(i.period_targets)),
    }


def _action_columns(a: ActionPlan) -> dict[str, Any]:
    columns = asdict(a)
    columns["status"] = a.status.value
    return columns


def _write_content(session: Session, revision_id: int, plan: Plan) -> None:
    """Replace the revision's content by ``plan``, each item at its position."""
    for model in (PlanAction, PlanIndicator, PlanArea, PlanObjective):
        session.exec(delete(model).where(col(model.revision_id) == revision_id))
    tables: tuple[tuple[Any, list[dict[str, Any]]], ...] = (
        (PlanObjective, [{"code": o.code, "text": o.text} for o in plan.objectives]),
        (PlanArea, [{**asdict(a), "category": a.category.value} for a in plan.areas]),
        (PlanIndicator, [_indicator_columns(i) for i in plan.indicators]),
        (PlanAction, [_action_columns(a) for a in plan.actions]),
    )
    for model, rows in tables:
        session.add_all(
            model(revision_id=revision_id, position=position, **columns)
            for position, columns in enumerate(rows)
        )
    session.flush()


def editable_revision(
    session: Session, *, cycle_id: int, year: int, actor: User | None, now: datetime
) -> PlanRevision:
    """The draft to edit: the newest revision if it is a draft, else a new one (a copy)."""
    latest = latest_revision(session, cycle_id=cycle_id)
    if latest is not None and latest.status == DRAFT:
        return latest
    revision = PlanRevision(
        cycle_id=cycle_id,
        number=1 if latest is None else latest.number + 1,
        status=DRAFT,
        created_at=now,
        created_by_user_id=None if actor is None else actor.id,
        updated_at=now,
    )
    session.add(revision)
    session.flush()
    assert revision.id is not None
    if latest is not None:
        _write_content(session, revision.id, load_plan(session, revision_id=latest.id, year=year))
    return revision


def _snapshot(item: object) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(asdict(item), default=str))  # type: ignore[call-overload]
    return data


def save_plan(
    session: Session, *, cycle_id: int, plan: Plan, actor: User | None, now: datetime
) -> list[Change]:
    """Store ``plan`` as the cycle's draft (the caller validated it); the changes made.

    Every change is audit-logged with before and after. Saving an identical plan changes
    nothing.
    """
    latest = latest_revision(session, cycle_id=cycle_id)
    old = load_plan(session, revision_id=None if latest is None else latest.id, year=plan.year)
    changes = diff(old, plan)
    if not changes:
        return []
    revision = editable_revision(session, cycle_id=cycle_id, year=plan.year, actor=actor, now=now)
    assert revision.id is not None
    _write_content(session, revision.id, plan)
    revision.updated_at = now
    session.add(revision)
    before = _by_key(old)
    after = _by_key(plan)
    for change in changes:
        audit.record(
            session,
            at=now,
            actor=actor,
            action=f"plan.{change.kind.name.lower()}",
            entity=change.what,
            entity_id=change.key,
            before=None if change.kind is ChangeKind.ADDED else before[(change.what, change.key)],
            after=None if change.kind is ChangeKind.REMOVED else after[(change.what, change.key)],
        )
    return changes


def _by_key(plan: Plan) -> dict[tuple[str, str], dict[str, Any]]:
    keyed: dict[tuple[str, str], dict[str, Any]] = {}
    keyed.update({("tujuan", o.code): _snapshot(o) for o in plan.objectives})
    keyed.update({("area", a.code): _snapshot(a) for a in plan.areas})
    keyed.update({("indikator", i.code): _snapshot(i) for i in plan.indicators})
    keyed.update(
        {("rencana aksi", f"{a.indicator_code}/{a.number}"): _snapshot(a) for a in plan.actions}
    )
    return keyed


def is_read_only(revision: PlanRevision | None) -> bool:
    """An approved revision is frozen; edits start a new draft revision."""
    return revision is not None and revision.status != DRAFT


def current_plan(session: Session, *, year: int) -> tuple[PlanRevision | None, Plan]:
    """The newest revision of the year's plan (None when nothing is stored) and its content."""
    cycle = cycles.find_cycle(session, year=year)
    if cycle is None or cycle.id is None:
        return None, Plan(year=year)
    revision = latest_revision(session, cycle_id=cycle.id)
    return revision, load_plan(
        session, revision_id=None if revision is None else revision.id, year=year
    )


def inputs_of_cycle(session: Session, *, cycle_id: int) -> dict[str, FormulaInput]:
    """Every formula input any revision of the cycle's plan had, by name (the newest revision
    wins): a report made under an earlier revision still reads with its own labels."""
    rows = session.exec(
        select(PlanIndicator.inputs_json, PlanRevision.number)
        .join(PlanRevision, col(PlanRevision.id) == col(PlanIndicator.revision_id))
        .where(PlanRevision.cycle_id == cycle_id)
        .order_by(col(PlanRevision.number))
    )
    found: dict[str, FormulaInput] = {}
    for inputs_json, _ in rows:
        for name, label, kind in json.loads(inputs_json):
            found[name] = FormulaInput(name, label, InputKind(kind))
    return found


def approved_revision(session: Session, *, cycle_id: int) -> PlanRevision | None:
    """The newest approved revision of a cycle's plan: the plan its reporting follows, even
    while a newer draft is being prepared."""
    return session.exec(
        select(PlanRevision)
        .where(PlanRevision.cycle_id == cycle_id, PlanRevision.status == APPROVED)
        .order_by(col(PlanRevision.number).desc())
    ).first()


def approved_plan(session: Session, *, year: int) -> Plan | None:
    """The approved plan of the year's cycle, or None when none was approved."""
    cycle = cycles.find_cycle(session, year=year)
    if cycle is None or cycle.id is None:
        return None
    revision = approved_revision(session, cycle_id=cycle.id)
    if revision is None:
        return None
    return load_plan(session, revision_id=revision.id, year=year)


def save_for_year(
    session: Session, *, year: int, plan: Plan, actor: User | None, now: datetime
) -> tuple[list[Change], PlanRevision | None]:
    """``save_plan`` for the year's cycle (created when needed); the changes and the revision."""
    cycle = cycles.get_or_create_cycle(session, year=year, now=now)
    assert cycle.id is not None
    changes = save_plan(session, cycle_id=cycle.id, plan=plan, actor=actor, now=now)
    return changes, latest_revision(session, cycle_id=cycle.id)


def set_status(
    session: Session,
    *,
    revision_id: int,
    status: str,
    actor: User | None,
    now: datetime,
) -> PlanRevision:
    """Move a revision to ``status`` (submitted, approved, changes_requested), audit-logged."""
    revision = session.get(PlanRevision, revision_id)
    if revision is None:
        raise LookupError(f"plan revision {revision_id} not found")
    before = revision.status
    revision.status = status
    revision.updated_at = now
    if status == APPROVED:
        revision.approved_at = now
        revision.approved_by_user_id = None if actor is None else actor.id
    session.add(revision)
    audit.record(
        session,
        at=now,
        actor=actor,
        action=f"plan.{status}",
        entity="plan_revision",
        entity_id=revision_id,
        before={"status": before},
        after={"status": status},
    )
    return revision


def attach_document(session: Session, *, revision_id: int, document_id: int) -> None:
    """Record the archived PDF of an approved revision (the copy as signed)."""
    revision = session.get(PlanRevision, revision_id)
    if revision is None:
        raise LookupError(f"plan revision {revision_id} not found")
    revision.document_id = document_id
    session.add(revision)


def previous_submission(session: Session, *, revision: PlanRevision) -> PlanRevision | None:
    """The last earlier revision that went to the head (decided either way)."""
    return session.exec(
        select(PlanRevision)
        .where(
            PlanRevision.cycle_id == revision.cycle_id,
            col(PlanRevision.number) < revision.number,
            col(PlanRevision.status).in_([APPROVED, CHANGES_REQUESTED, SUBMITTED]),
        )
        .order_by(col(PlanRevision.number).desc())
    ).first()
