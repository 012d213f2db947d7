"""The token checked against the Bot API (getMe), every error in one line, token masked."""

from __future__ import annotations

from typing import Any

from telegram import Bot
from telegram.error import TelegramError

from bot.settings import Settings


async def check_token(settings: Settings) -> tuple[str | None, str | None]:
    """(the bot's username, None) or (None, why getMe failed)."""
    assert settings.telegram_bot_token is not None
    secret = settings.telegram_bot_token.get_secret_value()
    kwargs: dict[str, Any] = {}
    if settings.api_base_url():
        kwargs["base_url"] = settings.api_base_url()
    try:
        async with Bot(secret, **kwargs) as bot:
            return bot.username, None
    except (TelegramError, OSError, ValueError) as exc:
        words = " ".join(str(exc).split()) or type(exc).__name__
        return None, f"{type(exc).__name__}: {words}".replace(secret, "***")
