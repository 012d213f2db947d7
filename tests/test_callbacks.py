"""The button codec: typed data in, at most 64 bytes out, and nothing but None for junk."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

import pytest

from bot.ui.callbacks import ButtonData, ButtonDataError, check_prefixes


class Answer(StrEnum):
    YES = "y"
    NO = "n"


@dataclass(frozen=True)
class Pick(ButtonData):
    PREFIX: ClassVar[str] = "tst:pick"
    year: int
    code: str
    page: int | None
    answer: Answer
    again: bool


@dataclass(frozen=True)
class Menu(ButtonData):
    PREFIX: ClassVar[str] = "tst:menu"


def test_round_trip() -> None:
    data = Pick(year=2027, code="IKU-1.2", page=None, answer=Answer.NO, again=True)
    assert data.encode() == "tst:pick:2027:IKU-1.2::n:1"
    assert Pick.decode(data.encode()) == data
    assert Menu.decode(Menu().encode()) == Menu()
    assert Menu().encode() == "tst:menu"


@pytest.mark.parametrize(
    "payload",
    [
        None,
        "",
        "tst:pick",
        "tst:pick:2027:IKU::n:1:extra",
        "tst:pick:20x7:IKU::n:1",
        "tst:pick:2027:IKU::maybe:1",
        "tst:pick:2027:IKU::n:2",
        "tst:pick:2027:::n:1",
        "tst:picker:2027:IKU::n:1",
        "tst:menu:1",
        "x" * 65,
        "tst:pick:2027:IKU:" + "9" * 40 + ":n:1",
    ],
)
def test_stale_forged_or_malformed_payloads_decode_to_none(payload: object) -> None:
    assert Pick.decode(payload) is None
    assert Menu.decode(payload) is None


def test_encoding_refuses_what_telegram_or_decoding_would_break() -> None:
    with pytest.raises(ButtonDataError):
        Pick(year=1, code="x" * 60, page=None, answer=Answer.YES, again=False).encode()
    with pytest.raises(ButtonDataError):
        Pick(year=1, code="a:b", page=None, answer=Answer.YES, again=False).encode()


def test_prefixes_are_short_and_do_not_overlap() -> None:
    with pytest.raises(TypeError):

        @dataclass(frozen=True)
        class Bad(ButtonData):
            PREFIX: ClassVar[str] = "Letters:Sign"

    check_prefixes([Pick, Menu])
    with pytest.raises(TypeError):
        check_prefixes([Pick, Pick])

    @dataclass(frozen=True)
    class Under(ButtonData):
        PREFIX: ClassVar[str] = "tst:pick:x"

    with pytest.raises(TypeError):
        check_prefixes([Pick, Under])


def test_every_action_of_the_bot_has_its_own_prefix() -> None:
    import bot.features  # noqa: F401  (imports every feature and its buttons)

    def subclasses(cls: type[ButtonData]) -> list[type[ButtonData]]:
        found = []
        for sub in cls.__subclasses__():
            found += [sub, *subclasses(sub)]
        return found

    # A family's base (its buttons share a wire layout) is never sent itself.
    actions = [
        c
        for c in subclasses(ButtonData)
        if c.__module__.startswith("bot.") and not c.__subclasses__()
    ]
    check_prefixes(actions)
    for action in actions:
        feature = action.__module__.split(".")[1]
        assert FEATURE_PREFIXES.get(action.PREFIX.split(":")[0]) == feature, action


# The first part of every prefix names the feature whose handler answers the press.
FEATURE_PREFIXES = {
    "apr": "approvals",
    "ars": "archive",
    "plh": "approvals",
    "step": "guide",
    "ltr": "letters",
    "rsvp": "outreach",
    "ack": "outreach",
    "hdr": "outreach",
    "out": "outreach",
    "pkt": "packages",
    "und": "people",
    "usr": "people",
    "reg": "people",
    "pln": "planning",
    "pap": "planning",
    "lp": "reporting",
    "cyc": "reporting",
    "vf": "reporting",
    "rem": "reminders",
    "lap": "performance",
    "cap": "results",
    "ana": "analysis",
    "rpt": "meeting",
}
