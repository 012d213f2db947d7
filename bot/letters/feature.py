"""The letters of SOP steps 7-9. What the feature gives the application."""

from __future__ import annotations

from bot.feature import Feature
from bot.letters import handlers
from bot.letters.handlers.opening import open_step
from bot.letters.handlers.signing import APPROVAL_KINDS

FEATURE = Feature(
    name="letters",
    handlers=handlers.handlers,
    # The step table's features of steps 7-9.
    step_openers={"edaran": open_step, "sosialisasi": open_step},
    approval_kinds=APPROVAL_KINDS,
)
