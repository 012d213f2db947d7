"""A decision's effect, for the use cases of the features that apply it.

The decision is committed with its effect marked pending (``storage.approvals``). The
feature then applies the effect, idempotently, and marks it done inside the same transaction
as its own writes (``finish``): a stop before that commit leaves the effect pending, and the
next start applies it again (``bot.approvals.completion``); a second attempt finds it done
and changes nothing.
"""

from __future__ import annotations

from sqlmodel import Session

from storage import approvals


def pending(session: Session, request_id: int | None) -> bool:
    """Whether the decision's effect is still to be applied (``None``: no decision behind the
    call, as in a use case called directly, always to be applied)."""
    return request_id is None or approvals.effect_pending(session, request_id)


def finish(session: Session, request_id: int | None) -> bool:
    """In the effect's transaction: True when this transaction applies it (it is marked
    done with the transaction's writes), False when it was applied already."""
    return request_id is None or approvals.finish_effect(session, request_id)
