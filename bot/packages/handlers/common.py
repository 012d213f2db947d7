"""What the /paket handlers share: the conversation's steps, the year shown, the screens that
several flows end on (the menu, a unit's packages)."""

from __future__ import annotations

from enum import IntEnum

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ConversationHandler

from bot import texts as app_texts
from bot.access import Member, services
from bot.context import Context
from bot.core.dates import format_rupiah
from bot.core.labels import fit
from bot.core.roles import Role
from bot.packages import texts, usecases
from bot.packages.callbacks import (
    AskUpload,
    Coverage,
    DownloadSheet,
    Menu,
    OpenPackage,
    SwitchYear,
    UnitPackages,
    Unmatched,
    UploadSheet,
)
from bot.packages.drafts import ChosenYear
from bot.services import Services
from bot.ui import drafts
from bot.ui.chat import answer, button, paged, show


class Step(IntEnum):
    """The states of the /paket conversation (paket.mmd)."""

    AWAIT_FILE = 0
    CONFIRM = 1
    AWAIT_SHEET = 2
    CONFIRM_SHEET = 3


END = ConversationHandler.END
TEAM = (Role.KEPALA, Role.TIM)


def chosen_year(svc: Services, context: Context) -> int:
    """The year /paket shows: the one the person chose while it is open, else the default."""
    draft = drafts.read(context.user_data, ChosenYear)
    return usecases.open_years(svc).pick(draft.year if isinstance(draft, ChosenYear) else None)


def remember_year(context: Context, year: int) -> None:
    drafts.write(context.user_data, ChosenYear(year))


async def button_year(update: Update, context: Context, year: int) -> int | None:
    """Answer the press of a button of ``year``: the year, remembered as the person's choice;
    None (after saying the button is stale) when that year is no longer open."""
    await answer(update)
    if year not in usecases.open_years(services(context)).years:
        await show(update, app_texts.STALE_BUTTON)
        return None
    remember_year(context, year)
    return year


def year_row(svc: Services, year: int) -> list[list[InlineKeyboardButton]]:
    """Buttons to the packages of the other open years (none when only one is open)."""
    others = usecases.open_years(svc).others(year)
    if not others:
        return []
    return [[button(texts.PKG_BUTTON_YEAR_SWITCH.format(year=y), SwitchYear(y)) for y in others]]


def menu_screen(svc: Services, year: int) -> tuple[str, InlineKeyboardMarkup]:
    """The team's menu of a year: the numbers, and what can be done next."""
    menu = usecases.menu(svc, year=year)
    rows: list[list[InlineKeyboardButton]] = []
    if not menu.count:
        text = texts.PKG_MENU_EMPTY.format(year=year)
    else:
        text = texts.PKG_MENU.format(
            year=year,
            count=menu.count,
            pagu=format_rupiah(menu.pagu),
            mapped=menu.mapped,
            unmatched=texts.PKG_UNMATCHED.format(count=menu.unmatched) if menu.unmatched else "",
        )
        rows.append([button(texts.PKG_BUTTON_COVERAGE, Coverage(year))])
    if menu.unmatched:
        rows.append([button(texts.PKG_BUTTON_MATCH, Unmatched(year))])
    if menu.count:
        rows.append([button(texts.PKG_BUTTON_SHEET, DownloadSheet(year))])
        rows.append([button(texts.PKG_BUTTON_SHEET_UPLOAD, UploadSheet(year))])
    rows.append([button(texts.PKG_BUTTON_UPLOAD, AskUpload())])
    rows.extend(year_row(svc, year))
    return text, InlineKeyboardMarkup(rows)


def back_to_menu() -> list[list[InlineKeyboardButton]]:
    return [[button(texts.PKG_BUTTON_MENU, Menu())]]


async def show_unit_packages(
    update: Update, context: Context, member: Member, unit_id: int | None, page: int, year: int
) -> None:
    """One page of a unit's packages, each opening its areas; ✅ mapped, ⬜ not yet."""
    if unit_id is None:
        await show(update, texts.PKG_NO_UNIT)
        return
    svc = services(context)
    view = usecases.unit_packages(svc, unit_id=unit_id, year=year)
    unit = app_texts.esc(view.unit_name)
    switch = year_row(svc, year) if member.role is Role.PJ else []
    if not view.items:
        markup = InlineKeyboardMarkup(switch) if switch else None
        await show(update, texts.PKG_UNIT_EMPTY.format(unit=unit, year=year), markup)
        return
    markup, page, pages = paged(
        view.items,
        page=page,
        make_button=lambda p: button(
            f"{'✅' if p.mapped else '⬜'} {fit(p.name)}", OpenPackage(p.package_id)
        ),
        nav_data=lambda n: UnitPackages(unit_id, n, year).encode(),
        extra_rows=back_to_menu() if member.role in TEAM else switch,
    )
    text = texts.PKG_UNIT_PACKAGES.format(unit=unit, year=year, page=page, pages=pages)
    await show(update, text, markup)


async def show_menu(update: Update, context: Context, member: Member, year: int) -> None:
    """The team's menu of the year; an owner's own packages of the year."""
    if member.role is Role.PJ:
        await show_unit_packages(update, context, member, member.unit_id, 1, year)
        return
    text, markup = menu_screen(services(context), year)
    await show(update, text, markup)
