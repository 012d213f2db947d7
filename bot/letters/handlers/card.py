"""A letter's card: its state, what it says, how it went out, and the next step with its
buttons, for the person looking at it; and its PDF."""

from __future__ import annotations

import io

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update

from bot import texts as app_texts
from bot.access import Member, services
from bot.approvals.callbacks import ShowRequest
from bot.context import Context
from bot.core.dates import format_date
from bot.core.roles import Role
from bot.letters import texts
from bot.letters.callbacks import (
    ChoosePart,
    GoToLetter,
    OpenReport,
    Preview,
    ShowCard,
    Submit,
)
from bot.letters.documents import CircularContent, InvitationContent, LetterContent
from bot.letters.kinds import LetterKind, LetterStatus
from bot.letters.usecases import drafting, pdfs
from bot.letters.usecases.views import LetterCard, LetterView
from bot.outreach import card as outreach
from bot.ui.buttons import on_press
from bot.ui.chat import answer, button, show

TEAM = (Role.KEPALA, Role.TIM)


def detail(content: LetterContent) -> str:
    """The line that tells a letter from another of its kind: its subject, its event."""
    if isinstance(content, CircularContent):
        return app_texts.esc(content.tentang)
    if isinstance(content, InvitationContent):
        return texts.SOC_DETAIL.format(
            when=format_date(content.day),
            time=app_texts.esc(content.time_text),
            place=app_texts.esc(content.place),
            agenda=app_texts.esc(content.agenda),
        )
    return app_texts.esc(content.title)


def _next_step(letter: LetterView, member: Member) -> str:
    """What happens next with this letter, for this person."""
    head = member.role is Role.KEPALA
    if letter.status is LetterStatus.DRAFT:
        return texts.LETTER_NEXT_DRAFT_HEAD if head else texts.LETTER_NEXT_DRAFT_TEAM
    if letter.status is LetterStatus.AWAITING:
        return texts.LETTER_NEXT_AWAITING_HEAD if head else texts.LETTER_NEXT_AWAITING_TEAM
    if letter.kind is LetterKind.CIRCULAR:
        return texts.LETTER_NEXT_CIRCULAR_SIGNED
    if letter.kind is LetterKind.REPORT:
        return texts.LETTER_NEXT_REPORT_SIGNED
    return ""


def card_text(context: Context, card: LetterCard, member: Member) -> str:
    letter = card.letter
    text = texts.LETTER_CARD.format(
        name=texts.LETTER_KIND_NAMES[letter.kind],
        year=letter.year,
        status=texts.LETTER_STATUS[letter.status],
        number=texts.LETTER_NUMBER.format(number=app_texts.esc(letter.number))
        if letter.number
        else "",
        detail=detail(letter.content),
    )
    if card.delivery is not None:
        text += outreach.circular_tally(card.delivery)
    if card.responses is not None:
        text += outreach.invitation_tally(card.responses, services(context).profile.timezone)
    return text + _next_step(letter, member)


def card_markup(card: LetterCard, member: Member) -> InlineKeyboardMarkup:
    letter = card.letter
    team, signed = member.role in TEAM, letter.signed
    rows = [[button(texts.LETTER_BUTTON_PREVIEW, Preview(letter.id))]]
    if team and letter.status is LetterStatus.DRAFT:
        rows.append([button(texts.LETTER_BUTTON_EDIT, ChoosePart(letter.id))])
        if member.role is Role.TIM:
            rows.append([button(texts.LETTER_BUTTON_SUBMIT, Submit(letter.id))])
    if team and card.delivery is not None:
        rows.extend(outreach.invite_rows(card.delivery))
    if card.sign_request_id is not None and member.role is Role.KEPALA:
        data = ShowRequest(request_id=card.sign_request_id)
        rows.append([button(texts.LETTER_BUTTON_SIGN_REQUEST, data)])
    if letter.kind is LetterKind.CIRCULAR and signed:
        invitation = GoToLetter(LetterKind.INVITATION, letter.year)
        rows.append([button(texts.LETTER_BUTTON_SOCIALISATION, invitation)])
    if letter.kind is LetterKind.INVITATION and signed and team:
        rows.extend(outreach.socialisation_rows(letter.id, attendance_open=letter.attendance_open))
        rows.append([button(texts.SOC_BUTTON_REPORT, OpenReport(letter.id))])
    rows.append([button(texts.LETTER_BUTTON_REFRESH, ShowCard(letter.id))])
    return InlineKeyboardMarkup(rows)


def back_to_card(letter_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[back_button(letter_id)]])


def back_button(letter_id: int) -> InlineKeyboardButton:
    return button(texts.LETTER_BUTTON_CARD, ShowCard(letter_id))


async def show_card(
    update: Update, context: Context, member: Member, card: LetterCard, note: str = ""
) -> None:
    text = card_text(context, card, member)
    await show(update, f"{note}\n\n{text}" if note else text, card_markup(card, member))


async def show_letter(update: Update, context: Context, member: Member, letter_id: int) -> None:
    """The card of ``letter_id`` as it is now (a stale button when it is gone)."""
    card = drafting.card_of(services(context), letter_id=letter_id)
    if card is None:
        await show(update, app_texts.STALE_BUTTON)
        return
    await show_card(update, context, member, card)


@on_press(ShowCard, *TEAM)
async def card_pressed(update: Update, context: Context, member: Member, data: ShowCard) -> None:
    """ "Perbarui", "Kembali ke surat": the card as it is now."""
    await answer(update)
    await show_letter(update, context, member, data.letter_id)


@on_press(Preview, *TEAM)
async def preview_pressed(update: Update, context: Context, member: Member, data: Preview) -> None:
    """ "Pratinjau PDF": the draft marked DRAF, or the signed letter as archived."""
    await answer(update)
    found = await pdfs.preview(services(context), letter_id=data.letter_id)
    if found is None:
        await show(update, app_texts.STALE_BUTTON)
        return
    name = texts.LETTER_KIND_NAMES[found.kind]
    caption = (
        texts.LETTER_NUMBER.format(number=app_texts.esc(found.number)).strip()
        if found.signed
        else texts.LETTER_PREVIEW_CAPTION.format(name=name)
    )
    await send_pdf(update, context, found, caption)


async def send_pdf(update: Update, context: Context, found: pdfs.LetterFile, caption: str) -> None:
    chat = update.effective_chat
    assert chat is not None
    document = InputFile(io.BytesIO(found.content), filename=found.file_name)
    await context.bot.send_document(chat.id, document=document, caption=caption)
