"""Running the command line's ``main()`` inside a test: what it printed and returned, with
the process-wide logging it configures put back afterwards for the next tests."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest

from bot.cli import main

# Loggers whose level main() sets (bot.app's quiet third-party loggers among them).
_NAMED = ("httpx", "alembic", "apscheduler", "fontTools", "matplotlib")


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str


@contextmanager
def logging_kept() -> Iterator[None]:
    """The root logger's handlers, their formatters and the levels main() changes, as they
    were before the block."""
    root = logging.getLogger()
    handlers = [(handler, handler.formatter) for handler in root.handlers]
    levels = {name: logging.getLogger(name).level for name in ("", *_NAMED)}
    try:
        yield
    finally:
        root.handlers[:] = [handler for handler, _ in handlers]
        for handler, formatter in handlers:
            handler.setFormatter(formatter)
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)


@contextmanager
def cli_runner(capsys: pytest.CaptureFixture[str]) -> Iterator[Callable[..., Outcome]]:
    """``run("doctor")``: main() with these arguments, its exit code and output."""

    def run(*args: str) -> Outcome:
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Outcome(code, captured.out, captured.err)

    with logging_kept():
        yield run
