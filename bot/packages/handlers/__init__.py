"""/paket (SOP step 10): the team imports the SIRUP export and matches satuan kerja to units;
owners (and the team) map each package to a strategic area, one at a time or the team all at
once with the mapping sheet; everyone sees the coverage. One conversation (paket.mmd)."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.context import Context
from bot.packages import callbacks as cb
from bot.packages.handlers import mapping, matching, menu, sheet, sirup_upload
from bot.packages.handlers.common import Step
from bot.ui.buttons import press_handler
from bot.ui.chat import conversation_handler

STEP_OPENERS = {"paket": menu.open_step}


def _buttons() -> list[BaseHandler[Update, Context, Any]]:
    """The menu buttons: they work in every step of the conversation."""
    return [
        press_handler(cb.Menu, menu.back_to_menu),
        press_handler(cb.SwitchYear, menu.switch_year),
        press_handler(cb.AskUpload, sirup_upload.ask_upload),
        press_handler(cb.Unmatched, matching.unmatched),
        press_handler(cb.ChooseUnit, matching.choose_unit),
        press_handler(cb.MatchUnit, matching.match_unit),
        press_handler(cb.Coverage, mapping.coverage),
        press_handler(cb.UnitPackages, mapping.unit_packages),
        press_handler(cb.OpenPackage, mapping.open_package),
        press_handler(cb.MapArea, mapping.map_area),
        press_handler(cb.DownloadSheet, sheet.download),
        press_handler(cb.UploadSheet, sheet.ask_sheet),
    ]


def _import_decisions() -> list[BaseHandler[Update, Context, Any]]:
    return [
        press_handler(cb.ImportYear, sirup_upload.choose_year),
        press_handler(cb.SaveImport, sirup_upload.save),
        press_handler(cb.DiscardImport, sirup_upload.discard),
    ]


def handlers() -> list[BaseHandler[Update, Context, Any]]:
    """This feature's handlers, fresh for each application."""
    flow = conversation_handler(
        entry_points=[CommandHandler("paket", menu.package_command), *_buttons()],
        states={
            Step.AWAIT_FILE: [
                MessageHandler(filters.Document.ALL, sirup_upload.receive_file),
                *_buttons(),
            ],
            Step.CONFIRM: [*_import_decisions(), *_buttons()],
            Step.AWAIT_SHEET: [
                MessageHandler(filters.Document.ALL, sheet.receive_sheet),
                *_buttons(),
            ],
            Step.CONFIRM_SHEET: [
                press_handler(cb.SaveSheet, sheet.save_sheet),
                press_handler(cb.DiscardSheet, sheet.discard_sheet),
                *_buttons(),
            ],
        },
        # An import's Simpan/Batal still works after a menu button moved the flow on.
        fallbacks=[CommandHandler("batal", menu.cancel), *_import_decisions()],
        name="paket",
    )
    # After the flow: a /paket button of an older format, or one no step is waiting for.
    return [flow, CallbackQueryHandler(menu.stale_press, pattern=r"^pkt:")]
