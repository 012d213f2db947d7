"""Replacing the parts of a draft letter one at a time, and submitting it for signature."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ConversationHandler

from bot import texts as app_texts
from bot.access import Member, members_only, services
from bot.approvals import handlers as approval_ui
from bot.approvals.copies import Filing
from bot.approvals.rules import Option
from bot.context import Context
from bot.core.dates import format_datetime
from bot.core.labels import fit
from bot.core.roles import Role
from bot.letters import texts
from bot.letters.callbacks import ChoosePart, EditPart, ShowCard, Submit
from bot.letters.drafts import PartDraft
from bot.letters.handlers.card import TEAM, back_to_card, card_markup, detail
from bot.letters.handlers.flow import State, awaited_draft
from bot.letters.parts import part_label, parts
from bot.letters.usecases import drafting, pdfs
from bot.letters.usecases.drafting import PartToEdit, Refusal
from bot.letters.usecases.views import LetterView
from bot.ui import drafts
from bot.ui.buttons import on_press
from bot.ui.chat import answer, button, remember_step, show

SIGN = Option("approve", texts.LETTER_OPTION_SIGN, done_label=texts.LETTER_OPTION_SIGN_DONE)
REJECT = Option(
    "changes",
    texts.LETTER_OPTION_REJECT,
    needs_comment=True,
    done_label=texts.LETTER_OPTION_REJECT_DONE,
)
# The lettered items of a list sit two to a row.
_PAIRED = ("legal_basis", "point")


def _parts_markup(letter: LetterView) -> InlineKeyboardMarkup:
    """One button per part; the lettered items of a list two to a row."""
    rows: list[list[Any]] = []
    for part in parts(letter.content):
        pressed = button(part_label(letter.kind, part), EditPart(letter.id, part.key))
        if part.name in _PAIRED and part.number % 2 == 0 and rows:
            rows[-1].append(pressed)
        else:
            rows.append([pressed])
    rows.append([button(app_texts.BUTTON_BACK, ShowCard(letter.id))])
    return InlineKeyboardMarkup(rows)


async def _refuse(update: Update, context: Context, refusal: Refusal, letter_id: int) -> int:
    """A letter that is gone (a stale button), or no longer a draft."""
    if refusal is Refusal.GONE:
        await show(update, app_texts.STALE_BUTTON)
        return ConversationHandler.END
    card = drafting.card_of(services(context), letter_id=letter_id)
    assert card is not None
    status = texts.LETTER_STATUS[card.letter.status]
    name = texts.LETTER_KIND_NAMES[card.letter.kind]
    text = texts.LETTER_NOT_DRAFT.format(name=name, status=status)
    await show(update, text, back_to_card(letter_id))
    return ConversationHandler.END


@on_press(ChoosePart, *TEAM, stale=ConversationHandler.END)
async def choose_part(
    update: Update, context: Context, member: Member, data: ChoosePart
) -> int | None:
    """ "Ganti paragraf": which part of the draft."""
    await answer(update)
    found = drafting.part_to_edit(services(context), letter_id=data.letter_id)
    if not isinstance(found, PartToEdit):
        return await _refuse(update, context, found, data.letter_id)
    await show(update, texts.LETTER_CHOOSE_SECTION, _parts_markup(found.letter))
    return None


@on_press(EditPart, *TEAM, stale=ConversationHandler.END)
async def edit_part(update: Update, context: Context, member: Member, data: EditPart) -> int:
    """A part was chosen: its current text, and the new one is awaited."""
    await answer(update)
    svc = services(context)
    found = drafting.part_to_edit(svc, letter_id=data.letter_id, part_key=data.part)
    if not isinstance(found, PartToEdit) or found.part is None:
        refusal = found if isinstance(found, Refusal) else Refusal.GONE
        return await _refuse(update, context, refusal, data.letter_id)
    part = found.part
    drafts.write(context.user_data, PartDraft(letter_id=data.letter_id, part=part.key))
    hint = ""
    if part.is_list:
        hint = texts.LETTER_ASK_COPIES_HINT if part.name == "copies" else texts.LETTER_ASK_LIST_HINT
    current = app_texts.esc(fit(part.text, 800)) if part.text else texts.LETTER_EMPTY_PART
    label = app_texts.esc(part_label(found.letter.kind, part))
    remember_step(context.user_data, State.PART_TEXT)
    await show(update, texts.LETTER_ASK_SECTION.format(section=label, hint=hint, current=current))
    return State.PART_TEXT


@members_only(*TEAM)
async def part_text(update: Update, context: Context, member: Member) -> int:
    """The new text of the chosen part."""
    message = update.effective_message
    assert message is not None
    draft = await awaited_draft(update, context, PartDraft)
    if draft is None:
        return ConversationHandler.END
    try:
        result = drafting.replace_part(
            services(context),
            letter_id=draft.letter_id,
            part_key=draft.part,
            text=(message.text or "").strip(),
            actor_id=member.user_id,
        )
    except ValueError as exc:
        await message.reply_text(texts.LETTER_BAD_TEXT.format(reason=app_texts.esc_rule(exc)))
        return State.PART_TEXT
    drafts.clear(context.user_data, PartDraft)
    if isinstance(result, Refusal):
        await message.reply_text(app_texts.STALE_BUTTON)
        return ConversationHandler.END
    label = app_texts.esc(part_label(result.card.letter.kind, result.part))
    await message.reply_text(
        texts.LETTER_SECTION_SAVED.format(section=label),
        reply_markup=card_markup(result.card, member),
    )
    return ConversationHandler.END


@on_press(Submit, Role.TIM, stale=ConversationHandler.END)
async def submit(update: Update, context: Context, member: Member, data: Submit) -> int:
    """ "Ajukan tanda tangan": the draft goes to the head, with its PDF."""
    await answer(update)
    svc = services(context)
    letter = drafting.submit_for_signature(svc, letter_id=data.letter_id)
    if isinstance(letter, Refusal):
        return await _refuse(update, context, letter, data.letter_id)
    pdf = await pdfs.draft_pdf(svc, letter)
    name = texts.LETTER_KIND_NAMES[letter.kind]
    summary = texts.LETTER_APPROVAL_SUMMARY.format(
        name=name,
        by=app_texts.esc(member.full_name),
        when=format_datetime(svc.now(), svc.profile.timezone),
        detail=detail(letter.content),
    )
    caption = texts.LETTER_PREVIEW_CAPTION.format(name=name)
    await approval_ui.send_request(
        context,
        kind=letter.kind.approval_kind,
        subject_id=letter.id,
        title=name,
        summary=summary,
        options=[SIGN, REJECT],
        requested_by=member,
        attachments=[(pdf.content, pdf.file_name, caption)],
        filing=Filing(letter.cycle_id, int(letter.kind.step)),
    )
    await show(update, texts.LETTER_SUBMITTED.format(name=name), back_to_card(letter.id))
    return ConversationHandler.END
