"""The planning feature's buttons: one typed action each.

Plan buttons (``pln``) name their year right after the feature prefix, as they did before
typed data (``pln:2027:areas``, ``pln:2027:i:IKU-04``): menus already in people's chats keep
working, and two years can be open at once. The letters feature's messages carry
``pln:<year>:menu`` (``OpenPlan``). The submit button keeps ``pap:submit:<year>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.ui.callbacks import ButtonData, check_prefixes


@dataclass(frozen=True)
class PlanButton(ButtonData):
    """A plan button: ``PREFIX`` is ``pln:<action>``; on the wire the year comes first."""

    PREFIX: ClassVar[str] = "pln"
    LEADING: ClassVar[bool] = True
    year: int

    def __post_init__(self) -> None:
        if not 1000 <= self.year <= 9999:
            raise ValueError(f"year {self.year}")


@dataclass(frozen=True)
class OpenPlan(PlanButton):
    """The plan menu of a year (also the letters feature's "Buka rencana")."""

    PREFIX: ClassVar[str] = "pln:menu"


@dataclass(frozen=True)
class BrowseAreas(PlanButton):
    PREFIX: ClassVar[str] = "pln:areas"


@dataclass(frozen=True)
class OpenArea(PlanButton):
    PREFIX: ClassVar[str] = "pln:a"
    code: str


@dataclass(frozen=True)
class OpenIndicator(PlanButton):
    PREFIX: ClassVar[str] = "pln:i"
    code: str


@dataclass(frozen=True)
class ShowActions(PlanButton):
    """An indicator's action plans."""

    PREFIX: ClassVar[str] = "pln:x"
    code: str


@dataclass(frozen=True)
class SendTemplate(PlanButton):
    """The plan workbook to fill in (then an upload is awaited)."""

    PREFIX: ClassVar[str] = "pln:tpl"


@dataclass(frozen=True)
class SendPdf(PlanButton):
    """The planning document."""

    PREFIX: ClassVar[str] = "pln:pdf"


@dataclass(frozen=True)
class SendDataTemplate(PlanButton):
    """The performance data template (of the owner's unit, for an owner)."""

    PREFIX: ClassVar[str] = "pln:dt"


@dataclass(frozen=True)
class AskUpload(PlanButton):
    PREFIX: ClassVar[str] = "pln:up"


@dataclass(frozen=True)
class SaveUpload(PlanButton):
    """Simpan under the summary of an uploaded workbook."""

    PREFIX: ClassVar[str] = "pln:ok"


@dataclass(frozen=True)
class DiscardUpload(PlanButton):
    PREFIX: ClassVar[str] = "pln:no"


@dataclass(frozen=True)
class SeedPlan(PlanButton):
    """Load the starter plan into an empty plan."""

    PREFIX: ClassVar[str] = "pln:seed"


@dataclass(frozen=True)
class EditIndicator(PlanButton):
    """The list of an indicator's attributes to edit."""

    PREFIX: ClassVar[str] = "pln:e"
    code: str


@dataclass(frozen=True)
class EditAttribute(PlanButton):
    """One attribute (by its short key): a choice list, or a prompt for a typed value."""

    PREFIX: ClassVar[str] = "pln:f"
    code: str
    attribute: str


@dataclass(frozen=True)
class ChooseValue(PlanButton):
    """The ``choice``-th value of a choice attribute."""

    PREFIX: ClassVar[str] = "pln:v"
    code: str
    attribute: str
    choice: int


@dataclass(frozen=True)
class AddAction(PlanButton):
    PREFIX: ClassVar[str] = "pln:xa"
    code: str


@dataclass(frozen=True)
class DeleteAction(PlanButton):
    """Asks to confirm deleting an action plan."""

    PREFIX: ClassVar[str] = "pln:xd"
    code: str
    number: int


@dataclass(frozen=True)
class ConfirmDelete(PlanButton):
    PREFIX: ClassVar[str] = "pln:xy"
    code: str
    number: int


@dataclass(frozen=True)
class SubmitPlan(ButtonData):
    """ "Ajukan persetujuan" / "Ajukan lagi": the year's draft to the head."""

    PREFIX: ClassVar[str] = "pap:submit"
    year: int


ACTIONS: tuple[type[ButtonData], ...] = (
    OpenPlan,
    BrowseAreas,
    OpenArea,
    OpenIndicator,
    ShowActions,
    SendTemplate,
    SendPdf,
    SendDataTemplate,
    AskUpload,
    SaveUpload,
    DiscardUpload,
    SeedPlan,
    EditIndicator,
    EditAttribute,
    ChooseValue,
    AddAction,
    DeleteAction,
    ConfirmDelete,
    SubmitPlan,
)
check_prefixes(ACTIONS)
