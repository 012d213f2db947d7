"""The buttons of reporting, one typed action each (see ``bot.ui.callbacks``).

The wire formats are those the feature used before typed buttons: verification cards
(``vf:``) stay in the team's chats for days and must keep working, and the /lapor and
/jadwal buttons were kept alike so that no open menu goes stale on an upgrade.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.ui.callbacks import ButtonData

# --- /lapor ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResumeReport(ButtonData):
    """Go on with the half-finished report."""

    PREFIX: ClassVar[str] = "lp:resume"


@dataclass(frozen=True)
class RestartReport(ButtonData):
    """Drop the half-finished report and choose a period."""

    PREFIX: ClassVar[str] = "lp:new"


@dataclass(frozen=True)
class PeriodPage(ButtonData):
    """A page of the period menu."""

    PREFIX: ClassVar[str] = "lp:pp"
    page: int


@dataclass(frozen=True)
class ChoosePeriod(ButtonData):
    """A period of a cycle year: its packages (a page of them)."""

    PREFIX: ClassVar[str] = "lp:per"
    year: int
    period_key: str
    page: int


@dataclass(frozen=True)
class ChoosePackage(ButtonData):
    """Start the report of a package for a period (the package tells the cycle)."""

    PREFIX: ClassVar[str] = "lp:pkg"
    period_key: str
    package_id: int


@dataclass(frozen=True)
class DataTemplate(ButtonData):
    """The unit's Template Data Kinerja for a period, to fill in on a laptop."""

    PREFIX: ClassVar[str] = "lp:xt"
    year: int
    period_key: str


@dataclass(frozen=True)
class SendWorkbook(ButtonData):
    """Send the checked workbook as the unit's reports."""

    PREFIX: ClassVar[str] = "lp:wk:ok"


@dataclass(frozen=True)
class DiscardWorkbook(ButtonData):
    """Throw the checked workbook away."""

    PREFIX: ClassVar[str] = "lp:wk:no"


@dataclass(frozen=True)
class ChooseActionStatus(ButtonData):
    """The status of the action plan being asked (its place in ``ActionStatus``)."""

    PREFIX: ClassVar[str] = "lp:st"
    index: int


@dataclass(frozen=True)
class EvidenceDone(ButtonData):
    """No more evidence: show the summary."""

    PREFIX: ClassVar[str] = "lp:done"


@dataclass(frozen=True)
class EditReport(ButtonData):
    """Go through the answers again from the first."""

    PREFIX: ClassVar[str] = "lp:edit"


@dataclass(frozen=True)
class SendReport(ButtonData):
    """Send the report (asks first when the package already has one for the period)."""

    PREFIX: ClassVar[str] = "lp:send"


@dataclass(frozen=True)
class SendRevision(ButtonData):
    """Send the report as a new revision of the one already there."""

    PREFIX: ClassVar[str] = "lp:rev"


# --- /jadwal: closing a cycle ------------------------------------------------------------------


@dataclass(frozen=True)
class AskCloseCycle(ButtonData):
    """Tutup siklus on /jadwal: ask first."""

    PREFIX: ClassVar[str] = "cyc:ask"
    year: int


@dataclass(frozen=True)
class CloseCycle(ButtonData):
    """Yes, close the cycle of ``year``."""

    PREFIX: ClassVar[str] = "cyc:yes"
    year: int


@dataclass(frozen=True)
class KeepCycle(ButtonData):
    """No, keep the cycle open."""

    PREFIX: ClassVar[str] = "cyc:no"
    year: int


# --- /verifikasi (cards stay in chats for days: keep these formats) ---------------------------


@dataclass(frozen=True)
class AcceptReport(ButtonData):
    """Accept a waiting report."""

    PREFIX: ClassVar[str] = "vf:ok"
    submission_id: int


@dataclass(frozen=True)
class ReturnReport(ButtonData):
    """Return a waiting report (a note is asked)."""

    PREFIX: ClassVar[str] = "vf:no"
    submission_id: int


@dataclass(frozen=True)
class ShowEvidence(ButtonData):
    """Send a waiting report's evidence into the chat."""

    PREFIX: ClassVar[str] = "vf:ev"
    submission_id: int


@dataclass(frozen=True)
class NextReport(ButtonData):
    """The card at ``position`` (from 1) of the verification queue."""

    PREFIX: ClassVar[str] = "vf:nx"
    position: int


REPORT_BUTTONS: tuple[type[ButtonData], ...] = (
    ResumeReport,
    RestartReport,
    PeriodPage,
    ChoosePeriod,
    ChoosePackage,
    DataTemplate,
    SendWorkbook,
    DiscardWorkbook,
    ChooseActionStatus,
    EvidenceDone,
    EditReport,
    SendReport,
    SendRevision,
)
CYCLE_BUTTONS: tuple[type[ButtonData], ...] = (AskCloseCycle, CloseCycle, KeepCycle)
VERIFY_BUTTONS: tuple[type[ButtonData], ...] = (
    AcceptReport,
    ReturnReport,
    ShowEvidence,
    NextReport,
)
