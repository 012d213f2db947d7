"""Where the /lapor and /verifikasi conversations stand, and what they remember between
messages (typed drafts, see ``bot.ui.drafts``). The diagrams are ``lapor.mmd`` and
``verifikasi.mmd`` beside this module."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from typing import Any, ClassVar

from bot.ui import drafts
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
class ReportRoute(Draft):
    """Which route of /lapor the person took last: the questions (``ReportDraft``) or the
    workbook (``WorkbookUpload``); both drafts can be kept at once."""

    KEY: ClassVar[str] = "lapor_jalur"
    VERSION: ClassVar[int] = 1

    workbook: bool = False


_STEP_OF_PHASE = {
    Phase.INPUT: ReportStep.INPUT,
    Phase.ACTION_STATUS: ReportStep.ACTION_STATUS,
    Phase.ACTION_NOTE: ReportStep.ACTION_NOTE,
    Phase.CONSTRAINTS: ReportStep.CONSTRAINTS,
    Phase.EVIDENCE: ReportStep.EVIDENCE,
    Phase.SUMMARY: ReportStep.SUMMARY,
}


def report_step(user_data: Any) -> ReportStep | None:
    """The /lapor step the person's drafts put them in (None: no draft says): a message
    after a restart is taken as that step even when the state stored after the last reply
    was lost (``bot.ui.chat.FlowConversation.resume``)."""
    data = dict(user_data)
    route = drafts.read(data, ReportRoute)
    if not isinstance(route, ReportRoute):
        return None
    if route.workbook:
        upload = drafts.read(data, WorkbookUpload)
        if not isinstance(upload, WorkbookUpload):
            return None
        return ReportStep.CONFIRM_WORKBOOK if upload.token else ReportStep.AWAIT_WORKBOOK
    draft = drafts.read(data, ReportDraft)
    if not isinstance(draft, ReportDraft) or draft.phase not in _STEP_OF_PHASE:
        return None
    return _STEP_OF_PHASE[Phase(draft.phase)]


def note_step(user_data: Any) -> VerifyStep | None:
    """/verifikasi waits for a return note while its draft is kept."""
    note = drafts.read(dict(user_data), ReturnNote)
    return VerifyStep.AWAIT_NOTE if isinstance(note, ReturnNote) else None


@dataclass
class ReturnNote(Draft):
    """The report a team member is returning, while they write the note."""

    KEY: ClassVar[str] = "verifikasi"
    VERSION: ClassVar[int] = 1

    submission_id: int
