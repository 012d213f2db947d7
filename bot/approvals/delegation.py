"""/plh: the head names an acting head (Plt/Plh) for a date range, or revokes one."""

from __future__ import annotations

from datetime import date
from enum import IntEnum
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import (
    BaseHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import texts as app_texts
from bot.access import Member, members_only, services
from bot.approvals import texts, usecases
from bot.approvals.callbacks import NewActing, PickActing, PickTitle, RevokeActing
from bot.approvals.drafts import ActingDraft
from bot.approvals.rules import (
    ACTING_TITLES,
    DELEGATION_BACKDATE_DAYS,
    DELEGATION_MAX_DAYS,
    RangeRefusal,
    delegation_range_refusal,
)
from bot.context import Context
from bot.core.dates import format_date
from bot.core.examples import dmy, example_range
from bot.core.labels import fit
from bot.core.roles import Role
from bot.planning.rules.values import parse_date_range
from bot.services import Services
from bot.ui.buttons import on_press, press_handler, stale_presses
from bot.ui.chat import answer, button, conversation_handler, remember_step, show
from bot.ui.drafts import DROPPED, clear, read, write

END = ConversationHandler.END


_RANGE_REFUSALS = {
    RangeRefusal.PAST: texts.DELEGATION_PAST,
    RangeRefusal.TOO_EARLY: texts.DELEGATION_TOO_EARLY.format(days=DELEGATION_BACKDATE_DAYS),
    RangeRefusal.TOO_LONG: texts.DELEGATION_TOO_LONG.format(days=DELEGATION_MAX_DAYS),
}


class Step(IntEnum):
    """The state of /plh (see plh.mmd)."""

    DATES = 0


def _overview(svc: Services) -> tuple[str, InlineKeyboardMarkup]:
    today = svc.today()
    heads = usecases.acting_heads(svc)
    lines = [texts.DELEGATION_HEADER]
    buttons = []
    for acting in heads:
        lines.append(
            texts.DELEGATION_LINE.format(
                title=acting.title,
                name=app_texts.esc(acting.name),
                start=format_date(acting.start, with_weekday=False),
                end=format_date(acting.end, with_weekday=False),
                now=texts.DELEGATION_ACTIVE_NOW if acting.start <= today <= acting.end else "",
            )
        )
        label = texts.DELEGATION_BUTTON_REVOKE.format(title=acting.title, name=acting.name)
        buttons.append([button(fit(label), RevokeActing(delegation_id=acting.delegation_id))])
    if not heads:
        lines.append(texts.DELEGATION_NONE)
    buttons.append([button(texts.DELEGATION_BUTTON_NEW, NewActing())])
    return "\n".join(lines), InlineKeyboardMarkup(buttons)


@members_only(Role.KEPALA)
async def overview(update: Update, context: Context, member: Member) -> int:
    """/plh: current and coming delegations, with buttons to add or revoke."""
    text, markup = _overview(services(context))
    await show(update, text, markup)
    return END


@on_press(NewActing, Role.KEPALA, stale=END)
async def new_acting(
    update: Update, context: Context, member: Member, data: NewActing
) -> int | None:
    """➕ Tunjuk Plt/Plh: who is named (an active team member)."""
    await answer(update)
    candidates = usecases.acting_candidates(services(context), head_id=member.user_id)
    if not candidates:
        await show(update, texts.DELEGATION_NO_CANDIDATES)
        return END
    rows = [[button(fit(c.name), PickActing(user_id=c.user_id))] for c in candidates]
    await show(update, texts.DELEGATION_CHOOSE_PERSON, InlineKeyboardMarkup(rows))
    return None


@on_press(RevokeActing, Role.KEPALA, stale=END)
async def revoke(update: Update, context: Context, member: Member, data: RevokeActing) -> int:
    """Cabut: the delegation ends now."""
    await answer(update)
    svc = services(context)
    usecases.revoke_acting_head(svc, actor_id=member.user_id, delegation_id=data.delegation_id)
    text, markup = _overview(svc)
    await show(update, f"{texts.DELEGATION_REVOKED}\n\n{text}", markup)
    return END


@on_press(PickActing, Role.KEPALA, stale=END)
async def pick_person(
    update: Update, context: Context, member: Member, data: PickActing
) -> int | None:
    """The person chosen: as Plt or as Plh?"""
    await answer(update)
    person = usecases.candidate(services(context), user_id=data.user_id)
    if person is None:
        await show(update, app_texts.STALE_BUTTON)
        return END
    rows = [[button(t, PickTitle(user_id=person.user_id, title=t)) for t in ACTING_TITLES]]
    name = app_texts.esc(person.name)
    await show(update, texts.DELEGATION_CHOOSE_TITLE.format(name=name), InlineKeyboardMarkup(rows))
    return None


def _example(today: date) -> dict[str, str]:
    """A ten-day span ahead of today, for the prompt's example."""
    start, end = example_range(today, days=10)
    return {"start": dmy(start), "end": dmy(end)}


@on_press(PickTitle, Role.KEPALA, stale=END)
async def pick_title(update: Update, context: Context, member: Member, data: PickTitle) -> int:
    """The title chosen: the dates are typed next."""
    await answer(update)
    svc = services(context)
    person = usecases.candidate(svc, user_id=data.user_id)
    if person is None or data.title not in ACTING_TITLES:
        await show(update, app_texts.STALE_BUTTON)
        return END
    write(context.user_data, ActingDraft(user_id=person.user_id, title=data.title))
    remember_step(context.user_data, Step.DATES)
    await show(
        update,
        texts.DELEGATION_ASK_DATES.format(
            title=data.title, name=app_texts.esc(person.name), **_example(svc.today())
        ),
    )
    return Step.DATES


@members_only(Role.KEPALA)
async def dates(update: Update, context: Context, member: Member) -> int:
    """The typed date range; then the delegation is stored and the person told."""
    message = update.effective_message
    assert message is not None
    svc = services(context)
    draft = read(context.user_data, ActingDraft)
    if not isinstance(draft, ActingDraft):
        await message.reply_text(
            app_texts.DRAFT_DROPPED if draft is DROPPED else app_texts.STALE_BUTTON
        )
        return END
    try:
        start, end = parse_date_range(message.text or "")
    except ValueError as exc:
        reason = app_texts.esc_rule(exc)
        await message.reply_text(
            texts.DELEGATION_BAD_DATES.format(reason=reason, **_example(svc.today()))
        )
        return Step.DATES
    refused = delegation_range_refusal(start, end, svc.today())
    if refused is not None:
        await message.reply_text(_RANGE_REFUSALS[refused])
        return Step.DATES
    named = usecases.name_acting_head(
        svc, actor_id=member.user_id, user_id=draft.user_id, title=draft.title, start=start, end=end
    )
    clear(context.user_data, ActingDraft)
    if named is None:
        await message.reply_text(app_texts.STALE_BUTTON)
        return END
    # The person named is told through the outbox, once this update is done.
    values = usecases.delegation_values(named, draft.title, start, end)
    await message.reply_text(texts.DELEGATION_SAVED.format(**values))
    return END


@members_only()
async def cancel(update: Update, context: Context, member: Member) -> int:
    """/batal while naming an acting head."""
    clear(context.user_data, ActingDraft)
    await show(update, app_texts.CANCELLED)
    return END


def _presses() -> list[BaseHandler[Update, Context, Any]]:
    return [
        press_handler(NewActing, new_acting),
        press_handler(RevokeActing, revoke),
        press_handler(PickActing, pick_person),
        press_handler(PickTitle, pick_title),
    ]


def handlers() -> list[BaseHandler[Update, Context, Any]]:
    """This feature's handlers, fresh for each application."""
    return [
        conversation_handler(
            entry_points=[CommandHandler("plh", overview), *_presses()],
            states={
                Step.DATES: [MessageHandler(filters.TEXT & ~filters.COMMAND, dates), *_presses()]
            },
            fallbacks=[CommandHandler("batal", cancel)],
            name="plh",
        ),
        # Last: a /plh button of an older release (``dlg:``) or a damaged one.
        stale_presses(r"^(plh|dlg):", Role.KEPALA),
    ]
