"""Reporting in the chat, one module per flow: ``schedule`` (/jadwal, closing a cycle),
``choose`` (/lapor: resume, period, package), ``guided`` (the questions of a report),
``upload`` (the Template Data Kinerja route) and ``verify`` (/verifikasi)."""

from __future__ import annotations

from typing import TypeVar

from telegram import Update

from bot import texts as app_texts
from bot.context import Context
from bot.core.roles import Role
from bot.ui import drafts
from bot.ui.chat import show

TEAM = (Role.KEPALA, Role.TIM)
D = TypeVar("D", bound=drafts.Draft)


async def read_draft(update: Update, context: Context, kind: type[D], *, missing: str) -> D | None:
    """The person's draft of ``kind``; None after saying ``missing`` when there is none, or
    that an old draft could not be kept."""
    draft = drafts.read(context.user_data, kind)
    if draft is drafts.DROPPED:
        await show(update, app_texts.DRAFT_DROPPED)
        return None
    if draft is None:
        await show(update, missing)
        return None
    return draft
