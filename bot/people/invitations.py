"""/undang: the head or the team creates a one-time invitation link (role, then unit)."""

from __future__ import annotations

from datetime import datetime
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
from bot.context import Context
from bot.core.dates import format_datetime
from bot.core.labels import unit_label
from bot.core.roles import Role, invitable_roles, role_needs_unit
from bot.people import texts
from bot.people.invitation_rules import DEFAULT_LIFETIME, deep_link, new_code
from bot.services import Services
from bot.ui.chat import answer, button, conversation_handler, paged, show
from storage import audit, units, users

CHOOSE_ROLE, CHOOSE_UNIT, NEW_UNIT = range(3)
_ROLE_KEY = "undang_role"


def _role_markup(member: Member) -> InlineKeyboardMarkup:
    rows = [
        [button(app_texts.ROLE_NAMES[r], f"und:role:{r.value}")]
        for r in invitable_roles(member.role)
    ]
    rows.append([button(app_texts.BUTTON_CANCEL, "und:cancel")])
    return InlineKeyboardMarkup(rows)


@members_only(Role.KEPALA, Role.TIM)
async def start_invite(update: Update, context: Context, member: Member) -> int:
    """/undang: ask which role the invitation is for."""
    await show(update, texts.INVITE_CHOOSE_ROLE, _role_markup(member))
    return CHOOSE_ROLE


async def _show_units(update: Update, context: Context, page: int) -> int:
    svc = services(context)
    with svc.db.read() as session:
        unit_list = [
            (u.id, unit_label(u.name, u.short_name))
            for u in units.list_units(session)
            if u.id is not None
        ]
    markup, page, pages = paged(
        unit_list,
        page=page,
        make_button=lambda u: button(u[1], f"und:unit:{u[0]}"),
        nav_data=lambda p: f"und:page:{p}",
        extra_rows=[
            [button(texts.INVITE_BUTTON_NEW_UNIT, "und:new")],
            [button(app_texts.BUTTON_CANCEL, "und:cancel")],
        ],
    )
    await show(update, texts.INVITE_CHOOSE_UNIT.format(page=page, pages=pages), markup)
    return CHOOSE_UNIT


def _create(
    svc: Services, member: Member, role: Role, unit_id: int | None, *, replaces_head: bool
) -> tuple[str, datetime, str | None]:
    """Store a new invitation; its code, expiry and the unit's name.

    Raises HeadExists for a head's invitation while a head is active (not a replacement).
    """
    now = svc.now()
    with svc.db.write() as session:
        creator = users.get_user(session, member.user_id)
        invitation = users.create_invitation(
            session,
            code=new_code(),
            role=role,
            unit_id=unit_id,
            created_by=creator,
            created_via="bot",
            now=now,
            expires_at=now + DEFAULT_LIFETIME,
            replaces_head=replaces_head,
        )
        unit = None if unit_id is None else units.get_unit(session, unit_id)
        return invitation.code, invitation.expires_at, None if unit is None else unit.name


def _head_name(svc: Services) -> str | None:
    with svc.db.read() as session:
        head = users.active_head(session)
        return None if head is None else head.full_name


async def _finish(
    update: Update,
    context: Context,
    member: Member,
    role: Role,
    unit_id: int | None,
    *,
    replaces_head: bool = False,
) -> int:
    svc = services(context)
    head = _head_name(svc) if role is Role.KEPALA else None
    try:
        code, expires, unit_name = _create(svc, member, role, unit_id, replaces_head=replaces_head)
    except users.HeadExists as exc:
        # One head at a time: say so, and offer the replacement explicitly.
        markup = InlineKeyboardMarkup(
            [
                [button(texts.INVITE_BUTTON_REPLACE_HEAD, "und:head")],
                [button(app_texts.BUTTON_CANCEL, "und:cancel")],
            ]
        )
        name = app_texts.esc(exc.head_name)
        await show(update, texts.INVITE_HEAD_EXISTS.format(name=name), markup)
        return CHOOSE_ROLE
    values = {
        "role": app_texts.ROLE_NAMES[role],
        "unit": app_texts.unit_suffix(unit_name),
        "expires": format_datetime(expires, svc.profile.timezone),
        "code": code,
    }
    username = context.bot.username
    if username:
        text = texts.INVITE_CREATED.format(link=deep_link(username, code), **values)
    else:
        text = texts.INVITE_CREATED_NO_USERNAME.format(**values)
    if head is not None:
        text += texts.INVITE_REPLACES_HEAD.format(name=app_texts.esc(head))
    await show(update, text)
    _forget(context)
    return ConversationHandler.END


def _forget(context: Context) -> None:
    if context.user_data is not None:
        context.user_data.pop(_ROLE_KEY, None)


@members_only(Role.KEPALA, Role.TIM)
async def choose(update: Update, context: Context, member: Member) -> int | None:
    """The role, unit, page and cancel buttons of /undang."""
    await answer(update)
    parts = callback_parts(update.callback_query.data if update.callback_query else None, "und")
    action = parts[0] if parts else ""
    assert context.user_data is not None
    if action == "cancel":
        await show(update, app_texts.CANCELLED)
        _forget(context)
        return ConversationHandler.END
    if action == "team":
        parts = ["role", Role.TIM.value]
        action = "role"
    if action == "head" and Role.KEPALA in invitable_roles(member.role):
        return await _finish(update, context, member, Role.KEPALA, None, replaces_head=True)
    if action == "role" and len(parts) == 2:
        role = next((r for r in invitable_roles(member.role) if r.value == parts[1]), None)
        if role is None:
            await show(update, app_texts.STALE_BUTTON)
            return ConversationHandler.END
        if not role_needs_unit(role):
            return await _finish(update, context, member, role, None)
        context.user_data[_ROLE_KEY] = role.value
        return await _show_units(update, context, 1)
    role_value = context.user_data.get(_ROLE_KEY)
    if role_value not in {r.value for r in invitable_roles(member.role)}:
        await show(update, app_texts.STALE_BUTTON)
        return ConversationHandler.END
    role = Role(role_value)
    if action == "page" and len(parts) == 2:
        return await _show_units(update, context, int_or_none(parts[1]) or 1)
    if action == "new":
        await show(update, texts.INVITE_ASK_UNIT_NAME)
        return NEW_UNIT
    if action == "unit" and len(parts) == 2:
        unit_id = int_or_none(parts[1])
        svc = services(context)
        with svc.db.read() as session:
            unit = None if unit_id is None else units.get_unit(session, unit_id)
        if unit is None or not unit.active:
            await show(update, app_texts.STALE_BUTTON)
            return ConversationHandler.END
        return await _finish(update, context, member, role, unit_id)
    await show(update, app_texts.STALE_BUTTON)
    return ConversationHandler.END


@members_only(Role.KEPALA, Role.TIM)
async def new_unit_name(update: Update, context: Context, member: Member) -> int:
    """The typed name of a unit that is not in the list yet."""
    message = update.effective_message
    assert message is not None and context.user_data is not None
    name = " ".join((message.text or "").split())
    if not 3 <= len(name) <= 200:
        await message.reply_text(texts.INVITE_BAD_UNIT_NAME)
        return NEW_UNIT
    role_value = context.user_data.get(_ROLE_KEY)
    if role_value not in {r.value for r in invitable_roles(member.role)}:
        await message.reply_text(app_texts.STALE_BUTTON)
        return ConversationHandler.END
    svc = services(context)
    now = svc.now()
    with svc.db.write() as session:
        unit = units.find_unit(session, name=name)
        if unit is None:
            unit = units.create_unit(session, name=name, now=now)
            assert unit.id is not None
            audit.record(
                session,
                at=now,
                actor_user_id=member.user_id,
                actor_label=member.full_name,
                action="unit.create",
                entity="unit",
                entity_id=unit.id,
                after={"name": unit.name},
            )
            await_created = True
        else:
            await_created = False
        unit_id, unit_name = unit.id, unit.name
    if await_created:
        await message.reply_text(texts.INVITE_UNIT_CREATED.format(unit=app_texts.esc(unit_name)))
    return await _finish(update, context, member, Role(role_value), unit_id)


@members_only()
async def cancel(update: Update, context: Context, member: Member) -> int:
    """/batal while creating an invitation."""
    _forget(context)
    if update.effective_message is not None:
        await update.effective_message.reply_text(app_texts.CANCELLED)
    return ConversationHandler.END


def conversation() -> ConversationHandler[Any]:
    """The /undang conversation (persistent, like every conversation of the bot)."""
    return conversation_handler(
        entry_points=[
            CommandHandler("undang", start_invite),
            # "Undang anggota tim" under a new head's /tugas starts here with the role chosen.
            CallbackQueryHandler(choose, pattern=r"^und:team$"),
        ],
        states={
            CHOOSE_ROLE: [CallbackQueryHandler(choose, pattern=r"^und:")],
            CHOOSE_UNIT: [CallbackQueryHandler(choose, pattern=r"^und:")],
            NEW_UNIT: [MessageHandler(filters.TEXT & ~filters.COMMAND, new_unit_name)],
        },
        fallbacks=[CommandHandler("batal", cancel)],
        name="undang",
    )


@members_only(Role.KEPALA, Role.TIM)
async def stale(update: Update, context: Context, member: Member) -> None:
    """An /undang button from a finished or abandoned invitation."""
    await answer(update, app_texts.STALE_BUTTON)


def handlers() -> list[BaseHandler[Update, Context, Any]]:
    """This feature's handlers, fresh for each application."""
    return [conversation(), CallbackQueryHandler(stale, pattern=r"^und:")]
