"""Browsing the plan: strategic areas -> their indicators -> an indicator card -> its action
plans. Owners (pj) see the action plans of their own unit."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot import texts as app_texts
from bot.access import Member
from bot.context import Context
from bot.core.labels import fit
from bot.planning import messages, texts
from bot.planning.callbacks import (
    AddAction,
    BrowseAreas,
    DeleteAction,
    EditIndicator,
    OpenArea,
    OpenIndicator,
    OpenPlan,
    ShowActions,
)
from bot.planning.handlers.common import EDITORS, State, back_to_menu, indicator_of, plan_of
from bot.planning.rules.model import Indicator, Plan
from bot.ui.buttons import on_press
from bot.ui.chat import button, show


def _visible(plan: Plan, indicator: Indicator, member: Member) -> int:
    return len(messages.visible_actions(plan, indicator, member.role, member.unit_name))


def card(plan: Plan, indicator: Indicator, member: Member) -> tuple[str, InlineKeyboardMarkup]:
    """An indicator card with its buttons (edit, action plans, back to its area)."""
    year, code = plan.year, indicator.code
    count = _visible(plan, indicator, member)
    rows = []
    if member.role in EDITORS:
        rows.append([button(texts.PLAN_BUTTON_EDIT, EditIndicator(year, code))])
    rows.append([button(texts.PLAN_BUTTON_ACTIONS.format(count=count), ShowActions(year, code))])
    back = texts.PLAN_BUTTON_BACK_AREA.format(code=indicator.area_code)
    rows.append([button(back, OpenArea(year, indicator.area_code))])
    return messages.indicator_card(plan, indicator, count), InlineKeyboardMarkup(rows)


def actions_view(
    plan: Plan, indicator: Indicator, member: Member, note: str = ""
) -> tuple[str, InlineKeyboardMarkup]:
    """An indicator's action plans; editors get add and delete buttons."""
    year, code = plan.year, indicator.code
    actions = messages.visible_actions(plan, indicator, member.role, member.unit_name)
    text = messages.actions_text(indicator, actions)
    rows = []
    if member.role in EDITORS:
        rows.append([button(texts.PLAN_BUTTON_ADD_ACTION, AddAction(year, code))])
        rows.extend(
            [
                button(
                    texts.PLAN_BUTTON_DELETE_ACTION.format(number=a.number),
                    DeleteAction(year, code, a.number),
                )
            ]
            for a in actions
        )
    back = texts.PLAN_BUTTON_BACK_INDICATOR.format(code=code)
    rows.append([button(back, OpenIndicator(year, code))])
    return (f"{note}\n\n{text}" if note else text), InlineKeyboardMarkup(rows)


@on_press(BrowseAreas, stale=State.MENU)
async def areas(update: Update, context: Context, member: Member, data: BrowseAreas) -> State:
    """The strategic areas."""
    plan = await plan_of(update, context, data.year)
    if plan is None:
        return State.MENU
    if not plan.areas:
        await show(update, texts.PLAN_NOTHING, back_to_menu(data.year))
        return State.MENU
    rows = [[button(fit(f"{a.code} · {a.name}"), OpenArea(plan.year, a.code))] for a in plan.areas]
    rows.append([button(texts.PLAN_BUTTON_MENU, OpenPlan(plan.year))])
    await show(update, texts.PLAN_AREAS, InlineKeyboardMarkup(rows))
    return State.MENU


@on_press(OpenArea, stale=State.MENU)
async def area(update: Update, context: Context, member: Member, data: OpenArea) -> State:
    """One area: its category, objective and indicators."""
    plan = await plan_of(update, context, data.year)
    if plan is None:
        return State.MENU
    found = plan.area(data.code)
    if found is None:
        await show(update, texts.PLAN_NOT_FOUND, back_to_menu(data.year))
        return State.MENU
    objective = next((o.text for o in plan.objectives if o.code == found.objective_code), "-")
    indicators = plan.indicators_of(found.code)
    text = texts.PLAN_AREA.format(
        code=app_texts.esc(found.code),
        name=app_texts.esc(found.name),
        category=found.category.value,
        objective=app_texts.esc(objective),
    )
    if not indicators:
        text += texts.PLAN_AREA_EMPTY
    rows = [
        [button(fit(f"{i.code} · {i.name}"), OpenIndicator(plan.year, i.code))] for i in indicators
    ]
    rows.append([button(texts.PLAN_BUTTON_BROWSE, BrowseAreas(plan.year))])
    await show(update, text, InlineKeyboardMarkup(rows))
    return State.MENU


@on_press(OpenIndicator, stale=State.MENU)
async def indicator(update: Update, context: Context, member: Member, data: OpenIndicator) -> State:
    """An indicator card."""
    found = await indicator_of(update, context, data.year, data.code)
    if found is not None:
        await show(update, *card(*found, member))
    return State.MENU


@on_press(ShowActions, stale=State.MENU)
async def actions(update: Update, context: Context, member: Member, data: ShowActions) -> State:
    """An indicator's action plans."""
    found = await indicator_of(update, context, data.year, data.code)
    if found is not None:
        await show(update, *actions_view(*found, member))
    return State.MENU
