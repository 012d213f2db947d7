"""/rencana's menu: the plan of the chosen year, the state of steps 1-4, what this person
can do, the other years that can be planned, and the plan's documents."""

from __future__ import annotations

import asyncio

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot import texts as app_texts
from bot.access import Member, members_only, services
from bot.context import Context
from bot.core.roles import Role
from bot.planning import messages, texts, usecases
from bot.planning.callbacks import (
    AskUpload,
    BrowseAreas,
    OpenPlan,
    SeedPlan,
    SendDataTemplate,
    SendPdf,
    SendTemplate,
    SubmitPlan,
)
from bot.planning.documents.data_template import performance_data_template
from bot.planning.documents.workbook import plan_workbook
from bot.planning.drafts import AttributeEdit, NewAction, PlanYear, UploadFor
from bot.planning.handlers.common import (
    EDITORS,
    State,
    answer_for_year,
    back_to_menu,
    chosen_year,
    send_file,
)
from bot.planning.rules.model import PlanStatus
from bot.services import Services
from bot.sop.cycles import plannable_years
from bot.ui import drafts
from bot.ui.buttons import on_press
from bot.ui.chat import answer, button, remember_step, show


def _note(svc: Services, overview: usecases.PlanOverview) -> str:
    """Under the menu: the decision on the revision, or the head's note a draft answers."""
    revision = overview.revision
    if revision is not None and revision.status is not PlanStatus.DRAFT:
        return messages.decision_note(revision, overview.decision, svc.profile.timezone)
    if overview.previous is not None:
        return messages.still_asked(overview.previous, overview.previous_comment)
    return ""


def _editor_rows(
    overview: usecases.PlanOverview, member: Member
) -> list[list[InlineKeyboardButton]]:
    year, revision = overview.plan.year, overview.revision
    rows = []
    if overview.plan.is_empty:
        rows.append([button(texts.PLAN_BUTTON_SEED, SeedPlan(year))])
    if member.role is Role.TIM and revision is not None and revision.status is PlanStatus.DRAFT:
        label = texts.PLAN_BUTTON_RESUBMIT if overview.previous else texts.PLAN_BUTTON_SUBMIT
        rows.append([button(label, SubmitPlan(year))])
    rows.append([button(texts.PLAN_BUTTON_TEMPLATE, SendTemplate(year))])
    rows.append([button(texts.PLAN_BUTTON_UPLOAD, AskUpload(year))])
    return rows


def menu(svc: Services, member: Member, year: int) -> tuple[str, InlineKeyboardMarkup]:
    """The plan menu of ``year`` as ``member`` sees it."""
    overview = usecases.plan_overview(svc, year=year)
    plan = overview.plan
    text = messages.menu_text(overview) + _note(svc, overview)
    rows: list[list[InlineKeyboardButton]] = []
    if plan.areas:
        rows.append([button(texts.PLAN_BUTTON_BROWSE, BrowseAreas(year))])
    if member.role in EDITORS:
        if plan.is_empty:
            text += texts.PLAN_EMPTY_HINT
        rows += _editor_rows(overview, member)
    else:
        text += texts.PLAN_OWNER_NOTE.format(unit=app_texts.esc(member.unit_name or "-"))
    if not plan.is_empty:
        rows.append([button(texts.PLAN_BUTTON_PDF, SendPdf(year))])
        rows.append([button(texts.PLAN_BUTTON_DATA_TEMPLATE, SendDataTemplate(year))])
    others = [y for y in plannable_years(svc) if y != year]
    if others:
        rows.append([button(texts.PLAN_BUTTON_YEAR.format(year=y), OpenPlan(y)) for y in others])
    return text, InlineKeyboardMarkup(rows)


def forget_edits(context: Context) -> None:
    """Drop half-typed edits (an attribute value, an action plan)."""
    drafts.clear(context.user_data, AttributeEdit)
    drafts.clear(context.user_data, NewAction)


@members_only()
async def plan_menu(update: Update, context: Context, member: Member) -> State:
    """/rencana: the plan's size, the state of steps 1-4, and what can be done."""
    forget_edits(context)
    text, markup = menu(services(context), member, chosen_year(services(context), context))
    await show(update, text, markup)
    return State.MENU


@on_press(OpenPlan, stale=State.MENU)
async def open_plan(update: Update, context: Context, member: Member, data: OpenPlan) -> State:
    """The plan menu of the button's year."""
    forget_edits(context)
    if await answer_for_year(update, context, data.year):
        text, markup = menu(services(context), member, data.year)
        await show(update, text, markup)
    return State.MENU


async def open_from_step(
    update: Update, context: Context, member: Member, step: int, year: int
) -> bool:
    """Steps 1-4 in /tugas open the plan menu of that step's year."""
    drafts.write(context.user_data, PlanYear(year))
    text, markup = menu(services(context), member, year)
    await show(update, text, markup)
    return True


@on_press(SendTemplate, *EDITORS, stale=State.MENU)
async def send_template(
    update: Update, context: Context, member: Member, data: SendTemplate
) -> State:
    """The plan as a workbook to fill in; the filled one is awaited next."""
    if not await answer_for_year(update, context, data.year):
        return State.MENU
    svc = services(context)
    plan = usecases.current_plan(svc, year=data.year).plan
    drafts.write(context.user_data, UploadFor(data.year))
    remember_step(context.user_data, State.AWAIT_UPLOAD)
    content = plan_workbook(plan, title=svc.profile.unit_name)
    file_name = f"template-rencana-kinerja-{plan.year}.xlsx"
    caption = texts.PLAN_TEMPLATE_CAPTION.format(year=plan.year)
    await send_file(update, context, content, file_name, caption)
    return State.AWAIT_UPLOAD


async def _filled(update: Update, context: Context, year: int) -> usecases.CurrentPlan | None:
    """The plan of a button's year to make a document of (None after saying it is empty)."""
    if not await answer_for_year(update, context, year):
        return None
    current = usecases.current_plan(services(context), year=year)
    if current.plan.is_empty:
        await show(update, texts.PLAN_NOTHING, back_to_menu(year))
        return None
    return current


@on_press(SendPdf, stale=State.MENU)
async def send_pdf(update: Update, context: Context, member: Member, data: SendPdf) -> State:
    """The planning document: the approved revision as signed, else a draft."""
    current = await _filled(update, context, data.year)
    if current is None:
        return State.MENU
    svc = services(context)
    label = messages.revision_label(current.revision)
    content = await asyncio.to_thread(
        usecases.planning_pdf, svc, revision=current.revision, plan=current.plan, label=label
    )
    file_name = f"dokumen-perencanaan-kinerja-{data.year}.pdf"
    await send_file(update, context, content, file_name, label)
    return State.MENU


@on_press(SendDataTemplate, stale=State.MENU)
async def send_data_template(
    update: Update, context: Context, member: Member, data: SendDataTemplate
) -> State:
    """The performance data template; an owner gets the one of their unit."""
    current = await _filled(update, context, data.year)
    if current is None:
        return State.MENU
    plan = current.plan
    unit = member.unit_name if member.role is Role.PJ else None
    content = performance_data_template(plan, unit_name=unit)
    file_name = f"template-data-kinerja-{plan.year}.xlsx"
    await send_file(update, context, content, file_name, app_texts.esc(unit or ""))
    return State.MENU


@members_only()
async def stale(update: Update, context: Context, member: Member) -> None:
    """A plan button from before buttons named their year: answered, not left spinning."""
    await answer(update, app_texts.STALE_BUTTON)
