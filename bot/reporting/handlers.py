"""SOP steps 11-12 from a phone: /jadwal (deadlines), /lapor (the guided report, saved after
every answer), and the team's /verifikasi queue."""

from __future__ import annotations

import asyncio
import io
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from telegram import InlineKeyboardMarkup, InputFile, Update
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
from bot.core.dates import format_date, format_datetime, format_short_date
from bot.core.labels import fit
from bot.core.roles import Role
from bot.guide.handlers import phase_line
from bot.planning.documents.data_template import PackageRow, performance_data_template
from bot.planning.documents.workbook import MAX_WORKBOOK_BYTES
from bot.planning.handlers import XLSX_MIME, problem_lines
from bot.planning.rules.model import ActionStatus, FormulaInput, InputKind
from bot.planning.rules.values import format_number
from bot.reporting import texts
from bot.reporting.rules import (
    ReportingPeriod,
    format_input_value,
    indicator_value,
    indicators_due,
    input_prompt,
    is_late,
    parse_input_value,
    upcoming,
)
from bot.reporting.workbook import read_data_template
from bot.services import Services
from bot.sop.cycle_rules import CyclePhase, phase
from bot.sop.cycles import CycleView, close, cycle, reporting_cycles, visible_cycles, year_of
from bot.ui.chat import answer, button, conversation_handler, paged, show
from storage import archive, packages, plans, submissions, users
from storage.archive import NewDocument
from storage.models import Document, Package, Submission, Unit

(
    INPUT,
    ACTION_STATUS,
    ACTION_NOTE,
    CONSTRAINTS,
    EVIDENCE,
    SUMMARY,
    CONFIRM_REVISION,
    AWAIT_WORKBOOK,
    CONFIRM_WORKBOOK,
) = range(9)
WORKBOOK_KEY = "lapor_berkas"
VERIFY_NOTE = 0
DRAFT_KEY = "lapor"
VERIFY_KEY = "verifikasi"
TEAM = (Role.KEPALA, Role.TIM)
TELEGRAM_DOWNLOAD_LIMIT = 20 * 1024 * 1024
EVIDENCE_TYPES = ("image/jpeg", "image/png", "application/pdf")
STATUSES = tuple(ActionStatus)


# --- cycles, periods, packages -----------------------------------------------------------------


def _reporting(svc: Services, year: int) -> CycleView | None:
    """The year's cycle when reports can be sent in it (approved plan, not closed)."""
    view = cycle(svc, year)
    return view if view.plan is not None and not view.facts.closed else None


def _find(view: CycleView | None, key: str) -> ReportingPeriod | None:
    if view is None:
        return None
    return next((p for p in view.periods if p.key == key), None)


def _period_label(period: ReportingPeriod, year: int) -> str:
    """``Triwulan IV 2026``: a period is always named with its year."""
    return texts.PERIOD_WITH_YEAR.format(label=period.label, year=year)


@members_only()
async def schedule(update: Update, context: Context, member: Member) -> None:
    """/jadwal: per open cycle, the coming reporting deadlines in WIT; closing a finished one."""
    await answer(update)
    svc = services(context)
    views = [v for v in visible_cycles(svc) if v.plan is not None]
    if not views:
        planning = visible_cycles(svc)
        year = planning[-1].year if planning else svc.today().year
        await show(update, texts.SCHEDULE_NONE.format(year=year))
        return
    today = svc.today()
    for view in views:
        lines = [texts.SCHEDULE_HEADER.format(year=view.year, phase=phase_line(svc, view))]
        for period in upcoming(list(view.periods), svc.now(), limit=6):
            lines.append(
                texts.SCHEDULE_LINE.format(
                    label=_period_label(period, view.year),
                    frequency=period.frequency.value,
                    span=period.span,
                    deadline=format_datetime(period.deadline, svc.profile.timezone),
                    state=texts.SCHEDULE_OPEN if period.start <= today <= period.end else "",
                )
            )
        if not view.periods:
            lines.append(texts.SCHEDULE_NO_PERIODS)
        markup = None
        if phase(view.facts, svc.now()) is CyclePhase.LATE and member.role in TEAM:
            lines.append(texts.SCHEDULE_CLOSE_HINT.format(year=view.year))
            markup = InlineKeyboardMarkup(
                [
                    [
                        button(
                            texts.CYCLE_BUTTON_CLOSE.format(year=view.year),
                            f"cyc:ask:{view.year}",
                        )
                    ]
                ]
            )
        await show(update, "\n".join(lines), markup)


@members_only(*TEAM)
async def close_cycle(update: Update, context: Context, member: Member) -> None:
    """Tutup siklus: ask, then close the cycle once its last deadline has passed."""
    await answer(update)
    parts = callback_parts(update.callback_query.data if update.callback_query else None, "cyc")
    action = parts[0] if parts else ""
    year = int_or_none(parts[1]) if len(parts) == 2 else None
    svc = services(context)
    if year is None or action not in ("ask", "yes", "no"):
        await show(update, app_texts.STALE_BUTTON)
        return
    if action == "no":
        await show(update, texts.CYCLE_CLOSE_KEPT.format(year=year))
        return
    if action == "ask":
        markup = InlineKeyboardMarkup(
            [
                [
                    button(texts.CYCLE_BUTTON_CONFIRM.format(year=year), f"cyc:yes:{year}"),
                    button(app_texts.BUTTON_CANCEL, f"cyc:no:{year}"),
                ]
            ]
        )
        await show(update, texts.CYCLE_CLOSE_ASK.format(year=year), markup)
        return
    refusal = close(svc, year=year, actor_id=member.user_id)
    if refusal is None:
        await show(update, texts.CYCLE_CLOSED.format(year=year))
        return
    await show(update, texts.CYCLE_CLOSE_REFUSED[refusal].format(year=year))


# --- the guided report -------------------------------------------------------------------------


def _draft(context: Context) -> dict[str, Any]:
    assert context.user_data is not None
    draft = context.user_data.setdefault(DRAFT_KEY, {})
    assert isinstance(draft, dict)
    return draft


def _package(svc: Services, package_id: int | None) -> Package | None:
    if package_id is None:
        return None
    with svc.db.read() as session:
        return session.get(Package, package_id)


def _draft_period(
    svc: Services, draft: dict[str, Any]
) -> tuple[CycleView, ReportingPeriod, Package] | None:
    """The cycle, period and package a draft reports on (the package tells the cycle);
    None when any of them is gone or the cycle was closed."""
    package = _package(svc, int(draft["package"])) if draft.get("package") else None
    year = None if package is None else year_of(svc, package.cycle_id)
    view = None if year is None else _reporting(svc, year)
    period = _find(view, str(draft.get("period", "")))
    if view is None or period is None or package is None:
        return None
    return view, period, package


@members_only(Role.PJ)
async def start_report(update: Update, context: Context, member: Member) -> int | None:
    """/lapor: resume a half-finished report, or choose the period."""
    await answer(update)
    svc = services(context)
    assert context.user_data is not None
    draft = context.user_data.get(DRAFT_KEY)
    found = _draft_period(svc, draft) if isinstance(draft, dict) else None
    if found is not None:
        view, period, package = found
        markup = InlineKeyboardMarkup(
            [
                [
                    button(texts.REPORT_BUTTON_RESUME, "lp:resume"),
                    button(texts.REPORT_BUTTON_RESTART, "lp:new"),
                ]
            ]
        )
        await show(
            update,
            texts.REPORT_RESUME.format(
                package=app_texts.esc(package.nama_paket), period=_period_label(period, view.year)
            ),
            markup,
        )
        return None
    return await _choose_period(update, context, member)


@dataclass(frozen=True)
class _Choice:
    """A period an owner can report on: its cycle year, whether it is late, and whether
    every package of the unit that reports in it already has a report."""

    year: int
    period: ReportingPeriod
    late: bool
    done: bool


def _choices(svc: Services, member: Member) -> list[_Choice]:
    """The started periods of every open cycle in which one of the unit's mapped packages
    has an indicator due. Due now first (soonest deadline), then running ones, then late
    ones (newest first): in January last year's last periods are due next to this year's."""
    today, now = svc.today(), svc.now()
    found: list[_Choice] = []
    for view in reporting_cycles(svc):
        if view.plan is None or view.cycle_id is None or member.unit_id is None:
            continue
        with svc.db.read() as session:
            mine = [
                p
                for p in packages.of_unit(session, cycle_id=view.cycle_id, unit_id=member.unit_id)
                if p.area_code and p.id is not None
            ]
            for period in view.periods:
                if period.start > today:
                    continue
                areas = {i.area_code for i in indicators_due(view.plan, period)}
                due = [p for p in mine if p.area_code in areas]
                if not due:
                    continue
                done = all(
                    (
                        latest := submissions.latest(
                            session, package_id=p.id or 0, period_key=period.key
                        )
                    )
                    is not None
                    and latest.status != submissions.RETURNED
                    for p in due
                )
                found.append(_Choice(view.year, period, is_late(now, period), done))

    def order(choice: _Choice) -> tuple[int, float]:
        period = choice.period
        if choice.late:
            return (2, -period.end.toordinal())
        if period.end < today:
            return (0, period.deadline.timestamp())
        return (1, period.end.toordinal())

    return sorted(found, key=order)


async def _choose_period(
    update: Update, context: Context, member: Member, page: int = 1
) -> int | None:
    """The periods to report on, each named with its year, ✅ when all reported."""
    svc = services(context)
    if member.unit_id is None:
        await show(update, texts.REPORT_NO_UNIT)
        return ConversationHandler.END
    choices = _choices(svc, member)
    if not choices:
        await show(update, _no_periods_text(svc, member))
        return ConversationHandler.END

    def make(choice: _Choice) -> Any:
        label = texts.REPORT_PERIOD_BUTTON.format(
            mark=texts.REPORT_PERIOD_DONE if choice.done else texts.REPORT_PERIOD_OPEN,
            label=_period_label(choice.period, choice.year),
            deadline=format_short_date(choice.period.deadline.date()),
            late=texts.REPORT_PERIOD_LATE if choice.late else "",
        )
        return button(fit(label), f"lp:per:{choice.year}:{choice.period.key}:1")

    markup, page, pages = paged(
        choices, page=page, make_button=make, nav_data=lambda n: f"lp:pp:{n}", page_size=6
    )
    await show(update, texts.REPORT_CHOOSE_PERIOD.format(page=page, pages=pages), markup)
    return None


def _no_periods_text(svc: Services, member: Member) -> str:
    """Why nothing can be reported now, and what comes next."""
    views = [v for v in reporting_cycles(svc) if v.facts.first_start]
    if not views:
        return texts.REPORT_NO_PLAN
    if any(v.facts.first_start and v.facts.first_start <= svc.today() for v in views):
        return texts.REPORT_NO_PACKAGES.format(year=max(v.year for v in views))
    first = min(views, key=lambda v: v.year)
    assert first.facts.first_start is not None
    return texts.REPORT_NO_PERIODS_YET.format(
        year=first.year, start=format_date(first.facts.first_start)
    )


@members_only(Role.PJ)
async def report_buttons(update: Update, context: Context, member: Member) -> int | None:
    """Period, package, resume / restart, action status, done, send, edit, revision."""
    await answer(update)
    parts = callback_parts(update.callback_query.data if update.callback_query else None, "lp")
    action = parts[0] if parts else ""
    svc = services(context)
    assert context.user_data is not None
    if action == "new":
        context.user_data.pop(DRAFT_KEY, None)
        return await _choose_period(update, context, member)
    if action == "resume":
        return await _ask_next(update, context, svc)
    if action == "pp" and len(parts) == 2:
        return await _choose_period(update, context, member, int_or_none(parts[1]) or 1)
    if action == "per" and len(parts) == 4:
        return await _choose_package(
            update, context, member, int_or_none(parts[1]), parts[2], int_or_none(parts[3]) or 1
        )
    if action == "pkg" and len(parts) == 3:
        return await _begin(update, context, member, parts[1], int_or_none(parts[2]))
    if action == "xt" and len(parts) == 3:
        return await _send_template(update, context, member, int_or_none(parts[1]), parts[2])
    if action == "wk" and len(parts) == 2:
        return await _decide_workbook(update, context, member, send=parts[1] == "ok")
    draft = _draft(context)
    if not draft.get("package"):
        await show(update, app_texts.STALE_BUTTON)
        return ConversationHandler.END
    if action == "st" and len(parts) == 2:
        index = int_or_none(parts[1])
        if index is None or index >= len(STATUSES) or draft.get("phase") != "action_status":
            await show(update, app_texts.STALE_BUTTON)
            return None
        key = _action_key(draft)
        draft.setdefault("progress", {})[key] = [STATUSES[index].value, ""]
        draft["phase"] = "action_note"
        await show(update, texts.REPORT_ASK_ACTION_NOTE)
        return ACTION_NOTE
    if action == "done" and draft.get("phase") == "evidence":
        draft["phase"] = "summary"
        return await _ask_next(update, context, svc)
    if action == "edit":
        draft["i"] = 0
        draft["a"] = 0
        draft["phase"] = "input"
        return await _ask_next(update, context, svc)
    if action in ("send", "rev"):
        return await _send(update, context, member, confirmed=action == "rev")
    await show(update, app_texts.STALE_BUTTON)
    return None


async def _choose_package(
    update: Update, context: Context, member: Member, year: int | None, key: str, page: int
) -> int | None:
    svc = services(context)
    view = None if year is None else _reporting(svc, year)
    period = _find(view, key)
    if view is None or period is None or view.cycle_id is None or member.unit_id is None:
        await show(update, app_texts.STALE_BUTTON)
        return ConversationHandler.END
    cycle_id = view.cycle_id
    with svc.db.read() as session:
        mine = [
            p
            for p in packages.of_unit(session, cycle_id=cycle_id, unit_id=member.unit_id)
            if p.area_code
        ]
        reported = {
            p.id
            for p in mine
            if p.id
            and (latest := submissions.latest(session, package_id=p.id, period_key=key)) is not None
            and latest.status != submissions.RETURNED
        }
    if not mine:
        await show(update, texts.REPORT_NO_PACKAGES.format(year=view.year))
        return ConversationHandler.END
    markup, page, pages = paged(
        mine,
        page=page,
        make_button=lambda p: button(
            f"{'✅' if p.id in reported else '⬜'} {fit(p.nama_paket)}", f"lp:pkg:{key}:{p.id}"
        ),
        nav_data=lambda n: f"lp:per:{view.year}:{key}:{n}",
        extra_rows=[[button(texts.REPORT_BUTTON_TEMPLATE, f"lp:xt:{view.year}:{key}")]],
    )
    await show(
        update,
        texts.REPORT_CHOOSE_PACKAGE.format(
            period=_period_label(period, view.year), page=page, pages=pages
        ),
        markup,
    )
    return None


async def _begin(
    update: Update, context: Context, member: Member, key: str, package_id: int | None
) -> int | None:
    svc = services(context)
    package = _package(svc, package_id)
    year = None if package is None else year_of(svc, package.cycle_id)
    view = None if year is None else _reporting(svc, year)
    period = _find(view, key)
    if (
        view is None
        or view.plan is None
        or period is None
        or package is None
        or package.unit_id != member.unit_id
    ):
        await show(update, app_texts.STALE_BUTTON)
        return ConversationHandler.END
    plan = view.plan
    due = [i for i in indicators_due(plan, period) if i.area_code == package.area_code]
    if not due:
        await show(
            update,
            texts.REPORT_NOTHING_DUE.format(
                area=app_texts.esc(package.area_code or "-"),
                period=_period_label(period, view.year),
            ),
            InlineKeyboardMarkup(
                [[button(texts.REPORT_BUTTON_OTHER_PACKAGE, f"lp:per:{view.year}:{key}:1")]]
            ),
        )
        return None
    inputs: dict[str, list[str]] = {}
    for indicator in due:
        for item in indicator.inputs:
            inputs.setdefault(item.name, [item.name, item.label, item.kind.value])
    actions = [
        [a.indicator_code, a.number, a.activity] for i in due for a in plan.actions_of(i.code)
    ]
    assert context.user_data is not None
    context.user_data[DRAFT_KEY] = {
        "period": key,
        "package": package.id,
        "inputs": list(inputs.values()),
        "indicators": [i.code for i in due],
        "values": {},
        "actions": actions,
        "progress": {},
        "constraints": "",
        "evidence": [],
        "i": 0,
        "a": 0,
        "phase": "input",
        "group": "",
    }
    return await _ask_next(update, context, svc)


def _action_key(draft: dict[str, Any]) -> str:
    code, number, _ = draft["actions"][int(draft.get("a", 0))]
    return f"{code}/{number}"


async def _say(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """Reply to a typed answer with a new message; edit the message under a button."""
    if update.callback_query is not None:
        await show(update, text, markup)
    elif update.effective_message is not None:
        await update.effective_message.reply_text(text, reply_markup=markup)


async def _ask_next(update: Update, context: Context, svc: Services) -> int:
    """Ask whatever the draft still needs, from where it stopped."""
    draft = _draft(context)
    if _draft_period(svc, draft) is None:
        # Its cycle was closed (or its package or period is gone) while it was being filled.
        assert context.user_data is not None
        context.user_data.pop(DRAFT_KEY, None)
        await _say(update, texts.REPORT_DRAFT_GONE)
        return ConversationHandler.END
    phase = draft.get("phase", "input")
    if phase == "input":
        inputs = draft["inputs"]
        index = int(draft.get("i", 0))
        if index < len(inputs):
            name, label, kind = inputs[index]
            current = draft["values"].get(name)
            shown = ""
            if current is not None:
                shown = texts.REPORT_CURRENT.format(
                    value=app_texts.esc(format_input_value(InputKind(kind), _typed(kind, current)))
                )
            await _say(
                update,
                texts.REPORT_ASK_INPUT.format(
                    step=index + 1,
                    total=len(inputs),
                    label=app_texts.esc(label),
                    hint=app_texts.esc(input_prompt(InputKind(kind))),
                    current=shown,
                ),
            )
            return INPUT
        phase = draft["phase"] = "action_status"
    if phase in ("action_status", "action_note"):
        index = int(draft.get("a", 0))
        if index < len(draft["actions"]):
            draft["phase"] = "action_status"
            code, number, activity = draft["actions"][index]
            choices = [button(s.value, f"lp:st:{n}") for n, s in enumerate(STATUSES)]
            rows = [choices[:2], choices[2:]]  # two per row: readable on a small phone
            await _say(
                update,
                texts.REPORT_ASK_ACTION.format(
                    code=app_texts.esc(code), number=number, activity=app_texts.esc(activity)
                ),
                InlineKeyboardMarkup(rows),
            )
            return ACTION_STATUS
        phase = draft["phase"] = "constraints"
    if phase == "constraints":
        await _say(update, texts.REPORT_ASK_CONSTRAINTS)
        return CONSTRAINTS
    if phase == "evidence":
        await _say(
            update,
            texts.REPORT_ASK_EVIDENCE,
            InlineKeyboardMarkup([[button(texts.REPORT_BUTTON_DONE, "lp:done")]]),
        )
        return EVIDENCE
    await _say(
        update,
        _summary(svc, draft),
        InlineKeyboardMarkup(
            [
                [
                    button(texts.REPORT_BUTTON_SEND, "lp:send"),
                    button(texts.REPORT_BUTTON_EDIT, "lp:edit"),
                ]
            ]
        ),
    )
    return SUMMARY


def _typed(kind: str, stored: Any) -> Any:
    if InputKind(kind) is InputKind.TANGGAL:
        return date.fromisoformat(str(stored))
    return stored


def _summary(svc: Services, draft: dict[str, Any]) -> str:
    found = _draft_period(svc, draft)
    if found is None or found[0].plan is None:
        return app_texts.STALE_BUTTON
    view, period, package = found
    plan = found[0].plan
    values = draft["values"]
    lines = [
        texts.REPORT_SUMMARY_VALUE.format(
            label=app_texts.esc(label),
            value=app_texts.esc(format_input_value(InputKind(kind), _typed(kind, values[name]))),
        )
        for name, label, kind in draft["inputs"]
        if name in values
    ]
    numbers = {
        k: float(v)
        for k, v in values.items()
        if isinstance(v, int | float) and not isinstance(v, bool)
    }
    for code in draft.get("indicators", []):
        indicator = plan.indicator(code)
        if indicator is None:
            continue
        value = indicator_value(indicator, numbers)
        if value is not None:
            lines.append(
                texts.REPORT_SUMMARY_INDICATOR.format(
                    code=app_texts.esc(code),
                    value=format_number(round(value, 2)),
                    unit=app_texts.esc(indicator.unit),
                    target=format_number(indicator.annual_target),
                )
            )
    actions = [
        texts.REPORT_SUMMARY_ACTION.format(
            code=app_texts.esc(code),
            number=number,
            status=draft["progress"].get(f"{code}/{number}", ["-", ""])[0],
            note=f" — {app_texts.esc(draft['progress'][f'{code}/{number}'][1])}"
            if draft["progress"].get(f"{code}/{number}", ["", ""])[1]
            else "",
        )
        for code, number, _ in draft["actions"]
    ]
    late = is_late(svc.now(), period)
    return texts.REPORT_SUMMARY.format(
        package=app_texts.esc(package.nama_paket),
        period=_period_label(period, view.year),
        values="\n".join(lines) or "-",
        actions="\n".join(actions) or "-",
        constraints=app_texts.esc(draft.get("constraints") or "-"),
        evidence=len(draft.get("evidence", [])),
        late=texts.REPORT_LATE_NOTE if late else "",
    )


@members_only(Role.PJ)
async def typed(update: Update, context: Context, member: Member) -> int:
    """A typed answer: an input value, an action note, or the constraints."""
    assert update.effective_message is not None
    svc = services(context)
    draft = _draft(context)
    text = (update.effective_message.text or "").strip()
    phase = draft.get("phase")
    if not draft.get("package"):
        await update.effective_message.reply_text(app_texts.STALE_BUTTON)
        return ConversationHandler.END
    if phase == "input":
        name, _, kind = draft["inputs"][int(draft.get("i", 0))]
        found = _draft_period(svc, draft)
        period = None if found is None else found[1]
        try:
            value = parse_input_value(InputKind(kind), text, period=period)
        except ValueError as exc:
            await update.effective_message.reply_text(
                texts.REPORT_BAD_INPUT.format(reason=app_texts.esc_rule(exc))
            )
            return INPUT
        draft["values"][name] = value.isoformat() if isinstance(value, date) else value
        draft["i"] = int(draft.get("i", 0)) + 1
    elif phase == "action_note":
        key = _action_key(draft)
        status = draft["progress"].get(key, [ActionStatus.BELUM_MULAI.value, ""])[0]
        draft["progress"][key] = [status, "" if text == "-" else text[:500]]
        draft["a"] = int(draft.get("a", 0)) + 1
        draft["phase"] = "action_status"
    elif phase == "constraints":
        draft["constraints"] = "" if text == "-" else text[:2000]
        draft["phase"] = "evidence"
    else:
        return await _ask_next(update, context, svc)
    return await _ask_next(update, context, svc)


@members_only(Role.PJ)
async def evidence(update: Update, context: Context, member: Member) -> int:
    """Photos and PDFs as evidence; an album is one batch; size and type checked first."""
    message = update.effective_message
    assert message is not None
    svc = services(context)
    draft = _draft(context)
    if draft.get("phase") != "evidence":
        return await _ask_next(update, context, svc)
    if message.photo:
        item = message.photo[-1]
        file_id, size, mime, name = item.file_id, item.file_size or 0, "image/jpeg", "foto.jpg"
    elif message.document is not None:
        doc = message.document
        file_id, size, mime, name = (
            doc.file_id,
            doc.file_size or 0,
            doc.mime_type or "",
            doc.file_name or "bukti",
        )
    else:
        await message.reply_text(texts.REPORT_EVIDENCE_TYPE)
        return EVIDENCE
    if mime not in EVIDENCE_TYPES:
        await message.reply_text(texts.REPORT_EVIDENCE_TYPE)
        return EVIDENCE
    limit = TELEGRAM_DOWNLOAD_LIMIT if not svc.settings.telegram_api_base_url else 200 * 1024 * 1024
    if size > limit:
        await message.reply_text(
            texts.REPORT_EVIDENCE_TOO_BIG.format(
                size=f"{size / 1e6:.1f} MB", limit=f"{limit / 1e6:.0f} MB"
            )
        )
        return EVIDENCE
    content = bytes(await (await context.bot.get_file(file_id)).download_as_bytearray())
    package = _package(svc, int(draft["package"]))
    with svc.db.write() as session:
        document = archive.store(
            session,
            root=svc.archive_dir,
            content=content,
            meta=NewDocument(
                kind="bukti_dukung",
                file_name=name,
                mime_type=mime,
                cycle_id=None if package is None else package.cycle_id,
                step_no=12,
                unit_id=member.unit_id,
                telegram_file_id=file_id,
                uploaded_by_user_id=member.user_id,
            ),
            now=svc.now(),
        )
        document_id = document.id
    if document_id not in draft["evidence"]:
        draft["evidence"].append(document_id)
    group = message.media_group_id or ""
    if not group or group != draft.get("group"):
        await message.reply_text(texts.REPORT_EVIDENCE_SAVED.format(count=len(draft["evidence"])))
    draft["group"] = group
    return EVIDENCE


async def _send(update: Update, context: Context, member: Member, *, confirmed: bool) -> int:
    svc = services(context)
    draft = _draft(context)
    found = _draft_period(svc, draft)
    if found is None or found[2].id is None:
        await show(update, app_texts.STALE_BUTTON)
        return ConversationHandler.END
    view, period, package = found
    assert package.id is not None
    with svc.db.read() as session:
        previous = submissions.latest(session, package_id=package.id, period_key=period.key)
    # Fixing a returned report needs no extra question; replacing a waiting or accepted one does.
    if previous is not None and previous.status != submissions.RETURNED and not confirmed:
        markup = InlineKeyboardMarkup(
            [
                [
                    button(texts.REPORT_BUTTON_REVISION, "lp:rev"),
                    button(texts.REPORT_BUTTON_EDIT, "lp:edit"),
                ]
            ]
        )
        await show(
            update,
            texts.REPORT_CONFIRM_REVISION.format(
                revision=previous.revision,
                status=texts.REPORT_STATUS[previous.status],
            ),
            markup,
        )
        return CONFIRM_REVISION
    now = svc.now()
    late = is_late(now, period)
    actions = [
        {
            "indicator": code,
            "number": number,
            "status": draft["progress"].get(f"{code}/{number}", ["", ""])[0],
            "note": draft["progress"].get(f"{code}/{number}", ["", ""])[1],
        }
        for code, number, _ in draft["actions"]
    ]
    with svc.db.write() as session:
        owner = users.get_user(session, member.user_id)
        assert owner is not None
        submission = submissions.submit(
            session,
            cycle_id=package.cycle_id,
            package_id=package.id,
            period_key=period.key,
            values=dict(draft["values"]),
            actions=actions,
            constraints=str(draft.get("constraints", "")),
            evidence=[int(d) for d in draft.get("evidence", [])],
            via="chat",
            late=late,
            owner=owner,
            now=now,
        )
        revision = submission.revision
    assert context.user_data is not None
    context.user_data.pop(DRAFT_KEY, None)
    await show(
        update,
        texts.REPORT_SENT.format(
            revision=revision,
            period=_period_label(period, view.year),
            late=texts.REPORT_SENT_LATE if late else "",
        ),
        InlineKeyboardMarkup(
            [[button(texts.REPORT_BUTTON_NEXT_PACKAGE, f"lp:per:{view.year}:{period.key}:1")]]
        ),
    )
    return ConversationHandler.END


@members_only(Role.PJ)
async def cancel(update: Update, context: Context, member: Member) -> int:
    """/batal: stop for now; the draft stays for /lapor."""
    if update.effective_message is not None:
        await update.effective_message.reply_text(texts.REPORT_CANCELLED)
    return ConversationHandler.END


# --- the workbook route -----------------------------------------------------------------------


def _own_packages(svc: Services, member: Member, cycle_id: int | None) -> list[Package]:
    if cycle_id is None or member.unit_id is None:
        return []
    with svc.db.read() as session:
        return [
            p
            for p in packages.of_unit(session, cycle_id=cycle_id, unit_id=member.unit_id)
            if p.area_code
        ]


async def _send_template(
    update: Update, context: Context, member: Member, year: int | None, key: str
) -> int | None:
    """The Template Data Kinerja of the owner's unit and the period, pre-filled with packages."""
    svc = services(context)
    view = None if year is None else _reporting(svc, year)
    period = _find(view, key)
    if view is None or view.plan is None or period is None:
        await show(update, app_texts.STALE_BUTTON)
        return ConversationHandler.END
    plan = view.plan
    rows = [
        PackageRow(p.kode_rup, p.nama_paket, float(p.pagu), p.area_code)
        for p in _own_packages(svc, member, view.cycle_id)
    ]
    content = await asyncio.to_thread(
        performance_data_template,
        plan,
        unit_name=member.unit_name,
        period_label=period.label,
        packages=rows,
    )
    chat = update.effective_chat
    assert chat is not None and context.user_data is not None
    await context.bot.send_document(
        chat.id,
        document=InputFile(
            io.BytesIO(content), filename=f"data-kinerja-{view.year}-{period.key}.xlsx"
        ),
        caption=texts.REPORT_TEMPLATE_CAPTION.format(
            unit=app_texts.esc(member.unit_name or "-"), period=_period_label(period, view.year)
        ),
    )
    context.user_data[WORKBOOK_KEY] = {"year": view.year, "period": key}
    return AWAIT_WORKBOOK


def _pending_period(svc: Services, pending: object) -> tuple[CycleView, ReportingPeriod] | None:
    """The cycle and period a pending workbook upload is for."""
    if not isinstance(pending, dict) or not isinstance(pending.get("year"), int):
        return None
    view = _reporting(svc, int(pending["year"]))
    period = _find(view, str(pending.get("period", "")))
    if view is None or view.plan is None or period is None:
        return None
    return view, period


@members_only(Role.PJ)
async def receive_workbook(update: Update, context: Context, member: Member) -> int:
    """A filled Template Data Kinerja: row problems, or a summary to send."""
    message = update.effective_message
    assert message is not None and context.user_data is not None
    pending = context.user_data.get(WORKBOOK_KEY)
    doc = message.document
    svc = services(context)
    found = _pending_period(svc, pending)
    if found is None or found[0].plan is None:
        await message.reply_text(app_texts.STALE_BUTTON)
        return ConversationHandler.END
    view, period = found
    plan = found[0].plan
    if doc is None or not (doc.file_name or "").lower().endswith(".xlsx"):
        await message.reply_text(app_texts.PLAN_UPLOAD_NOT_XLSX)
        return AWAIT_WORKBOOK
    if doc.file_size is not None and doc.file_size > MAX_WORKBOOK_BYTES:
        await message.reply_text(
            app_texts.PLAN_UPLOAD_TOO_BIG.format(
                size=f"{doc.file_size / 1e6:.1f} MB", limit=f"{MAX_WORKBOOK_BYTES / 1e6:.0f} MB"
            )
        )
        return AWAIT_WORKBOOK
    progress = await message.reply_text(app_texts.PLAN_UPLOAD_CHECKING)
    content = bytes(await (await doc.get_file()).download_as_bytearray())
    known = {p.kode_rup for p in _own_packages(svc, member, view.cycle_id)}
    result = await asyncio.to_thread(
        read_data_template,
        content,
        plan=plan,
        period=period,
        unit_name=member.unit_name or "",
        known_kode_rup=known,
    )
    if isinstance(result, list):
        lines, more = problem_lines(result)
        await progress.edit_text(
            texts.REPORT_WORKBOOK_PROBLEMS.format(count=len(result), lines=lines, more=more)
        )
        return AWAIT_WORKBOOK
    filled = [p for p in result.packages if p.values]
    if not filled:
        await progress.edit_text(texts.REPORT_WORKBOOK_EMPTY)
        return AWAIT_WORKBOOK
    token = archive.hold(svc.archive_dir, content)
    context.user_data[WORKBOOK_KEY] = {"year": view.year, "period": period.key, "token": token}
    markup = InlineKeyboardMarkup(
        [
            [
                button(texts.REPORT_BUTTON_SEND, "lp:wk:ok"),
                button(app_texts.PLAN_BUTTON_DISCARD, "lp:wk:no"),
            ]
        ]
    )
    await progress.edit_text(
        texts.REPORT_WORKBOOK_SUMMARY.format(
            packages=len(filled),
            actions=len(result.actions),
            constraints=len(result.constraints),
            period=_period_label(period, view.year),
            late=texts.REPORT_LATE_NOTE if is_late(svc.now(), period) else "",
        ),
        reply_markup=markup,
    )
    return CONFIRM_WORKBOOK


async def _decide_workbook(update: Update, context: Context, member: Member, *, send: bool) -> int:
    svc = services(context)
    assert context.user_data is not None
    pending = context.user_data.pop(WORKBOOK_KEY, None)
    token = str(pending.get("token", "")) if isinstance(pending, dict) else ""
    held = archive.held(svc.archive_dir, token)
    archive.release(svc.archive_dir, token)
    if not send or held is None:
        await show(update, app_texts.PLAN_DISCARDED if not send else app_texts.PLAN_PENDING_GONE)
        return ConversationHandler.END
    content = held
    found = _pending_period(svc, pending)
    if found is None or found[0].plan is None:
        await show(update, app_texts.PLAN_PENDING_GONE)
        return ConversationHandler.END
    view, period = found
    plan = found[0].plan
    own = {p.kode_rup: p for p in _own_packages(svc, member, view.cycle_id)}
    result = (
        None
        if period is None
        else await asyncio.to_thread(
            read_data_template,
            content,
            plan=plan,
            period=period,
            unit_name=member.unit_name or "",
            known_kode_rup=set(own),
        )
    )
    if period is None or result is None or isinstance(result, list):
        await show(update, app_texts.PLAN_PENDING_GONE)
        return ConversationHandler.END
    now = svc.now()
    late = is_late(now, period)
    actions = [
        {
            "indicator": a.indicator_code,
            "number": a.number,
            "status": a.status.value,
            "note": a.note,
        }
        for a in result.actions
    ]
    constraints = "; ".join(" — ".join(part for part in c if part) for c in result.constraints)
    count = 0
    with svc.db.write() as session:
        owner = users.get_user(session, member.user_id)
        assert owner is not None
        document = archive.store(
            session,
            root=svc.archive_dir,
            content=content,
            meta=NewDocument(
                kind="data_kinerja_xlsx",
                file_name=f"data-kinerja-{view.year}-{period.key}.xlsx",
                mime_type=XLSX_MIME,
                cycle_id=view.cycle_id,
                step_no=12,
                unit_id=member.unit_id,
                uploaded_by_user_id=member.user_id,
            ),
            now=now,
        )
        for report in result.packages:
            package = own.get(report.kode_rup)
            if not report.values or package is None or package.id is None:
                continue
            values = {
                k: v.isoformat() if isinstance(v, date) else v for k, v in report.values.items()
            }
            submissions.submit(
                session,
                cycle_id=package.cycle_id,
                package_id=package.id,
                period_key=period.key,
                values=values,
                actions=actions,
                constraints=constraints,
                evidence=[] if document.id is None else [document.id],
                via="workbook",
                late=late,
                owner=owner,
                now=now,
            )
            count += 1
    await show(
        update,
        texts.REPORT_WORKBOOK_SENT.format(
            count=count,
            period=_period_label(period, view.year),
            late=texts.REPORT_SENT_LATE if late else "",
        ),
    )
    return ConversationHandler.END


# --- verification ------------------------------------------------------------------------------


def _shown_value(item: FormulaInput | None, value: Any) -> str:
    """A stored value as people read it; as stored when its input is unknown or the value
    does not fit the input's kind (the plan changed since)."""
    if item is not None:
        try:
            return format_input_value(item.kind, _typed(item.kind.value, value))
        except (TypeError, ValueError):
            pass
    if isinstance(value, int | float) and not isinstance(value, bool):
        return format_number(float(value))
    return str(value)


def _submission_period(svc: Services, submission: Submission) -> str:
    """The submission's period named with its year."""
    year = year_of(svc, submission.cycle_id)
    view = None if year is None else cycle(svc, year)
    period = _find(view, submission.period_key)
    label = (
        _period_label(period, view.year)
        if period is not None and view is not None
        else texts.PERIOD_UNKNOWN
    )
    return label


def _card(
    svc: Services, submission: Submission, position: int, count: int
) -> tuple[str, InlineKeyboardMarkup]:
    period_label = _submission_period(svc, submission)
    with svc.db.read() as session:
        package = session.get(Package, submission.package_id)
        unit = (
            None
            if package is None or package.unit_id is None
            else session.get(Unit, package.unit_id)
        )
        owner = (
            None
            if submission.submitted_by_user_id is None
            else users.get_user(session, submission.submitted_by_user_id)
        )
    values = json.loads(submission.values_json)
    with svc.db.read() as session:
        inputs = plans.inputs_of_cycle(session, cycle_id=submission.cycle_id)
    lines = []
    for name, value in values.items():
        item = inputs.get(name)
        lines.append(
            texts.REPORT_SUMMARY_VALUE.format(
                label=app_texts.esc(item.label if item else name.replace("_", " ")),
                value=app_texts.esc(_shown_value(item, value)),
            )
        )
    actions = [
        texts.REPORT_SUMMARY_ACTION.format(
            code=app_texts.esc(a["indicator"]),
            number=a["number"],
            status=a["status"] or "-",
            note=f" — {app_texts.esc(a['note'])}" if a.get("note") else "",
        )
        for a in json.loads(submission.actions_json)
    ]
    text = texts.VERIFY_CARD.format(
        position=position,
        count=count,
        package=app_texts.esc(package.nama_paket if package else "-"),
        unit=app_texts.esc(unit.name if unit else "-"),
        period=period_label,
        revision=submission.revision,
        late=texts.VERIFY_LATE if submission.late else "",
        owner=app_texts.esc(owner.full_name if owner else "-"),
        when=format_datetime(submission.submitted_at, svc.profile.timezone),
        values="\n".join(lines) or "-",
        actions="\n".join(actions) or "-",
        constraints=app_texts.esc(submission.constraints or "-"),
        evidence=len(json.loads(submission.evidence_json)),
    )
    rows = [
        [
            button(texts.VERIFY_BUTTON_ACCEPT, f"vf:ok:{submission.id}"),
            button(texts.VERIFY_BUTTON_RETURN, f"vf:no:{submission.id}"),
        ],
        [button(texts.VERIFY_BUTTON_EVIDENCE, f"vf:ev:{submission.id}")],
    ]
    if count > 1:
        rows.append([button(texts.VERIFY_BUTTON_NEXT, f"vf:nx:{position % count + 1}")])
    return text, InlineKeyboardMarkup(rows)


async def _show_queue(update: Update, svc: Services, position: int, note: str = "") -> None:
    """The reports waiting for verification in every open cycle, oldest first."""
    cycle_ids = [v.cycle_id for v in visible_cycles(svc) if v.cycle_id is not None]
    with svc.db.read() as session:
        waiting = sorted(
            (s for cycle_id in cycle_ids for s in submissions.queue(session, cycle_id=cycle_id)),
            key=lambda s: (s.submitted_at, s.id or 0),
        )
    if not waiting:
        await show(update, f"{note}\n\n{texts.VERIFY_EMPTY}" if note else texts.VERIFY_EMPTY)
        return
    position = min(max(position, 1), len(waiting))
    text, markup = _card(svc, waiting[position - 1], position, len(waiting))
    await show(update, f"{note}\n\n{text}" if note else text, markup)


@members_only(*TEAM)
async def verify_queue(update: Update, context: Context, member: Member) -> int | None:
    """/verifikasi and its buttons: accept, return (asks a note), evidence, next."""
    await answer(update)
    svc = services(context)
    parts = callback_parts(update.callback_query.data if update.callback_query else None, "vf")
    if not parts:
        await _show_queue(update, svc, 1)
        return ConversationHandler.END
    action, ident = parts[0], int_or_none(parts[1]) if len(parts) > 1 else None
    if action == "nx":
        await _show_queue(update, svc, ident or 1)
        return None
    with svc.db.read() as session:
        submission = None if ident is None else session.get(Submission, ident)
    if submission is None or submission.status != submissions.SUBMITTED:
        await _show_queue(update, svc, 1, texts.VERIFY_GONE)
        return ConversationHandler.END
    if action == "ev":
        chat = update.effective_chat
        assert chat is not None
        with svc.db.read() as session:
            docs = [session.get(Document, d) for d in json.loads(submission.evidence_json)]
        for doc in docs:
            if doc is not None:
                await context.bot.send_document(
                    chat.id,
                    document=doc.telegram_file_id
                    or archive.path_of(svc.archive_dir, doc).read_bytes(),
                    filename=doc.file_name,
                )
        return None
    if action == "ok":
        await _decide(update, context, member, submission.id or 0, accept=True, note="")
        return ConversationHandler.END
    if action == "no":
        assert context.user_data is not None
        context.user_data[VERIFY_KEY] = submission.id
        chat = update.effective_chat
        assert chat is not None
        await context.bot.send_message(chat.id, texts.VERIFY_ASK_NOTE)
        return VERIFY_NOTE
    return None


async def _decide(
    update: Update, context: Context, member: Member, submission_id: int, *, accept: bool, note: str
) -> None:
    svc = services(context)
    with svc.db.write() as session:
        verifier = users.get_user(session, member.user_id)
        assert verifier is not None
        done = submissions.verify(
            session,
            submission_id=submission_id,
            accept=accept,
            note=note,
            verifier=verifier,
            now=svc.now(),
        )
        package = None if done is None else session.get(Package, done.package_id)
        owner = (
            None
            if done is None or done.submitted_by_user_id is None
            else users.get_user(session, done.submitted_by_user_id)
        )
    if done is None:
        await _show_queue(update, svc, 1, texts.VERIFY_GONE)
        return
    period_label = _submission_period(svc, done)
    if owner is not None and owner.active:
        template = texts.VERIFY_OWNER_ACCEPTED if accept else texts.VERIFY_OWNER_RETURNED
        await context.bot.send_message(
            owner.telegram_id,
            template.format(
                package=app_texts.esc(package.nama_paket if package else "-"),
                period=period_label,
                note=app_texts.esc(note),
            ),
        )
    await _show_queue(update, svc, 1, texts.VERIFY_ACCEPTED if accept else texts.VERIFY_RETURNED)


@members_only(*TEAM)
async def verify_note(update: Update, context: Context, member: Member) -> int:
    """The note a returned report needs."""
    assert update.effective_message is not None and context.user_data is not None
    text = " ".join((update.effective_message.text or "").split())
    if not 3 <= len(text) <= 1000:
        await update.effective_message.reply_text(app_texts.APPROVAL_COMMENT_TOO_SHORT)
        return VERIFY_NOTE
    submission_id = context.user_data.pop(VERIFY_KEY, None)
    if not isinstance(submission_id, int):
        await update.effective_message.reply_text(app_texts.STALE_BUTTON)
        return ConversationHandler.END
    await _decide(update, context, member, submission_id, accept=False, note=text)
    return ConversationHandler.END


@members_only(*TEAM)
async def verify_cancel(update: Update, context: Context, member: Member) -> int:
    """/batal while writing a return note."""
    if context.user_data is not None:
        context.user_data.pop(VERIFY_KEY, None)
    if update.effective_message is not None:
        await update.effective_message.reply_text(app_texts.CANCELLED)
    return ConversationHandler.END


async def open_step(update: Update, context: Context, member: Member, step: int, year: int) -> bool:
    """Steps 11-12: the owner's report (any open cycle); the team sees the step's card."""
    if member.role is not Role.PJ:
        return False
    await start_report(update, context)
    return True


STEP_OPENERS = {"lapor": open_step}
_TEXT = filters.TEXT & ~filters.COMMAND


def handlers() -> list[BaseHandler[Update, Context, Any]]:
    """This feature's handlers, fresh for each application."""
    buttons: list[BaseHandler[Update, Context, Any]] = [
        CallbackQueryHandler(report_buttons, pattern=r"^lp:")
    ]
    report = conversation_handler(
        entry_points=[CommandHandler("lapor", start_report), *buttons],
        states={
            INPUT: [MessageHandler(_TEXT, typed), *buttons],
            ACTION_STATUS: [MessageHandler(_TEXT, typed), *buttons],
            ACTION_NOTE: [MessageHandler(_TEXT, typed), *buttons],
            CONSTRAINTS: [MessageHandler(_TEXT, typed), *buttons],
            EVIDENCE: [MessageHandler(filters.PHOTO | filters.Document.ALL, evidence), *buttons],
            SUMMARY: list(buttons),
            CONFIRM_REVISION: list(buttons),
            AWAIT_WORKBOOK: [MessageHandler(filters.Document.ALL, receive_workbook), *buttons],
            CONFIRM_WORKBOOK: list(buttons),
        },
        fallbacks=[CommandHandler("batal", cancel)],
        name="lapor",
    )
    verify = conversation_handler(
        entry_points=[
            CommandHandler("verifikasi", verify_queue),
            CallbackQueryHandler(verify_queue, pattern=r"^vf:"),
        ],
        states={
            VERIFY_NOTE: [
                MessageHandler(_TEXT, verify_note),
                CallbackQueryHandler(verify_queue, pattern=r"^vf:"),
            ]
        },
        fallbacks=[CommandHandler("batal", verify_cancel)],
        name="verifikasi",
    )
    return [
        report,
        verify,
        CommandHandler("jadwal", schedule),
        CallbackQueryHandler(close_cycle, pattern=r"^cyc:"),
    ]
