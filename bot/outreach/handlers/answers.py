"""What owners press under the letters they received: "Sudah diterima", Hadir / Diwakilkan /
Tidak hadir (the last two ask for a name or a reason: the "rsvp" conversation), and
"Saya hadir" on the day. These sit in owners' chats for weeks; a press that is not the
owner's own copy gets one short answer and changes nothing."""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum
from typing import Protocol

from telegram import Update
from telegram.ext import ConversationHandler

from bot import texts as app_texts
from bot.access import Member, members_only, services
from bot.context import Context
from bot.letters.handlers.flow import awaited_draft
from bot.outreach import texts
from bot.outreach.callbacks import Acknowledge, Present, Rsvp, RsvpAnswer
from bot.outreach.drafts import RsvpDraft
from bot.outreach.usecases.answers import (
    Answered,
    acknowledge,
    answer_invitation,
    mark_present,
    may_answer,
)
from bot.services import Services
from bot.ui import drafts
from bot.ui.chat import answer, remember_step

_NOTE_LENGTH = (3, 300)
_ANSWERED = {
    Answered.RECORDED: texts.LETTER_ACK_THANKS,
    Answered.ALREADY: texts.LETTER_ACK_ALREADY,
    Answered.NOT_YOURS: texts.LETTER_NOT_YOURS,
}
_PRESENT = {
    Answered.RECORDED: texts.SOC_PRESENT_SAVED,
    Answered.CLOSED: texts.SOC_WINDOW_CLOSED,
    Answered.NOT_YOURS: texts.LETTER_NOT_YOURS,
}


class _Record(Protocol):
    def __call__(self, svc: Services, *, user_id: int, item_id: int) -> Answered: ...


class RsvpState(IntEnum):
    """Where the "rsvp" conversation waits (drawn in bot/outreach/rsvp.mmd)."""

    NOTE = 0


def _data(update: Update) -> str | None:
    return update.callback_query.data if update.callback_query is not None else None


async def _tell(update: Update, context: Context, text: str) -> None:
    """A message under the letter (the letter itself, a document, stays as it is)."""
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_message(chat.id, text)


async def _pressed(
    update: Update,
    context: Context,
    member: Member,
    record: _Record,
    action: type[Acknowledge] | type[Present],
    said: Mapping[Answered, str],
) -> None:
    """A one-tap answer under a copy, recorded by ``record``, answered in a short alert."""
    data = action.decode(_data(update))
    result = Answered.NOT_YOURS
    if data is not None:
        result = record(services(context), user_id=member.user_id, item_id=data.item_id)
    await answer(update, said[result])


@members_only()
async def acknowledged(update: Update, context: Context, member: Member) -> None:
    """ "Sudah diterima" under a circular: recorded once."""
    await _pressed(update, context, member, acknowledge, Acknowledge, _ANSWERED)


@members_only()
async def present(update: Update, context: Context, member: Member) -> None:
    """ "Saya hadir" while the attendance window is open."""
    await _pressed(update, context, member, mark_present, Present, _PRESENT)


async def _save(
    update: Update, context: Context, member: Member, draft: RsvpDraft, note: str
) -> int:
    result = answer_invitation(
        services(context),
        user_id=member.user_id,
        item_id=draft.item_id,
        answer=RsvpAnswer(draft.answer),
        note=note,
    )
    if result is not Answered.RECORDED:
        await _tell(update, context, texts.LETTER_NOT_YOURS)
        return ConversationHandler.END
    label = texts.SOC_RSVP_LABELS[RsvpAnswer(draft.answer)]
    shown_note = texts.SOC_RSVP_NOTE.format(note=app_texts.esc(note)) if note else ""
    await _tell(update, context, texts.SOC_RSVP_SAVED.format(answer=label, note=shown_note))
    return ConversationHandler.END


@members_only()
async def rsvp(update: Update, context: Context, member: Member) -> int:
    """Hadir / Diwakilkan / Tidak hadir under the invitation; the latter two ask a note."""
    data = Rsvp.decode(_data(update))
    svc = services(context)
    if data is None or not may_answer(svc, user_id=member.user_id, item_id=data.item_id):
        await answer(update, texts.LETTER_NOT_YOURS)
        return ConversationHandler.END
    await answer(update)
    draft = RsvpDraft(item_id=data.item_id, answer=data.answer.value)
    if data.answer is RsvpAnswer.PRESENT:
        return await _save(update, context, member, draft, "")
    drafts.write(context.user_data, draft)
    remember_step(context.user_data, RsvpState.NOTE)
    represented = data.answer is RsvpAnswer.REPRESENTED
    await _tell(update, context, texts.SOC_ASK_DELEGATE if represented else texts.SOC_ASK_REASON)
    return RsvpState.NOTE


@members_only()
async def rsvp_note(update: Update, context: Context, member: Member) -> int:
    """The representative's name, or the reason for not coming."""
    message = update.effective_message
    assert message is not None
    draft = await awaited_draft(update, context, RsvpDraft)
    if draft is None:
        return ConversationHandler.END
    if draft.answer not in tuple(RsvpAnswer):  # not one this version writes
        drafts.clear(context.user_data, RsvpDraft)
        await message.reply_text(app_texts.DRAFT_DROPPED)
        return ConversationHandler.END
    text = " ".join((message.text or "").split())
    if not _NOTE_LENGTH[0] <= len(text) <= _NOTE_LENGTH[1]:
        shortest, longest = _NOTE_LENGTH
        await message.reply_text(
            app_texts.TEXT_LENGTH_REQUIRED.format(shortest=shortest, longest=longest)
        )
        return RsvpState.NOTE
    drafts.clear(context.user_data, RsvpDraft)
    return await _save(update, context, member, draft, text)
