"""Rules of the one approval mechanism: who may decide, whether a decision is still possible,
and whether it needs a comment. Plans, letters and meeting decisions all go through it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.core.roles import Role


class RequestStatus(StrEnum):
    PENDING = "pending"
    DECIDED = "decided"
    SUPERSEDED = "superseded"


class DecisionRefusal(StrEnum):
    """Why a button press does not decide anything."""

    NOT_ALLOWED = "not_allowed"
    STALE = "stale"
    ALREADY_DECIDED = "already_decided"
    UNKNOWN_OPTION = "unknown_option"
    COMMENT_REQUIRED = "comment_required"


@dataclass(frozen=True)
class Option:
    """One allowed decision: its key (in callback data), its button label (an imperative,
    "Setujui"), whether it needs a comment, and what the decided request says happened
    (past tense, "Disetujui")."""

    key: str
    label: str
    needs_comment: bool = False
    done_label: str = ""


@dataclass(frozen=True)
class Acting:
    """A delegation in force: the acting head's user id, title (Plt/Plh) and dates."""

    user_id: int
    title: str
    start: date
    end: date

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


ACTING_TITLES = ("Plt", "Plh")


def decider_title(
    *,
    user_id: int,
    role: Role,
    decider_role: Role,
    delegations: Sequence[Acting],
    today: date,
) -> str | None:
    """``""`` when the person decides in their own right, ``"Plh"``/``"Plt"`` when acting for
    the head today, None when they may not decide."""
    if role is decider_role:
        return ""
    if decider_role is Role.KEPALA:
        for acting in delegations:
            if acting.user_id == user_id and acting.covers(today):
                return acting.title
    return None


def refusal(
    *,
    status: RequestStatus,
    subject_is_current: bool,
    option: Option | None,
    comment: str | None,
) -> DecisionRefusal | None:
    """None when the decision can be recorded now; else why not (the allowed-person check
    is ``decider_title``)."""
    if status is RequestStatus.DECIDED:
        return DecisionRefusal.ALREADY_DECIDED
    if status is RequestStatus.SUPERSEDED or not subject_is_current:
        return DecisionRefusal.STALE
    if option is None:
        return DecisionRefusal.UNKNOWN_OPTION
    if option.needs_comment and not (comment or "").strip():
        return DecisionRefusal.COMMENT_REQUIRED
    return None
