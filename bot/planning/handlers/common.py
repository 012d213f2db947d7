"""What the /rencana handlers share: the conversation's states, who may edit, the year a
person works on, and small ways to answer."""

from __future__ import annotations

import io
from enum import IntEnum

from telegram import InlineKeyboardMarkup, InputFile, Update

from bot import texts as app_texts
from bot.access import services
from bot.context import Context
from bot.core.roles import Role
from bot.planning import texts, usecases
from bot.planning.callbacks import OpenPlan
from bot.planning.drafts import PlanYear
from bot.planning.rules.model import Indicator, Plan
from bot.services import Services
from bot.sop.cycles import default_planning_year, plannable_years
from bot.ui import drafts
from bot.ui.chat import answer, button, show

EDITORS = (Role.KEPALA, Role.TIM)


class State(IntEnum):
    """The states of the /rencana conversation (rencana.mmd draws them)."""

    MENU = 0
    AWAIT_UPLOAD = 1
    CONFIRM_UPLOAD = 2
    EDIT_VALUE = 3
    ACTION_ACTIVITY = 4
    ACTION_OUTPUT = 5
    ACTION_SCHEDULE = 6


def chosen_year(svc: Services, context: Context) -> int:
    """The year the person works on in /rencana: the last one opened while it can still be
    planned, else the default (next year from 1 October)."""
    chosen = drafts.read(context.user_data, PlanYear)
    if isinstance(chosen, PlanYear) and chosen.year in plannable_years(svc):
        return chosen.year
    return default_planning_year(svc)


async def answer_for_year(update: Update, context: Context, year: int) -> bool:
    """Answer a plan button's press; whether its year can still be planned (it is then
    remembered as the person's choice). A closed, long past or forged year is answered as
    a stale button."""
    await answer(update)
    if year not in plannable_years(services(context)):
        await show(update, app_texts.STALE_BUTTON)
        return False
    drafts.write(context.user_data, PlanYear(year))
    return True


async def plan_of(update: Update, context: Context, year: int) -> Plan | None:
    """The plan of a button's year, after answering the press (None after refusing a year
    no longer planned)."""
    if not await answer_for_year(update, context, year):
        return None
    return usecases.current_plan(services(context), year=year).plan


async def indicator_of(
    update: Update, context: Context, year: int, code: str
) -> tuple[Plan, Indicator] | None:
    """The plan and the indicator a button names (None after saying why there is none)."""
    plan = await plan_of(update, context, year)
    if plan is None:
        return None
    found = plan.indicator(code)
    if found is None:
        await show(update, texts.PLAN_NOT_FOUND, back_to_menu(year))
        return None
    return plan, found


def back_to_menu(year: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[button(texts.PLAN_BUTTON_MENU, OpenPlan(year))]])


async def reply(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """Answer a typed message with a new message."""
    if update.effective_message is not None:
        await update.effective_message.reply_text(text, reply_markup=markup)


async def send_file(
    update: Update, context: Context, content: bytes, file_name: str, caption: str
) -> None:
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_document(
        chat.id, document=InputFile(io.BytesIO(content), filename=file_name), caption=caption
    )
