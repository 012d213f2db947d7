"""The letters conversation ("surat", drawn in bot/letters/surat.mmd): its states, and the
pieces every letters and outreach flow shares (/batal, a button of an earlier version)."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from enum import IntEnum
from typing import Any, TypeVar

from telegram import Update
from telegram.ext import ConversationHandler

from bot import texts as app_texts
from bot.access import Member, members_only
from bot.context import Context
from bot.ui import drafts
from bot.ui.chat import answer, show

D = TypeVar("D", bound=drafts.Draft)


class State(IntEnum):
    """Where a letter flow waits for typed text (the numbers are persisted)."""

    PART_TEXT = 0
    SOC_DATE = 1
    SOC_TIME = 2
    SOC_PLACE = 3
    SOC_AGENDA = 4


def cancel_flow(
    *kinds: type[drafts.Draft],
) -> Callable[[Update, Context], Coroutine[Any, Any, int | None]]:
    """The /batal of a flow whose drafts are of ``kinds``: they are dropped."""

    @members_only()
    async def cancel(update: Update, context: Context, member: Member) -> int:
        """/batal: what was typed so far is dropped."""
        for kind in kinds:
            drafts.clear(context.user_data, kind)
        if update.effective_message is not None:
            await update.effective_message.reply_text(app_texts.CANCELLED)
        return ConversationHandler.END

    return cancel


@members_only()
async def retired(update: Update, context: Context, member: Member) -> None:
    """A button of an earlier version (its action moved or its data changed)."""
    await answer(update)
    await show(update, app_texts.STALE_BUTTON)


async def awaited_draft(update: Update, context: Context, kind: type[D]) -> D | None:
    """The draft a typed answer continues; None after telling the person there is none to
    continue (a stale flow) or that it was written by an earlier version and dropped."""
    draft = drafts.read(context.user_data, kind)
    if isinstance(draft, kind):
        return draft
    if update.effective_message is not None:
        dropped = draft is drafts.DROPPED
        await update.effective_message.reply_text(
            app_texts.DRAFT_DROPPED if dropped else app_texts.STALE_BUTTON
        )
    return None
