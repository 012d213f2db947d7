"""The workbook round-trip: wait for the filled plan workbook, check it all, show the
changes, and save or discard them. The file waits server-side, not in the chat's memory."""

from __future__ import annotations

import asyncio

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ConversationHandler

from bot import texts as app_texts
from bot.access import Member, members_only, services
from bot.context import Context
from bot.planning import messages, texts, usecases
from bot.planning.callbacks import AskUpload, DiscardUpload, SaveUpload
from bot.planning.documents.workbook import MAX_WORKBOOK_BYTES, read_plan_workbook
from bot.planning.drafts import PendingUpload, UploadFor
from bot.planning.handlers.common import EDITORS, State, answer_for_year, back_to_menu, chosen_year
from bot.planning.handlers.menu import forget_edits
from bot.planning.rules.changes import diff
from bot.planning.rules.model import Plan
from bot.sop.cycles import plannable_years
from bot.ui import drafts, uploads
from bot.ui.buttons import on_press
from bot.ui.chat import answer, button, remember_step, show

END = ConversationHandler.END


@on_press(AskUpload, *EDITORS, stale=State.MENU)
async def ask_upload(update: Update, context: Context, member: Member, data: AskUpload) -> State:
    """The upload button: wait for the filled workbook of the button's year."""
    if not await answer_for_year(update, context, data.year):
        return State.MENU
    drafts.write(context.user_data, UploadFor(data.year))
    remember_step(context.user_data, State.AWAIT_UPLOAD)
    await show(update, texts.PLAN_ASK_UPLOAD_YEAR.format(year=data.year))
    return State.AWAIT_UPLOAD


async def _upload_year(update: Update, context: Context) -> int | None:
    """The year the upload is for (None after saying an old draft was dropped)."""
    asked = drafts.read(context.user_data, UploadFor)
    if asked is drafts.DROPPED:
        await show(update, app_texts.DRAFT_DROPPED)
        return None
    return asked.year if asked is not None else chosen_year(services(context), context)


@members_only(*EDITORS)
async def receive_workbook(update: Update, context: Context, member: Member) -> int:
    """A document while waiting for the workbook: check it all, then show the changes."""
    year = await _upload_year(update, context)
    if year is None:
        return END
    received = await uploads.receive_workbook(
        update, max_bytes=MAX_WORKBOOK_BYTES, what=texts.PLAN_WORKBOOK_FILE
    )
    if received is None:
        return State.AWAIT_UPLOAD
    svc = services(context)
    # Reading a workbook takes up to a second: keep the bot answering others meanwhile.
    result = await uploads.read_in_background(
        received, read_plan_workbook, received.content, year=year
    )
    if result is None:
        return State.AWAIT_UPLOAD
    if not isinstance(result, Plan):
        lines, more = messages.problem_lines(result)
        await received.progress.edit_text(
            texts.PLAN_UPLOAD_PROBLEMS.format(count=len(result), lines=lines, more=more)
        )
        return State.AWAIT_UPLOAD
    changes = diff(usecases.current_plan(svc, year=year).plan, result)
    if not changes:
        drafts.clear(context.user_data, UploadFor)
        await received.progress.edit_text(texts.PLAN_UPLOAD_NO_CHANGES)
        return END
    token = usecases.hold_upload(svc, received.content)
    drafts.write(context.user_data, PendingUpload(year, token, received.file_name))
    markup = InlineKeyboardMarkup(
        [
            [
                button(app_texts.PLAN_BUTTON_SAVE, SaveUpload(year)),
                button(app_texts.PLAN_BUTTON_DISCARD, DiscardUpload(year)),
            ]
        ]
    )
    summary = texts.PLAN_UPLOAD_SUMMARY.format(lines=messages.change_lines(changes))
    await received.progress.edit_text(summary, reply_markup=markup)
    return State.CONFIRM_UPLOAD


@members_only(*EDITORS)
async def not_a_document(update: Update, context: Context, member: Member) -> State:
    """Text while a workbook is awaited."""
    if update.effective_message is not None:
        await update.effective_message.reply_text(texts.PLAN_ASK_UPLOAD)
    return State.AWAIT_UPLOAD


async def _pending(update: Update, context: Context) -> PendingUpload | None:
    """The held upload, taken out of the person's draft (None after saying it is gone)."""
    pending = drafts.read(context.user_data, PendingUpload)
    drafts.clear(context.user_data, PendingUpload)
    drafts.clear(context.user_data, UploadFor)
    if pending is None or pending is drafts.DROPPED:
        gone = app_texts.DRAFT_DROPPED if pending is drafts.DROPPED else app_texts.PLAN_PENDING_GONE
        await show(update, gone)
        return None
    return pending


@on_press(SaveUpload, *EDITORS, stale=State.MENU)
async def save_upload(update: Update, context: Context, member: Member, data: SaveUpload) -> int:
    """Simpan under the summary: read the held workbook again and save it as the draft."""
    await answer(update)
    pending = await _pending(update, context)
    if pending is None:
        return END
    svc = services(context)
    content = usecases.held_upload(svc, pending.token)
    if content is None or pending.year not in plannable_years(svc):
        usecases.release_upload(svc, pending.token)
        await show(update, app_texts.PLAN_PENDING_GONE)
        return END
    result = await asyncio.to_thread(read_plan_workbook, content, year=pending.year)
    if not isinstance(result, Plan):
        usecases.release_upload(svc, pending.token)
        await show(update, app_texts.PLAN_PENDING_GONE)
        return END
    upload = usecases.Upload(content, pending.file_name)
    saved = usecases.save_plan(svc, plan=result, actor_id=member.user_id, upload=upload)
    usecases.release_upload(svc, pending.token)
    await show(update, messages.saved_text(saved), back_to_menu(pending.year))
    return END


@on_press(DiscardUpload, *EDITORS, stale=State.MENU)
async def discard_upload(
    update: Update, context: Context, member: Member, data: DiscardUpload
) -> int:
    """Batal under the summary: nothing is stored."""
    await answer(update)
    pending = await _pending(update, context)
    if pending is None:
        return END
    usecases.release_upload(services(context), pending.token)
    await show(update, app_texts.PLAN_DISCARDED)
    return END


@members_only()
async def cancel(update: Update, context: Context, member: Member) -> int:
    """/batal inside /rencana: drop half-typed edits and a pending upload."""
    pending = drafts.read(context.user_data, PendingUpload)
    if isinstance(pending, PendingUpload):
        usecases.release_upload(services(context), pending.token)
    drafts.clear(context.user_data, PendingUpload)
    drafts.clear(context.user_data, UploadFor)
    forget_edits(context)
    if update.effective_message is not None:
        await update.effective_message.reply_text(texts.PLAN_EDIT_CANCELLED)
    return END
