"""/capaian (SOP step 13) for the team and the head: the year's results as a short summary
per strategic area (in pages) and a chart of achievement against target; a button per
indicator sends its trend chart. Step 13 ("kompilasi") opens the same."""

from __future__ import annotations

import asyncio
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CommandHandler

from bot import texts as app_texts
from bot.access import Member, members_only, services
from bot.context import Context
from bot.core.roles import Role
from bot.results import charts, messages, texts, usecases
from bot.results.callbacks import ShowChart, ShowResults, ShowTrend
from bot.services import Services
from bot.ui.buttons import on_press, press_handler
from bot.ui.chat import answer, button, show

TEAM = (Role.KEPALA, Role.TIM)
TRENDS_PER_ROW = 3


def _hints(found: usecases.Overview) -> list[str]:
    if not found.has_packages:
        return [texts.HINT_NO_PACKAGES]
    if not found.has_reports:
        return [texts.HINT_NO_REPORTS]
    return []


def _keyboard(
    found: usecases.Overview, page: messages.Page, number: int, pages: int
) -> InlineKeyboardMarkup:
    assert found.year is not None
    year = found.year
    trends = [button(texts.BUTTON_TREND.format(code=c), ShowTrend(year, c)) for c in page.codes]
    rows = [trends[i : i + TRENDS_PER_ROW] for i in range(0, len(trends), TRENDS_PER_ROW)]
    nav = []
    if number > 1:
        nav.append(button(app_texts.BUTTON_PREV, ShowResults(year, number - 1, False)))
    if found.has_reports and page.codes:
        nav.append(button(texts.BUTTON_CHART, ShowChart(year, number)))
    if number < pages:
        nav.append(button(app_texts.BUTTON_NEXT, ShowResults(year, number + 1, False)))
    others = [
        button(texts.BUTTON_YEAR.format(year=y), ShowResults(y, 1, True))
        for y in found.years
        if y != year
    ]
    return InlineKeyboardMarkup([*rows, *([nav] if nav else []), *([others] if others else [])])


def _year_choice(found: usecases.Overview) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[button(texts.BUTTON_YEAR.format(year=y), ShowResults(y, 1, True)) for y in found.years]]
    )


def _pages(svc: Services, found: usecases.Overview) -> list[messages.Page]:
    assert found.compilation is not None
    return messages.summary_pages(
        found.compilation, today=found.today, zone=svc.profile.timezone, hints=_hints(found)
    )


async def _send_chart(
    update: Update, found: usecases.Overview, pages: list[messages.Page], number: int
) -> None:
    """The achievement chart of the indicators on page ``number`` (none without reports)."""
    compiled, message = found.compilation, update.effective_message
    if compiled is None or message is None or not found.has_reports:
        return
    codes = pages[number - 1].codes
    if not codes:
        return
    png = await asyncio.to_thread(charts.target_vs_realisation_png, compiled, codes=codes)
    caption = texts.CHART_CAPTION.format(year=compiled.year)
    if len(pages) > 1:
        caption = texts.CHART_CAPTION_PAGE.format(year=compiled.year, page=number, pages=len(pages))
    await message.reply_photo(png, caption=caption)


async def _show(
    update: Update, svc: Services, found: usecases.Overview, page: int, chart: bool, role: Role
) -> None:
    """The overview: no plan yet, the year to choose, or a page of the year's summary (with
    its chart when ``chart``)."""
    if not found.years:
        await show(update, texts.NO_PLAN)
        return
    if found.year is None or found.compilation is None:
        await show(update, texts.CHOOSE_YEAR, _year_choice(found))
        return
    pages = _pages(svc, found)
    number = min(max(page, 1), len(pages))
    chosen = pages[number - 1]
    text = chosen.text
    if number == len(pages) and found.has_reports:
        text += "\n\n" + texts.NEXT_STEP[role]
    await show(update, text, _keyboard(found, chosen, number, len(pages)))
    if chart:
        await _send_chart(update, found, pages, number)


@members_only(*TEAM)
async def results(update: Update, context: Context, member: Member) -> None:
    """/capaian: the results of the open year (the year to choose when several are open)."""
    svc = services(context)
    await _show(update, svc, usecases.overview(svc, year=None), 1, True, member.role)


@on_press(ShowResults, *TEAM)
async def show_results(update: Update, context: Context, member: Member, data: ShowResults) -> None:
    """A year chosen, or another page of its summary."""
    await answer(update)
    svc = services(context)
    found = usecases.overview(svc, year=data.year)
    if found.year != data.year:
        await show(update, app_texts.STALE_BUTTON)
        return
    await _show(update, svc, found, data.page, data.chart, member.role)


@on_press(ShowChart, *TEAM)
async def show_chart(update: Update, context: Context, member: Member, data: ShowChart) -> None:
    """Grafik: the achievement chart of the indicators on that page."""
    await answer(update)
    svc = services(context)
    found = usecases.overview(svc, year=data.year)
    if found.year != data.year or found.compilation is None:
        await show(update, app_texts.STALE_BUTTON)
        return
    pages = _pages(svc, found)
    await _send_chart(update, found, pages, min(max(data.page, 1), len(pages)))


@on_press(ShowTrend, *TEAM)
async def show_trend(update: Update, context: Context, member: Member, data: ShowTrend) -> None:
    """Tren <kode>: the indicator's trend chart, its values in the caption."""
    await answer(update)
    indicator = usecases.trend(services(context), year=data.year, code=data.code)
    message = update.effective_message
    if message is None:
        return
    if indicator is None:
        await message.reply_text(texts.UNKNOWN_INDICATOR.format(year=data.year))
        return
    png = await asyncio.to_thread(charts.trend_png, indicator)
    await message.reply_photo(png, caption=messages.trend_caption(indicator))


async def open_step(
    update: Update, context: Context, member: Member, number: int, year: int
) -> bool:
    """Step 13 (kompilasi) of a year: that year's results, as /capaian shows them."""
    if member.role not in TEAM:
        return False
    svc = services(context)
    found = usecases.overview(svc, year=year)
    if found.year != year:
        return False
    await _show(update, svc, found, 1, True, member.role)
    return True


def handlers() -> list[BaseHandler[Update, Context, Any]]:
    """This feature's handlers, fresh for each application."""
    return [
        CommandHandler("capaian", results),
        press_handler(ShowResults, show_results),
        press_handler(ShowChart, show_chart),
        press_handler(ShowTrend, show_trend),
    ]
