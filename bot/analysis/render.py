"""How an indicator's card reads in the chat: clipped so that the longest analysis and many
recommendations still fit in one Telegram message (the workbook holds the full text)."""

from __future__ import annotations

from bot import texts as app_texts
from bot.analysis import results, texts
from bot.analysis.usecases.browse import Card
from bot.core.dates import format_date

# Characters shown of each analysis answer, recommendation and PIC: the longest card stays
# under Telegram's 4096 characters (measured by tests/test_analysis_workbook.py).
FIELD_ROOM = 500
WHAT_ROOM = 200
WHO_ROOM = 80
SHOWN_RECOMMENDATIONS = 6


def clip(text: str, room: int) -> str:
    """``text`` escaped, cut at ``room`` characters with "…"."""
    text = text.strip()
    if len(text) <= room:
        return app_texts.esc(text)
    return app_texts.esc(text[:room].rstrip()) + texts.CARD_CLIPPED


def _analysis(card: Card) -> str:
    if card.analysis is None:
        return texts.CARD_NO_ANALYSIS
    return texts.CARD_ANALYSIS.format(
        what=clip(card.analysis.what_happened, FIELD_ROOM),
        causes=clip(card.analysis.causes, FIELD_ROOM),
        method=clip(card.analysis.method, FIELD_ROOM),
    )


def _recommendations(card: Card) -> str:
    if not card.recommendations:
        return texts.CARD_NO_RECOMMENDATIONS
    lines = [
        texts.CARD_RECOMMENDATION.format(
            number=r.number,
            what=clip(r.what, WHAT_ROOM),
            who=clip(r.who, WHO_ROOM),
            due=format_date(r.due, with_weekday=False) if r.due else texts.CARD_NO_DUE,
            decided=texts.CARD_DECIDED if r.decided else "",
        )
        for r in card.recommendations[:SHOWN_RECOMMENDATIONS]
    ]
    more = len(card.recommendations) - SHOWN_RECOMMENDATIONS
    if more > 0:
        lines.append(texts.CARD_MORE.format(count=more))
    return "\n".join(lines)


def card_text(card: Card, note: str = "") -> str:
    """The card of one indicator in one period, under ``note`` (what just happened)."""
    text = texts.CARD.format(
        code=app_texts.esc(card.code),
        name=app_texts.esc(card.name),
        period=card.period.label,
        year=card.year,
        span=card.period.span,
        result=results.card_lines(card.result, card.unit),
        analysis=_analysis(card),
        recommendations=_recommendations(card),
    )
    return f"{note}\n\n{text}" if note else text
