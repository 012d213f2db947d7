"""Small helpers the handler modules share: command menus, keyboards, safe edits."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any, TypeVar

from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    Chat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    MessageEntity,
    Update,
    User,
)
from telegram.error import BadRequest, Forbidden
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
)
from telegram.warnings import PTBUserWarning

from bot import texts
from bot.access import mark_conversation_step, preparing_write_ahead
from bot.core.roles import Role
from bot.ui.callbacks import ButtonData

logger = logging.getLogger(__name__)
T = TypeVar("T")

PAGE_SIZE = 8


ACTIVE_FLOW = "alur_aktif"
# The step a conversation asked last, as [flow name, state] (see ``remember_step``).
ASKED_STEP = "langkah_ditanya"
# The conversation handling the update being processed (set by ``FlowConversation``).
_handling: ContextVar[str | None] = ContextVar("kinerja_flow_handling", default=None)


def remember_step(user_data: Any, step: object) -> None:
    """The conversation handling this update is about to ask ``step``'s question: call
    it before the question is shown (with the step's draft already written).

    The step is stored with the person's data before the reply leaves (``bot.outgoing``);
    PTB stores the conversation's own state only after the handler returned. After a
    crash in between, the next message is taken as this step's answer
    (``FlowConversation._resume``). A step the handler goes on to leave without asking
    again is forgotten when the update is done."""
    flow = _handling.get()
    if flow is None or user_data is None:
        return
    user_data[ASKED_STEP] = [flow, step]
    user_data[ACTIVE_FLOW] = flow


class FlowConversation(ConversationHandler[Any]):
    """A conversation that takes typed input only while it is the person's active flow.

    Several conversations can be half-finished for one person (a prompt left unanswered,
    then another command). A typed answer belongs to the flow the person used last, so
    the number typed for a plan target never becomes the comment of an approval. Buttons
    carry their feature in their data and are not affected; entry commands always work.
    """

    user_data_source: Any = None  # the application's user_data, set by ``register``
    # Every command any handler of this conversation answers, when no handler but these
    # takes a command (see ``learn_commands``); None: every update takes the full check.
    command_names: frozenset[str] | None = None
    # The state a person's user_data (their draft) puts them in, or None: a conversation
    # whose state follows from its draft continues right even when the state stored after
    # the last reply was lost (see ``bot.outgoing``). Asked only while this conversation is
    # the person's active flow: one that ended (/batal, sent) is not revived by its draft.
    # Without one, the step a handler named with ``remember_step`` is taken.
    resume: Callable[[Any], object | None] | None = None

    def learn_commands(self) -> None:
        """Let a command this conversation cannot answer pass it by without the full check
        (PTB checks every entry point of every conversation on every update)."""
        names: set[str] = set()
        handlers = [*self.entry_points, *(h for hs in self.states.values() for h in hs)]
        for handler in [*handlers, *self.fallbacks]:
            if isinstance(handler, CommandHandler):
                names |= handler.commands
            elif (
                isinstance(handler, MessageHandler) and _takes_commands(handler)
            ) or not isinstance(handler, CallbackQueryHandler | MessageHandler):
                self.command_names = None
                return
        self.command_names = frozenset(names)

    def _resume(self, update: Update) -> None:
        user, chat = update.effective_user, update.effective_chat
        if self.user_data_source is None or user is None or chat is None:
            return
        data = self.user_data_source.get(user.id)
        if not data or data.get(ACTIVE_FLOW) != self.name:
            return
        state = self.resume(data) if self.resume is not None else self._asked(data)
        key = self._get_key(update)
        if state is not None and self._conversations.get(key) != state:
            self._conversations[key] = state

    def _asked(self, data: dict[str, Any]) -> object | None:
        """The step this conversation last asked (``remember_step``), or None."""
        asked: object = data.get(ASKED_STEP)
        if isinstance(asked, list) and len(asked) == 2 and asked[0] == self.name:
            step: object = asked[1]
            return step
        return None

    def check_update(self, update: object) -> Any:
        if self.command_names is not None and isinstance(update, Update):
            command = _command_of(update)
            if command is not None and command not in self.command_names:
                return None  # before the resume: a command passing by needs no state
        if isinstance(update, Update):
            self._resume(update)
        result = super().check_update(update)
        if result is None or not isinstance(update, Update) or update.message is None:
            return result
        handler = result[2]
        if handler in self.entry_points or self.user_data_source is None:
            return result
        user = update.effective_user
        data = self.user_data_source.get(user.id, {}) if user is not None else {}
        return result if data.get(ACTIVE_FLOW) == self.name else None

    async def handle_update(
        self, update: Update, application: Any, check_result: Any, context: Any
    ) -> object:
        mark_conversation_step()  # its state is stored after this update
        data = context.user_data
        token = _handling.set(self.name)
        try:
            with preparing_write_ahead(lambda: self._mark_active(data)):
                result = await super().handle_update(update, application, check_result, context)
        finally:
            _handling.reset(token)
        if data is not None:
            self._settle(data, self._conversations.get(self._get_key(update)))
        return result

    def _mark_active(self, data: dict[str, Any] | None) -> None:
        """Right before the person's data is stored ahead of a reply (``bot.outgoing``):
        this flow is marked active when its draft names a step (a flow without a resume
        function marks itself in ``remember_step``), so after a crash the draft resumes it;
        another flow's mark goes. A reply that asks nothing stores nothing new."""
        if data is None:
            return
        if self.resume is not None and self.resume(data) is not None:
            if data.get(ACTIVE_FLOW) != self.name:
                data[ACTIVE_FLOW] = self.name
        elif data.get(ACTIVE_FLOW) not in (None, self.name):
            del data[ACTIVE_FLOW]

    def _settle(self, data: dict[str, Any], state: object | None) -> None:
        """After the handler: this flow takes typed input while it goes on; one that ended
        (its draft kept for later) resumes nothing; a step it did not ask is forgotten."""
        if state is None:
            data.pop(ACTIVE_FLOW, None)
        elif data.get(ACTIVE_FLOW) != self.name:
            data[ACTIVE_FLOW] = self.name
        asked = data.get(ASKED_STEP)
        if asked is not None and (state is None or asked != [self.name, state]):
            del data[ASKED_STEP]


_PROBE = "/zzprobe"


def _command_of(update: Update) -> str | None:
    """The command a message starts with (lower case, without @bot), or None."""
    message = update.message
    if message is None or not message.entities or message.text is None:
        return None
    entity = message.entities[0]
    if entity.type != MessageEntity.BOT_COMMAND or entity.offset != 0:
        return None
    return message.text[1 : entity.length].split("@")[0].lower()


def _takes_commands(handler: MessageHandler[Any, Any]) -> bool:
    """Whether the handler's filters let a command through (asked with a probe command)."""
    user = User(1, "probe", is_bot=False)
    probe = Message(
        message_id=1,
        date=datetime(2000, 1, 1, tzinfo=UTC),
        chat=Chat(1, Chat.PRIVATE),
        from_user=user,
        text=_PROBE,
        entities=(MessageEntity(MessageEntity.BOT_COMMAND, 0, len(_PROBE)),),
    )
    return bool(handler.check_update(Update(1, message=probe)))


def conversation_handler(
    *,
    entry_points: list[BaseHandler[Update, Any, Any]],
    states: dict[object, list[BaseHandler[Update, Any, Any]]],
    fallbacks: list[BaseHandler[Update, Any, Any]],
    name: str,
    resume: Callable[[Any], object | None] | None = None,
) -> FlowConversation:
    """A persistent conversation keyed per user and chat, re-enterable from its command.

    Our conversations mix typed answers and button presses in one private chat, so they
    are tracked per user and chat (per_message=False); PTB warns about exactly that
    combination, and here it is what we want.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="If 'per_message=False'", category=PTBUserWarning)
        conversation = FlowConversation(
            entry_points=entry_points,
            states=states,
            fallbacks=fallbacks,
            name=name,
            persistent=True,
            allow_reentry=True,
        )
    conversation.resume = resume
    return conversation


async def set_role_commands(bot: Bot, chat_id: int, role: Role | None) -> None:
    """Show a person the command menu of their role (the strangers' menu for None)."""
    pairs = texts.COMMANDS_STRANGER if role is None else texts.COMMANDS[role]
    commands = [BotCommand(command, description) for command, description in pairs]
    try:
        await bot.set_my_commands(commands, scope=BotCommandScopeChat(chat_id))
    except (BadRequest, Forbidden):
        logger.warning("could not set the command menu of chat %s", chat_id)


def button(text: str, data: str | ButtonData) -> InlineKeyboardButton:
    """An inline button; typed data (``ButtonData``) is encoded by its codec."""
    if isinstance(data, ButtonData):
        return InlineKeyboardButton(text, callback_data=data.encode())
    if len(data.encode()) > 64:
        raise ValueError(f"callback data over Telegram's 64 bytes: {data!r}")
    return InlineKeyboardButton(text, callback_data=data)


def paged(
    items: Sequence[T],
    *,
    page: int,
    make_button: Callable[[T], InlineKeyboardButton],
    nav_data: Callable[[int], str | ButtonData],
    extra_rows: Sequence[Sequence[InlineKeyboardButton]] = (),
    page_size: int = PAGE_SIZE,
) -> tuple[InlineKeyboardMarkup, int, int]:
    """One page of buttons (one per row) with ◀ ▶; returns the markup, page and page count."""
    pages = max(1, -(-len(items) // page_size))
    page = min(max(page, 1), pages)
    start = (page - 1) * page_size
    rows: list[list[InlineKeyboardButton]] = [
        [make_button(item)] for item in items[start : start + page_size]
    ]
    nav = []
    if page > 1:
        nav.append(button(texts.BUTTON_PREV, nav_data(page - 1)))
    if page < pages:
        nav.append(button(texts.BUTTON_NEXT, nav_data(page + 1)))
    if nav:
        rows.append(nav)
    rows.extend(list(row) for row in extra_rows)
    return InlineKeyboardMarkup(rows), page, pages


async def show(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """Edit the message a button sits on, or send a new message for a typed command."""
    query = update.callback_query
    if query is not None and query.message is not None:
        try:
            await query.edit_message_text(text, reply_markup=markup)
        except BadRequest as exc:
            # Pressing the same button twice asks for an identical edit; that is harmless.
            if "not modified" not in str(exc).lower():
                raise
        return
    if update.effective_message is not None:
        await update.effective_message.reply_text(text, reply_markup=markup)


async def answer(update: Update, text: str | None = None) -> None:
    """Answer a button press first, so the phone stops its spinner."""
    if update.callback_query is not None:
        await update.callback_query.answer(text)


def button_rows(markup: InlineKeyboardMarkup | None) -> list[list[tuple[str, str]]]:
    """A keyboard as rows of (label, callback data), as the outbox stores it."""
    rows = [] if markup is None else markup.inline_keyboard
    return [[(b.text, str(b.callback_data)) for b in row] for row in rows]
