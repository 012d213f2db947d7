"""People: registration, invitations and users. What the feature gives the application."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler

from bot.context import Context
from bot.feature import Feature
from bot.people import invitations, registration, users


def _handlers() -> list[BaseHandler[Update, Context, Any]]:
    return [*registration.handlers(), *invitations.handlers(), *users.handlers()]


FEATURE = Feature(
    name="people",
    handlers=_handlers,
)
