"""Frozen dataclasses to JSON and back, for data that must stay as it was when it was shown
(a report's numbers from its draft to its signature).

Supported field types: ``str``, ``int``, ``float``, ``bool``, ``date``, ``datetime`` (aware),
``X | None``, ``tuple[X, ...]``, fixed tuples such as ``tuple[str, str]``, ``StrEnum``s and
nested dataclasses. Anything else raises TypeError when written, so a new field of another
type is noticed by the tests rather than stored wrongly.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

T = TypeVar("T")


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value.value if isinstance(value, Enum) else value
    if isinstance(value, datetime):
        if value.utcoffset() is None:
            raise TypeError("a naive datetime cannot be kept")
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    raise TypeError(f"cannot keep a {type(value).__name__}")


def to_json(value: Any) -> str:
    """``value`` (a dataclass instance) as compact JSON."""
    return json.dumps(_plain(value), ensure_ascii=False, separators=(",", ":"))


def _union_value(kind: Any, value: Any) -> Any:
    options = [a for a in typing.get_args(kind) if a is not type(None)]
    if value is None:
        return None
    if len(options) != 1:
        raise TypeError(f"cannot read a value of {kind}")
    return _read(options[0], value)


def _tuple_value(kind: Any, value: Any) -> tuple[Any, ...]:
    args = typing.get_args(kind)
    if len(args) == 2 and args[1] is Ellipsis:
        return tuple(_read(args[0], item) for item in value)
    if len(args) != len(value):
        raise ValueError("a fixed tuple of another length")
    return tuple(_read(arg, item) for arg, item in zip(args, value, strict=True))


def _read(kind: Any, value: Any) -> Any:
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        return _union_value(kind, value)
    if origin is tuple:
        return _tuple_value(kind, value)
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        return from_plain(kind, value)
    if kind is datetime:
        return datetime.fromisoformat(value)
    if kind is date:
        return date.fromisoformat(value)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(value)
    if kind is float and isinstance(value, int):
        return float(value)
    if kind in (str, int, float, bool) and isinstance(value, kind):
        return value
    raise TypeError(f"cannot read {value!r} as {kind}")


def from_plain(cls: type[T], data: dict[str, Any]) -> T:
    """The dataclass ``cls`` from what :func:`_plain` made of one."""
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls) if f.init}  # type: ignore[arg-type]
    return cls(**{name: _read(hints[name], data[name]) for name in names if name in data})


def from_json(cls: type[T], text: str) -> T:
    """The dataclass ``cls`` kept by :func:`to_json`; ValueError or TypeError when the text
    is not one."""
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("not a kept object")
    return from_plain(cls, data)
