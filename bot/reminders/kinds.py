"""Every kind of reminder the engine keeps and sends (``bot.reminders.engine``)."""

from __future__ import annotations

from bot.reminders.approvals_nudge import APPROVAL_NUDGE
from bot.reminders.events import EVENT
from bot.reminders.head import HEAD_WEEKLY
from bot.reminders.model import KindSpec
from bot.reminders.owners import OWNER_KINDS
from bot.reminders.team import TEAM_DIGEST

KINDS: tuple[KindSpec, ...] = (*OWNER_KINDS, TEAM_DIGEST, HEAD_WEEKLY, APPROVAL_NUDGE, EVENT)
