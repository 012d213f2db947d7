"""The request message in the deciders' chats: its text and decision buttons, sending it,
and showing the outcome on every copy once it is decided or superseded."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup
from telegram.error import Forbidden, TelegramError

from bot import texts as app_texts
from bot.access import services
from bot.approvals import texts, usecases
from bot.approvals.callbacks import Decide, Detail
from bot.approvals.copies import Messages
from bot.approvals.kinds import ApprovalKind, RequestView
from bot.approvals.usecases import IsCurrent
from bot.context import Context
from bot.core.dates import format_datetime
from bot.feature import wiring
from bot.services import Services
from bot.ui.chat import button

logger = logging.getLogger(__name__)


def kind_of(context: Context, view: RequestView) -> ApprovalKind | None:
    """What the feature that asked told the mechanism about this kind of request."""
    return wiring(context).approval_kinds.get(view.kind)


def is_current(context: Context, *, unknown: bool = False) -> IsCurrent:
    """Asks the request's feature whether its subject is still the one to decide; a kind no
    feature declares counts as ``unknown``."""
    svc = services(context)

    def current(view: RequestView) -> bool:
        kind = kind_of(context, view)
        return unknown if kind is None else kind.is_current(svc, view)

    return current


def _markup(view: RequestView, kind: ApprovalKind | None) -> InlineKeyboardMarkup:
    rows = [[button(o.label, Decide(request_id=view.id, option=o.key)) for o in view.options]]
    if kind is not None and kind.detail is not None:
        rows.append([button(texts.APPROVAL_BUTTON_DETAIL, Detail(request_id=view.id))])
    return InlineKeyboardMarkup(rows)


def decided_label(view: RequestView) -> str:
    """What happened, in the past tense ("✅ Disetujui"), for the decided request."""
    option = view.option(view.decision)
    return option.done_label if option and option.done_label else texts.APPROVAL_DECIDED_OTHER


def decision_text(svc: Services, view: RequestView) -> str:
    """The request's summary with who decided what, when, and the comment."""
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


def superseded_text(summary: str) -> str:
    return f"{summary}\n\n{texts.APPROVAL_STALE_MESSAGE}"


async def post(context: Context, view: RequestView, chat_id: int) -> None:
    """Show the request again, with its buttons, in the chat of the person who asked for it
    (/persetujuan), and remember the message. The deciders get requests from the outbox."""
    try:
        message = await context.bot.send_message(
            chat_id, view.summary, reply_markup=_markup(view, kind_of(context, view))
        )
    except Forbidden:
        logger.warning("approval %s: chat %s unreachable", view.id, chat_id)
        return
    usecases.remember_message(
        services(context), request_id=view.id, chat_id=chat_id, message_id=message.message_id
    )


async def edit_all(context: Context, messages: Messages, text: str) -> None:
    """Show the outcome on every message that carried the request's buttons."""
    for chat_id, message_id in messages:
        try:
            await context.bot.edit_message_text(
                text, chat_id=chat_id, message_id=message_id, reply_markup=None
            )
        except TelegramError as exc:
            # Only the outcome's display: the decision and its effect are stored already,
            # and a later press on the old buttons shows it again.
            logger.info("could not update approval message %s/%s: %s", chat_id, message_id, exc)
