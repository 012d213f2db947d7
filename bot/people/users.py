"""/pengguna: the head lists users, changes a role or deactivates someone (buttons only)."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CommandHandler

from bot import texts as app_texts
from bot.access import Member, members_only, services
from bot.context import Context
from bot.core.dates import format_datetime
from bot.core.labels import fit, room_left
from bot.core.roles import Role, role_needs_unit
from bot.people import texts, usecases
from bot.people.callbacks import (
    Deactivate,
    Reactivate,
    SetRole,
    SetUnit,
    UnitPage,
    UserCard,
    UserList,
)
from bot.people.nip import format_nip
from bot.people.usecases import Person, UserLine, UserRefusal
from bot.services import Services
from bot.ui.buttons import on_press, press_handler, stale_presses
from bot.ui.chat import answer, button, paged, set_role_commands, show


def _label(person: UserLine) -> str:
    mark = "" if person.active else "🚫 "
    role_name = texts.ROLE_SHORT[person.role]
    room = room_left(texts.USER_BUTTON.format(mark=mark, name="", role=role_name))
    return texts.USER_BUTTON.format(mark=mark, name=fit(person.full_name, room), role=role_name)


def _list(svc: Services, page: int) -> tuple[str, InlineKeyboardMarkup | None]:
    people = usecases.user_list(svc)
    if not people:
        return texts.USERS_EMPTY, None
    markup, page, pages = paged(
        people,
        page=page,
        make_button=lambda p: button(_label(p), UserCard(user_id=p.user_id)),
        nav_data=lambda p: UserList(page=p),
    )
    return texts.USERS_HEADER.format(count=len(people), page=page, pages=pages), markup


@members_only(Role.KEPALA)
async def list_users(update: Update, context: Context, member: Member) -> None:
    """/pengguna: every registered user as a button, a page at a time."""
    text, markup = _list(services(context), 1)
    await show(update, text, markup)


@on_press(UserList, Role.KEPALA)
async def list_page(update: Update, context: Context, member: Member, data: UserList) -> None:
    """◀ ▶ in the list of users, and « Kembali from a user's card."""
    await answer(update)
    text, markup = _list(services(context), data.page)
    await show(update, text, markup)


def _card(svc: Services, person: Person) -> tuple[str, InlineKeyboardMarkup]:
    text = texts.USER_CARD.format(
        name=app_texts.esc(person.full_name),
        nip=format_nip(person.nip),
        position=app_texts.esc(person.position),
        role=app_texts.ROLE_NAMES[person.role],
        unit=app_texts.unit_suffix(person.unit_name),
        status=texts.USER_STATUS_ACTIVE if person.active else texts.USER_STATUS_INACTIVE,
        registered=format_datetime(person.registered_at, svc.profile.timezone),
    )
    if person.active:
        rows = [
            [
                button(
                    texts.USER_BUTTON_MAKE.format(role=app_texts.ROLE_NAMES[r]),
                    SetRole(role=r, user_id=person.user_id),
                )
            ]
            for r in Role
            # One head at a time (the viewer is the head): a new head comes with a
            # replacement invitation from /undang, an acting one through /plh.
            if r is not Role.KEPALA and (r is not person.role or role_needs_unit(r))
        ]
        rows.append([button(texts.USER_BUTTON_DEACTIVATE, Deactivate(user_id=person.user_id))])
    else:
        rows = [[button(texts.USER_BUTTON_ACTIVATE, Reactivate(user_id=person.user_id))]]
    rows.append([button(app_texts.BUTTON_BACK, UserList(page=1))])
    return text, InlineKeyboardMarkup(rows)


async def _show_card(update: Update, svc: Services, person: Person, note: str = "") -> None:
    text, markup = _card(svc, person)
    await show(update, f"{note}\n\n{text}" if note else text, markup)


async def _refuse(update: Update, refusal: UserRefusal) -> None:
    if refusal is UserRefusal.SELF:
        await answer(update, texts.USER_NOT_SELF)
    elif refusal is UserRefusal.NOT_FOUND:
        await answer(update, texts.USER_NOT_FOUND)
    else:
        await answer(update)
        one_head = refusal is UserRefusal.ONE_HEAD
        await show(update, texts.USER_ONE_HEAD if one_head else app_texts.STALE_BUTTON)


@on_press(UserCard, Role.KEPALA)
async def open_card(update: Update, context: Context, member: Member, data: UserCard) -> None:
    """A name in the list: the user's card with what the head can change."""
    svc = services(context)
    person = usecases.user_card(svc, user_id=data.user_id)
    if person is None:
        await _refuse(update, UserRefusal.NOT_FOUND)
        return
    await answer(update)
    await _show_card(update, svc, person)


async def _unit_picker(
    update: Update, context: Context, member: Member, user_id: int, page: int
) -> None:
    svc = services(context)
    found = usecases.unit_picker(svc, actor_id=member.user_id, user_id=user_id)
    if isinstance(found, UserRefusal):
        await _refuse(update, found)
        return
    await answer(update)
    person, choices = found
    markup, page, pages = paged(
        choices,
        page=page,
        make_button=lambda u: button(u.label, SetUnit(user_id=user_id, unit_id=u.unit_id)),
        nav_data=lambda p: UnitPage(user_id=user_id, page=p),
        extra_rows=[[button(app_texts.BUTTON_BACK, UserCard(user_id=user_id))]],
    )
    name = app_texts.esc(person.full_name)
    await show(update, texts.USER_CHOOSE_UNIT.format(name=name, page=page, pages=pages), markup)


@on_press(SetRole, Role.KEPALA)
async def set_role(update: Update, context: Context, member: Member, data: SetRole) -> None:
    """A role button on the card; a performance owner's unit is picked first."""
    if data.role is not Role.KEPALA and role_needs_unit(data.role):
        await _unit_picker(update, context, member, data.user_id, 1)
        return
    outcome = usecases.change_role(
        services(context), actor_id=member.user_id, user_id=data.user_id, role=data.role
    )
    await _role_changed(update, context, outcome)


@on_press(UnitPage, Role.KEPALA)
async def unit_page(update: Update, context: Context, member: Member, data: UnitPage) -> None:
    """◀ ▶ in the list of units."""
    await _unit_picker(update, context, member, data.user_id, data.page)


@on_press(SetUnit, Role.KEPALA)
async def set_unit(update: Update, context: Context, member: Member, data: SetUnit) -> None:
    """A unit from the list: the user becomes its performance owner."""
    outcome = usecases.change_role(
        services(context),
        actor_id=member.user_id,
        user_id=data.user_id,
        role=Role.PJ,
        unit_id=data.unit_id,
    )
    await _role_changed(update, context, outcome)


async def _role_changed(update: Update, context: Context, outcome: Person | UserRefusal) -> None:
    """Show the card with what changed, and tell the person their new role."""
    if isinstance(outcome, UserRefusal):
        await _refuse(update, outcome)
        return
    await answer(update)
    role_name = app_texts.ROLE_NAMES[outcome.role]
    unit = app_texts.unit_suffix(outcome.unit_name)
    note = texts.USER_ROLE_CHANGED.format(
        name=app_texts.esc(outcome.full_name), role=role_name, unit=unit
    )
    await _show_card(update, services(context), outcome, note)
    # The person is told their new role through the outbox, once this update is done.
    await set_role_commands(context.bot, outcome.telegram_id, outcome.role)


@on_press(Deactivate, Role.KEPALA)
async def deactivate(update: Update, context: Context, member: Member, data: Deactivate) -> None:
    """🚫 Nonaktifkan: the user becomes a stranger until reactivated."""
    outcome = usecases.deactivate(services(context), actor_id=member.user_id, user_id=data.user_id)
    await _activity_changed(update, context, outcome)


@on_press(Reactivate, Role.KEPALA)
async def reactivate(update: Update, context: Context, member: Member, data: Reactivate) -> None:
    """✅ Aktifkan kembali."""
    outcome = usecases.reactivate(services(context), actor_id=member.user_id, user_id=data.user_id)
    await _activity_changed(update, context, outcome)


async def _activity_changed(
    update: Update, context: Context, outcome: Person | UserRefusal
) -> None:
    if isinstance(outcome, UserRefusal):
        await _refuse(update, outcome)
        return
    await answer(update)
    template = texts.USER_ACTIVATED if outcome.active else texts.USER_DEACTIVATED
    note = template.format(name=app_texts.esc(outcome.full_name))
    await _show_card(update, services(context), outcome, note)
    role = outcome.role if outcome.active else None
    await set_role_commands(context.bot, outcome.telegram_id, role)


def handlers() -> list[BaseHandler[Update, Context, Any]]:
    """This feature's handlers, fresh for each application."""
    return [
        CommandHandler("pengguna", list_users),
        press_handler(UserList, list_page),
        press_handler(UserCard, open_card),
        press_handler(SetRole, set_role),
        press_handler(UnitPage, unit_page),
        press_handler(SetUnit, set_unit),
        press_handler(Deactivate, deactivate),
        press_handler(Reactivate, reactivate),
        # Last: any other "usr:" press (a button from before typed buttons) is stale.
        stale_presses(r"^usr:", Role.KEPALA),
    ]
