"""/rencana: the year's performance plan (SOP steps 1-4) from a laptop or a phone.

Ways in: a workbook round-trip (download the template, fill it, upload it, confirm the
summary of changes), editing one attribute or action plan at a time in the chat, and the
starter plan. Owners (pj) only look.
"""

from __future__ import annotations

import asyncio
import io
import logging
from datetime import date
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import texts as app_texts
from bot.access import Member, callback_parts, int_or_none, members_only, services
from bot.context import Context
from bot.core.dates import format_date, format_datetime
from bot.core.examples import dmy, example_range
from bot.core.labels import fit
from bot.core.roles import Role
from bot.planning import texts
from bot.planning.documents import workbook
from bot.planning.documents.data_template import performance_data_template
from bot.planning.rules.changes import Change, ChangeKind, counts, diff
from bot.planning.rules.editing import (
    ATTRIBUTES,
    Attribute,
    add_action,
    attribute,
    edit_indicator,
    parse_attribute,
    parse_schedule,
    remove_action,
)
from bot.planning.rules.example import example_plan
from bot.planning.rules.model import Indicator, Plan
from bot.planning.rules.periods import period_label
from bot.planning.rules.validation import Problem, missing_attributes
from bot.planning.rules.values import format_number
from bot.services import Services
from bot.sop.cycles import default_planning_year, plannable_years
from bot.sop.steps import StepState
from bot.ui.chat import answer, button, conversation_handler, show
from storage import approvals, archive, cycles, plans, users
from storage.archive import NewDocument
from storage.models import PlanRevision

logger = logging.getLogger(__name__)

MENU, AWAIT_UPLOAD, CONFIRM_UPLOAD, EDIT_VALUE, ACTION_ACTIVITY, ACTION_OUTPUT, ACTION_SCHEDULE = (
    range(7)
)
EDITORS = (Role.KEPALA, Role.TIM)
MAX_PROBLEMS_SHOWN = 20
MAX_CHANGES_SHOWN = 10
PENDING_KEY = "rencana_unggahan"
EDIT_KEY = "rencana_ubah"
ACTION_KEY = "rencana_aksi"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The approval kind of plan revisions (plan_approval registers it).
APPROVAL_KIND = "rencana"


# --- reading the plan -------------------------------------------------------------------


YEAR_KEY = "rencana_tahun"
UPLOAD_YEAR_KEY = "rencana_unggah_tahun"


def _current(svc: Services, year: int) -> tuple[PlanRevision | None, Plan]:
    with svc.db.read() as session:
        return plans.current_plan(session, year=year)


def _chosen_year(svc: Services, context: Context) -> int:
    """The year the person works on in /rencana: the last one chosen while it can still be
    planned, else the default (next year from 1 October)."""
    chosen = context.user_data.get(YEAR_KEY) if context.user_data is not None else None
    if isinstance(chosen, int) and chosen in plannable_years(svc):
        return chosen
    return default_planning_year(svc)


def _year(update: Update, context: Context) -> int | None:
    """The year a plan button names (remembered as the person's choice), or the chosen one
    for a typed command; None for a button naming a year that can no longer be planned (a
    closed cycle, a year long past, a forged one)."""
    data = update.callback_query.data if update.callback_query else None
    parts = callback_parts(data, "pln")
    svc = services(context)
    if parts and parts[0].isdigit() and len(parts[0]) == 4:
        year = int(parts[0])
        if year not in plannable_years(svc):
            return None
        if context.user_data is not None:
            context.user_data[YEAR_KEY] = year
        return year
    return _chosen_year(svc, context)


def _step_lines(svc: Services, year: int) -> str:
    with svc.db.read() as session:
        cycle = cycles.find_cycle(session, year=year)
        rows = (
            {}
            if cycle is None or cycle.id is None
            else cycles.step_rows(session, cycle_id=cycle.id)
        )
    lines = []
    for number in plans.PLANNING_STEPS:
        row = rows.get(number)
        state = StepState(row.state) if row else StepState.BELUM_MULAI
        note = f": {app_texts.esc(row.note)}" if row and row.note else ""
        lines.append(
            texts.PLAN_STEP_LINE.format(mark=app_texts.STATE_MARKS[state], number=number, note=note)
        )
    return "\n".join(lines)


def revision_label(revision: PlanRevision | None) -> str:
    """``revisi 2 (draf)``, ``revisi 1 (perlu perubahan)``, ... in words, never a stored key."""
    if revision is None:
        return texts.PLAN_REVISION_NONE
    return texts.PLAN_REVISION.format(
        number=revision.number, status=texts.PLAN_STATUS[revision.status]
    )


def _decision_note(svc: Services, revision: PlanRevision) -> str:
    """What the head decided on ``revision`` (by whom, when, the note) and the way forward."""
    if revision.status == plans.SUBMITTED:
        return texts.PLAN_SUBMITTED_NOTE
    with svc.db.read() as session:
        request = (
            None
            if revision.id is None
            else approvals.latest_decided(session, kind=APPROVAL_KIND, subject_id=revision.id)
        )
        decider_id = revision.approved_by_user_id
        decided_at = revision.approved_at
        acting = ""
        if request is not None:
            decider_id, decided_at = request.decided_by_user_id, request.decided_at
            acting = request.acting_title
        decider = None if decider_id is None else users.get_user(session, decider_id)
    by = (
        app_texts.esc(f"{acting} {decider.full_name}".strip()) if decider else texts.PLAN_BY_UNKNOWN
    )
    when = (
        texts.PLAN_DECIDED_WHEN.format(when=format_datetime(decided_at, svc.profile.timezone))
        if decided_at
        else ""
    )
    if revision.status == plans.CHANGES_REQUESTED:
        comment = app_texts.esc(request.comment) if request is not None and request.comment else "-"
        return texts.PLAN_CHANGES_NOTE.format(
            by=by, when=when, comment=comment, next=revision.number + 1
        )
    return texts.PLAN_APPROVED_NOTE.format(by=by, when=when)


def _previous(svc: Services, revision: PlanRevision) -> PlanRevision | None:
    """The submission this draft follows, if any (its button then says "Ajukan lagi")."""
    with svc.db.read() as session:
        return plans.previous_submission(session, revision=revision)


def _still_asked(svc: Services, previous: PlanRevision) -> str:
    """Under a draft that answers a request for changes: the head's note, kept in view."""
    if previous.status != plans.CHANGES_REQUESTED or previous.id is None:
        return ""
    with svc.db.read() as session:
        request = approvals.latest_decided(session, kind=APPROVAL_KIND, subject_id=previous.id)
    if request is None or not request.comment:
        return ""
    return texts.PLAN_CHANGES_STILL.format(
        number=previous.number, comment=app_texts.esc(request.comment)
    )


def _menu(svc: Services, member: Member, year: int) -> tuple[str, InlineKeyboardMarkup]:
    revision, plan = _current(svc, year)
    text = texts.PLAN_MENU.format(
        year=plan.year,
        revision=revision_label(revision),
        objectives=len(plan.objectives),
        areas=len(plan.areas),
        indicators=len(plan.indicators),
        actions=len(plan.actions),
        steps=_step_lines(svc, year),
    )
    rows: list[list[InlineKeyboardButton]] = []
    if plan.areas:
        rows.append([button(texts.PLAN_BUTTON_BROWSE, f"pln:{year}:areas")])
    previous = None
    if revision is not None and revision.status != plans.DRAFT:
        text += _decision_note(svc, revision)
    elif revision is not None:
        previous = _previous(svc, revision)
        if previous is not None:
            text += _still_asked(svc, previous)
    if member.role in EDITORS:
        if plan.is_empty:
            text += texts.PLAN_EMPTY_HINT
            rows.append([button(texts.PLAN_BUTTON_SEED, f"pln:{year}:seed")])
        if member.role is Role.TIM and revision is not None and revision.status == plans.DRAFT:
            label = texts.PLAN_BUTTON_RESUBMIT if previous else texts.PLAN_BUTTON_SUBMIT
            rows.append([button(label, f"pap:submit:{year}")])
        rows.append([button(texts.PLAN_BUTTON_TEMPLATE, f"pln:{year}:tpl")])
        rows.append([button(texts.PLAN_BUTTON_UPLOAD, f"pln:{year}:up")])
    else:
        text += texts.PLAN_OWNER_NOTE.format(unit=app_texts.esc(member.unit_name or "-"))
    if not plan.is_empty:
        rows.append([button(texts.PLAN_BUTTON_PDF, f"pln:{year}:pdf")])
        rows.append([button(texts.PLAN_BUTTON_DATA_TEMPLATE, f"pln:{year}:dt")])
    others = [y for y in plannable_years(svc) if y != year]
    if others:
        rows.append(
            [button(texts.PLAN_BUTTON_YEAR.format(year=y), f"pln:{y}:menu") for y in others]
        )
    return text, InlineKeyboardMarkup(rows)


@members_only()
async def plan_menu(update: Update, context: Context, member: Member) -> int:
    """/rencana: the plan's size, the state of steps 1-4, and what can be done."""
    await answer(update)
    _forget(context)
    year = _year(update, context)
    if year is None:
        await show(update, app_texts.STALE_BUTTON)
        return MENU
    text, markup = _menu(services(context), member, year)
    await show(update, text, markup)
    return MENU


async def open_from_step(
    update: Update, context: Context, member: Member, step: int, year: int
) -> bool:
    """Steps 1-4 in /tugas open the plan menu of that step's year."""
    if context.user_data is not None:
        context.user_data[YEAR_KEY] = year
    text, markup = _menu(services(context), member, year)
    await show(update, text, markup)
    return True


def _forget(context: Context) -> None:
    if context.user_data is not None:
        for key in (EDIT_KEY, ACTION_KEY):
            context.user_data.pop(key, None)


def _parts(update: Update) -> list[str]:
    """The parts of a plan button after ``pln:<year>``."""
    parts = callback_parts(update.callback_query.data if update.callback_query else None, "pln")
    return parts[1:] if parts and parts[0].isdigit() else parts


# --- browsing ------------------------------------------------------------------------


def _visible_actions(plan: Plan, indicator: Indicator, member: Member) -> list[Any]:
    actions = list(plan.actions_of(indicator.code))
    if member.role is Role.PJ:
        return [a for a in actions if member.unit_name and a.pic_unit == member.unit_name]
    return actions


@members_only()
async def browse(update: Update, context: Context, member: Member) -> int | None:
    """Areas -> indicators -> an indicator card -> its action plans."""
    await answer(update)
    parts = _parts(update)
    svc = services(context)
    year = _year(update, context)
    if year is None:
        await show(update, app_texts.STALE_BUTTON)
        return MENU
    _, plan = _current(svc, year)
    action = parts[0] if parts else ""
    if action == "areas":
        if not plan.areas:
            await show(update, texts.PLAN_NOTHING, _back_to_menu(year))
            return MENU
        rows = [[button(fit(f"{a.code} · {a.name}"), f"pln:{year}:a:{a.code}")] for a in plan.areas]
        rows.append([button(texts.PLAN_BUTTON_MENU, f"pln:{year}:menu")])
        await show(update, texts.PLAN_AREAS, InlineKeyboardMarkup(rows))
        return MENU
    code = parts[1] if len(parts) > 1 else ""
    if action == "a":
        area = plan.area(code)
        if area is None:
            await show(update, texts.PLAN_NOT_FOUND, _back_to_menu(year))
            return MENU
        objective = next((o.text for o in plan.objectives if o.code == area.objective_code), "-")
        indicators = plan.indicators_of(code)
        text = texts.PLAN_AREA.format(
            code=app_texts.esc(area.code),
            name=app_texts.esc(area.name),
            category=area.category.value,
            objective=app_texts.esc(objective),
        )
        if not indicators:
            text += texts.PLAN_AREA_EMPTY
        rows = [[button(fit(f"{i.code} · {i.name}"), f"pln:{year}:i:{i.code}")] for i in indicators]
        rows.append([button(texts.PLAN_BUTTON_BROWSE, f"pln:{year}:areas")])
        await show(update, text, InlineKeyboardMarkup(rows))
        return MENU
    indicator = plan.indicator(code)
    if indicator is None:
        await show(update, texts.PLAN_NOT_FOUND, _back_to_menu(year))
        return MENU
    if action == "i":
        await show(update, _card(plan, indicator, member), _card_markup(plan, indicator, member))
    elif action == "x":
        await _show_actions(update, plan, indicator, member)
    return MENU


def _back_to_menu(year: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[button(texts.PLAN_BUTTON_MENU, f"pln:{year}:menu")]])


def _value(value: object) -> str:
    if value is None or value == "" or value == ():
        return texts.PLAN_EMPTY_VALUE
    if isinstance(value, float | int):
        return format_number(float(value))
    return app_texts.esc(getattr(value, "value", value))


def _card(plan: Plan, indicator: Indicator, member: Member) -> str:
    area = plan.area(indicator.area_code)
    reporting = indicator.reporting_frequency
    if indicator.period_targets and reporting is not None:
        period_targets = "; ".join(
            f"{period_label(reporting, n)} {format_number(t)}"
            for n, t in enumerate(indicator.period_targets, start=1)
        )
    else:
        period_targets = texts.PLAN_EMPTY_VALUE
    lacking = missing_attributes(indicator)
    return texts.PLAN_INDICATOR_CARD.format(
        code=app_texts.esc(indicator.code),
        name=app_texts.esc(indicator.name),
        area=app_texts.esc(f"{area.code} {area.name}" if area else indicator.area_code),
        definition=_value(indicator.definition),
        formula=_value(indicator.formula),
        inputs=", ".join(
            f"{app_texts.code(i.name)} ({app_texts.esc(i.kind.value)})" for i in indicator.inputs
        )
        or texts.PLAN_EMPTY_VALUE,
        unit=_value(indicator.unit),
        polarity=_value(indicator.polarity),
        monitoring=_value(indicator.monitoring_frequency),
        reporting=_value(indicator.reporting_frequency),
        source=_value(indicator.data_source),
        pic=_value(indicator.pic_unit),
        evidence=_value(indicator.evidence),
        baseline=_value(indicator.baseline_value),
        baseline_year=indicator.baseline_year or texts.PLAN_EMPTY_VALUE,
        target=_value(indicator.annual_target),
        period_targets=period_targets,
        actions=len(_visible_actions(plan, indicator, member)),
        missing=texts.PLAN_INDICATOR_MISSING.format(items=", ".join(lacking)) if lacking else "",
    )


def _card_markup(plan: Plan, indicator: Indicator, member: Member) -> InlineKeyboardMarkup:
    year = plan.year
    rows = []
    if member.role in EDITORS:
        rows.append([button(texts.PLAN_BUTTON_EDIT, f"pln:{year}:e:{indicator.code}")])
    count = len(_visible_actions(plan, indicator, member))
    rows.append(
        [button(texts.PLAN_BUTTON_ACTIONS.format(count=count), f"pln:{year}:x:{indicator.code}")]
    )
    rows.append(
        [
            button(
                texts.PLAN_BUTTON_BACK_AREA.format(code=indicator.area_code),
                f"pln:{year}:a:{indicator.area_code}",
            )
        ]
    )
    return InlineKeyboardMarkup(rows)


async def _show_actions(
    update: Update, plan: Plan, indicator: Indicator, member: Member, note: str = ""
) -> None:
    year = plan.year
    actions = _visible_actions(plan, indicator, member)
    lines = [
        texts.PLAN_ACTION_LINE.format(
            number=a.number,
            activity=app_texts.esc(a.activity),
            output=app_texts.esc(a.output or "-"),
            start=format_date(a.start, with_weekday=False) if a.start else "-",
            end=format_date(a.end, with_weekday=False) if a.end else "-",
            pic=app_texts.esc(a.pic_unit or "-"),
            status=a.status.value,
        )
        for a in actions
    ]
    text = texts.PLAN_ACTIONS.format(
        code=app_texts.esc(indicator.code), lines="\n".join(lines) or texts.PLAN_ACTIONS_EMPTY
    )
    rows = []
    if member.role in EDITORS:
        rows.append([button(texts.PLAN_BUTTON_ADD_ACTION, f"pln:{year}:xa:{indicator.code}")])
        rows.extend(
            [
                button(
                    texts.PLAN_BUTTON_DELETE_ACTION.format(number=a.number),
                    f"pln:{year}:xd:{indicator.code}:{a.number}",
                )
            ]
            for a in actions
        )
    rows.append(
        [
            button(
                texts.PLAN_BUTTON_BACK_INDICATOR.format(code=indicator.code),
                f"pln:{year}:i:{indicator.code}",
            )
        ]
    )
    await show(update, f"{note}\n\n{text}" if note else text, InlineKeyboardMarkup(rows))


# --- documents -----------------------------------------------------------------------


async def _send_file(
    update: Update, context: Context, content: bytes, file_name: str, caption: str
) -> None:
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_document(
        chat.id, document=InputFile(io.BytesIO(content), filename=file_name), caption=caption
    )


@members_only()
async def documents(update: Update, context: Context, member: Member) -> int | None:
    """The PDF planning document, the plan template and the performance data template."""
    await answer(update)
    parts = _parts(update)
    svc = services(context)
    year = _year(update, context)
    if year is None:
        await show(update, app_texts.STALE_BUTTON)
        return MENU
    revision, plan = _current(svc, year)
    kind = parts[0] if parts else ""
    if kind == "tpl":
        if member.role not in EDITORS:
            return None
        if context.user_data is not None:
            context.user_data[UPLOAD_YEAR_KEY] = year
        content = workbook.plan_workbook(plan, title=svc.profile.unit_name)
        await _send_file(
            update,
            context,
            content,
            f"template-rencana-kinerja-{plan.year}.xlsx",
            texts.PLAN_TEMPLATE_CAPTION.format(year=plan.year),
        )
        return AWAIT_UPLOAD
    if plan.is_empty:
        await show(update, texts.PLAN_NOTHING, _back_to_menu(year))
        return MENU
    if kind == "pdf":
        label = revision_label(revision)
        # plan_approval imports this module; the approved copy is its business.
        from bot.planning.approval import plan_pdf

        content = await asyncio.to_thread(plan_pdf, svc, revision, plan, label)
        await _send_file(
            update, context, content, f"dokumen-perencanaan-kinerja-{plan.year}.pdf", label
        )
    elif kind == "dt":
        unit = member.unit_name if member.role is Role.PJ else None
        content = performance_data_template(plan, unit_name=unit)
        await _send_file(
            update,
            context,
            content,
            f"template-data-kinerja-{plan.year}.xlsx",
            app_texts.esc(unit or ""),
        )
    return MENU


# --- the workbook upload ---------------------------------------------------------------


@members_only(*EDITORS)
async def ask_upload(update: Update, context: Context, member: Member) -> int:
    """The upload button: wait for the filled workbook."""
    await answer(update)
    year = _year(update, context)
    if year is None:
        await show(update, app_texts.STALE_BUTTON)
        return MENU
    if context.user_data is not None:
        context.user_data[UPLOAD_YEAR_KEY] = year
    await show(update, texts.PLAN_ASK_UPLOAD_YEAR.format(year=year))
    return AWAIT_UPLOAD


def problem_lines(found: list[Problem]) -> tuple[str, str]:
    """The first problems as chat lines, and a "… dan N lain" line when there are more."""
    lines = []
    for problem in found[:MAX_PROBLEMS_SHOWN]:
        lines.append(
            texts.PLAN_PROBLEM_LINE.format(
                sheet=app_texts.esc(problem.sheet),
                row=texts.PLAN_PROBLEM_ROW.format(row=problem.row) if problem.row else "",
                column=texts.PLAN_PROBLEM_COLUMN.format(column=app_texts.esc(problem.column))
                if problem.column
                else "",
                message=app_texts.esc_rule(problem.message),
                hint=texts.PLAN_PROBLEM_HINT.format(hint=app_texts.esc_rule(problem.hint))
                if problem.hint
                else "",
            )
        )
    more = len(found) - MAX_PROBLEMS_SHOWN
    return "\n".join(lines), texts.PLAN_PROBLEMS_MORE.format(count=more) if more > 0 else ""


def change_lines(changes: list[Change]) -> str:
    """Counts per kind of change, then the changed items with their fields."""
    lines = []
    for kind, per_what in counts(changes).items():
        if per_what:
            items = ", ".join(f"{n} {what}" for what, n in per_what.items())
            lines.append(texts.PLAN_CHANGE_COUNTS.format(kind=kind.value.capitalize(), items=items))
    detailed = [c for c in changes if c.kind is ChangeKind.CHANGED]
    for change in detailed[:MAX_CHANGES_SHOWN]:
        lines.append(
            texts.PLAN_CHANGE_DETAIL.format(
                what=change.what, key=app_texts.esc(change.key), fields=", ".join(change.fields)
            )
        )
    if len(detailed) > MAX_CHANGES_SHOWN:
        lines.append(texts.PLAN_CHANGE_MORE.format(count=len(detailed) - MAX_CHANGES_SHOWN))
    return "\n".join(lines)


@members_only(*EDITORS)
async def receive_workbook(update: Update, context: Context, member: Member) -> int:
    """A document while waiting for the workbook: check it all, then show the changes."""
    message = update.effective_message
    assert message is not None and context.user_data is not None
    doc = message.document
    if doc is None or not (doc.file_name or "").lower().endswith(".xlsx"):
        await message.reply_text(app_texts.PLAN_UPLOAD_NOT_XLSX)
        return AWAIT_UPLOAD
    if doc.file_size is not None and doc.file_size > workbook.MAX_WORKBOOK_BYTES:
        await message.reply_text(
            app_texts.PLAN_UPLOAD_TOO_BIG.format(
                size=_megabytes(doc.file_size), limit=_megabytes(workbook.MAX_WORKBOOK_BYTES)
            )
        )
        return AWAIT_UPLOAD
    progress = await message.reply_text(app_texts.PLAN_UPLOAD_CHECKING)
    content = bytes(await (await doc.get_file()).download_as_bytearray())
    svc = services(context)
    # The year the person pressed "Unggah" (or downloaded the template) for, even if another
    # year was opened since.
    asked = context.user_data.get(UPLOAD_YEAR_KEY)
    year = asked if isinstance(asked, int) else _chosen_year(svc, context)
    # Reading a workbook takes up to a second: keep the bot answering others meanwhile.
    result = await asyncio.to_thread(workbook.read_plan_workbook, content, year=year)
    if not isinstance(result, Plan):
        lines, more = problem_lines(result)
        await progress.edit_text(
            texts.PLAN_UPLOAD_PROBLEMS.format(count=len(result), lines=lines, more=more)
        )
        return AWAIT_UPLOAD
    _, current = _current(svc, year)
    changes = diff(current, result)
    if not changes:
        await progress.edit_text(texts.PLAN_UPLOAD_NO_CHANGES)
        return ConversationHandler.END
    # Keep the file server-side (not in the chat's memory) until the person decides.
    token = archive.hold(svc.archive_dir, content)
    context.user_data[PENDING_KEY] = {
        "token": token,
        "name": doc.file_name or "rencana.xlsx",
        "year": year,
    }
    markup = InlineKeyboardMarkup(
        [
            [
                button(app_texts.PLAN_BUTTON_SAVE, f"pln:{year}:ok"),
                button(app_texts.PLAN_BUTTON_DISCARD, f"pln:{year}:no"),
            ]
        ]
    )
    await progress.edit_text(
        texts.PLAN_UPLOAD_SUMMARY.format(lines=change_lines(changes)), reply_markup=markup
    )
    return CONFIRM_UPLOAD


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


@members_only(*EDITORS)
async def not_a_document(update: Update, context: Context, member: Member) -> int:
    """Text while a workbook is awaited."""
    if update.effective_message is not None:
        await update.effective_message.reply_text(texts.PLAN_ASK_UPLOAD)
    return AWAIT_UPLOAD


@members_only(*EDITORS)
async def decide_upload(update: Update, context: Context, member: Member) -> int:
    """Simpan or Batal under the summary of an uploaded workbook."""
    await answer(update)
    assert context.user_data is not None
    parts = _parts(update)
    pending = context.user_data.pop(PENDING_KEY, None)
    svc = services(context)
    if not isinstance(pending, dict):
        await show(update, app_texts.PLAN_PENDING_GONE)
        return ConversationHandler.END
    token = str(pending.get("token", ""))
    content = archive.held(svc.archive_dir, token)
    if parts[:1] == ["no"] or content is None:
        archive.release(svc.archive_dir, token)
        await show(
            update, app_texts.PLAN_DISCARDED if parts[:1] == ["no"] else app_texts.PLAN_PENDING_GONE
        )
        return ConversationHandler.END
    year = pending.get("year")
    if not isinstance(year, int) or year not in plannable_years(svc):
        archive.release(svc.archive_dir, token)
        await show(update, app_texts.PLAN_PENDING_GONE)
        return ConversationHandler.END
    result = await asyncio.to_thread(workbook.read_plan_workbook, content, year=year)
    if not isinstance(result, Plan):
        await show(update, app_texts.PLAN_PENDING_GONE)
        return ConversationHandler.END
    text = _store(svc, member, result, upload=(content, str(pending.get("name", "rencana.xlsx"))))
    archive.release(svc.archive_dir, token)
    await show(update, text, _back_to_menu(year))
    return ConversationHandler.END


def _store(
    svc: Services, member: Member, plan: Plan, upload: tuple[bytes, str] | None = None
) -> str:
    """Save the plan as the year's draft (and archive the workbook it came from)."""
    now = svc.now()
    with svc.db.write() as session:
        before, _ = plans.current_plan(session, year=plan.year)
        actor = users.get_user(session, member.user_id)
        changes, revision = plans.save_for_year(
            session, year=plan.year, plan=plan, actor=actor, now=now
        )
        if upload is not None and revision is not None and changes:
            content, name = upload
            archive.store(
                session,
                root=svc.archive_dir,
                content=content,
                meta=NewDocument(
                    kind="rencana_xlsx",
                    file_name=name,
                    mime_type=XLSX_MIME,
                    cycle_id=revision.cycle_id,
                    step_no=1,
                    uploaded_by_user_id=member.user_id,
                ),
                now=now,
            )
        new_revision = revision is not None and (before is None or before.id != revision.id)
    if new_revision and before is not None and revision is not None:
        return texts.PLAN_SAVED_NEW_REVISION.format(
            number=revision.number, previous=before.number, status=texts.PLAN_STATUS[before.status]
        )
    return texts.PLAN_SAVED.format(count=len(changes))


# --- starter plan --------------------------------------------------------------------


@members_only(*EDITORS)
async def seed(update: Update, context: Context, member: Member) -> int:
    """The starter-plan button, offered while the plan is empty."""
    await answer(update)
    svc = services(context)
    year = _year(update, context)
    if year is None:
        await show(update, app_texts.STALE_BUTTON)
        return MENU
    _, plan = _current(svc, year)
    if not plan.is_empty:
        await show(update, texts.PLAN_SEED_NOT_EMPTY, _back_to_menu(year))
        return MENU
    starter = example_plan(year)
    _store(svc, member, starter)
    text, markup = _menu(svc, member, year)
    note = texts.PLAN_SEEDED.format(
        indicators=len(starter.indicators), actions=len(starter.actions)
    )
    await show(update, f"{note}\n\n{text}", markup)
    return MENU


# --- editing in the chat -------------------------------------------------------------


@members_only(*EDITORS)
async def edit_choose(update: Update, context: Context, member: Member) -> int:
    """Attribute buttons, a choice list, or a prompt for a typed value."""
    await answer(update)
    assert context.user_data is not None
    parts = _parts(update)
    svc = services(context)
    year = _year(update, context)
    if year is None:
        await show(update, app_texts.STALE_BUTTON)
        return MENU
    _, plan = _current(svc, year)
    code = parts[1] if len(parts) > 1 else ""
    indicator = plan.indicator(code)
    if indicator is None:
        await show(update, texts.PLAN_NOT_FOUND, _back_to_menu(year))
        return MENU
    if parts[0] == "e":
        rows = [
            [
                button(a.label.capitalize(), f"pln:{year}:f:{code}:{a.key}")
                for a in ATTRIBUTES[i : i + 2]
            ]
            for i in range(0, len(ATTRIBUTES), 2)
        ]
        rows.append(
            [button(texts.PLAN_BUTTON_BACK_INDICATOR.format(code=code), f"pln:{year}:i:{code}")]
        )
        await show(
            update,
            texts.PLAN_CHOOSE_ATTRIBUTE.format(code=app_texts.esc(code)),
            InlineKeyboardMarkup(rows),
        )
        return MENU
    attr = attribute(parts[2]) if len(parts) > 2 else None
    if attr is None:
        await show(update, app_texts.STALE_BUTTON)
        return MENU
    current = _current_value(indicator, attr)
    if parts[0] == "v" and len(parts) == 4:
        index = int_or_none(parts[3])
        if index is None or index >= len(attr.choices):
            await show(update, app_texts.STALE_BUTTON)
            return MENU
        return await _apply(update, context, member, year, code, attr, attr.choices[index])
    if attr.choices:
        rows = [
            [button(choice, f"pln:{year}:v:{code}:{attr.key}:{n}")]
            for n, choice in enumerate(attr.choices)
        ]
        rows.append(
            [button(texts.PLAN_BUTTON_BACK_INDICATOR.format(code=code), f"pln:{year}:i:{code}")]
        )
        await show(
            update,
            texts.PLAN_CHOOSE_VALUE.format(
                label=attr.label, code=app_texts.esc(code), current=current
            ),
            InlineKeyboardMarkup(rows),
        )
        return MENU
    context.user_data[EDIT_KEY] = {"code": code, "attr": attr.key, "year": year}
    await show(
        update,
        texts.PLAN_ASK_VALUE.format(
            label=attr.label,
            code=app_texts.esc(code),
            current=current,
            example=texts.PLAN_EXAMPLES.get(attr.field, ""),
        ),
    )
    return EDIT_VALUE


def _current_value(indicator: Indicator, attr: Attribute) -> str:
    value = getattr(indicator, attr.field)
    if attr.field == "inputs":
        return (
            app_texts.code("; ".join(f"{i.name} | {i.label} | {i.kind.value}" for i in value))
            if value
            else "-"
        )
    if attr.field == "formula" and value:
        return app_texts.code(value)
    if attr.field == "period_targets":
        return "; ".join(format_number(v) for v in value) or "-"
    return _value(value)


async def _apply(
    update: Update,
    context: Context,
    member: Member,
    year: int,
    code: str,
    attr: Attribute,
    raw: str,
) -> int:
    svc = services(context)
    revision, plan = _current(svc, year)
    before = plan.indicator(code)
    try:
        value = parse_attribute(attr, raw, unit=before.unit if before else "")
        edited = edit_indicator(plan, code, attr, value)
    except LookupError:
        await show(update, texts.PLAN_NOT_FOUND, _back_to_menu(year))
        return MENU
    except ValueError as exc:
        await show(update, texts.PLAN_BAD_VALUE.format(reason=app_texts.esc_rule(exc)))
        return EDIT_VALUE
    saved = _store(svc, member, edited.plan)
    note = texts.PLAN_ATTRIBUTE_SAVED.format(
        label=attr.label.capitalize(), code=app_texts.esc(code)
    )
    if edited.targets_derived:
        note += texts.PLAN_TARGETS_DERIVED.format(count=edited.targets_derived)
    if plans.is_read_only(revision):
        note += "\n" + saved
    indicator = edited.plan.indicator(code)
    assert indicator is not None
    if context.user_data is not None:
        context.user_data.pop(EDIT_KEY, None)
    text = f"{note}\n\n{_card(edited.plan, indicator, member)}"
    markup = _card_markup(edited.plan, indicator, member)
    if update.callback_query is not None:
        await show(update, text, markup)
    elif update.effective_message is not None:
        await update.effective_message.reply_text(text, reply_markup=markup)
    return MENU


@members_only(*EDITORS)
async def typed_value(update: Update, context: Context, member: Member) -> int:
    """The typed new value of the attribute being edited."""
    assert context.user_data is not None and update.effective_message is not None
    pending = context.user_data.get(EDIT_KEY)
    attr = attribute(str(pending.get("attr"))) if isinstance(pending, dict) else None
    year = pending.get("year") if isinstance(pending, dict) else None
    if (
        not isinstance(pending, dict)
        or attr is None
        or not isinstance(year, int)
        or year not in plannable_years(services(context))
    ):
        await update.effective_message.reply_text(app_texts.STALE_BUTTON)
        return ConversationHandler.END
    return await _apply(
        update,
        context,
        member,
        year,
        str(pending["code"]),
        attr,
        update.effective_message.text or "",
    )


# --- action plans ----------------------------------------------------------------------


@members_only(*EDITORS)
async def action_buttons(update: Update, context: Context, member: Member) -> int:
    """Add an action plan, or delete one after a confirmation."""
    await answer(update)
    assert context.user_data is not None
    parts = _parts(update)
    svc = services(context)
    year = _year(update, context)
    if year is None:
        await show(update, app_texts.STALE_BUTTON)
        return MENU
    _, plan = _current(svc, year)
    code = parts[1] if len(parts) > 1 else ""
    indicator = plan.indicator(code)
    if indicator is None:
        await show(update, texts.PLAN_NOT_FOUND, _back_to_menu(year))
        return MENU
    if parts[0] == "xa":
        context.user_data[ACTION_KEY] = {"code": code, "year": year}
        await show(update, texts.PLAN_ASK_ACTIVITY.format(code=app_texts.esc(code)))
        return ACTION_ACTIVITY
    number = int_or_none(parts[2]) if len(parts) > 2 else None
    target = next((a for a in plan.actions_of(code) if a.number == number), None)
    if target is None or number is None:
        await show(update, texts.PLAN_NOT_FOUND, _back_to_menu(year))
        return MENU
    if parts[0] == "xd":
        markup = InlineKeyboardMarkup(
            [
                [button(texts.PLAN_BUTTON_CONFIRM_DELETE, f"pln:{year}:xy:{code}:{number}")],
                [button(app_texts.BUTTON_CANCEL, f"pln:{year}:x:{code}")],
            ]
        )
        await show(
            update,
            texts.PLAN_CONFIRM_DELETE.format(
                code=app_texts.esc(code), number=number, activity=app_texts.esc(target.activity)
            ),
            markup,
        )
        return MENU
    new_plan = remove_action(plan, code, number)
    _store(svc, member, new_plan)
    note = texts.PLAN_ACTION_DELETED.format(code=app_texts.esc(code), number=number)
    await _show_actions(update, new_plan, indicator, member, note)
    return MENU


def _typed_text(update: Update) -> str | None:
    text = (
        " ".join((update.effective_message.text or "").split()) if update.effective_message else ""
    )
    return text if 3 <= len(text) <= 1000 else None


@members_only(*EDITORS)
async def action_activity(update: Update, context: Context, member: Member) -> int:
    """1/3: what will be done."""
    assert context.user_data is not None and update.effective_message is not None
    text = _typed_text(update)
    if text is None:
        await update.effective_message.reply_text(app_texts.PLAN_TEXT_REQUIRED)
        return ACTION_ACTIVITY
    context.user_data.setdefault(ACTION_KEY, {})["activity"] = text
    await update.effective_message.reply_text(texts.PLAN_ASK_OUTPUT)
    return ACTION_OUTPUT


@members_only(*EDITORS)
async def action_output(update: Update, context: Context, member: Member) -> int:
    """2/3: what it produces."""
    assert context.user_data is not None and update.effective_message is not None
    text = _typed_text(update)
    if text is None:
        await update.effective_message.reply_text(app_texts.PLAN_TEXT_REQUIRED)
        return ACTION_OUTPUT
    draft = context.user_data.setdefault(ACTION_KEY, {})
    draft["output"] = text
    year = draft.get("year")
    if not isinstance(year, int):
        await update.effective_message.reply_text(app_texts.STALE_BUTTON)
        return ConversationHandler.END
    svc = services(context)
    await update.effective_message.reply_text(
        texts.PLAN_ASK_SCHEDULE.format(**_schedule_example(svc.today(), year))
    )
    return ACTION_SCHEDULE


def _schedule_example(today: date, year: int) -> dict[str, str]:
    """Five months of the plan's year, from February or next month, whichever is later."""
    start, end = example_range(today, days=150, not_before=date(year, 2, 1), year=year)
    return {"start": dmy(start), "end": dmy(end)}


@members_only(*EDITORS)
async def action_schedule(update: Update, context: Context, member: Member) -> int:
    """3/3: start and end; then store the action plan."""
    assert context.user_data is not None and update.effective_message is not None
    svc = services(context)
    draft = context.user_data.get(ACTION_KEY)
    if not isinstance(draft, dict) or not {"code", "activity", "output", "year"} <= draft.keys():
        await update.effective_message.reply_text(app_texts.STALE_BUTTON)
        return ConversationHandler.END
    year = int(draft["year"])
    if year not in plannable_years(svc):
        await update.effective_message.reply_text(app_texts.STALE_BUTTON)
        return ConversationHandler.END
    _, plan = _current(svc, year)
    code = str(draft["code"])
    try:
        start, end = parse_schedule(update.effective_message.text or "")
        new_plan, number = add_action(
            plan,
            code,
            activity=str(draft["activity"]),
            output=str(draft["output"]),
            start=start,
            end=end,
        )
    except LookupError:
        await update.effective_message.reply_text(texts.PLAN_NOT_FOUND)
        return ConversationHandler.END
    except ValueError as exc:
        await update.effective_message.reply_text(
            texts.PLAN_BAD_SCHEDULE.format(
                reason=app_texts.esc_rule(exc), **_schedule_example(svc.today(), year)
            )
        )
        return ACTION_SCHEDULE
    _store(svc, member, new_plan)
    context.user_data.pop(ACTION_KEY, None)
    indicator = new_plan.indicator(code)
    assert indicator is not None
    lines = new_plan.actions_of(code)
    note = texts.PLAN_ACTION_ADDED.format(code=app_texts.esc(code), number=number)
    markup = InlineKeyboardMarkup(
        [[button(texts.PLAN_BUTTON_ACTIONS.format(count=len(lines)), f"pln:{year}:x:{code}")]]
    )
    await update.effective_message.reply_text(note, reply_markup=markup)
    return MENU


@members_only()
async def cancel(update: Update, context: Context, member: Member) -> int:
    """/batal inside /rencana: drop half-typed edits and a pending upload."""
    svc = services(context)
    if context.user_data is not None:
        pending = context.user_data.pop(PENDING_KEY, None)
        if isinstance(pending, dict):
            archive.release(svc.archive_dir, str(pending.get("token", "")))
    _forget(context)
    if update.effective_message is not None:
        await update.effective_message.reply_text(texts.PLAN_EDIT_CANCELLED)
    return ConversationHandler.END


_TEXT = filters.TEXT & ~filters.COMMAND
# Every plan button names its year (pln:<year>:...): two years can be open at once.
_VIEW = r"^pln:\d{4}:(areas|a:|i:|x:|menu$)"
_DOCS = r"^pln:\d{4}:(tpl|pdf|dt)$"
_EDIT = r"^pln:\d{4}:(e|f|v):"
_ACTIONS = r"^pln:\d{4}:(xa|xd|xy):"
_DECIDE = r"^pln:\d{4}:(ok|no)$"


def _browse_handlers() -> list[BaseHandler[Update, Context, Any]]:
    return [
        CallbackQueryHandler(plan_menu, pattern=r"^pln:\d{4}:menu$"),
        CallbackQueryHandler(browse, pattern=_VIEW),
        CallbackQueryHandler(documents, pattern=_DOCS),
        CallbackQueryHandler(ask_upload, pattern=r"^pln:\d{4}:up$"),
        CallbackQueryHandler(seed, pattern=r"^pln:\d{4}:seed$"),
        CallbackQueryHandler(edit_choose, pattern=_EDIT),
        CallbackQueryHandler(action_buttons, pattern=_ACTIONS),
    ]


def conversation() -> ConversationHandler[Any]:
    """The /rencana conversation; any plan button (re)enters it, so old menus keep working."""
    return conversation_handler(
        entry_points=[CommandHandler("rencana", plan_menu), *_browse_handlers()],
        states={
            MENU: _browse_handlers(),
            AWAIT_UPLOAD: [
                MessageHandler(filters.Document.ALL, receive_workbook),
                MessageHandler(_TEXT, not_a_document),
                *_browse_handlers(),
            ],
            CONFIRM_UPLOAD: [
                CallbackQueryHandler(decide_upload, pattern=_DECIDE),
                *_browse_handlers(),
            ],
            EDIT_VALUE: [MessageHandler(_TEXT, typed_value), *_browse_handlers()],
            ACTION_ACTIVITY: [MessageHandler(_TEXT, action_activity), *_browse_handlers()],
            ACTION_OUTPUT: [MessageHandler(_TEXT, action_output), *_browse_handlers()],
            ACTION_SCHEDULE: [MessageHandler(_TEXT, action_schedule), *_browse_handlers()],
        },
        fallbacks=[
            CommandHandler("batal", cancel),
            CommandHandler("rencana", plan_menu),
            CallbackQueryHandler(decide_upload, pattern=_DECIDE),
        ],
        name="rencana",
    )


@members_only()
async def stale(update: Update, context: Context, member: Member) -> None:
    """A plan button from before buttons named their year: answered, not left spinning."""
    await answer(update, app_texts.STALE_BUTTON)


def handlers() -> list[BaseHandler[Update, Context, Any]]:
    """This feature's handlers, fresh for each application."""
    return [conversation(), CallbackQueryHandler(stale, pattern=r"^pln:")]


STEP_OPENERS = {"rencana": open_from_step}
