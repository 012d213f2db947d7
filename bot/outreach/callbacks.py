"""The buttons of outreach.

Owners' buttons (``ack:``, ``rsvp:``, ``hdr:``) are stored with each broadcast and sit in
owners' chats for weeks: their wire format (``ack:12``, ``rsvp:12:hadir``, ``hdr:12``, the
number being the owner's copy in the outbox) never changes. The team's buttons on the letter
card are short-lived (``out:...``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

from bot.ui.callbacks import SEPARATOR, ButtonData

# Stored broadcasts carry this in their button data; the outbox writes each copy's id there.
ITEM = "{item}"


class RsvpAnswer(StrEnum):
    """An owner's answer to the invitation; the value is stored as the copy's response."""

    PRESENT = "hadir"
    REPRESENTED = "wakil"
    ABSENT = "tidak"


@dataclass(frozen=True)
class Acknowledge(ButtonData):
    """ "Sudah diterima" under a circular."""

    PREFIX: ClassVar[str] = "ack"
    item_id: int


@dataclass(frozen=True)
class Rsvp(ButtonData):
    """Hadir / Diwakilkan / Tidak hadir under the invitation."""

    PREFIX: ClassVar[str] = "rsvp"
    item_id: int
    answer: RsvpAnswer


@dataclass(frozen=True)
class Present(ButtonData):
    """ "Saya hadir" while the attendance window is open."""

    PREFIX: ClassVar[str] = "hdr"
    item_id: int


CopyButton = Acknowledge | Rsvp | Present


def for_every_copy(data: CopyButton) -> str:
    """The data stored with a broadcast: ``data`` with the copy's id left as ``{item}``."""
    encoded = dataclasses.replace(data, item_id=0).encode()
    rest = encoded[len(data.PREFIX + SEPARATOR) :].partition(SEPARATOR)[2]
    return SEPARATOR.join(part for part in (data.PREFIX, ITEM, rest) if part)


@dataclass(frozen=True)
class InviteOwner(ButtonData):
    """ "Undang PJ <unit>": an invitation link for the owner of a unit without one."""

    PREFIX: ClassVar[str] = "out:inv"
    unit_id: int


@dataclass(frozen=True)
class AttendanceWindow(ButtonData):
    """Open (for three hours) or close the attendance window of a socialisation."""

    PREFIX: ClassVar[str] = "out:att"
    letter_id: int
    open: bool


@dataclass(frozen=True)
class Checklist(ButtonData):
    """The team's attendance checklist: a page of it, after ticking ``user_id`` (0: none)."""

    PREFIX: ClassVar[str] = "out:chk"
    letter_id: int
    user_id: int
    page: int


@dataclass(frozen=True)
class CollectMedia(ButtonData):
    """Start taking photos and notes of the socialisation."""

    PREFIX: ClassVar[str] = "out:med"
    letter_id: int


@dataclass(frozen=True)
class MediaDone(ButtonData):
    """Photos and notes are done."""

    PREFIX: ClassVar[str] = "out:mdone"
    letter_id: int
