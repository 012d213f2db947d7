"""Forged button data: every action of the bot, with ids too big, negative or written in
digits that are not ASCII, gets the stale-button refusal and never an incident."""

from __future__ import annotations

import typing
from enum import StrEnum

import pytest

from bot.core.roles import Role
from bot.ui.callbacks import SEPARATOR, ButtonData, _fields, _optional_of
from tests.harness import Harness

# Ids the codec must refuse: over int32 (PostgreSQL's integer), over int64 (SQLite), a year
# date() cannot hold, and digits str.isdigit() accepts that int() or the database would not.
FORGED_INTS = ("2147483648", "-2147483648", "9" * 18, "9" * 40, "²", "٣", "１", "1_0", " 1", "+1")
FORGED_YEARS = ("99999", "0", "-1", "999")


def _actions() -> list[type[ButtonData]]:
    import bot.features  # noqa: F401  (imports every feature and its buttons)

    def subclasses(cls: type[ButtonData]) -> list[type[ButtonData]]:
        found: list[type[ButtonData]] = []
        for sub in cls.__subclasses__():
            found += [sub, *subclasses(sub)]
        return found

    return [
        c
        for c in subclasses(ButtonData)
        if c.__module__.startswith("bot.") and not c.__subclasses__()
    ]


def _sample(kind: typing.Any) -> str:
    inner = _optional_of(kind)
    if inner is not None:
        return _sample(inner)
    if kind is bool:
        return "0"
    if kind is int:
        return "1"
    if isinstance(kind, type) and issubclass(kind, StrEnum):
        return str(next(iter(kind)).value)
    return "x"


def _wire(action: type[ButtonData], values: list[str]) -> str:
    head = action.PREFIX.split(SEPARATOR)
    if action.LEADING:
        return SEPARATOR.join([head[0], values[0], *head[1:], *values[1:]])
    return SEPARATOR.join([*head, *values])


def forged_payloads() -> list[str]:
    """For each action and each of its int fields, the payload with that field forged."""
    payloads: list[str] = []
    for action in _actions():
        fields = _fields(action)
        base = [_sample(kind) for _, kind in fields]
        for index, (name, kind) in enumerate(fields):
            if (_optional_of(kind) or kind) is not int:
                continue
            for bad in FORGED_INTS + (FORGED_YEARS if name == "year" else ()):
                values = list(base)
                values[index] = bad
                payloads.append(_wire(action, values))
    return payloads


def test_the_codec_refuses_every_forged_id() -> None:
    payloads = forged_payloads()
    assert len(payloads) > 100
    for action in _actions():
        for payload in payloads:
            assert action.decode(payload) is None, (action.__name__, payload)


def test_ids_in_range_still_decode() -> None:
    from bot.approvals.callbacks import Detail

    assert Detail.decode(Detail(request_id=2**31 - 1).encode()) == Detail(request_id=2**31 - 1)


@pytest.mark.parametrize("role", [Role.KEPALA, Role.TIM, Role.PJ])
async def test_forged_presses_get_a_refusal_not_an_incident(bot: Harness, role: Role) -> None:
    person = await bot.registered(700 + len(role.value), role, unit="Dinas Kesehatan")
    (menu,) = await person.command("start")
    for payload in forged_payloads():
        await person.press_data(payload, on=menu)
        assert bot.errors == [], payload
