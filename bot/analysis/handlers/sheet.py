"""The workbook route of /analisis: the lembar analisis of a period, the filled file back
(checked, then summarised) and storing or discarding it. Nothing stored changes until the
team member presses Simpan."""

from __future__ import annotations

import asyncio
import io

from telegram import InlineKeyboardMarkup, InputFile, Update
from telegram.ext import ConversationHandler

from bot import texts as app_texts
from bot.access import Member, members_only, services
from bot.analysis import texts
from bot.analysis.callbacks import (
    ChooseIndicator,
    DiscardSheet,
    DownloadSheet,
    SaveSheet,
    UploadSheet,
)
from bot.analysis.flow import AnalysisStep, SheetUpload
from bot.analysis.handlers.browse import READERS, WRITERS
from bot.analysis.usecases.sheet import (
    SheetTarget,
    held_upload,
    hold_upload,
    preview,
    release_upload,
    sheet_target,
    store_sheet,
)
from bot.analysis.workbook.reading import SheetInput, read_analysis_sheet
from bot.analysis.workbook.writing import analysis_workbook
from bot.context import Context
from bot.planning.documents.workbook import MAX_WORKBOOK_BYTES
from bot.planning.messages import problem_lines
from bot.planning.rules.validation import Problem
from bot.services import Services
from bot.ui import drafts
from bot.ui.buttons import on_press
from bot.ui.chat import answer, button, remember_step, show
from bot.ui.keyboards import save_or_discard
from bot.ui.uploads import read_in_background, receive_workbook

END = ConversationHandler.END


def _pending(svc: Services, context: Context, upload: SheetUpload | None) -> None:
    """Make ``upload`` the pending one (None: none), releasing a file an earlier one held."""
    earlier = drafts.read(context.user_data, SheetUpload)
    if isinstance(earlier, SheetUpload) and (upload is None or earlier.token != upload.token):
        release_upload(svc, earlier.token)
    if upload is None:
        drafts.clear(context.user_data, SheetUpload)
    else:
        drafts.write(context.user_data, upload)


def _back(year: int, period_key: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[button(texts.BUTTON_BACK_LIST, ChooseIndicator(year, period_key))]]
    )


@on_press(DownloadSheet, *READERS)
async def download(
    update: Update, context: Context, member: Member, data: DownloadSheet
) -> int | None:
    """The period's lembar analisis; the team may then send it back filled."""
    await answer(update)
    svc = services(context)
    target = sheet_target(svc, data.year, data.period_key)
    if target is None:
        await show(update, app_texts.STALE_BUTTON)
        return END
    content = await asyncio.to_thread(analysis_workbook, target.content)
    writer = member.role in WRITERS
    caption = texts.SHEET_CAPTION if writer else texts.SHEET_CAPTION_HEAD
    if writer:  # stored before the sheet leaves: after a crash the filled one is still read
        _pending(svc, context, SheetUpload(data.year, data.period_key))
        remember_step(context.user_data, AnalysisStep.AWAIT_SHEET)
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_document(
        chat.id,
        document=InputFile(io.BytesIO(content), filename=target.file_name),
        caption=caption.format(period=target.scope.period.label, year=data.year),
        reply_markup=_back(data.year, data.period_key),
    )
    return AnalysisStep.AWAIT_SHEET if writer else END


@on_press(UploadSheet, *WRITERS)
async def ask_sheet(update: Update, context: Context, member: Member, data: UploadSheet) -> int:
    """Wait for a filled lembar analisis of the period."""
    await answer(update)
    target = sheet_target(services(context), data.year, data.period_key)
    if target is None:
        await show(update, app_texts.STALE_BUTTON)
        return END
    _pending(services(context), context, SheetUpload(data.year, data.period_key))
    remember_step(context.user_data, AnalysisStep.AWAIT_SHEET)
    text = texts.ASK_SHEET.format(period=target.scope.period.label, year=data.year)
    markup = InlineKeyboardMarkup(
        [
            [button(texts.BUTTON_DOWNLOAD, DownloadSheet(data.year, data.period_key))],
            [button(texts.BUTTON_BACK_LIST, ChooseIndicator(data.year, data.period_key))],
        ]
    )
    await show(update, text, markup)
    return AnalysisStep.AWAIT_SHEET


async def _read(target: SheetTarget, content: bytes) -> SheetInput | list[Problem]:
    """The workbook read against the target (in a thread: it can take a second)."""
    return await asyncio.to_thread(read_analysis_sheet, content, target.expected)


@members_only(*WRITERS)
async def receive(update: Update, context: Context, member: Member) -> int:
    """A filled lembar analisis: its problems, or a summary to confirm."""
    svc = services(context)
    upload = drafts.read(context.user_data, SheetUpload)
    target = None
    if isinstance(upload, SheetUpload):
        target = sheet_target(svc, upload.year, upload.period_key)
    if not isinstance(upload, SheetUpload) or target is None:
        await show(update, app_texts.STALE_BUTTON)
        return END
    received = await receive_workbook(update, max_bytes=MAX_WORKBOOK_BYTES, what=texts.SHEET_FILE)
    if received is None:
        return AnalysisStep.AWAIT_SHEET
    result = await read_in_background(
        received, read_analysis_sheet, received.content, target.expected
    )
    if result is None:
        return AnalysisStep.AWAIT_SHEET
    back = _back(upload.year, upload.period_key)
    if isinstance(result, list):
        lines, more = problem_lines(result)
        await received.progress.edit_text(
            texts.SHEET_PROBLEMS.format(count=len(result), lines=lines, more=more),
            reply_markup=back,
        )
        return AnalysisStep.AWAIT_SHEET
    change = preview(target, result)
    if not result.analyses and not change.recommendations and not change.replaced:
        await received.progress.edit_text(texts.SHEET_EMPTY, reply_markup=back)
        return AnalysisStep.AWAIT_SHEET
    token = hold_upload(svc, received.content)
    _pending(svc, context, SheetUpload(upload.year, upload.period_key, token))
    await received.progress.edit_text(
        texts.SHEET_SUMMARY.format(
            period=target.scope.period.label,
            year=upload.year,
            new=change.new,
            changed=change.changed,
            same=len(result.analyses) - change.new - change.changed,
            recommendations=change.recommendations,
            replaced=change.replaced,
        ),
        reply_markup=save_or_discard(SaveSheet(), DiscardSheet()),
    )
    return AnalysisStep.CONFIRM_SHEET


@on_press(DiscardSheet, *WRITERS)
async def discard(update: Update, context: Context, member: Member, data: DiscardSheet) -> int:
    """Throw the checked sheet away; nothing was stored."""
    await answer(update)
    upload = drafts.read(context.user_data, SheetUpload)
    _pending(services(context), context, None)
    markup = _back(upload.year, upload.period_key) if isinstance(upload, SheetUpload) else None
    await show(update, texts.SHEET_DISCARDED, markup)
    return END


@on_press(SaveSheet, *WRITERS)
async def save(update: Update, context: Context, member: Member, data: SaveSheet) -> int:
    """Store the checked sheet: analyses written, undecided recommendations replaced."""
    await answer(update)
    svc = services(context)
    upload = drafts.read(context.user_data, SheetUpload)
    if not isinstance(upload, SheetUpload) or not upload.token:
        await show(update, app_texts.PLAN_PENDING_GONE)
        return END
    try:
        target = sheet_target(svc, upload.year, upload.period_key)
        content = held_upload(svc, upload.token)
        result = None
        if target is not None and content is not None:
            result = await _read(target, content)
        stored = None
        if isinstance(result, SheetInput) and target is not None and content is not None:
            stored = store_sheet(
                svc, actor_id=member.user_id, target=target, sheet=result, content=content
            )
    finally:
        _pending(svc, context, None)
    if stored is None:
        await show(update, app_texts.PLAN_PENDING_GONE)
        return END
    text = texts.SHEET_SAVED.format(
        period=stored.period_label,
        year=stored.year,
        analyses=stored.analyses,
        recommendations=stored.recommendations,
    )
    await show(update, text, _back(upload.year, upload.period_key))
    return END
