"""/paket itself: the menu of a year, switching years, step 10 in /tugas, /batal."""

from __future__ import annotations

from telegram import Update

from bot import texts as app_texts
from bot.access import Member, members_only, services
from bot.context import Context
from bot.packages import texts, usecases
from bot.packages.callbacks import Menu, SwitchYear
from bot.packages.drafts import ImportDraft, SheetDraft
from bot.packages.handlers.common import (
    END,
    button_year,
    chosen_year,
    remember_year,
    show_menu,
)
from bot.ui import drafts
from bot.ui.buttons import on_press
from bot.ui.chat import answer, show


@members_only()
async def package_command(update: Update, context: Context, member: Member) -> int:
    """/paket: the team's import and coverage menu; an owner's own packages."""
    await show_menu(update, context, member, chosen_year(services(context), context))
    return END


@on_press(Menu)
async def back_to_menu(update: Update, context: Context, member: Member, data: Menu) -> int:
    """The menu of the year chosen last."""
    await answer(update)
    await show_menu(update, context, member, chosen_year(services(context), context))
    return END


@on_press(SwitchYear, stale=END)
async def switch_year(update: Update, context: Context, member: Member, data: SwitchYear) -> int:
    """The menu of another open year, remembered for the next /paket."""
    year = await button_year(update, context, data.year)
    if year is not None:
        await show_menu(update, context, member, year)
    return END


async def open_step(update: Update, context: Context, member: Member, step: int, year: int) -> bool:
    """Step 10 in /tugas: that year's package menu, or an owner's own packages of that year."""
    if year in usecases.open_years(services(context)).years:
        remember_year(context, year)
    # The guide answered the press already.
    await show_menu(update, context, member, chosen_year(services(context), context))
    return True


@members_only()
async def cancel(update: Update, context: Context, member: Member) -> int:
    """/batal during an import or a mapping sheet upload: the held file is let go."""
    pending = drafts.read(context.user_data, ImportDraft)
    if isinstance(pending, ImportDraft):
        usecases.release_export(services(context), pending.token)
    drafts.clear(context.user_data, ImportDraft)
    drafts.clear(context.user_data, SheetDraft)
    if update.effective_message is not None:
        await update.effective_message.reply_text(texts.PKG_DISCARDED)
    return END


async def stale_press(update: Update, context: Context) -> None:
    """A /paket button of an older format, or one no flow is waiting for any more."""
    await answer(update)
    await show(update, app_texts.STALE_BUTTON)
