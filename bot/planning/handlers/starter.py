"""The starter plan: Jayawijaya's example plan loaded into an empty plan, to adjust."""

from __future__ import annotations

from telegram import Update

from bot.access import Member, services
from bot.context import Context
from bot.planning import texts, usecases
from bot.planning.callbacks import SeedPlan
from bot.planning.handlers.common import EDITORS, State, answer_for_year, back_to_menu
from bot.planning.handlers.menu import menu
from bot.ui.buttons import on_press
from bot.ui.chat import show


@on_press(SeedPlan, *EDITORS, stale=State.MENU)
async def seed(update: Update, context: Context, member: Member, data: SeedPlan) -> State:
    """The starter-plan button, offered while the plan is empty."""
    if not await answer_for_year(update, context, data.year):
        return State.MENU
    svc = services(context)
    result = usecases.seed_starter_plan(svc, year=data.year, actor_id=member.user_id)
    if isinstance(result, usecases.NotEmpty):
        await show(update, texts.PLAN_SEED_NOT_EMPTY, back_to_menu(data.year))
        return State.MENU
    text, markup = menu(svc, member, data.year)
    note = texts.PLAN_SEEDED.format(indicators=result.indicators, actions=result.actions)
    await show(update, f"{note}\n\n{text}", markup)
    return State.MENU
