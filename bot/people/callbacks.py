"""Button data of registration (``reg``), /undang (``und``) and /pengguna (``usr``).

Registration and /undang keep the wire format they had before typed buttons; /pengguna's
short-lived menu buttons name the action first (``usr:off:5``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.core.roles import Role
from bot.ui.callbacks import ButtonData

# --- registration: the buttons under the summary ------------------------------------------


@dataclass(frozen=True)
class ConfirmRegistration(ButtonData):
    PREFIX: ClassVar[str] = "reg:ok"


@dataclass(frozen=True)
class RedoRegistration(ButtonData):
    PREFIX: ClassVar[str] = "reg:redo"


@dataclass(frozen=True)
class CancelRegistration(ButtonData):
    PREFIX: ClassVar[str] = "reg:cancel"


# --- /undang --------------------------------------------------------------------------------


@dataclass(frozen=True)
class InviteTeam(ButtonData):
    """The button under a new head's /tugas: an invitation for the team, at once."""

    PREFIX: ClassVar[str] = "und:team"


@dataclass(frozen=True)
class InviteRole(ButtonData):
    PREFIX: ClassVar[str] = "und:role"
    role: Role


@dataclass(frozen=True)
class InviteUnitPage(ButtonData):
    PREFIX: ClassVar[str] = "und:page"
    page: int


@dataclass(frozen=True)
class InviteUnit(ButtonData):
    PREFIX: ClassVar[str] = "und:unit"
    unit_id: int


@dataclass(frozen=True)
class InviteNewUnit(ButtonData):
    PREFIX: ClassVar[str] = "und:new"


@dataclass(frozen=True)
class ReplaceHead(ButtonData):
    PREFIX: ClassVar[str] = "und:head"


@dataclass(frozen=True)
class CancelInvite(ButtonData):
    PREFIX: ClassVar[str] = "und:cancel"


# --- /pengguna ------------------------------------------------------------------------------


@dataclass(frozen=True)
class UserList(ButtonData):
    PREFIX: ClassVar[str] = "usr:list"
    page: int


@dataclass(frozen=True)
class UserCard(ButtonData):
    PREFIX: ClassVar[str] = "usr:card"
    user_id: int


@dataclass(frozen=True)
class SetRole(ButtonData):
    PREFIX: ClassVar[str] = "usr:r"
    role: Role
    user_id: int


@dataclass(frozen=True)
class UnitPage(ButtonData):
    """A page of the units a new performance owner can be put in."""

    PREFIX: ClassVar[str] = "usr:up"
    user_id: int
    page: int


@dataclass(frozen=True)
class SetUnit(ButtonData):
    """Make the user the performance owner of a unit."""

    PREFIX: ClassVar[str] = "usr:u"
    user_id: int
    unit_id: int


@dataclass(frozen=True)
class Deactivate(ButtonData):
    PREFIX: ClassVar[str] = "usr:off"
    user_id: int


@dataclass(frozen=True)
class Reactivate(ButtonData):
    PREFIX: ClassVar[str] = "usr:on"
    user_id: int
