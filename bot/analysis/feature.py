"""Analysis and recommendations (SOP step 14). What the feature gives the application: the
/analisis conversation (diagram ``analisis.mmd``) and the opener of step 14 for /tugas."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, MessageHandler, filters

from bot.analysis.callbacks import (
    AddRecommendation,
    ChooseIndicator,
    ChoosePeriod,
    ChooseYear,
    DiscardSheet,
    DownloadSheet,
    RemoveMenu,
    RemoveRecommendation,
    SaveSheet,
    ShowCard,
    UploadSheet,
    WriteAnalysis,
)
from bot.analysis.flow import AnalysisStep
from bot.analysis.handlers import browse, sheet, write
from bot.context import Context
from bot.feature import Feature
from bot.ui.buttons import press_handler
from bot.ui.chat import conversation_handler

Handler = BaseHandler[Update, Context, Any]
_TEXT = filters.TEXT & ~filters.COMMAND


def _buttons() -> list[Handler]:
    """Every /analisis button, taken in any state: a menu pressed again stays usable."""
    return [
        press_handler(ChooseYear, browse.choose_year),
        press_handler(ChoosePeriod, browse.choose_period),
        press_handler(ChooseIndicator, browse.choose_indicator),
        press_handler(ShowCard, browse.open_card),
        press_handler(WriteAnalysis, write.write_analysis),
        press_handler(AddRecommendation, write.write_recommendation),
        press_handler(RemoveMenu, write.remove_menu),
        press_handler(RemoveRecommendation, write.remove),
        press_handler(DownloadSheet, sheet.download),
        press_handler(UploadSheet, sheet.ask_sheet),
        press_handler(SaveSheet, sheet.save),
        press_handler(DiscardSheet, sheet.discard),
    ]


def handlers() -> list[Handler]:
    """This feature's handlers, fresh for each application."""
    buttons = _buttons()
    return [
        conversation_handler(
            entry_points=[CommandHandler("analisis", browse.start), *buttons],
            states={
                AnalysisStep.TYPING: [MessageHandler(_TEXT, write.typed), *buttons],
                AnalysisStep.AWAIT_SHEET: [
                    MessageHandler(filters.Document.ALL, sheet.receive),
                    *buttons,
                ],
                AnalysisStep.CONFIRM_SHEET: buttons,
            },
            fallbacks=[CommandHandler("batal", browse.cancel)],
            name="analisis",
        )
    ]


FEATURE = Feature(
    name="analysis",
    handlers=handlers,
    step_openers={"analisis": browse.open_step},
)
