"""Matching the satuan kerja of an import that no unit is known for, one at a time."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot import texts as app_texts
from bot.access import Member, services
from bot.context import Context
from bot.core.labels import fit, unit_label
from bot.packages import texts, usecases
from bot.packages.callbacks import ChooseUnit, MatchUnit, Unmatched
from bot.packages.handlers.common import TEAM, back_to_menu, button_year
from bot.ui.buttons import on_press
from bot.ui.chat import button, paged, show

MAX_LISTED = 40


@on_press(Unmatched, *TEAM)
async def unmatched(update: Update, context: Context, member: Member, data: Unmatched) -> None:
    """The year's satuan kerja no unit is known for; each opens the list of units."""
    year = await button_year(update, context, data.year)
    if year is None:
        return
    found = usecases.unmatched(services(context), year=year)
    if not found:
        await show(update, texts.PKG_MATCH_NONE, InlineKeyboardMarkup(back_to_menu()))
        return
    rows = [[button(fit(s.name), ChooseUnit(s.token, 1, year))] for s in found[:MAX_LISTED]]
    await show(update, texts.PKG_MATCH_LIST, InlineKeyboardMarkup([*rows, *back_to_menu()]))


@on_press(ChooseUnit, *TEAM)
async def choose_unit(update: Update, context: Context, member: Member, data: ChooseUnit) -> None:
    """One page of units for a satuan kerja."""
    year = await button_year(update, context, data.year)
    if year is None:
        return
    svc = services(context)
    satker = usecases.find_unmatched(svc, year=year, token=data.satker)
    if satker is None:
        await show(update, app_texts.STALE_BUTTON, InlineKeyboardMarkup(back_to_menu()))
        return
    markup, page, pages = paged(
        usecases.unit_choices(svc),
        page=data.page,
        make_button=lambda u: button(
            unit_label(u.name, u.short_name), MatchUnit(satker.token, u.unit_id, year)
        ),
        nav_data=lambda p: ChooseUnit(satker.token, p, year).encode(),
        extra_rows=back_to_menu(),
    )
    name = app_texts.esc(satker.name)
    await show(update, texts.PKG_MATCH_UNIT.format(name=name, page=page, pages=pages), markup)


@on_press(MatchUnit, *TEAM)
async def match_unit(update: Update, context: Context, member: Member, data: MatchUnit) -> None:
    """The satuan kerja is this unit: its packages move there, and later imports know it."""
    year = await button_year(update, context, data.year)
    if year is None:
        return
    matched = usecases.match_unit(
        services(context),
        actor_id=member.user_id,
        year=year,
        token=data.satker,
        unit_id=data.unit_id,
    )
    if matched is None:
        await show(update, app_texts.STALE_BUTTON, InlineKeyboardMarkup(back_to_menu()))
        return
    text = texts.PKG_MATCHED.format(
        name=app_texts.esc(matched.name), unit=app_texts.esc(matched.unit_name), count=matched.moved
    )
    more = [button(texts.PKG_BUTTON_MATCH, Unmatched(year))]
    await show(update, text, InlineKeyboardMarkup([more, *back_to_menu()]))
