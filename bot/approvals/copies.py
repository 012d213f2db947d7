"""An approval request's copies in the outbox: the documents and the message with the
decision buttons queued for everyone who may decide it today, the copies delivered (to be
edited once decided), and the copies withdrawn when it no longer waits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session

from bot import deliveries
from bot.approvals import texts
from bot.approvals.callbacks import Decide, Detail
from bot.approvals.kinds import RequestView
from bot.core.roles import Role
from bot.services import Services
from storage import approvals, archive, outbox, users
from storage.archive import NewDocument
from storage.models import ApprovalRequest

Messages = tuple[tuple[int, int], ...]
"""(chat id, message id) of every message that carries a request's buttons."""

Attachment = tuple[bytes, str, str]
"""A document sent before the request: its content, file name and caption."""


@dataclass(frozen=True)
class Filing:
    """Where a request's documents are filed in the archive: the subject's cycle and SOP
    step, and its revision (a plan's revision number)."""

    cycle_id: int
    step: int
    revision: int = 1


REQUEST_MESSAGE = "persetujuan"
"""The outbox kind of a request's message with the decision buttons (ref: the request)."""

REQUEST_DOCUMENT = "persetujuan_lampiran"
"""The outbox kind (and archive kind) of a document sent before a request's message."""


def withdraw_unsent(session: Session, request_id: int | None) -> None:
    """A request that no longer waits: its copies still queued (a flood-wait) are not sent
    with buttons nobody may press any more."""
    assert request_id is not None
    for kind in (REQUEST_DOCUMENT, REQUEST_MESSAGE):
        outbox.withdraw_pending(session, kind=kind, ref_id=request_id)


def copies(session: Session, request: ApprovalRequest) -> Messages:
    """Every message that carries the request's buttons: the copies the outbox delivered to
    the deciders, and the ones shown again from /persetujuan."""
    assert request.id is not None
    delivered = outbox.sent_copies(session, kind=REQUEST_MESSAGE, ref_id=request.id)
    return (*delivered, *approvals.messages_of(request))


def _deciders(session: Session, svc: Services) -> list[tuple[int | None, int]]:
    """Everyone who may decide today (user id, chat id): the active head and acting heads."""
    today = svc.today()
    found = [(u.id, u.telegram_id) for u in users.list_users(session, role=Role.KEPALA) if u.active]
    for acting in approvals.delegations_in_force(session):
        if acting.covers(today):
            found.extend(deliveries.person(session, acting.user_id))
    return found


def _buttons(view: RequestView, *, detail: bool) -> list[list[tuple[str, str]]]:
    rows = [[(o.label, Decide(request_id=view.id, option=o.key).encode()) for o in view.options]]
    if detail:
        rows.append([(texts.APPROVAL_BUTTON_DETAIL, Detail(request_id=view.id).encode())])
    return rows


def queue_request(
    session: Session,
    svc: Services,
    view: RequestView,
    attachments: Sequence[Attachment],
    *,
    detail: bool,
    requested_by_id: int,
    filing: Filing | None = None,
) -> None:
    """The request for everyone who may decide today: its documents first, then the
    message with the decision buttons (the outbox sends them in that order)."""
    deciders, now = _deciders(session, svc), svc.now()
    for content, file_name, caption in attachments:
        meta = NewDocument(
            kind=REQUEST_DOCUMENT,
            file_name=file_name,
            mime_type="application/pdf",
            cycle_id=None if filing is None else filing.cycle_id,
            step_no=None if filing is None else filing.step,
            revision=1 if filing is None else filing.revision,
            uploaded_by_user_id=requested_by_id,
        )
        document = archive.store(session, root=svc.archive_dir, content=content, meta=meta, now=now)
        deliveries.queue(
            session,
            kind=REQUEST_DOCUMENT,
            ref_id=view.id,
            text=caption,
            recipients=deciders,
            now=now,
            document_id=document.id,
        )
    deliveries.queue(
        session,
        kind=REQUEST_MESSAGE,
        ref_id=view.id,
        text=view.summary,
        recipients=deciders,
        now=now,
        buttons=_buttons(view, detail=detail),
        created_by_user_id=requested_by_id,
    )
