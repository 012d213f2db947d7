"""/start with an invitation code: a short registration conversation (name, NIP, position)."""

from __future__ import annotations

import logging
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.error import Forbidden
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import texts as app_texts
from bot.access import REGISTRATION_DRAFT, load_member, services
from bot.context import Context
from bot.core.roles import Role
from bot.people import texts
from bot.people.invitation_rules import InvitationProblem, looks_like_code
from bot.people.nip import NipError, format_nip, validate_nip
from bot.ui.chat import answer, button, conversation_handler, set_role_commands, show
from storage import units, users
from storage.users import Registration

logger = logging.getLogger(__name__)

NAME, NIP, POSITION, CONFIRM = range(4)
CB_OK, CB_REDO, CB_CANCEL = "reg:ok", "reg:redo", "reg:cancel"


def _draft(context: Context) -> dict[str, Any]:
    assert context.user_data is not None
    draft = context.user_data.setdefault(REGISTRATION_DRAFT, {})
    assert isinstance(draft, dict)
    return draft


def _end(context: Context) -> int:
    if context.user_data is not None:
        context.user_data.pop(REGISTRATION_DRAFT, None)
    return ConversationHandler.END


def _invitation_label(context: Context, code: str) -> tuple[str, str, str] | InvitationProblem:
    """Role name and unit suffix of a usable invitation, or why it is not usable; a head's
    replacement invitation also names the head it replaces."""
    svc = services(context)
    with svc.db.read() as session:
        invitation, problem = users.check_invitation(session, code, svc.now())
        if problem is not None:
            return problem
        assert invitation is not None
        unit = None if invitation.unit_id is None else units.get_unit(session, invitation.unit_id)
        suffix = app_texts.unit_suffix(None if unit is None else unit.name)
        head = users.active_head(session) if invitation.role == Role.KEPALA.value else None
        note = (
            ""
            if head is None
            else texts.REG_REPLACES_HEAD.format(name=app_texts.esc(head.full_name))
        )
        return app_texts.ROLE_NAMES[Role(invitation.role)], suffix, note


async def start(update: Update, context: Context) -> int:
    """/start: greet members, explain to strangers, or open a registration for a code."""
    svc = services(context)
    message = update.effective_message
    user = update.effective_user
    assert message is not None and user is not None
    code = context.args[0] if context.args else ""
    member = load_member(svc, user.id)
    if member is not None:
        template = texts.ALREADY_REGISTERED if code else texts.WELCOME_BACK
        await message.reply_text(
            template.format(
                name=app_texts.esc(member.full_name),
                role=app_texts.ROLE_NAMES[member.role],
                unit=app_texts.unit_suffix(member.unit_name),
            )
        )
        return _end(context)
    if not code:
        await message.reply_text(
            app_texts.STRANGER.format(unit=app_texts.esc(svc.profile.unit_short_name))
        )
        return _end(context)
    label = _invitation_label(context, code) if looks_like_code(code) else InvitationProblem.UNKNOWN
    if isinstance(label, InvitationProblem):
        await message.reply_text(texts.INVITATION_PROBLEMS[label])
        return _end(context)
    assert context.user_data is not None
    context.user_data[REGISTRATION_DRAFT] = {"code": code}
    role_name, unit, note = label
    await message.reply_text(
        texts.REG_START.format(role=role_name, unit=unit, note=note, ask=texts.REG_ASK_NAME)
    )
    return NAME


async def got_name(update: Update, context: Context) -> int:
    """Step 1/3: the full name with titles."""
    message = update.effective_message
    assert message is not None
    name = " ".join((message.text or "").split())
    if not 3 <= len(name) <= 100 or sum(ch.isalpha() for ch in name) < 3:
        await message.reply_text(texts.REG_BAD_NAME)
        return NAME
    _draft(context)["full_name"] = name
    await message.reply_text(texts.REG_ASK_NIP)
    return NIP


async def got_nip(update: Update, context: Context) -> int:
    """Step 2/3: the 18-digit NIP, checked digit by digit."""
    message = update.effective_message
    assert message is not None
    result = validate_nip(message.text or "")
    if isinstance(result, NipError):
        await message.reply_text(texts.REG_BAD_NIP.format(reason=result.reason))
        return NIP
    _draft(context)["nip"] = result
    await message.reply_text(texts.REG_ASK_POSITION)
    return POSITION


def _confirm_markup() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [button(texts.REG_BUTTON_OK, CB_OK)],
            [button(texts.REG_BUTTON_REDO, CB_REDO), button(texts.REG_BUTTON_CANCEL, CB_CANCEL)],
        ]
    )


async def got_position(update: Update, context: Context) -> int:
    """Step 3/3: the position; then show everything for confirmation."""
    message = update.effective_message
    assert message is not None
    position = " ".join((message.text or "").split())
    if not 2 <= len(position) <= 200:
        await message.reply_text(texts.REG_BAD_POSITION)
        return POSITION
    draft = _draft(context)
    draft["position"] = position
    label = _invitation_label(context, str(draft.get("code", "")))
    if isinstance(label, InvitationProblem):
        await message.reply_text(texts.INVITATION_PROBLEMS[label])
        return _end(context)
    role_name, unit, note = label
    await message.reply_text(
        texts.REG_CONFIRM.format(
            note=note,
            name=app_texts.esc(draft.get("full_name", "")),
            nip=format_nip(str(draft.get("nip", ""))),
            position=app_texts.esc(position),
            role=role_name,
            unit=unit,
        ),
        reply_markup=_confirm_markup(),
    )
    return CONFIRM


async def confirm(update: Update, context: Context) -> int | None:
    """The buttons under the summary: register, start over, or cancel."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    await answer(update)
    draft = _draft(context)
    if query.data == CB_CANCEL:
        await show(update, texts.REG_CANCELLED)
        return _end(context)
    if query.data == CB_REDO:
        draft.pop("full_name", None)
        draft.pop("nip", None)
        draft.pop("position", None)
        await show(update, texts.REG_ASK_NAME)
        return NAME
    if not all(draft.get(key) for key in ("code", "full_name", "nip", "position")):
        await show(update, app_texts.STALE_BUTTON)
        return _end(context)
    svc = services(context)
    person = Registration(
        telegram_id=user.id,
        full_name=str(draft["full_name"]),
        nip=str(draft["nip"]),
        position=str(draft["position"]),
    )
    with svc.db.write() as session:
        head = users.active_head(session)
        head_before = None if head is None else (head.id, head.telegram_id)
        outcome = users.redeem_invitation(
            session, code=str(draft["code"]), person=person, now=svc.now()
        )
        inviter_chat = None
        replaced_chat = None
        if (
            not isinstance(outcome, InvitationProblem)
            and outcome.role == Role.KEPALA.value
            and head_before is not None
            and head_before[0] != outcome.id
        ):
            replaced_chat = head_before[1]
        if not isinstance(outcome, InvitationProblem):
            invitation = users.get_invitation(session, str(draft["code"]))
            if invitation is not None and invitation.created_by_user_id is not None:
                inviter = users.get_user(session, invitation.created_by_user_id)
                if inviter is not None and inviter.active:
                    inviter_chat = inviter.telegram_id
    if isinstance(outcome, InvitationProblem):
        await show(update, texts.INVITATION_PROBLEMS[outcome])
        return _end(context)
    member = load_member(svc, user.id)
    assert member is not None
    role_name = app_texts.ROLE_NAMES[member.role]
    unit = app_texts.unit_suffix(member.unit_name)
    logger.info("user %s registered as %s", member.user_id, member.role)
    await show(
        update,
        texts.REG_DONE.format(
            name=app_texts.esc(member.full_name),
            role=role_name,
            unit=unit,
            duties=app_texts.ROLE_DUTIES[member.role],
        ),
    )
    await set_role_commands(context.bot, user.id, member.role)
    if replaced_chat is not None:
        # The head before is deactivated by the replacement: tell them, and give them the
        # strangers' command menu.
        await _tell(
            context, replaced_chat, texts.HEAD_REPLACED.format(name=app_texts.esc(member.full_name))
        )
        await set_role_commands(context.bot, replaced_chat, None)
    if inviter_chat is not None and inviter_chat not in (user.id, replaced_chat):
        await context.bot.send_message(
            inviter_chat,
            texts.REG_NOTIFY_INVITER.format(
                name=app_texts.esc(member.full_name), role=role_name, unit=unit
            ),
        )
    return _end(context)


async def _tell(context: Context, chat_id: int, text: str) -> None:
    try:
        await context.bot.send_message(chat_id, text)
    except Forbidden:
        logger.warning("could not tell chat %s", chat_id)


async def cancel(update: Update, context: Context) -> int:
    """/batal during registration."""
    if update.effective_message is not None:
        await update.effective_message.reply_text(texts.REG_CANCELLED)
    return _end(context)


async def text_only(update: Update, context: Context) -> None:
    """Anything but text where text is expected: ask again, stay in the same step."""
    if update.effective_message is not None:
        await update.effective_message.reply_text(texts.REG_TEXT_ONLY)


async def use_buttons(update: Update, context: Context) -> None:
    """Typing while the summary waits for a button."""
    if update.effective_message is not None:
        await update.effective_message.reply_text(texts.REG_USE_BUTTONS)


async def finish_first(update: Update, context: Context) -> None:
    """Another command in the middle of registration."""
    if update.effective_message is not None:
        await update.effective_message.reply_text(texts.REG_FINISH_FIRST)


async def stale_button(update: Update, context: Context) -> None:
    """A registration button from an earlier, finished or abandoned registration."""
    await answer(update, app_texts.STALE_BUTTON)


_TEXT = filters.TEXT & ~filters.COMMAND


def conversation() -> ConversationHandler[Any]:
    """The registration conversation (persistent: a restart does not lose the answers)."""
    return conversation_handler(
        entry_points=[CommandHandler("start", start)],
        states={
            NAME: [MessageHandler(_TEXT, got_name)],
            NIP: [MessageHandler(_TEXT, got_nip)],
            POSITION: [MessageHandler(_TEXT, got_position)],
            CONFIRM: [
                CallbackQueryHandler(confirm, pattern=r"^reg:"),
                MessageHandler(_TEXT, use_buttons),
            ],
        },
        fallbacks=[
            CommandHandler("batal", cancel),
            MessageHandler(filters.COMMAND, finish_first),
            MessageHandler(~filters.COMMAND, text_only),
        ],
        name="registrasi",
    )


def handlers() -> list[BaseHandler[Update, Context, Any]]:
    """This feature's handlers, fresh for each application."""
    return [
        conversation(),
        # Outside a registration a "reg:" button is stale (e.g. pressed after /batal).
        CallbackQueryHandler(stale_button, pattern=r"^reg:"),
    ]
