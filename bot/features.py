"""Every feature of the bot, in the order its handlers are tried; ``register`` adds them."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import Application, TypeHandler

from bot.access import gate
from bot.analysis.feature import FEATURE as ANALYSIS
from bot.approvals.feature import FEATURE as APPROVALS
from bot.archive.feature import FEATURE as ARCHIVE
from bot.feature import WIRING_KEY, Feature, Wiring
from bot.guide import help
from bot.guide.feature import FEATURE as GUIDE
from bot.letters.feature import FEATURE as LETTERS
from bot.meeting.feature import FEATURE as MEETING
from bot.outreach.feature import FEATURE as OUTREACH
from bot.packages.feature import FEATURE as PACKAGES
from bot.people.feature import FEATURE as PEOPLE
from bot.performance.feature import FEATURE as PERFORMANCE
from bot.planning.feature import FEATURE as PLANNING
from bot.reminders.feature import FEATURE as REMINDERS
from bot.reporting.feature import FEATURE as REPORTING
from bot.results.feature import FEATURE as RESULTS
from bot.ui.chat import FlowConversation

GATE_GROUP = -1

# Conversations come before plain commands so that /batal inside a conversation reaches the
# conversation's own fallback; each feature lists its conversations first.
FEATURES: tuple[Feature, ...] = (
    PEOPLE,
    APPROVALS,
    PLANNING,
    LETTERS,
    OUTREACH,
    PACKAGES,
    REPORTING,
    ANALYSIS,
    PERFORMANCE,
    MEETING,
    REMINDERS,
    RESULTS,
    ARCHIVE,
    GUIDE,
)


def register(
    application: Application[Any, Any, Any, Any, Any, Any],
    features: tuple[Feature, ...] = FEATURES,
) -> None:
    """Add every handler of ``features`` to ``application`` and keep their wiring."""
    # Group -1 runs first for every update: group chats are ignored and strangers are
    # told how to get an invitation, before any feature handler sees the update.
    application.add_handler(TypeHandler(Update, gate), group=GATE_GROUP)
    application.bot_data[WIRING_KEY] = Wiring.of(features)
    for feature in features:
        application.add_handlers(list(feature.handlers()))
    # Last: a message no feature was waiting for gets a pointer to /tugas, not silence.
    application.add_handlers(help.fallback_handlers())
    for group in application.handlers.values():
        for handler in group:
            if isinstance(handler, FlowConversation):
                handler.user_data_source = application.user_data
                handler.learn_commands()
