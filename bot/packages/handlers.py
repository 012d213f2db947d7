"""/paket (SOP step 10): the team imports the SIRUP export and matches satuan kerja to units;
owners (and the team) map each package to a strategic area; everyone sees the coverage."""

from __future__ import annotations

import asyncio
import hashlib
import io
import re
from collections.abc import Iterable
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
from bot.core.dates import format_rupiah
from bot.core.labels import fit, room_left, unit_label
from bot.core.roles import Role
from bot.packages import texts
from bot.packages.import_plan import ImportPlan, export_year, rows_of_year
from bot.packages.mapping_workbook import MappingRow, mapping_workbook, read_mapping_workbook
from bot.packages.sirup import (
    MAX_SIRUP_BYTES,
    SirupError,
    SirupImport,
    match_units,
    read_sirup,
)
from bot.planning.documents.workbook import MAX_WORKBOOK_BYTES
from bot.planning.handlers import problem_lines
from bot.planning.rules.model import Plan
from bot.services import Services
from bot.sop.cycles import (
    cycle_id_of,
    default_working_year,
    plannable_years,
    visible_cycles,
    year_of,
)
from bot.sop.steps import StepState
from bot.ui.chat import answer, button, conversation_handler, paged, show
from storage import archive, cycles, packages, plans, units, users
from storage.models import Cycle, Package

AWAIT_FILE, CONFIRM, AWAIT_SHEET, CONFIRM_SHEET = range(4)
TEAM = (Role.KEPALA, Role.TIM)
PENDING_KEY = "paket_unggahan"
SHEET_KEY = "paket_pemetaan"
SHEET_YEAR_KEY = "paket_pemetaan_tahun"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PREVIEW_UNITS = 12
PREVIEW_SKIPPED = 10


YEAR_KEY = "paket_tahun"


def _years(svc: Services) -> tuple[int, ...]:
    """The years /paket can show: every open cycle and the default one."""
    return tuple(sorted({v.year for v in visible_cycles(svc)} | {default_working_year(svc)}))


def _year(svc: Services, context: Context) -> int:
    """The cycle whose packages /paket shows: the one the person chose while it is open,
    else the newest with an approved plan (packages are mapped to its strategic areas),
    else the year being planned."""
    chosen = context.user_data.get(YEAR_KEY) if context.user_data is not None else None
    if isinstance(chosen, int) and chosen in _years(svc):
        return chosen
    return default_working_year(svc)


# Buttons that act on a year's packages end with ":t<year>", so an older message keeps acting
# on the year it showed, whatever the person opened since.
_YEAR_TAG = re.compile(r"^t(\d{4})$")


def _data(update: Update) -> str | None:
    return update.callback_query.data if update.callback_query else None


def _parts(update: Update) -> list[str]:
    """The parts of a package button after ``pkt``, without its year tag."""
    parts = callback_parts(_data(update), "pkt")
    return parts[:-1] if parts and _YEAR_TAG.match(parts[-1]) else parts


def _tagged(year: int) -> str:
    return f"t{year}"


def _button_year(update: Update, svc: Services, context: Context) -> int | None:
    """The year a button names (remembered as the person's choice), else the chosen one;
    None when the button names a year that is no longer open."""
    parts = callback_parts(_data(update), "pkt")
    tag = _YEAR_TAG.match(parts[-1]) if parts else None
    if tag is None:
        return _year(svc, context)
    year = int(tag.group(1))
    if year not in _years(svc):
        return None
    if context.user_data is not None:
        context.user_data[YEAR_KEY] = year
    return year


def _plan_for_mapping(svc: Services, year: int) -> Plan:
    """The plan packages are mapped against: the approved one (what /lapor reports on), or
    the plan being drafted while none is approved yet."""
    with svc.db.read() as session:
        approved = plans.approved_plan(session, year=year)
        return approved if approved is not None else plans.current_plan(session, year=year)[1]


def _year_row(svc: Services, year: int) -> list[list[InlineKeyboardButton]]:
    """Buttons to the packages of the other open years (none when only one is open)."""
    others = [y for y in _years(svc) if y != year]
    if not others:
        return []
    return [[button(texts.PKG_BUTTON_YEAR_SWITCH.format(year=y), f"pkt:y:{y}") for y in others]]


def _hash(name: str) -> str:
    return hashlib.sha1(packages.name_key(name).encode()).hexdigest()[:10]


def _menu(svc: Services, member: Member, year: int) -> tuple[str, InlineKeyboardMarkup]:
    cycle_id = cycle_id_of(svc, year)
    rows: list[list[InlineKeyboardButton]] = []
    all_packages: list[Package] = []
    unmatched: list[str] = []
    if cycle_id is not None:
        with svc.db.read() as session:
            all_packages = packages.all_of_cycle(session, cycle_id=cycle_id)
            unmatched = packages.unmatched_names(session, cycle_id=cycle_id)
    if not all_packages:
        text = texts.PKG_MENU_EMPTY.format(year=year)
    else:
        text = texts.PKG_MENU.format(
            year=year,
            count=len(all_packages),
            pagu=format_rupiah(sum(p.pagu for p in all_packages)),
            mapped=sum(1 for p in all_packages if p.area_code),
            unmatched=texts.PKG_UNMATCHED.format(count=len(unmatched)) if unmatched else "",
        )
        rows.append([button(texts.PKG_BUTTON_COVERAGE, f"pkt:cov:{_tagged(year)}")])
    if unmatched:
        rows.append([button(texts.PKG_BUTTON_MATCH, f"pkt:um:{_tagged(year)}")])
    if all_packages:
        rows.append([button(texts.PKG_BUTTON_SHEET, f"pkt:mx:{_tagged(year)}")])
        rows.append([button(texts.PKG_BUTTON_SHEET_UPLOAD, f"pkt:mu:{_tagged(year)}")])
    rows.append([button(texts.PKG_BUTTON_UPLOAD, "pkt:up")])
    rows.extend(_year_row(svc, year))
    return text, InlineKeyboardMarkup(rows)


@members_only()
async def package_menu(update: Update, context: Context, member: Member) -> int:
    """/paket: the team's import and coverage menu; an owner's own packages."""
    await answer(update)
    svc = services(context)
    parts = callback_parts(update.callback_query.data if update.callback_query else None, "pkt")
    if parts[:1] == ["y"] and len(parts) == 2 and context.user_data is not None:
        chosen = int_or_none(parts[1])
        if chosen not in _years(svc):
            await show(update, app_texts.STALE_BUTTON)
            return ConversationHandler.END
        context.user_data[YEAR_KEY] = chosen
    year = _year(svc, context)
    if member.role is Role.PJ:
        await _unit_packages(update, svc, member, member.unit_id, 1, year)
        return ConversationHandler.END
    text, markup = _menu(svc, member, year)
    await show(update, text, markup)
    return ConversationHandler.END


async def open_step(update: Update, context: Context, member: Member, step: int, year: int) -> bool:
    """Step 10 in /tugas: that year's package menu, or an owner's own packages of that year."""
    if context.user_data is not None and year in _years(services(context)):
        context.user_data[YEAR_KEY] = year
    await package_menu(update, context)
    return True


# --- the SIRUP upload --------------------------------------------------------------------------


@members_only(*TEAM)
async def ask_upload(update: Update, context: Context, member: Member) -> int:
    """The upload button."""
    await answer(update)
    await show(update, texts.PKG_ASK_UPLOAD)
    return AWAIT_FILE


def _known_units(svc: Services) -> dict[int, tuple[str, str]]:
    with svc.db.read() as session:
        return {u.id: (u.name, u.short_name) for u in units.list_units(session) if u.id}


def _unit_ids(svc: Services, names: list[str]) -> dict[str, int | None]:
    matched = match_units(names, _known_units(svc))
    with svc.db.read() as session:
        remembered = packages.aliases(session)
    return {name: matched.get(name) or remembered.get(packages.name_key(name)) for name in names}


def _import_plan(svc: Services, result: SirupImport, year: int) -> ImportPlan:
    """What saving ``result`` into ``year`` would change (the same rule the save follows)."""
    rows, other_year = rows_of_year(result, year)
    with svc.db.read() as session:
        return packages.preview(
            session,
            cycle_id=cycle_id_of(svc, year),
            rows=rows,
            columns=result.columns,
            unit_ids=_unit_ids(svc, result.units()),
            other_year=other_year,
        )


def _field_names(names: Iterable[str]) -> str:
    return ", ".join(texts.PKG_FIELD_LABELS[name] for name in names)


def _changes(plan: ImportPlan) -> str:
    """New, updated (which fields), unchanged; fields kept because the export lacks them."""
    text = texts.PKG_PREVIEW_CHANGES.format(
        new=plan.new, updated=plan.updated, unchanged=plan.unchanged
    )
    if plan.field_counts:
        text += texts.PKG_PREVIEW_FIELDS.format(
            fields=", ".join(
                texts.PKG_PREVIEW_FIELD.format(field=texts.PKG_FIELD_LABELS[name], count=count)
                for name, count in plan.field_counts.items()
            )
        )
    if plan.kept:
        text += texts.PKG_PREVIEW_KEPT.format(fields=_field_names(plan.kept))
    if plan.other_year:
        text += texts.PKG_PREVIEW_OTHER_YEAR.format(count=plan.other_year)
    return text


def _preview(svc: Services, result: SirupImport, year: int, current: int) -> str:
    """What the import will do, before Simpan; ``current`` is the year /paket shows now."""
    rows, _ = rows_of_year(result, year)
    unit_ids = _unit_ids(svc, result.units())
    per_unit: dict[str, tuple[int, int]] = {}
    for row in sorted(rows, key=lambda r: (r.satuan_kerja.casefold(), r.satuan_kerja)):
        count, pagu = per_unit.get(row.satuan_kerja, (0, 0))
        per_unit[row.satuan_kerja] = (count + 1, pagu + row.pagu)
    lines = []
    for name, (count, pagu) in list(per_unit.items())[:PREVIEW_UNITS]:
        mark = "" if unit_ids.get(name) else " ❓"
        lines.append(
            texts.PKG_PREVIEW_UNIT.format(
                unit=app_texts.esc(name), count=count, pagu=format_rupiah(pagu), mark=mark
            )
        )
    more = len(per_unit) - PREVIEW_UNITS
    if more > 0:
        lines.append(texts.PKG_PREVIEW_MORE.format(count=more))
    skipped = ""
    if result.skipped:
        skipped = texts.PKG_PREVIEW_SKIPPED.format(
            count=len(result.skipped),
            lines="\n".join(
                texts.PKG_PREVIEW_SKIPPED_LINE.format(row=s.row, reason=app_texts.esc(s.reason))
                for s in result.skipped[:PREVIEW_SKIPPED]
            ),
        )
    unknown = sum(1 for name in per_unit if not unit_ids.get(name))
    return texts.PKG_PREVIEW.format(
        style=result.header_style,
        header=result.header_row,
        year=year,
        year_note="" if year == current else texts.PKG_PREVIEW_NOT_CURRENT.format(current=current),
        count=len(rows),
        pagu=format_rupiah(sum(p.pagu for p in rows)),
        units="\n".join(lines),
        skipped=skipped,
        unknown=texts.PKG_PREVIEW_UNKNOWN.format(count=unknown) if unknown else "",
        changes=_changes(_import_plan(svc, result, year)),
    )


def _confirm_markup() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                button(app_texts.PLAN_BUTTON_SAVE, "pkt:ok"),
                button(app_texts.PLAN_BUTTON_DISCARD, "pkt:no"),
            ]
        ]
    )


def _year_question(svc: Services, result: SirupImport) -> tuple[str, InlineKeyboardMarkup]:
    """Which year, for an export without one (a display export) or with several."""
    choice = export_year(result)
    reason = (
        texts.PKG_YEAR_MIXED.format(years=", ".join(str(y) for y in choice.years_found))
        if len(choice.years_found) > 1 or (choice.years_found and choice.undated)
        else texts.PKG_YEAR_MISSING
    )
    markup = InlineKeyboardMarkup(
        [
            [
                button(texts.PKG_BUTTON_YEAR.format(year=year), f"pkt:yr:{year}")
                for year in _import_years(svc)
            ],
            [button(app_texts.PLAN_BUTTON_DISCARD, "pkt:no")],
        ]
    )
    return texts.PKG_ASK_YEAR.format(count=len(result.packages), reason=reason), markup


@members_only(*TEAM)
async def receive_file(update: Update, context: Context, member: Member) -> int:
    """The SIRUP export: refused when too big, read and checked; its year (asked when the
    file does not say one) and a preview of the changes to confirm."""
    message = update.effective_message
    assert message is not None and context.user_data is not None
    doc = message.document
    if doc is None:
        await message.reply_text(texts.PKG_ASK_UPLOAD)
        return AWAIT_FILE
    if doc.file_size is not None and doc.file_size > MAX_SIRUP_BYTES:
        await message.reply_text(
            texts.PKG_UPLOAD_TOO_BIG.format(
                size=f"{doc.file_size / 1e6:.1f} MB", limit=f"{MAX_SIRUP_BYTES / 1e6:.0f} MB"
            )
        )
        return AWAIT_FILE
    progress = await message.reply_text(app_texts.PLAN_UPLOAD_CHECKING)
    content = bytes(await (await doc.get_file()).download_as_bytearray())
    name = doc.file_name or "sirup.xlsx"
    result = await asyncio.to_thread(read_sirup, content, name)
    if isinstance(result, SirupError):
        hint = f" ({app_texts.esc_rule(result.hint)})" if result.hint else ""
        await progress.edit_text(
            texts.PKG_UPLOAD_ERROR.format(message=app_texts.esc_rule(result.message), hint=hint)
        )
        return AWAIT_FILE
    svc = services(context)
    year = export_year(result).year
    if year is not None and year not in _import_years(svc):
        # A wrong file (an old year, a year far ahead, a closed cycle) must not make a cycle.
        await progress.edit_text(
            texts.PKG_YEAR_NOT_OPEN.format(
                year=year, years=", ".join(str(y) for y in _import_years(svc))
            )
        )
        return AWAIT_FILE
    token = archive.hold(svc.archive_dir, content)
    context.user_data[PENDING_KEY] = {"token": token, "name": name, "year": year}
    if year is None:
        text, markup = _year_question(svc, result)
        await progress.edit_text(text, reply_markup=markup)
        return CONFIRM
    await progress.edit_text(
        _preview(svc, result, year, _year(svc, context)), reply_markup=_confirm_markup()
    )
    return CONFIRM


def _import_years(svc: Services) -> tuple[int, ...]:
    """The years packages can be imported into: this year, next year and every open cycle
    (in January last year's is still open), never a closed one."""
    return plannable_years(svc)


async def _held_import(svc: Services, pending: dict[str, Any]) -> SirupImport | None:
    content = archive.held(svc.archive_dir, str(pending.get("token", "")))
    if content is None:
        return None
    result = await asyncio.to_thread(read_sirup, content, str(pending.get("name", "")))
    return None if isinstance(result, SirupError) else result


@members_only(*TEAM)
async def decide(update: Update, context: Context, member: Member) -> int:
    """The year buttons, then Simpan / Batal under the preview."""
    await answer(update)
    assert context.user_data is not None
    parts = callback_parts(update.callback_query.data if update.callback_query else None, "pkt")
    pending = context.user_data.get(PENDING_KEY)
    svc = services(context)
    if not isinstance(pending, dict):
        await show(update, app_texts.PLAN_PENDING_GONE)
        return ConversationHandler.END
    if parts[:1] == ["yr"]:
        year = int_or_none(parts[1]) if len(parts) > 1 else None
        result = await _held_import(svc, pending)
        if year not in _import_years(svc) or result is None:
            await show(update, app_texts.PLAN_PENDING_GONE)
            return ConversationHandler.END
        assert year is not None
        pending["year"] = year
        await show(update, _preview(svc, result, year, _year(svc, context)), _confirm_markup())
        return CONFIRM
    context.user_data.pop(PENDING_KEY, None)
    token = str(pending.get("token", ""))
    result = await _held_import(svc, pending) if parts[:1] == ["ok"] else None
    archive.release(svc.archive_dir, token)
    year = pending.get("year")
    if parts[:1] != ["ok"]:
        menu = InlineKeyboardMarkup([[button(texts.PKG_BUTTON_MENU, "pkt:menu")]])
        await show(update, texts.PKG_DISCARDED, menu)
        return ConversationHandler.END
    if result is None or not isinstance(year, int):
        await show(update, app_texts.PLAN_PENDING_GONE)
        return ConversationHandler.END
    rows, _ = rows_of_year(result, year)
    if year not in _import_years(svc):  # closed since the preview
        await show(update, app_texts.PLAN_PENDING_GONE)
        return ConversationHandler.END
    unit_ids = _unit_ids(svc, result.units())
    with svc.db.write() as session:
        cycle_id = cycles.get_or_create_cycle(session, year=year, now=svc.now()).id
        assert cycle_id is not None
        actor = users.get_user(session, member.user_id)
        counts = packages.upsert(
            session,
            cycle_id=cycle_id,
            rows=rows,
            unit_ids=unit_ids,
            actor=actor,
            now=svc.now(),
            columns=result.columns,
        )
    _sync_step(svc, cycle_id, member.user_id)
    # The menu now shows the year just imported.
    context.user_data[YEAR_KEY] = year
    text, markup = _menu(svc, member, year)
    saved = texts.PKG_SAVED.format(
        year=year, added=counts.added, updated=counts.updated, unchanged=counts.unchanged
    )
    await show(update, f"{saved}\n\n{text}", markup)
    return ConversationHandler.END


def _sync_step(svc: Services, cycle_id: int, actor_id: int) -> None:
    """Step 10 is done when every package has a strategic area."""
    with svc.db.write() as session:
        all_packages = packages.all_of_cycle(session, cycle_id=cycle_id)
        lacking = sum(1 for p in all_packages if not p.area_code)
        state = StepState.SELESAI if all_packages and not lacking else StepState.BERJALAN
        note = "" if state is StepState.SELESAI else texts.PKG_STEP_NOTE.format(count=lacking)
        row = cycles.step_rows(session, cycle_id=cycle_id).get(10)
        if row is not None and row.state == state.value and row.note == note:
            return
        actor = users.get_user(session, actor_id)
        cycles.set_step_state(
            session,
            cycle_id=cycle_id,
            step_no=10,
            state=state,
            actor=actor,
            now=svc.now(),
            note=note,
        )


# --- the team's mapping sheet ------------------------------------------------------------------


def _mapping_rows(svc: Services, year: int) -> list[MappingRow]:
    cycle_id = cycle_id_of(svc, year)
    if cycle_id is None:
        return []
    with svc.db.read() as session:
        items = packages.all_of_cycle(session, cycle_id=cycle_id)
    return [
        MappingRow(p.kode_rup, p.nama_paket, p.satuan_kerja, p.pagu, p.metode, p.area_code)
        for p in items
    ]


@members_only(*TEAM)
async def sheet_buttons(update: Update, context: Context, member: Member) -> int | None:
    """Download the mapping sheet, or wait for a filled one."""
    await answer(update)
    parts = _parts(update)
    svc = services(context)
    year = _button_year(update, svc, context)
    if year is None:
        await show(update, app_texts.STALE_BUTTON)
        return ConversationHandler.END
    assert context.user_data is not None
    context.user_data[SHEET_YEAR_KEY] = year
    if parts[:1] == ["mu"]:
        await show(update, texts.PKG_ASK_SHEET.format(year=year))
        return AWAIT_SHEET
    plan = _plan_for_mapping(svc, year)
    content = await asyncio.to_thread(
        mapping_workbook, _mapping_rows(svc, year), plan, title=svc.profile.unit_name
    )
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_document(
        chat.id,
        document=InputFile(io.BytesIO(content), filename=f"pemetaan-paket-{year}.xlsx"),
        caption=texts.PKG_SHEET_CAPTION.format(year=year),
    )
    return AWAIT_SHEET


@members_only(*TEAM)
async def receive_sheet(update: Update, context: Context, member: Member) -> int:
    """A filled mapping sheet: problems, or the changes to confirm."""
    message = update.effective_message
    assert message is not None and context.user_data is not None
    doc = message.document
    if doc is None or not (doc.file_name or "").lower().endswith(".xlsx"):
        await message.reply_text(app_texts.PLAN_UPLOAD_NOT_XLSX)
        return AWAIT_SHEET
    if doc.file_size is not None and doc.file_size > MAX_WORKBOOK_BYTES:
        await message.reply_text(
            texts.PKG_UPLOAD_TOO_BIG.format(
                size=f"{doc.file_size / 1e6:.1f} MB", limit=f"{MAX_WORKBOOK_BYTES / 1e6:.0f} MB"
            )
        )
        return AWAIT_SHEET
    progress = await message.reply_text(app_texts.PLAN_UPLOAD_CHECKING)
    content = bytes(await (await doc.get_file()).download_as_bytearray())
    svc = services(context)
    asked = context.user_data.get(SHEET_YEAR_KEY)
    year = asked if isinstance(asked, int) and asked in _years(svc) else _year(svc, context)
    rows = {r.kode_rup: r.area_code for r in _mapping_rows(svc, year)}
    plan = _plan_for_mapping(svc, year)
    result = await asyncio.to_thread(
        read_mapping_workbook, content, plan=plan, known_kode_rup=set(rows)
    )
    if isinstance(result, list):
        lines, more = problem_lines(result)
        await progress.edit_text(
            texts.PKG_SHEET_PROBLEMS.format(count=len(result), lines=lines, more=more)
        )
        return AWAIT_SHEET
    changes = {k: v for k, v in result.items() if rows.get(k) != v}
    if not changes:
        await progress.edit_text(texts.PKG_SHEET_NO_CHANGES)
        return ConversationHandler.END
    context.user_data[SHEET_KEY] = {"year": year, "changes": changes}
    change_lines = [
        texts.PKG_SHEET_LINE.format(
            kode=app_texts.esc(k), before=rows.get(k) or "-", after=v or "-"
        )
        for k, v in list(changes.items())[:15]
    ]
    markup = InlineKeyboardMarkup(
        [
            [
                button(app_texts.PLAN_BUTTON_SAVE, "pkt:sok"),
                button(app_texts.PLAN_BUTTON_DISCARD, "pkt:sno"),
            ]
        ]
    )
    await progress.edit_text(
        texts.PKG_SHEET_SUMMARY.format(count=len(changes), lines="\n".join(change_lines)),
        reply_markup=markup,
    )
    return CONFIRM_SHEET


@members_only(*TEAM)
async def decide_sheet(update: Update, context: Context, member: Member) -> int:
    """Simpan / Batal under the mapping changes."""
    await answer(update)
    assert context.user_data is not None
    parts = _parts(update)
    pending = context.user_data.pop(SHEET_KEY, None)
    changes = pending.get("changes") if isinstance(pending, dict) else None
    year = pending.get("year") if isinstance(pending, dict) else None
    svc = services(context)
    if parts[:1] != ["sok"] or not isinstance(changes, dict) or year not in _years(svc):
        await show(
            update, texts.PKG_DISCARDED if parts[:1] == ["sno"] else app_texts.PLAN_PENDING_GONE
        )
        return ConversationHandler.END
    assert isinstance(year, int)
    cycle_id = cycle_id_of(svc, year)
    if cycle_id is None:
        await show(update, app_texts.PLAN_PENDING_GONE)
        return ConversationHandler.END
    with svc.db.write() as session:
        actor = users.get_user(session, member.user_id)
        assert actor is not None
        by_code = {p.kode_rup: p for p in packages.all_of_cycle(session, cycle_id=cycle_id)}
        for kode, area in changes.items():
            package = by_code.get(kode)
            if package is not None and package.id is not None:
                packages.map_area(
                    session, package_id=package.id, area_code=area, actor=actor, now=svc.now()
                )
    _sync_step(svc, cycle_id, member.user_id)
    text, markup = _menu(svc, member, year)
    await show(update, f"{texts.PKG_SHEET_SAVED.format(count=len(changes))}\n\n{text}", markup)
    return ConversationHandler.END


# --- matching satuan kerja to units ----------------------------------------------------------


@members_only(*TEAM)
async def match(update: Update, context: Context, member: Member) -> None:
    """Unknown satuan kerja -> pick the unit; remembered for every later import."""
    await answer(update)
    parts = _parts(update)
    svc = services(context)
    year = _button_year(update, svc, context)
    if year is None:
        await show(update, app_texts.STALE_BUTTON)
        return
    cycle_id = cycle_id_of(svc, year)
    names: list[str] = []
    if cycle_id is not None:
        with svc.db.read() as session:
            names = packages.unmatched_names(session, cycle_id=cycle_id)
    back = [[button(texts.PKG_BUTTON_MENU, "pkt:menu")]]
    if parts[0] == "um":
        if not names:
            await show(update, texts.PKG_MATCH_NONE, InlineKeyboardMarkup(back))
            return
        rows = [[button(fit(n), f"pkt:un:{_hash(n)}:1:{_tagged(year)}")] for n in names[:40]]
        await show(update, texts.PKG_MATCH_LIST, InlineKeyboardMarkup([*rows, *back]))
        return
    name = next((n for n in names if _hash(n) == (parts[1] if len(parts) > 1 else "")), None)
    if name is None or cycle_id is None:
        await show(update, app_texts.STALE_BUTTON, InlineKeyboardMarkup(back))
        return
    if parts[0] == "un":
        known = sorted(_known_units(svc).items(), key=lambda item: item[1][0].casefold())
        markup, page, pages = paged(
            known,
            page=int_or_none(parts[2]) or 1 if len(parts) > 2 else 1,
            make_button=lambda u: button(
                unit_label(*u[1]), f"pkt:ua:{_hash(name)}:{u[0]}:{_tagged(year)}"
            ),
            nav_data=lambda p: f"pkt:un:{_hash(name)}:{p}:{_tagged(year)}",
            extra_rows=back,
        )
        await show(
            update,
            texts.PKG_MATCH_UNIT.format(name=app_texts.esc(name), page=page, pages=pages),
            markup,
        )
        return
    unit_id = int_or_none(parts[2]) if len(parts) > 2 else None
    known_units = _known_units(svc)
    if unit_id is None or unit_id not in known_units:
        await show(update, app_texts.STALE_BUTTON, InlineKeyboardMarkup(back))
        return
    with svc.db.write() as session:
        actor = users.get_user(session, member.user_id)
        assert actor is not None
        moved = packages.set_alias(
            session, cycle_id=cycle_id, name=name, unit_id=unit_id, actor=actor, now=svc.now()
        )
    await show(
        update,
        texts.PKG_MATCHED.format(
            name=app_texts.esc(name), unit=app_texts.esc(known_units[unit_id][0]), count=moved
        ),
        InlineKeyboardMarkup([[button(texts.PKG_BUTTON_MATCH, f"pkt:um:{_tagged(year)}")], *back]),
    )


# --- coverage and mapping ----------------------------------------------------------------------


def _coverage_label(row: packages.UnitCoverage, short_name: str) -> str:
    """``Dinkes (3/12)``: the unit, by its short name when the full one does not fit."""
    counts = texts.PKG_COVERAGE_BUTTON.format(unit="", mapped=row.mapped, count=row.packages)
    unit = unit_label(row.unit_name, short_name, room_left(counts))
    return texts.PKG_COVERAGE_BUTTON.format(unit=unit, mapped=row.mapped, count=row.packages)


@members_only(*TEAM)
async def coverage(update: Update, context: Context, member: Member) -> None:
    """Mapped / total packages and pagu per unit; each unit opens its packages."""
    await answer(update)
    svc = services(context)
    year = _button_year(update, svc, context)
    if year is None:
        await show(update, app_texts.STALE_BUTTON)
        return
    cycle_id = cycle_id_of(svc, year)
    rows_data = []
    if cycle_id is not None:
        with svc.db.read() as session:
            rows_data = packages.coverage(session, cycle_id=cycle_id)
    lines = [
        texts.PKG_COVERAGE_LINE.format(
            unit=app_texts.esc(c.unit_name or texts.PKG_COVERAGE_UNMATCHED),
            mapped=c.mapped,
            count=c.packages,
            pagu=format_rupiah(c.pagu),
        )
        for c in rows_data
    ]
    short_names = {unit_id: short for unit_id, (_, short) in _known_units(svc).items()}
    buttons = [
        [
            button(
                _coverage_label(c, short_names.get(c.unit_id, "")),
                f"pkt:u:{c.unit_id}:1:{_tagged(year)}",
            )
        ]
        for c in rows_data
        if c.unit_id is not None
    ]
    buttons.append([button(texts.PKG_BUTTON_MENU, "pkt:menu")])
    await show(
        update,
        texts.PKG_COVERAGE.format(year=year, lines="\n".join(lines) or "-"),
        InlineKeyboardMarkup(buttons),
    )


async def _unit_packages(
    update: Update, svc: Services, member: Member, unit_id: int | None, page: int, year: int
) -> None:
    if unit_id is None:
        await show(update, texts.PKG_NO_UNIT)
        return
    cycle_id = cycle_id_of(svc, year)
    with svc.db.read() as session:
        unit = units.get_unit(session, unit_id)
        items = (
            []
            if cycle_id is None
            else packages.of_unit(session, cycle_id=cycle_id, unit_id=unit_id)
        )
    unit_name = unit.name if unit else "-"
    switch = _year_row(svc, year) if member.role is Role.PJ else []
    if not items:
        await show(
            update,
            texts.PKG_UNIT_EMPTY.format(unit=app_texts.esc(unit_name), year=year),
            InlineKeyboardMarkup(switch) if switch else None,
        )
        return
    extra = [[button(texts.PKG_BUTTON_MENU, "pkt:menu")]] if member.role in TEAM else switch
    markup, page, pages = paged(
        items,
        page=page,
        make_button=lambda p: button(
            f"{'✅' if p.area_code else '⬜'} {fit(p.nama_paket)}", f"pkt:p:{p.id}"
        ),
        nav_data=lambda n: f"pkt:u:{unit_id}:{n}:{_tagged(year)}",
        extra_rows=extra,
    )
    await show(
        update,
        texts.PKG_UNIT_PACKAGES.format(
            unit=app_texts.esc(unit_name), year=year, page=page, pages=pages
        ),
        markup,
    )


@members_only()
async def unit_packages(update: Update, context: Context, member: Member) -> None:
    """One unit's packages (owners only ever see their own unit)."""
    await answer(update)
    parts = _parts(update)
    unit_id = int_or_none(parts[1]) if len(parts) > 1 else None
    if member.role is Role.PJ:
        unit_id = member.unit_id
    page = int_or_none(parts[2]) if len(parts) > 2 else 1
    svc = services(context)
    year = _button_year(update, svc, context)
    if year is None:
        await show(update, app_texts.STALE_BUTTON)
        return
    await _unit_packages(update, svc, member, unit_id, page or 1, year)


def _allowed(member: Member, package: Package) -> bool:
    return member.role in TEAM or (member.unit_id is not None and package.unit_id == member.unit_id)


@members_only()
async def choose_area(update: Update, context: Context, member: Member) -> None:
    """A package: its details and one button per strategic area; a press maps it."""
    parts = callback_parts(update.callback_query.data if update.callback_query else None, "pkt")
    svc = services(context)
    package_id = int_or_none(parts[1]) if len(parts) > 1 else None
    with svc.db.read() as session:
        package = None if package_id is None else session.get(Package, package_id)
        cycle = None if package is None else session.get(Cycle, package.cycle_id)
    plan = _plan_for_mapping(svc, 0 if cycle is None else cycle.year)
    if package is None or package.id is None:
        await answer(update, app_texts.STALE_BUTTON)
        return
    if not _allowed(member, package):
        await answer(update, texts.PKG_NOT_YOURS)
        return
    if parts[0] == "a" and len(parts) == 3:
        area = plan.area(parts[2])
        if area is None:
            await show(update, app_texts.STALE_BUTTON)
            return
        with svc.db.write() as session:
            owner = users.get_user(session, member.user_id)
            assert owner is not None
            packages.map_area(
                session, package_id=package.id, area_code=area.code, actor=owner, now=svc.now()
            )
        _sync_step(svc, package.cycle_id, member.user_id)
        # A button answer is plain text, not HTML.
        await answer(update, texts.PKG_MAPPED.format(kode=package.kode_rup, area=area.code))
        year = year_of(svc, package.cycle_id)
        await _unit_packages(update, svc, member, package.unit_id, 1, year)
        return
    await answer(update)
    if not plan.areas:
        back = InlineKeyboardMarkup(
            [
                [
                    button(
                        app_texts.BUTTON_BACK,
                        f"pkt:u:{package.unit_id}:1:{_tagged(year_of(svc, package.cycle_id))}",
                    )
                ]
            ]
        )
        await show(update, texts.PKG_NO_AREAS, back)
        return
    current = plan.area(package.area_code or "")
    rows = [
        [button(fit(f"{a.code} · {a.name}"), f"pkt:a:{package.id}:{a.code}")] for a in plan.areas
    ]
    rows.append(
        [
            button(
                app_texts.BUTTON_BACK,
                f"pkt:u:{package.unit_id}:1:{_tagged(year_of(svc, package.cycle_id))}",
            )
        ]
    )
    await show(
        update,
        texts.PKG_CHOOSE_AREA.format(
            name=app_texts.esc(package.nama_paket),
            kode=app_texts.esc(package.kode_rup),
            pagu=format_rupiah(package.pagu),
            metode=app_texts.esc(package.metode or "-"),
            area=app_texts.esc(f"{current.code} {current.name}" if current else "-"),
        ),
        InlineKeyboardMarkup(rows),
    )


@members_only()
async def cancel(update: Update, context: Context, member: Member) -> int:
    """/batal during an import."""
    svc = services(context)
    if context.user_data is not None:
        pending = context.user_data.pop(PENDING_KEY, None)
        if isinstance(pending, dict):
            archive.release(svc.archive_dir, str(pending.get("token", "")))
    if update.effective_message is not None:
        await update.effective_message.reply_text(texts.PKG_DISCARDED)
    return ConversationHandler.END


STEP_OPENERS = {"paket": open_step}


def _buttons() -> list[BaseHandler[Update, Context, Any]]:
    return [
        CallbackQueryHandler(package_menu, pattern=r"^pkt:(menu|y:\d{4})$"),
        CallbackQueryHandler(ask_upload, pattern=r"^pkt:up$"),
        CallbackQueryHandler(match, pattern=r"^pkt:(um$|um:|un:|ua:)"),
        CallbackQueryHandler(coverage, pattern=r"^pkt:cov(:t\d{4})?$"),
        CallbackQueryHandler(unit_packages, pattern=r"^pkt:u:"),
        CallbackQueryHandler(choose_area, pattern=r"^pkt:(p|a):"),
        CallbackQueryHandler(sheet_buttons, pattern=r"^pkt:(mx|mu)(:t\d{4})?$"),
    ]


def handlers() -> list[BaseHandler[Update, Context, Any]]:
    """This feature's handlers, fresh for each application."""
    return [
        conversation_handler(
            entry_points=[CommandHandler("paket", package_menu), *_buttons()],
            states={
                AWAIT_FILE: [MessageHandler(filters.Document.ALL, receive_file), *_buttons()],
                CONFIRM: [
                    CallbackQueryHandler(decide, pattern=r"^pkt:(ok|no|yr:\d+)$"),
                    *_buttons(),
                ],
                AWAIT_SHEET: [MessageHandler(filters.Document.ALL, receive_sheet), *_buttons()],
                CONFIRM_SHEET: [
                    CallbackQueryHandler(decide_sheet, pattern=r"^pkt:(sok|sno)$"),
                    *_buttons(),
                ],
            },
            fallbacks=[
                CommandHandler("batal", cancel),
                CallbackQueryHandler(decide, pattern=r"^pkt:(ok|no|yr:\d+)$"),
            ],
            name="paket",
        )
    ]
