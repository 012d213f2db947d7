"""A read that overruns its time stops itself.

A thread cannot be stopped from outside, so an upload read (``bot.ui.uploads``) runs under
a deadline that the reading code checks as it goes: :func:`check` wherever it reads on
(the stream openpyxl parses a sheet from, see :class:`CheckedStream`; the per-cell helpers
of ``bot.core.xlsx_guard``; the rows of a CSV). Past the deadline :func:`check` raises
:class:`TooSlow`, which ends the read within one cell or one chunk of the file, and its
memory with it. Outside :func:`run_within` checking costs one look-up and does nothing.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from contextvars import ContextVar
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

_deadline: ContextVar[float | None] = ContextVar("read_deadline", default=None)


class TooSlow(BaseException):
    """The read passed its deadline. A BaseException: the readers' own ``except Exception``
    (a damaged file is a problem to report) must not turn it into a file problem."""


def run_within(seconds: float, read: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``read(*args, **kwargs)``, raising :class:`TooSlow` at the first check past ``seconds``."""
    token = _deadline.set(time.monotonic() + seconds)
    try:
        return read(*args, **kwargs)
    finally:
        _deadline.reset(token)


def check() -> None:
    """Raise :class:`TooSlow` when the read running in this context is past its deadline."""
    deadline = _deadline.get()
    if deadline is not None and time.monotonic() > deadline:
        raise TooSlow


class CheckedStream(io.BytesIO):
    """The bytes of an upload, checking the deadline at each read: openpyxl and zipfile
    read a sheet's XML through it in chunks while they parse."""

    def read(self, size: int | None = -1, /) -> bytes:
        check()
        return super().read(size)

    def read1(self, size: int | None = -1, /) -> bytes:
        check()
        return super().read1(size)

    def readinto(self, buffer: memoryview | bytearray, /) -> int:  # type: ignore[override]
        check()
        return super().readinto(buffer)
