"""/arsip: a year, a step, a kind, a page of documents; a pressed document comes again.

A document is sent again by its Telegram file id (no upload). Without one, or when Telegram
refuses it, the archived bytes are uploaded under the document's name, after checking their
sha256, and the new file id is kept; bytes that are gone or altered are never sent.
"""

from __future__ import annotations

import io
import logging
from dataclasses import replace
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.error import BadRequest
from telegram.ext import BaseHandler, CommandHandler

from bot import texts as app_texts
from bot.access import Member, members_only, services
from bot.archive import texts, usecases
from bot.archive.callbacks import PickKind, PickStep, PickYear, SendFile, Years
from bot.archive.usecases import NO_STEP, ArchivedFile, Listed, kind_name
from bot.context import Context
from bot.core.dates import format_datetime
from bot.core.labels import BUTTON_ROOM, fit
from bot.core.roles import Role
from bot.services import Services
from bot.ui.buttons import on_press, press_handler, stale_presses
from bot.ui.chat import PAGE_SIZE, answer, button, show

logger = logging.getLogger(__name__)

READERS = (Role.TIM, Role.KEPALA)


def _back(data: PickYear | PickStep | PickKind | Years) -> list[InlineKeyboardButton]:
    return [button(app_texts.BUTTON_BACK, data)]


async def _years(update: Update, svc: Services) -> None:
    found = usecases.years(svc)
    if not found:
        await show(update, texts.ARCHIVE_EMPTY)
        return
    rows = [
        [button(texts.ARCHIVE_YEAR_BUTTON.format(year=y.key, count=y.count), PickYear(int(y.key)))]
        for y in found
    ]
    await show(update, texts.ARCHIVE_YEARS, InlineKeyboardMarkup(rows))


@members_only(*READERS)
async def open_archive(update: Update, context: Context, member: Member) -> None:
    """/arsip: the years whose cycle has documents."""
    await _years(update, services(context))


@on_press(Years, *READERS)
async def back_to_years(update: Update, context: Context, member: Member, data: Years) -> None:
    """Kembali from a year: the years again."""
    await answer(update)
    await _years(update, services(context))


def _step_name(svc: Services, number: int) -> str:
    if number == NO_STEP:
        return texts.ARCHIVE_NO_STEP
    return next((s.name for s in svc.steps if s.number == number), str(number))


def _counted(name: str, count: int) -> str:
    """``name (count)``, the name shortened when the button is too narrow, never the count."""
    suffix = texts.ARCHIVE_COUNT.format(count=count)
    return fit(name, BUTTON_ROOM - len(suffix)) + suffix


def _step_title(svc: Services, number: int) -> str:
    """``7. Mengirimkan Surat Edaran ...`` in full; the documents of no step by a name."""
    if number == NO_STEP:
        return texts.ARCHIVE_NO_STEP
    return texts.ARCHIVE_STEP_BUTTON.format(number=number, name=_step_name(svc, number))


def _step_label(svc: Services, number: int, count: int) -> str:
    return _counted(_step_title(svc, number), count)


@on_press(PickYear, *READERS)
async def pick_year(update: Update, context: Context, member: Member, data: PickYear) -> None:
    """A year: its steps that have documents, with their counts."""
    await answer(update)
    svc = services(context)
    found = usecases.steps(svc, year=data.year)
    if not found:
        await show(update, app_texts.STALE_BUTTON)
        return
    rows = [
        [button(_step_label(svc, int(s.key), s.count), PickStep(data.year, int(s.key)))]
        for s in found
    ]
    rows.append(_back(Years()))
    lines = "\n".join(
        texts.ARCHIVE_STEP_LINE.format(
            name=app_texts.esc(_step_title(svc, int(s.key))), count=s.count
        )
        for s in found
    )
    text = texts.ARCHIVE_STEPS.format(year=data.year, lines=lines)
    await show(update, text, InlineKeyboardMarkup(rows))


@on_press(PickStep, *READERS)
async def pick_step(update: Update, context: Context, member: Member, data: PickStep) -> None:
    """A step: its kinds of documents, by name, with their counts."""
    await answer(update)
    svc = services(context)
    found = usecases.kinds(svc, year=data.year, step=data.step)
    if not found:
        await show(update, app_texts.STALE_BUTTON)
        return
    rows = [
        [
            button(
                _counted(kind_name(str(k.key)), k.count),
                PickKind(data.year, data.step, str(k.key), 1),
            )
        ]
        for k in found
    ]
    rows.append(_back(PickYear(data.year)))
    template = texts.ARCHIVE_KINDS_NO_STEP if data.step == NO_STEP else texts.ARCHIVE_KINDS
    name = app_texts.esc(_step_name(svc, data.step))
    text = template.format(year=data.year, number=data.step, name=name)
    await show(update, text, InlineKeyboardMarkup(rows))


def details(svc: Services, listed: Listed) -> str:
    """When, which period and unit, which revision and number: one line."""
    parts = [format_datetime(listed.created_at, svc.profile.timezone)]
    if listed.period:
        parts.append(texts.ARCHIVE_PERIOD.format(period=listed.period))
    if listed.unit:
        parts.append(listed.unit)
    if listed.revision > 1:
        parts.append(texts.ARCHIVE_REVISION.format(revision=listed.revision))
    if listed.number:
        parts.append(texts.ARCHIVE_NUMBER.format(number=listed.number))
    return app_texts.esc(" · ".join(parts))


@on_press(PickKind, *READERS)
async def pick_kind(update: Update, context: Context, member: Member, data: PickKind) -> None:
    """A kind: one page of its documents, newest first, one button each."""
    await answer(update)
    await _list(update, services(context), data)


async def _list(update: Update, svc: Services, data: PickKind) -> None:
    found = usecases.documents(
        svc, year=data.year, step=data.step, kind=data.kind, page=data.page, page_size=PAGE_SIZE
    )
    if found is None:
        await show(update, app_texts.STALE_BUTTON)
        return
    numbered = list(enumerate(found.items, start=found.first))
    rows = [
        [
            button(
                fit(texts.ARCHIVE_FILE_BUTTON.format(position=n, name=item.file_name)),
                SendFile(item.id, found.page),
            )
        ]
        for n, item in numbered
    ]
    nav = []
    if found.page > 1:
        nav.append(button(app_texts.BUTTON_PREV, replace(data, page=found.page - 1)))
    if found.page < found.pages:
        nav.append(button(app_texts.BUTTON_NEXT, replace(data, page=found.page + 1)))
    rows.extend([nav] if nav else [])
    rows.append(_back(PickStep(data.year, data.step)))
    lines = "\n".join(
        texts.ARCHIVE_LINE.format(
            position=n, name=app_texts.esc(item.file_name), details=details(svc, item)
        )
        for n, item in numbered
    )
    text = texts.ARCHIVE_LIST.format(
        kind=app_texts.esc(kind_name(data.kind)),
        year=data.year,
        count=found.total,
        page=found.page,
        pages=found.pages,
        lines=lines,
    )
    await show(update, text, InlineKeyboardMarkup(rows))


@on_press(SendFile, *READERS)
async def send_file(update: Update, context: Context, member: Member, data: SendFile) -> None:
    """A document sent again: by its file id, else its checked bytes (the id kept)."""
    await answer(update)
    svc = services(context)
    found = usecases.archived_file(svc, document_id=data.document_id)
    chat = update.effective_chat
    if found is None or chat is None:
        await show(update, app_texts.STALE_BUTTON)
        return
    caption = texts.ARCHIVE_CAPTION.format(
        kind=app_texts.esc(kind_name(found.listed.kind)), details=details(svc, found.listed)
    )
    if found.file_id is not None:
        try:
            await context.bot.send_document(chat.id, document=found.file_id, caption=caption)
            return
        except BadRequest as exc:  # an id of another bot, expired, or a photo's id
            logger.info("file id of document %s refused: %s", found.listed.id, exc)
    await _upload(context, svc, chat.id, found, caption, data.page)


async def _upload(
    context: Context, svc: Services, chat_id: int, found: ArchivedFile, caption: str, page: int
) -> None:
    content = usecases.file_content(svc, document_id=found.listed.id)
    if content is None:
        back = PickKind(found.year, found.step, found.listed.kind, page)
        await context.bot.send_message(
            chat_id,
            texts.ARCHIVE_FILE_DAMAGED.format(name=app_texts.esc(found.listed.file_name)),
            reply_markup=InlineKeyboardMarkup([[button(texts.ARCHIVE_BUTTON_BACK_LIST, back)]]),
        )
        return
    document = InputFile(io.BytesIO(content), filename=found.listed.file_name)
    message = await context.bot.send_document(chat_id, document=document, caption=caption)
    if message.document is not None:
        usecases.remember_file_id(
            svc, document_id=found.listed.id, file_id=message.document.file_id
        )


def handlers() -> list[BaseHandler[Update, Context, Any]]:
    """This feature's handlers, fresh for each application."""
    return [
        CommandHandler("arsip", open_archive),
        press_handler(Years, back_to_years),
        press_handler(PickYear, pick_year),
        press_handler(PickStep, pick_step),
        press_handler(PickKind, pick_kind),
        press_handler(SendFile, send_file),
        stale_presses(r"^ars:", *READERS),
    ]
