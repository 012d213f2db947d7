"""The head's side of the meeting: each item is a request of the approval mechanism; its
decision is applied here, and the next item is sent until none is left."""

from __future__ import annotations

from bot.access import services
from bot.approvals import usecases as approvals
from bot.approvals.kinds import ApprovalKind, RequestView
from bot.approvals.messages import edit_all, superseded_text
from bot.context import Context
from bot.meeting import messages
from bot.meeting.rules import Decision
from bot.meeting.usecases import deciding, opening
from bot.meeting.usecases.views import APPROVAL_KIND, ItemAsk
from bot.services import Services


async def ask_head(context: Context, ask: ItemAsk, *, requested_by_id: int) -> None:
    """Send the item to the head as a decision request (an older request of the meeting
    goes stale) and remember it on the item."""
    svc = services(context)
    opened = approvals.open_request(
        svc,
        kind=APPROVAL_KIND,
        subject_id=ask.item_id,
        title=messages.request_title(ask),
        summary=messages.request_summary(ask),
        options=[messages.option(d) for d in ask.options],
        requested_by_id=requested_by_id,
    )
    for old in opened.superseded:
        await edit_all(context, old.messages, superseded_text(old.summary))
    opening.remember_request(svc, item_id=ask.item_id, request_id=opened.view.id)


def _is_current(svc: Services, view: RequestView) -> bool:
    return deciding.is_current(
        svc, item_id=view.subject_id, request_id=view.id, requested_at=view.requested_at
    )


async def _on_decided(context: Context, view: RequestView) -> None:
    """Apply the decision (once); then the next item goes to the head, or the minutes to
    everyone when it was the last. Again after a stop, it sends the next item only when it
    was not sent; the decision is marked applied once this returned."""
    try:
        decision = Decision(view.decision)
    except ValueError:
        return
    choice = deciding.Choice(
        item_id=view.subject_id,
        request_id=view.id,
        decision=decision,
        user_id=view.decided_by_user_id,
        name=f"{view.acting_title} {view.decided_by}".strip(),
        at=view.decided_at,
    )
    decided = deciding.decide(services(context), choice=choice, minutes=messages.minutes)
    if decided is None or decided.next_ask is None:
        return
    ask = decided.next_ask
    requested_by = ask.opened_by_user_id or view.requested_by_user_id or view.decided_by_user_id
    assert requested_by is not None
    await ask_head(context, ask, requested_by_id=requested_by)


APPROVAL_KINDS = {APPROVAL_KIND: ApprovalKind(is_current=_is_current, on_decided=_on_decided)}
