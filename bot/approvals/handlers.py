"""The one approval mechanism in the chat: a request message with decision buttons for the
head (or the acting head), the decision, and a callback into the feature that asked.

Features register an ``ApprovalKind`` (plans now; letters and meeting decisions later)
and call ``send_request``. Callback data carries ids only: ``apr:<request id>:o:<option>``,
``apr:<request id>:d`` (detail).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from typing import Any

from telegram import InlineKeyboardMarkup, InputFile, Update
from telegram.error import BadRequest, Forbidden
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import texts as app_texts
from bot.access import Member, callback_parts, int_or_none, members_only, services
from bot.approvals import texts
from bot.approvals.kinds import ApprovalKind, RequestView
from bot.approvals.rules import (
    DecisionRefusal,
    Option,
    RequestStatus,
    decider_title,
    refusal,
)
from bot.context import Context
from bot.core.dates import format_datetime
from bot.core.labels import fit
from bot.core.roles import Role
from bot.feature import wiring
from bot.services import Services
from bot.ui.chat import answer, button, conversation_handler, show
from storage import approvals, users
from storage.models import ApprovalRequest

logger = logging.getLogger(__name__)

COMMENT = 0
COMMENT_KEY = "persetujuan_komentar"


def _view(svc: Services, request: ApprovalRequest) -> RequestView:
    decided_by = ""
    if request.decided_by_user_id is not None:
        with svc.db.read() as session:
            user = users.get_user(session, request.decided_by_user_id)
        decided_by = user.full_name if user else ""
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
        decided_by=decided_by,
        decided_by_user_id=request.decided_by_user_id,
        decided_at=request.decided_at,
        requested_at=request.requested_at,
        requested_by_user_id=request.requested_by_user_id,
        options=tuple(approvals.options_of(request)),
    )


def load_view(svc: Services, request_id: int) -> RequestView | None:
    with svc.db.read() as session:
        request = approvals.get_request(session, request_id)
    return None if request is None else _view(svc, request)


def _markup(view: RequestView, kind: ApprovalKind | None) -> InlineKeyboardMarkup:
    rows = [[button(o.label, f"apr:{view.id}:o:{o.key}") for o in view.options]]
    if kind is not None and kind.detail is not None:
        rows.append([button(texts.APPROVAL_BUTTON_DETAIL, f"apr:{view.id}:d")])
    return InlineKeyboardMarkup(rows)


def decided_label(view: RequestView) -> str:
    """What happened, in the past tense ("✅ Disetujui"), for the decided request."""
    option = next((o for o in view.options if o.key == view.decision), None)
    return option.done_label if option and option.done_label else texts.APPROVAL_DECIDED_OTHER


def _decision_text(svc: Services, view: RequestView) -> str:
    by = app_texts.esc(view.decided_by)
    if view.acting_title:
        by = texts.APPROVAL_DECIDED_BY_ACTING.format(title=view.acting_title, name=by)
    comment = (
        texts.APPROVAL_DECIDED_COMMENT.format(comment=app_texts.esc(view.comment))
        if view.comment
        else ""
    )
    return view.summary + texts.APPROVAL_DECIDED_LINE.format(
        label=app_texts.esc(decided_label(view)),
        by=by,
        when=format_datetime(view.decided_at, svc.profile.timezone) if view.decided_at else "",
        comment=comment,
    )


def deciders(svc: Services) -> list[int]:
    """Telegram ids of everyone who may decide today: active heads and acting heads."""
    today = svc.today()
    with svc.db.read() as session:
        heads = users.list_users(session, role=Role.KEPALA)
        ids = [u.telegram_id for u in heads if u.active]
        for acting in approvals.delegations_in_force(session):
            if acting.covers(today):
                user = users.get_user(session, acting.user_id)
                if user is not None and user.active and user.telegram_id not in ids:
                    ids.append(user.telegram_id)
    return ids


async def _post(
    context: Context,
    svc: Services,
    view: RequestView,
    chat_id: int,
    attachments: Sequence[tuple[bytes, str, str]] = (),
) -> None:
    """Send the request (attachments first) to one chat and remember the message."""
    try:
        for content, file_name, caption in attachments:
            await context.bot.send_document(
                chat_id,
                document=InputFile(io.BytesIO(content), filename=file_name),
                caption=caption,
            )
        message = await context.bot.send_message(
            chat_id,
            view.summary,
            reply_markup=_markup(view, wiring(context).approval_kinds.get(view.kind)),
        )
    except Forbidden:
        logger.warning("approval %s: chat %s unreachable", view.id, chat_id)
        return
    with svc.db.write() as session:
        approvals.add_message(
            session, request_id=view.id, chat_id=chat_id, message_id=message.message_id
        )


async def _edit_all(context: Context, messages: list[tuple[int, int]], text: str) -> None:
    """Show the outcome on every message that carried the request's buttons."""
    for chat_id, message_id in messages:
        try:
            await context.bot.edit_message_text(
                text, chat_id=chat_id, message_id=message_id, reply_markup=None
            )
        except (BadRequest, Forbidden) as exc:
            logger.info("could not update approval message %s/%s: %s", chat_id, message_id, exc)


async def send_request(
    context: Context,
    *,
    kind: str,
    subject_id: int,
    title: str,
    summary: str,
    options: Sequence[Option],
    requested_by: Member,
    attachments: Sequence[tuple[bytes, str, str]] = (),
) -> RequestView:
    """Create a request (superseding older pending ones of the kind) and send it to everyone
    who may decide it today."""
    svc = services(context)
    with svc.db.write() as session:
        requester = users.get_user(session, requested_by.user_id)
        request, superseded = approvals.create_request(
            session,
            kind=kind,
            subject_id=subject_id,
            title=title,
            summary=summary,
            decider_role=Role.KEPALA.value,
            options=list(options),
            requested_by=requester,
            now=svc.now(),
        )
        old = [(r.summary, approvals.messages_of(r)) for r in superseded]
        view = _view(svc, request)
    for old_summary, messages in old:
        await _edit_all(context, messages, f"{old_summary}\n\n{texts.APPROVAL_STALE_MESSAGE}")
    for chat_id in deciders(svc):
        await _post(context, svc, view, chat_id, attachments)
    return view


def _may_decide(svc: Services, member: Member) -> str | None:
    with svc.db.read() as session:
        delegations = approvals.delegations_in_force(session)
    return decider_title(
        user_id=member.user_id,
        role=member.role,
        decider_role=Role.KEPALA,
        delegations=delegations,
        today=svc.today(),
    )


async def _decide(
    update: Update, context: Context, member: Member, request_id: int, key: str, comment: str
) -> bool:
    """Record the decision once; True when this call decided it."""
    svc = services(context)
    title = _may_decide(svc, member)
    if title is None:
        await _refuse(update, texts.APPROVAL_NOT_ALLOWED)
        return False
    with svc.db.write() as session:
        request = approvals.get_request(session, request_id)
        if request is None:
            problem: DecisionRefusal | None = DecisionRefusal.STALE
        else:
            view = _view(svc, request)
            kind = wiring(context).approval_kinds.get(view.kind)
            current = kind is not None and kind.is_current(svc, view)
            option = next((o for o in view.options if o.key == key), None)
            problem = refusal(
                status=view.status, subject_is_current=current, option=option, comment=comment
            )
            if problem is DecisionRefusal.STALE and view.status is RequestStatus.PENDING:
                approvals.supersede(session, request=request)
            if problem is None and option is not None:
                decider = users.get_user(session, member.user_id)
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
        messages = [] if request is None else approvals.messages_of(request)
    if problem is not None:
        await _explain(update, context, svc, request_id, problem, messages)
        return False
    decided = load_view(svc, request_id)
    assert decided is not None
    await _edit_all(context, messages, _decision_text(svc, decided))
    kind = wiring(context).approval_kinds.get(decided.kind)
    if kind is not None:
        await kind.on_decided(context, decided)
    return True


async def _refuse(update: Update, text: str) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)
    elif update.effective_message is not None:
        await update.effective_message.reply_text(text)


async def _explain(
    update: Update,
    context: Context,
    svc: Services,
    request_id: int,
    problem: DecisionRefusal,
    messages: list[tuple[int, int]],
) -> None:
    view = load_view(svc, request_id)
    if problem is DecisionRefusal.ALREADY_DECIDED:
        await _refuse(update, texts.APPROVAL_ALREADY)
        if view is not None:
            await _edit_all(context, messages, _decision_text(svc, view))
        return
    if problem is DecisionRefusal.STALE:
        await _refuse(update, texts.APPROVAL_STALE)
        if view is not None:
            await _edit_all(context, messages, f"{view.summary}\n\n{texts.APPROVAL_STALE_MESSAGE}")
        return
    await _refuse(update, app_texts.STALE_BUTTON)


@members_only()
async def press(update: Update, context: Context, member: Member) -> int | None:
    """A decision or detail button; a decision that needs a comment asks for it first."""
    parts = callback_parts(update.callback_query.data if update.callback_query else None, "apr")
    request_id = int_or_none(parts[0]) if parts else None
    svc = services(context)
    view = None if request_id is None else load_view(svc, request_id)
    if view is None or request_id is None:
        await answer(update, app_texts.STALE_BUTTON)
        return ConversationHandler.END
    if _may_decide(svc, member) is None:
        await _refuse(update, texts.APPROVAL_NOT_ALLOWED)
        return ConversationHandler.END
    action = parts[1] if len(parts) > 1 else ""
    if action == "d":
        await answer(update)
        kind = wiring(context).approval_kinds.get(view.kind)
        if kind is not None and kind.detail is not None:
            await kind.detail(update, context, view)
        return None
    if action == "s":
        await answer(update)
        await _post(context, svc, view, member.telegram_id)
        return None
    key = parts[2] if action == "o" and len(parts) == 3 else ""
    option = next((o for o in view.options if o.key == key), None)
    if option is not None and option.needs_comment:
        kind = wiring(context).approval_kinds.get(view.kind)
        current = kind is not None and kind.is_current(svc, view)
        problem = refusal(
            status=view.status, subject_is_current=current, option=option, comment="-"
        )
        if problem is not None:
            with svc.db.read() as session:
                request = approvals.get_request(session, request_id)
                messages = [] if request is None else approvals.messages_of(request)
            await _explain(update, context, svc, request_id, problem, messages)
            return ConversationHandler.END
        await answer(update)
        assert context.user_data is not None
        context.user_data[COMMENT_KEY] = {"id": request_id, "key": key}
        chat = update.effective_chat
        assert chat is not None
        await context.bot.send_message(
            chat.id,
            texts.APPROVAL_ASK_COMMENT.format(
                label=app_texts.esc(option.label), title=app_texts.esc(view.title)
            ),
        )
        return COMMENT
    if await _decide(update, context, member, request_id, key, ""):
        decided = load_view(svc, request_id)
        label = decided_label(decided) if decided else texts.APPROVAL_DECIDED_OTHER
        await answer(update, texts.APPROVAL_DONE.format(label=label))
    return ConversationHandler.END


@members_only()
async def typed_comment(update: Update, context: Context, member: Member) -> int:
    """The comment a decision needs; then the decision is recorded."""
    assert context.user_data is not None and update.effective_message is not None
    pending = context.user_data.get(COMMENT_KEY)
    text = " ".join((update.effective_message.text or "").split())
    if not isinstance(pending, dict):
        await update.effective_message.reply_text(app_texts.STALE_BUTTON)
        return ConversationHandler.END
    if not 3 <= len(text) <= 1000:
        await update.effective_message.reply_text(app_texts.APPROVAL_COMMENT_TOO_SHORT)
        return COMMENT
    context.user_data.pop(COMMENT_KEY, None)
    decided = await _decide(update, context, member, int(pending["id"]), str(pending["key"]), text)
    if decided:
        view = load_view(services(context), int(pending["id"]))
        label = decided_label(view) if view else texts.APPROVAL_DECIDED_OTHER
        await update.effective_message.reply_text(
            texts.APPROVAL_DONE.format(label=app_texts.esc(label))
        )
    return ConversationHandler.END


@members_only()
async def cancel_comment(update: Update, context: Context, member: Member) -> int:
    """/batal while a comment is awaited: no decision."""
    if context.user_data is not None:
        context.user_data.pop(COMMENT_KEY, None)
    if update.effective_message is not None:
        await update.effective_message.reply_text(texts.APPROVAL_COMMENT_CANCELLED)
    return ConversationHandler.END


@members_only()
async def waiting_for_me(update: Update, context: Context, member: Member) -> None:
    """/persetujuan: what waits for this person's decision, the old ones flagged."""
    svc = services(context)
    if _may_decide(svc, member) is None:
        await show(update, texts.APPROVAL_NOT_ALLOWED)
        return
    with svc.db.read() as session:
        views = [_view(svc, r) for r in approvals.pending(session)]
    views = [
        v
        for v in views
        if (k := wiring(context).approval_kinds.get(v.kind)) is None or k.is_current(svc, v)
    ]
    if not views:
        await show(update, texts.APPROVAL_PENDING_NONE)
        return
    lines = [texts.APPROVAL_PENDING_HEADER.format(count=len(views))]
    rows = []
    now = svc.now()
    for view in views:
        days = (now - view.requested_at).days
        overdue = svc.settings.kinerja_approval_overdue_days
        late = texts.APPROVAL_PENDING_LATE.format(days=days) if days >= overdue else ""
        lines.append(
            texts.APPROVAL_PENDING_LINE.format(
                title=app_texts.esc(view.title),
                when=format_datetime(view.requested_at, svc.profile.timezone),
                late=late,
            )
        )
        rows.append(
            [button(fit(texts.APPROVAL_BUTTON_OPEN.format(title=view.title)), f"apr:{view.id}:s")]
        )
    await show(update, "\n".join(lines), InlineKeyboardMarkup(rows))


def conversation() -> ConversationHandler[Any]:
    """Decision buttons, and the comment a decision may need (persistent)."""
    return conversation_handler(
        entry_points=[CallbackQueryHandler(press, pattern=r"^apr:")],
        states={
            COMMENT: [
                MessageHandler(filters.TEXT & ~filters.COMMAND, typed_comment),
                CallbackQueryHandler(press, pattern=r"^apr:"),
            ]
        },
        fallbacks=[CommandHandler("batal", cancel_comment)],
        name="persetujuan",
    )


def handlers() -> list[BaseHandler[Update, Context, Any]]:
    """This feature's handlers, fresh for each application."""
    return [conversation(), CommandHandler("persetujuan", waiting_for_me)]
