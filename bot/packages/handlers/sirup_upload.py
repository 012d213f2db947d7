"""The team's SIRUP import: the file, its year when it does not say one, a preview of what
changes, then Simpan or Batal."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from telegram import InlineKeyboardMarkup, Update

from bot import texts as app_texts
from bot.access import Member, members_only, services
from bot.context import Context
from bot.core.dates import format_rupiah
from bot.packages import texts, usecases
from bot.packages.callbacks import AskUpload, DiscardImport, ImportYear, SaveImport
from bot.packages.drafts import ImportDraft
from bot.packages.handlers.common import (
    END,
    TEAM,
    Step,
    back_to_menu,
    chosen_year,
    menu_screen,
    remember_year,
)
from bot.packages.import_plan import ImportPlan, export_year
from bot.packages.sirup import MAX_SIRUP_BYTES, SirupError, SirupImport, read_sirup
from bot.ui import drafts
from bot.ui.buttons import on_press
from bot.ui.chat import answer, button, remember_step, show
from bot.ui.keyboards import save_or_discard
from bot.ui.uploads import read_in_background, receive_workbook

PREVIEW_UNITS = 12
PREVIEW_SKIPPED = 10


@on_press(AskUpload, *TEAM)
async def ask_upload(update: Update, context: Context, member: Member, data: AskUpload) -> int:
    """The upload button."""
    await answer(update)
    remember_step(context.user_data, Step.AWAIT_FILE)
    await show(update, texts.PKG_ASK_UPLOAD)
    return Step.AWAIT_FILE


def _field_names(names: Iterable[str]) -> str:
    return ", ".join(texts.PKG_FIELD_LABELS[name] for name in names)


def _changes(plan: ImportPlan) -> str:
    """New, updated (which fields), unchanged; fields kept because the export lacks them."""
    text = texts.PKG_PREVIEW_CHANGES.format(
        new=plan.new, updated=plan.updated, unchanged=plan.unchanged
    )
    if plan.field_counts:
        text += texts.PKG_PREVIEW_FIELDS.format(
            fields=", ".join(
                texts.PKG_PREVIEW_FIELD.format(field=texts.PKG_FIELD_LABELS[name], count=count)
                for name, count in plan.field_counts.items()
            )
        )
    if plan.kept:
        text += texts.PKG_PREVIEW_KEPT.format(fields=_field_names(plan.kept))
    if plan.other_year:
        text += texts.PKG_PREVIEW_OTHER_YEAR.format(count=plan.other_year)
    return text


def _skipped(result: SirupImport) -> str:
    if not result.skipped:
        return ""
    lines = (
        texts.PKG_PREVIEW_SKIPPED_LINE.format(row=s.row, reason=app_texts.esc(s.reason))
        for s in result.skipped[:PREVIEW_SKIPPED]
    )
    return texts.PKG_PREVIEW_SKIPPED.format(count=len(result.skipped), lines="\n".join(lines))


def _preview(preview: usecases.ImportPreview, result: SirupImport, current: int) -> str:
    """What the import will do, before Simpan; ``current`` is the year /paket shows now."""
    lines = [
        texts.PKG_PREVIEW_UNIT.format(
            unit=app_texts.esc(unit.name),
            count=unit.count,
            pagu=format_rupiah(unit.pagu),
            mark="" if unit.known else " ❓",
        )
        for unit in preview.units[:PREVIEW_UNITS]
    ]
    more = len(preview.units) - PREVIEW_UNITS
    if more > 0:
        lines.append(texts.PKG_PREVIEW_MORE.format(count=more))
    year = preview.year
    return texts.PKG_PREVIEW.format(
        style=result.header_style,
        header=result.header_row,
        year=year,
        year_note="" if year == current else texts.PKG_PREVIEW_NOT_CURRENT.format(current=current),
        count=preview.count,
        pagu=format_rupiah(preview.pagu),
        units="\n".join(lines),
        skipped=_skipped(result),
        unknown=texts.PKG_PREVIEW_UNKNOWN.format(count=preview.unknown) if preview.unknown else "",
        changes=_changes(preview.changes),
    )


def _confirm(context: Context, result: SirupImport, year: int) -> tuple[str, InlineKeyboardMarkup]:
    svc = services(context)
    preview = usecases.preview_import(svc, result, year=year)
    text = _preview(preview, result, chosen_year(svc, context))
    return text, save_or_discard(SaveImport(), DiscardImport())


def _year_question(result: SirupImport, years: Iterable[int]) -> tuple[str, InlineKeyboardMarkup]:
    """Which year, for an export without one (a display export) or with several."""
    choice = export_year(result)
    reason = (
        texts.PKG_YEAR_MIXED.format(years=", ".join(str(y) for y in choice.years_found))
        if len(choice.years_found) > 1 or (choice.years_found and choice.undated)
        else texts.PKG_YEAR_MISSING
    )
    markup = InlineKeyboardMarkup(
        [
            [button(texts.PKG_BUTTON_YEAR.format(year=year), ImportYear(year)) for year in years],
            [button(app_texts.PLAN_BUTTON_DISCARD, DiscardImport())],
        ]
    )
    return texts.PKG_ASK_YEAR.format(count=len(result.packages), reason=reason), markup


@members_only(*TEAM)
async def receive_file(update: Update, context: Context, member: Member) -> int:
    """The SIRUP export: refused when too big, read and checked; its year (asked when the
    file does not say one) and a preview of the changes to confirm."""
    received = await receive_workbook(
        update,
        max_bytes=MAX_SIRUP_BYTES,
        too_big=texts.PKG_UPLOAD_TOO_BIG,
        what=texts.PKG_SIRUP_FILE,
        suffixes=(),
    )
    if received is None:
        return Step.AWAIT_FILE
    progress = received.progress
    result = await read_in_background(received, read_sirup, received.content, received.file_name)
    if result is None:
        return Step.AWAIT_FILE
    if isinstance(result, SirupError):
        hint = f" ({app_texts.esc_rule(result.hint)})" if result.hint else ""
        message = app_texts.esc_rule(result.message)
        await progress.edit_text(texts.PKG_UPLOAD_ERROR.format(message=message, hint=hint))
        return Step.AWAIT_FILE
    svc = services(context)
    year = export_year(result).year
    years = usecases.import_years(svc)
    if year is not None and year not in years:
        # A wrong file (an old year, a year far ahead, a closed cycle) must not make a cycle.
        listed = ", ".join(str(y) for y in years)
        await progress.edit_text(texts.PKG_YEAR_NOT_OPEN.format(year=year, years=listed))
        return Step.AWAIT_FILE
    earlier = drafts.read(context.user_data, ImportDraft)
    if isinstance(earlier, ImportDraft):
        usecases.release_export(svc, earlier.token)
    token = usecases.hold_export(svc, received.content)
    drafts.write(context.user_data, ImportDraft(token, received.file_name, year))
    text, markup = (
        _year_question(result, years) if year is None else _confirm(context, result, year)
    )
    await progress.edit_text(text, reply_markup=markup)
    return Step.CONFIRM


async def _pending(update: Update, context: Context) -> ImportDraft | None:
    """The import waiting for a decision; None after saying it is gone."""
    draft = drafts.read(context.user_data, ImportDraft)
    if isinstance(draft, ImportDraft):
        return draft
    await show(update, app_texts.PLAN_PENDING_GONE if draft is None else app_texts.DRAFT_DROPPED)
    return None


async def _take_pending(update: Update, context: Context) -> ImportDraft | None:
    """Answer the press; the import waiting for a decision, no longer a draft once taken
    (its held file is the caller's to let go)."""
    await answer(update)
    draft = await _pending(update, context)
    if draft is not None:
        drafts.clear(context.user_data, ImportDraft)
    return draft


async def _held(context: Context, draft: ImportDraft) -> SirupImport | None:
    svc = services(context)
    return await asyncio.to_thread(
        usecases.held_export, svc, token=draft.token, file_name=draft.file_name
    )


@on_press(ImportYear, *TEAM, stale=END)
async def choose_year(update: Update, context: Context, member: Member, data: ImportYear) -> int:
    """The year of an export that does not say one: the preview of that year."""
    await answer(update)
    draft = await _pending(update, context)
    if draft is None:
        return END
    result = await _held(context, draft)
    if data.year not in usecases.import_years(services(context)) or result is None:
        await show(update, app_texts.PLAN_PENDING_GONE)
        return END
    draft.year = data.year
    drafts.write(context.user_data, draft)
    await show(update, *_confirm(context, result, data.year))
    return Step.CONFIRM


@on_press(SaveImport, *TEAM, stale=END)
async def save(update: Update, context: Context, member: Member, data: SaveImport) -> int:
    """Simpan: the packages are stored, and the menu shows the year just imported."""
    draft = await _take_pending(update, context)
    if draft is None:
        return END
    svc = services(context)
    result = await _held(context, draft)
    saved = None
    if result is not None and draft.year is not None:
        saved = usecases.import_sirup(
            svc,
            actor_id=member.user_id,
            result=result,
            year=draft.year,
            token=draft.token,
            file_name=draft.file_name,
        )
    usecases.release_export(svc, draft.token)
    if saved is None:  # the file is gone, or the year closed since the preview
        await show(update, app_texts.PLAN_PENDING_GONE)
        return END
    remember_year(context, saved.year)
    text, markup = menu_screen(svc, saved.year)
    counts = texts.PKG_SAVED.format(
        year=saved.year, added=saved.added, updated=saved.updated, unchanged=saved.unchanged
    )
    await show(update, f"{counts}\n\n{text}", markup)
    return END


@on_press(DiscardImport, *TEAM, stale=END)
async def discard(update: Update, context: Context, member: Member, data: DiscardImport) -> int:
    """Batal: nothing is stored and the held file is let go."""
    draft = await _take_pending(update, context)
    if draft is None:
        return END
    usecases.release_export(services(context), draft.token)
    await show(update, texts.PKG_DISCARDED, InlineKeyboardMarkup(back_to_menu()))
    return END
