"""Changing the plan: saving a plan (from a workbook or the starter plan), editing one
attribute or action plan from the chat. Each use case is one transaction; steps 1-4 follow
what the saved plan still lacks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot.planning.rules.editing import (
    Attribute,
    add_action,
    edit_indicator,
    parse_attribute,
    parse_schedule,
    remove_action,
)
from bot.planning.rules.example import example_plan
from bot.planning.rules.model import Plan
from bot.planning.rules.validation import missing
from bot.planning.usecases.reading import revision_view
from bot.planning.usecases.views import (
    ActionAdded,
    ActionRemoved,
    AttributeEdited,
    Invalid,
    NotEmpty,
    NotFound,
    Saved,
    Seeded,
)
from bot.services import Services
from bot.sop import workflow
from storage import archive, cycles, plans, users
from storage.archive import NewDocument

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Upload:
    """The workbook a saved plan came from, archived with it."""

    content: bytes
    file_name: str


def store_plan(session: Session, *, plan: Plan, actor_id: int | None, now: datetime) -> Saved:
    """Inside a use case's transaction: save ``plan`` as its year's draft (a new revision
    after a frozen one) and move steps 1-4 with what it still lacks."""
    cycle = cycles.find_cycle(session, year=plan.year)
    before = (
        None
        if cycle is None or cycle.id is None
        else plans.latest_revision(session, cycle_id=cycle.id)
    )
    actor = None if actor_id is None else users.get_user(session, actor_id)
    changes, row = plans.save_for_year(session, year=plan.year, plan=plan, actor=actor, now=now)
    if row is not None and changes:
        workflow.plan_saved(
            session,
            cycle_id=row.cycle_id,
            lacking=missing(plan),
            empty=plan.is_empty,
            actor_id=actor_id,
            now=now,
        )
    replaced = before if before is not None and row is not None and before.id != row.id else None
    return Saved(
        changes=tuple(changes),
        revision=None if row is None else revision_view(row),
        replaced=None if replaced is None else revision_view(replaced),
    )


def save_plan(svc: Services, *, plan: Plan, actor_id: int, upload: Upload | None = None) -> Saved:
    """Save a checked plan as its year's draft, with the workbook it came from."""
    now = svc.now()
    with svc.db.write() as session:
        saved = store_plan(session, plan=plan, actor_id=actor_id, now=now)
        if upload is not None and saved.revision is not None and saved.changes:
            archive.store(
                session,
                root=svc.archive_dir,
                content=upload.content,
                meta=NewDocument(
                    kind="rencana_xlsx",
                    file_name=upload.file_name,
                    mime_type=XLSX_MIME,
                    cycle_id=saved.revision.cycle_id,
                    step_no=1,
                    uploaded_by_user_id=actor_id,
                ),
                now=now,
            )
    return saved


def seed_starter_plan(svc: Services, *, year: int, actor_id: int | None) -> Seeded | NotEmpty:
    """Load the starter plan (Jayawijaya's example) into the empty plan of ``year``."""
    starter = example_plan(year)
    with svc.db.write() as session:
        _, current = plans.current_plan(session, year=year)
        if not current.is_empty:
            return NotEmpty()
        store_plan(session, plan=starter, actor_id=actor_id, now=svc.now())
    return Seeded(indicators=len(starter.indicators), actions=len(starter.actions))


def edit_attribute(
    svc: Services, *, year: int, code: str, attribute: Attribute, raw: str, actor_id: int
) -> AttributeEdited | NotFound | Invalid:
    """Set one attribute of an indicator from what the person typed or chose."""
    with svc.db.write() as session:
        row, plan = plans.current_plan(session, year=year)
        indicator = plan.indicator(code)
        if indicator is None:
            return NotFound()
        try:
            value = parse_attribute(attribute, raw, unit=indicator.unit)
            edited = edit_indicator(plan, code, attribute, value)
        except LookupError:
            return NotFound()
        except ValueError as exc:
            return Invalid(str(exc))
        saved = store_plan(session, plan=edited.plan, actor_id=actor_id, now=svc.now())
    changed = edited.plan.indicator(code)
    assert changed is not None
    return AttributeEdited(
        plan=edited.plan,
        indicator=changed,
        targets_derived=edited.targets_derived,
        saved=saved,
        was_read_only=plans.is_read_only(row),
    )


def add_action_plan(
    svc: Services,
    *,
    year: int,
    code: str,
    activity: str,
    output: str,
    schedule: str,
    actor_id: int,
) -> ActionAdded | NotFound | Invalid:
    """Add an action plan to an indicator; ``schedule`` as typed (``01/02/2027 - ...``)."""
    with svc.db.write() as session:
        _, plan = plans.current_plan(session, year=year)
        try:
            start, end = parse_schedule(schedule)
            new_plan, number = add_action(
                plan, code, activity=activity, output=output, start=start, end=end
            )
        except LookupError:
            return NotFound()
        except ValueError as exc:
            return Invalid(str(exc))
        store_plan(session, plan=new_plan, actor_id=actor_id, now=svc.now())
    indicator = new_plan.indicator(code)
    assert indicator is not None
    return ActionAdded(plan=new_plan, indicator=indicator, number=number)


def remove_action_plan(
    svc: Services, *, year: int, code: str, number: int, actor_id: int
) -> ActionRemoved | NotFound:
    """Delete one action plan of an indicator."""
    with svc.db.write() as session:
        _, plan = plans.current_plan(session, year=year)
        indicator = plan.indicator(code)
        if indicator is None:
            return NotFound()
        try:
            new_plan = remove_action(plan, code, number)
        except LookupError:
            return NotFound()
        store_plan(session, plan=new_plan, actor_id=actor_id, now=svc.now())
    return ActionRemoved(plan=new_plan, indicator=indicator, number=number)


def hold_upload(svc: Services, content: bytes) -> str:
    """Keep an uploaded workbook server-side until its sender decides; its token."""
    return archive.hold(svc.archive_dir, content)


def held_upload(svc: Services, token: str) -> bytes | None:
    return archive.held(svc.archive_dir, token)


def release_upload(svc: Services, token: str) -> None:
    archive.release(svc.archive_dir, token)
