"""The team's mapping sheet: download it, send it back filled, then Simpan or Batal."""

from __future__ import annotations

import asyncio
import io

from telegram import InputFile, Update

from bot import texts as app_texts
from bot.access import Member, members_only, services
from bot.context import Context
from bot.packages import texts, usecases
from bot.packages.callbacks import DiscardSheet, DownloadSheet, SaveSheet, UploadSheet
from bot.packages.drafts import SheetDraft
from bot.packages.handlers.common import END, TEAM, Step, button_year, chosen_year, menu_screen
from bot.planning.documents.workbook import MAX_WORKBOOK_BYTES
from bot.planning.messages import problem_lines
from bot.ui import drafts
from bot.ui.buttons import on_press
from bot.ui.chat import answer, remember_step, show
from bot.ui.keyboards import save_or_discard
from bot.ui.uploads import read_in_background, receive_workbook

CHANGES_SHOWN = 15


async def _sheet_year(update: Update, context: Context, year: int) -> int | None:
    """The year of a sheet button, remembered as the year whose sheet is awaited."""
    found = await button_year(update, context, year)
    if found is not None:
        drafts.write(context.user_data, SheetDraft(found))
    return found


@on_press(DownloadSheet, *TEAM, stale=END)
async def download(update: Update, context: Context, member: Member, data: DownloadSheet) -> int:
    """The year's mapping sheet as an .xlsx; the filled one is awaited."""
    year = await _sheet_year(update, context, data.year)
    if year is None:
        return END
    content = await asyncio.to_thread(usecases.mapping_sheet, services(context), year=year)
    remember_step(context.user_data, Step.AWAIT_SHEET)
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_document(
        chat.id,
        document=InputFile(io.BytesIO(content), filename=f"pemetaan-paket-{year}.xlsx"),
        caption=texts.PKG_SHEET_CAPTION.format(year=year),
    )
    return Step.AWAIT_SHEET


@on_press(UploadSheet, *TEAM, stale=END)
async def ask_sheet(update: Update, context: Context, member: Member, data: UploadSheet) -> int:
    """Wait for the filled mapping sheet of the year."""
    year = await _sheet_year(update, context, data.year)
    if year is None:
        return END
    remember_step(context.user_data, Step.AWAIT_SHEET)
    await show(update, texts.PKG_ASK_SHEET.format(year=year))
    return Step.AWAIT_SHEET


@members_only(*TEAM)
async def receive_sheet(update: Update, context: Context, member: Member) -> int:
    """A filled mapping sheet: its problems, or the changes to confirm."""
    received = await receive_workbook(
        update,
        max_bytes=MAX_WORKBOOK_BYTES,
        too_big=texts.PKG_UPLOAD_TOO_BIG,
        what=texts.PKG_SHEET_FILE,
    )
    if received is None:
        return Step.AWAIT_SHEET
    progress = received.progress
    draft = drafts.read(context.user_data, SheetDraft)
    if draft is drafts.DROPPED:
        await progress.edit_text(app_texts.DRAFT_DROPPED)
        return END
    svc = services(context)
    asked = draft.year if isinstance(draft, SheetDraft) else None
    year = asked if asked in usecases.open_years(svc).years else chosen_year(svc, context)
    result = await read_in_background(
        received, usecases.check_mapping_sheet, svc, year=year, content=received.content
    )
    if result is None:
        return Step.AWAIT_SHEET
    if isinstance(result, list):
        lines, more = problem_lines(result)
        text = texts.PKG_SHEET_PROBLEMS.format(count=len(result), lines=lines, more=more)
        await progress.edit_text(text)
        return Step.AWAIT_SHEET
    if not result:
        await progress.edit_text(texts.PKG_SHEET_NO_CHANGES)
        return END
    if isinstance(draft, SheetDraft):
        usecases.release_sheet(svc, draft.token)  # an earlier sheet sent before this one
    token = usecases.hold_sheet(svc, received.content)
    changes = {c.kode_rup: c.after for c in result}
    drafts.write(context.user_data, SheetDraft(year, changes, token, received.file_name))
    remember_step(context.user_data, Step.CONFIRM_SHEET)
    lines = "\n".join(
        texts.PKG_SHEET_LINE.format(
            kode=app_texts.esc(c.kode_rup), before=c.before or "-", after=c.after or "-"
        )
        for c in result[:CHANGES_SHOWN]
    )
    await progress.edit_text(
        texts.PKG_SHEET_SUMMARY.format(count=len(result), lines=lines),
        reply_markup=save_or_discard(SaveSheet(), DiscardSheet()),
    )
    return Step.CONFIRM_SHEET


@on_press(SaveSheet, *TEAM, stale=END)
async def save_sheet(update: Update, context: Context, member: Member, data: SaveSheet) -> int:
    """Simpan under the sheet's changes: stored, and the menu of that year."""
    await answer(update)
    draft = drafts.read(context.user_data, SheetDraft)
    drafts.clear(context.user_data, SheetDraft)
    if draft is drafts.DROPPED:
        await show(update, app_texts.DRAFT_DROPPED)
        return END
    svc = services(context)
    count = None
    if draft is not None and draft.changes:
        count = usecases.apply_mapping_sheet(
            svc,
            actor_id=member.user_id,
            year=draft.year,
            changes=draft.changes,
            token=draft.token,
            file_name=draft.file_name,
        )
    if draft is not None:
        usecases.release_sheet(svc, draft.token)
    if draft is None or count is None:
        await show(update, app_texts.PLAN_PENDING_GONE)
        return END
    text, markup = menu_screen(svc, draft.year)
    await show(update, f"{texts.PKG_SHEET_SAVED.format(count=count)}\n\n{text}", markup)
    return END


@on_press(DiscardSheet, *TEAM, stale=END)
async def discard_sheet(
    update: Update, context: Context, member: Member, data: DiscardSheet
) -> int:
    """Batal under the sheet's changes: nothing is stored."""
    await answer(update)
    draft = drafts.read(context.user_data, SheetDraft)
    if isinstance(draft, SheetDraft):
        usecases.release_sheet(services(context), draft.token)
    drafts.clear(context.user_data, SheetDraft)
    await show(update, texts.PKG_DISCARDED)
    return END
