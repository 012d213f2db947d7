"""Shared parts of the PDFs the bot prints: fonts, the letterhead, signature and footer.

Every PDF is A4 portrait with the margins of tata naskah dinas, set in DejaVu Sans from
``templates/fonts`` (embedded, so any name prints). :class:`OfficialPdf` sets that up;
:func:`draw_letterhead` draws the unit's kop surat from the profile, closed by the double
rule; :class:`SignatureBlock` is the place/date, position, name, rank and NIP block on the
right half of the page; :func:`draw_page_footer` is the "halaman X dari Y" footer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from bot.core.nip import format_nip
from bot.core.profile import OrgProfile, Signatory
from bot.core.resources import templates_dir

FONT_FAMILY = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}

# Page geometry in millimetres: A4 with the margins of tata naskah dinas.
LEFT, RIGHT, TOP, BOTTOM = 25.0, 20.0, 18.0, 22.0

BLACK = (0, 0, 0)
GREY_TEXT = (100, 100, 100)
RULE = (60, 60, 60)

BODY_SIZE = 10.0
SMALL_SIZE = 7.5


def register_fonts(pdf: FPDF) -> None:
    """Add DejaVu Sans (regular and bold) from ``templates/fonts`` as :data:`FONT_FAMILY`."""
    fonts = templates_dir() / "fonts"
    for style, name in FONT_FILES.items():
        pdf.add_font(FONT_FAMILY, style, fonts / name)


def close_fonts(pdf: FPDF) -> None:
    """Close the font files (fpdf2 closes only the fonts a document used)."""
    for font in pdf.fonts.values():
        close = getattr(font, "close", None)
        if close is not None:
            close()


class OfficialPdf(FPDF):
    """A4 portrait with the DejaVu fonts, the margins of tata naskah dinas and page breaks."""

    def __init__(self, *, body_size: float = BODY_SIZE, bottom: float = BOTTOM) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        register_fonts(self)
        self.set_margins(LEFT, TOP, RIGHT)
        self.set_auto_page_break(auto=True, margin=bottom)
        self.set_font(FONT_FAMILY, "", body_size)

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


def fit_text(pdf: FPDF, text: str, width: float) -> str:
    """``text`` shortened with an ellipsis to ``width`` in the current font."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def line_count(pdf: FPDF, text: str, width: float) -> int:
    """How many lines ``text`` takes in ``width`` in the current font (word wrap)."""
    space = pdf.get_string_width(" ")
    count = 0
    for paragraph in text.split("\n"):
        lines, used = 1, 0.0
        for word in paragraph.split():
            word_width = pdf.get_string_width(word)
            if used and used + space + word_width <= width:
                used += space + word_width
                continue
            if used:
                lines += 1
            extra, used = divmod(word_width, width) if word_width > width else (0, word_width)
            lines += int(extra)
        count += lines
    return count


def draw_letterhead(pdf: FPDF, profile: OrgProfile) -> None:
    """The kop surat: government, parent unit, unit, address and contact, a double rule."""

    def centred(text: str, style: str, size: float, line: float) -> None:
        pdf.set_font(FONT_FAMILY, style, size)
        pdf.multi_cell(0, line, text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    centred(profile.government.upper(), "B", 13, 6)
    if profile.parent_unit:
        centred(profile.parent_unit.upper(), "B", 11.5, 5.6)
    centred(profile.unit_name.upper(), "B", 14, 6.8)
    centred(profile.address, "", 8.5, 4.2)
    contact = [f"Telepon {profile.phone}" if profile.phone else ""]
    contact.append(f"Pos-el {profile.email}" if profile.email else "")
    if any(contact):
        centred("   ".join(part for part in contact if part), "", 8.5, 4.2)
    pdf.ln(1.8)
    left, right = pdf.l_margin, pdf.w - pdf.r_margin
    pdf.set_draw_color(*BLACK)
    pdf.set_line_width(0.9)
    pdf.line(left, pdf.y, right, pdf.y)
    pdf.set_line_width(0.25)
    pdf.line(left, pdf.y + 1.3, right, pdf.y + 1.3)
    pdf.set_line_width(0.2)
    pdf.ln(8)


def draw_page_footer(pdf: FPDF, text: str, time_text: str) -> None:
    """A rule, ``text — halaman X dari Y`` and ``time_text`` in small grey at the page foot.

    Call it from ``FPDF.footer``; the total page count needs the default alias.
    """
    pdf.set_y(-16)
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.2)
    pdf.line(pdf.l_margin, pdf.y, pdf.w - pdf.r_margin, pdf.y)
    pdf.ln(1.2)
    pdf.set_font(FONT_FAMILY, "", SMALL_SIZE)
    pdf.set_text_color(*GREY_TEXT)
    page = f" — halaman {pdf.page_no()} dari {pdf.str_alias_nb_pages}"
    room = pdf.epw - pdf.get_string_width(page + "99")
    pdf.cell(
        pdf.epw,
        3.6,
        fit_text(pdf, text, room) + page,
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.cell(pdf.epw, 3.6, time_text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*BLACK)


# Lines of a signature block: (text, style); the style "gap" leaves the room to sign.
GAP = "gap"


@dataclass(frozen=True)
class SignatureBlock:
    """The signature block, on the right ``width`` millimetres of the text area, centred."""

    lines: tuple[tuple[str, str], ...]
    width: float
    line: float = 5.0
    gap: float = 22.0
    size: float = BODY_SIZE

    def height(self, pdf: FPDF) -> float:
        """The drawn height, estimated with the font's metrics."""
        total = 0.0
        for text, style in self.lines:
            if style == GAP:
                total += self.gap
                continue
            pdf.set_font(FONT_FAMILY, style.replace("U", ""), self.size)
            total += line_count(pdf, text, self.width) * self.line
        return total

    def draw(self, pdf: FPDF) -> None:
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


def signature_block(
    signatory: Signatory,
    place_date: Sequence[str],
    *,
    width: float,
    line: float = 5.0,
    gap: float = 22.0,
    size: float = BODY_SIZE,
) -> SignatureBlock:
    """``place_date`` lines, ``Position,``, room to sign, the name (bold, underlined), rank, NIP."""
    lines: list[tuple[str, str]] = [(text, "") for text in place_date]
    lines += [(f"{signatory.position},", ""), ("", GAP), (signatory.name, "BU")]
    if signatory.rank:
        lines.append((signatory.rank, ""))
    lines.append((f"NIP. {format_nip(signatory.nip)}", ""))
    return SignatureBlock(tuple(lines), width, line, gap, size)
