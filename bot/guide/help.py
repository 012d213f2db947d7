"""/bantuan: the user's role, what it does in the SOP, and its commands."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, MessageHandler, filters

from bot import texts as app_texts
from bot.access import Member, members_only, services
from bot.context import Context
from bot.guide import texts


@members_only()
async def help_command(update: Update, context: Context, member: Member) -> None:
    """/bantuan: explain the role and list the role's commands."""
    svc = services(context)
    commands = "\n".join(
        texts.HELP_COMMAND_LINE.format(command=command, description=app_texts.esc(description))
        for command, description in app_texts.COMMANDS[member.role]
    )
    if update.effective_message is not None:
        await update.effective_message.reply_text(
            texts.HELP.format(
                unit=app_texts.esc(svc.profile.unit_short_name),
                name=app_texts.esc(member.full_name),
                role=app_texts.ROLE_NAMES[member.role],
                unit_of_user=app_texts.unit_suffix(member.unit_name),
                duties=app_texts.ROLE_DUTIES[member.role],
                commands=commands,
            )
        )


@members_only()
async def nothing_to_cancel(update: Update, context: Context, member: Member) -> None:
    """/batal outside any conversation."""
    if update.effective_message is not None:
        await update.effective_message.reply_text(texts.NOTHING_TO_CANCEL)


@members_only()
async def unexpected_input(update: Update, context: Context, member: Member) -> None:
    """Anything no feature is waiting for: point to /tugas instead of staying silent."""
    message = update.effective_message
    if message is None:
        return
    has_file = bool(message.document or message.photo)
    await message.reply_text(texts.UNKNOWN_FILE if has_file else texts.UNKNOWN_INPUT)


def handlers() -> list[BaseHandler[Update, Context, Any]]:
    """This feature's handlers, fresh for each application."""
    return [
        CommandHandler(["bantuan", "help"], help_command),
        CommandHandler("batal", nothing_to_cancel),
    ]


def fallback_handlers() -> list[BaseHandler[Update, Context, Any]]:
    """What catches messages no feature took; registered after every other handler."""
    return [MessageHandler(filters.ALL, unexpected_input)]
