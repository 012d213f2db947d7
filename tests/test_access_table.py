"""The access table (bot/access_table.py) is what the handlers check, and it holds for every
role, a deactivated member and a stranger: allowed ones are answered, the others get the
polite refusal, never an incident. An owner cannot reach another unit's packages or reports
by forging callback data."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, ConversationHandler

from bot import texts
from bot.access_table import CALLBACKS, COMMANDS
from bot.core.roles import Role
from bot.devtools.chat import Person
from bot.packages.callbacks import MapArea, OpenPackage, UnitPackages
from bot.planning.rules.example import example_plan
from bot.reporting.callbacks import ChoosePackage
from bot.ui.callbacks import ButtonData
from bot.ui.callbacks import _fields as fields_of
from storage import cycles, packages, submissions, units, users
from storage.models import Package
from tests.harness import Harness, approve_plan, sirup_row

PUBLIC_COMMANDS = {"start", "batal"}
REFUSED_COMMAND = texts.NOT_FOR_ROLE.split("{")[0]
REFUSED_PRESS = texts.NOT_FOR_ROLE_ALERT.split("{")[0]
STRANGER_START = "Selamat datang di Kinerja PBJ Bot"


def _actions(base: type[ButtonData] = ButtonData) -> Iterator[type[ButtonData]]:
    """Every button action (a base shared by several actions is none)."""
    for action in base.__subclasses__():
        if action.PREFIX and not action.__subclasses__() and action.__module__.startswith("bot."):
            yield action
        yield from _actions(action)


def _forged(prefix: str, junk: str = "987654") -> str:
    """Callback data of the action ``prefix`` as a forger would write it: every field the
    same made-up number (no such record), routed to the action's handler."""
    action = next(a for a in _actions() if prefix == a.PREFIX)
    fields = [junk] * len(fields_of(action))
    if not fields:
        return prefix
    family, *rest = prefix.split(":")
    parts = [family, fields[0], *rest, *fields[1:]] if action.LEADING else [prefix, *fields]
    return ":".join(parts)


def _flat(handlers: list[BaseHandler[Any, Any, Any]]) -> Iterator[BaseHandler[Any, Any, Any]]:
    for handler in handlers:
        if isinstance(handler, ConversationHandler):
            yield from _flat(list(handler.entry_points))
            for state in handler.states.values():
                yield from _flat(list(state))
            yield from _flat(list(handler.fallbacks))
        else:
            yield handler


def _declared(bot: Harness) -> tuple[dict[str, set[Role]], dict[str, set[Role]]]:
    """The roles each command handler and each button handler checks."""
    assert bot.app is not None
    prefixes = {action.pattern(): action.PREFIX for action in _actions()}
    commands: dict[str, set[Role]] = {}
    presses: dict[str, set[Role]] = {}
    for group in bot.app.handlers.values():
        for handler in _flat(list(group)):
            roles = getattr(handler.callback, "allowed_roles", None)
            if isinstance(handler, CommandHandler):
                for command in handler.commands - PUBLIC_COMMANDS:
                    assert roles is not None, f"/{command} checks no role"
                    commands.setdefault(command, set()).update(roles)
            elif isinstance(handler, CallbackQueryHandler) and handler.pattern is not None:
                pattern = getattr(handler.pattern, "pattern", handler.pattern)
                prefix = prefixes.get(str(pattern))
                if prefix is not None and not prefix.startswith("reg:"):
                    assert roles is not None, f"{prefix} checks no role"
                    presses.setdefault(prefix, set()).update(roles)
    return commands, presses


async def test_the_table_is_what_the_handlers_check(bot: Harness) -> None:
    commands, presses = _declared(bot)
    assert {c: set(r) for c, r in COMMANDS.items()} == commands
    assert {p: set(r) for p, r in CALLBACKS.items()} == presses
    every = {a.PREFIX for a in _actions() if not a.PREFIX.startswith("reg:")}
    assert set(CALLBACKS) == every  # every button action has a row


async def _people(bot: Harness) -> dict[str, Person]:
    people = {
        "kepala": await bot.registered(1001, Role.KEPALA),
        "tim": await bot.registered(2001, Role.TIM),
        "pj": await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan"),
        "nonaktif": await bot.registered(3002, Role.PJ, unit="Dinas Sosial"),
        "asing": bot.person(9001),
    }
    with bot.svc.db.write() as session:
        user = users.get_by_telegram_id(session, 3002)
        assert user is not None
        user.active = False
        session.add(user)
    return people


def _role(who: str) -> Role | None:
    return {"kepala": Role.KEPALA, "tim": Role.TIM, "pj": Role.PJ}.get(who)


async def test_every_command_for_every_role(bot: Harness) -> None:
    people = await _people(bot)
    for command, allowed in COMMANDS.items():
        for who, person in people.items():
            shown = await person.command(command)
            assert shown, (command, who)
            reply = shown[0].plain
            role = _role(who)
            if who == "asing":
                assert reply.startswith(STRANGER_START), (command, who, reply)
            elif who == "nonaktif":
                assert reply == texts.DEACTIVATED, (command, who, reply)
            elif role in allowed:
                assert not reply.startswith(REFUSED_COMMAND), (command, who, reply)
            else:
                assert reply.startswith(REFUSED_COMMAND), (command, who, reply)


async def test_every_button_for_every_role(bot: Harness) -> None:
    people = await _people(bot)
    for person in people.values():
        await person.command("bantuan")  # a message to press forged buttons on
    for prefix, allowed in CALLBACKS.items():
        for who, person in people.items():
            await person.press_data(_forged(prefix), on=person.last)
            answered = bot.api.calls_of("answerCallbackQuery")[-1].params
            note = answered.get("text") or ""
            role = _role(who)
            if who == "asing":
                assert note == texts.STRANGER_ALERT, (prefix, who, note)
            elif who == "nonaktif":
                assert note == texts.DEACTIVATED_ALERT, (prefix, who, note)
            elif role in allowed:
                assert not note.startswith(REFUSED_PRESS), (prefix, who, note)
            else:
                assert note.startswith(REFUSED_PRESS), (prefix, who, note)


def _two_units(bot: Harness) -> tuple[int, int]:
    """The approved plan and one package each for Dinas Kesehatan and Dinas Sosial (both
    mapped to area A2); returns (own package id, other unit's package id)."""
    with bot.svc.db.write() as session:
        approve_plan(session, example_plan(2027), bot.clock.now())
        cycle = cycles.find_cycle(session, year=2027)
        health = units.find_unit(session, name="Dinas Kesehatan")
        social = units.find_unit(session, name="Dinas Sosial")
        assert cycle is not None and cycle.id is not None
        assert health is not None and social is not None
        rows = [
            sirup_row(),
            sirup_row(
                kode_rup="41000002",
                nama_paket="Bantuan sosial RAHASIA",
                row=6,
                satuan_kerja="Dinas Sosial",
            ),
        ]
        packages.upsert(
            session,
            cycle_id=cycle.id,
            rows=rows,
            unit_ids={"Dinas Kesehatan": health.id, "Dinas Sosial": social.id},
            actor=None,
            now=bot.clock.now(),
        )
        found = {p.kode_rup: p for p in packages.all_of_cycle(session, cycle_id=cycle.id)}
        for package in found.values():
            package.area_code = "A2"
            session.add(package)
        own, other = found["41000001"].id, found["41000002"].id
        assert own is not None and other is not None
        return own, other


async def test_an_owner_cannot_reach_another_units_packages_by_forged_buttons(
    bot: Harness,
) -> None:
    own, other = _two_units(bot)
    with bot.svc.db.read() as session:
        social = units.find_unit(session, name="Dinas Sosial")
        assert social is not None and social.id is not None
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    menu = (await owner.command("paket"))[0]
    forged = [
        UnitPackages(unit_id=social.id, page=1, year=2027),
        OpenPackage(package_id=other),
        MapArea(package_id=other, area_code="A1"),
        ChoosePackage(period_key="triwulanan-1", package_id=other),
    ]
    for data in forged:
        shown = await owner.press_data(data.encode(), on=menu)
        seen = " ".join(m.plain for m in shown) + " ".join(
            str(c.params.get("text", "")) for c in bot.api.calls_of("answerCallbackQuery")[-1:]
        )
        assert "RAHASIA" not in seen and "41000002" not in seen, (data, seen)
    with bot.svc.db.read() as session:
        package = session.get(Package, other)
        assert package is not None and package.area_code == "A2"
        assert submissions.latest(session, package_id=other, period_key="triwulanan-1") is None
    # Their own package opens as usual.
    shown = await owner.press_data(OpenPackage(package_id=own).encode(), on=menu)
    assert "Pengadaan obat puskesmas" in shown[0].plain
