"""Keyboards several features show the same way."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot import texts
from bot.ui.callbacks import ButtonData
from bot.ui.chat import button


def save_or_discard(save: ButtonData, discard: ButtonData) -> InlineKeyboardMarkup:
    """The "✅ Simpan" and "Batal" buttons under something checked and waiting to be stored."""
    return InlineKeyboardMarkup(
        [[button(texts.PLAN_BUTTON_SAVE, save), button(texts.PLAN_BUTTON_DISCARD, discard)]]
    )
