"""Receiving an uploaded workbook: the checks every upload shares, before any reading.

The type and size are checked from what Telegram tells us, so a wrong or huge file is
refused before it is downloaded; the person then sees "⏳ Memeriksa berkas…" while the
feature reads it with :func:`read_in_background`: in a worker thread (the bot keeps
answering others; see also bot/update_order.py) and for at most :data:`READ_SECONDS`.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

from telegram import Message, Update
from telegram.error import BadRequest

from bot import texts
from bot.context import Context
from bot.core import deadline
from bot.core.labels import megabytes

logger = logging.getLogger(__name__)

# The longest a reader may take over one upload; the readers' caps on size and rows keep
# an accepted file well below it, so this only stops what slipped past them.
READ_SECONDS = 60.0

P = ParamSpec("P")
T = TypeVar("T")


@dataclass(frozen=True)
class ReceivedFile:
    """A downloaded upload and the progress message to edit with the outcome."""

    content: bytes
    file_name: str
    progress: Message


async def receive_workbook(
    update: Update,
    *,
    max_bytes: int,
    too_big: str = texts.PLAN_UPLOAD_TOO_BIG,
    what: str,
    suffixes: tuple[str, ...] = (".xlsx",),
) -> ReceivedFile | None:
    """The .xlsx the person sent, or None after telling them what is wrong with it.

    ``too_big`` is the refusal for an oversized file, with ``{size}`` and ``{limit}``;
    ``what`` names the file expected ("template rencana") in the refusal of another type.
    ``suffixes`` are the file names taken; empty for a reader that tells the format from the
    content (a SIRUP export may be .xlsx, .csv, or text named .xls).
    """
    message = update.effective_message
    if message is None:
        return None
    doc = message.document
    name = (doc.file_name or "").lower() if doc is not None else ""
    if doc is None or (suffixes and not name.endswith(suffixes)):
        await message.reply_text(texts.UPLOAD_NOT_XLSX.format(what=what))
        return None
    if doc.file_size is not None and doc.file_size > max_bytes:
        await message.reply_text(
            too_big.format(size=megabytes(doc.file_size), limit=megabytes(max_bytes))
        )
        return None
    progress = await message.reply_text(texts.PLAN_UPLOAD_CHECKING)
    content = bytes(await (await doc.get_file()).download_as_bytearray())
    return ReceivedFile(
        content=content, file_name=doc.file_name or "berkas.xlsx", progress=progress
    )


async def read_in_background(
    received: ReceivedFile, read: Callable[P, T], *args: P.args, **kwargs: P.kwargs
) -> T | None:
    """``read(*args, **kwargs)`` in a worker thread; None, after telling the person on the
    progress message, when it takes longer than :data:`READ_SECONDS`.

    The read runs under that deadline (``bot.core.deadline``) and stops itself at its next
    check past it, releasing its thread and memory; nothing it read is used.
    """
    limit = READ_SECONDS
    loop = asyncio.get_running_loop()

    def job() -> T:
        return deadline.run_within(limit, read, *args, **kwargs)

    # In a copy of this context, as asyncio.to_thread does.
    future = loop.run_in_executor(None, contextvars.copy_context().run, job)
    done, _ = await asyncio.wait({future}, timeout=limit)
    if future in done and not isinstance(future.exception(), deadline.TooSlow):
        return future.result()
    if future not in done:
        started = loop.time()
        future.add_done_callback(lambda f: _stopped(f, loop.time() - started))
    logger.warning(
        "membaca unggahan melebihi %.0f detik, dihentikan / reading an upload took over "
        "%.0f s, stopped",
        limit,
        limit,
    )
    await received.progress.edit_text(texts.UPLOAD_TOO_SLOW.format(seconds=f"{limit:g}"))
    return None


def _stopped(future: asyncio.Future[Any], late: float) -> None:
    """Log how long after its deadline an overrunning read stopped (its outcome dropped)."""
    error = None if future.cancelled() else future.exception()
    if isinstance(error, deadline.TooSlow):
        logger.info("pembacaan berhenti %.2f detik setelah batas / read stopped", late)
    else:
        logger.warning("pembacaan selesai %.2f detik setelah batas / read finished late", late)


async def download(context: Context, file_id: str) -> bytes | None:
    """The file's bytes; None when Telegram refuses it as too big (its size was not known
    beforehand, or a Bot API server without local mode holds it)."""
    try:
        return bytes(await (await context.bot.get_file(file_id)).download_as_bytearray())
    except BadRequest as error:
        if "too big" in str(error).lower():
            return None
        raise
