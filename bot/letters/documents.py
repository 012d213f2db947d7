"""The official letters of SOP steps 7-9 as PDFs: circular, invitation and socialisation report.

Pure functions: content in, PDF bytes out. Each letter is laid out after the tata naskah
dinas of a regional government: the unit's kop with the double rule, then

* the Surat Edaran (step 7): "Yth." recipients; SURAT EDARAN, NOMOR, TENTANG; numbered parts
  (Latar Belakang, Maksud dan Tujuan, Ruang Lingkup, Dasar, Isi Edaran, Penutup); "Ditetapkan
  di ... pada tanggal ..."; the signature block; "Tembusan:";
* the Surat Undangan (step 8): place and date top right; Nomor, Sifat, Lampiran, Hal; "Yth.";
  the opening, the hari/tanggal, waktu, tempat and acara, the closing; the signature block;
  the invitees in a lampiran page;
* the Laporan Sosialisasi (step 9): "LAPORAN TENTANG ..."; A. Pendahuluan to E. Penutup with
  time, place, speakers and the attendance per OPD; the signature block; the attendance list
  and the photos as lampiran.

A letter without a number is a draft: its number prints as ``027/…/UKPBJ/2027`` (the
profile's format with "…" for the sequence) and every page carries a light diagonal "DRAF".
A signed letter names its signatory in the capacity they signed in (``a.n.`` of another
official when the profile says so for that kind of letter, ``Plh.``/``Plt.`` for an acting
head) with the note of the approval in the bot and its verification code beside it.

Layout rules: the body is Liberation Sans (Arial's metrics) at 12 pt; the signature never
stands alone on a page (the last lines, or table rows, before it go over with it); a table's
caption stays with its first row; a lampiran is printed (and announced) only when there is
something to attach; long text wraps, never cut.

The default wording is data: ``templates/surat-edaran.toml``, ``templates/surat-undangan.toml``
and ``templates/laporan-sosialisasi.toml``, filled from the profile by :func:`default_circular`,
:func:`default_invitation`, :func:`default_report` and :func:`default_header`. Every paragraph is
its own field, so a caller changes one with :func:`dataclasses.replace`.
"""

from __future__ import annotations

import io
import string
import tomllib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any

from fpdf import FontFace
from fpdf.enums import TableBordersLayout, VAlign, XPos, YPos
from fpdf.image_datastructures import ImageCache
from fpdf.image_parsing import preload_image
from PIL import Image, ImageOps

from bot.core.dates import format_date
from bot.core.pdf import (
    BLACK,
    BODY_SIZE,
    FONT_FAMILY,
    OfficialPdf,
    SignatureBlock,
    draw_draft_mark,
    draw_letterhead,
    line_count,
    set_metadata,
    signature_block,
)
from bot.core.pdf import DRAFT_LABEL as DRAFT_LABEL  # re-exported for callers of letters
from bot.core.pdf import DRAFT_MARK as DRAFT_MARK
from bot.core.profile import OrgProfile
from bot.core.resources import templates_dir
from bot.core.signing import Approval, capacity_lines
from bot.planning.rules.values import format_number

# What a draft prints instead of the sequence number.
DRAFT_SEQUENCE = "…"


class LetterTemplateError(ValueError):
    """A wording file under templates/ is missing, unreadable or has an unknown placeholder."""


class LetterKind(StrEnum):
    """The letters of SOP steps 7-9; the value names the wording file under templates/."""

    CIRCULAR = "surat-edaran"
    INVITATION = "surat-undangan"
    REPORT = "laporan-sosialisasi"

    @property
    def file_name(self) -> str:
        return f"{self.value}.toml"


# Content ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LetterHeader:
    """Number, place and date, and the Sifat/Lampiran/Hal lines of a letter.

    ``number`` None (or blank) makes the letter a draft. Sifat, Lampiran and Hal print on
    the invitation only (a circular has its TENTANG, a report its title); ``hal`` is also the
    PDF's title.
    """

    number: str | None
    place: str
    day: date
    sifat: str = "Biasa"
    lampiran: str = "-"
    hal: str = field(kw_only=True)

    @property
    def is_draft(self) -> bool:
        return not (self.number and self.number.strip())


@dataclass(frozen=True)
class CircularContent:
    """The Surat Edaran.

    ``sections`` are (title, text) pairs numbered from 1 (Latar Belakang, Maksud dan Tujuan,
    Ruang Lingkup); Dasar (``legal_basis``), Isi Edaran (``points``, lettered a., b., ...) and
    Penutup (``closing``) follow with the next numbers. A newline in a text starts a paragraph.
    """

    tentang: str
    recipients: tuple[str, ...]
    sections: tuple[tuple[str, str], ...]
    legal_basis: tuple[str, ...]
    points: tuple[str, ...]
    closing: str
    copies: tuple[str, ...]


@dataclass(frozen=True)
class InvitationContent:
    """The Surat Undangan; ``invitees`` (name, unit) make a lampiran page when not empty."""

    recipients: tuple[str, ...]
    opening: str
    day: date
    time_text: str
    place: str
    agenda: str
    closing: str
    invitees: tuple[tuple[str, str], ...]
    copies: tuple[str, ...]


@dataclass(frozen=True)
class SocialisationReport:
    """The Laporan Sosialisasi.

    ``speakers`` are (name, material); ``attendance`` is (name, unit, status) with a status
    such as "Hadir", "Diwakilkan: <name>" or "Tidak hadir"; ``photos`` are JPEG or PNG bytes
    (one that cannot be read is named in the report instead of shown).
    """

    title: str
    introduction: str
    activities: str
    results: str
    conclusions: str
    closing: str
    day: date
    time_text: str
    place: str
    speakers: tuple[tuple[str, str], ...]
    attendance: tuple[tuple[str, str, str], ...]
    photos: tuple[bytes, ...]


@dataclass(frozen=True)
class UnitAttendance:
    """How many of one unit's invitees came: in person, represented, or not at all."""

    unit: str
    invited: int
    attended: int
    represented: int
    absent: int

    @property
    def present(self) -> int:
        return self.attended + self.represented


def attendance_kind(status: str) -> str:
    """``hadir``, ``diwakilkan`` or ``tidak hadir`` for a status as typed in the list."""
    folded = status.strip().casefold()
    if folded.startswith("diwakil"):
        return "diwakilkan"
    if folded.startswith("hadir"):
        return "hadir"
    return "tidak hadir"


def attendance_summary(
    attendance: Sequence[tuple[str, str, str]],
) -> tuple[UnitAttendance, ...]:
    """Counts per unit, in the order the units first appear in ``attendance``."""
    counts: dict[str, list[int]] = {}
    for _name, unit, status in attendance:
        row = counts.setdefault(unit.strip() or "-", [0, 0, 0])
        row[("hadir", "diwakilkan", "tidak hadir").index(attendance_kind(status))] += 1
    return tuple(
        UnitAttendance(unit, sum(row), row[0], row[1], row[2]) for unit, row in counts.items()
    )


def draft_number(profile: OrgProfile, year: int) -> str:
    """The profile's number format with the sequence left open: ``027/…/UKPBJ/2027``."""
    values: dict[str, object] = {
        "klasifikasi": profile.default_classification,
        "kode_unit": profile.unit_code,
        "tahun": year,
    }
    parts: list[str] = []
    for literal, name, spec, conversion in string.Formatter().parse(profile.letter_number_format):
        parts.append(literal)
        if name is None:
            continue
        if name == "urut":
            parts.append(DRAFT_SEQUENCE)
            continue
        value = values.get(name, "")
        if conversion == "r":
            value = repr(value)
        elif conversion == "s":
            value = str(value)
        parts.append(format(value, spec or ""))
    return "".join(parts)


def letter_number_text(profile: OrgProfile, header: LetterHeader) -> str:
    """The number as printed: the letter's own, or the draft placeholder."""
    if header.is_draft or header.number is None:
        return draft_number(profile, header.day.year)
    return header.number.strip()


def spelled_number(n: int) -> str:
    """A whole number in Indonesian words, as in ``12 (dua belas)``; up to 999.999."""
    ones = (
        "nol",
        "satu",
        "dua",
        "tiga",
        "empat",
        "lima",
        "enam",
        "tujuh",
        "delapan",
        "sembilan",
        "sepuluh",
        "sebelas",
    )

    def join(head: str, rest: int) -> str:
        return f"{head} {spelled_number(rest)}" if rest else head

    if n < 0 or n >= 1_000_000:
        return str(n)
    if n < 12:
        return ones[n]
    if n < 20:
        return f"{ones[n - 10]} belas"
    if n < 100:
        return join(f"{ones[n // 10]} puluh", n % 10)
    if n < 200:
        return join("seratus", n - 100)
    if n < 1000:
        return join(f"{ones[n // 100]} ratus", n % 100)
    if n < 2000:
        return join("seribu", n - 1000)
    return join(f"{spelled_number(n // 1000)} ribu", n % 1000)


# Default wording --------------------------------------------------------------------------


def _load(kind: LetterKind) -> dict[str, Any]:
    path = templates_dir() / kind.file_name
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise LetterTemplateError(f"berkas teks surat tidak ditemukan: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise LetterTemplateError(f"berkas {path.name} bukan TOML yang sah: {exc}") from None


def _fill(text: str, values: Mapping[str, object], kind: LetterKind, key: str) -> str:
    try:
        return text.format_map(values).strip()
    except KeyError as exc:
        raise LetterTemplateError(
            f"{kind.file_name}: {key} memakai placeholder {{{exc.args[0]}}} yang tidak dikenal"
        ) from None
    except (ValueError, IndexError) as exc:
        raise LetterTemplateError(f"{kind.file_name}: {key} tidak sah: {exc}") from None


class _Wording:
    """One wording file, its texts filled in with ``values``."""

    def __init__(self, kind: LetterKind, values: Mapping[str, object]) -> None:
        self.kind = kind
        self.data = _load(kind)
        self.values = values

    def text(self, key: str, **extra: object) -> str:
        value = self.data.get(key)
        if not isinstance(value, str):
            raise LetterTemplateError(f"{self.kind.file_name}: {key} harus berupa teks")
        return _fill(value, {**self.values, **extra}, self.kind, key)

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise LetterTemplateError(f"{self.kind.file_name}: {key} harus berupa daftar teks")
        filled = (_fill(item, self.values, self.kind, key) for item in value)
        return tuple(item for item in filled if item)

    def sections(self, key: str) -> tuple[tuple[str, str], ...]:
        value = self.data.get(key, [])
        if not isinstance(value, list):
            raise LetterTemplateError(f"{self.kind.file_name}: [[{key}]] harus berupa tabel")
        sections: list[tuple[str, str]] = []
        for number, item in enumerate(value, start=1):
            title, text = (
                (item.get("judul"), item.get("isi")) if isinstance(item, dict) else ("", "")
            )
            if not isinstance(title, str) or not isinstance(text, str) or not title.strip():
                raise LetterTemplateError(
                    f"{self.kind.file_name}: [[{key}]] ke-{number} harus memuat judul dan isi"
                )
            where = f"[[{key}]] ke-{number}"
            sections.append(
                (
                    _fill(title, self.values, self.kind, where),
                    _fill(text, self.values, self.kind, where),
                )
            )
        return tuple(sections)


def _region(government: str) -> str:
    """``Kabupaten Jayawijaya`` from ``Pemerintah Kabupaten Jayawijaya``."""
    words = government.split()
    if words and words[0].casefold() == "pemerintah":
        words = words[1:]
    return " ".join(words)


def _regional_head(region: str) -> str:
    """``Bupati Jayawijaya``, ``Wali Kota Jayapura``, ``Gubernur Papua Pegunungan``."""
    titles = {"kabupaten": "Bupati", "kota": "Wali Kota", "provinsi": "Gubernur"}
    first, _, rest = region.partition(" ")
    title = titles.get(first.casefold())
    if title is None or not rest:
        return "Kepala Daerah"
    return f"{title} {rest}"


def _profile_values(profile: OrgProfile, year: int) -> dict[str, object]:
    region = _region(profile.government)
    full_unit = f"{profile.unit_name} {profile.parent_unit}".strip()
    return {
        "tahun": year,
        "pemerintah": profile.government,
        "wilayah": region,
        "kepala_daerah": _regional_head(region),
        "unit": profile.unit_name,
        "unit_lengkap": full_unit,
        "unit_singkat": profile.unit_short_name,
        "induk": profile.parent_unit,
        "kota": profile.city,
        "jabatan_kepala": profile.head.position,
    }


def default_header(
    kind: LetterKind,
    profile: OrgProfile,
    *,
    day: date,
    number: str | None = None,
    year: int | None = None,
    place: str | None = None,
) -> LetterHeader:
    """A header with the wording file's Hal, Sifat and Lampiran; place defaults to the city.

    ``year`` (default: the letter's year) fills ``{tahun}`` in the Hal.
    """
    wording = _Wording(kind, _profile_values(profile, year or day.year))
    return LetterHeader(
        number,
        place or profile.city,
        day,
        wording.text("sifat") or "Biasa",
        wording.text("lampiran") or "-",
        hal=wording.text("hal"),
    )


def default_circular(
    profile: OrgProfile, *, year: int, indicator_count: int, deadline_text: str
) -> CircularContent:
    """The circular of ``year`` in the default wording; ``deadline_text`` fills ``{tenggat}``."""
    values = {
        **_profile_values(profile, year),
        "tenggat": deadline_text,
        "jumlah_indikator": indicator_count,
        "jumlah_indikator_huruf": spelled_number(indicator_count),
    }
    wording = _Wording(LetterKind.CIRCULAR, values)
    return CircularContent(
        tentang=wording.text("tentang"),
        recipients=wording.texts("kepada"),
        sections=wording.sections("bagian"),
        legal_basis=wording.texts("dasar"),
        points=wording.texts("isi_edaran"),
        closing=wording.text("penutup"),
        copies=wording.texts("tembusan"),
    )


def _event_values(day: date, time_text: str, place: str) -> dict[str, object]:
    return {"hari_tanggal": format_date(day), "waktu": time_text, "tempat": place}


def default_invitation(
    profile: OrgProfile,
    *,
    day: date,
    time_text: str,
    place: str,
    agenda: str,
    invitees: Sequence[tuple[str, str]],
    year: int | None = None,
) -> InvitationContent:
    """The invitation to the socialisation on ``day`` in the default wording.

    An empty ``agenda`` takes the wording file's ``acara``. ``year`` (default: the year of
    ``day``) is the cycle's year that ``{tahun}`` names: a socialisation in December may
    be about next year's plan.
    """
    values = {
        **_profile_values(profile, year or day.year),
        **_event_values(day, time_text, place),
    }
    wording = _Wording(LetterKind.INVITATION, values)
    agenda = agenda.strip() or wording.text("acara")
    wording.values = {**values, "acara": agenda}
    return InvitationContent(
        recipients=wording.texts("kepada"),
        opening=wording.text("pembuka"),
        day=day,
        time_text=time_text,
        place=place,
        agenda=agenda,
        closing=wording.text("penutup"),
        invitees=tuple((name, unit) for name, unit in invitees),
        copies=wording.texts("tembusan"),
    )


def _percent(part: int, whole: int) -> str:
    if whole == 0:
        return "0%"
    return f"{format_number(round(100 * part / whole, 1))}%"


def default_report(
    profile: OrgProfile,
    *,
    day: date,
    time_text: str,
    place: str,
    speakers: Sequence[tuple[str, str]],
    attendance: Sequence[tuple[str, str, str]],
    photos: Sequence[bytes],
    notes: str,
    year: int | None = None,
) -> SocialisationReport:
    """The report of the socialisation on ``day`` in the default wording; ``year`` as for
    :func:`default_invitation`.

    The attendance figures in the text are counted from ``attendance``; ``notes`` (what the
    team noted during the session), when not blank, is added to "C. Hasil yang Dicapai".
    """
    units = attendance_summary(attendance)
    present = sum(unit.present for unit in units)
    values = {
        **_profile_values(profile, year or day.year),
        **_event_values(day, time_text, place),
        "jumlah_undangan": len(attendance),
        "jumlah_hadir": present,
        "jumlah_diwakilkan": sum(unit.represented for unit in units),
        "persen_hadir": _percent(present, len(attendance)),
        "jumlah_opd": len(units),
        "jumlah_opd_hadir": sum(1 for unit in units if unit.present),
    }
    wording = _Wording(LetterKind.REPORT, values)
    results = wording.text("hasil")
    if notes.strip():
        results += "\n" + wording.text("catatan", catatan=notes.strip())
    return SocialisationReport(
        title=wording.text("judul").upper(),
        introduction=wording.text("pendahuluan"),
        activities=wording.text("kegiatan"),
        results=results,
        conclusions=wording.text("simpulan"),
        closing=wording.text("penutup"),
        day=day,
        time_text=time_text,
        place=place,
        speakers=tuple((name, material) for name, material in speakers),
        attendance=tuple((name, unit, status) for name, unit, status in attendance),
        photos=tuple(photos),
    )


# Layout -----------------------------------------------------------------------------------

_SIZE = BODY_SIZE  # body text, points (12)
_LINE = 5.4  # body line height, millimetres
_PARAGRAPH_GAP = 1.8
_BOTTOM = 20.0  # bottom margin, millimetres
_TABLE_SIZE = 10.0
_TABLE_LINE = 4.5
_PAD_Y, _PAD_X = 1.2, 1.6
_NUMBER_WIDTH = 8.0  # "1." or "a." before an item
_YTH_WIDTH = 11.0  # "Yth." before the recipients
_COPY_NUMBER_WIDTH = 7.0
_COPIES_BEFORE = 8.0
_HEADING_BEFORE = 3.0
_SIGNATURE_BEFORE = 6.0
_SIGNATURE_GAP = 20.0  # the room to sign
_SIGNATURE_WIDTH = 0.52  # of the text width
# The signature never stands alone on a page: at least this many of the last lines of
# text (or rows of a table) before it go over with it.
_KEEP_WITH_SIGNATURE = 2
_HEAD_FILL = (230, 230, 230)
_FRAME = (150, 150, 150)
_HEAD_STYLE = FontFace(emphasis="BOLD", fill_color=_HEAD_FILL)
_TOTAL_STYLE = FontFace(emphasis="BOLD")
# Printed after the recipients of an invitation with a list of invitees, and only then.
_ATTACHED_LIST = "(daftar terlampir)"
_ONE_ATTACHMENT = "1 (satu) berkas"

# Photos are embedded at most this many pixels on their longer side (re-encoded as JPEG),
# which keeps a report small enough to send over a weak link.
_PHOTO_MAX_SIDE = 1600
_JPEG = b"\xff\xd8\xff"
_PNG = b"\x89PNG\r\n\x1a\n"


class _LetterPdf(OfficialPdf):
    """A letter's pages: "- 2 -" atop every page after the first, "DRAF" across drafts."""

    def __init__(self, *, draft: bool) -> None:
        super().__init__(body_size=_SIZE, bottom=_BOTTOM, draft=draft)

    def header(self) -> None:
        # A page break brought forward (to keep lines with the signature) ends here.
        self.set_auto_page_break(auto=True, margin=_BOTTOM)
        if self.draft:
            draw_draft_mark(self)
        if self.page_no() > 1:
            self.set_font(FONT_FAMILY, "", 10)
            self.set_text_color(*BLACK)
            self.set_xy(self.l_margin, 9)
            self.cell(self.epw, 4, f"- {self.page_no()} -", align="C")
        self.set_xy(self.l_margin, self.t_margin)


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


class _Writer:
    """Draws the parts letters share on a :class:`_LetterPdf`."""

    def __init__(
        self,
        pdf: _LetterPdf,
        profile: OrgProfile,
        header: LetterHeader,
        kind: LetterKind,
        approval: Approval | None,
    ) -> None:
        self.pdf = pdf
        self.profile = profile
        self.header = header
        self.kind = kind
        self.approval = approval
        self.number = letter_number_text(profile, header)

    # Room on the page -------------------------------------------------------------------

    @property
    def trigger(self) -> float:
        """Where the text area of a page ends (the usual page break)."""
        return self.pdf.h - _BOTTOM

    def keep(self, height: float) -> None:
        """Start a new page unless ``height`` millimetres fit below the current line."""
        pdf = self.pdf
        if pdf.get_y() + height > self.trigger and pdf.get_y() > pdf.t_margin + 1:
            pdf.add_page()

    def lines(self, text: str, width: float, style: str = "", size: float = _SIZE) -> int:
        self.pdf.set_font(FONT_FAMILY, style, size)
        return line_count(self.pdf, text, width)

    def text_height(self, text: str, *, x: float, gap: float = _PARAGRAPH_GAP) -> float:
        width = self.pdf.epw - x
        return sum(self.lines(p, width) * _LINE + gap for p in _paragraphs(text))

    def heading_height(self, title: str, *, before: float = _HEADING_BEFORE) -> float:
        return before + self.lines(title, self.pdf.epw - _NUMBER_WIDTH, "B") * _LINE + 0.8

    def _signature(self, place_date: Sequence[str], *, with_note: bool = True) -> SignatureBlock:
        approval = self.approval
        if approval is None:
            signatory = self.profile.head
            capacity = capacity_lines(
                signatory.position,
                on_behalf_of=self.profile.signs_on_behalf_of(self.kind.value),
            )
            note = ""
        else:
            signatory = approval.signatory
            capacity = approval.capacity_lines()
            note = approval.note(self.profile.timezone) if with_note else ""
        return signature_block(
            signatory,
            place_date,
            width=self.pdf.epw * _SIGNATURE_WIDTH,
            capacity=capacity,
            note=note,
            line=_LINE,
            gap=_SIGNATURE_GAP,
            size=_SIZE,
        )

    def row_height(self, cells: Sequence[str], widths: Sequence[float], style: str = "") -> float:
        """The height of a table row, as :meth:`table` draws it."""
        self.pdf.set_font(FONT_FAMILY, style, _TABLE_SIZE)
        lines = max(
            line_count(self.pdf, text, width, padding_x=_PAD_X)
            for text, width in zip(cells, widths, strict=True)
        )
        return lines * _TABLE_LINE + 2 * _PAD_Y

    # Text -------------------------------------------------------------------------------

    def text(
        self,
        text: str,
        *,
        x: float = 0.0,
        align: str = "J",
        style: str = "",
        size: float = _SIZE,
        gap: float = _PARAGRAPH_GAP,
    ) -> None:
        """Paragraphs (one a line of ``text``) ``x`` millimetres in from the left margin."""
        pdf = self.pdf
        line = _LINE * size / _SIZE
        for paragraph in _paragraphs(text):
            width = pdf.epw - x
            self.keep(min(self.lines(paragraph, width, style, size), 2) * line)
            pdf.set_font(FONT_FAMILY, style, size)
            pdf.set_x(pdf.l_margin + x)
            pdf.multi_cell(width, line, paragraph, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(gap)

    def centred(self, text: str, *, style: str = "", size: float = _SIZE, width: float) -> None:
        pdf = self.pdf
        pdf.set_font(FONT_FAMILY, style, size)
        pdf.set_x(pdf.l_margin + (pdf.epw - width) / 2)
        pdf.multi_cell(
            width, _LINE * size / _SIZE, text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )

    def item(
        self,
        label: str,
        text: str,
        *,
        x: float,
        label_width: float = _NUMBER_WIDTH,
        style: str = "",
        align: str = "J",
        gap: float = _PARAGRAPH_GAP / 2,
    ) -> None:
        """``label`` then ``text`` with a hanging indent; later paragraphs under the text."""
        pdf = self.pdf
        paragraphs = _paragraphs(text) or [""]
        width = pdf.epw - x - label_width
        self.keep(min(self.lines(paragraphs[0], width, style), 2) * _LINE)
        pdf.set_font(FONT_FAMILY, style, _SIZE)
        pdf.set_x(pdf.l_margin + x)
        pdf.cell(label_width, _LINE, label)
        pdf.multi_cell(
            width, _LINE, paragraphs[0], align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        pdf.ln(gap)
        if paragraphs[1:]:
            self.text("\n".join(paragraphs[1:]), x=x + label_width, style=style, gap=gap)

    def fields(
        self, rows: Sequence[tuple[str, str]], *, x: float, label_width: float, width: float
    ) -> None:
        """``label : value`` lines; a value wraps under itself within ``width`` (all of it)."""
        pdf = self.pdf
        colon = 4.0
        value_width = width - label_width - colon
        for label, value in rows:
            self.keep(min(self.lines(value, value_width), 2) * _LINE)
            pdf.set_font(FONT_FAMILY, "", _SIZE)
            pdf.set_x(pdf.l_margin + x)
            pdf.cell(label_width, _LINE, label)
            pdf.cell(colon, _LINE, ":")
            pdf.multi_cell(
                value_width, _LINE, value or "-", align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )

    def heading(
        self, label: str, title: str, *, x: float = 0.0, before: float = _HEADING_BEFORE
    ) -> None:
        """A bold numbered heading, kept on the page of the first lines below it."""
        pdf = self.pdf
        self.keep(self.heading_height(title, before=before) + 2 * _LINE)
        pdf.ln(before)
        self.item(label, title, x=x, style="B", align="L", gap=0.8)

    def recipients(self, recipients: Sequence[str], *, place_line: bool) -> None:
        """``Yth.`` and the recipients (numbered when more than one); ``di Tempat`` if asked."""
        pdf = self.pdf
        pdf.set_font(FONT_FAMILY, "", _SIZE)
        self.keep(3 * _LINE)
        pdf.cell(_YTH_WIDTH, _LINE, "Yth.")
        width = pdf.epw * 0.62
        if len(recipients) == 1:
            pdf.set_x(pdf.l_margin + _YTH_WIDTH)
            pdf.multi_cell(
                width, _LINE, recipients[0], align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
        for number, recipient in enumerate(recipients if len(recipients) > 1 else (), start=1):
            pdf.set_x(pdf.l_margin + _YTH_WIDTH)
            pdf.cell(_NUMBER_WIDTH, _LINE, f"{number}.")
            pdf.multi_cell(
                width - _NUMBER_WIDTH,
                _LINE,
                recipient,
                align="L",
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
        if place_line:
            pdf.set_x(pdf.l_margin + _YTH_WIDTH)
            pdf.cell(0, _LINE, "di", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.set_x(pdf.l_margin + _YTH_WIDTH + 6)
            pdf.cell(0, _LINE, "Tempat", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def place_date(self) -> str:
        return f"{self.header.place}, {format_date(self.header.day, with_weekday=False)}"

    def copies(self, copies: Sequence[str]) -> None:
        if not copies:
            return
        pdf = self.pdf
        self.keep(_COPIES_BEFORE + 2 * _LINE)
        pdf.ln(_COPIES_BEFORE)
        pdf.set_font(FONT_FAMILY, "", _SIZE)
        pdf.cell(0, _LINE, "Tembusan:", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        for number, copy in enumerate(copies, start=1):
            self.item(f"{number}.", copy, x=0, label_width=_COPY_NUMBER_WIDTH, align="L", gap=0)

    # The signature, never alone on its page ----------------------------------------------

    def _draw_signature(self, block: SignatureBlock) -> None:
        # A safety net: the block is never split (the plan above already made room).
        self.keep(_SIGNATURE_BEFORE + block.height(self.pdf))
        self.pdf.ln(_SIGNATURE_BEFORE)
        block.draw(self.pdf)

    def _split(self, lines: int, top: float, after: float) -> int | None:
        """Where to break a paragraph of ``lines`` lines starting at ``top`` so that its last
        lines and the ``after`` millimetres below it share a page: the number of lines to
        leave on this page (0: move it all), or None when it needs no break of its own."""
        trigger, page_top = self.trigger, self.pdf.t_margin
        if top + lines * _LINE + after <= trigger:
            return None
        fit = max(int((trigger - top) / _LINE + 1e-6), 0)
        keep = min(_KEEP_WITH_SIGNATURE, lines)
        split = fit if lines - fit >= keep else lines - keep
        if split < 2:  # no single line left at the foot of the page
            split = 0
        if page_top + (lines - split) * _LINE + after > trigger:
            return None  # longer than a page: let it run
        return split

    def _paragraph(self, text: str, *, x: float, split: int | None) -> None:
        """One paragraph; ``split`` lines on this page and the rest on the next."""
        pdf = self.pdf
        if split is None:
            self.text(text, x=x, gap=0)
            return
        if split == 0:
            if pdf.get_y() > pdf.t_margin + 1:
                pdf.add_page()
        else:
            # Bring the page break forward; the next page's header puts it back.
            pdf.page_break_trigger = pdf.get_y() + split * _LINE + 0.01
        pdf.set_font(FONT_FAMILY, "", _SIZE)
        pdf.set_x(pdf.l_margin + x)
        pdf.multi_cell(pdf.epw - x, _LINE, text, align="J", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_auto_page_break(auto=True, margin=_BOTTOM)

    def ending(
        self,
        text: str,
        *,
        x: float,
        place_date: Sequence[str],
        heading: tuple[str, str] | None = None,
    ) -> None:
        """The closing (under ``heading`` when given) and the signature, which never stands
        alone on a page: the last lines of the closing go over with it."""
        pdf = self.pdf
        block = self._signature(place_date)
        after = _PARAGRAPH_GAP + _SIGNATURE_BEFORE + block.height(pdf)
        *earlier, last = _paragraphs(text) or [""]
        lines = self.lines(last, pdf.epw - x) if last else 0
        if heading is not None:
            if not earlier and last:
                # The heading goes over with the text when all of it has to.
                height = self.heading_height(heading[1]) + 2 * _LINE
                top = pdf.get_y() if pdf.get_y() + height <= self.trigger else pdf.t_margin
                split = self._split(lines, top + self.heading_height(heading[1]), after)
                if split == 0 and pdf.get_y() > pdf.t_margin + 1:
                    pdf.add_page()
            self.heading(*heading)
        if earlier:
            self.text("\n".join(earlier), x=x)
        if last:
            self._paragraph(last, x=x, split=self._split(lines, pdf.get_y(), after))
            pdf.ln(_PARAGRAPH_GAP)
        self._draw_signature(block)

    def signature_after_table(
        self,
        widths: Sequence[float],
        head: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        aligns: Sequence[str],
        place_date: Sequence[str],
    ) -> None:
        """A table and the signature under it, with the table's last rows on its page."""
        block = self._signature(place_date, with_note=False)
        after = _SIGNATURE_BEFORE + block.height(self.pdf)
        self.table(widths, head, rows, aligns=aligns, after=after)
        self._draw_signature(block)

    # Tables -----------------------------------------------------------------------------

    def table(
        self,
        widths: Sequence[float],
        head: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        aligns: Sequence[str],
        total: Sequence[str] | None = None,
        caption: str = "",
        after: float = 0.0,
    ) -> None:
        """A bordered table flush right, its heading repeated on each page it runs over.

        The ``caption`` line above it (indented as the table) stays with its heading and
        first row. The last rows stay with the ``total`` row and with the ``after``
        millimetres below the table (a signature): they go over together, under the
        repeated heading, when they do not fit.
        """
        pdf = self.pdf
        head_height = self.row_height(head, widths, "B")
        total_height = 0.0 if total is None else self.row_height(total, widths, "B")
        keep = min(_KEEP_WITH_SIGNATURE, len(rows)) if total is not None or after else 0
        first, last = rows[: len(rows) - keep], rows[len(rows) - keep :]
        tail = sum(self.row_height(row, widths) for row in last) + total_height + after
        if caption:
            indent = pdf.epw - sum(widths)
            caption_height = self.lines(caption, pdf.epw - indent) * _LINE + 1.2
            lead = self.row_height(first[0], widths) if first else tail
            self.keep(caption_height + head_height + lead + 1)
            self.text(caption, x=indent, align="L", gap=1.2)
        elif not first:
            self.keep(head_height + tail)
        with_heading = True
        if first:
            self._table(widths, head, first, aligns=aligns)
            with_heading = pdf.get_y() + tail > self.trigger
            if with_heading:
                pdf.add_page()
        if last or total is not None:
            self._table(widths, head, last, aligns=aligns, total=total, heading=with_heading)
        pdf.set_font(FONT_FAMILY, "", _SIZE)

    def _table(
        self,
        widths: Sequence[float],
        head: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        aligns: Sequence[str],
        total: Sequence[str] | None = None,
        heading: bool = True,
    ) -> None:
        """Draw the rows (under the heading when ``heading``; without, they continue the
        table drawn just above)."""
        pdf = self.pdf
        pdf.set_font(FONT_FAMILY, "", _TABLE_SIZE)
        with pdf.table(
            width=sum(widths),
            col_widths=tuple(widths),
            align="RIGHT",
            v_align=VAlign.T,
            line_height=_TABLE_LINE,
            padding=(_PAD_Y, _PAD_X, _PAD_Y, _PAD_X),
            headings_style=_HEAD_STYLE,
            first_row_as_headings=heading,
            repeat_headings=1,
            borders_layout=TableBordersLayout.ALL,
        ) as table:
            if heading:
                heading_row = table.row()
                for text in head:
                    heading_row.cell(text, align="C")
            for cells in rows:
                row = table.row()
                for text, align in zip(cells, aligns, strict=True):
                    row.cell(text, align=align)
            if total is not None:
                row = table.row()
                for text, align in zip(total, aligns, strict=True):
                    row.cell(text, align=align, style=_TOTAL_STYLE)


def _render(
    profile: OrgProfile,
    header: LetterHeader,
    kind: LetterKind,
    approval: Approval | None,
    title: str,
    draw: Callable[[_Writer], None],
) -> bytes:
    pdf = _LetterPdf(draft=header.is_draft)
    try:
        set_metadata(
            pdf,
            title=title,
            profile=profile,
            created=datetime.combine(header.day, time(8), tzinfo=profile.timezone),
        )
        pdf.add_page()
        writer = _Writer(pdf, profile, header, kind, None if header.is_draft else approval)
        draw_letterhead(pdf, profile)
        draw(writer)
        return bytes(pdf.output())
    finally:
        pdf.close_fonts()


# The circular -----------------------------------------------------------------------------


def circular_pdf(
    profile: OrgProfile,
    header: LetterHeader,
    content: CircularContent,
    *,
    approval: Approval | None = None,
) -> bytes:
    """The Surat Edaran as PDF bytes: a draft when the header has no number; with the
    approval in the bot by the signature when ``approval`` is given."""

    def draw(w: _Writer) -> None:
        pdf = w.pdf
        w.recipients(content.recipients, place_line=False)
        pdf.ln(8)
        title_width = pdf.epw * 0.86
        w.centred("SURAT EDARAN", style="B", size=13, width=title_width)
        w.centred(f"NOMOR {w.number}", width=title_width)
        pdf.ln(1)
        w.centred("TENTANG", width=title_width)
        w.centred(content.tentang.upper(), style="B", width=title_width)
        pdf.ln(3)

        number = 0
        for title, text in content.sections:
            number += 1
            w.heading(f"{number}.", title)
            w.text(text, x=_NUMBER_WIDTH)
        for title, items in (("Dasar", content.legal_basis), ("Isi Edaran", content.points)):
            if not items:
                continue
            number += 1
            w.heading(f"{number}.", title)
            for letter, item in zip(_letters(), items, strict=False):
                w.item(f"{letter}.", item, x=_NUMBER_WIDTH)
        place_date = [
            f"Ditetapkan di {header.place}",
            f"pada tanggal {format_date(header.day, with_weekday=False)}",
        ]
        closing_heading = (f"{number + 1}.", "Penutup") if content.closing.strip() else None
        w.ending(content.closing, x=_NUMBER_WIDTH, place_date=place_date, heading=closing_heading)
        w.copies(content.copies)

    title = header.hal or f"Surat Edaran {content.tentang}"
    return _render(profile, header, LetterKind.CIRCULAR, approval, title, draw)


def _letters() -> Iterator[str]:
    """a, b, ..., z, aa, ab, ..."""
    alphabet = string.ascii_lowercase
    yield from alphabet
    for first in alphabet:
        for second in alphabet:
            yield first + second


# The invitation ---------------------------------------------------------------------------

_FIELD_LABEL = 22.0  # "Lampiran" column of the Nomor/Sifat/Lampiran/Hal block


def _without_attached_list(recipient: str) -> str:
    """A recipient line without "(daftar terlampir)", for a letter without the list."""
    index = recipient.casefold().find(_ATTACHED_LIST)
    if index < 0:
        return recipient
    return (recipient[:index] + recipient[index + len(_ATTACHED_LIST) :]).strip()


def invitation_pdf(
    profile: OrgProfile,
    header: LetterHeader,
    content: InvitationContent,
    *,
    approval: Approval | None = None,
) -> bytes:
    """The Surat Undangan as PDF bytes, with the invitees as a lampiran page.

    Lampiran and "(daftar terlampir)" print only when there are invitees to list.
    """
    attached = bool(content.invitees)
    lampiran = header.lampiran.strip()
    if not attached:
        lampiran = "-"
    elif lampiran in ("", "-"):
        lampiran = _ONE_ATTACHMENT
    recipients = content.recipients
    if not attached:
        recipients = tuple(_without_attached_list(r) for r in recipients)

    def draw(w: _Writer) -> None:
        pdf = w.pdf
        pdf.set_font(FONT_FAMILY, "", _SIZE)
        pdf.cell(pdf.epw, _LINE, w.place_date(), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2)
        w.fields(
            [
                ("Nomor", w.number),
                ("Sifat", header.sifat),
                ("Lampiran", lampiran),
                ("Hal", header.hal),
            ],
            x=0,
            label_width=_FIELD_LABEL,
            width=pdf.epw * 0.8,
        )
        pdf.ln(5)
        w.recipients(recipients, place_line=True)
        pdf.ln(5)

        body = _FIELD_LABEL + 4.0  # the body lines up with the values of Nomor ... Hal
        w.text(content.opening, x=body)
        pdf.ln(0.5)
        w.fields(
            [
                ("Hari/tanggal", format_date(content.day)),
                ("Waktu", content.time_text),
                ("Tempat", content.place),
                ("Acara", content.agenda),
            ],
            x=body + 6,
            label_width=28,
            width=pdf.epw - body - 6,
        )
        pdf.ln(3)
        w.ending(content.closing, x=body, place_date=[])
        w.copies(content.copies)

        if content.invitees:
            pdf.add_page()
            _invitees(w, content)

    title = header.hal or "Surat Undangan"
    return _render(profile, header, LetterKind.INVITATION, approval, title, draw)


def _attachment_caption(w: _Writer, title: str) -> None:
    """``title`` and the number and date of the letter it belongs to, top right."""
    pdf = w.pdf
    x = pdf.epw * 0.5
    width = pdf.epw - x
    pdf.set_font(FONT_FAMILY, "", _SIZE)
    pdf.set_x(pdf.l_margin + x)
    pdf.multi_cell(width, _LINE, title, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    w.fields(
        [
            ("Nomor", w.number),
            ("Tanggal", format_date(w.header.day, with_weekday=False)),
        ],
        x=x,
        label_width=17,
        width=width,
    )
    pdf.ln(8)


def _invitees(w: _Writer, content: InvitationContent) -> None:
    pdf = w.pdf
    _attachment_caption(w, f"Lampiran Surat {w.profile.head.position}")
    w.centred("DAFTAR UNDANGAN", style="B", width=pdf.epw)
    w.centred(content.agenda, width=pdf.epw)
    pdf.ln(5)
    rows = [
        (str(number), name, unit) for number, (name, unit) in enumerate(content.invitees, start=1)
    ]
    w.signature_after_table(
        (12, 74, pdf.epw - 86),
        ("No", "Nama", "Unit/OPD"),
        rows,
        aligns=("C", "L", "L"),
        place_date=[],
    )


# The socialisation report -----------------------------------------------------------------


@dataclass(frozen=True)
class _Photo:
    number: int
    data: bytes
    width: float  # pixels
    height: float


def _readable_photo(number: int, data: bytes) -> _Photo | None:
    """The photo ready to embed (upright, at most 1600 px), or None when it cannot be read."""
    if not data.startswith((_JPEG, _PNG)):
        return None
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            upright = image.getexif().get(0x0112, 1) == 1
            if not upright or max(image.size) > _PHOTO_MAX_SIDE:
                fixed = ImageOps.exif_transpose(image)
                fixed.thumbnail((_PHOTO_MAX_SIDE, _PHOTO_MAX_SIDE))
                if fixed.mode not in ("RGB", "L"):
                    fixed = fixed.convert("RGB")
                buffer = io.BytesIO()
                fixed.save(buffer, format="JPEG", quality=85)
                data = buffer.getvalue()
        # The same reader as FPDF.image, so what passes here is embedded without surprises.
        _, _, info = preload_image(ImageCache(), io.BytesIO(data))
        width, height = info["w"], info["h"]
    except Exception:  # decoders raise all sorts (OSError, ValueError, SyntaxError, ...)
        return None
    if not isinstance(width, int | float) or not isinstance(height, int | float):
        return None
    if width <= 0 or height <= 0:
        return None
    return _Photo(number, data, float(width), float(height))


def socialisation_report_pdf(
    profile: OrgProfile,
    header: LetterHeader,
    report: SocialisationReport,
    *,
    approval: Approval | None = None,
) -> bytes:
    """The Laporan Sosialisasi as PDF bytes, with the attendance list and the photos as
    lampiran (each only when there is something to attach)."""

    def draw(w: _Writer) -> None:
        pdf = w.pdf
        title_width = pdf.epw * 0.94
        w.centred(report.title.upper(), style="B", size=13, width=title_width)
        if header.number is not None or header.is_draft:
            w.centred(f"NOMOR {w.number}", width=title_width)
        pdf.ln(4)

        indent = _NUMBER_WIDTH
        w.heading("A.", "Pendahuluan")
        w.text(report.introduction, x=indent)

        w.heading("B.", "Kegiatan yang Dilaksanakan")
        w.text(report.activities, x=indent)
        w.fields(
            [
                ("Hari/tanggal", format_date(report.day)),
                ("Waktu", report.time_text),
                ("Tempat", report.place),
            ],
            x=indent,
            label_width=30,
            width=pdf.epw - indent,
        )
        if report.speakers:
            pdf.ln(1.5)
            rows = [
                (str(number), name, material)
                for number, (name, material) in enumerate(report.speakers, start=1)
            ]
            width = pdf.epw - indent
            w.table(
                (10, 62, width - 72),
                ("No", "Narasumber", "Materi"),
                rows,
                aligns=("C", "L", "L"),
                caption="Narasumber dan materi:",
            )

        w.heading("C.", "Hasil yang Dicapai", before=5)
        w.text(report.results, x=indent)
        _attendance_table(w, report, indent)

        w.heading("D.", "Simpulan dan Saran", before=5)
        w.text(report.conclusions, x=indent)

        w.ending(report.closing, x=indent, place_date=[w.place_date()], heading=("E.", "Penutup"))

        captioned = False
        if report.attendance:
            pdf.add_page()
            _attachment_caption(w, "Lampiran Laporan Sosialisasi")
            captioned = True
            _attendance_list(w, report)
        if report.photos:
            pdf.add_page()
            if not captioned:
                _attachment_caption(w, "Lampiran Laporan Sosialisasi")
            _photos(w, report.photos)

    title = header.hal or report.title
    return _render(profile, header, LetterKind.REPORT, approval, title, draw)


def _attendance_table(w: _Writer, report: SocialisationReport, indent: float) -> None:
    units = attendance_summary(report.attendance)
    if not units:
        w.text("Daftar hadir belum diisi.", x=indent)
        return
    pdf = w.pdf
    pdf.ln(1)
    rows = [
        (
            str(number),
            unit.unit,
            str(unit.invited),
            str(unit.attended),
            str(unit.represented),
            str(unit.absent),
        )
        for number, unit in enumerate(units, start=1)
    ]
    total = (
        "",
        "Jumlah",
        str(sum(u.invited for u in units)),
        str(sum(u.attended for u in units)),
        str(sum(u.represented for u in units)),
        str(sum(u.absent for u in units)),
    )
    head = ("No", "OPD/Unit Kerja", "Diundang", "Hadir", "Diwakilkan", "Tidak Hadir")
    pdf.set_font(FONT_FAMILY, "B", _TABLE_SIZE)
    numbers = [pdf.get_string_width(text) + 2 * _PAD_X + 1 for text in head[2:]]
    width = pdf.epw - indent
    w.table(
        (10, width - 10 - sum(numbers), *numbers),
        head,
        rows,
        aligns=("C", "L", "C", "C", "C", "C"),
        total=total,
        caption="Rekapitulasi kehadiran per OPD:",
    )


def _attendance_list(w: _Writer, report: SocialisationReport) -> None:
    pdf = w.pdf
    w.centred("Lampiran: Daftar Hadir", style="B", width=pdf.epw)
    w.centred(
        f"{format_date(report.day)}, {report.place}".strip(", "), size=11, width=pdf.epw * 0.86
    )
    pdf.ln(5)
    rows = [
        (str(number), name, unit, status.strip() or "-")
        for number, (name, unit, status) in enumerate(report.attendance, start=1)
    ]
    w.table(
        (12, 52, 58, pdf.epw - 122),
        ("No", "Nama", "Unit/OPD", "Keterangan"),
        rows,
        aligns=("C", "L", "L", "L"),
    )


def _photos(w: _Writer, photos: Sequence[bytes]) -> None:
    """Two photos a row, each fitted into its half of the row, captioned "Foto N"."""
    pdf = w.pdf
    w.centred("Lampiran: Dokumentasi", style="B", width=pdf.epw)
    pdf.ln(5)
    readable: list[_Photo] = []
    unreadable: list[int] = []
    for number, data in enumerate(photos, start=1):
        photo = _readable_photo(number, data)
        if photo is None:
            unreadable.append(number)
        else:
            readable.append(photo)
    if unreadable:
        names = ", ".join(f"Foto {number}" for number in unreadable)
        w.text(
            f"{names} tidak dapat ditampilkan karena berkasnya bukan gambar JPEG/PNG yang dapat "
            "dibaca.",
            size=9.5,
        )
        pdf.ln(2)

    gap, caption = 6.0, 6.0
    box_w = (pdf.epw - gap) / 2
    box_h = 70.0
    for start in range(0, len(readable), 2):
        row = readable[start : start + 2]
        sizes = []
        for photo in row:
            scale = min(box_w / photo.width, box_h / photo.height)
            sizes.append((photo.width * scale, photo.height * scale))
        row_h = max(height for _, height in sizes)
        w.keep(row_h + caption + 4)
        top = pdf.get_y()
        for index, (photo, (width, height)) in enumerate(zip(row, sizes, strict=True)):
            left = pdf.l_margin + (
                index * (box_w + gap) if len(row) == 2 else (pdf.epw - box_w) / 2
            )
            # Bottom-aligned, so the captions of a row share a line right under the photos.
            x, y = left + (box_w - width) / 2, top + row_h - height
            pdf.image(io.BytesIO(photo.data), x=x, y=y, w=width, h=height)
            pdf.set_draw_color(*_FRAME)
            pdf.set_line_width(0.2)
            pdf.rect(x, y, width, height)
            pdf.set_font(FONT_FAMILY, "", 9)
            pdf.set_xy(left, top + row_h + 1)
            pdf.cell(box_w, caption - 1, f"Foto {photo.number}", align="C")
        pdf.set_xy(pdf.l_margin, top + row_h + caption + 4)
