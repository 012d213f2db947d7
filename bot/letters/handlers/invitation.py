"""The four questions before the invitation's draft: date, time, place and agenda of the
socialisation; then the draft, inviting every registered owner."""

from __future__ import annotations

import re
from datetime import date

from telegram import Message, Update
from telegram.ext import ConversationHandler

from bot import texts as app_texts
from bot.access import Member, members_only, services
from bot.context import Context
from bot.core.dates import format_date
from bot.core.examples import dmy, example_day
from bot.core.roles import Role
from bot.letters import texts
from bot.letters.drafts import InvitationDraft
from bot.letters.handlers.opening import show_opening
from bot.letters.handlers.states import State
from bot.letters.usecases import drafting
from bot.planning.rules.values import parse_date
from bot.ui import drafts

_TIME = re.compile(r"(\d{1,2})[.:](\d{2})(?:\s*WIT)?", re.IGNORECASE)
_TEXT_LENGTH = (3, 300)


def _text(message: Message) -> str:
    return " ".join((message.text or "").split())


async def _draft(update: Update, context: Context) -> InvitationDraft | None:
    """The answers so far; None (and the person told) when there are none to continue."""
    draft = drafts.read(context.user_data, InvitationDraft)
    if isinstance(draft, InvitationDraft):
        return draft
    assert update.effective_message is not None
    dropped = draft is drafts.DROPPED
    await update.effective_message.reply_text(
        app_texts.DRAFT_DROPPED if dropped else app_texts.STALE_BUTTON
    )
    return None


@members_only(Role.TIM)
async def soc_date(update: Update, context: Context, member: Member) -> int:
    """1/4: the date, in the future (WIT)."""
    message = update.effective_message
    assert message is not None
    draft = await _draft(update, context)
    if draft is None:
        return ConversationHandler.END
    today = services(context).today()
    try:
        day = parse_date(_text(message))
    except ValueError as exc:
        reason = app_texts.esc_rule(exc)
        await message.reply_text(
            texts.SOC_BAD_DATE.format(reason=reason, example=dmy(example_day(today)))
        )
        return State.SOC_DATE
    if day <= today:
        await message.reply_text(texts.SOC_PAST_DATE.format(today=format_date(today)))
        return State.SOC_DATE
    draft.day = day.isoformat()
    drafts.write(context.user_data, draft)
    await message.reply_text(texts.SOC_ASK_TIME)
    return State.SOC_TIME


@members_only(Role.TIM)
async def soc_time(update: Update, context: Context, member: Member) -> int:
    """2/4: the starting time."""
    message = update.effective_message
    assert message is not None
    draft = await _draft(update, context)
    if draft is None:
        return ConversationHandler.END
    match = _TIME.fullmatch(_text(message))
    if match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        await message.reply_text(texts.SOC_BAD_TIME)
        return State.SOC_TIME
    draft.time = f"{int(match.group(1)):02d}.{match.group(2)}"
    drafts.write(context.user_data, draft)
    await message.reply_text(texts.SOC_ASK_PLACE)
    return State.SOC_PLACE


@members_only(Role.TIM)
async def soc_place(update: Update, context: Context, member: Member) -> int:
    """3/4: the place."""
    message = update.effective_message
    assert message is not None
    draft = await _draft(update, context)
    if draft is None:
        return ConversationHandler.END
    text = _text(message)
    if not _TEXT_LENGTH[0] <= len(text) <= _TEXT_LENGTH[1]:
        await message.reply_text(app_texts.PLAN_TEXT_REQUIRED)
        return State.SOC_PLACE
    draft.place = text
    drafts.write(context.user_data, draft)
    await message.reply_text(texts.SOC_ASK_AGENDA)
    return State.SOC_AGENDA


@members_only(Role.TIM)
async def soc_agenda(update: Update, context: Context, member: Member) -> int:
    """4/4: the agenda; then the invitation draft, inviting every registered owner."""
    message = update.effective_message
    assert message is not None
    draft = await _draft(update, context)
    if draft is None:
        return ConversationHandler.END
    if not (draft.day and draft.time and draft.place):
        drafts.clear(context.user_data, InvitationDraft)
        await message.reply_text(app_texts.STALE_BUTTON)
        return ConversationHandler.END
    text = _text(message)
    if not _TEXT_LENGTH[0] <= len(text) <= _TEXT_LENGTH[1]:
        await message.reply_text(app_texts.PLAN_TEXT_REQUIRED)
        return State.SOC_AGENDA
    event = drafting.Event(
        day=date.fromisoformat(draft.day),
        time_text=texts.SOC_TIME_TEXT.format(time=draft.time),
        place=draft.place,
        agenda=text,
    )
    opening = drafting.draft_invitation(
        services(context), year=draft.year, event=event, actor_id=member.user_id
    )
    drafts.clear(context.user_data, InvitationDraft)
    await show_opening(update, context, member, opening)
    return ConversationHandler.END
