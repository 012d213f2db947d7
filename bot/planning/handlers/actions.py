"""Action plans from the chat: add one in three typed steps (activity, output, schedule),
or delete one after a confirmation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ConversationHandler

from bot import texts as app_texts
from bot.access import Member, members_only, services
from bot.context import Context
from bot.core.examples import dmy, example_range
from bot.planning import texts, usecases
from bot.planning.callbacks import AddAction, ConfirmDelete, DeleteAction, ShowActions
from bot.planning.drafts import NewAction
from bot.planning.handlers.browse import actions_view
from bot.planning.handlers.common import (
    EDITORS,
    State,
    answer_for_year,
    back_to_menu,
    indicator_of,
    reply,
)
from bot.planning.rules.model import ActionPlan
from bot.sop.cycles import plannable_years
from bot.ui import drafts
from bot.ui.buttons import on_press
from bot.ui.chat import button, remember_step, show

END = ConversationHandler.END


async def _action(
    update: Update, context: Context, year: int, code: str, number: int
) -> ActionPlan | None:
    """The action plan a button names (None after saying why there is none)."""
    found = await indicator_of(update, context, year, code)
    if found is None:
        return None
    plan, _ = found
    action = next((a for a in plan.actions_of(code) if a.number == number), None)
    if action is None:
        await show(update, texts.PLAN_NOT_FOUND, back_to_menu(year))
    return action


@on_press(AddAction, *EDITORS, stale=State.MENU)
async def add_action(update: Update, context: Context, member: Member, data: AddAction) -> State:
    """➕ Tambah rencana aksi: ask for the activity."""
    if await indicator_of(update, context, data.year, data.code) is None:
        return State.MENU
    drafts.write(context.user_data, NewAction(data.year, data.code))
    remember_step(context.user_data, State.ACTION_ACTIVITY)
    await show(update, texts.PLAN_ASK_ACTIVITY.format(code=app_texts.esc(data.code)))
    return State.ACTION_ACTIVITY


@on_press(DeleteAction, *EDITORS, stale=State.MENU)
async def delete_action(
    update: Update, context: Context, member: Member, data: DeleteAction
) -> State:
    """🗑 Hapus: ask to confirm."""
    action = await _action(update, context, data.year, data.code, data.number)
    if action is None:
        return State.MENU
    markup = InlineKeyboardMarkup(
        [
            [
                button(
                    texts.PLAN_BUTTON_CONFIRM_DELETE,
                    ConfirmDelete(data.year, data.code, data.number),
                )
            ],
            [button(app_texts.BUTTON_CANCEL, ShowActions(data.year, data.code))],
        ]
    )
    text = texts.PLAN_CONFIRM_DELETE.format(
        code=app_texts.esc(data.code), number=data.number, activity=app_texts.esc(action.activity)
    )
    await show(update, text, markup)
    return State.MENU


@on_press(ConfirmDelete, *EDITORS, stale=State.MENU)
async def confirm_delete(
    update: Update, context: Context, member: Member, data: ConfirmDelete
) -> State:
    """Ya, hapus: delete the action plan and show the others."""
    if not await answer_for_year(update, context, data.year):
        return State.MENU
    result = usecases.remove_action_plan(
        services(context),
        year=data.year,
        code=data.code,
        number=data.number,
        actor_id=member.user_id,
    )
    if isinstance(result, usecases.NotFound):
        await show(update, texts.PLAN_NOT_FOUND, back_to_menu(data.year))
        return State.MENU
    note = texts.PLAN_ACTION_DELETED.format(code=app_texts.esc(data.code), number=data.number)
    await show(update, *actions_view(result.plan, result.indicator, member, note))
    return State.MENU


def _typed_text(update: Update) -> str | None:
    message = update.effective_message
    text = " ".join((message.text or "").split()) if message is not None else ""
    return text if 3 <= len(text) <= 1000 else None


async def _draft(update: Update, context: Context) -> NewAction | None:
    """The action plan being typed (None after saying it cannot go on)."""
    draft = drafts.read(context.user_data, NewAction)
    if draft is drafts.DROPPED:
        await reply(update, app_texts.DRAFT_DROPPED)
        return None
    if draft is None or draft.year not in plannable_years(services(context)):
        await reply(update, app_texts.STALE_BUTTON)
        return None
    return draft


async def _typed(
    update: Update, context: Context, state: State, keep: Callable[[NewAction, str], NewAction]
) -> NewAction | int:
    """Keep the text just typed in the action plan being typed; else the state to be in
    (after saying why: no draft, or a text too short or too long)."""
    draft = await _draft(update, context)
    if draft is None:
        return END
    text = _typed_text(update)
    if text is None:
        await reply(update, app_texts.PLAN_TEXT_REQUIRED)
        return state
    draft = keep(draft, text)
    drafts.write(context.user_data, draft)
    return draft


@members_only(*EDITORS)
async def action_activity(update: Update, context: Context, member: Member) -> int:
    """1/3: what will be done."""
    typed = await _typed(
        update, context, State.ACTION_ACTIVITY, lambda draft, text: replace(draft, activity=text)
    )
    if isinstance(typed, int):
        return typed
    remember_step(context.user_data, State.ACTION_OUTPUT)
    await reply(update, texts.PLAN_ASK_OUTPUT)
    return State.ACTION_OUTPUT


def _schedule_example(today: date, year: int) -> dict[str, str]:
    """Five months of the plan's year, from February or next month, whichever is later."""
    start, end = example_range(today, days=150, not_before=date(year, 2, 1), year=year)
    return {"start": dmy(start), "end": dmy(end)}


@members_only(*EDITORS)
async def action_output(update: Update, context: Context, member: Member) -> int:
    """2/3: what it produces."""
    typed = await _typed(
        update, context, State.ACTION_OUTPUT, lambda draft, text: replace(draft, output=text)
    )
    if isinstance(typed, int):
        return typed
    example = _schedule_example(services(context).today(), typed.year)
    remember_step(context.user_data, State.ACTION_SCHEDULE)
    await reply(update, texts.PLAN_ASK_SCHEDULE.format(**example))
    return State.ACTION_SCHEDULE


@members_only(*EDITORS)
async def action_schedule(update: Update, context: Context, member: Member) -> int:
    """3/3: start and end; then store the action plan."""
    draft = await _draft(update, context)
    if draft is None or not (draft.activity and draft.output):
        if draft is not None:
            await reply(update, app_texts.STALE_BUTTON)
        return END
    svc = services(context)
    message = update.effective_message
    result = usecases.add_action_plan(
        svc,
        year=draft.year,
        code=draft.code,
        activity=draft.activity,
        output=draft.output,
        schedule=(message.text or "") if message is not None else "",
        actor_id=member.user_id,
    )
    if isinstance(result, usecases.NotFound):
        await reply(update, texts.PLAN_NOT_FOUND)
        return END
    if isinstance(result, usecases.Invalid):
        example = _schedule_example(svc.today(), draft.year)
        reason = app_texts.esc_rule(result.reason)
        await reply(update, texts.PLAN_BAD_SCHEDULE.format(reason=reason, **example))
        return State.ACTION_SCHEDULE
    drafts.clear(context.user_data, NewAction)
    count = len(result.plan.actions_of(draft.code))
    markup = InlineKeyboardMarkup(
        [
            [
                button(
                    texts.PLAN_BUTTON_ACTIONS.format(count=count),
                    ShowActions(draft.year, draft.code),
                )
            ]
        ]
    )
    note = texts.PLAN_ACTION_ADDED.format(code=app_texts.esc(draft.code), number=result.number)
    await reply(update, note, markup)
    return State.MENU
