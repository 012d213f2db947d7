"""/undang: the head or the team creates a one-time invitation link (role, then unit)."""

from __future__ import annotations

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
from bot.context import Context
from bot.core.dates import format_datetime
from bot.core.roles import Role, invitable_roles, role_needs_unit
from bot.people import texts, usecases
from bot.people.callbacks import (
    CancelInvite,
    InviteNewUnit,
    InviteRole,
    InviteTeam,
    InviteUnit,
    InviteUnitPage,
    ReplaceHead,
)
from bot.people.drafts import InvitationDraft
from bot.people.invitation_rules import deep_link
from bot.people.usecases import HeadInPlace, InvitationMade
from bot.ui.buttons import on_press, press_handler, stale_presses
from bot.ui.chat import answer, button, conversation_handler, paged, show
from bot.ui.drafts import DROPPED, clear, read, write

INVITERS = (Role.KEPALA, Role.TIM)
END = ConversationHandler.END


class Step(IntEnum):
    """The states of /undang (see undang.mmd)."""

    CHOOSE_ROLE = 0
    CHOOSE_UNIT = 1
    NEW_UNIT = 2


def _role_markup(member: Member) -> InlineKeyboardMarkup:
    rows = [
        [button(app_texts.ROLE_NAMES[r], InviteRole(role=r))] for r in invitable_roles(member.role)
    ]
    rows.append([button(app_texts.BUTTON_CANCEL, CancelInvite())])
    return InlineKeyboardMarkup(rows)


@members_only(*INVITERS)
async def start_invite(update: Update, context: Context, member: Member) -> int:
    """/undang: ask which role the invitation is for."""
    write(context.user_data, InvitationDraft())
    await show(update, texts.INVITE_CHOOSE_ROLE, _role_markup(member))
    return Step.CHOOSE_ROLE


async def _show_units(update: Update, context: Context, page: int) -> int:
    markup, page, pages = paged(
        usecases.unit_choices(services(context)),
        page=page,
        make_button=lambda u: button(u.label, InviteUnit(unit_id=u.unit_id)),
        nav_data=lambda p: InviteUnitPage(page=p),
        extra_rows=[
            [button(texts.INVITE_BUTTON_NEW_UNIT, InviteNewUnit())],
            [button(app_texts.BUTTON_CANCEL, CancelInvite())],
        ],
    )
    await show(update, texts.INVITE_CHOOSE_UNIT.format(page=page, pages=pages), markup)
    return Step.CHOOSE_UNIT


def _created_text(context: Context, made: InvitationMade) -> str:
    values = {
        "role": app_texts.ROLE_NAMES[made.role],
        "unit": app_texts.unit_suffix(made.unit_name),
        "expires": format_datetime(made.expires_at, services(context).profile.timezone),
        "code": made.code,
    }
    username = context.bot.username
    if username:
        text = texts.INVITE_CREATED.format(link=deep_link(username, made.code), **values)
    else:
        text = texts.INVITE_CREATED_NO_USERNAME.format(**values)
    if made.replaces is not None:
        text += texts.INVITE_REPLACES_HEAD.format(name=app_texts.esc(made.replaces))
    return text


async def _finish(
    update: Update,
    context: Context,
    member: Member,
    role: Role,
    *,
    unit_id: int | None = None,
    new_unit_name: str | None = None,
    replaces_head: bool = False,
) -> int:
    made = usecases.create_invitation(
        services(context),
        inviter_id=member.user_id,
        role=role,
        unit_id=unit_id,
        new_unit_name=new_unit_name,
        replaces_head=replaces_head,
    )
    if isinstance(made, HeadInPlace):
        # One head at a time: say so, and offer the replacement explicitly.
        markup = InlineKeyboardMarkup(
            [
                [button(texts.INVITE_BUTTON_REPLACE_HEAD, ReplaceHead())],
                [button(app_texts.BUTTON_CANCEL, CancelInvite())],
            ]
        )
        name = app_texts.esc(made.name)
        await show(update, texts.INVITE_HEAD_EXISTS.format(name=name), markup)
        return Step.CHOOSE_ROLE
    if made is None:
        return await _stale(update, context)
    if made.unit_created and made.unit_name is not None:
        await show(update, texts.INVITE_UNIT_CREATED.format(unit=app_texts.esc(made.unit_name)))
    await show(update, _created_text(context, made))
    clear(context.user_data, InvitationDraft)
    return END


async def _stale(update: Update, context: Context) -> int:
    await show(update, app_texts.STALE_BUTTON)
    clear(context.user_data, InvitationDraft)
    return END


async def _invite(update: Update, context: Context, member: Member, role: Role) -> int:
    """The role is chosen: an invitation now, or first the unit of a performance owner."""
    if role not in invitable_roles(member.role):
        return await _stale(update, context)
    if not role_needs_unit(role):
        return await _finish(update, context, member, role)
    write(context.user_data, InvitationDraft(role=role.value))
    return await _show_units(update, context, 1)


@on_press(InviteRole, *INVITERS, stale=END)
async def choose_role(update: Update, context: Context, member: Member, data: InviteRole) -> int:
    """A role button of /undang."""
    await answer(update)
    return await _invite(update, context, member, data.role)


@on_press(InviteTeam, *INVITERS, stale=END)
async def invite_team(update: Update, context: Context, member: Member, data: InviteTeam) -> int:
    """The invite-the-team button under a new head's /tugas: the role is chosen already."""
    await answer(update)
    return await _invite(update, context, member, Role.TIM)


@on_press(ReplaceHead, *INVITERS, stale=END)
async def replace_head(update: Update, context: Context, member: Member, data: ReplaceHead) -> int:
    """A replacement invitation for the head, after being told a head is active."""
    await answer(update)
    if Role.KEPALA not in invitable_roles(member.role):
        return await _stale(update, context)
    return await _finish(update, context, member, Role.KEPALA, replaces_head=True)


@on_press(CancelInvite, *INVITERS, stale=END)
async def cancel_invite(
    update: Update, context: Context, member: Member, data: CancelInvite
) -> int:
    """Batal under a question of /undang."""
    await answer(update)
    await show(update, app_texts.CANCELLED)
    clear(context.user_data, InvitationDraft)
    return END


async def _chosen_role(update: Update, context: Context, member: Member) -> Role | None:
    """The role chosen before the unit; None (the person told) when there is none."""
    draft = read(context.user_data, InvitationDraft)
    allowed = {r.value: r for r in invitable_roles(member.role)}
    if isinstance(draft, InvitationDraft) and draft.role in allowed:
        return allowed[draft.role]
    await show(update, app_texts.DRAFT_DROPPED if draft is DROPPED else app_texts.STALE_BUTTON)
    clear(context.user_data, InvitationDraft)
    return None


@on_press(InviteUnitPage, *INVITERS, stale=END)
async def unit_page(update: Update, context: Context, member: Member, data: InviteUnitPage) -> int:
    """◀ ▶ in the list of units."""
    await answer(update)
    if await _chosen_role(update, context, member) is None:
        return END
    return await _show_units(update, context, data.page)


@on_press(InviteUnit, *INVITERS, stale=END)
async def choose_unit(update: Update, context: Context, member: Member, data: InviteUnit) -> int:
    """A unit from the list: the invitation is made."""
    await answer(update)
    role = await _chosen_role(update, context, member)
    if role is None:
        return END
    return await _finish(update, context, member, role, unit_id=data.unit_id)


@on_press(InviteNewUnit, *INVITERS, stale=END)
async def ask_unit_name(
    update: Update, context: Context, member: Member, data: InviteNewUnit
) -> int:
    """A unit not in the list: its name is typed."""
    await answer(update)
    role = await _chosen_role(update, context, member)
    if role is None:
        return END
    write(context.user_data, InvitationDraft(role=role.value, new_unit=True))
    await show(update, texts.INVITE_ASK_UNIT_NAME)
    return Step.NEW_UNIT


@members_only(*INVITERS)
async def new_unit_name(update: Update, context: Context, member: Member) -> int:
    """The typed name of a unit that is not in the list yet."""
    message = update.effective_message
    name = " ".join(((message.text if message else None) or "").split())
    if not 3 <= len(name) <= 200:
        await show(update, texts.INVITE_BAD_UNIT_NAME)
        return Step.NEW_UNIT
    role = await _chosen_role(update, context, member)
    if role is None:
        return END
    return await _finish(update, context, member, role, new_unit_name=name)


@members_only()
async def cancel(update: Update, context: Context, member: Member) -> int:
    """/batal while creating an invitation."""
    clear(context.user_data, InvitationDraft)
    await show(update, app_texts.CANCELLED)
    return END


def _presses() -> list[BaseHandler[Update, Context, Any]]:
    return [
        press_handler(InviteRole, choose_role),
        press_handler(ReplaceHead, replace_head),
        press_handler(CancelInvite, cancel_invite),
        press_handler(InviteUnitPage, unit_page),
        press_handler(InviteUnit, choose_unit),
        press_handler(InviteNewUnit, ask_unit_name),
    ]


def resume_step(user_data: Any) -> Step | None:
    """The step the draft is at (the role and the unit are asked with the same buttons),
    None without one."""
    draft = read(dict(user_data), InvitationDraft)
    if not isinstance(draft, InvitationDraft):
        return None
    return Step.NEW_UNIT if draft.new_unit else Step.CHOOSE_UNIT


def conversation() -> ConversationHandler[Any]:
    """The /undang conversation (persistent, like every conversation of the bot)."""
    return conversation_handler(
        entry_points=[
            CommandHandler("undang", start_invite),
            # "Undang anggota tim" under a new head's /tugas starts here with the role chosen.
            press_handler(InviteTeam, invite_team),
        ],
        states={
            Step.CHOOSE_ROLE: _presses(),
            Step.CHOOSE_UNIT: _presses(),
            Step.NEW_UNIT: [MessageHandler(filters.TEXT & ~filters.COMMAND, new_unit_name)],
        },
        fallbacks=[CommandHandler("batal", cancel)],
        name="undang",
        resume=resume_step,
    )


def handlers() -> list[BaseHandler[Update, Context, Any]]:
    """This feature's handlers, fresh for each application."""
    # Last: an /undang button from a finished or abandoned invitation is stale.
    return [conversation(), stale_presses(r"^und:", *INVITERS)]
