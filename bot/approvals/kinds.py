"""What a feature tells the approval mechanism about its requests, and the request snapshot
the mechanism hands back (features declare their kinds in their ``Feature``)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from telegram import Update

from bot.approvals.rules import Option, RequestStatus
from bot.context import Context
from bot.core.signing import Decision
from bot.services import Services


@dataclass(frozen=True)
class RequestView:
    """A request as features and handlers see it (a snapshot, safe across awaits)."""

    id: int
    kind: str
    subject_id: int
    title: str
    summary: str
    status: RequestStatus
    decision: str
    comment: str
    acting_title: str
    decided_by: str
    decided_by_user_id: int | None
    decided_at: datetime | None
    requested_at: datetime
    requested_by_user_id: int | None
    options: tuple[Option, ...]
    effect_pending: bool = False  # decided, and the feature has not applied it yet

    def option(self, key: str) -> Option | None:
        """The option behind a decision button, None for one the request does not offer."""
        return next((o for o in self.options if o.key == key), None)

    def signer(self) -> Decision:
        """Who decided, as a signed document names them."""
        return Decision(
            user_id=self.decided_by_user_id,
            name=self.decided_by,
            acting=self.acting_title,
            at=self.decided_at,
        )


@dataclass(frozen=True)
class ApprovalKind:
    """What a feature tells the mechanism about its requests."""

    is_current: Callable[[Services, RequestView], bool]
    # Applies the decision (again after a stop: it must be idempotent, and mark the effect
    # done in the transaction of its writes, see bot/approvals/effects.py); the request's
    # messages are updated only after it returned.
    on_decided: Callable[[Context, RequestView], Awaitable[None]]
    detail: Callable[[Update, Context, RequestView], Awaitable[None]] | None = None
