"""The outbox: broadcasts and their per-recipient delivery rows."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, func, select

from bot.core.delivery import ItemStatus
from storage.models import Broadcast, OutboxItem


def create_broadcast(
    session: Session,
    *,
    kind: str,
    ref_id: int | None,
    text: str,
    recipients: Sequence[tuple[int | None, int]],
    now: datetime,
    buttons: Sequence[Sequence[tuple[str, str]]] = (),
    document_id: int | None = None,
    created_by_user_id: int | None = None,
) -> Broadcast:
    """A broadcast with one pending row per distinct chat (``recipients``: user id, chat id)."""
    broadcast = Broadcast(
        kind=kind,
        ref_id=ref_id,
        text=text,
        buttons_json=json.dumps([[list(b) for b in row] for row in buttons], ensure_ascii=False),
        document_id=document_id,
        created_by_user_id=created_by_user_id,
        created_at=now,
    )
    session.add(broadcast)
    session.flush()
    assert broadcast.id is not None
    seen: set[int] = set()
    for user_id, chat_id in recipients:
        if chat_id in seen:
            continue
        seen.add(chat_id)
        session.add(
            OutboxItem(
                broadcast_id=broadcast.id,
                user_id=user_id,
                chat_id=chat_id,
                status=ItemStatus.PENDING.value,
                next_attempt_at=now,
            )
        )
    session.flush()
    return broadcast


def buttons_of(broadcast: Broadcast) -> list[list[tuple[str, str]]]:
    return [[(label, data) for label, data in row] for row in json.loads(broadcast.buttons_json)]


def recover_in_flight(session: Session) -> int:
    """Rows left "sending" by a stopped process go back to pending (sent again)."""
    rows = list(
        session.exec(select(OutboxItem).where(OutboxItem.status == ItemStatus.SENDING.value))
    )
    for row in rows:
        row.status = ItemStatus.PENDING.value
        session.add(row)
    return len(rows)


_UNFINISHED = (ItemStatus.PENDING.value, ItemStatus.SENDING.value)


def _chat_heads() -> Any:
    """The oldest unfinished row of each chat: only it may go next, so a chat's later
    message never overtakes an earlier one waiting for its retry."""
    return (
        select(func.min(OutboxItem.id))
        .where(col(OutboxItem.status).in_(_UNFINISHED))
        .group_by(col(OutboxItem.chat_id))
    )


def due(
    session: Session, *, now: datetime, limit: int = 200, broadcasts: Collection[int] | None = None
) -> list[OutboxItem]:
    """Pending rows whose time has come, oldest first, at most one a chat: a row waits while
    an older row of its chat is still pending or being sent (``broadcasts``: of these only)."""
    query = select(OutboxItem).where(
        OutboxItem.status == ItemStatus.PENDING.value,
        col(OutboxItem.next_attempt_at) <= now,
        col(OutboxItem.id).in_(_chat_heads()),
    )
    if broadcasts is not None:
        query = query.where(col(OutboxItem.broadcast_id).in_(list(broadcasts)))
    return list(session.exec(query.order_by(col(OutboxItem.id)).limit(limit)))


def next_due_at(session: Session) -> datetime | None:
    """When the earliest row that may go next is due (None when nothing is pending); a row
    held behind an older one of its chat is due no earlier than that one."""
    row = session.exec(
        select(OutboxItem)
        .where(
            OutboxItem.status == ItemStatus.PENDING.value,
            col(OutboxItem.id).in_(_chat_heads()),
        )
        .order_by(col(OutboxItem.next_attempt_at))
    ).first()
    return None if row is None else row.next_attempt_at


def claim(session: Session, *, item_id: int) -> OutboxItem | None:
    """Take a pending row for sending (None if someone else did or it is done)."""
    item = session.get(OutboxItem, item_id)
    if item is None or item.status != ItemStatus.PENDING.value:
        return None
    item.status = ItemStatus.SENDING.value
    item.attempts += 1
    session.add(item)
    return item


def finish(
    session: Session,
    *,
    item_id: int,
    status: ItemStatus,
    now: datetime,
    message_id: int | None = None,
    error: str = "",
    next_attempt_at: datetime | None = None,
) -> None:
    item = session.get(OutboxItem, item_id)
    if item is None:
        return
    item.status = status.value
    item.last_error = error[:500]
    if message_id is not None:
        item.telegram_message_id = message_id
        item.sent_at = now
    if next_attempt_at is not None:
        item.next_attempt_at = next_attempt_at
    session.add(item)


def respond(
    session: Session, *, item_id: int, response: str, note: str, now: datetime
) -> OutboxItem | None:
    """Record a recipient's answer to their copy (acknowledged, RSVP …)."""
    item = session.get(OutboxItem, item_id)
    if item is None:
        return None
    item.response = response
    item.response_note = note[:500]
    item.responded_at = now
    session.add(item)
    return item


def items_of(session: Session, *, broadcast_id: int) -> list[OutboxItem]:
    return list(
        session.exec(
            select(OutboxItem)
            .where(OutboxItem.broadcast_id == broadcast_id)
            .order_by(col(OutboxItem.id))
        )
    )


def tally(session: Session, *, broadcast_id: int) -> Counter[str]:
    """How many rows are in each delivery status."""
    return Counter(item.status for item in items_of(session, broadcast_id=broadcast_id))


def sent_copies(session: Session, *, kind: str, ref_id: int) -> list[tuple[int, int]]:
    """(chat id, message id) of every delivered copy of the broadcasts of ``kind`` about
    ``ref_id``, oldest first."""
    rows = session.exec(
        select(OutboxItem)
        .join(Broadcast, col(Broadcast.id) == col(OutboxItem.broadcast_id))
        .where(
            Broadcast.kind == kind,
            Broadcast.ref_id == ref_id,
            col(OutboxItem.telegram_message_id).is_not(None),
        )
        .order_by(col(OutboxItem.id))
    )
    return [(row.chat_id, row.telegram_message_id) for row in rows if row.telegram_message_id]


def withdraw_pending(session: Session, *, kind: str, ref_id: int) -> int:
    """Copies of the broadcasts of ``kind`` about ``ref_id`` not sent yet are no longer
    needed (a copy being sent right now still goes); how many were withdrawn."""
    rows = list(
        session.exec(
            select(OutboxItem)
            .join(Broadcast, col(Broadcast.id) == col(OutboxItem.broadcast_id))
            .where(
                Broadcast.kind == kind,
                Broadcast.ref_id == ref_id,
                OutboxItem.status == ItemStatus.PENDING.value,
            )
        )
    )
    for row in rows:
        row.status = ItemStatus.WITHDRAWN.value
        session.add(row)
    return len(rows)
