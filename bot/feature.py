"""What a feature gives the application: its handlers, how its steps open, its approval kinds.

``bot.features`` lists the features in order; ``register`` adds their handlers and keeps the
step openers and approval kinds in one ``Wiring`` in bot_data. Nothing registers itself as a
side effect of an import.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler

from bot.access import Member
from bot.approvals.kinds import ApprovalKind
from bot.context import Context

# How a step opens (key: the step's `fitur` in the step table) for a step of a given cycle
# year. An opener returns False when it has nothing to show this member; the guide then
# shows the step's card.
StepOpener = Callable[[Update, Context, Member, int, int], Awaitable[bool]]
Handlers = Callable[[], Sequence[BaseHandler[Update, Context, Any]]]


@dataclass(frozen=True)
class Feature:
    """One feature folder as the application sees it."""

    name: str
    handlers: Handlers
    step_openers: Mapping[str, StepOpener] = field(default_factory=dict)
    approval_kinds: Mapping[str, ApprovalKind] = field(default_factory=dict)


@dataclass(frozen=True)
class Wiring:
    """Step openers and approval kinds of every feature, by key."""

    step_openers: Mapping[str, StepOpener]
    approval_kinds: Mapping[str, ApprovalKind]

    @classmethod
    def of(cls, features: Sequence[Feature]) -> Wiring:
        openers: dict[str, StepOpener] = {}
        kinds: dict[str, ApprovalKind] = {}
        for feature in features:
            for key, opener in feature.step_openers.items():
                if key in openers:
                    raise ValueError(f"step opener {key!r} declared twice")
                openers[key] = opener
            for key, kind in feature.approval_kinds.items():
                if key in kinds:
                    raise ValueError(f"approval kind {key!r} declared twice")
                kinds[key] = kind
        return cls(step_openers=openers, approval_kinds=kinds)


WIRING_KEY = "wiring"


def wiring(context: Context) -> Wiring:
    """The application's wiring (put into bot_data by ``register``)."""
    found = context.application.bot_data[WIRING_KEY]
    assert isinstance(found, Wiring)
    return found
