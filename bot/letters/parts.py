"""Every text of a letter draft the team may replace from the chat, one part at a time.

A circular has its subject (tentang), recipients, numbered sections, each item of the Dasar
list, each point of the Isi Edaran, the closing and the copies; an invitation and a report all
their texts. Lists (recipients, copies) are edited as one text, one item per line; "-"
empties the copies.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from bot.core.labels import fit
from bot.letters import texts
from bot.letters.documents import (
    CircularContent,
    InvitationContent,
    LetterContent,
    SocialisationReport,
)
from bot.letters.kinds import LetterKind

PARAGRAPH_LENGTH = (10, 3000)
SHORT_LENGTH = (3, 300)


@dataclass(frozen=True)
class Part:
    """One replaceable text of a letter.

    ``key`` travels in button data (``"d2"`` is the third Dasar item); ``name`` says what
    kind of part it is, ``number`` its position among its kind (1 = "a." or "1."), ``title``
    the heading of a numbered section; ``text`` is the current text (a list: one per line).
    """

    key: str
    name: str
    text: str
    number: int = 0
    title: str = ""
    is_list: bool = False
    length: tuple[int, int] = PARAGRAPH_LENGTH


# The single-text fields of each kind of letter: (name = field, length), in letter order.
_FIELDS: dict[type, tuple[tuple[str, tuple[int, int]], ...]] = {
    InvitationContent: (
        ("opening", PARAGRAPH_LENGTH),
        ("time_text", SHORT_LENGTH),
        ("place", SHORT_LENGTH),
        ("agenda", SHORT_LENGTH),
        ("closing", PARAGRAPH_LENGTH),
    ),
    SocialisationReport: (
        ("title", SHORT_LENGTH),
        ("introduction", PARAGRAPH_LENGTH),
        ("activities", PARAGRAPH_LENGTH),
        ("results", PARAGRAPH_LENGTH),
        ("conclusions", PARAGRAPH_LENGTH),
        ("closing", PARAGRAPH_LENGTH),
    ),
}
# The lettered items of a circular: part name -> field.
_ITEM_FIELDS = {"legal_basis": "legal_basis", "point": "points"}


def _list_part(name: str, items: tuple[str, ...]) -> Part:
    return Part(name, name, "\n".join(items), is_list=True, length=SHORT_LENGTH)


def parts(content: LetterContent) -> list[Part]:
    """Every part of ``content`` that can be replaced, in the order the letter prints them."""
    if isinstance(content, CircularContent):
        return [
            Part("tentang", "tentang", content.tentang, length=SHORT_LENGTH),
            _list_part("recipients", content.recipients),
            *(
                Part(f"s{n}", "section", body, number=n + 1, title=title)
                for n, (title, body) in enumerate(content.sections)
            ),
            *(
                Part(f"d{n}", "legal_basis", text, number=n + 1)
                for n, text in enumerate(content.legal_basis)
            ),
            *(Part(f"p{n}", "point", text, number=n + 1) for n, text in enumerate(content.points)),
            Part("closing", "closing", content.closing),
            _list_part("copies", content.copies),
        ]
    fields = _FIELDS.get(type(content))
    if fields is None:
        raise TypeError(f"no parts for {type(content).__name__}")
    result = [Part(name, name, getattr(content, name), length=length) for name, length in fields]
    if isinstance(content, InvitationContent):
        result.insert(0, _list_part("recipients", content.recipients))
        result.append(_list_part("copies", content.copies))
    return result


def find_part(content: LetterContent, key: str) -> Part | None:
    return next((part for part in parts(content) if part.key == key), None)


def replace_part(content: LetterContent, key: str, text: str) -> LetterContent:
    """``content`` with the part ``key`` replaced by ``text``.

    KeyError for an unknown part; ValueError (with the reason in Indonesian) when the text
    is too short or too long.
    """
    part = find_part(content, key)
    if part is None:
        raise KeyError(key)
    return _with(content, part, _checked(part, text))


def _checked(part: Part, text: str) -> str | tuple[str, ...]:
    """The new text of ``part`` (a list: its lines), or ValueError."""
    shortest, longest = part.length
    if part.is_list:
        if part.name == "copies" and text.strip() == "-":
            return ()
        lines = tuple(" ".join(line.split()) for line in text.splitlines() if line.strip())
        if not lines or any(not shortest <= len(line) <= longest for line in lines):
            raise ValueError(f"setiap baris harus {shortest}-{longest} karakter")
        return lines
    text = text.strip()
    if not shortest <= len(text) <= longest:
        raise ValueError(f"teks harus {shortest}-{longest} karakter")
    return text


def _with(content: Any, part: Part, value: str | tuple[str, ...]) -> LetterContent:
    """``content`` with ``value`` in the place of ``part`` (fields named by the part)."""
    index = part.number - 1
    field, new = part.name, value
    if part.name == "section":
        sections = list(content.sections)
        sections[index] = (sections[index][0], value)
        field, new = "sections", tuple(sections)
    elif part.name in _ITEM_FIELDS:
        field = _ITEM_FIELDS[part.name]
        items = list(getattr(content, field))
        items[index] = value
        new = tuple(items)
    updated: LetterContent = replace(content, **{field: new})
    return updated


def part_label(kind: LetterKind, part: Part) -> str:
    """The button label of a part: "Isi Edaran huruf c", "1. Latar Belakang", "Tembusan"."""
    if kind is LetterKind.REPORT and part.name == "closing":
        return texts.LETTER_REPORT_CLOSING
    template = texts.LETTER_PART_LABELS[part.name]
    letter = chr(ord("a") + part.number - 1) if part.number else ""
    return fit(template.format(number=part.number, title=part.title, letter=letter))
