"""The planning feature's use cases: each is one transaction, takes the services and plain
values, and returns frozen views (no ORM object leaves a use case). Handlers call these and
render what they return."""

from __future__ import annotations

from bot.planning.usecases.approval import approved_file_name, decide_plan, submit_plan
from bot.planning.usecases.documents import document_pdf, planning_pdf
from bot.planning.usecases.reading import (
    APPROVAL_KIND,
    current_plan,
    is_current_submission,
    plan_overview,
    revision_plan,
)
from bot.planning.usecases.saving import (
    Upload,
    add_action_plan,
    edit_attribute,
    held_upload,
    hold_upload,
    release_upload,
    remove_action_plan,
    save_plan,
    seed_starter_plan,
    store_plan,
)
from bot.planning.usecases.views import (
    ActionAdded,
    ActionRemoved,
    AttributeEdited,
    CurrentPlan,
    Decision,
    Invalid,
    NotADraft,
    NotEmpty,
    NotFound,
    PlanDecided,
    PlanIncomplete,
    PlanInvalid,
    PlanOverview,
    Revision,
    Saved,
    Seeded,
    StepLine,
    Submitted,
)

__all__ = [
    "APPROVAL_KIND",
    "ActionAdded",
    "ActionRemoved",
    "AttributeEdited",
    "CurrentPlan",
    "Decision",
    "Invalid",
    "NotADraft",
    "NotEmpty",
    "NotFound",
    "PlanDecided",
    "PlanIncomplete",
    "PlanInvalid",
    "PlanOverview",
    "Revision",
    "Saved",
    "Seeded",
    "StepLine",
    "Submitted",
    "Upload",
    "add_action_plan",
    "approved_file_name",
    "current_plan",
    "decide_plan",
    "document_pdf",
    "edit_attribute",
    "held_upload",
    "hold_upload",
    "is_current_submission",
    "plan_overview",
    "planning_pdf",
    "release_upload",
    "remove_action_plan",
    "revision_plan",
    "save_plan",
    "seed_starter_plan",
    "store_plan",
    "submit_plan",
]
