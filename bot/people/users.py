"""/pengguna: the head lists users, changes a role or deactivates someone (buttons only)."""

from __future__ import annotations

import logging
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot import texts as app_texts
from bot.access import Member, callback_parts, int_or_none, members_only, services
from bot.context import Context
from bot.core.dates import format_datetime
from bot.core.labels import fit, room_left, unit_label
from bot.core.roles import Role, role_needs_unit
from bot.people import texts
from bot.people.nip import format_nip
from bot.services import Services
from bot.ui.chat import answer, button, paged, set_role_commands, show
from storage import units, users
from storage.models import User

logger = logging.getLogger(__name__)


def _list_markup(svc: Services, page: int) -> tuple[str, InlineKeyboardMarkup | None]:
    with svc.db.read() as session:
        people = [(u.id, u.full_name, Role(u.role), u.active) for u in users.list_users(session)]
    if not people:
        return texts.USERS_EMPTY, None

    def label(person: tuple[int | None, str, Role, bool]) -> str:
        _, name, role, active = person
        mark = "" if active else "🚫 "
        role_name = texts.ROLE_SHORT[role]
        room = room_left(texts.USER_BUTTON.format(mark=mark, name="", role=role_name))
        return texts.USER_BUTTON.format(mark=mark, name=fit(name, room), role=role_name)

    markup, page, pages = paged(
        people,
        page=page,
        make_button=lambda p: button(label(p), f"usr:{p[0]}"),
        nav_data=lambda p: f"usr:list:{p}",
    )
    return texts.USERS_HEADER.format(count=len(people), page=page, pages=pages), markup


@members_only(Role.KEPALA)
async def list_users(update: Update, context: Context, member: Member) -> None:
    """/pengguna: every registered user as a button, a page at a time."""
    await answer(update)
    parts = callback_parts(update.callback_query.data if update.callback_query else None, "usr")
    page = int_or_none(parts[1]) if len(parts) == 2 else 1
    text, markup = _list_markup(services(context), page or 1)
    await show(update, text, markup)


def _card(svc: Services, user: User, unit_name: str | None) -> tuple[str, InlineKeyboardMarkup]:
    role = Role(user.role)
    text = texts.USER_CARD.format(
        name=app_texts.esc(user.full_name),
        nip=format_nip(user.nip),
        position=app_texts.esc(user.position),
        role=app_texts.ROLE_NAMES[role],
        unit=app_texts.unit_suffix(unit_name),
        status=texts.USER_STATUS_ACTIVE if user.active else texts.USER_STATUS_INACTIVE,
        registered=format_datetime(user.registered_at, svc.profile.timezone),
    )
    rows = []
    if user.active:
        rows = [
            [
                button(
                    texts.USER_BUTTON_MAKE.format(role=app_texts.ROLE_NAMES[r]),
                    f"usr:{user.id}:r:{r.value}",
                )
            ]
            for r in Role
            # One head at a time (the viewer is the head): a new head comes with a
            # replacement invitation from /undang, an acting one through /plh.
            if r is not Role.KEPALA and (r is not role or role_needs_unit(r))
        ]
        rows.append([button(texts.USER_BUTTON_DEACTIVATE, f"usr:{user.id}:off")])
    else:
        rows.append([button(texts.USER_BUTTON_ACTIVATE, f"usr:{user.id}:on")])
    rows.append([button(app_texts.BUTTON_BACK, "usr:list:1")])
    return text, InlineKeyboardMarkup(rows)


async def _show_card(update: Update, svc: Services, user_id: int, note: str = "") -> None:
    with svc.db.read() as session:
        user = users.get_user(session, user_id)
        unit = None if user is None else users.unit_of(session, user)
    if user is None:
        await show(update, texts.USER_NOT_FOUND)
        return
    text, markup = _card(svc, user, None if unit is None else unit.name)
    await show(update, f"{note}\n\n{text}" if note else text, markup)


async def _unit_picker(update: Update, svc: Services, target: User, page: int) -> None:
    with svc.db.read() as session:
        unit_list = [(u.id, unit_label(u.name, u.short_name)) for u in units.list_units(session)]
    markup, page, pages = paged(
        unit_list,
        page=page,
        make_button=lambda u: button(u[1], f"usr:{target.id}:u:{u[0]}"),
        nav_data=lambda p: f"usr:{target.id}:up:{p}",
        extra_rows=[[button(app_texts.BUTTON_BACK, f"usr:{target.id}")]],
    )
    await show(
        update,
        texts.USER_CHOOSE_UNIT.format(name=app_texts.esc(target.full_name), page=page, pages=pages),
        markup,
    )


@members_only(Role.KEPALA)
async def manage_user(update: Update, context: Context, member: Member) -> None:
    """The buttons of a user card: open, change role, pick unit, (de)activate."""
    parts = callback_parts(update.callback_query.data if update.callback_query else None, "usr")
    user_id = int_or_none(parts[0]) if parts else None
    action = parts[1] if len(parts) > 1 else ""
    svc = services(context)
    if user_id is None:
        await answer(update, app_texts.STALE_BUTTON)
        return
    if action and user_id == member.user_id:
        await answer(update, texts.USER_NOT_SELF)
        return
    with svc.db.read() as session:
        target = users.get_user(session, user_id)
    if target is None:
        await answer(update, texts.USER_NOT_FOUND)
        return
    await answer(update)
    if not action:
        await _show_card(update, svc, user_id)
        return
    if action == "up" and len(parts) == 3:
        await _unit_picker(update, svc, target, int_or_none(parts[2]) or 1)
        return
    new_role: Role | None = None
    unit_id: int | None = None
    if action == "r" and len(parts) == 3 and parts[2] in {r.value for r in Role}:
        new_role = Role(parts[2])
        if new_role is Role.KEPALA:
            await show(update, texts.USER_ONE_HEAD)
            return
        if role_needs_unit(new_role):
            await _unit_picker(update, svc, target, 1)
            return
    elif action == "u" and len(parts) == 3:
        new_role, unit_id = Role.PJ, int_or_none(parts[2])
        with svc.db.read() as session:
            unit = None if unit_id is None else units.get_unit(session, unit_id)
        if unit is None:
            await show(update, app_texts.STALE_BUTTON)
            return
    elif action in ("on", "off"):
        if action == "on" and target.role == Role.KEPALA.value:
            # Reactivating a former head would make two heads.
            await show(update, texts.USER_ONE_HEAD)
            return
        await _set_active(update, context, member, target, active=action == "on")
        return
    if new_role is None or not target.active:
        await show(update, app_texts.STALE_BUTTON)
        return
    now = svc.now()
    with svc.db.write() as session:
        actor = users.get_user(session, member.user_id)
        assert actor is not None
        changed = users.change_role(
            session, user_id=user_id, role=new_role, unit_id=unit_id, actor=actor, now=now
        )
        unit = users.unit_of(session, changed)
        unit_name = None if unit is None else unit.name
    role_name = app_texts.ROLE_NAMES[new_role]
    note = texts.USER_ROLE_CHANGED.format(
        name=app_texts.esc(target.full_name), role=role_name, unit=app_texts.unit_suffix(unit_name)
    )
    await _show_card(update, svc, user_id, note)
    await set_role_commands(context.bot, target.telegram_id, new_role)
    await context.bot.send_message(
        target.telegram_id,
        texts.USER_NOTIFY_ROLE.format(role=role_name, unit=app_texts.unit_suffix(unit_name)),
    )


async def _set_active(
    update: Update, context: Context, member: Member, target: User, *, active: bool
) -> None:
    svc = services(context)
    assert target.id is not None
    with svc.db.write() as session:
        actor = users.get_user(session, member.user_id)
        assert actor is not None
        users.set_active(session, user_id=target.id, active=active, actor=actor, now=svc.now())
    template = texts.USER_ACTIVATED if active else texts.USER_DEACTIVATED
    await _show_card(update, svc, target.id, template.format(name=app_texts.esc(target.full_name)))
    await set_role_commands(context.bot, target.telegram_id, Role(target.role) if active else None)


def handlers() -> list[BaseHandler[Update, Context, Any]]:
    """This feature's handlers, fresh for each application."""
    return [
        CommandHandler("pengguna", list_users),
        CallbackQueryHandler(list_users, pattern=r"^usr:list:\d+$"),
        CallbackQueryHandler(manage_user, pattern=r"^usr:\d+"),
    ]
