"""Shared parts of the PDFs the bot prints: fonts, the letterhead, signature and footer.

Every PDF is A4 portrait with the margins of tata naskah dinas, set in Liberation Sans
(metric-compatible with Arial) from ``templates/fonts``, embedded; DejaVu Sans is the
fallback for the few characters Liberation Sans lacks (symbols, emoji in typed text), so
nothing a person typed goes missing. :class:`OfficialPdf` sets that up;
:func:`draw_letterhead` draws the unit's kop surat from the profile (optional logo, website
line), closed by the double rule; :class:`SignatureBlock` is the place/date, capacity, name,
rank and NIP block on the right half of the page, with the approval note beside it on a
final document; :func:`draw_draft_mark` marks drafts; :func:`draw_page_footer` is the
"halaman X dari Y" footer.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos
from fpdf.util import Padding
from PIL import Image, ImageDraw, ImageFont

from bot.core.profile import OrgProfile, Signatory
from bot.core.resources import templates_dir
from bot.people.nip import format_nip

FONT_FAMILY = "LiberationSans"
FONT_FILES = {"": "LiberationSans-Regular.ttf", "B": "LiberationSans-Bold.ttf"}
FALLBACK_FAMILY = "DejaVu"
FALLBACK_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}

# Page geometry in millimetres: A4 with the margins of tata naskah dinas.
LEFT, RIGHT, TOP, BOTTOM = 25.0, 20.0, 18.0, 22.0

BLACK = (0, 0, 0)
GREY_TEXT = (100, 100, 100)
RULE = (60, 60, 60)

BODY_SIZE = 12.0
SMALL_SIZE = 7.5
NOTE_SIZE = 8.0

DRAFT_MARK = "DRAF"
DRAFT_LABEL = "DRAF — belum ditandatangani"
_DRAFT_GREY = 222  # grey level of the diagonal "DRAF"
_DRAFT_MARK_WIDTH = 140.0  # its length along the diagonal, millimetres
_DRAFT_LABEL_COLOUR = (150, 40, 40)

_LOGO_HEIGHT = 24.0  # millimetres; the logo sits left of the letterhead's text
_LOGO_GAP = 4.0


def register_fonts(pdf: FPDF) -> None:
    """Add Liberation Sans as :data:`FONT_FAMILY` and DejaVu Sans as its fallback."""
    fonts = templates_dir() / "fonts"
    for family, files in ((FONT_FAMILY, FONT_FILES), (FALLBACK_FAMILY, FALLBACK_FILES)):
        for style, name in files.items():
            pdf.add_font(family, style, fonts / name)
    pdf.set_fallback_fonts([FALLBACK_FAMILY], exact_match=False)


def close_fonts(pdf: FPDF) -> None:
    """Close the font files (fpdf2 closes only the fonts a document used)."""
    for font in pdf.fonts.values():
        close = getattr(font, "close", None)
        if close is not None:
            close()


class OfficialPdf(FPDF):
    """A4 portrait with the fonts, the margins of tata naskah dinas and page breaks.

    ``draft`` puts the diagonal "DRAF" and the label "DRAF — belum ditandatangani" on every
    page (a subclass with its own ``header`` calls :func:`draw_draft_mark` itself).
    """

    def __init__(
        self, *, body_size: float = BODY_SIZE, bottom: float = BOTTOM, draft: bool = False
    ) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        register_fonts(self)
        self.set_margins(LEFT, TOP, RIGHT)
        self.set_auto_page_break(auto=True, margin=bottom)
        self.set_font(FONT_FAMILY, "", body_size)
        self.draft = draft
        self.line_cache: dict[tuple[object, ...], int] = {}

    def header(self) -> None:
        if self.draft:
            draw_draft_mark(self)
        self.set_xy(self.l_margin, self.t_margin)

    def close_fonts(self) -> None:
        """Close the font files; call it when the PDF is output (or failed)."""
        close_fonts(self)


def set_metadata(pdf: FPDF, *, title: str, profile: OrgProfile, created: datetime) -> None:
    """Title, subject, author, creator, language and creation date of the document."""
    pdf.set_title(title)
    pdf.set_subject(f"{profile.unit_name}, {profile.government}")
    pdf.set_author(profile.unit_name)
    pdf.set_creator("Kinerja PBJ Bot")
    pdf.set_lang("id")
    pdf.set_creation_date(created)


def text_lines(pdf: FPDF, text: str, width: float, *, padding_x: float = 0.0) -> list[str]:
    """The lines ``text`` wraps to in a ``multi_cell`` of ``width`` in the current font.

    ``padding_x`` is the left and right padding of a table cell (``width`` is then the
    column's width); without it the cell's own margins apply, as when drawing.
    """
    padding = Padding(0.0, padding_x, 0.0, padding_x)
    lines = pdf.multi_cell(
        width,
        text=text,
        padding=padding,
        dry_run=True,
        output=MethodReturnValue.LINES,
    )
    assert isinstance(lines, list)
    return [str(line) for line in lines]


def line_count(pdf: FPDF, text: str, width: float, *, padding_x: float = 0.0) -> int:
    """How many lines ``text`` takes in a ``multi_cell`` of ``width`` in the current font.

    Counted once per document for each text, font and width (tables repeat their labels).
    """
    cache: dict[tuple[object, ...], int] | None = getattr(pdf, "line_cache", None)
    key = (pdf.font_family, pdf.font_style, pdf.font_size_pt, text, width, padding_x)
    if cache is not None and key in cache:
        return cache[key]
    count = len(text_lines(pdf, text, width, padding_x=padding_x))
    if cache is not None:
        cache[key] = count
    return count


def _contact_lines(pdf: FPDF, profile: OrgProfile, width: float) -> list[str]:
    """Telephone, e-mail and website on one line when they fit, else the website below."""
    parts = [
        f"Telepon {profile.phone}" if profile.phone else "",
        f"Pos-el {profile.email}" if profile.email else "",
        f"Laman {profile.website}" if profile.website else "",
    ]
    one = ", ".join(part for part in parts if part)
    if not one or line_count(pdf, one, width) == 1:
        return [one] if one else []
    return [line for line in (", ".join(p for p in parts[:2] if p), parts[2]) if line]


def draw_letterhead(pdf: FPDF, profile: OrgProfile) -> None:
    """The kop surat: logo (when configured) left of the centred government, parent unit,
    unit, address, telephone and e-mail, and website lines; then the double rule."""
    left, right = pdf.l_margin, pdf.w - pdf.r_margin
    top = pdf.get_y()
    indent = 0.0
    if profile.logo is not None:
        width = _logo_width(profile.logo)
        pdf.image(str(profile.logo), x=left, y=top, w=width, h=_LOGO_HEIGHT)
        # The text stays centred on the page, clear of the logo on both sides.
        indent = width + _LOGO_GAP

    def centred(text: str, style: str, size: float, line: float) -> None:
        pdf.set_font(FONT_FAMILY, style, size)
        pdf.set_x(left + indent)
        pdf.multi_cell(
            pdf.epw - 2 * indent, line, text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )

    centred(profile.government.upper(), "B", 14, 6.2)
    if profile.parent_unit:
        centred(profile.parent_unit.upper(), "B", 13, 5.8)
    centred(profile.unit_name.upper(), "B", 15, 6.8)
    centred(profile.address, "", 10, 4.6)
    pdf.set_font(FONT_FAMILY, "", 10)
    for line in _contact_lines(pdf, profile, pdf.epw - 2 * indent):
        centred(line, "", 10, 4.6)
    if profile.logo is not None:
        pdf.set_y(max(pdf.get_y(), top + _LOGO_HEIGHT))
    pdf.ln(1.8)
    pdf.set_draw_color(*BLACK)
    pdf.set_line_width(0.9)
    pdf.line(left, pdf.y, right, pdf.y)
    pdf.set_line_width(0.25)
    pdf.line(left, pdf.y + 1.3, right, pdf.y + 1.3)
    pdf.set_line_width(0.2)
    pdf.ln(7)


@functools.cache
def _logo_width(path: Path) -> float:
    """The logo's width in millimetres at :data:`_LOGO_HEIGHT`, keeping its proportions."""
    with Image.open(path) as image:
        width, height = image.size
    return _LOGO_HEIGHT * min(width / height, 1.6) if height else _LOGO_HEIGHT


def draw_page_footer(pdf: FPDF, text: str, time_text: str) -> None:
    """A rule, ``text — halaman X dari Y`` and ``time_text`` in small grey at the page foot.

    Call it from ``FPDF.footer``; the total page count needs the default alias. A long
    ``text`` wraps (the footer has room for three lines).
    """
    pdf.set_y(-16)
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.2)
    pdf.line(pdf.l_margin, pdf.y, pdf.w - pdf.r_margin, pdf.y)
    pdf.ln(1.2)
    pdf.set_font(FONT_FAMILY, "", SMALL_SIZE)
    pdf.set_text_color(*GREY_TEXT)
    page = f" — halaman {pdf.page_no()} dari {pdf.str_alias_nb_pages}"
    pdf.multi_cell(pdf.epw, 3.4, text + page, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.multi_cell(pdf.epw, 3.4, time_text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*BLACK)


# The draft mark ------------------------------------------------------------------------------


def draw_draft_mark(pdf: FPDF) -> None:
    """The light diagonal "DRAF" across the page and the upright label at its top right.

    Call it first thing in ``FPDF.header``: the mark's white ground hides nothing drawn later.
    """
    image, width, height = _draft_mark_image()
    pdf.image(io.BytesIO(image), x=(pdf.w - width) / 2, y=(pdf.h - height) / 2, w=width, h=height)
    # The same word upright at the top, where it is read (and found by text search).
    pdf.set_font(FONT_FAMILY, "B", 8)
    pdf.set_text_color(*_DRAFT_LABEL_COLOUR)
    pdf.set_xy(pdf.l_margin, 9)
    pdf.cell(pdf.epw, 4, DRAFT_LABEL, align="R")
    pdf.set_text_color(*BLACK)


@functools.cache
def _draft_mark_image() -> tuple[bytes, float, float]:
    """The diagonal "DRAF" as a light grey PNG on white, and its width and height in mm.

    A picture rather than text, so the mark stays out of the text a reader copies or
    searches.
    """
    font = ImageFont.truetype(str(templates_dir() / "fonts" / FONT_FILES["B"]), 200)
    left, top, right, bottom = (round(edge) for edge in font.getbbox(DRAFT_MARK))
    pad = 8
    image = Image.new("L", (right - left + 2 * pad, bottom - top + 2 * pad), 255)
    ImageDraw.Draw(image).text((pad - left, pad - top), DRAFT_MARK, font=font, fill=_DRAFT_GREY)
    rotated = image.rotate(45, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    buffer = io.BytesIO()
    rotated.save(buffer, format="PNG", optimize=True)
    mm_per_pixel = _DRAFT_MARK_WIDTH / (right - left)
    return buffer.getvalue(), rotated.width * mm_per_pixel, rotated.height * mm_per_pixel


# The signature block ----------------------------------------------------------------------

# Lines of a signature block: (text, style); the style "gap" leaves the room to sign.
GAP = "gap"
_NOTE_PAD = 1.8
_NOTE_LINE = 3.6
_NOTE_FRAME = (120, 120, 120)
_NOTE_GAP = 6.0  # between the note and the signature block


@dataclass(frozen=True)
class SignatureBlock:
    """The signature block, on the right ``width`` millimetres of the text area, centred.

    ``note`` (the approval in the bot, on a final document) is framed on the left, level
    with the room to sign.
    """

    lines: tuple[tuple[str, str], ...]
    width: float
    line: float = 5.0
    gap: float = 22.0
    size: float = BODY_SIZE
    note: str = ""

    def _note_width(self, pdf: FPDF) -> float:
        return pdf.epw - self.width - _NOTE_GAP

    def _note_height(self, pdf: FPDF) -> float:
        if not self.note:
            return 0.0
        pdf.set_font(FONT_FAMILY, "", NOTE_SIZE)
        width = self._note_width(pdf) - 2 * _NOTE_PAD
        lines = sum(line_count(pdf, part, width) for part in self.note.split("\n"))
        return lines * _NOTE_LINE + 2 * _NOTE_PAD

    def _note_top(self, pdf: FPDF) -> float:
        """How far below the block's top the note starts: at the room to sign."""
        offset = 0.0
        for text, style in self.lines:
            if style == GAP:
                return offset
            pdf.set_font(FONT_FAMILY, style.replace("U", ""), self.size)
            offset += line_count(pdf, text, self.width) * self.line
        return 0.0

    def height(self, pdf: FPDF) -> float:
        """The drawn height (the note beside it included)."""
        total = 0.0
        for text, style in self.lines:
            if style == GAP:
                total += self.gap
                continue
            pdf.set_font(FONT_FAMILY, style.replace("U", ""), self.size)
            total += line_count(pdf, text, self.width) * self.line
        if self.note:
            total = max(total, self._note_top(pdf) + self._note_height(pdf))
        return total

    def draw(self, pdf: FPDF) -> None:
        top = pdf.get_y()
        bottom = top + self.height(pdf)
        if self.note:
            self._draw_note(pdf, top + self._note_top(pdf))
            pdf.set_y(top)
        x = pdf.l_margin + pdf.epw - self.width
        for text, style in self.lines:
            if style == GAP:
                pdf.ln(self.gap)
                continue
            pdf.set_font(FONT_FAMILY, style, self.size)
            pdf.set_x(x)
            pdf.multi_cell(
                self.width, self.line, text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
        pdf.set_y(max(pdf.get_y(), bottom))

    def _draw_note(self, pdf: FPDF, y: float) -> None:
        width = self._note_width(pdf)
        height = self._note_height(pdf)
        pdf.set_draw_color(*_NOTE_FRAME)
        pdf.set_line_width(0.2)
        pdf.rect(pdf.l_margin, y, width, height)
        pdf.set_font(FONT_FAMILY, "", NOTE_SIZE)
        pdf.set_xy(pdf.l_margin + _NOTE_PAD, y + _NOTE_PAD)
        for part in self.note.split("\n"):
            pdf.set_x(pdf.l_margin + _NOTE_PAD)
            pdf.multi_cell(
                width - 2 * _NOTE_PAD,
                _NOTE_LINE,
                part,
                align="L",
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
        pdf.set_draw_color(*BLACK)


def signature_block(
    signatory: Signatory,
    place_date: Sequence[str],
    *,
    width: float,
    capacity: Sequence[str] = (),
    note: str = "",
    line: float = 5.0,
    gap: float = 22.0,
    size: float = BODY_SIZE,
) -> SignatureBlock:
    """``place_date`` lines, the capacity (default ``Position,``), room to sign, the name
    (bold, underlined), rank, NIP; ``note`` beside it."""
    lines: list[tuple[str, str]] = [(text, "") for text in place_date]
    lines += [(text, "") for text in (capacity or (f"{signatory.position},",))]
    lines += [("", GAP), (signatory.name, "BU")]
    if signatory.rank:
        lines.append((signatory.rank, ""))
    lines.append((f"NIP. {format_nip(signatory.nip)}", ""))
    return SignatureBlock(tuple(lines), width, line, gap, size, note)
