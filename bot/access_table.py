"""Who may use what: every command and every button action (by its callback prefix), with
the roles whose members it answers.

The gate (``bot.access.gate``) refuses by this table before any handler runs; the handlers
check the same roles again (``members_only`` and ``on_press`` name them), and
tests/test_access_table.py keeps this table equal to them and walks it for every role, a
deactivated user and a stranger: the allowed ones are answered, the others get the polite
refusal. ``/start`` (registration) and ``/batal`` (leave any conversation) are for everyone;
registration buttons (``reg:``) belong to the one registering.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from telegram import Update

from bot.core.roles import Role
from bot.ui.callbacks import ButtonData

K, T, P = (Role.KEPALA,), (Role.TIM,), (Role.PJ,)
KT = (Role.KEPALA, Role.TIM)
KTP = (Role.KEPALA, Role.TIM, Role.PJ)

COMMANDS: dict[str, tuple[Role, ...]] = {
    "analisis": KT,
    "arsip": KT,
    "bantuan": KTP,
    "capaian": KT,
    "edaran": KT,
    "help": KTP,
    "jadwal": KTP,
    "lapor": P,
    "laporan": KT,
    "paket": KTP,
    "pengguna": K,
    "pengingat": KTP,
    "persetujuan": KTP,
    "plh": K,
    "rapat": KT,
    "rencana": KTP,
    "sosialisasi": KT,
    "status": KTP,
    "tugas": KTP,
    "undang": KT,
    "verifikasi": KT,
}

# Button actions by ``ButtonData.PREFIX``.
CALLBACKS: dict[str, tuple[Role, ...]] = {
    "ack": KTP,
    "ana:d": T,
    "ana:i": KT,
    "ana:k": T,
    "ana:n": T,
    "ana:p": KT,
    "ana:r": T,
    "ana:s": T,
    "ana:u": KT,
    "ana:w": T,
    "ana:x": T,
    "ana:y": KT,
    "ana:ys": KT,
    "apr:d": KTP,
    "apr:o": KTP,
    "apr:s": KTP,
    "ars:doc": KT,
    "ars:knd": KT,
    "ars:stp": KT,
    "ars:yr": KT,
    "ars:yrs": KT,
    "cap:ch": KT,
    "cap:tr": KT,
    "cap:yr": KT,
    "cyc:ask": KT,
    "cyc:no": KT,
    "cyc:yes": KT,
    "hdr": KTP,
    "lap:k": KT,
    "lap:p": KT,
    "lap:sub": T,
    "lap:y": KT,
    "lp:done": P,
    "lp:edit": P,
    "lp:new": P,
    "lp:per": P,
    "lp:pkg": P,
    "lp:pp": P,
    "lp:resume": P,
    "lp:rev": P,
    "lp:send": P,
    "lp:st": P,
    "lp:wk:no": P,
    "lp:wk:ok": P,
    "lp:xt": P,
    "ltr:card": KT,
    "ltr:ed": KT,
    "ltr:go": KT,
    "ltr:new": T,
    "ltr:pdf": KT,
    "ltr:rep": KT,
    "ltr:sec": KT,
    "ltr:sub": T,
    "out:att": KT,
    "out:chk": KT,
    "out:inv": KT,
    "out:mdone": KT,
    "out:med": KT,
    "pap:submit": T,
    "pkt:a": KTP,
    "pkt:cov": KT,
    "pkt:menu": KTP,
    "pkt:mu": KT,
    "pkt:mx": KT,
    "pkt:no": KT,
    "pkt:ok": KT,
    "pkt:p": KTP,
    "pkt:sno": KT,
    "pkt:sok": KT,
    "pkt:u": KTP,
    "pkt:ua": KT,
    "pkt:um": KT,
    "pkt:un": KT,
    "pkt:up": KT,
    "pkt:y": KTP,
    "pkt:yr": KT,
    "plh:new": K,
    "plh:rv": K,
    "plh:t": K,
    "plh:u": K,
    "pln:a": KTP,
    "pln:areas": KTP,
    "pln:dt": KTP,
    "pln:e": KT,
    "pln:f": KT,
    "pln:i": KTP,
    "pln:menu": KTP,
    "pln:no": KT,
    "pln:ok": KT,
    "pln:pdf": KTP,
    "pln:seed": KT,
    "pln:tpl": KT,
    "pln:up": KT,
    "pln:v": KT,
    "pln:x": KTP,
    "pln:xa": KT,
    "pln:xd": KT,
    "pln:xy": KT,
    "rem:mute": KTP,
    "rem:snz": KTP,
    "rpt:ask": T,
    "rpt:open": T,
    "rpt:per": T,
    "rpt:yr": T,
    "rsvp": KTP,
    "step": KTP,
    "und:cancel": KT,
    "und:head": KT,
    "und:new": KT,
    "und:page": KT,
    "und:role": KT,
    "und:team": KT,
    "und:unit": KT,
    "usr:card": K,
    "usr:list": K,
    "usr:off": K,
    "usr:on": K,
    "usr:r": K,
    "usr:u": K,
    "usr:up": K,
    "vf:ev": KT,
    "vf:no": KT,
    "vf:nx": KT,
    "vf:ok": KT,
}


def _actions(base: type[ButtonData] = ButtonData) -> Iterator[type[ButtonData]]:
    """Every button action declared so far (a base shared by several actions is none)."""
    for action in base.__subclasses__():
        if action.PREFIX and not action.__subclasses__() and action.__module__.startswith("bot."):
            yield action
        yield from _actions(action)


@functools.cache
def _routes() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each action's routing pattern with its prefix (read once every feature is loaded)."""
    return tuple((re.compile(a.pattern()), a.PREFIX) for a in _actions() if a.PREFIX in CALLBACKS)


def _command(text: str) -> str | None:
    if not text.startswith("/"):
        return None
    return text[1:].split(maxsplit=1)[0].split("@")[0].lower() if len(text) > 1 else None


def roles_for(update: Update) -> tuple[Role, ...] | None:
    """The roles the table allows for this command or button press; None when the table
    does not name it (registration, /batal, typed text: their handlers decide)."""
    query = update.callback_query
    if query is not None:
        data = query.data or ""
        return next(
            (CALLBACKS[prefix] for pattern, prefix in _routes() if pattern.match(data)), None
        )
    message = update.message
    command = _command(message.text or "") if message is not None else None
    return None if command is None else COMMANDS.get(command)
