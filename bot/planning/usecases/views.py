"""What the planning use cases return: frozen snapshots, safe across awaits (no ORM
objects leave a use case)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.planning import texts
from bot.planning.rules.changes import Change
from bot.planning.rules.model import Indicator, Plan, PlanStatus
from bot.sop.steps import StepState


@dataclass(frozen=True)
class Revision:
    """One numbered revision of a year's plan."""

    id: int
    cycle_id: int
    number: int
    status: PlanStatus

    @property
    def label(self) -> str:
        """``revisi 2 (draf)``, ``revisi 1 (perlu perubahan)``: in words, never a stored key."""
        return texts.PLAN_REVISION.format(number=self.number, status=texts.PLAN_STATUS[self.status])


@dataclass(frozen=True)
class CurrentPlan:
    """The newest revision of a year's plan (None when nothing is stored) and its content."""

    revision: Revision | None
    plan: Plan


@dataclass(frozen=True)
class StepLine:
    """The state of one of SOP steps 1-4, with what it still lacks."""

    number: int
    state: StepState
    note: str


@dataclass(frozen=True)
class Decision:
    """The head's decision on a revision: by whom (acting title and name; empty when not
    known), when, and the note."""

    by: str
    at: datetime | None
    comment: str


@dataclass(frozen=True)
class PlanOverview:
    """What the plan menu shows: the plan, steps 1-4, and the decision or the request for
    changes a draft answers."""

    revision: Revision | None
    plan: Plan
    steps: tuple[StepLine, ...]
    decision: Decision | None  # of a decided revision
    previous: Revision | None  # the submission a draft follows
    previous_comment: str  # the head's note on it, when they asked for changes


@dataclass(frozen=True)
class Saved:
    """A plan saved as its year's draft: the changes, the draft, and the frozen revision the
    draft was started from (None when the edit went to an existing draft)."""

    changes: tuple[Change, ...]
    revision: Revision | None
    replaced: Revision | None


@dataclass(frozen=True)
class NotFound:
    """The indicator or action plan is no longer in the plan."""


@dataclass(frozen=True)
class Invalid:
    """What the person typed was refused, with the reason (Indonesian)."""

    reason: str


@dataclass(frozen=True)
class NotEmpty:
    """The starter plan goes into an empty plan only."""


@dataclass(frozen=True)
class Seeded:
    indicators: int
    actions: int


@dataclass(frozen=True)
class AttributeEdited:
    plan: Plan
    indicator: Indicator
    targets_derived: int  # period targets derived again from the annual target
    saved: Saved
    was_read_only: bool  # the edit started a new revision (or would have)


@dataclass(frozen=True)
class ActionAdded:
    plan: Plan
    indicator: Indicator
    number: int


@dataclass(frozen=True)
class ActionRemoved:
    plan: Plan
    indicator: Indicator
    number: int


@dataclass(frozen=True)
class PlanInvalid:
    """The plan cannot be submitted: it has ``count`` problems."""

    count: int


@dataclass(frozen=True)
class PlanIncomplete:
    """The plan cannot be submitted: these items are missing (none: the plan is empty)."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class NotADraft:
    """Only a draft is submitted."""

    status: PlanStatus


@dataclass(frozen=True)
class Submitted:
    """A revision sent to the head, with the submission it follows (for the changes)."""

    revision: Revision
    plan: Plan
    previous: Revision | None
    previous_plan: Plan | None


@dataclass(frozen=True)
class PlanDecided:
    year: int
    number: int
    approved: bool
