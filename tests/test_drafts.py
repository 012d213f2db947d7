"""Typed drafts: what a flow stores survives JSON, an old shape upgrades or is dropped."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, ClassVar

from bot.ui.drafts import DROPPED, Draft, clear, read, write


@dataclass
class Evidence:
    document_id: int
    name: str


@dataclass
class ReportDraft(Draft):
    KEY: ClassVar[str] = "tst_lapor"
    VERSION: ClassVar[int] = 2
    package_id: int
    values: dict[str, float | None] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)
    note: str | None = None

    @classmethod
    def upgrade(cls, data: dict[str, Any], version: int) -> dict[str, Any] | None:
        if version == 1 and "package" in data:  # version 1 called it "package"
            data["package_id"] = data.pop("package")
            return data
        return None


def test_a_draft_survives_json_and_comes_back_equal() -> None:
    draft = ReportDraft(
        package_id=7, values={"a": 1.5, "b": None}, evidence=[Evidence(3, "foto.jpg")]
    )
    user_data: dict[str, Any] = {}
    write(user_data, draft)
    stored = json.loads(json.dumps(user_data))
    assert read(stored, ReportDraft) == draft
    clear(stored, ReportDraft)
    assert read(stored, ReportDraft) is None


def test_an_older_draft_upgrades() -> None:
    user_data = {"tst_lapor": {"_v": 1, "package": 7, "values": {"a": 2}}}
    assert read(user_data, ReportDraft) == ReportDraft(package_id=7, values={"a": 2.0})


def test_an_unreadable_draft_is_dropped_and_said_so() -> None:
    for raw in (
        {"package_id": 7},  # no version: from before typed drafts
        {"_v": 1, "unknown": 1},  # an old shape nobody can upgrade
        {"_v": 2, "package_id": "7"},  # a wrong type
        {"_v": 3, "package_id": 7},  # from a newer release
        ["not", "a", "dict"],
    ):
        user_data: dict[str, Any] = {"tst_lapor": raw}
        assert read(user_data, ReportDraft) is DROPPED
        assert "tst_lapor" not in user_data
