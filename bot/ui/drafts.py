"""Typed conversation drafts: a dataclass per draft, stored in user_data as versioned JSON.

A draft is what a person typed so far in a flow (a report being filled in, a letter being
edited). It must survive a restart (persistence stores user_data as JSON) and a new release:
a draft written by an older version either upgrades (``upgrade``) or is dropped, and the
person is told so (``DROPPED``), never an incident::

    @dataclass
    class ReportDraft(Draft):
        KEY: ClassVar[str] = "lapor"
        VERSION: ClassVar[int] = 2
        package_id: int
        values: dict[str, str] = field(default_factory=dict)

    draft = read(context.user_data, ReportDraft)   # ReportDraft, None, or DROPPED
    write(context.user_data, draft)
    clear(context.user_data, ReportDraft)

Field types: int, float, str, bool, None unions, list[...] and dict[str, ...] of those, and
nested dataclasses.
"""

from __future__ import annotations

import dataclasses
import logging
import types
import typing
from collections.abc import MutableMapping
from enum import Enum
from typing import Any, ClassVar, Final, Literal, Self, TypeVar

logger = logging.getLogger(__name__)

VERSION_KEY = "_v"


class _Dropped(Enum):
    DROPPED = "dropped"


DROPPED: Final = _Dropped.DROPPED
D = TypeVar("D", bound="Draft")


@dataclasses.dataclass
class Draft:
    """Base of every draft: ``KEY`` in user_data and the ``VERSION`` of its shape."""

    KEY: ClassVar[str] = ""
    VERSION: ClassVar[int] = 1

    def to_json(self) -> dict[str, Any]:
        data = _dump(self)
        assert isinstance(data, dict)
        data[VERSION_KEY] = self.VERSION
        return data

    @classmethod
    def from_json(cls, raw: object) -> Self | None:
        """The draft, upgraded when older; None when it cannot be read."""
        if not isinstance(raw, dict):
            return None
        data = dict(raw)
        version = data.pop(VERSION_KEY, None)
        if not isinstance(version, int):
            return None
        while version < cls.VERSION:
            upgraded = cls.upgrade(data, version)
            if upgraded is None:
                return None
            data, version = upgraded, version + 1
        if version != cls.VERSION:
            return None
        try:
            loaded = _load(cls, data)
        except (TypeError, ValueError, KeyError):
            return None
        return loaded if isinstance(loaded, cls) else None

    @classmethod
    def upgrade(cls, data: dict[str, Any], version: int) -> dict[str, Any] | None:
        """Turn a draft of ``version`` into one of ``version + 1``; None drops it."""
        return None


def read(
    user_data: MutableMapping[Any, Any] | None, kind: type[D]
) -> D | Literal[_Dropped.DROPPED] | None:
    """The person's draft of ``kind``; None when there is none; DROPPED when an unreadable
    one was found (and removed), so the flow can say it starts again."""
    if user_data is None or kind.KEY not in user_data:
        return None
    draft = kind.from_json(user_data[kind.KEY])
    if draft is None:
        logger.info("dropped an unreadable %s draft", kind.__name__)
        del user_data[kind.KEY]
        return DROPPED
    return draft


def write(user_data: MutableMapping[Any, Any] | None, draft: Draft) -> None:
    if user_data is not None:
        user_data[draft.KEY] = draft.to_json()


def clear(user_data: MutableMapping[Any, Any] | None, kind: type[Draft]) -> None:
    if user_data is not None:
        user_data.pop(kind.KEY, None)


def _dump(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _dump(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_dump(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _dump(v) for k, v in value.items()}
    return value


def _load(kind: Any, value: Any) -> Any:
    origin = typing.get_origin(kind)
    if isinstance(kind, types.UnionType) or origin is typing.Union:
        for option in typing.get_args(kind):
            try:
                return _load(option, value)
            except (TypeError, ValueError, KeyError):
                continue
        raise TypeError(f"{value!r} is none of {kind}")
    if kind is type(None):
        if value is not None:
            raise TypeError(value)
        return None
    if kind is Any:
        return value
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        if not isinstance(value, dict):
            raise TypeError(value)
        hints = typing.get_type_hints(kind)
        args = {}
        for f in dataclasses.fields(kind):
            if f.name in value:
                args[f.name] = _load(hints[f.name], value[f.name])
            elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise KeyError(f.name)
        return kind(**args)
    if origin in (list, tuple):
        if not isinstance(value, list):
            raise TypeError(value)
        (item,) = typing.get_args(kind)[:1] or (Any,)
        loaded = [_load(item, v) for v in value]
        return loaded if origin is list else tuple(loaded)
    if origin is dict:
        if not isinstance(value, dict):
            raise TypeError(value)
        _, item = typing.get_args(kind) or (str, Any)
        return {str(k): _load(item, v) for k, v in value.items()}
    if kind is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if kind in (int, str, bool) and type(value) is kind:
        return value
    raise TypeError(f"{value!r} is not {kind}")
