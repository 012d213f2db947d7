"""The workbook route of /lapor: the unit's Template Data Kinerja for a period, the filled
file back (checked, then summarised), and sending or discarding it."""

from __future__ import annotations

import asyncio
import functools
import io
from collections.abc import Callable

from telegram import InlineKeyboardMarkup, InputFile, Update
from telegram.ext import ConversationHandler

from bot import texts as app_texts
from bot.access import Member, members_only, services
from bot.context import Context
from bot.core.roles import Role
from bot.planning.documents.data_template import performance_data_template
from bot.planning.documents.workbook import MAX_WORKBOOK_BYTES
from bot.planning.messages import problem_lines
from bot.planning.rules.validation import Problem
from bot.reporting import render, texts
from bot.reporting.callbacks import DataTemplate, DiscardWorkbook, SendWorkbook
from bot.reporting.flow import ReportRoute, ReportStep, WorkbookUpload
from bot.reporting.handlers import read_draft
from bot.reporting.usecases.upload import (
    WorkbookSent,
    WorkbookTarget,
    held_upload,
    hold_upload,
    release_upload,
    submit_workbook,
    workbook_target,
)
from bot.reporting.workbook import DataReport, read_data_template
from bot.services import Services
from bot.ui import drafts
from bot.ui.buttons import on_press
from bot.ui.chat import answer, button, show
from bot.ui.uploads import read_in_background, receive_workbook

END = ConversationHandler.END


def _pending(svc: Services, context: Context, upload: WorkbookUpload | None) -> None:
    """Make ``upload`` the person's pending upload (None: none), releasing the file an
    earlier one held."""
    earlier = drafts.read(context.user_data, WorkbookUpload)
    if isinstance(earlier, WorkbookUpload) and (upload is None or earlier.token != upload.token):
        release_upload(svc, earlier.token)
    if upload is None:
        drafts.clear(context.user_data, WorkbookUpload)
    else:
        drafts.write(context.user_data, upload)
        drafts.write(context.user_data, ReportRoute(workbook=True))


@on_press(DataTemplate, Role.PJ)
async def send_template(
    update: Update, context: Context, member: Member, data: DataTemplate
) -> int | None:
    """The Template Data Kinerja of the owner's unit and the period, pre-filled with packages."""
    await answer(update)
    svc = services(context)
    target = workbook_target(
        svc, unit_id=member.unit_id, year=data.year, period_key=data.period_key
    )
    if target is None:
        await show(update, app_texts.STALE_BUTTON)
        return END
    content = await asyncio.to_thread(
        performance_data_template,
        target.plan,
        unit_name=member.unit_name,
        period_label=target.period.label,
        packages=target.packages,
    )
    # Stored before the template leaves: after a crash the filled file is still taken.
    _pending(svc, context, WorkbookUpload(target.year, target.period.key))
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_document(
        chat.id,
        document=InputFile(io.BytesIO(content), filename=target.file_name),
        caption=texts.REPORT_TEMPLATE_CAPTION.format(
            unit=app_texts.esc(member.unit_name or "-"),
            period=render.period_label(target.year, target.period),
        ),
    )
    return ReportStep.AWAIT_WORKBOOK


def _reader(
    target: WorkbookTarget, member: Member
) -> Callable[[bytes], DataReport | list[Problem]]:
    """Reads a workbook against the target's period."""
    return functools.partial(
        read_data_template,
        plan=target.plan,
        period=target.period,
        unit_name=member.unit_name or "",
        known_kode_rup=target.known_kode_rup,
    )


async def _read(
    target: WorkbookTarget, member: Member, content: bytes
) -> DataReport | list[Problem]:
    """The workbook read against the target's period (in a thread: it can take seconds)."""
    return await asyncio.to_thread(_reader(target, member), content)


@members_only(Role.PJ)
async def receive(update: Update, context: Context, member: Member) -> int:
    """A filled Template Data Kinerja: its problems, or a summary to send."""
    svc = services(context)
    upload = await read_draft(update, context, WorkbookUpload, missing=app_texts.STALE_BUTTON)
    if upload is None:
        return END
    target = workbook_target(
        svc, unit_id=member.unit_id, year=upload.year, period_key=upload.period_key
    )
    if target is None:
        await show(update, app_texts.STALE_BUTTON)
        return END
    received = await receive_workbook(
        update, max_bytes=MAX_WORKBOOK_BYTES, what=texts.REPORT_WORKBOOK_FILE
    )
    if received is None:
        return ReportStep.AWAIT_WORKBOOK
    result = await read_in_background(received, _reader(target, member), received.content)
    if result is None:
        return ReportStep.AWAIT_WORKBOOK
    if isinstance(result, list):
        lines, more = problem_lines(result)
        await received.progress.edit_text(
            texts.REPORT_WORKBOOK_PROBLEMS.format(count=len(result), lines=lines, more=more)
        )
        return ReportStep.AWAIT_WORKBOOK
    if not any(p.values for p in result.packages):
        await received.progress.edit_text(texts.REPORT_WORKBOOK_EMPTY)
        return ReportStep.AWAIT_WORKBOOK
    token = hold_upload(svc, received.content)
    _pending(svc, context, WorkbookUpload(upload.year, upload.period_key, token))
    choices = [
        button(texts.REPORT_BUTTON_SEND, SendWorkbook()),
        button(app_texts.PLAN_BUTTON_DISCARD, DiscardWorkbook()),
    ]
    await received.progress.edit_text(
        texts.REPORT_WORKBOOK_SUMMARY.format(
            packages=sum(1 for p in result.packages if p.values),
            actions=len(result.actions),
            constraints=len(result.constraints),
            period=render.period_label(target.year, target.period),
            late=texts.REPORT_LATE_NOTE if target.late else "",
        ),
        reply_markup=InlineKeyboardMarkup([choices]),
    )
    return ReportStep.CONFIRM_WORKBOOK


@on_press(DiscardWorkbook, Role.PJ)
async def discard(update: Update, context: Context, member: Member, data: DiscardWorkbook) -> int:
    """Throw the checked workbook away; nothing was stored."""
    await answer(update)
    _pending(services(context), context, None)
    await show(update, texts.REPORT_WORKBOOK_DISCARDED)
    return END


async def _submit(svc: Services, member: Member, upload: WorkbookUpload) -> WorkbookSent | None:
    """The held workbook read again and sent; None when it or its period is gone."""
    target = workbook_target(
        svc, unit_id=member.unit_id, year=upload.year, period_key=upload.period_key
    )
    content = held_upload(svc, upload.token)
    if target is None or content is None:
        return None
    result = await _read(target, member, content)
    if isinstance(result, list):
        return None
    return submit_workbook(
        svc,
        owner_id=member.user_id,
        unit_id=member.unit_id,
        target=target,
        content=content,
        report=result,
    )


@on_press(SendWorkbook, Role.PJ)
async def send(update: Update, context: Context, member: Member, data: SendWorkbook) -> int:
    """Send the checked workbook as the reports of its packages."""
    await answer(update)
    svc = services(context)
    upload = await read_draft(update, context, WorkbookUpload, missing=app_texts.PLAN_PENDING_GONE)
    if upload is None:
        return END
    try:
        sent = await _submit(svc, member, upload)
    finally:
        _pending(svc, context, None)
    if sent is None:
        await show(update, app_texts.PLAN_PENDING_GONE)
        return END
    await show(
        update,
        texts.REPORT_WORKBOOK_SENT.format(
            count=sent.count,
            period=render.period_label(sent.year, sent.period),
            late=texts.REPORT_SENT_LATE if sent.late else "",
        ),
    )
    return END
