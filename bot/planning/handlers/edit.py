"""Editing one indicator attribute from the chat: the attribute list, then a choice list or
a prompt for the typed value; the edit is checked and saved as the draft."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ConversationHandler

from bot import texts as app_texts
from bot.access import Member, members_only, services
from bot.context import Context
from bot.planning import messages, texts, usecases
from bot.planning.callbacks import ChooseValue, EditAttribute, EditIndicator, OpenIndicator
from bot.planning.drafts import AttributeEdit
from bot.planning.handlers.browse import card
from bot.planning.handlers.common import EDITORS, State, back_to_menu, indicator_of, reply
from bot.planning.rules.editing import ATTRIBUTES, Attribute, attribute
from bot.sop.cycles import plannable_years
from bot.ui import drafts
from bot.ui.buttons import on_press
from bot.ui.chat import button, remember_step, show


def _back(year: int, code: str) -> list[list[InlineKeyboardButton]]:
    return [[button(texts.PLAN_BUTTON_BACK_INDICATOR.format(code=code), OpenIndicator(year, code))]]


@on_press(EditIndicator, *EDITORS, stale=State.MENU)
async def choose_attribute(
    update: Update, context: Context, member: Member, data: EditIndicator
) -> State:
    """The attributes of an indicator, two buttons a row."""
    if await indicator_of(update, context, data.year, data.code) is None:
        return State.MENU
    rows = [
        [
            button(a.label.capitalize(), EditAttribute(data.year, data.code, a.key))
            for a in ATTRIBUTES[i : i + 2]
        ]
        for i in range(0, len(ATTRIBUTES), 2)
    ]
    rows += _back(data.year, data.code)
    text = texts.PLAN_CHOOSE_ATTRIBUTE.format(code=app_texts.esc(data.code))
    await show(update, text, InlineKeyboardMarkup(rows))
    return State.MENU


@on_press(EditAttribute, *EDITORS, stale=State.MENU)
async def edit_attribute(
    update: Update, context: Context, member: Member, data: EditAttribute
) -> State:
    """A choice list, or a prompt for the typed value."""
    found = await indicator_of(update, context, data.year, data.code)
    if found is None:
        return State.MENU
    _, indicator = found
    attr = attribute(data.attribute)
    if attr is None:
        await show(update, app_texts.STALE_BUTTON)
        return State.MENU
    current = messages.current_value(indicator, attr)
    code = app_texts.esc(data.code)
    if attr.choices:
        rows = [
            [button(choice, ChooseValue(data.year, data.code, attr.key, n))]
            for n, choice in enumerate(attr.choices)
        ]
        rows += _back(data.year, data.code)
        text = texts.PLAN_CHOOSE_VALUE.format(label=attr.label, code=code, current=current)
        await show(update, text, InlineKeyboardMarkup(rows))
        return State.MENU
    drafts.write(context.user_data, AttributeEdit(data.year, data.code, attr.key))
    remember_step(context.user_data, State.EDIT_VALUE)
    example = texts.PLAN_EXAMPLES.get(attr.field, "")
    prompt = texts.PLAN_ASK_VALUE.format(
        label=attr.label, code=code, current=current, example=example
    )
    await show(update, prompt)
    return State.EDIT_VALUE


@on_press(ChooseValue, *EDITORS, stale=State.MENU)
async def choose_value(
    update: Update, context: Context, member: Member, data: ChooseValue
) -> State:
    """One value of a choice attribute."""
    if await indicator_of(update, context, data.year, data.code) is None:
        return State.MENU
    attr = attribute(data.attribute)
    if attr is None or not 0 <= data.choice < len(attr.choices):
        await show(update, app_texts.STALE_BUTTON)
        return State.MENU
    return await _apply(
        update, context, member, data.year, data.code, attr, attr.choices[data.choice]
    )


@members_only(*EDITORS)
async def typed_value(update: Update, context: Context, member: Member) -> int:
    """The typed new value of the attribute being edited."""
    edit = drafts.read(context.user_data, AttributeEdit)
    if edit is drafts.DROPPED:
        await reply(update, app_texts.DRAFT_DROPPED)
        return ConversationHandler.END
    attr = None if edit is None else attribute(edit.attribute)
    if edit is None or attr is None or edit.year not in plannable_years(services(context)):
        await reply(update, app_texts.STALE_BUTTON)
        return ConversationHandler.END
    message = update.effective_message
    raw = (message.text or "") if message is not None else ""
    return await _apply(update, context, member, edit.year, edit.code, attr, raw)


async def _apply(
    update: Update,
    context: Context,
    member: Member,
    year: int,
    code: str,
    attr: Attribute,
    raw: str,
) -> State:
    """Save the value and show the card again; a refused value is asked for again."""
    result = usecases.edit_attribute(
        services(context), year=year, code=code, attribute=attr, raw=raw, actor_id=member.user_id
    )
    if isinstance(result, usecases.NotFound):
        await show(update, texts.PLAN_NOT_FOUND, back_to_menu(year))
        return State.MENU
    if isinstance(result, usecases.Invalid):
        await show(update, texts.PLAN_BAD_VALUE.format(reason=app_texts.esc_rule(result.reason)))
        return State.EDIT_VALUE
    note = texts.PLAN_ATTRIBUTE_SAVED.format(
        label=attr.label.capitalize(), code=app_texts.esc(code)
    )
    if result.targets_derived:
        note += texts.PLAN_TARGETS_DERIVED.format(count=result.targets_derived)
    if result.was_read_only:
        note += "\n" + messages.saved_text(result.saved)
    drafts.clear(context.user_data, AttributeEdit)
    text, markup = card(result.plan, result.indicator, member)
    await show(update, f"{note}\n\n{text}", markup)
    return State.MENU
