"""Writing in /analisis: an indicator's analysis (three questions; ``-`` keeps an answer
when editing), a recommendation (what, who, by when) and removing one not decided yet."""

from __future__ import annotations

from datetime import date

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ConversationHandler

from bot import texts as app_texts
from bot.access import Member, members_only, services
from bot.analysis import render, texts
from bot.analysis.callbacks import (
    AddRecommendation,
    RemoveMenu,
    RemoveRecommendation,
    ShowCard,
    WriteAnalysis,
)
from bot.analysis.flow import QUESTIONS, AnalysisStep, Questions, Topic
from bot.analysis.handlers.browse import WRITERS, show_card
from bot.analysis.rules import MAX_ANSWER, MAX_WHO, answer_text, last_due_day, parse_due
from bot.analysis.usecases.browse import Card, card
from bot.analysis.usecases.write import (
    add_recommendation,
    remove_recommendation,
    save_analysis,
)
from bot.context import Context
from bot.core.dates import format_date
from bot.core.labels import fit
from bot.ui import drafts
from bot.ui.buttons import on_press
from bot.ui.chat import answer, button, remember_step, show

END = ConversationHandler.END


def _prompt(draft: Questions, found: Card, today: date) -> str:
    """The question the draft is at, with the answer kept so far when editing."""
    number = draft.index + 1
    if draft.topic == Topic.ANALYSIS:
        previous = draft.previous_answer()
        return texts.QUESTION_ANALYSIS.format(
            code=app_texts.esc(found.code),
            period=found.period.label,
            year=found.year,
            number=number,
            question=texts.ANALYSIS_QUESTIONS[draft.index],
            previous=texts.QUESTION_PREVIOUS.format(text=render.clip(previous, 1500))
            if previous
            else texts.QUESTION_LIMIT.format(limit=MAX_ANSWER),
        )
    question = texts.RECOMMENDATION_QUESTIONS[draft.index].format(
        example=today.strftime("%d/%m/%Y"),
        last=format_date(last_due_day(today), with_weekday=False),
    )
    return texts.QUESTION_RECOMMENDATION.format(
        code=app_texts.esc(found.code),
        period=found.period.label,
        year=found.year,
        number=number,
        question=question,
    )


async def _ask(update: Update, context: Context, draft: Questions, note: str = "") -> int:
    """Keep the draft and ask its next question (with a way back to the card)."""
    svc = services(context)
    found = card(svc, draft.year, draft.period_key, draft.code)
    if found is None:
        drafts.clear(context.user_data, Questions)
        await show(update, app_texts.STALE_BUTTON)
        return END
    drafts.write(context.user_data, draft)
    remember_step(context.user_data, AnalysisStep.TYPING)
    back = ShowCard(draft.year, draft.period_key, draft.code)
    text = _prompt(draft, found, svc.today())
    markup = InlineKeyboardMarkup([[button(texts.BUTTON_CANCEL_QUESTIONS, back)]])
    await show(update, f"{note}\n\n{text}" if note else text, markup)
    return AnalysisStep.TYPING


@on_press(WriteAnalysis, *WRITERS)
async def write_analysis(
    update: Update, context: Context, member: Member, data: WriteAnalysis
) -> int:
    """Tulis/Ubah analisis: the first of three questions."""
    await answer(update)
    found = card(services(context), data.year, data.period_key, data.code)
    if found is None:
        await show(update, app_texts.STALE_BUTTON)
        return END
    previous = []
    if found.analysis is not None:
        a = found.analysis
        previous = [a.what_happened, a.causes, a.method]
    draft = Questions(data.year, data.period_key, data.code, Topic.ANALYSIS.value, [], previous)
    return await _ask(update, context, draft)


@on_press(AddRecommendation, *WRITERS)
async def write_recommendation(
    update: Update, context: Context, member: Member, data: AddRecommendation
) -> int:
    """Tambah rekomendasi: what, who, by when."""
    await answer(update)
    draft = Questions(data.year, data.period_key, data.code, Topic.RECOMMENDATION.value)
    return await _ask(update, context, draft)


def _checked(draft: Questions, text: str, today: date) -> str:
    """The answer to the draft's question as stored (a due date as ISO text)."""
    if draft.topic == Topic.ANALYSIS:
        return answer_text(text, previous=draft.previous_answer())
    if draft.index == 1:
        return answer_text(text, limit=MAX_WHO)
    if draft.index == 2:
        return parse_due(text, today).isoformat()
    return answer_text(text)


async def _finish(update: Update, context: Context, member: Member, draft: Questions) -> int:
    """Store the three answers and show the card."""
    svc = services(context)
    drafts.clear(context.user_data, Questions)
    if draft.topic == Topic.ANALYSIS:
        what, causes, method = draft.answers
        found = save_analysis(
            svc,
            actor_id=member.user_id,
            year=draft.year,
            period_key=draft.period_key,
            code=draft.code,
            answers=(what, causes, method),
        )
        note = texts.SAVED_ANALYSIS
    else:
        what, who, due = draft.answers
        found = add_recommendation(
            svc,
            actor_id=member.user_id,
            year=draft.year,
            period_key=draft.period_key,
            code=draft.code,
            what=what,
            who=who,
            due=date.fromisoformat(due),
        )
        note = texts.SAVED_RECOMMENDATION
    if found is None:
        await show(update, app_texts.STALE_BUTTON)
    else:
        await show_card(update, context, member, found, note)
    return END


@members_only(*WRITERS)
async def typed(update: Update, context: Context, member: Member) -> int:
    """An answer to the current question: refused with the reason, or kept."""
    assert update.effective_message is not None
    draft = drafts.read(context.user_data, Questions)
    if draft is drafts.DROPPED or draft is None:
        await show(update, app_texts.DRAFT_DROPPED if draft else texts.QUESTIONS_GONE)
        return END
    try:
        value = _checked(draft, update.effective_message.text or "", services(context).today())
    except ValueError as exc:
        reason = app_texts.esc_rule(exc)
        refused = texts.ANSWER_REFUSED.format(reason=reason[:1].upper() + reason[1:])
        return await _ask(update, context, draft, refused)
    draft.answers.append(value)
    if len(draft.answers) < QUESTIONS:
        return await _ask(update, context, draft)
    return await _finish(update, context, member, draft)


@on_press(RemoveMenu, *WRITERS)
async def remove_menu(update: Update, context: Context, member: Member, data: RemoveMenu) -> int:
    """The recommendations that can still be removed."""
    await answer(update)
    found = card(services(context), data.year, data.period_key, data.code)
    if found is None:
        await show(update, app_texts.STALE_BUTTON)
        return END
    key = (found.year, found.period.key, found.code)
    rows = [
        [
            button(
                texts.REMOVE_BUTTON.format(number=r.number, what=fit(r.what, 40)),
                RemoveRecommendation(*key, r.id),
            )
        ]
        for r in found.removable
    ]
    rows.append([button(app_texts.BUTTON_BACK, ShowCard(*key))])
    text = texts.REMOVE_MENU.format(
        code=app_texts.esc(found.code), period=found.period.label, year=found.year
    )
    await show(update, text if found.removable else texts.REMOVE_NONE, InlineKeyboardMarkup(rows))
    return END


@on_press(RemoveRecommendation, *WRITERS)
async def remove(
    update: Update, context: Context, member: Member, data: RemoveRecommendation
) -> int:
    """Remove one recommendation (kept in storage, marked removed) and show the card."""
    await answer(update)
    removal = remove_recommendation(
        services(context),
        actor_id=member.user_id,
        year=data.year,
        period_key=data.period_key,
        code=data.code,
        recommendation_id=data.recommendation_id,
    )
    if removal is None:
        await show(update, app_texts.STALE_BUTTON)
        return END
    note = texts.REMOVED if removal.removed else texts.NOT_REMOVED
    await show_card(update, context, member, removal.card, note)
    return END
