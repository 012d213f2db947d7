"""The one approval mechanism in the chat: a request message with decision buttons for the
head (or the acting head), the decision, and a callback into the feature that asked.

Features declare an ``ApprovalKind`` and call ``send_request``; the buttons are in
``bot.approvals.callbacks``, the request message in ``bot.approvals.messages``.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from enum import IntEnum
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import (
    BaseHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import texts as app_texts
from bot.access import Member, members_only, services
from bot.approvals import texts, usecases
from bot.approvals.callbacks import Decide, Detail, ShowRequest
from bot.approvals.completion import complete
from bot.approvals.copies import Attachment, Filing
from bot.approvals.drafts import CommentDraft
from bot.approvals.kinds import RequestView
from bot.approvals.messages import (
    decided_label,
    decision_text,
    edit_all,
    is_current,
    kind_of,
    post,
    superseded_text,
)
from bot.approvals.rules import DecisionRefusal, Option
from bot.approvals.usecases import Decision
from bot.context import Context
from bot.core.dates import format_datetime
from bot.core.labels import fit
from bot.feature import wiring
from bot.ui.buttons import on_press, press_handler, stale_presses
from bot.ui.chat import answer, button, conversation_handler, remember_step, show
from bot.ui.drafts import DROPPED, clear, read, write

END = ConversationHandler.END


class Step(IntEnum):
    """The state of the decision conversation (see persetujuan.mmd)."""

    COMMENT = 0


async def send_request(
    context: Context,
    *,
    kind: str,
    subject_id: int,
    title: str,
    summary: str,
    options: Sequence[Option],
    requested_by: Member,
    attachments: Sequence[Attachment] = (),
    filing: Filing | None = None,
    supersedes: Collection[int] | None = None,
) -> RequestView:
    """Create a request (superseding older pending ones of the kind); the outbox sends it to
    everyone who may decide it today once this update is done."""
    declared = wiring(context).approval_kinds.get(kind)
    opened = usecases.open_request(
        services(context),
        kind=kind,
        subject_id=subject_id,
        title=title,
        summary=summary,
        options=options,
        requested_by_id=requested_by.user_id,
        attachments=attachments,
        detail=declared is not None and declared.detail is not None,
        filing=filing,
        supersedes=supersedes,
    )
    for old in opened.superseded:
        await edit_all(context, old.messages, superseded_text(old.summary))
    return opened.view


async def _refuse(update: Update, text: str) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)
    elif update.effective_message is not None:
        await update.effective_message.reply_text(text)


async def _explain(update: Update, context: Context, decision: Decision) -> None:
    """Why nothing was decided; the request's messages show how things stand."""
    view = decision.view
    if decision.refusal is DecisionRefusal.NOT_ALLOWED:
        await _refuse(update, texts.APPROVAL_NOT_ALLOWED)
    elif decision.refusal is DecisionRefusal.ALREADY_DECIDED:
        await _refuse(update, texts.APPROVAL_ALREADY)
        if view is not None and view.effect_pending:
            # A stop came between the decision and its effect: apply it now.
            await complete(context, view, decision.messages)
        elif view is not None:
            await edit_all(context, decision.messages, decision_text(services(context), view))
    elif decision.refusal is DecisionRefusal.OWN_REQUEST:
        await _refuse(update, texts.APPROVAL_OWN_REQUEST)
    elif decision.refusal is DecisionRefusal.STALE:
        await _refuse(update, texts.APPROVAL_STALE)
        if view is not None:
            await edit_all(context, decision.messages, superseded_text(view.summary))
    else:
        await _refuse(update, app_texts.STALE_BUTTON)


async def _decide(
    update: Update, context: Context, member: Member, request_id: int, key: str, comment: str
) -> RequestView | None:
    """Record the decision once, have the feature that asked apply it, then update the
    request's messages; the decided request, or None when this call decided nothing (the
    person told why)."""
    svc = services(context)
    decision = usecases.decide_request(
        svc,
        request_id=request_id,
        user_id=member.user_id,
        role=member.role,
        option_key=key,
        comment=comment,
        is_current=is_current(context),
    )
    if decision.refusal is not None or decision.view is None:
        await _explain(update, context, decision)
        return None
    await complete(context, decision.view, decision.messages)
    return decision.view


async def _request_for(
    update: Update, context: Context, member: Member, request_id: int
) -> RequestView | None:
    """The request behind a button, for someone who may decide it; None (the person told)
    otherwise."""
    svc = services(context)
    view = usecases.request_view(svc, request_id=request_id)
    if view is None:
        await answer(update, app_texts.STALE_BUTTON)
        return None
    if usecases.decider_title(svc, user_id=member.user_id, role=member.role) is None:
        await _refuse(update, texts.APPROVAL_NOT_ALLOWED)
        return None
    return view


@on_press(Decide, stale=END)
async def decide(update: Update, context: Context, member: Member, data: Decide) -> int:
    """A decision button; a decision that needs a comment asks for it first."""
    view = await _request_for(update, context, member, data.request_id)
    if view is None:
        return END
    option = view.option(data.option)
    if option is not None and option.needs_comment:
        return await _ask_comment(update, context, member, view, option)
    # A decision by button ends any comment this person was asked for.
    clear(context.user_data, CommentDraft)
    decided = await _decide(update, context, member, view.id, data.option, "")
    if decided is not None:
        await answer(update, texts.APPROVAL_DONE.format(label=decided_label(decided)))
    return END


async def _ask_comment(
    update: Update, context: Context, member: Member, view: RequestView, option: Option
) -> int:
    check = usecases.check_decision(
        services(context),
        request_id=view.id,
        user_id=member.user_id,
        option_key=option.key,
        is_current=is_current(context),
    )
    if check.refusal is not None:
        await _explain(update, context, check)
        return END
    await answer(update)
    write(context.user_data, CommentDraft(request_id=view.id, option=option.key))
    remember_step(context.user_data, Step.COMMENT)
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_message(
        chat.id,
        texts.APPROVAL_ASK_COMMENT.format(
            label=app_texts.esc(option.label), title=app_texts.esc(view.title)
        ),
    )
    return Step.COMMENT


@on_press(Detail)
async def detail(update: Update, context: Context, member: Member, data: Detail) -> None:
    """🔎 Lihat detail: the feature that asked shows its subject."""
    view = await _request_for(update, context, member, data.request_id)
    if view is None:
        return
    await answer(update)
    kind = kind_of(context, view)
    if kind is not None and kind.detail is not None:
        await kind.detail(update, context, view)


@on_press(ShowRequest)
async def show_request(update: Update, context: Context, member: Member, data: ShowRequest) -> None:
    """A request from /persetujuan or a letter's card: sent again, with its buttons."""
    view = await _request_for(update, context, member, data.request_id)
    if view is None:
        return
    await answer(update)
    await post(context, view, member.telegram_id)


@members_only()
async def typed_comment(update: Update, context: Context, member: Member) -> int:
    """The comment a decision needs; then the decision is recorded."""
    message = update.effective_message
    assert message is not None
    draft = read(context.user_data, CommentDraft)
    text = " ".join((message.text or "").split())
    if not isinstance(draft, CommentDraft):
        await message.reply_text(
            app_texts.DRAFT_DROPPED if draft is DROPPED else app_texts.STALE_BUTTON
        )
        return END
    if not 3 <= len(text) <= 1000:
        await message.reply_text(app_texts.APPROVAL_COMMENT_TOO_SHORT)
        return Step.COMMENT
    clear(context.user_data, CommentDraft)
    decided = await _decide(update, context, member, draft.request_id, draft.option, text)
    if decided is not None:
        label = app_texts.esc(decided_label(decided))
        await message.reply_text(texts.APPROVAL_DONE.format(label=label))
    return END


@members_only()
async def cancel_comment(update: Update, context: Context, member: Member) -> int:
    """/batal while a comment is awaited: no decision."""
    clear(context.user_data, CommentDraft)
    await show(update, texts.APPROVAL_COMMENT_CANCELLED)
    return END


@members_only()
async def waiting_for_me(update: Update, context: Context, member: Member) -> None:
    """/persetujuan: what waits for this person's decision, the old ones flagged."""
    svc = services(context)
    views = usecases.pending_requests(
        svc, user_id=member.user_id, role=member.role, is_current=is_current(context, unknown=True)
    )
    if views is None:
        await show(update, texts.APPROVAL_NOT_ALLOWED)
        return
    if not views:
        await show(update, texts.APPROVAL_PENDING_NONE)
        return
    lines = [texts.APPROVAL_PENDING_HEADER.format(count=len(views))]
    rows = []
    now, overdue = svc.now(), svc.settings.kinerja_approval_overdue_days
    for view in views:
        days = (now - view.requested_at).days
        late = texts.APPROVAL_PENDING_LATE.format(days=days) if days >= overdue else ""
        when = format_datetime(view.requested_at, svc.profile.timezone)
        lines.append(
            texts.APPROVAL_PENDING_LINE.format(
                title=app_texts.esc(view.title), when=when, late=late
            )
        )
        label = fit(texts.APPROVAL_BUTTON_OPEN.format(title=view.title))
        rows.append([button(label, ShowRequest(request_id=view.id))])
    await show(update, "\n".join(lines), InlineKeyboardMarkup(rows))


def _presses() -> list[BaseHandler[Update, Context, Any]]:
    return [
        press_handler(Decide, decide),
        press_handler(Detail, detail),
        press_handler(ShowRequest, show_request),
    ]


def conversation() -> ConversationHandler[Any]:
    """Decision buttons, and the comment a decision may need (persistent)."""
    return conversation_handler(
        entry_points=_presses(),
        states={
            Step.COMMENT: [
                MessageHandler(filters.TEXT & ~filters.COMMAND, typed_comment),
                *_presses(),
            ]
        },
        fallbacks=[CommandHandler("batal", cancel_comment)],
        name="persetujuan",
    )


def handlers() -> list[BaseHandler[Update, Context, Any]]:
    """This feature's handlers, fresh for each application."""
    return [
        conversation(),
        CommandHandler("persetujuan", waiting_for_me),
        # Last: a request button in none of today's forms (forged or damaged).
        stale_presses(r"^apr:"),
    ]
