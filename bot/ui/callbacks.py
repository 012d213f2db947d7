"""Typed button data: one small frozen dataclass per action, one codec for all of them.

A feature declares, for each button action, a dataclass with a ``PREFIX`` (the feature's
short prefix and the action, ``"ltr:sig"``) and typed fields::

    @dataclass(frozen=True)
    class SignLetter(ButtonData):
        PREFIX: ClassVar[str] = "ltr:sig"
        letter_id: int

    button(texts.SIGN, SignLetter(letter_id=5))       # callback data "ltr:sig:5"
    data = SignLetter.decode(query.data)                # SignLetter(letter_id=5) or None

Fields are written in declaration order, separated by ``:``. A family of actions whose wire
format puts its first field before the action (``apr:<id>:o:<option>``, ``pln:<year>:menu``,
kept so that buttons already in people's chats keep working) sets ``LEADING = True``.
Supported field types: ``int``, ``str`` (without ``:``), ``bool``, a ``StrEnum``, and
``int | None`` / ``str | None`` (written empty). ``encode`` refuses anything over Telegram's
64 bytes; ``decode`` returns None for anything stale, forged or malformed and never raises,
so a handler answers such a press with one clear refusal. An ``int`` is read from ASCII digits
only (``"²"`` passes ``str.isdigit``) and must fit a 32-bit database integer; a field named
``year`` must be a four-digit year, so a forged id or year never reaches a query or ``date()``.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from enum import StrEnum
from typing import Any, ClassVar, Self

MAX_BYTES = 64
INT_LIMIT = 2**31  # ids are PostgreSQL integers: |value| < INT_LIMIT
YEARS = range(1000, 10000)  # an int field named ``year``
_INT = re.compile(r"-?[0-9]{1,10}", re.ASCII)
SEPARATOR = ":"
_PREFIX = re.compile(r"^[a-z][a-z0-9]{1,5}(:[a-z][a-z0-9]{0,7})*$")


class ButtonDataError(ValueError):
    """A button cannot be encoded (too long, or a value that would break decoding)."""


@dataclasses.dataclass(frozen=True)
class ButtonData:
    """Base of every button's data; subclasses are frozen dataclasses with a ``PREFIX``."""

    PREFIX: ClassVar[str] = ""
    LEADING: ClassVar[bool] = False

    def encode(self) -> str:
        """The callback data, at most 64 bytes."""
        values = [_write(getattr(self, f), kind, f) for f, kind in _fields(type(self))]
        head = self.PREFIX.split(SEPARATOR)
        parts = [head[0], values[0], *head[1:], *values[1:]] if self.LEADING else [*head, *values]
        data = SEPARATOR.join(parts)
        if len(data.encode()) > MAX_BYTES:
            raise ButtonDataError(f"callback data over {MAX_BYTES} bytes: {data!r}")
        return data

    @classmethod
    def decode(cls, data: object) -> Self | None:
        """The button's data, or None when ``data`` is not a valid payload of this action."""
        if not isinstance(data, str) or len(data.encode()) > MAX_BYTES:
            return None
        if cls.LEADING:  # back into declaration order: family, action, first field, rest
            parts, cut = data.split(SEPARATOR), cls.PREFIX.count(SEPARATOR) + 1
            if len(parts) <= cut:
                return None
            data = SEPARATOR.join([parts[0], *parts[2 : cut + 1], parts[1], *parts[cut + 1 :]])
        head = cls.PREFIX + SEPARATOR
        fields = _fields(cls)
        if not fields:
            return cls() if data == cls.PREFIX else None
        if not data.startswith(head):
            return None
        raw = data[len(head) :].split(SEPARATOR)
        if len(raw) != len(fields):
            return None
        values: dict[str, Any] = {}
        for text, (field, kind) in zip(raw, fields, strict=True):
            try:
                values[field] = _read(text, kind)
            except ValueError:
                return None
            if field == "year" and isinstance(values[field], int) and values[field] not in YEARS:
                return None
        try:
            return cls(**values)
        except (TypeError, ValueError):
            return None

    @classmethod
    def pattern(cls) -> str:
        """The regular expression a ``CallbackQueryHandler`` routes this action by."""
        fields = _fields(cls)
        if not cls.LEADING:
            return "^" + re.escape(cls.PREFIX) + ("$" if not fields else re.escape(SEPARATOR))
        family, *action = (re.escape(p) for p in cls.PREFIX.split(SEPARATOR))
        first = r"-?[0-9]+" if fields[0][1] is int else "[^:]+"
        tail = ":" if len(fields) > 1 else "$"
        return f"^{family}:{first}:" + ":".join(action) + tail

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not _PREFIX.match(cls.PREFIX):
            raise TypeError(f"{cls.__name__}.PREFIX {cls.PREFIX!r} is not a short lowercase prefix")


def check_prefixes(classes: typing.Iterable[type[ButtonData]]) -> None:
    """Refuse two actions whose payloads could be mistaken for each other."""
    seen: dict[str, str] = {}
    for cls in classes:
        if cls.PREFIX in seen:
            raise TypeError(f"{cls.__name__} and {seen[cls.PREFIX]} share prefix {cls.PREFIX!r}")
        seen[cls.PREFIX] = cls.__name__
    for prefix, name in seen.items():
        for other, other_name in seen.items():
            if other != prefix and other.startswith(prefix + SEPARATOR):
                raise TypeError(f"{other_name} ({other!r}) lies under {name} ({prefix!r})")


_FIELDS: dict[type, tuple[tuple[str, Any], ...]] = {}


def _fields(cls: type) -> tuple[tuple[str, Any], ...]:
    found = _FIELDS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        found = tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))
        _FIELDS[cls] = found
    return found


def _optional_of(kind: Any) -> Any | None:
    if isinstance(kind, types.UnionType) or typing.get_origin(kind) is typing.Union:
        args = [a for a in typing.get_args(kind) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(kind)) == 2:
            return args[0]
    return None


def _write(value: Any, kind: Any, field: str) -> str:
    inner = _optional_of(kind)
    if inner is not None:
        return "" if value is None else _write(value, inner, field)
    if kind is bool:
        return "1" if value else "0"
    if kind is int:
        return str(int(value))
    text = str(value.value if isinstance(value, StrEnum) else value)
    if SEPARATOR in text or (kind is str and not text):
        raise ButtonDataError(f"{field}={text!r} cannot be written into callback data")
    return text


def _read(text: str, kind: Any) -> Any:
    inner = _optional_of(kind)
    if inner is not None:
        return None if text == "" else _read(text, inner)
    if kind is bool:
        if text not in ("0", "1"):
            raise ValueError(text)
        return text == "1"
    if kind is int:
        if not _INT.fullmatch(text) or abs(number := int(text)) >= INT_LIMIT:
            raise ValueError(text)
        return number
    if isinstance(kind, type) and issubclass(kind, StrEnum):
        return kind(text)
    if kind is str:
        if not text:
            raise ValueError(text)
        return text
    raise ValueError(f"unsupported field type {kind!r}")
