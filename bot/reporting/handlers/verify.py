"""/verifikasi: the team goes through the waiting reports as cards, sees their evidence,
accepts them or returns them with a note; the owner is told either way."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ConversationHandler

from bot import texts as app_texts
from bot.access import Member, members_only, services
from bot.context import Context
from bot.core.dates import format_datetime
from bot.reporting import render, texts
from bot.reporting.callbacks import AcceptReport, NextReport, ReturnReport, ShowEvidence
from bot.reporting.flow import ReturnNote, VerifyStep
from bot.reporting.handlers import TEAM, read_draft
from bot.reporting.usecases.verification import (
    AlreadyDecided,
    Card,
    decision_of,
    evidence_files,
    is_waiting,
    verification_card,
    verify_report,
)
from bot.services import Services
from bot.ui import drafts
from bot.ui.buttons import on_press
from bot.ui.chat import answer, button, show

END = ConversationHandler.END


def _card_buttons(card: Card) -> InlineKeyboardMarkup:
    rows = [
        [
            button(texts.VERIFY_BUTTON_ACCEPT, AcceptReport(card.submission_id)),
            button(texts.VERIFY_BUTTON_RETURN, ReturnReport(card.submission_id)),
        ],
        [button(texts.VERIFY_BUTTON_EVIDENCE, ShowEvidence(card.submission_id))],
    ]
    if card.count > 1:
        rows.append([button(texts.VERIFY_BUTTON_NEXT, NextReport(card.position % card.count + 1))])
    return InlineKeyboardMarkup(rows)


async def _show_queue(update: Update, svc: Services, position: int, note: str = "") -> None:
    """The card at ``position`` of the reports waiting in every open cycle, under ``note``."""
    card = verification_card(svc, position=position)
    if card is None:
        await show(update, f"{note}\n\n{texts.VERIFY_EMPTY}" if note else texts.VERIFY_EMPTY)
        return
    text = render.card_text(card, svc.profile.timezone)
    await show(update, f"{note}\n\n{text}" if note else text, _card_buttons(card))


@members_only(*TEAM)
async def verify_queue(update: Update, context: Context, member: Member) -> int:
    """/verifikasi: the oldest waiting report."""
    await _show_queue(update, services(context), 1)
    return END


@on_press(NextReport, *TEAM)
async def next_report(update: Update, context: Context, member: Member, data: NextReport) -> None:
    """The next card of the queue."""
    await answer(update)
    await _show_queue(update, services(context), data.position)


@on_press(ShowEvidence, *TEAM)
async def show_evidence(
    update: Update, context: Context, member: Member, data: ShowEvidence
) -> int | None:
    """The report's evidence files, sent into the chat."""
    await answer(update)
    svc = services(context)
    files = evidence_files(svc, submission_id=data.submission_id)
    if files is None:
        await _show_queue(update, svc, 1, texts.VERIFY_GONE)
        return END
    chat = update.effective_chat
    assert chat is not None
    for found in files:
        document = found.telegram_file_id or found.content
        assert document is not None
        await context.bot.send_document(chat.id, document=document, filename=found.file_name)
    return None


@on_press(AcceptReport, *TEAM)
async def accept(update: Update, context: Context, member: Member, data: AcceptReport) -> int:
    """Accept the report; the owner is told."""
    await answer(update)
    await _decide(update, context, member, data.submission_id, accept=True, note="")
    return END


@on_press(ReturnReport, *TEAM)
async def ask_note(update: Update, context: Context, member: Member, data: ReturnReport) -> int:
    """Returning a report needs a note for its owner: ask it."""
    await answer(update)
    svc = services(context)
    if not is_waiting(svc, submission_id=data.submission_id):
        decided = decision_of(svc, submission_id=data.submission_id)
        await _show_queue(update, svc, 1, _gone(svc, decided))
        return END
    drafts.write(context.user_data, ReturnNote(data.submission_id))
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_message(chat.id, texts.VERIFY_ASK_NOTE)
    return VerifyStep.AWAIT_NOTE


@members_only(*TEAM)
async def verify_note(update: Update, context: Context, member: Member) -> int:
    """The note a returned report needs."""
    assert update.effective_message is not None
    text = " ".join((update.effective_message.text or "").split())
    if not 3 <= len(text) <= 1000:
        await update.effective_message.reply_text(app_texts.APPROVAL_COMMENT_TOO_SHORT)
        return VerifyStep.AWAIT_NOTE
    returning = await read_draft(update, context, ReturnNote, missing=app_texts.STALE_BUTTON)
    drafts.clear(context.user_data, ReturnNote)
    if returning is None:
        return END
    await _decide(update, context, member, returning.submission_id, accept=False, note=text)
    return END


@members_only(*TEAM)
async def verify_cancel(update: Update, context: Context, member: Member) -> int:
    """/batal while writing a return note."""
    drafts.clear(context.user_data, ReturnNote)
    await show(update, app_texts.CANCELLED)
    return END


async def _decide(
    update: Update, context: Context, member: Member, submission_id: int, *, accept: bool, note: str
) -> None:
    svc = services(context)
    done = verify_report(
        svc, verifier_id=member.user_id, submission_id=submission_id, accept=accept, note=note
    )
    if done is None or isinstance(done, AlreadyDecided):
        await _show_queue(update, svc, 1, _gone(svc, done))
        return
    await _show_queue(update, svc, 1, texts.VERIFY_ACCEPTED if accept else texts.VERIFY_RETURNED)


def _gone(svc: Services, decided: AlreadyDecided | None) -> str:
    """Why a report no longer waits: who decided it first, or that it was replaced."""
    if decided is None:
        return texts.VERIFY_GONE
    first = texts.VERIFY_ALREADY_ACCEPTED if decided.accepted else texts.VERIFY_ALREADY_RETURNED
    when = format_datetime(decided.at, svc.profile.timezone)
    return first.format(name=app_texts.esc(decided.by), when=when)
