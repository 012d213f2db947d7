"""The end of a letter: the signature block, which never stands alone on a page (the last
lines of text, or rows of a table, before it go over with it), the lampiran caption, and
:func:`render`, which makes the PDF of one letter.

A signed letter names its signatory in the capacity they signed in (``a.n.`` of another
official when the profile says so for that kind of letter, ``Plh.``/``Plt.`` for an acting
head) with the note of the approval in the bot and its verification code beside it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, time

from fpdf.enums import XPos, YPos

from bot.core.dates import format_date
from bot.core.pdf import FONT_FAMILY, SignatureBlock, draw_letterhead, set_metadata, signature_block
from bot.core.profile import OrgProfile
from bot.core.signing import Approval, capacity_lines
from bot.letters.documents.content import LetterHeader
from bot.letters.documents.layout import BOTTOM, LINE, PARAGRAPH_GAP, SIZE, LetterPdf, paragraphs
from bot.letters.documents.tables import KEEP_WITH_SIGNATURE, TableWriter
from bot.letters.kinds import LetterKind

_SIGNATURE_BEFORE = 6.0
_SIGNATURE_GAP = 20.0  # the room to sign
_SIGNATURE_WIDTH = 0.52  # of the text width


class LetterWriter(TableWriter):
    """Everything a letter draws, down to its signature."""

    def _signature(self, place_date: Sequence[str], *, with_note: bool = True) -> SignatureBlock:
        approval = self.approval
        if approval is None:
            signatory = self.profile.head
            capacity = capacity_lines(
                signatory.position,
                on_behalf_of=self.profile.signs_on_behalf_of(self.kind.document),
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
            line=LINE,
            gap=_SIGNATURE_GAP,
            size=SIZE,
        )

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
        if top + lines * LINE + after <= trigger:
            return None
        fit = max(int((trigger - top) / LINE + 1e-6), 0)
        keep = min(KEEP_WITH_SIGNATURE, lines)
        split = fit if lines - fit >= keep else lines - keep
        if split < 2:  # no single line left at the foot of the page
            split = 0
        if page_top + (lines - split) * LINE + after > trigger:
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
            pdf.page_break_trigger = pdf.get_y() + split * LINE + 0.01
        pdf.set_font(FONT_FAMILY, "", SIZE)
        pdf.set_x(pdf.l_margin + x)
        pdf.multi_cell(pdf.epw - x, LINE, text, align="J", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_auto_page_break(auto=True, margin=BOTTOM)

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
        after = PARAGRAPH_GAP + _SIGNATURE_BEFORE + block.height(pdf)
        *earlier, last = paragraphs(text) or [""]
        lines = self.lines(last, pdf.epw - x) if last else 0
        if heading is not None:
            if not earlier and last:
                # The heading goes over with the text when all of it has to.
                height = self.heading_height(heading[1]) + 2 * LINE
                top = pdf.get_y() if pdf.get_y() + height <= self.trigger else pdf.t_margin
                split = self._split(lines, top + self.heading_height(heading[1]), after)
                if split == 0 and pdf.get_y() > pdf.t_margin + 1:
                    pdf.add_page()
            self.heading(*heading)
        if earlier:
            self.text("\n".join(earlier), x=x)
        if last:
            self._paragraph(last, x=x, split=self._split(lines, pdf.get_y(), after))
            pdf.ln(PARAGRAPH_GAP)
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

    def attachment_caption(self, title: str) -> None:
        """``title`` and the number and date of the letter it belongs to, top right."""
        pdf = self.pdf
        x = pdf.epw * 0.5
        width = pdf.epw - x
        pdf.set_font(FONT_FAMILY, "", SIZE)
        pdf.set_x(pdf.l_margin + x)
        pdf.multi_cell(width, LINE, title, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.fields(
            [
                ("Nomor", self.number),
                ("Tanggal", format_date(self.header.day, with_weekday=False)),
            ],
            x=x,
            label_width=17,
            width=width,
        )
        pdf.ln(8)


def render(
    profile: OrgProfile,
    header: LetterHeader,
    kind: LetterKind,
    approval: Approval | None,
    title: str,
    draw: Callable[[LetterWriter], None],
) -> bytes:
    """The letter's PDF: the letterhead, then what ``draw`` writes; a draft (no number)
    carries the DRAF mark and no approval."""
    pdf = LetterPdf(draft=header.is_draft)
    try:
        set_metadata(
            pdf,
            title=title,
            profile=profile,
            created=datetime.combine(header.day, time(8), tzinfo=profile.timezone),
        )
        pdf.add_page()
        writer = LetterWriter(pdf, profile, header, kind, None if header.is_draft else approval)
        draw_letterhead(pdf, profile)
        draw(writer)
        return bytes(pdf.output())
    finally:
        pdf.close_fonts()
