"""What the approval mechanism and /plh do with the database: one transaction per use case,
returning frozen snapshots (``RequestView`` and the small views below)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from bot import deliveries
from bot import texts as app_texts
from bot.approvals import copies, rules, texts
from bot.approvals.copies import Attachment, Filing, Messages
from bot.approvals.kinds import RequestView
from bot.approvals.rules import DecisionRefusal, Option, RequestStatus
from bot.core.dates import format_date
from bot.core.roles import Role
from bot.services import Services
from storage import approvals, users
from storage.models import ApprovalRequest

IsCurrent = Callable[[RequestView], bool]
"""Whether the subject of a request is still the one to decide (asked of its feature)."""


def _view(session: Session, request: ApprovalRequest) -> RequestView:
    decided_by = None
    if request.decided_by_user_id is not None:
        decided_by = users.get_user(session, request.decided_by_user_id)
    assert request.id is not None
    return RequestView(
        id=request.id,
        kind=request.kind,
        subject_id=request.subject_id,
        title=request.title,
        summary=request.summary,
        status=RequestStatus(request.status),
        decision=request.decision,
        comment=request.comment,
        acting_title=request.acting_title,
        decided_by=decided_by.full_name if decided_by else "",
        decided_by_user_id=request.decided_by_user_id,
        decided_at=request.decided_at,
        requested_at=request.requested_at,
        requested_by_user_id=request.requested_by_user_id,
        options=tuple(approvals.options_of(request)),
        effect_pending=request.effect == approvals.EFFECT_PENDING,
    )


def _title(session: Session, svc: Services, *, user_id: int, role: Role) -> str | None:
    return rules.decider_title(
        user_id=user_id,
        role=role,
        decider_role=Role.KEPALA,
        delegations=approvals.delegations_in_force(session),
        today=svc.today(),
    )


@dataclass(frozen=True)
class Superseded:
    """An older request of the same kind, replaced: its messages say so."""

    summary: str
    messages: Messages


@dataclass(frozen=True)
class OpenedRequest:
    view: RequestView
    superseded: tuple[Superseded, ...]


def open_request(
    svc: Services,
    *,
    kind: str,
    subject_id: int,
    title: str,
    summary: str,
    options: Sequence[Option],
    requested_by_id: int,
    attachments: Sequence[Attachment] = (),
    detail: bool = False,
    filing: Filing | None = None,
    supersedes: Collection[int] | None = None,
) -> OpenedRequest:
    """A new pending request (older pending ones of the kind superseded), queued in the
    outbox for everyone who may decide it today, with its documents and decision buttons
    (``detail``: also "Lihat detail"; ``filing``: where its documents go in the archive;
    ``supersedes``: only the pending requests about these subjects are replaced)."""
    with svc.db.write() as session:
        request, superseded = approvals.create_request(
            session,
            kind=kind,
            subject_id=subject_id,
            title=title,
            summary=summary,
            decider_role=Role.KEPALA.value,
            options=list(options),
            requested_by=users.get_user(session, requested_by_id),
            now=svc.now(),
            supersedes=supersedes,
        )
        view = _view(session, request)
        copies.queue_request(
            session,
            svc,
            view,
            attachments,
            detail=detail,
            requested_by_id=requested_by_id,
            filing=filing,
        )
        for old in superseded:
            copies.withdraw_unsent(session, old.id)
        return OpenedRequest(
            view=view,
            superseded=tuple(Superseded(r.summary, copies.copies(session, r)) for r in superseded),
        )


def remember_message(svc: Services, *, request_id: int, chat_id: int, message_id: int) -> None:
    """Keep a message that carries the request's buttons, to update it once decided."""
    with svc.db.write() as session:
        approvals.add_message(
            session, request_id=request_id, chat_id=chat_id, message_id=message_id
        )


def request_view(svc: Services, *, request_id: int) -> RequestView | None:
    with svc.db.read() as session:
        request = approvals.get_request(session, request_id)
        return None if request is None else _view(session, request)


def decider_title(svc: Services, *, user_id: int, role: Role) -> str | None:
    """``""`` for the head, ``"Plt"``/``"Plh"`` for an acting head today, None for others."""
    with svc.db.read() as session:
        return _title(session, svc, user_id=user_id, role=role)


@dataclass(frozen=True)
class Decision:
    """What a decision button did: the request as it is now (None when it is gone), why
    nothing was decided (None when it was), and the messages to update."""

    view: RequestView | None
    refusal: DecisionRefusal | None
    messages: Messages


def check_decision(
    svc: Services, *, request_id: int, user_id: int, option_key: str, is_current: IsCurrent
) -> Decision:
    """Whether the option could be chosen now, before its comment is asked for."""
    with svc.db.read() as session:
        request = approvals.get_request(session, request_id)
        if request is None:
            return Decision(None, DecisionRefusal.STALE, ())
        view = _view(session, request)
        messages = copies.copies(session, request)
    problem = rules.refusal(
        status=view.status,
        subject_is_current=is_current(view),
        option=view.option(option_key),
        comment="-",
        decider_is_requester=view.requested_by_user_id == user_id,
    )
    return Decision(view, problem, messages)


def decide_request(
    svc: Services,
    *,
    request_id: int,
    user_id: int,
    role: Role,
    option_key: str,
    comment: str,
    is_current: IsCurrent,
) -> Decision:
    """Record the decision once: the first press decides, a repeated or late one is refused;
    a pending request about an outdated subject is superseded."""
    with svc.db.write() as session:
        title = _title(session, svc, user_id=user_id, role=role)
        request = approvals.get_request(session, request_id)
        if title is None or request is None:
            refusal = DecisionRefusal.NOT_ALLOWED if title is None else DecisionRefusal.STALE
            return Decision(None, refusal, ())
        view = _view(session, request)
        option = view.option(option_key)
        problem = rules.refusal(
            status=view.status,
            subject_is_current=is_current(view),
            option=option,
            comment=comment,
            decider_is_requester=request.requested_by_user_id == user_id,
        )
        if problem is DecisionRefusal.STALE and view.status is RequestStatus.PENDING:
            approvals.supersede(session, request=request)
        if problem is None and option is not None:
            decider = users.get_user(session, user_id)
            assert decider is not None
            approvals.record_decision(
                session,
                request=request,
                decider=decider,
                acting_title=title,
                option=option,
                comment=comment,
                now=svc.now(),
            )
        if request.status != RequestStatus.PENDING.value:
            copies.withdraw_unsent(session, request.id)
        return Decision(_view(session, request), problem, copies.copies(session, request))


@dataclass(frozen=True)
class Decided:
    """A decision whose effect is still to be applied, and the messages to update after."""

    view: RequestView
    messages: Messages


def pending_effects(svc: Services) -> list[Decided]:
    """Decisions a stop interrupted before their effect was applied, oldest first."""
    with svc.db.read() as session:
        return [
            Decided(_view(session, r), copies.copies(session, r))
            for r in approvals.with_pending_effect(session)
        ]


def finish_effect(svc: Services, *, request_id: int) -> None:
    """Mark the effect applied when the feature did not (nothing to do for it, or a kind
    no feature declares any more)."""
    with svc.db.write() as session:
        approvals.finish_effect(session, request_id)


def pending_requests(
    svc: Services, *, user_id: int, role: Role, is_current: IsCurrent
) -> list[RequestView] | None:
    """/persetujuan: what waits for a decision, oldest first; None for someone who may not
    decide today."""
    with svc.db.read() as session:
        if _title(session, svc, user_id=user_id, role=role) is None:
            return None
        views = [_view(session, r) for r in approvals.pending(session)]
    return [v for v in views if is_current(v)]


# --- /plh -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActingHead:
    """A delegation that is in force or still to come."""

    delegation_id: int
    title: str
    name: str
    start: date
    end: date


def acting_heads(svc: Services) -> list[ActingHead]:
    """Current and coming acting heads, by start date."""
    today = svc.today()
    with svc.db.read() as session:
        found = []
        for d in approvals.list_delegations(session):
            if d.end_date < today or d.id is None:
                continue
            person = users.get_user(session, d.user_id)
            name = person.full_name if person else "?"
            found.append(ActingHead(d.id, d.title, name, d.start_date, d.end_date))
        return found


@dataclass(frozen=True)
class Candidate:
    """An active team member who can be named acting head."""

    user_id: int
    name: str
    telegram_id: int


def acting_candidates(svc: Services, *, head_id: int) -> list[Candidate]:
    with svc.db.read() as session:
        return [
            Candidate(u.id, u.full_name, u.telegram_id)
            for u in users.list_users(session, role=Role.TIM)
            if u.active and u.id is not None and u.id != head_id
        ]


def candidate(svc: Services, *, user_id: int) -> Candidate | None:
    """The person chosen, while still active."""
    with svc.db.read() as session:
        user = users.get_user(session, user_id)
        if user is None or user.id is None or not user.active:
            return None
        return Candidate(user.id, user.full_name, user.telegram_id)


def name_acting_head(
    svc: Services, *, actor_id: int, user_id: int, title: str, start: date, end: date
) -> Candidate | None:
    """Store the delegation; the person named (to be told), None when they are gone."""
    with svc.db.write() as session:
        actor = users.get_user(session, actor_id)
        person = users.get_user(session, user_id)
        assert actor is not None
        if person is None or person.id is None:
            return None
        approvals.add_delegation(
            session, user_id=user_id, title=title, start=start, end=end, actor=actor, now=svc.now()
        )
        named = Candidate(person.id, person.full_name, person.telegram_id)
        deliveries.queue(
            session,
            kind=DELEGATION_NOTICE,
            ref_id=person.id,
            text=texts.DELEGATION_NOTIFY.format(**delegation_values(named, title, start, end)),
            recipients=[(person.id, person.telegram_id)],
            now=svc.now(),
        )
        return named


DELEGATION_NOTICE = "plh"
"""The outbox kind of the notice a person named acting head gets."""


def delegation_values(named: Candidate, title: str, start: date, end: date) -> dict[str, str]:
    """What the texts about a delegation fill in."""
    return {
        "title": app_texts.esc(title),
        "name": app_texts.esc(named.name),
        "start": format_date(start, with_weekday=False),
        "end": format_date(end, with_weekday=False),
    }


def revoke_acting_head(svc: Services, *, actor_id: int, delegation_id: int) -> bool:
    """End a delegation now; False when it was revoked already or is unknown."""
    with svc.db.write() as session:
        actor = users.get_user(session, actor_id)
        assert actor is not None
        return approvals.revoke_delegation(
            session, delegation_id=delegation_id, actor=actor, now=svc.now()
        )
