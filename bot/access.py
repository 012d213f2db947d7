"""Who is writing: load the registered member behind an update and check their role.

Every handler is wrapped by ``members_only`` (naming the roles it serves), so no handler
can forget the check. Strangers are stopped earlier, in the gate of handler group -1.

The gate hands the member it loaded to ``members_only`` through the update's scope (a
context variable that ``KinerjaApplication.process_update`` sets for each update), so an
update reads its member once; between updates ``load_member`` reads again only after
something was committed to the database.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop

from bot import access_table, texts
from bot.context import Context
from bot.core.roles import Role
from bot.services import Services
from storage import users

R = TypeVar("R")
MemberHandler = Callable[[Update, Context, "Member"], Coroutine[Any, Any, R]]

REGISTRATION_DRAFT = "registrasi"


@dataclass(frozen=True)
class Member:
    """A registered, active user as handlers see them (a snapshot, safe across awaits)."""

    user_id: int
    telegram_id: int
    role: Role
    full_name: str
    nip: str
    position: str
    unit_id: int | None
    unit_name: str | None


def services(context: Context) -> Services:
    """The application's services (put into bot_data when the application is built)."""
    found = context.application.bot_data["services"]
    assert isinstance(found, Services)
    return found


def load_member(svc: Services, telegram_id: int) -> Member | None:
    """The active member behind a Telegram account, or None for a stranger."""
    return svc.db.cached(("member", telegram_id), lambda: _read_member(svc, telegram_id))


def _read_member(svc: Services, telegram_id: int) -> Member | None:
    with svc.db.read() as session:
        user = users.active_member(session, telegram_id)
        if user is None or user.id is None:
            return None
        unit = users.unit_of(session, user)
        return Member(
            user_id=user.id,
            telegram_id=user.telegram_id,
            role=Role(user.role),
            full_name=user.full_name,
            nip=user.nip,
            position=user.position,
            unit_id=user.unit_id,
            unit_name=None if unit is None else unit.name,
        )


@dataclass
class UpdateScope:
    """What one update's handlers share: the member the gate loaded (by Telegram id), and
    whether a conversation took a step (its state may have changed and must be stored),
    and whether it queued messages in the outbox (to be sent once the update is done)."""

    members: dict[int, Member]
    conversation_step: bool = False
    outbox_queued: list[int] = field(default_factory=list)
    # Stores the update's user and chat data; run before each Bot API request (a reply).
    before_request: Callable[[], Coroutine[Any, Any, None]] | None = None
    # Run first: what a handler's conversation puts into that data (``preparing_write_ahead``).
    before_write: list[Callable[[], None]] = field(default_factory=list)


_scope: ContextVar[UpdateScope | None] = ContextVar("kinerja_update_scope", default=None)


@contextmanager
def update_scope() -> Iterator[UpdateScope]:
    """A fresh scope for the handlers of one update (each update, even concurrent ones,
    runs in its own asyncio context, so scopes never mix)."""
    scope = UpdateScope(members={})
    token = _scope.set(scope)
    try:
        yield scope
    finally:
        _scope.reset(token)


def mark_conversation_step() -> None:
    """A conversation handles the update being processed (see ``FlowConversation``)."""
    scope = _scope.get()
    if scope is not None:
        scope.conversation_step = True


@contextmanager
def outside_update() -> Iterator[None]:
    """Code that is not an update's (a job started from a handler inherits its context):
    no write-ahead of that update's data, no reply retries (``bot.outgoing``)."""
    token = _scope.set(None)
    try:
        yield
    finally:
        _scope.reset(token)


def handling_update() -> bool:
    """Whether the code running now handles an update (a reply), not a job or the outbox."""
    return _scope.get() is not None


async def write_ahead() -> None:
    """Store what the update being handled changed so far (see ``bot.outgoing``)."""
    scope = _scope.get()
    if scope is not None and scope.before_request is not None:
        for prepare in scope.before_write:
            prepare()
        await scope.before_request()


@contextmanager
def preparing_write_ahead(prepare: Callable[[], None]) -> Iterator[None]:
    """Run ``prepare`` before each write-ahead of the update being handled, inside this
    block (a conversation marks itself active only when its draft names a step)."""
    scope = _scope.get()
    if scope is None:
        yield
        return
    scope.before_write.append(prepare)
    try:
        yield
    finally:
        scope.before_write.remove(prepare)


def mark_outbox_queued(broadcast_id: int) -> None:
    """The update being processed queued a broadcast for others (see ``bot.deliveries``)."""
    scope = _scope.get()
    if scope is not None:
        scope.outbox_queued.append(broadcast_id)


def member_of_update(svc: Services, telegram_id: int) -> Member | None:
    """The member behind the update being handled: the one the gate loaded, or loaded now."""
    scope = _scope.get()
    if scope is not None and telegram_id in scope.members:
        return scope.members[telegram_id]
    member = load_member(svc, telegram_id)
    if scope is not None and member is not None:
        scope.members[telegram_id] = member
    return member


def deactivated(svc: Services, telegram_id: int) -> bool:
    """Whether the account was registered and is deactivated (not a stranger)."""

    def read() -> bool:
        with svc.db.read() as session:
            user = users.get_by_telegram_id(session, telegram_id)
            return user is not None and not user.active

    return svc.db.cached(("deactivated", telegram_id), read)


async def refuse_outsider(update: Update, svc: Services) -> None:
    """The polite refusal for someone who is no member: a deactivated account is told so,
    a stranger how to get an invitation."""
    if update.effective_user is not None and deactivated(svc, update.effective_user.id):
        await refuse(update, texts.DEACTIVATED, texts.DEACTIVATED_ALERT)
        return
    await refuse(
        update,
        texts.STRANGER.format(unit=texts.esc(svc.profile.unit_short_name)),
        texts.STRANGER_ALERT,
    )


def role_list(roles: tuple[Role, ...]) -> str:
    return ", ".join(texts.ROLE_NAMES[r] for r in roles)


async def refuse(update: Update, text: str, alert: str) -> None:
    """Tell the user no: an alert on a button press, a reply to a message."""
    if update.callback_query is not None:
        await update.callback_query.answer(alert, show_alert=True)
    elif update.effective_message is not None:
        await update.effective_message.reply_text(text)


def members_only(
    *roles: Role,
) -> Callable[[MemberHandler[R]], Callable[[Update, Context], Coroutine[Any, Any, R | None]]]:
    """Run the handler only for an active member with one of ``roles`` (all roles if none)."""
    allowed = roles or tuple(Role)

    def decorate(
        handler: MemberHandler[R],
    ) -> Callable[[Update, Context], Coroutine[Any, Any, R | None]]:
        @functools.wraps(handler)
        async def wrapper(update: Update, context: Context) -> R | None:
            svc = services(context)
            member = None
            if update.effective_user is not None:
                member = member_of_update(svc, update.effective_user.id)
            if member is None:
                await refuse_outsider(update, svc)
                return None
            if member.role not in allowed:
                names = role_list(allowed)
                await refuse(
                    update,
                    texts.NOT_FOR_ROLE.format(roles=names, role=texts.ROLE_NAMES[member.role]),
                    texts.NOT_FOR_ROLE_ALERT.format(roles=names),
                )
                return None
            return await handler(update, context, member)

        wrapper.allowed_roles = allowed  # type: ignore[attr-defined]  # for bot.access_table
        return wrapper

    return decorate


def _start_args(update: Update) -> list[str] | None:
    """The words after /start (an invitation code), None when the update is no /start."""
    message = update.message
    words = [] if message is None else (message.text or "").split()
    return words[1:] if words[:1] == ["/start"] else None


async def gate(update: Update, context: Context) -> None:
    """Handler group -1: keep group chats out and show strangers only how to get in."""
    chat = update.effective_chat
    if chat is not None and chat.type != ChatType.PRIVATE:
        raise ApplicationHandlerStop
    user = update.effective_user
    if user is None:
        return
    svc = services(context)
    member = member_of_update(svc, user.id)
    if member is not None:
        allowed = access_table.roles_for(update)
        if allowed is not None and member.role not in allowed:
            names = role_list(allowed)
            await refuse(
                update,
                texts.NOT_FOR_ROLE.format(roles=names, role=texts.ROLE_NAMES[member.role]),
                texts.NOT_FOR_ROLE_ALERT.format(roles=names),
            )
            raise ApplicationHandlerStop
        return
    # Strangers may start a registration and continue one they started; a deactivated
    # member only with a new invitation.
    if context.user_data and context.user_data.get(REGISTRATION_DRAFT):
        return
    start = _start_args(update)
    if start is not None and (start or not deactivated(svc, user.id)):
        return
    await refuse_outsider(update, svc)
    raise ApplicationHandlerStop
