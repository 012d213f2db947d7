"""The four questions before the invitation's draft: date, time, place and agenda of the
socialisation; then the draft, inviting every registered owner."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from telegram import Update
from telegram.ext import ConversationHandler

from bot import texts as app_texts
from bot.access import Member, members_only, services
from bot.context import Context
from bot.core.dates import format_date
from bot.core.examples import dmy, example_day
from bot.core.roles import Role
from bot.letters import texts
from bot.letters.drafts import InvitationDraft
from bot.letters.handlers.flow import State, awaited_draft
from bot.letters.handlers.opening import show_opening
from bot.letters.usecases import drafting
from bot.planning.rules.values import parse_date
from bot.ui import drafts
from bot.ui.chat import remember_step

_TIME = re.compile(r"(\d{1,2})[.:](\d{2})(?:\s*WIT)?", re.IGNORECASE)
_TEXT_LENGTH = (3, 300)


class _Again(Exception):
    """The answer cannot be used; the message says why, and the question stays."""


def _read_date(text: str, today: date) -> str:
    """1/4: the date, in the future (WIT), kept as an ISO date."""
    try:
        day = parse_date(text)
    except ValueError as exc:
        reason = app_texts.esc_rule(exc)
        example = dmy(example_day(today))
        raise _Again(texts.SOC_BAD_DATE.format(reason=reason, example=example)) from None
    if day <= today:
        raise _Again(texts.SOC_PAST_DATE.format(today=format_date(today)))
    return day.isoformat()


def _read_time(text: str, today: date) -> str:
    """2/4: the starting time, kept as ``09.00``."""
    match = _TIME.fullmatch(text)
    if match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise _Again(texts.SOC_BAD_TIME)
    return f"{int(match.group(1)):02d}.{match.group(2)}"


def _read_text(text: str, today: date) -> str:
    """3/4 and 4/4: the place, the agenda."""
    if not _TEXT_LENGTH[0] <= len(text) <= _TEXT_LENGTH[1]:
        shortest, longest = _TEXT_LENGTH
        raise _Again(app_texts.TEXT_LENGTH_REQUIRED.format(shortest=shortest, longest=longest))
    return text


_READERS: dict[State, Callable[[str, date], str]] = {
    State.SOC_DATE: _read_date,
    State.SOC_TIME: _read_time,
    State.SOC_PLACE: _read_text,
    State.SOC_AGENDA: _read_text,
}
# The draft's field of each answer, the next question and its state.
_NEXT = {
    State.SOC_DATE: ("day", texts.SOC_ASK_TIME, State.SOC_TIME),
    State.SOC_TIME: ("time", texts.SOC_ASK_PLACE, State.SOC_PLACE),
    State.SOC_PLACE: ("place", texts.SOC_ASK_AGENDA, State.SOC_AGENDA),
}


async def _answer(
    update: Update, context: Context, state: State
) -> tuple[InvitationDraft, str] | int:
    """The answers so far and the answer to the question of ``state``; or, after telling
    why not, the state to go on in (the same question, or the end)."""
    message = update.effective_message
    assert message is not None
    draft = await awaited_draft(update, context, InvitationDraft)
    if draft is None:
        return ConversationHandler.END
    try:
        text = " ".join((message.text or "").split())
        return draft, _READERS[state](text, services(context).today())
    except _Again as again:
        await message.reply_text(str(again))
        return state


async def _answered(update: Update, context: Context, state: State) -> int:
    """Keep the answer to the question of ``state`` and ask the next one."""
    found = await _answer(update, context, state)
    if isinstance(found, int):
        return found
    draft, value = found
    field, ask_next, then = _NEXT[state]
    setattr(draft, field, value)
    drafts.write(context.user_data, draft)
    remember_step(context.user_data, then)
    assert update.effective_message is not None
    await update.effective_message.reply_text(ask_next)
    return then


@members_only(Role.TIM)
async def soc_date(update: Update, context: Context, member: Member) -> int:
    """1/4: the date, in the future (WIT)."""
    return await _answered(update, context, State.SOC_DATE)


@members_only(Role.TIM)
async def soc_time(update: Update, context: Context, member: Member) -> int:
    """2/4: the starting time."""
    return await _answered(update, context, State.SOC_TIME)


@members_only(Role.TIM)
async def soc_place(update: Update, context: Context, member: Member) -> int:
    """3/4: the place."""
    return await _answered(update, context, State.SOC_PLACE)


@members_only(Role.TIM)
async def soc_agenda(update: Update, context: Context, member: Member) -> int:
    """4/4: the agenda; then the invitation draft, inviting every registered owner."""
    found = await _answer(update, context, State.SOC_AGENDA)
    if isinstance(found, int):
        return found
    draft, agenda = found
    if not (draft.day and draft.time and draft.place):
        drafts.clear(context.user_data, InvitationDraft)
        assert update.effective_message is not None
        await update.effective_message.reply_text(app_texts.STALE_BUTTON)
        return ConversationHandler.END
    event = drafting.Event(
        day=date.fromisoformat(draft.day),
        time_text=texts.SOC_TIME_TEXT.format(time=draft.time),
        place=draft.place,
        agenda=agenda,
    )
    opening = drafting.draft_invitation(
        services(context), year=draft.year, event=event, actor_id=member.user_id
    )
    drafts.clear(context.user_data, InvitationDraft)
    await show_opening(update, context, member, opening)
    return ConversationHandler.END
