"""/lapor: resume a half-finished report, or choose the period and the package to report
on (every period named with its year); /batal keeps the draft for later."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ConversationHandler

from bot import texts as app_texts
from bot.access import Member, members_only, services
from bot.context import Context
from bot.core.dates import format_date, format_short_date
from bot.core.labels import fit
from bot.core.roles import Role
from bot.reporting import render, texts
from bot.reporting.callbacks import (
    ChoosePackage,
    ChoosePeriod,
    DataTemplate,
    PeriodPage,
    RestartReport,
    ResumeReport,
)
from bot.reporting.flow import DraftAction, DraftInput, ReportDraft
from bot.reporting.handlers import read_draft
from bot.reporting.handlers.guided import ask_next
from bot.reporting.usecases.reports import (
    NothingDue,
    NothingOpen,
    PackageChoice,
    PeriodChoice,
    PeriodMenu,
    begin_report,
    package_menu,
    period_menu,
    report_target,
)
from bot.ui import drafts
from bot.ui.buttons import on_press
from bot.ui.chat import answer, button, paged, show

END = ConversationHandler.END
PERIODS_PER_PAGE = 6


@members_only(Role.PJ)
async def start_report(update: Update, context: Context, member: Member) -> int | None:
    """/lapor: resume a half-finished report, or choose the period."""
    await answer(update)
    svc = services(context)
    draft = drafts.read(context.user_data, ReportDraft)
    if draft is drafts.DROPPED:
        await show(update, app_texts.DRAFT_DROPPED)
        return END
    target = None
    if draft is not None:
        target = report_target(svc, package_id=draft.package_id, period_key=draft.period_key)
    if target is None:
        return await _choose_period(update, context, member, 1)
    markup = InlineKeyboardMarkup(
        [
            [
                button(texts.REPORT_BUTTON_RESUME, ResumeReport()),
                button(texts.REPORT_BUTTON_RESTART, RestartReport()),
            ]
        ]
    )
    text = texts.REPORT_RESUME.format(
        package=app_texts.esc(target.package_name),
        period=render.period_label(target.year, target.period),
    )
    await show(update, text, markup)
    return None


@on_press(ResumeReport, Role.PJ)
async def resume(update: Update, context: Context, member: Member, data: ResumeReport) -> int:
    """Go on where the draft stopped."""
    await answer(update)
    draft = await read_draft(update, context, ReportDraft, missing=texts.REPORT_DRAFT_GONE)
    return END if draft is None else await ask_next(update, context, draft)


@on_press(RestartReport, Role.PJ)
async def restart(
    update: Update, context: Context, member: Member, data: RestartReport
) -> int | None:
    """Drop the draft and choose a period."""
    await answer(update)
    drafts.clear(context.user_data, ReportDraft)
    return await _choose_period(update, context, member, 1)


@on_press(PeriodPage, Role.PJ)
async def period_page(
    update: Update, context: Context, member: Member, data: PeriodPage
) -> int | None:
    """Another page of the period menu."""
    await answer(update)
    return await _choose_period(update, context, member, data.page)


def _period_button(choice: PeriodChoice) -> InlineKeyboardButton:
    label = texts.REPORT_PERIOD_BUTTON.format(
        mark=texts.REPORT_PERIOD_DONE if choice.done else texts.REPORT_PERIOD_OPEN,
        label=render.period_label(choice.year, choice.period),
        deadline=format_short_date(choice.period.deadline.date()),
        late=texts.REPORT_PERIOD_LATE if choice.late else "",
    )
    return button(fit(label), ChoosePeriod(choice.year, choice.period.key, 1))


def _nothing_text(menu: PeriodMenu) -> str:
    """Why nothing can be reported now, and what comes next."""
    if menu.nothing is NothingOpen.NO_PACKAGES:
        return texts.REPORT_NO_PACKAGES.format(year=menu.year)
    if menu.nothing is NothingOpen.NOT_STARTED and menu.start is not None:
        return texts.REPORT_NO_PERIODS_YET.format(year=menu.year, start=format_date(menu.start))
    return texts.REPORT_NO_PLAN


async def _choose_period(update: Update, context: Context, member: Member, page: int) -> int | None:
    """The periods to report on, each named with its year, ✅ when all reported."""
    if member.unit_id is None:
        await show(update, texts.REPORT_NO_UNIT)
        return END
    menu = period_menu(services(context), unit_id=member.unit_id)
    if not menu.choices:
        await show(update, _nothing_text(menu))
        return END
    markup, page, pages = paged(
        menu.choices,
        page=page,
        make_button=_period_button,
        nav_data=PeriodPage,
        page_size=PERIODS_PER_PAGE,
    )
    await show(update, texts.REPORT_CHOOSE_PERIOD.format(page=page, pages=pages), markup)
    return None


@on_press(ChoosePeriod, Role.PJ)
async def choose_package(
    update: Update, context: Context, member: Member, data: ChoosePeriod
) -> int | None:
    """The unit's packages for the period (✅ reported), and its Template Data Kinerja."""
    await answer(update)
    menu = None
    if member.unit_id is not None:
        menu = package_menu(
            services(context), unit_id=member.unit_id, year=data.year, period_key=data.period_key
        )
    if menu is None:
        await show(update, app_texts.STALE_BUTTON)
        return END
    if not menu.packages:
        await show(update, texts.REPORT_NO_PACKAGES.format(year=menu.year))
        return END
    key = menu.period.key

    def package_button(choice: PackageChoice) -> InlineKeyboardButton:
        label = texts.REPORT_PACKAGE_BUTTON.format(
            mark=texts.REPORT_PERIOD_DONE if choice.reported else texts.REPORT_PERIOD_OPEN,
            name=fit(choice.name),
        )
        return button(label, ChoosePackage(key, choice.package_id))

    markup, page, pages = paged(
        menu.packages,
        page=data.page,
        make_button=package_button,
        nav_data=lambda n: ChoosePeriod(menu.year, key, n),
        extra_rows=[[button(texts.REPORT_BUTTON_TEMPLATE, DataTemplate(menu.year, key))]],
    )
    text = texts.REPORT_CHOOSE_PACKAGE.format(
        period=render.period_label(menu.year, menu.period), page=page, pages=pages
    )
    await show(update, text, markup)
    return None


@on_press(ChoosePackage, Role.PJ)
async def begin(
    update: Update, context: Context, member: Member, data: ChoosePackage
) -> int | None:
    """A new report on the package: its first question."""
    await answer(update)
    start = begin_report(
        services(context),
        unit_id=member.unit_id,
        package_id=data.package_id,
        period_key=data.period_key,
    )
    if start is None:
        await show(update, app_texts.STALE_BUTTON)
        return END
    if isinstance(start, NothingDue):
        other = ChoosePeriod(start.year, start.period.key, 1)
        await show(
            update,
            texts.REPORT_NOTHING_DUE.format(
                area=app_texts.esc(start.area_code or "-"),
                period=render.period_label(start.year, start.period),
            ),
            InlineKeyboardMarkup([[button(texts.REPORT_BUTTON_OTHER_PACKAGE, other)]]),
        )
        return None
    draft = ReportDraft(
        period_key=start.period_key,
        package_id=start.package_id,
        inputs=[DraftInput(i.name, i.label, i.kind.value) for i in start.inputs],
        indicators=list(start.indicators),
        actions=[DraftAction(*action) for action in start.actions],
    )
    return await ask_next(update, context, draft)


@members_only(Role.PJ)
async def cancel(update: Update, context: Context, member: Member) -> int:
    """/batal: stop for now; the draft stays for /lapor."""
    await show(update, texts.REPORT_CANCELLED)
    return END


async def open_step(update: Update, context: Context, member: Member, step: int, year: int) -> bool:
    """Steps 11-12: the owner's report (any open cycle); the team sees the step's card."""
    if member.role is not Role.PJ:
        return False
    await start_report(update, context)
    return True
