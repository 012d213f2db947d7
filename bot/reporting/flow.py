"""Where the /lapor and /verifikasi conversations stand, and what they remember between
messages (typed drafts, see ``bot.ui.drafts``). The diagrams are ``lapor.mmd`` and
``verifikasi.mmd`` beside this module."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from typing import ClassVar

from bot.ui.drafts import Draft


class ReportStep(IntEnum):
    """The states of the /lapor conversation. Persistence stores the numbers: keep them."""

    INPUT = 0
    ACTION_STATUS = 1
    ACTION_NOTE = 2
    CONSTRAINTS = 3
    EVIDENCE = 4
    SUMMARY = 5
    CONFIRM_REVISION = 6
    AWAIT_WORKBOOK = 7
    CONFIRM_WORKBOOK = 8


class VerifyStep(IntEnum):
    """The state of the /verifikasi conversation: writing the note of a returned report."""

    AWAIT_NOTE = 0


class Phase(StrEnum):
    """What the guided report asks next (kept in the draft, so /lapor resumes there)."""

    INPUT = "input"
    ACTION_STATUS = "action_status"
    ACTION_NOTE = "action_note"
    CONSTRAINTS = "constraints"
    EVIDENCE = "evidence"
    SUMMARY = "summary"


@dataclass
class DraftInput:
    """A formula input the report asks, with its ``InputKind`` value."""

    name: str
    label: str
    kind: str


@dataclass
class DraftAction:
    """An action plan of an indicator due in the period."""

    indicator_code: str
    number: int
    activity: str


@dataclass
class ActionNote:
    """An action's reported status (an ``ActionStatus`` value) and progress note."""

    status: str
    note: str = ""


@dataclass
class ReportDraft(Draft):
    """A report being filled in from the phone; saved after every answer."""

    KEY: ClassVar[str] = "lapor"
    VERSION: ClassVar[int] = 1

    period_key: str
    package_id: int
    inputs: list[DraftInput]
    indicators: list[str]
    actions: list[DraftAction]
    # Numbers, yes/no, and dates as ISO text.
    values: dict[str, float | bool | str] = field(default_factory=dict)
    progress: dict[str, ActionNote] = field(default_factory=dict)  # by ``action_key``
    constraints: str = ""
    evidence: list[int] = field(default_factory=list)  # archived document ids
    input_index: int = 0
    action_index: int = 0
    phase: str = Phase.INPUT.value
    album: str = ""  # the Telegram album the last evidence came in

    @property
    def current_action(self) -> DraftAction | None:
        if self.action_index < len(self.actions):
            return self.actions[self.action_index]
        return None

    def note_of(self, action: DraftAction) -> ActionNote | None:
        return self.progress.get(action_key(action))


def action_key(action: DraftAction) -> str:
    """``IKU-04/2``: an action's key in ``ReportDraft.progress``."""
    return f"{action.indicator_code}/{action.number}"


@dataclass
class WorkbookUpload(Draft):
    """The period a Template Data Kinerja was sent for; ``token`` names the checked upload
    held until the owner sends or discards it."""

    KEY: ClassVar[str] = "lapor_berkas"
    VERSION: ClassVar[int] = 1

    year: int
    period_key: str
    token: str = ""


@dataclass
class ReturnNote(Draft):
    """The report a team member is returning, while they write the note."""

    KEY: ClassVar[str] = "verifikasi"
    VERSION: ClassVar[int] = 1

    submission_id: int
