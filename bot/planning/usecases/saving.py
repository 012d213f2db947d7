"""Changing the plan: saving a plan (from a workbook or the starter plan), editing one
attribute or action plan from the chat. Each use case is one transaction; steps 1-4 follow
what the saved plan still lacks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from sqlmodel import Session

from bot.core.xlsx_guard import XLSX_MIME
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

T = TypeVar("T")


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
                    revision=saved.revision.number,
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


@dataclass(frozen=True)
class _Changed(Generic[T]):
    plan: Plan
    extra: T  # what the change tells besides the plan (a number, a count)
    saved: Saved
    was_read_only: bool


def _change(
    svc: Services, *, year: int, actor_id: int, change: Callable[[Plan], tuple[Plan, T]]
) -> _Changed[T] | NotFound | Invalid:
    """Apply a rule's change to the year's plan and save it, in one transaction; a change
    that raises LookupError finds nothing, ValueError refuses with its reason."""
    with svc.db.write() as session:
        row, plan = plans.current_plan(session, year=year)
        try:
            new_plan, extra = change(plan)
        except LookupError:
            return NotFound()
        except ValueError as exc:
            return Invalid(str(exc))
        saved = store_plan(session, plan=new_plan, actor_id=actor_id, now=svc.now())
    return _Changed(new_plan, extra, saved, plans.is_read_only(row))


def edit_attribute(
    svc: Services, *, year: int, code: str, attribute: Attribute, raw: str, actor_id: int
) -> AttributeEdited | NotFound | Invalid:
    """Set one attribute of an indicator from what the person typed or chose."""

    def edit(plan: Plan) -> tuple[Plan, int]:
        indicator = plan.indicator(code)
        if indicator is None:
            raise LookupError(code)
        value = parse_attribute(attribute, raw, unit=indicator.unit)
        edited = edit_indicator(plan, code, attribute, value)
        return edited.plan, edited.targets_derived

    result = _change(svc, year=year, actor_id=actor_id, change=edit)
    if not isinstance(result, _Changed):
        return result
    changed = result.plan.indicator(code)
    assert changed is not None
    return AttributeEdited(
        plan=result.plan,
        indicator=changed,
        targets_derived=result.extra,
        saved=result.saved,
        was_read_only=result.was_read_only,
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

    def add(plan: Plan) -> tuple[Plan, int]:
        start, end = parse_schedule(schedule)
        return add_action(plan, code, activity=activity, output=output, start=start, end=end)

    result = _change(svc, year=year, actor_id=actor_id, change=add)
    if not isinstance(result, _Changed):
        return result
    indicator = result.plan.indicator(code)
    assert indicator is not None
    return ActionAdded(plan=result.plan, indicator=indicator, number=result.extra)


def remove_action_plan(
    svc: Services, *, year: int, code: str, number: int, actor_id: int
) -> ActionRemoved | NotFound:
    """Delete one action plan of an indicator."""

    def remove(plan: Plan) -> tuple[Plan, None]:
        if plan.indicator(code) is None:
            raise LookupError(code)
        return remove_action(plan, code, number), None

    result = _change(svc, year=year, actor_id=actor_id, change=remove)
    if not isinstance(result, _Changed):
        return NotFound()
    indicator = result.plan.indicator(code)
    assert indicator is not None
    return ActionRemoved(plan=result.plan, indicator=indicator, number=number)


def hold_upload(svc: Services, content: bytes) -> str:
    """Keep an uploaded workbook server-side until its sender decides; its token."""
    return archive.hold(svc.archive_dir, content)


def held_upload(svc: Services, token: str) -> bytes | None:
    return archive.held(svc.archive_dir, token)


def release_upload(svc: Services, token: str) -> None:
    archive.release(svc.archive_dir, token)
