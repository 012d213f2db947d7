"""The Surat Edaran (step 7) as a PDF: "Yth." recipients; SURAT EDARAN, NOMOR, TENTANG;
numbered parts (Latar Belakang, Maksud dan Tujuan, Ruang Lingkup, Dasar, Isi Edaran,
Penutup); "Ditetapkan di ... pada tanggal ..."; the signature block; "Tembusan:"."""

from __future__ import annotations

import string
from collections.abc import Iterator

from bot.core.dates import format_date
from bot.core.profile import OrgProfile
from bot.core.signing import Approval
from bot.letters.documents.content import CircularContent, LetterHeader
from bot.letters.documents.ending import LetterWriter, render
from bot.letters.documents.layout import NUMBER_WIDTH
from bot.letters.kinds import LetterKind


def circular_pdf(
    profile: OrgProfile,
    header: LetterHeader,
    content: CircularContent,
    *,
    approval: Approval | None = None,
) -> bytes:
    """The Surat Edaran as PDF bytes: a draft when the header has no number; with the
    approval in the bot by the signature when ``approval`` is given."""

    def draw(w: LetterWriter) -> None:
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
            w.text(text, x=NUMBER_WIDTH)
        for title, items in (("Dasar", content.legal_basis), ("Isi Edaran", content.points)):
            if not items:
                continue
            number += 1
            w.heading(f"{number}.", title)
            for letter, item in zip(_letters(), items, strict=False):
                w.item(f"{letter}.", item, x=NUMBER_WIDTH)
        place_date = [
            f"Ditetapkan di {header.place}",
            f"pada tanggal {format_date(header.day, with_weekday=False)}",
        ]
        closing_heading = (f"{number + 1}.", "Penutup") if content.closing.strip() else None
        w.ending(content.closing, x=NUMBER_WIDTH, place_date=place_date, heading=closing_heading)
        w.copies(content.copies)

    title = header.hal or f"Surat Edaran {content.tentang}"
    return render(profile, header, LetterKind.CIRCULAR, approval, title, draw)


def _letters() -> Iterator[str]:
    """a, b, ..., z, aa, ab, ..."""
    alphabet = string.ascii_lowercase
    yield from alphabet
    for first in alphabet:
        for second in alphabet:
            yield first + second
