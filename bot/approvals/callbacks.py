"""Button data of the approval mechanism (``apr``) and of /plh (``plh``).

Approval requests wait in the head's chat for days, so their buttons keep the form they have
had since the first release: the request's id first, then the action —
``apr:<id>:o:<option>`` decides, ``apr:<id>:d`` shows the detail, ``apr:<id>:s`` sends the
request again (from /persetujuan and the letters card). ``RequestButton`` moves the id in
front of the action around the common codec.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.ui.callbacks import ButtonData


@dataclass(frozen=True)
class RequestButton(ButtonData):
    """Base of the buttons on a request message (never sent itself)."""

    PREFIX: ClassVar[str] = "apr:req"
    LEADING: ClassVar[bool] = True
    request_id: int


@dataclass(frozen=True)
class Decide(RequestButton):
    """A decision button (its option's key, e.g. ``approve``)."""

    PREFIX: ClassVar[str] = "apr:o"
    option: str


@dataclass(frozen=True)
class Detail(RequestButton):
    PREFIX: ClassVar[str] = "apr:d"


@dataclass(frozen=True)
class ShowRequest(RequestButton):
    """Send the request with its buttons to the person pressing (it may be days old)."""

    PREFIX: ClassVar[str] = "apr:s"


# --- /plh -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewActing(ButtonData):
    PREFIX: ClassVar[str] = "plh:new"


@dataclass(frozen=True)
class PickActing(ButtonData):
    """The team member named acting head."""

    PREFIX: ClassVar[str] = "plh:u"
    user_id: int


@dataclass(frozen=True)
class PickTitle(ButtonData):
    """Plt or Plh for that person."""

    PREFIX: ClassVar[str] = "plh:t"
    user_id: int
    title: str


@dataclass(frozen=True)
class RevokeActing(ButtonData):
    PREFIX: ClassVar[str] = "plh:rv"
    delegation_id: int
