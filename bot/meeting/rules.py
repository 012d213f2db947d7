"""The decision meeting's rules (SOP step 17) without Telegram or storage: the decisions the
head can take, what the meeting decides (its agenda), and the team's notes."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum

from bot.planning.rules.model import Plan
from bot.reporting.rules import ReportingPeriod, indicators_due

NOTES_MAX = 500
"""The most characters of the team's notes on a meeting."""


class Decision(StrEnum):
    """The head's decision on one item; the value is stored on the item and the
    recommendation, and travels in the decision button (``apr:<id>:o:tercapai``). The two
    closing decisions are the closure reasons of ``storage.closures``."""

    APPROVE = "rekomendasi"
    CONTINUE = "lanjut"
    ACHIEVED = "tercapai"
    TIME_UP = "waktu_habis"

    @property
    def closes(self) -> bool:
        """Whether the indicator stops reporting after the meeting's period."""
        return self in (Decision.ACHIEVED, Decision.TIME_UP)


def decisions(*, has_recommendation: bool) -> tuple[Decision, ...]:
    """The decisions an item offers: approving needs a recommendation to approve."""
    every = tuple(Decision)
    return every if has_recommendation else every[1:]


@dataclass(frozen=True)
class Pending:
    """A recommendation of the period waiting for the head: its id and indicator."""

    recommendation_id: int
    indicator_code: str


def agenda(
    plan: Plan,
    period: ReportingPeriod,
    *,
    recommendations: Sequence[Pending],
    decided: Collection[str] = (),
    recommended: Collection[str] = (),
) -> list[tuple[str, int | None]]:
    """What the meeting about ``period`` decides, in plan order: every recommendation still
    waiting, then each indicator due in the period, not closed, without a recommendation
    (``recommended``: codes with any recommendation of the period) and not decided in an
    earlier meeting about the period (``decided``). Items are (code, recommendation id)."""
    order = {i.code: n for n, i in enumerate(plan.indicators)}
    items: list[tuple[str, int | None]] = [
        (r.indicator_code, r.recommendation_id)
        for r in sorted(recommendations, key=lambda r: order.get(r.indicator_code, len(order)))
    ]
    waiting = {r.indicator_code for r in recommendations}
    for indicator in indicators_due(plan, period):
        code = indicator.code
        if indicator.closed_after is not None or code in decided:
            continue
        if code in waiting or code in recommended:
            continue
        items.append((code, None))
    items.sort(key=lambda item: order.get(item[0], len(order)))
    return items


def clean_notes(text: str) -> str | None:
    """The notes as stored (spaces tidied), or None when they are too long."""
    cleaned = " ".join(text.split())
    return cleaned if len(cleaned) <= NOTES_MAX else None
