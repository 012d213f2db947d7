"""The shape every kind of reminder shares: what a planner plans and what a renderer says.

A kind of reminder is a ``KindSpec``: a planner that derives, from what is stored now, every
reminder of that kind that should exist (``PlannedReminder``: who, about what, at which
moment), and a renderer that words one reminder at the moment it is sent (or says it is no
longer needed: the report was sent, the request decided). The engine keeps the stored rows in
step with the plans (unique per kind, person, subject, period and offset), moves each moment
into working time, and sends what is due through the outbox, at most once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlmodel import Session

from bot.services import Services


class ReminderKind(StrEnum):
    """Kinds of reminder; the value is stored."""

    REPORT_DUE = "lapor_jatuh_tempo"  # owners, before and on a reporting deadline
    REPORT_OVERDUE = "lapor_terlambat"  # owners, after it
    TEAM_DIGEST = "ringkasan_tim"  # the team, the first working morning after a deadline
    HEAD_WEEKLY = "ringkasan_kepala"  # the head (and an acting head), Monday morning
    APPROVAL_NUDGE = "persetujuan_menunggu"  # the head, a request waiting too long
    EVENT = "acara"  # those attending a socialisation: the day before, two hours before


class Shift(StrEnum):
    """Where a moment outside working time goes: before a deadline, to the previous
    working time; after one, to the next."""

    EARLIER = "earlier"
    LATER = "later"


@dataclass(frozen=True)
class PlannedReminder:
    """One reminder that should exist now. ``at`` is the ideal moment (aware); the engine
    moves it into working time in the direction of ``shift``."""

    kind: ReminderKind
    user_id: int
    subject: str
    period: str
    offset: str
    at: datetime
    shift: Shift


@dataclass(frozen=True)
class ReminderView:
    """A stored reminder as a renderer sees it."""

    id: int
    kind: ReminderKind
    user_id: int
    subject: str
    period: str
    offset: str
    due_at: datetime


@dataclass(frozen=True)
class Rendered:
    """The message of one reminder: Telegram HTML and rows of (label, callback data)."""

    text: str
    buttons: tuple[tuple[tuple[str, str], ...], ...] = ()


Planner = Callable[[Session, Services, datetime], Sequence[PlannedReminder]]
Renderer = Callable[[Session, Services, ReminderView, datetime], Rendered | None]


@dataclass(frozen=True)
class KindSpec:
    """One kind of reminder: how it is planned and worded, and whether a person may mute it."""

    kind: ReminderKind
    planner: Planner
    renderer: Renderer
    optional: bool = False
