"""SOP steps 7-9: the circular (/edaran), the socialisation invitation with RSVP and
attendance, and the socialisation report (/sosialisasi).

Every letter follows one path: the team drafts (default wording, paragraphs replaceable
from the chat) -> PDF preview -> the head signs through the approval mechanism -> a number
from the year's sequence -> the final PDF is archived -> copies go out through the outbox.
"""

from __future__ import annotations

import asyncio
import io
import json
import re
from dataclasses import asdict, fields
from datetime import date, timedelta
from typing import Any

from sqlmodel import col, select
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
from bot.approvals import handlers as approval_ui
from bot.approvals.kinds import ApprovalKind, RequestView
from bot.approvals.rules import Option
from bot.context import Context
from bot.core import signing
from bot.core.dates import format_date, format_datetime, next_working_day
from bot.core.delivery import ItemStatus, failure_reason
from bot.core.examples import dmy, example_day
from bot.core.labels import fit, room_left, unit_label
from bot.core.roles import Role
from bot.letters import documents as letter_docs
from bot.letters import parts as letter_parts
from bot.letters import texts
from bot.letters.documents import (
    CircularContent,
    InvitationContent,
    LetterKind,
    SocialisationReport,
)
from bot.letters.parts import Part
from bot.people.invitation_rules import DEFAULT_LIFETIME, deep_link, new_code
from bot.planning.rules.values import parse_date
from bot.services import Services
from bot.sop.cycles import default_working_year, year_of
from bot.sop.steps import StepState
from bot.ui.chat import answer, button, conversation_handler, paged, show, tell_team
from storage import approvals, archive, cycles, outbox, plans, units, users
from storage import letters as store
from storage.archive import NewDocument, Signed
from storage.models import Broadcast, Document, Letter, OutboxItem, User

EDARAN, UNDANGAN, LAPORAN = "edaran", "undangan", "laporan"
DOC_KINDS = {
    EDARAN: LetterKind.CIRCULAR,
    UNDANGAN: LetterKind.INVITATION,
    LAPORAN: LetterKind.REPORT,
}
STEPS = {EDARAN: 7, UNDANGAN: 8, LAPORAN: 9}
ARCHIVE_KINDS = {EDARAN: "surat_edaran", UNDANGAN: "surat_undangan", LAPORAN: "laporan_sosialisasi"}
CONTENT_CLASSES: dict[str, Any] = {
    EDARAN: CircularContent,
    UNDANGAN: InvitationContent,
    LAPORAN: SocialisationReport,
}
PHOTO_KIND = "foto_sosialisasi"
NOTE_KIND = "catatan_sosialisasi"
SIGN = Option("approve", texts.LETTER_OPTION_SIGN, done_label=texts.LETTER_OPTION_SIGN_DONE)
REJECT = Option(
    "changes",
    texts.LETTER_OPTION_REJECT,
    needs_comment=True,
    done_label=texts.LETTER_OPTION_REJECT_DONE,
)
TEAM = (Role.KEPALA, Role.TIM)
ATTENDANCE_WINDOW = timedelta(hours=3)
CIRCULAR_DEADLINE = timedelta(days=14)
MAX_PHOTO_BYTES = 10 * 1024 * 1024

SECTION_TEXT, SOC_DATE, SOC_TIME, SOC_PLACE, SOC_AGENDA, SOC_MEDIA = range(6)
RSVP_NOTE = 0
EDIT_KEY = "surat_ubah"
SOC_KEY = "sosialisasi_baru"
MEDIA_KEY = "sosialisasi_media"
RSVP_KEY = "rsvp_catatan"

# --- content <-> JSON ----------------------------------------------------------------------


def _tupled(value: Any) -> Any:
    return tuple(_tupled(v) for v in value) if isinstance(value, list) else value


def content_to_json(content: Any) -> str:
    data = asdict(content)
    data.pop("photos", None)  # photos live in the archive
    return json.dumps(data, ensure_ascii=False, default=str)


def content_from_json(kind: str, text: str, photos: tuple[bytes, ...] = ()) -> Any:
    cls = CONTENT_CLASSES[kind]
    data = json.loads(text)
    values: dict[str, Any] = {}
    for f in fields(cls):
        if f.name == "photos":
            values[f.name] = photos
        elif f.name == "day":
            values[f.name] = date.fromisoformat(data[f.name])
        else:
            values[f.name] = _tupled(data[f.name])
    return cls(**values)


def part_label(kind: str, part: Part) -> str:
    """The button label of a part: "Isi Edaran huruf c", "1. Latar Belakang", "Tembusan"."""
    if kind == LAPORAN and part.name == "closing":
        return texts.LETTER_REPORT_CLOSING
    template = texts.LETTER_PART_LABELS[part.name]
    letter = chr(ord("a") + part.number - 1) if part.number else ""
    return fit(template.format(number=part.number, title=part.title, letter=letter))


def _parts_markup(letter: Letter, content: Any) -> InlineKeyboardMarkup:
    """One button per part; the lettered items of a list two to a row."""
    rows: list[list[Any]] = []
    paired = ("legal_basis", "point")
    for part in letter_parts.parts(content):
        pressed = button(part_label(letter.kind, part), f"ltr:sec:{letter.id}:{part.key}")
        if part.name in paired and part.number % 2 == 0 and rows:
            rows[-1].append(pressed)
        else:
            rows.append([pressed])
    rows.append([button(app_texts.BUTTON_BACK, f"ltr:card:{letter.id}")])
    return InlineKeyboardMarkup(rows)


# --- reading state ---------------------------------------------------------------------------


def _cycle_id(svc: Services, year: int, *, create: bool = False) -> int | None:
    if create:
        with svc.db.write() as session:
            return cycles.get_or_create_cycle(session, year=year, now=svc.now()).id
    with svc.db.read() as session:
        cycle = cycles.find_cycle(session, year=year)
        return None if cycle is None else cycle.id


def _letter(svc: Services, kind: str, year: int) -> Letter | None:
    """The newest letter of ``kind`` in the year's cycle."""
    return _letter_in(svc, kind, _cycle_id(svc, year))


def _letter_in(svc: Services, kind: str, cycle_id: int | None) -> Letter | None:
    if cycle_id is None:
        return None
    with svc.db.read() as session:
        return store.latest_letter(session, cycle_id=cycle_id, kind=kind)


def _year_of(svc: Services, letter: Letter) -> int:
    """The year of the cycle a letter belongs to (what its "Tahun ..." wording speaks of)."""
    return year_of(svc, letter.cycle_id)


def _signed(letter: Letter | None) -> bool:
    return letter is not None and letter.status == store.SIGNED


def _letter_by_id(svc: Services, letter_id: int | None) -> Letter | None:
    if letter_id is None:
        return None
    with svc.db.read() as session:
        return session.get(Letter, letter_id)


def _plan_approved(svc: Services, year: int) -> bool:
    """Whether the year's plan has an approved revision (what the letters implement)."""
    with svc.db.read() as session:
        return plans.approved_plan(session, year=year) is not None


def _plan_submitted(svc: Services, year: int) -> bool:
    """Whether the year's plan waits for the head's decision (submitted, not decided)."""
    with svc.db.read() as session:
        revision, _ = plans.current_plan(session, year=year)
    return revision is not None and revision.status == plans.SUBMITTED


def _owners(svc: Services) -> list[User]:
    with svc.db.read() as session:
        return [u for u in users.list_users(session, role=Role.PJ) if u.active]


def _unit_names(svc: Services) -> dict[int, str]:
    with svc.db.read() as session:
        return {u.id: u.name for u in units.list_units(session, active_only=False) if u.id}


def _documents(svc: Services, kind: str, cycle_id: int) -> list[Document]:
    with svc.db.read() as session:
        return list(
            session.exec(
                select(Document)
                .where(Document.kind == kind, Document.cycle_id == cycle_id)
                .order_by(col(Document.id))
            )
        )


def _photos(svc: Services, cycle_id: int) -> tuple[bytes, ...]:
    docs = _documents(svc, PHOTO_KIND, cycle_id)
    return tuple(archive.path_of(svc.archive_dir, d).read_bytes() for d in docs)


def _items(svc: Services, broadcast_id: int | None) -> list[OutboxItem]:
    if broadcast_id is None:
        return []
    with svc.db.read() as session:
        return outbox.items_of(session, broadcast_id=broadcast_id)


# --- rendering -------------------------------------------------------------------------------


def _render(
    svc: Services,
    letter: Letter,
    *,
    number: str | None,
    day: date,
    approval: signing.Approval | None = None,
) -> bytes:
    """The letter's PDF: a draft (no number) or the signed one (with its approval)."""
    kind = letter.kind
    photos = _photos(svc, letter.cycle_id) if kind == LAPORAN else ()
    content = content_from_json(kind, letter.content_json, photos)
    header = letter_docs.default_header(
        DOC_KINDS[kind], svc.profile, day=day, number=number, year=_year_of(svc, letter)
    )
    if kind == EDARAN:
        return letter_docs.circular_pdf(svc.profile, header, content, approval=approval)
    if kind == UNDANGAN:
        return letter_docs.invitation_pdf(svc.profile, header, content, approval=approval)
    return letter_docs.socialisation_report_pdf(svc.profile, header, content, approval=approval)


def _approval(svc: Services, letter: Letter, view: RequestView) -> signing.Approval:
    """Who signed in the bot, in which capacity and when, with a new verification code."""
    with svc.db.read() as session:
        signer = (
            None
            if view.decided_by_user_id is None
            else users.get_user(session, view.decided_by_user_id)
        )
    return signing.approval(
        svc.profile,
        kind=DOC_KINDS[letter.kind].value,
        acting=view.acting_title,
        approved_by=signer.full_name if signer else view.decided_by,
        approver_nip=signer.nip if signer else "",
        at=view.decided_at or svc.now(),
        code=signing.new_verification_code(),
    )


def _file_name(letter: Letter, signed: bool) -> str:
    base = {EDARAN: "surat-edaran", UNDANGAN: "surat-undangan", LAPORAN: "laporan-sosialisasi"}
    return f"{base[letter.kind]}-{'final' if signed else 'draf'}.pdf"


async def _send_pdf(
    update: Update, context: Context, content: bytes, name: str, caption: str
) -> None:
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_document(
        chat.id, document=InputFile(io.BytesIO(content), filename=name), caption=caption
    )


# --- cards -------------------------------------------------------------------------------------


def _detail(svc: Services, letter: Letter) -> str:
    content = content_from_json(letter.kind, letter.content_json)
    if letter.kind == EDARAN:
        return app_texts.esc(content.tentang)
    if letter.kind == UNDANGAN:
        return texts.SOC_DETAIL.format(
            when=format_date(content.day),
            time=app_texts.esc(content.time_text),
            place=app_texts.esc(content.place),
            agenda=app_texts.esc(content.agenda),
        )
    return app_texts.esc(content.title)


def _card_text(svc: Services, letter: Letter, member: Member | None = None) -> str:
    text = texts.LETTER_CARD.format(
        name=texts.LETTER_KIND_NAMES[letter.kind],
        year=_year_of(svc, letter),
        status=texts.LETTER_STATUS[letter.status],
        number=texts.LETTER_NUMBER.format(number=app_texts.esc(letter.number))
        if letter.number
        else "",
        detail=_detail(svc, letter),
    )
    if letter.kind == EDARAN and letter.broadcast_id is not None:
        text += _circular_tally(svc, letter)
    if letter.kind == UNDANGAN and letter.broadcast_id is not None:
        text += _rsvp_tally(svc, letter)
    return text + ("" if member is None else _next_step(letter, member))


def _next_step(letter: Letter, member: Member) -> str:
    """What happens next with this letter, for this person."""
    head = member.role is Role.KEPALA
    if letter.status == store.DRAFT:
        return texts.LETTER_NEXT_DRAFT_HEAD if head else texts.LETTER_NEXT_DRAFT_TEAM
    if letter.status == store.AWAITING:
        return texts.LETTER_NEXT_AWAITING_HEAD if head else texts.LETTER_NEXT_AWAITING_TEAM
    if letter.kind == EDARAN:
        return texts.LETTER_NEXT_CIRCULAR_SIGNED
    if letter.kind == LAPORAN:
        return texts.LETTER_NEXT_REPORT_SIGNED
    return ""


def _pending_request(svc: Services, letter: Letter) -> int | None:
    """The waiting signature request of a letter, if any."""
    with svc.db.read() as session:
        for request in approvals.pending(session):
            if request.kind == f"surat_{letter.kind}" and request.subject_id == letter.id:
                return request.id
    return None


def _card_markup(svc: Services, letter: Letter, member: Member) -> InlineKeyboardMarkup:
    rows = [[button(texts.LETTER_BUTTON_PREVIEW, f"ltr:pdf:{letter.id}")]]
    if member.role in TEAM and letter.status == store.DRAFT:
        rows.append([button(texts.LETTER_BUTTON_EDIT, f"ltr:ed:{letter.id}")])
        if member.role is Role.TIM:
            rows.append([button(texts.LETTER_BUTTON_SUBMIT, f"ltr:sub:{letter.id}")])
    if letter.kind == EDARAN and letter.broadcast_id is not None and member.role in TEAM:
        room = room_left(texts.EDARAN_BUTTON_INVITE)
        for unit_id, name, short_name in _units_without_owner(svc)[:6]:
            label = texts.EDARAN_BUTTON_INVITE.format(unit=unit_label(name, short_name, room))
            rows.append([button(label, f"ltr:inv:{unit_id}")])
    if letter.status == store.AWAITING and member.role is Role.KEPALA:
        request_id = _pending_request(svc, letter)
        if request_id is not None:
            rows.append([button(texts.LETTER_BUTTON_SIGN_REQUEST, f"apr:{request_id}:s")])
    if letter.kind == EDARAN and letter.status == store.SIGNED:
        rows.append(
            [
                button(
                    texts.LETTER_BUTTON_SOCIALISATION,
                    f"ltr:go:{UNDANGAN}:{_year_of(svc, letter)}",
                )
            ]
        )
    if letter.kind == UNDANGAN and letter.status == store.SIGNED and member.role in TEAM:
        now = svc.now()
        is_open = letter.attendance_open_until is not None and letter.attendance_open_until > now
        rows.append(
            [
                button(texts.SOC_BUTTON_CLOSE, f"ltr:close:{letter.id}")
                if is_open
                else button(texts.SOC_BUTTON_OPEN, f"ltr:open:{letter.id}")
            ]
        )
        rows.append([button(texts.SOC_BUTTON_CHECKLIST, f"chk:{letter.id}:0:1")])
        rows.append([button(texts.SOC_BUTTON_MEDIA, f"ltr:media:{letter.id}")])
        rows.append([button(texts.SOC_BUTTON_REPORT, f"ltr:rep:{letter.id}")])
    rows.append([button(texts.LETTER_BUTTON_REFRESH, f"ltr:card:{letter.id}")])
    return InlineKeyboardMarkup(rows)


_FAILED = (ItemStatus.UNREACHABLE.value, ItemStatus.FAILED.value)
_QUEUED = (ItemStatus.PENDING.value, ItemStatus.SENDING.value)


def _failed_line(item: OutboxItem, people: dict[int | None, User]) -> str:
    """``⚠️ Name: gagal terkirim: bot diblokir`` for a copy that did not arrive."""
    person = people.get(item.user_id) if item.user_id else None
    reason = failure_reason(item.status, item.last_error)
    return texts.TALLY_FAILED_LINE.format(
        name=app_texts.esc(person.full_name) if person else app_texts.TALLY_UNKNOWN_PERSON,
        reason=texts.DELIVERY_REASONS[reason],
    )


def _by_unit(
    svc: Services, items: list[OutboxItem], people: dict[int | None, User]
) -> list[tuple[str, list[OutboxItem]]]:
    """The delivery rows grouped by the recipient's unit, in order of unit name."""
    unit_names = _unit_names(svc)
    per_unit: dict[str, list[OutboxItem]] = {}
    for item in items:
        person = people.get(item.user_id) if item.user_id else None
        unit = unit_names.get(person.unit_id, "-") if person and person.unit_id else "-"
        per_unit.setdefault(unit, []).append(item)
    return sorted(per_unit.items())


def _people(svc: Services) -> dict[int | None, User]:
    with svc.db.read() as session:
        return {u.id: u for u in users.list_users(session)}


def _circular_tally(svc: Services, letter: Letter) -> str:
    items = _items(svc, letter.broadcast_id)
    people = _people(svc)
    lines = [
        texts.EDARAN_TALLY.format(
            sent=sum(1 for i in items if i.status == ItemStatus.SENT.value),
            acked=sum(1 for i in items if i.response == "diterima"),
            failed=sum(1 for i in items if i.status in _FAILED),
            pending=sum(1 for i in items if i.status in _QUEUED),
        )
    ]
    for unit, unit_items in _by_unit(svc, items, people):
        parts = texts.TALLY_UNIT_DELIVERY.format(
            sent=sum(1 for i in unit_items if i.status == ItemStatus.SENT.value),
            total=len(unit_items),
            acked=sum(1 for i in unit_items if i.response == "diterima"),
        )
        lines.append(texts.TALLY_UNIT_LINE.format(unit=app_texts.esc(unit), parts=parts))
        lines.extend(_failed_line(i, people) for i in unit_items if i.status in _FAILED)
    missing = _units_without_owner(svc)
    if missing:
        lines.append(
            texts.EDARAN_NO_PJ.format(
                count=len(missing), units=app_texts.esc(", ".join(name for _, name, _ in missing))
            )
        )
    return "\n".join(lines)


def _units_without_owner(svc: Services) -> list[tuple[int, str, str]]:
    """Id, name and short name of every active unit without a registered owner."""
    owned = {u.unit_id for u in _owners(svc)}
    with svc.db.read() as session:
        return [
            (u.id, u.name, u.short_name)
            for u in units.list_units(session)
            if u.id and u.id not in owned
        ]


def _rsvp_tally(svc: Services, letter: Letter) -> str:
    """Answers per owner and unit; a copy that never arrived is "gagal terkirim" with the
    reason, not "belum menjawab"."""
    items = _items(svc, letter.broadcast_id)
    people = _people(svc)
    with svc.db.read() as session:
        present = store.attendance(session, letter_id=letter.id or 0)
    answers = [i.response for i in items]
    silent_items = [i for i in items if i.status == ItemStatus.SENT.value and not i.response]
    silent = [people[i.user_id].full_name for i in silent_items if i.user_id in people]
    text = texts.SOC_RSVP_TALLY.format(
        hadir=answers.count("hadir"),
        wakil=answers.count("wakil"),
        tidak=answers.count("tidak"),
        belum=len(silent_items),
    )
    text += texts.SOC_DELIVERY_TALLY.format(
        sent=sum(1 for i in items if i.status == ItemStatus.SENT.value),
        failed=sum(1 for i in items if i.status in _FAILED),
        pending=sum(1 for i in items if i.status in _QUEUED),
    )
    for unit, unit_items in _by_unit(svc, items, people):
        responses = [i.response for i in unit_items]
        parts = [
            f"{responses.count(key)} {label.lower()}"
            for key, label in texts.SOC_RSVP_LABELS.items()
            if responses.count(key)
        ]
        counted = (
            (texts.TALLY_UNIT_SILENT, sum(1 for i in unit_items if i in silent_items)),
            (texts.TALLY_UNIT_FAILED, sum(1 for i in unit_items if i.status in _FAILED)),
            (texts.TALLY_UNIT_PENDING, sum(1 for i in unit_items if i.status in _QUEUED)),
        )
        parts.extend(template.format(count=count) for template, count in counted if count)
        text += "\n" + texts.TALLY_UNIT_LINE.format(
            unit=app_texts.esc(unit), parts=", ".join(parts)
        )
        for item in unit_items:
            if item.status in _FAILED:
                text += "\n" + _failed_line(item, people)
    if silent:
        text += texts.SOC_NO_ANSWER.format(names=app_texts.esc(", ".join(silent[:30])))
    now = svc.now()
    window = ""
    if letter.attendance_open_until is not None and letter.attendance_open_until > now:
        window = texts.SOC_WINDOW_OPEN.format(
            until=format_datetime(letter.attendance_open_until, svc.profile.timezone)
        )
    count = sum(1 for row in present.values() if row.present)
    return text + texts.SOC_ATTENDANCE.format(present=count, window=window)


def _back_to_card(letter: Letter) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[button(texts.LETTER_BUTTON_CARD, f"ltr:card:{letter.id}")]])


async def _show_card(
    update: Update, context: Context, member: Member, letter: Letter, note: str = ""
) -> None:
    svc = services(context)
    text = _card_text(svc, letter, member)
    await show(update, f"{note}\n\n{text}" if note else text, _card_markup(svc, letter, member))


# --- entry points ------------------------------------------------------------------------------


@members_only(*TEAM)
async def circular_command(update: Update, context: Context, member: Member) -> int:
    """/edaran: the circular's state, or a button to draft it."""
    await answer(update)
    await _open(update, context, member, EDARAN, default_working_year(services(context)))
    return ConversationHandler.END


@members_only(*TEAM)
async def socialisation_command(update: Update, context: Context, member: Member) -> int:
    """/sosialisasi: the invitation, RSVPs, attendance and the report."""
    await answer(update)
    await _open(update, context, member, UNDANGAN, default_working_year(services(context)))
    return ConversationHandler.END


async def _open(update: Update, context: Context, member: Member, kind: str, year: int) -> None:
    """The year's letter of ``kind``: its card, or what has to happen before it exists."""
    svc = services(context)
    letter = _letter(svc, kind, year)
    if letter is not None:
        await _show_card(update, context, member, letter)
        return
    name = texts.LETTER_KIND_NAMES[kind]
    if not _plan_approved(svc, year):
        waiting = _plan_submitted(svc, year)
        next_step = texts.LETTER_PLAN_NEXT[(member.role.value, waiting)]
        markup = None
        if member.role is Role.TIM:
            markup = InlineKeyboardMarkup(
                [[button(texts.LETTER_BUTTON_PLAN.format(year=year), f"pln:{year}:menu")]]
            )
        await show(
            update, texts.LETTER_NEEDS_PLAN.format(name=name, year=year, next=next_step), markup
        )
        return
    if kind == UNDANGAN:
        circular = _letter(svc, EDARAN, year)
        if circular is None or circular.status != store.SIGNED:
            markup = InlineKeyboardMarkup(
                [[button(texts.LETTER_BUTTON_CIRCULAR, f"ltr:go:{EDARAN}:{year}")]]
            )
            await show(update, texts.SOC_NEEDS_CIRCULAR, markup)
            return
    if member.role is Role.TIM:
        markup = InlineKeyboardMarkup(
            [[button(texts.LETTER_BUTTON_NEW.format(name=name), f"ltr:new:{kind}:{year}")]]
        )
        await show(update, texts.LETTER_NONE.format(name=name, year=year), markup)
        return
    await show(update, texts.LETTER_NONE_HEAD.format(name=name, year=year))


async def open_step(update: Update, context: Context, member: Member, step: int, year: int) -> bool:
    """Steps 7-9 in /tugas open that year's circular, invitation or socialisation report;
    owners (involved in step 9 as participants) see the step's card."""
    if member.role not in TEAM:
        return False
    if step == 9:
        invitation = _letter(services(context), UNDANGAN, year)
        if invitation is not None and invitation.status == store.SIGNED:
            await _open_report(update, context, member, invitation)
            return True
    await _open(update, context, member, EDARAN if step == 7 else UNDANGAN, year)
    return True


@members_only(*TEAM)
async def go_to(update: Update, context: Context, member: Member) -> int:
    """A button in a notice ("Langkah 7: Surat Edaran"): open that letter of that year."""
    await answer(update)
    parts = callback_parts(update.callback_query.data if update.callback_query else None, "ltr")
    kind = parts[1] if len(parts) == 3 else ""
    year = int_or_none(parts[2]) if len(parts) == 3 else None
    if kind not in DOC_KINDS or year is None:
        await show(update, app_texts.STALE_BUTTON)
        return ConversationHandler.END
    await _open(update, context, member, kind, year)
    return ConversationHandler.END


# --- drafting ----------------------------------------------------------------------------------


def _set_step(
    svc: Services, cycle_id: int, step: int, state: StepState, actor_id: int | None
) -> None:
    with svc.db.write() as session:
        actor = None if actor_id is None else users.get_user(session, actor_id)
        rows = cycles.step_rows(session, cycle_id=cycle_id)
        if step in rows and rows[step].state == state.value:
            return
        cycles.set_step_state(
            session, cycle_id=cycle_id, step_no=step, state=state, actor=actor, now=svc.now()
        )


def _create(svc: Services, member: Member, kind: str, content: Any, year: int) -> Letter:
    cycle_id = _cycle_id(svc, year, create=True)
    assert cycle_id is not None
    with svc.db.write() as session:
        actor = users.get_user(session, member.user_id)
        assert actor is not None
        letter = store.create_letter(
            session,
            cycle_id=cycle_id,
            kind=kind,
            content_json=content_to_json(content),
            actor=actor,
            now=svc.now(),
        )
    _set_step(svc, cycle_id, STEPS[kind], StepState.BERJALAN, member.user_id)
    return letter


def _default_circular(svc: Services, year: int) -> CircularContent:
    with svc.db.read() as session:
        plan = plans.approved_plan(session, year=year)
    # Owners get two weeks to name their PJ Kinerja; a deadline never falls on a weekend or
    # one of the profile's holidays.
    deadline = format_date(next_working_day(svc.today() + CIRCULAR_DEADLINE, svc.profile.holidays))
    return letter_docs.default_circular(
        svc.profile,
        year=year,
        indicator_count=0 if plan is None else len(plan.indicators),
        deadline_text=deadline,
    )


@members_only(Role.TIM)
async def new_letter(update: Update, context: Context, member: Member) -> int | None:
    """ "Buat draf": the circular at once; the invitation after four questions."""
    await answer(update)
    parts = callback_parts(update.callback_query.data if update.callback_query else None, "ltr")
    kind = parts[1] if len(parts) == 3 else ""
    year = int_or_none(parts[2]) if len(parts) == 3 else None
    svc = services(context)
    if year is None or kind not in DOC_KINDS:
        await show(update, app_texts.STALE_BUTTON)
        return ConversationHandler.END
    existing = _letter(svc, kind, year)
    if existing is not None:
        await _show_card(update, context, member, existing)
        return ConversationHandler.END
    if not _plan_approved(svc, year) or (
        kind == UNDANGAN and not _signed(_letter(svc, EDARAN, year))
    ):
        # What has to happen first, with its button: the same screen /edaran shows.
        await _open(update, context, member, kind, year)
        return ConversationHandler.END
    if kind == EDARAN:
        letter = _create(svc, member, EDARAN, _default_circular(svc, year), year)
        await _show_card(update, context, member, letter)
        return ConversationHandler.END
    if kind == UNDANGAN:
        assert context.user_data is not None
        context.user_data[SOC_KEY] = {"year": year}
        await show(update, texts.SOC_ASK_DATE.format(example=dmy(example_day(svc.today()))))
        return SOC_DATE
    await show(update, app_texts.STALE_BUTTON)
    return ConversationHandler.END


def _text(update: Update) -> str:
    return (
        " ".join((update.effective_message.text or "").split()) if update.effective_message else ""
    )


@members_only(Role.TIM)
async def soc_date(update: Update, context: Context, member: Member) -> int:
    """1/4: the date, in the future (WIT)."""
    assert update.effective_message is not None and context.user_data is not None
    svc = services(context)
    try:
        day = parse_date(_text(update))
    except ValueError as exc:
        await update.effective_message.reply_text(
            texts.SOC_BAD_DATE.format(
                reason=app_texts.esc_rule(exc), example=dmy(example_day(svc.today()))
            )
        )
        return SOC_DATE
    if day <= svc.today():
        await update.effective_message.reply_text(
            texts.SOC_PAST_DATE.format(today=format_date(svc.today()))
        )
        return SOC_DATE
    context.user_data.setdefault(SOC_KEY, {})["day"] = day.isoformat()
    await update.effective_message.reply_text(texts.SOC_ASK_TIME)
    return SOC_TIME


@members_only(Role.TIM)
async def soc_time(update: Update, context: Context, member: Member) -> int:
    """2/4: the starting time."""
    assert update.effective_message is not None and context.user_data is not None
    match = re.fullmatch(r"(\d{1,2})[.:](\d{2})(?:\s*WIT)?", _text(update), re.IGNORECASE)
    if match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        await update.effective_message.reply_text(texts.SOC_BAD_TIME)
        return SOC_TIME
    context.user_data.setdefault(SOC_KEY, {})["time"] = (
        f"{int(match.group(1)):02d}.{match.group(2)}"
    )
    await update.effective_message.reply_text(texts.SOC_ASK_PLACE)
    return SOC_PLACE


@members_only(Role.TIM)
async def soc_place(update: Update, context: Context, member: Member) -> int:
    """3/4: the place."""
    assert update.effective_message is not None and context.user_data is not None
    text = _text(update)
    if not 3 <= len(text) <= 300:
        await update.effective_message.reply_text(app_texts.PLAN_TEXT_REQUIRED)
        return SOC_PLACE
    context.user_data.setdefault(SOC_KEY, {})["place"] = text
    await update.effective_message.reply_text(texts.SOC_ASK_AGENDA)
    return SOC_AGENDA


@members_only(Role.TIM)
async def soc_agenda(update: Update, context: Context, member: Member) -> int:
    """4/4: the agenda; then the invitation draft, inviting every registered owner."""
    assert update.effective_message is not None and context.user_data is not None
    text = _text(update)
    draft = context.user_data.get(SOC_KEY)
    if (
        not isinstance(draft, dict)
        or not {"day", "time", "place"} <= draft.keys()
        or not isinstance(draft.get("year"), int)
    ):
        await update.effective_message.reply_text(app_texts.STALE_BUTTON)
        return ConversationHandler.END
    if not 3 <= len(text) <= 300:
        await update.effective_message.reply_text(app_texts.PLAN_TEXT_REQUIRED)
        return SOC_AGENDA
    year = int(draft["year"])
    svc = services(context)
    unit_names = _unit_names(svc)
    invitees = [(u.full_name, unit_names.get(u.unit_id or 0, "-")) for u in _owners(svc)]
    content = letter_docs.default_invitation(
        svc.profile,
        day=date.fromisoformat(draft["day"]),
        time_text=texts.SOC_TIME_TEXT.format(time=draft["time"]),
        place=str(draft["place"]),
        agenda=text,
        invitees=invitees,
        year=year,
    )
    context.user_data.pop(SOC_KEY, None)
    letter = _create(svc, member, UNDANGAN, content, year)
    await _show_card(update, context, member, letter)
    return ConversationHandler.END


# --- preview, edit, submit ---------------------------------------------------------------------


@members_only(*TEAM)
async def letter_buttons(update: Update, context: Context, member: Member) -> int | None:
    """Preview, choose a paragraph, submit for signature, refresh, invite a unit's owner."""
    await answer(update)
    assert context.user_data is not None
    parts = callback_parts(update.callback_query.data if update.callback_query else None, "ltr")
    action = parts[0] if parts else ""
    svc = services(context)
    if action == "inv":
        return await _invite_unit(
            update, context, member, int_or_none(parts[1]) if len(parts) > 1 else None
        )
    letter = _letter_by_id(svc, int_or_none(parts[1]) if len(parts) > 1 else None)
    if letter is None or letter.id is None:
        await show(update, app_texts.STALE_BUTTON)
        return ConversationHandler.END
    name = texts.LETTER_KIND_NAMES[letter.kind]
    if action == "pdf":
        signed = letter.status == store.SIGNED and letter.document_id is not None
        if signed:
            with svc.db.read() as session:
                document = session.get(Document, letter.document_id)
            assert document is not None
            content = archive.path_of(svc.archive_dir, document).read_bytes()
            caption = texts.LETTER_NUMBER.format(number=app_texts.esc(letter.number or "")).strip()
        else:
            content = await asyncio.to_thread(_render, svc, letter, number=None, day=svc.today())
            caption = texts.LETTER_PREVIEW_CAPTION.format(name=name)
        await _send_pdf(update, context, content, _file_name(letter, signed), caption)
        return None
    if action == "card":
        await _show_card(update, context, member, letter)
        return None
    if letter.status != store.DRAFT and action in ("ed", "sec", "sub"):
        await show(
            update,
            texts.LETTER_NOT_DRAFT.format(name=name, status=texts.LETTER_STATUS[letter.status]),
            _back_to_card(letter),
        )
        return ConversationHandler.END
    content = content_from_json(letter.kind, letter.content_json)
    if action == "ed":
        await show(update, texts.LETTER_CHOOSE_SECTION, _parts_markup(letter, content))
        return None
    if action == "sec" and len(parts) == 3:
        part = letter_parts.find_part(content, parts[2])
        if part is None:
            await show(update, app_texts.STALE_BUTTON)
            return ConversationHandler.END
        context.user_data[EDIT_KEY] = {"id": letter.id, "key": part.key}
        hint = ""
        if part.is_list:
            hint = (
                texts.LETTER_ASK_COPIES_HINT
                if part.name == "copies"
                else texts.LETTER_ASK_LIST_HINT
            )
        await show(
            update,
            texts.LETTER_ASK_SECTION.format(
                section=app_texts.esc(part_label(letter.kind, part)),
                hint=hint,
                current=app_texts.esc(fit(part.text, 800))
                if part.text
                else texts.LETTER_EMPTY_PART,
            ),
        )
        return SECTION_TEXT
    if action == "sub" and member.role is Role.TIM:
        await _submit(update, context, member, letter)
        return ConversationHandler.END
    if action in ("open", "close") and letter.kind == UNDANGAN:
        await _attendance_window(update, context, member, letter, open_it=action == "open")
        return None
    if action == "media" and letter.kind == UNDANGAN:
        context.user_data[MEDIA_KEY] = {"id": letter.id, "photos": 0, "notes": 0, "group": ""}
        await show(
            update,
            texts.SOC_MEDIA_ASK,
            InlineKeyboardMarkup([[button(texts.SOC_MEDIA_DONE_BUTTON, f"ltr:mdone:{letter.id}")]]),
        )
        return SOC_MEDIA
    if action == "mdone":
        media = context.user_data.pop(MEDIA_KEY, None) or {}
        await show(
            update,
            texts.SOC_MEDIA_DONE.format(photos=media.get("photos", 0), notes=media.get("notes", 0)),
            _back_to_card(letter),
        )
        return ConversationHandler.END
    if action == "rep" and letter.kind == UNDANGAN:
        await _open_report(update, context, member, letter)
        return ConversationHandler.END
    await show(update, app_texts.STALE_BUTTON)
    return ConversationHandler.END


@members_only(*TEAM)
async def section_text(update: Update, context: Context, member: Member) -> int:
    """The new text of the chosen paragraph."""
    assert update.effective_message is not None and context.user_data is not None
    pending = context.user_data.get(EDIT_KEY)
    raw = (update.effective_message.text or "").strip()
    if not isinstance(pending, dict):
        await update.effective_message.reply_text(app_texts.STALE_BUTTON)
        return ConversationHandler.END
    svc = services(context)
    letter = _letter_by_id(svc, int(pending["id"]))
    if letter is None or letter.status != store.DRAFT:
        await update.effective_message.reply_text(app_texts.STALE_BUTTON)
        return ConversationHandler.END
    key = str(pending["key"])
    try:
        content = letter_parts.replace_part(
            content_from_json(letter.kind, letter.content_json), key, raw
        )
    except KeyError:
        await update.effective_message.reply_text(app_texts.STALE_BUTTON)
        return ConversationHandler.END
    except ValueError as exc:
        await update.effective_message.reply_text(
            texts.LETTER_BAD_TEXT.format(reason=app_texts.esc_rule(exc))
        )
        return SECTION_TEXT
    part = letter_parts.find_part(content, key)
    assert part is not None
    label = part_label(letter.kind, part)
    with svc.db.write() as session:
        stored = session.get(Letter, letter.id)
        actor = users.get_user(session, member.user_id)
        assert stored is not None and actor is not None
        store.update_content(
            session,
            letter=stored,
            content_json=content_to_json(content),
            actor=actor,
            now=svc.now(),
        )
    context.user_data.pop(EDIT_KEY, None)
    refreshed = _letter_by_id(svc, letter.id)
    assert refreshed is not None
    await update.effective_message.reply_text(
        texts.LETTER_SECTION_SAVED.format(section=app_texts.esc(label)),
        reply_markup=_card_markup(svc, refreshed, member),
    )
    return ConversationHandler.END


async def _submit(update: Update, context: Context, member: Member, letter: Letter) -> None:
    svc = services(context)
    assert letter.id is not None
    with svc.db.write() as session:
        stored = session.get(Letter, letter.id)
        assert stored is not None
        store.set_status(session, letter=stored, status=store.AWAITING, now=svc.now())
    pdf = await asyncio.to_thread(_render, svc, letter, number=None, day=svc.today())
    name = texts.LETTER_KIND_NAMES[letter.kind]
    await approval_ui.send_request(
        context,
        kind=f"surat_{letter.kind}",
        subject_id=letter.id,
        title=name,
        summary=texts.LETTER_APPROVAL_SUMMARY.format(
            name=name,
            by=app_texts.esc(member.full_name),
            when=format_datetime(svc.now(), svc.profile.timezone),
            detail=_detail(svc, letter),
        ),
        options=[SIGN, REJECT],
        requested_by=member,
        attachments=[
            (pdf, _file_name(letter, False), texts.LETTER_PREVIEW_CAPTION.format(name=name))
        ],
    )
    await show(update, texts.LETTER_SUBMITTED.format(name=name), _back_to_card(letter))


# --- signing (the approval mechanism calls back here) ------------------------------------------


def _is_current(svc: Services, view: RequestView) -> bool:
    letter = _letter_by_id(svc, view.subject_id)
    return letter is not None and letter.status == store.AWAITING


async def _on_decided(context: Context, view: RequestView) -> None:
    svc = services(context)
    letter = _letter_by_id(svc, view.subject_id)
    if letter is None or letter.id is None:
        return
    name = texts.LETTER_KIND_NAMES[letter.kind]
    by = f"{view.acting_title} {view.decided_by}".strip()
    if view.decision != SIGN.key:
        with svc.db.write() as session:
            stored = session.get(Letter, letter.id)
            assert stored is not None
            store.set_status(session, letter=stored, status=store.DRAFT, now=svc.now())
        await tell_team(
            context,
            svc,
            texts.LETTER_REJECTED_TEAM.format(
                name=name, by=app_texts.esc(by), comment=app_texts.esc(view.comment)
            ),
        )
        return
    # Letter numbers run per calendar year of signing (027/001/UKPBJ/2027 is the first
    # letter signed in 2027), whatever cycle the letter belongs to.
    year = svc.today().year
    with svc.db.write() as session:
        sequence = store.next_number(session, year=year)
    number = svc.profile.letter_number(sequence=sequence, year=year)
    approval = _approval(svc, letter, view)
    pdf = await asyncio.to_thread(
        _render, svc, letter, number=number, day=svc.today(), approval=approval
    )
    owners = _owners(svc)
    with svc.db.write() as session:
        signer = (
            None
            if view.decided_by_user_id is None
            else users.get_user(session, view.decided_by_user_id)
        )
        document = archive.store(
            session,
            root=svc.archive_dir,
            content=pdf,
            meta=NewDocument(
                kind=ARCHIVE_KINDS[letter.kind],
                file_name=f"{ARCHIVE_KINDS[letter.kind]}-{sequence:03d}-{year}.pdf",
                mime_type="application/pdf",
                cycle_id=letter.cycle_id,
                step_no=STEPS[letter.kind],
                uploaded_by_user_id=None if signer is None else signer.id,
                signature=Signed(
                    number=number,
                    signed_by=approval.signatory.name,
                    signed_as=approval.capacity,
                    signed_at=approval.at,
                    verification_code=approval.code,
                ),
            ),
            now=svc.now(),
        )
        stored = session.get(Letter, letter.id)
        assert stored is not None and document.id is not None
        store.sign(
            session,
            letter=stored,
            number=number,
            sequence=sequence,
            signer=signer,
            document_id=document.id,
            now=svc.now(),
        )
        broadcast_id = None
        if letter.kind in (EDARAN, UNDANGAN):
            broadcast = outbox.create_broadcast(
                session,
                kind=ARCHIVE_KINDS[letter.kind],
                ref_id=letter.id,
                text=_caption(svc, letter, number),
                recipients=[(u.id, u.telegram_id) for u in owners],
                now=svc.now(),
                buttons=_broadcast_buttons(letter.kind),
                document_id=document.id,
                created_by_user_id=letter.created_by_user_id,
            )
            broadcast_id = broadcast.id
            stored.broadcast_id = broadcast_id
            session.add(stored)
    step = STEPS[letter.kind]
    _set_step(svc, letter.cycle_id, step, StepState.SELESAI, view.decided_by_user_id)
    if letter.kind == UNDANGAN:
        _set_step(svc, letter.cycle_id, 9, StepState.BERJALAN, view.decided_by_user_id)
    if letter.kind == LAPORAN:
        for earlier in (7, 8):
            _set_step(svc, letter.cycle_id, earlier, StepState.SELESAI, view.decided_by_user_id)
        await tell_team(
            context, svc, texts.LETTER_SIGNED_REPORT.format(name=name, by=app_texts.esc(by))
        )
    else:
        await tell_team(
            context,
            svc,
            texts.LETTER_SIGNED_TEAM.format(
                name=name, by=app_texts.esc(by), number=app_texts.esc(number), count=len(owners)
            ),
        )
    kick_outbox(context)


def kick_outbox(context: Context) -> None:
    """Ask the running bot to drain the outbox now instead of at its next tick."""
    from bot.app import drain_outbox

    if context.application.job_queue is not None and context.application.running:
        context.application.job_queue.run_once(drain_outbox, 0)


def _caption(svc: Services, letter: Letter, number: str) -> str:
    name = texts.LETTER_KIND_NAMES[letter.kind]
    if letter.kind == UNDANGAN:
        content = content_from_json(letter.kind, letter.content_json)
        return texts.LETTER_CAPTION_INVITATION.format(
            name=name,
            number=app_texts.esc(number),
            when=format_date(content.day),
            place=app_texts.esc(content.place),
        )
    return texts.LETTER_CAPTION.format(name=name, number=app_texts.esc(number))


def _broadcast_buttons(kind: str) -> list[list[tuple[str, str]]]:
    if kind == EDARAN:
        return [[(texts.LETTER_BUTTON_ACK, "ack:{item}")]]
    return [
        [
            (texts.SOC_RSVP_HADIR, "rsvp:{item}:hadir"),
            (texts.SOC_RSVP_WAKIL, "rsvp:{item}:wakil"),
            (texts.SOC_RSVP_TIDAK, "rsvp:{item}:tidak"),
        ]
    ]


# --- recipients' buttons -----------------------------------------------------------------------


def _own_item(svc: Services, member: Member, item_id: int | None) -> OutboxItem | None:
    if item_id is None:
        return None
    with svc.db.read() as session:
        item = session.get(OutboxItem, item_id)
    return item if item is not None and item.user_id == member.user_id else None


@members_only()
async def acknowledge(update: Update, context: Context, member: Member) -> None:
    """ "Sudah diterima" under a circular: recorded once."""
    parts = callback_parts(update.callback_query.data if update.callback_query else None, "ack")
    svc = services(context)
    item = _own_item(svc, member, int_or_none(parts[0]) if parts else None)
    if item is None or item.id is None:
        await answer(update, texts.LETTER_NOT_YOURS)
        return
    if item.response == "diterima":
        await answer(update, texts.LETTER_ACK_ALREADY)
        return
    with svc.db.write() as session:
        outbox.respond(session, item_id=item.id, response="diterima", note="", now=svc.now())
    await answer(update, texts.LETTER_ACK_THANKS)


@members_only()
async def rsvp(update: Update, context: Context, member: Member) -> int | None:
    """Hadir / Diwakilkan / Tidak hadir under the invitation; the latter two ask a note."""
    parts = callback_parts(update.callback_query.data if update.callback_query else None, "rsvp")
    svc = services(context)
    item = _own_item(svc, member, int_or_none(parts[0]) if parts else None)
    answer_key = parts[1] if len(parts) > 1 else ""
    if item is None or item.id is None or answer_key not in texts.SOC_RSVP_LABELS:
        await answer(update, texts.LETTER_NOT_YOURS)
        return ConversationHandler.END
    await answer(update)
    if answer_key == "hadir":
        return await _save_rsvp(update, context, item.id, answer_key, "")
    assert context.user_data is not None
    context.user_data[RSVP_KEY] = {"item": item.id, "answer": answer_key}
    chat = update.effective_chat
    assert chat is not None
    prompt = texts.SOC_ASK_DELEGATE if answer_key == "wakil" else texts.SOC_ASK_REASON
    await context.bot.send_message(chat.id, prompt)
    return RSVP_NOTE


@members_only()
async def rsvp_note(update: Update, context: Context, member: Member) -> int:
    """The representative's name, or the reason for not coming."""
    assert update.effective_message is not None and context.user_data is not None
    pending = context.user_data.get(RSVP_KEY)
    text = _text(update)
    if not isinstance(pending, dict):
        await update.effective_message.reply_text(app_texts.STALE_BUTTON)
        return ConversationHandler.END
    if not 3 <= len(text) <= 300:
        await update.effective_message.reply_text(app_texts.PLAN_TEXT_REQUIRED)
        return RSVP_NOTE
    context.user_data.pop(RSVP_KEY, None)
    return await _save_rsvp(update, context, int(pending["item"]), str(pending["answer"]), text)


async def _save_rsvp(
    update: Update, context: Context, item_id: int, answer_key: str, note: str
) -> int:
    svc = services(context)
    with svc.db.write() as session:
        outbox.respond(session, item_id=item_id, response=answer_key, note=note, now=svc.now())
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_message(
        chat.id,
        texts.SOC_RSVP_SAVED.format(
            answer=texts.SOC_RSVP_LABELS[answer_key],
            note=f" ({app_texts.esc(note)})" if note else "",
        ),
    )
    return ConversationHandler.END


# --- attendance --------------------------------------------------------------------------------


async def _attendance_window(
    update: Update, context: Context, member: Member, letter: Letter, *, open_it: bool
) -> None:
    svc = services(context)
    now = svc.now()
    with svc.db.write() as session:
        stored = session.get(Letter, letter.id)
        assert stored is not None and stored.id is not None
        stored.attendance_open_until = now + ATTENDANCE_WINDOW if open_it else now
        session.add(stored)
        if open_it:
            outbox.create_broadcast(
                session,
                kind="hadir_sosialisasi",
                ref_id=stored.id,
                text=texts.SOC_ATTEND_CALL,
                recipients=[(u.id, u.telegram_id) for u in _owners(svc)],
                now=now,
                buttons=[[(texts.SOC_BUTTON_PRESENT, "hdr:{item}")]],
                created_by_user_id=member.user_id,
            )
    kick_outbox(context)
    refreshed = _letter_by_id(svc, letter.id)
    assert refreshed is not None
    await _show_card(update, context, member, refreshed)


@members_only()
async def present(update: Update, context: Context, member: Member) -> None:
    """ "Saya hadir" while the attendance window is open."""
    parts = callback_parts(update.callback_query.data if update.callback_query else None, "hdr")
    svc = services(context)
    item = _own_item(svc, member, int_or_none(parts[0]) if parts else None)
    if item is None:
        await answer(update, texts.LETTER_NOT_YOURS)
        return
    with svc.db.read() as session:
        broadcast = session.get(Broadcast, item.broadcast_id)
    letter = _letter_by_id(svc, None if broadcast is None else broadcast.ref_id)
    now = svc.now()
    if (
        letter is None
        or letter.attendance_open_until is None
        or letter.attendance_open_until <= now
    ):
        await answer(update, texts.SOC_WINDOW_CLOSED)
        return
    with svc.db.write() as session:
        assert letter.id is not None
        store.mark_attendance(
            session,
            letter_id=letter.id,
            user_id=member.user_id,
            present=True,
            via="sendiri",
            marked_by=None,
            now=now,
        )
    await answer(update, texts.SOC_PRESENT_SAVED)


@members_only(*TEAM)
async def checklist(update: Update, context: Context, member: Member) -> None:
    """The team ticks who attended: one toggle per owner, a page at a time."""
    await answer(update)
    parts = callback_parts(update.callback_query.data if update.callback_query else None, "chk")
    svc = services(context)
    letter = _letter_by_id(svc, int_or_none(parts[0]) if parts else None)
    if letter is None or letter.id is None or letter.kind != UNDANGAN:
        await show(update, app_texts.STALE_BUTTON)
        return
    toggle = int_or_none(parts[1]) if len(parts) > 1 else None
    page = int_or_none(parts[2]) if len(parts) > 2 else 1
    if toggle:
        with svc.db.write() as session:
            current = store.attendance(session, letter_id=letter.id).get(toggle)
            actor = users.get_user(session, member.user_id)
            store.mark_attendance(
                session,
                letter_id=letter.id,
                user_id=toggle,
                present=not (current is not None and current.present),
                via="tim",
                marked_by=actor,
                now=svc.now(),
            )
    with svc.db.read() as session:
        marks = store.attendance(session, letter_id=letter.id)
    owners = _owners(svc)

    def make(user: User) -> Any:
        mark = "✅" if (row := marks.get(user.id or 0)) is not None and row.present else "⬜"
        return button(f"{mark} {fit(user.full_name)}", f"chk:{letter.id}:{user.id}:{page}")

    markup, page, pages = paged(
        owners,
        page=page or 1,
        make_button=make,
        nav_data=lambda p: f"chk:{letter.id}:0:{p}",
        extra_rows=[[button(app_texts.BUTTON_BACK, f"ltr:card:{letter.id}")]],
    )
    await show(update, texts.SOC_CHECKLIST.format(page=page, pages=pages), markup)


# --- photos, notes and the report ---------------------------------------------------------------


@members_only(*TEAM)
async def media(update: Update, context: Context, member: Member) -> int:
    """Photos (an album is one batch) and typed notes for the socialisation report."""
    message = update.effective_message
    assert message is not None and context.user_data is not None
    svc = services(context)
    state = context.user_data.get(MEDIA_KEY)
    letter = _letter_by_id(svc, int(state["id"])) if isinstance(state, dict) else None
    if letter is None or not isinstance(state, dict):
        await message.reply_text(app_texts.STALE_BUTTON)
        return ConversationHandler.END
    if message.text:
        with svc.db.write() as session:
            archive.store(
                session,
                root=svc.archive_dir,
                content=message.text.encode(),
                meta=NewDocument(
                    kind=NOTE_KIND,
                    file_name="catatan.txt",
                    mime_type="text/plain",
                    cycle_id=letter.cycle_id,
                    step_no=9,
                    uploaded_by_user_id=member.user_id,
                ),
                now=svc.now(),
            )
        state["notes"] = int(state.get("notes", 0)) + 1
        await message.reply_text(texts.SOC_NOTE_SAVED)
        return SOC_MEDIA
    file_id, size, name = None, 0, "foto.jpg"
    if message.photo:
        largest = message.photo[-1]
        file_id, size = largest.file_id, largest.file_size or 0
    elif message.document and (message.document.mime_type or "").startswith("image/"):
        file_id, size = message.document.file_id, message.document.file_size or 0
        name = message.document.file_name or name
    if file_id is None:
        await message.reply_text(texts.SOC_MEDIA_NOT_IMAGE)
        return SOC_MEDIA
    if size > MAX_PHOTO_BYTES:
        await message.reply_text(
            texts.SOC_PHOTO_TOO_BIG.format(
                size=f"{size / 1e6:.1f} MB", limit=f"{MAX_PHOTO_BYTES / 1e6:.0f} MB"
            )
        )
        return SOC_MEDIA
    content = bytes(await (await context.bot.get_file(file_id)).download_as_bytearray())
    with svc.db.write() as session:
        archive.store(
            session,
            root=svc.archive_dir,
            content=content,
            meta=NewDocument(
                kind=PHOTO_KIND,
                file_name=name,
                mime_type="image/jpeg",
                cycle_id=letter.cycle_id,
                step_no=9,
                telegram_file_id=file_id,
                uploaded_by_user_id=member.user_id,
            ),
            now=svc.now(),
        )
    state["photos"] = int(state.get("photos", 0)) + 1
    group = message.media_group_id or ""
    # An album arrives as several messages: acknowledge it once, not once per photo.
    if not group or group != state.get("group"):
        await message.reply_text(texts.SOC_MEDIA_SAVED.format(count=state["photos"]))
    state["group"] = group
    return SOC_MEDIA


async def _open_report(
    update: Update, context: Context, member: Member, invitation: Letter
) -> None:
    svc = services(context)
    report = _letter_in(svc, LAPORAN, invitation.cycle_id)
    if report is None:
        if member.role is not Role.TIM:
            name = texts.LETTER_KIND_NAMES[LAPORAN]
            await show(
                update,
                texts.LETTER_NONE_HEAD.format(name=name, year=_year_of(svc, invitation)),
                _back_to_card(invitation),
            )
            return
        report = _create(
            svc,
            member,
            LAPORAN,
            _default_report(svc, member, invitation),
            _year_of(svc, invitation),
        )
    await _show_card(update, context, member, report)


def _default_report(svc: Services, member: Member, invitation: Letter) -> SocialisationReport:
    content = content_from_json(UNDANGAN, invitation.content_json)
    items = _items(svc, invitation.broadcast_id)
    with svc.db.read() as session:
        people = {u.id: u for u in users.list_users(session)}
        marks = store.attendance(session, letter_id=invitation.id or 0)
    unit_names = _unit_names(svc)
    attendance = []
    for item in items:
        person = people.get(item.user_id) if item.user_id else None
        if person is None or person.id is None:
            continue
        unit = unit_names.get(person.unit_id or 0, "-")
        row = marks.get(person.id)
        if row is not None and row.present:
            status = "Hadir"
        elif item.response == "wakil":
            status = f"Diwakilkan: {item.response_note}"
        else:
            status = "Tidak hadir"
        attendance.append((person.full_name, unit, status))
    notes = "\n".join(
        archive.path_of(svc.archive_dir, d).read_text(encoding="utf-8")
        for d in _documents(svc, NOTE_KIND, invitation.cycle_id)
    )
    return letter_docs.default_report(
        svc.profile,
        day=content.day,
        time_text=content.time_text,
        place=content.place,
        speakers=(
            (svc.profile.head.name, "Arahan Kepala UKPBJ"),
            (member.full_name, content.agenda),
        ),
        attendance=attendance,
        photos=(),
        notes=notes,
        year=_year_of(svc, invitation),
    )


async def _invite_unit(
    update: Update, context: Context, member: Member, unit_id: int | None
) -> int:
    """A unit without an owner: an invitation link for its PJ Kinerja."""
    svc = services(context)
    now = svc.now()
    with svc.db.write() as session:
        unit = None if unit_id is None else units.get_unit(session, unit_id)
        creator = users.get_user(session, member.user_id)
        if unit is None:
            await show(update, app_texts.STALE_BUTTON)
            return ConversationHandler.END
        invitation = users.create_invitation(
            session,
            code=new_code(),
            role=Role.PJ,
            unit_id=unit.id,
            created_by=creator,
            created_via="bot",
            now=now,
            expires_at=now + DEFAULT_LIFETIME,
        )
        code, unit_name = invitation.code, unit.name
    link = deep_link(context.bot.username or "", code)
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_message(
        chat.id,
        texts.EDARAN_INVITE_CREATED.format(
            unit=app_texts.esc(unit_name),
            expires=format_datetime(now + DEFAULT_LIFETIME, svc.profile.timezone),
            link=link,
        ),
    )
    return ConversationHandler.END


@members_only()
async def cancel(update: Update, context: Context, member: Member) -> int:
    """/batal inside a letter flow."""
    if context.user_data is not None:
        for key in (EDIT_KEY, SOC_KEY, MEDIA_KEY, RSVP_KEY):
            context.user_data.pop(key, None)
    if update.effective_message is not None:
        await update.effective_message.reply_text(app_texts.CANCELLED)
    return ConversationHandler.END


_TEXT = filters.TEXT & ~filters.COMMAND


def _buttons() -> list[BaseHandler[Update, Context, Any]]:
    return [
        CallbackQueryHandler(new_letter, pattern=r"^ltr:new:"),
        CallbackQueryHandler(go_to, pattern=r"^ltr:go:"),
        CallbackQueryHandler(letter_buttons, pattern=r"^ltr:"),
        CallbackQueryHandler(checklist, pattern=r"^chk:"),
    ]


def handlers() -> list[BaseHandler[Update, Context, Any]]:
    """This feature's handlers, fresh for each application."""
    letters_flow = conversation_handler(
        entry_points=[
            CommandHandler("edaran", circular_command),
            CommandHandler("sosialisasi", socialisation_command),
            *_buttons(),
        ],
        states={
            SECTION_TEXT: [MessageHandler(_TEXT, section_text), *_buttons()],
            SOC_DATE: [MessageHandler(_TEXT, soc_date), *_buttons()],
            SOC_TIME: [MessageHandler(_TEXT, soc_time), *_buttons()],
            SOC_PLACE: [MessageHandler(_TEXT, soc_place), *_buttons()],
            SOC_AGENDA: [MessageHandler(_TEXT, soc_agenda), *_buttons()],
            SOC_MEDIA: [
                MessageHandler(filters.PHOTO | filters.Document.ALL | _TEXT, media),
                *_buttons(),
            ],
        },
        fallbacks=[CommandHandler("batal", cancel)],
        name="surat",
    )
    rsvp_flow = conversation_handler(
        entry_points=[CallbackQueryHandler(rsvp, pattern=r"^rsvp:")],
        states={
            RSVP_NOTE: [
                MessageHandler(_TEXT, rsvp_note),
                CallbackQueryHandler(rsvp, pattern=r"^rsvp:"),
            ]
        },
        fallbacks=[CommandHandler("batal", cancel)],
        name="rsvp",
    )
    return [
        letters_flow,
        rsvp_flow,
        CallbackQueryHandler(acknowledge, pattern=r"^ack:"),
        CallbackQueryHandler(present, pattern=r"^hdr:"),
    ]


APPROVAL_KINDS = {
    f"surat_{kind}": ApprovalKind(is_current=_is_current, on_decided=_on_decided)
    for kind in (EDARAN, UNDANGAN, LAPORAN)
}
STEP_OPENERS = {"edaran": open_step, "sosialisasi": open_step}
