"""/plh: the head names an acting head (Plt/Plh) for a date range, or revokes one."""

from __future__ import annotations

from datetime import date
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import texts as app_texts
from bot.access import Member, callback_parts, int_or_none, members_only, services
from bot.approvals import texts
from bot.approvals.rules import ACTING_TITLES
from bot.context import Context
from bot.core.dates import format_date
from bot.core.examples import dmy, example_range
from bot.core.labels import fit
from bot.core.roles import Role
from bot.planning.rules.values import parse_date_range
from bot.services import Services
from bot.ui.chat import answer, button, conversation_handler, show
from storage import approvals, users

DATES = 0
DRAFT_KEY = "plh"


def _overview(svc: Services) -> tuple[str, InlineKeyboardMarkup]:
    today = svc.today()
    with svc.db.read() as session:
        rows = [
            (d, users.get_user(session, d.user_id))
            for d in approvals.list_delegations(session)
            if d.end_date >= today
        ]
    lines = [texts.DELEGATION_HEADER]
    buttons = []
    for delegation, person in rows:
        name = person.full_name if person else "?"
        lines.append(
            texts.DELEGATION_LINE.format(
                title=delegation.title,
                name=app_texts.esc(name),
                start=format_date(delegation.start_date, with_weekday=False),
                end=format_date(delegation.end_date, with_weekday=False),
                now=texts.DELEGATION_ACTIVE_NOW
                if delegation.start_date <= today <= delegation.end_date
                else "",
            )
        )
        label = texts.DELEGATION_BUTTON_REVOKE.format(title=delegation.title, name=name)
        buttons.append([button(fit(label), f"dlg:rv:{delegation.id}")])
    if not rows:
        lines.append(texts.DELEGATION_NONE)
    buttons.append([button(texts.DELEGATION_BUTTON_NEW, "dlg:new")])
    return "\n".join(lines), InlineKeyboardMarkup(buttons)


@members_only(Role.KEPALA)
async def overview(update: Update, context: Context, member: Member) -> int:
    """/plh: current and coming delegations, with buttons to add or revoke."""
    await answer(update)
    text, markup = _overview(services(context))
    await show(update, text, markup)
    return ConversationHandler.END


@members_only(Role.KEPALA)
async def choose(update: Update, context: Context, member: Member) -> int | None:
    """Pick the person, then the title; revoke a delegation."""
    await answer(update)
    assert context.user_data is not None
    parts = callback_parts(update.callback_query.data if update.callback_query else None, "dlg")
    svc = services(context)
    action = parts[0] if parts else ""
    if action == "new":
        with svc.db.read() as session:
            candidates = [
                u
                for u in users.list_users(session, role=Role.TIM)
                if u.active and u.id != member.user_id
            ]
        if not candidates:
            await show(update, texts.DELEGATION_NO_CANDIDATES)
            return ConversationHandler.END
        rows = [[button(fit(u.full_name), f"dlg:u:{u.id}")] for u in candidates]
        await show(update, texts.DELEGATION_CHOOSE_PERSON, InlineKeyboardMarkup(rows))
        return None
    target_id = int_or_none(parts[1]) if len(parts) > 1 else None
    if action == "rv" and target_id is not None:
        with svc.db.write() as session:
            actor = users.get_user(session, member.user_id)
            assert actor is not None
            approvals.revoke_delegation(
                session, delegation_id=target_id, actor=actor, now=svc.now()
            )
        text, markup = _overview(svc)
        await show(update, f"{texts.DELEGATION_REVOKED}\n\n{text}", markup)
        return ConversationHandler.END
    with svc.db.read() as session:
        person = None if target_id is None else users.get_user(session, target_id)
    if person is None or not person.active:
        await show(update, app_texts.STALE_BUTTON)
        return ConversationHandler.END
    if action == "u":
        rows = [[button(t, f"dlg:t:{person.id}:{t}") for t in ACTING_TITLES]]
        await show(
            update,
            texts.DELEGATION_CHOOSE_TITLE.format(name=app_texts.esc(person.full_name)),
            InlineKeyboardMarkup(rows),
        )
        return None
    if action == "t" and len(parts) == 3 and parts[2] in ACTING_TITLES:
        context.user_data[DRAFT_KEY] = {"user_id": person.id, "title": parts[2]}
        await show(
            update,
            texts.DELEGATION_ASK_DATES.format(
                title=parts[2], name=app_texts.esc(person.full_name), **_example(svc.today())
            ),
        )
        return DATES
    await show(update, app_texts.STALE_BUTTON)
    return ConversationHandler.END


def _example(today: date) -> dict[str, str]:
    """A ten-day span ahead of today, for the prompt's example."""
    start, end = example_range(today, days=10)
    return {"start": dmy(start), "end": dmy(end)}


@members_only(Role.KEPALA)
async def dates(update: Update, context: Context, member: Member) -> int:
    """The typed date range; then the delegation is stored and the person told."""
    assert context.user_data is not None and update.effective_message is not None
    svc = services(context)
    draft = context.user_data.get(DRAFT_KEY)
    if not isinstance(draft, dict):
        await update.effective_message.reply_text(app_texts.STALE_BUTTON)
        return ConversationHandler.END
    try:
        start, end = parse_date_range(update.effective_message.text or "")
    except ValueError as exc:
        await update.effective_message.reply_text(
            texts.DELEGATION_BAD_DATES.format(
                reason=app_texts.esc_rule(exc), **_example(svc.today())
            )
        )
        return DATES
    if end < svc.today():
        await update.effective_message.reply_text(texts.DELEGATION_PAST)
        return DATES
    with svc.db.write() as session:
        actor = users.get_user(session, member.user_id)
        person = users.get_user(session, int(draft["user_id"]))
        assert actor is not None
        if person is None:
            await update.effective_message.reply_text(app_texts.STALE_BUTTON)
            return ConversationHandler.END
        approvals.add_delegation(
            session,
            user_id=int(draft["user_id"]),
            title=str(draft["title"]),
            start=start,
            end=end,
            actor=actor,
            now=svc.now(),
        )
        person_chat, person_name = person.telegram_id, person.full_name
    context.user_data.pop(DRAFT_KEY, None)
    values = {
        "title": app_texts.esc(draft["title"]),
        "name": app_texts.esc(person_name),
        "start": format_date(start, with_weekday=False),
        "end": format_date(end, with_weekday=False),
    }
    await update.effective_message.reply_text(texts.DELEGATION_SAVED.format(**values))
    await context.bot.send_message(person_chat, texts.DELEGATION_NOTIFY.format(**values))
    return ConversationHandler.END


@members_only()
async def cancel(update: Update, context: Context, member: Member) -> int:
    """/batal while naming an acting head."""
    if context.user_data is not None:
        context.user_data.pop(DRAFT_KEY, None)
    if update.effective_message is not None:
        await update.effective_message.reply_text(app_texts.CANCELLED)
    return ConversationHandler.END


def handlers() -> list[BaseHandler[Update, Context, Any]]:
    """This feature's handlers, fresh for each application."""
    return [
        conversation_handler(
            entry_points=[
                CommandHandler("plh", overview),
                CallbackQueryHandler(choose, pattern=r"^dlg:"),
            ],
            states={
                DATES: [
                    MessageHandler(filters.TEXT & ~filters.COMMAND, dates),
                    CallbackQueryHandler(choose, pattern=r"^dlg:"),
                ]
            },
            fallbacks=[CommandHandler("batal", cancel)],
            name="plh",
        )
    ]
