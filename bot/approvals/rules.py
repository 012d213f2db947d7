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
    OWN_REQUEST = "own_request"  # no one decides on what they submitted themselves


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

# A delegation (/plh) lasts at most this many days (both ends counted): a Plt/Plh covers an
# absence, and a longer one is a new appointment, not a delegation in this bot.
DELEGATION_MAX_DAYS = 90
# It may start at most this many days before today (an absence recorded a little late).
DELEGATION_BACKDATE_DAYS = 7


class RangeRefusal(StrEnum):
    """Why /plh refuses a date range."""

    PAST = "past"
    TOO_EARLY = "too_early"
    TOO_LONG = "too_long"


def delegation_range_refusal(start: date, end: date, today: date) -> RangeRefusal | None:
    """None when ``start``-``end`` can be a delegation named ``today``; else why not."""
    if end < today:
        return RangeRefusal.PAST
    if (today - start).days > DELEGATION_BACKDATE_DAYS:
        return RangeRefusal.TOO_EARLY
    if (end - start).days + 1 > DELEGATION_MAX_DAYS:
        return RangeRefusal.TOO_LONG
    return None


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
    decider_is_requester: bool = False,
) -> DecisionRefusal | None:
    """None when the decision can be recorded now; else why not (the allowed-person check
    is ``decider_title``). A Plh who submitted a plan may not approve it herself."""
    if status is RequestStatus.DECIDED:
        return DecisionRefusal.ALREADY_DECIDED
    if status is RequestStatus.SUPERSEDED or not subject_is_current:
        return DecisionRefusal.STALE
    if decider_is_requester:
        return DecisionRefusal.OWN_REQUEST
    if option is None:
        return DecisionRefusal.UNKNOWN_OPTION
    if option.needs_comment and not (comment or "").strip():
        return DecisionRefusal.COMMENT_REQUIRED
    return None
