"""/analisis menus: the year (when several cycles are visible), the ended periods, the
indicators of a period and the card of one indicator; the head reads, the team writes."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ConversationHandler

from bot import texts as app_texts
from bot.access import Member, members_only, services
from bot.analysis import render, texts
from bot.analysis.callbacks import (
    AddRecommendation,
    ChooseIndicator,
    ChoosePeriod,
    ChooseYear,
    DownloadSheet,
    RemoveMenu,
    ShowCard,
    UploadSheet,
    WriteAnalysis,
)
from bot.analysis.flow import Questions
from bot.analysis.usecases.browse import (
    Card,
    IndicatorItem,
    analysis_years,
    card,
    indicator_menu,
    period_menu,
)
from bot.context import Context
from bot.core.dates import format_date
from bot.core.labels import fit
from bot.core.roles import Role
from bot.ui import drafts
from bot.ui.buttons import on_press
from bot.ui.chat import answer, button, paged, show

END = ConversationHandler.END
READERS = (Role.TIM, Role.KEPALA)
WRITERS = (Role.TIM,)


@members_only(*READERS)
async def start(update: Update, context: Context, member: Member) -> int:
    """/analisis: the year to analyse, or straight its periods when there is one."""
    years = analysis_years(services(context))
    if not years:
        await show(update, texts.NO_PLAN)
    elif len(years) == 1:
        await _periods(update, context, years[0])
    else:
        await _years(update, years)
    return END


async def _years(update: Update, years: tuple[int, ...]) -> None:
    rows = [[button(texts.YEAR_BUTTON.format(year=y), ChoosePeriod(y))] for y in reversed(years)]
    await show(update, texts.CHOOSE_YEAR, InlineKeyboardMarkup(rows))


@on_press(ChooseYear, *READERS)
async def choose_year(update: Update, context: Context, member: Member, data: ChooseYear) -> int:
    """The years again (from a period menu)."""
    await answer(update)
    years = analysis_years(services(context))
    if years:
        await _years(update, years)
    else:
        await show(update, texts.NO_PLAN)
    return END


@on_press(ChoosePeriod, *READERS)
async def choose_period(
    update: Update, context: Context, member: Member, data: ChoosePeriod
) -> int:
    """The year's ended periods, newest first."""
    await answer(update)
    await _periods(update, context, data.year)
    return END


async def _periods(update: Update, context: Context, year: int) -> None:
    menu = period_menu(services(context), year)
    if menu is None:
        await show(update, app_texts.STALE_BUTTON)
        return
    back = [[button(texts.BUTTON_BACK_YEARS, ChooseYear())]] if menu.several_years else []
    if not menu.choices:
        if menu.next_end is None:
            text = texts.NO_PERIODS.format(year=year)
        else:
            text = texts.NO_ENDED_PERIOD.format(year=year, end=format_date(menu.next_end))
        await show(update, text, InlineKeyboardMarkup(back) if back else None)
        return
    rows = [
        [
            button(
                texts.PERIOD_BUTTON.format(
                    label=c.period.label, year=year, analysed=c.analysed, total=c.total
                ),
                ChooseIndicator(year, c.period.key),
            )
        ]
        for c in menu.choices
    ]
    await show(update, texts.CHOOSE_PERIOD.format(year=year), InlineKeyboardMarkup(rows + back))


@on_press(ChooseIndicator, *READERS)
async def choose_indicator(
    update: Update, context: Context, member: Member, data: ChooseIndicator
) -> int:
    """The period's indicators (✅ analysed), the workbook buttons, the way back."""
    await answer(update)
    menu = indicator_menu(services(context), data.year, data.period_key)
    if menu is None:
        await show(update, app_texts.STALE_BUTTON)
        return END
    key, year = menu.period.key, menu.year

    def indicator_button(item: IndicatorItem) -> InlineKeyboardButton:
        count = texts.INDICATOR_COUNT.format(count=item.recommendations)
        label = texts.INDICATOR_BUTTON.format(
            mark=texts.INDICATOR_DONE if item.analysed else texts.INDICATOR_OPEN,
            code=item.code,
            name=fit(item.name, 30),
            count=count if item.recommendations else "",
        )
        return button(label, ShowCard(year, key, item.code))

    extra = [[button(texts.BUTTON_DOWNLOAD, DownloadSheet(year, key))]]
    if member.role in WRITERS:
        extra.append([button(texts.BUTTON_UPLOAD, UploadSheet(year, key))])
    extra.append([button(texts.BUTTON_BACK_PERIODS, ChoosePeriod(year))])
    markup, page, pages = paged(
        menu.items,
        page=data.page,
        make_button=indicator_button,
        nav_data=lambda n: ChooseIndicator(year, key, n),
        extra_rows=extra,
    )
    template = texts.CHOOSE_INDICATOR if member.role in WRITERS else texts.CHOOSE_INDICATOR_HEAD
    text = template.format(
        period=menu.period.label, year=year, span=menu.period.span, page=page, pages=pages
    )
    if not menu.items:
        text = texts.NO_INDICATORS.format(period=menu.period.label, year=year)
    await show(update, text, markup)
    return END


def card_markup(found: Card, member: Member) -> InlineKeyboardMarkup:
    """The team's actions on the card (the head only goes back)."""
    key = (found.year, found.period.key, found.code)
    rows = []
    if member.role in WRITERS:
        write = texts.BUTTON_EDIT if found.analysis else texts.BUTTON_WRITE
        rows.append([button(write, WriteAnalysis(*key))])
        rows.append([button(texts.BUTTON_ADD, AddRecommendation(*key))])
        if found.removable:
            rows.append([button(texts.BUTTON_REMOVE, RemoveMenu(*key))])
    rows.append([button(texts.BUTTON_BACK_LIST, ChooseIndicator(found.year, found.period.key))])
    return InlineKeyboardMarkup(rows)


async def show_card(
    update: Update, context: Context, member: Member, found: Card, note: str = ""
) -> None:
    """The card of ``found`` with its buttons, under ``note``."""
    text = render.card_text(found, note)
    await show(update, text, card_markup(found, member))


@on_press(ShowCard, *READERS)
async def open_card(update: Update, context: Context, member: Member, data: ShowCard) -> int:
    """One indicator's analysis and recommendations (leaving any question unanswered)."""
    await answer(update)
    drafts.clear(context.user_data, Questions)
    found = card(services(context), data.year, data.period_key, data.code)
    if found is None:
        await show(update, app_texts.STALE_BUTTON)
        return END
    await show_card(update, context, member, found)
    return END


@members_only(*READERS)
async def cancel(update: Update, context: Context, member: Member) -> int:
    """/batal: stop writing; what is stored stays."""
    drafts.clear(context.user_data, Questions)
    await show(update, texts.CANCELLED)
    return END


async def open_step(update: Update, context: Context, member: Member, step: int, year: int) -> bool:
    """Step 14 from /tugas or /status: the year's periods for the team and the head."""
    if member.role not in READERS:
        return False
    await _periods(update, context, year)
    return True
