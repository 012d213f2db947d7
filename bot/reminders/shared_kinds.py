"""The kinds of reminder for the team, the head and events, for the engine's ``KINDS``."""

from __future__ import annotations

from bot.reminders.approvals_nudge import APPROVAL_NUDGE
from bot.reminders.events import EVENT
from bot.reminders.head import HEAD_WEEKLY
from bot.reminders.model import KindSpec
from bot.reminders.team import TEAM_DIGEST

KINDS: tuple[KindSpec, ...] = (TEAM_DIGEST, HEAD_WEEKLY, APPROVAL_NUDGE, EVENT)
