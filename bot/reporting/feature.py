"""Periodic reporting (SOP steps 11-12). What the feature gives the application: the /lapor
and /verifikasi conversations (diagrams ``lapor.mmd``, ``verifikasi.mmd``), /jadwal with
closing a cycle, and the opener of steps 11-12 for /tugas."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, MessageHandler, filters

from bot.context import Context
from bot.feature import Feature
from bot.reporting.callbacks import (
    AcceptReport,
    AskCloseCycle,
    ChooseActionStatus,
    ChoosePackage,
    ChoosePeriod,
    CloseCycle,
    DataTemplate,
    DiscardWorkbook,
    EditReport,
    EvidenceDone,
    KeepCycle,
    NextReport,
    PeriodPage,
    RestartReport,
    ResumeReport,
    ReturnReport,
    SendReport,
    SendRevision,
    SendWorkbook,
    ShowEvidence,
)
from bot.reporting.flow import ReportStep, VerifyStep, note_step, report_step
from bot.reporting.handlers import choose, guided, schedule, upload, verify
from bot.ui.buttons import press_handler
from bot.ui.chat import conversation_handler

Handler = BaseHandler[Update, Context, Any]
_TEXT = filters.TEXT & ~filters.COMMAND


def _report_buttons() -> list[Handler]:
    """Every /lapor button, taken in any state: a menu pressed again stays usable."""
    return [
        press_handler(ResumeReport, choose.resume),
        press_handler(RestartReport, choose.restart),
        press_handler(PeriodPage, choose.period_page),
        press_handler(ChoosePeriod, choose.choose_package),
        press_handler(ChoosePackage, choose.begin),
        press_handler(ChooseActionStatus, guided.action_status),
        press_handler(EvidenceDone, guided.evidence_done),
        press_handler(EditReport, guided.edit),
        press_handler(SendReport, guided.send),
        press_handler(SendRevision, guided.send_revision),
        press_handler(DataTemplate, upload.send_template),
        press_handler(SendWorkbook, upload.send),
        press_handler(DiscardWorkbook, upload.discard),
    ]


def _report() -> Handler:
    buttons = _report_buttons()
    typed = MessageHandler(_TEXT, guided.typed)
    return conversation_handler(
        entry_points=[CommandHandler("lapor", choose.start_report), *buttons],
        states={
            ReportStep.INPUT: [typed, *buttons],
            ReportStep.ACTION_STATUS: [typed, *buttons],
            ReportStep.ACTION_NOTE: [typed, *buttons],
            ReportStep.CONSTRAINTS: [typed, *buttons],
            ReportStep.EVIDENCE: [
                MessageHandler(filters.PHOTO | filters.Document.ALL, guided.evidence),
                *buttons,
            ],
            ReportStep.SUMMARY: buttons,
            ReportStep.CONFIRM_REVISION: buttons,
            ReportStep.AWAIT_WORKBOOK: [
                MessageHandler(filters.Document.ALL, upload.receive),
                *buttons,
            ],
            ReportStep.CONFIRM_WORKBOOK: buttons,
        },
        fallbacks=[CommandHandler("batal", choose.cancel)],
        name="lapor",
        resume=report_step,
    )


def _verify() -> Handler:
    buttons = [
        press_handler(AcceptReport, verify.accept),
        press_handler(ReturnReport, verify.ask_note),
        press_handler(ShowEvidence, verify.show_evidence),
        press_handler(NextReport, verify.next_report),
    ]
    return conversation_handler(
        entry_points=[CommandHandler("verifikasi", verify.verify_queue), *buttons],
        states={VerifyStep.AWAIT_NOTE: [MessageHandler(_TEXT, verify.verify_note), *buttons]},
        fallbacks=[CommandHandler("batal", verify.verify_cancel)],
        name="verifikasi",
        resume=note_step,
    )


def handlers() -> list[Handler]:
    """This feature's handlers, fresh for each application (conversations first)."""
    return [
        _report(),
        _verify(),
        CommandHandler("jadwal", schedule.schedule),
        press_handler(AskCloseCycle, schedule.ask_close),
        press_handler(CloseCycle, schedule.close),
        press_handler(KeepCycle, schedule.keep),
    ]


FEATURE = Feature(
    name="reporting",
    handlers=handlers,
    step_openers={"lapor": choose.open_step},
)
