"""/start with an invitation code: a short registration conversation (name, NIP, position)."""

from __future__ import annotations

import logging
from enum import IntEnum
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
from bot.access import services
from bot.context import Context
from bot.people import texts, usecases
from bot.people.callbacks import CancelRegistration, ConfirmRegistration, RedoRegistration
from bot.people.drafts import RegistrationDraft
from bot.people.invitation_rules import InvitationProblem
from bot.people.nip import NipError, format_nip, validate_nip
from bot.people.usecases import InvitationOffer, Person
from bot.ui.chat import answer, button, conversation_handler, set_role_commands, show
from bot.ui.drafts import DROPPED, clear, read, write

logger = logging.getLogger(__name__)


class Step(IntEnum):
    """The registration's states (see registrasi.mmd)."""

    NAME = 0
    NIP = 1
    POSITION = 2
    CONFIRM = 3


def _end(context: Context) -> int:
    clear(context.user_data, RegistrationDraft)
    return ConversationHandler.END


async def _reply(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    if update.effective_message is not None:
        await update.effective_message.reply_text(text, reply_markup=markup)


async def _draft(update: Update, context: Context) -> RegistrationDraft | None:
    """The answers so far; None (the person told) when an old draft cannot be continued."""
    draft = read(context.user_data, RegistrationDraft)
    if isinstance(draft, RegistrationDraft):
        return draft
    await _reply(update, app_texts.DRAFT_DROPPED)
    return None


def _offer_texts(offer: InvitationOffer) -> tuple[str, str, str]:
    """Role name, unit suffix and the note on a head being replaced."""
    note = (
        ""
        if offer.replaces is None
        else texts.REG_REPLACES_HEAD.format(name=app_texts.esc(offer.replaces))
    )
    return app_texts.ROLE_NAMES[offer.role], app_texts.unit_suffix(offer.unit_name), note


async def start(update: Update, context: Context) -> int:
    """/start: greet members, explain to strangers, or open a registration for a code."""
    svc = services(context)
    user = update.effective_user
    assert user is not None
    code = context.args[0] if context.args else ""
    outcome = usecases.start_registration(svc, telegram_id=user.id, code=code)
    if isinstance(outcome, Person):
        template = texts.ALREADY_REGISTERED if code else texts.WELCOME_BACK
        await _reply(
            update,
            template.format(
                name=app_texts.esc(outcome.full_name),
                role=app_texts.ROLE_NAMES[outcome.role],
                unit=app_texts.unit_suffix(outcome.unit_name),
            ),
        )
    elif outcome is None:
        await _reply(
            update, app_texts.STRANGER.format(unit=app_texts.esc(svc.profile.unit_short_name))
        )
    elif isinstance(outcome, InvitationProblem):
        await _reply(update, texts.INVITATION_PROBLEMS[outcome])
    else:
        write(context.user_data, RegistrationDraft(code=code))
        role_name, unit, note = _offer_texts(outcome)
        await _reply(
            update,
            texts.REG_START.format(role=role_name, unit=unit, note=note, ask=texts.REG_ASK_NAME),
        )
        return Step.NAME
    return _end(context)


def _typed(update: Update) -> str:
    message = update.effective_message
    return " ".join(((message.text if message else None) or "").split())


async def got_name(update: Update, context: Context) -> int:
    """Step 1/3: the full name with titles."""
    draft = await _draft(update, context)
    if draft is None:
        return _end(context)
    name = _typed(update)
    if not 3 <= len(name) <= 100 or sum(ch.isalpha() for ch in name) < 3:
        await _reply(update, texts.REG_BAD_NAME)
        return Step.NAME
    draft.full_name = name
    write(context.user_data, draft)
    await _reply(update, texts.REG_ASK_NIP)
    return Step.NIP


async def got_nip(update: Update, context: Context) -> int:
    """Step 2/3: the 18-digit NIP, checked digit by digit."""
    draft = await _draft(update, context)
    if draft is None:
        return _end(context)
    message = update.effective_message
    result = validate_nip((message.text if message else None) or "")
    if isinstance(result, NipError):
        await _reply(update, texts.REG_BAD_NIP.format(reason=result.reason))
        return Step.NIP
    draft.nip = result
    write(context.user_data, draft)
    await _reply(update, texts.REG_ASK_POSITION)
    return Step.POSITION


def _confirm_markup() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [button(texts.REG_BUTTON_OK, ConfirmRegistration())],
            [
                button(texts.REG_BUTTON_REDO, RedoRegistration()),
                button(texts.REG_BUTTON_CANCEL, CancelRegistration()),
            ],
        ]
    )


async def got_position(update: Update, context: Context) -> int:
    """Step 3/3: the position; then show everything for confirmation."""
    draft = await _draft(update, context)
    if draft is None:
        return _end(context)
    position = _typed(update)
    if not 2 <= len(position) <= 200:
        await _reply(update, texts.REG_BAD_POSITION)
        return Step.POSITION
    draft.position = position
    write(context.user_data, draft)
    offer = usecases.invitation_offer(services(context), code=draft.code)
    if isinstance(offer, InvitationProblem):
        await _reply(update, texts.INVITATION_PROBLEMS[offer])
        return _end(context)
    role_name, unit, note = _offer_texts(offer)
    summary = texts.REG_CONFIRM.format(
        note=note,
        name=app_texts.esc(draft.full_name),
        nip=format_nip(draft.nip),
        position=app_texts.esc(position),
        role=role_name,
        unit=unit,
    )
    await _reply(update, summary, _confirm_markup())
    return Step.CONFIRM


async def confirm(update: Update, context: Context) -> int:
    """✅ under the summary: register, then tell the inviter and a replaced head."""
    user = update.effective_user
    assert user is not None
    await answer(update)
    draft = read(context.user_data, RegistrationDraft)
    if not isinstance(draft, RegistrationDraft) or not draft.complete():
        await show(update, app_texts.DRAFT_DROPPED if draft is DROPPED else app_texts.STALE_BUTTON)
        return _end(context)
    outcome = usecases.register_member(
        services(context),
        code=draft.code,
        telegram_id=user.id,
        full_name=draft.full_name,
        nip=draft.nip,
        position=draft.position,
    )
    if isinstance(outcome, InvitationProblem):
        await show(update, texts.INVITATION_PROBLEMS[outcome])
        return _end(context)
    member = outcome.member
    role_name = app_texts.ROLE_NAMES[member.role]
    unit = app_texts.unit_suffix(member.unit_name)
    name = app_texts.esc(member.full_name)
    logger.info("user %s registered as %s", member.user_id, member.role)
    duties = app_texts.ROLE_DUTIES[member.role]
    await show(update, texts.REG_DONE.format(name=name, role=role_name, unit=unit, duties=duties))
    await set_role_commands(context.bot, user.id, member.role)
    if outcome.replaced_chat is not None:
        # The head before is deactivated by the replacement (and told, through the outbox):
        # they get the strangers' command menu.
        await set_role_commands(context.bot, outcome.replaced_chat, None)
    return _end(context)


async def redo(update: Update, context: Context) -> int:
    """✏️ under the summary: the same invitation, the answers again from the name."""
    await answer(update)
    draft = read(context.user_data, RegistrationDraft)
    if not isinstance(draft, RegistrationDraft):
        await show(update, app_texts.DRAFT_DROPPED if draft is DROPPED else app_texts.STALE_BUTTON)
        return _end(context)
    write(context.user_data, RegistrationDraft(code=draft.code))
    await show(update, texts.REG_ASK_NAME)
    return Step.NAME


async def cancel_button(update: Update, context: Context) -> int:
    """Batal under the summary."""
    await answer(update)
    await show(update, texts.REG_CANCELLED)
    return _end(context)


async def cancel(update: Update, context: Context) -> int:
    """/batal during registration."""
    await _reply(update, texts.REG_CANCELLED)
    return _end(context)


async def text_only(update: Update, context: Context) -> None:
    """Anything but text where text is expected: ask again, stay in the same step."""
    await _reply(update, texts.REG_TEXT_ONLY)


async def use_buttons(update: Update, context: Context) -> None:
    """Typing while the summary waits for a button."""
    await _reply(update, texts.REG_USE_BUTTONS)


async def finish_first(update: Update, context: Context) -> None:
    """Another command in the middle of registration."""
    await _reply(update, texts.REG_FINISH_FIRST)


async def stale_button(update: Update, context: Context) -> None:
    """A registration button from an earlier, finished or abandoned registration."""
    await answer(update, app_texts.STALE_BUTTON)


_TEXT = filters.TEXT & ~filters.COMMAND


def resume_step(user_data: Any) -> Step | None:
    """The step a registration draft is at (its first missing answer), None without one."""
    draft = read(dict(user_data), RegistrationDraft)
    if not isinstance(draft, RegistrationDraft):
        return None
    if not draft.full_name:
        return Step.NAME
    if not draft.nip:
        return Step.NIP
    return Step.POSITION if not draft.position else Step.CONFIRM


def conversation() -> ConversationHandler[Any]:
    """The registration conversation (persistent: a restart does not lose the answers)."""
    return conversation_handler(
        entry_points=[CommandHandler("start", start)],
        states={
            Step.NAME: [MessageHandler(_TEXT, got_name)],
            Step.NIP: [MessageHandler(_TEXT, got_nip)],
            Step.POSITION: [MessageHandler(_TEXT, got_position)],
            Step.CONFIRM: [
                CallbackQueryHandler(confirm, pattern=ConfirmRegistration.pattern()),
                CallbackQueryHandler(redo, pattern=RedoRegistration.pattern()),
                CallbackQueryHandler(cancel_button, pattern=CancelRegistration.pattern()),
                MessageHandler(_TEXT, use_buttons),
            ],
        },
        fallbacks=[
            CommandHandler("batal", cancel),
            MessageHandler(filters.COMMAND, finish_first),
            MessageHandler(~filters.COMMAND, text_only),
        ],
        name="registrasi",
        resume=resume_step,
    )


def handlers() -> list[BaseHandler[Update, Context, Any]]:
    """This feature's handlers, fresh for each application."""
    return [
        conversation(),
        # Outside a registration a "reg:" button is stale (e.g. pressed after /batal).
        CallbackQueryHandler(stale_button, pattern=r"^reg:"),
    ]
