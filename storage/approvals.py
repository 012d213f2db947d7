"""Approval requests and delegations in the database."""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import date, datetime

from sqlalchemy import update
from sqlmodel import Session, col, select

from bot.approvals.rules import Acting, Option, RequestStatus
from storage import audit
from storage.models import ApprovalRequest, Delegation, User


def options_of(request: ApprovalRequest) -> list[Option]:
    """The stored options; requests stored before past-tense labels have none."""
    return [
        Option(key, label, bool(needs), str(rest[0]) if rest else "")
        for key, label, needs, *rest in json.loads(request.options_json)
    ]


def messages_of(request: ApprovalRequest) -> list[tuple[int, int]]:
    return [(int(chat), int(message)) for chat, message in json.loads(request.messages_json)]


def create_request(
    session: Session,
    *,
    kind: str,
    subject_id: int,
    title: str,
    summary: str,
    decider_role: str,
    options: list[Option],
    requested_by: User | None,
    now: datetime,
    supersedes: Collection[int] | None = None,
) -> tuple[ApprovalRequest, list[ApprovalRequest]]:
    """A new pending request; earlier pending requests of the same kind are superseded
    (returned, so their buttons can be updated): all of them, or only those about one of
    the subjects in ``supersedes`` when it is given (a report of another period waits on)."""
    query = select(ApprovalRequest).where(
        ApprovalRequest.kind == kind, ApprovalRequest.status == RequestStatus.PENDING.value
    )
    if supersedes is not None:
        query = query.where(col(ApprovalRequest.subject_id).in_(list(supersedes)))
    superseded = list(session.exec(query))
    for old in superseded:
        old.status = RequestStatus.SUPERSEDED.value
        session.add(old)
    request = ApprovalRequest(
        kind=kind,
        subject_id=subject_id,
        title=title,
        summary=summary,
        decider_role=decider_role,
        options_json=json.dumps([[o.key, o.label, o.needs_comment, o.done_label] for o in options]),
        status=RequestStatus.PENDING.value,
        requested_by_user_id=None if requested_by is None else requested_by.id,
        requested_at=now,
    )
    session.add(request)
    session.flush()
    assert request.id is not None
    audit.record(
        session,
        at=now,
        actor=requested_by,
        action="approval.request",
        entity=kind,
        entity_id=request.id,
        after={"subject_id": subject_id, "title": title},
    )
    return request, superseded


def add_message(session: Session, *, request_id: int, chat_id: int, message_id: int) -> None:
    request = session.get(ApprovalRequest, request_id)
    if request is None:
        return
    messages = json.loads(request.messages_json)
    messages.append([chat_id, message_id])
    request.messages_json = json.dumps(messages)
    session.add(request)


def get_request(session: Session, request_id: int) -> ApprovalRequest | None:
    return session.get(ApprovalRequest, request_id)


def pending(session: Session) -> list[ApprovalRequest]:
    return list(
        session.exec(
            select(ApprovalRequest)
            .where(ApprovalRequest.status == RequestStatus.PENDING.value)
            .order_by(col(ApprovalRequest.requested_at))
        )
    )


def latest_decided(session: Session, *, kind: str, subject_id: int) -> ApprovalRequest | None:
    """The newest decided request about one subject (e.g. a plan revision)."""
    return session.exec(
        select(ApprovalRequest)
        .where(
            ApprovalRequest.kind == kind,
            ApprovalRequest.subject_id == subject_id,
            ApprovalRequest.status == RequestStatus.DECIDED.value,
        )
        .order_by(col(ApprovalRequest.decided_at).desc())
    ).first()


def record_decision(
    session: Session,
    *,
    request: ApprovalRequest,
    decider: User,
    acting_title: str,
    option: Option,
    comment: str,
    now: datetime,
) -> None:
    """Mark the request decided (the caller checked it was pending in this transaction)."""
    request.status = RequestStatus.DECIDED.value
    request.decision = option.key
    request.comment = comment
    request.decided_by_user_id = decider.id
    request.decided_at = now
    request.acting_title = acting_title
    # The feature that asked applies the decision next, and marks it done in its own
    # transaction; a stop in between leaves it pending for the next start.
    request.effect = EFFECT_PENDING
    session.add(request)
    assert request.id is not None
    audit.record(
        session,
        at=now,
        actor_user_id=decider.id,
        actor_label=f"{acting_title} {decider.full_name}".strip(),
        action="approval.decide",
        entity=request.kind,
        entity_id=request.id,
        before={"status": RequestStatus.PENDING.value},
        after={"decision": option.key, "comment": comment, "acting": acting_title},
    )


EFFECT_PENDING, EFFECT_DONE = "pending", "done"


def effect_pending(session: Session, request_id: int) -> bool:
    request = session.get(ApprovalRequest, request_id)
    return request is not None and request.effect == EFFECT_PENDING


def finish_effect(session: Session, request_id: int) -> bool:
    """Mark the decision's effect applied: True for the transaction that does (the effect's
    own), False when it was applied already (or there is no such decision)."""
    # One conditional UPDATE: of two transactions finishing the same effect at once (a
    # start-up and a press, or two processes on PostgreSQL) only one changes the row.
    result = session.exec(
        update(ApprovalRequest)
        .where(col(ApprovalRequest.id) == request_id, col(ApprovalRequest.effect) == EFFECT_PENDING)
        .values(effect=EFFECT_DONE)
    )
    return result.rowcount == 1


def with_pending_effect(session: Session) -> list[ApprovalRequest]:
    """Decisions whose effect a stop interrupted, oldest first."""
    return list(
        session.exec(
            select(ApprovalRequest)
            .where(ApprovalRequest.effect == EFFECT_PENDING)
            .order_by(col(ApprovalRequest.decided_at), col(ApprovalRequest.id))
        )
    )


def supersede(session: Session, *, request: ApprovalRequest) -> None:
    request.status = RequestStatus.SUPERSEDED.value
    session.add(request)


# --- delegations -------------------------------------------------------------------------


def delegations_in_force(session: Session) -> list[Acting]:
    rows = session.exec(select(Delegation).where(col(Delegation.revoked_at).is_(None)))
    return [Acting(r.user_id, r.title, r.start_date, r.end_date) for r in rows]


def list_delegations(session: Session) -> list[Delegation]:
    return list(
        session.exec(
            select(Delegation)
            .where(col(Delegation.revoked_at).is_(None))
            .order_by(col(Delegation.start_date))
        )
    )


def add_delegation(
    session: Session,
    *,
    user_id: int,
    title: str,
    start: date,
    end: date,
    actor: User,
    now: datetime,
) -> Delegation:
    delegation = Delegation(
        user_id=user_id,
        title=title,
        start_date=start,
        end_date=end,
        created_by_user_id=actor.id,
        created_at=now,
    )
    session.add(delegation)
    session.flush()
    assert delegation.id is not None
    audit.record(
        session,
        at=now,
        actor_user_id=actor.id,
        actor_label=actor.full_name,
        action="delegation.create",
        entity="delegation",
        entity_id=delegation.id,
        after={"user_id": user_id, "title": title, "start": start, "end": end},
    )
    return delegation


def revoke_delegation(session: Session, *, delegation_id: int, actor: User, now: datetime) -> bool:
    delegation = session.get(Delegation, delegation_id)
    if delegation is None or delegation.revoked_at is not None:
        return False
    delegation.revoked_at = now
    session.add(delegation)
    audit.record(
        session,
        at=now,
        actor_user_id=actor.id,
        actor_label=actor.full_name,
        action="delegation.revoke",
        entity="delegation",
        entity_id=delegation_id,
    )
    return True
