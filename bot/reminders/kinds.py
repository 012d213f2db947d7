"""Every kind of reminder the engine keeps and sends (``bot.reminders.engine``)."""

from __future__ import annotations

from bot.reminders.model import KindSpec
from bot.reminders.owners import OWNER_KINDS

KINDS: tuple[KindSpec, ...] = (*OWNER_KINDS,)
