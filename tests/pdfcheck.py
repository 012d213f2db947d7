"""Reading the PDFs the bot makes, as a person would: the text of each page, where a piece
of text sits on it, the pictures on it, and the pages as images (pypdfium2, no tools needed).

Also the stress inputs the document tests share: photos in every EXIF orientation and a
60-indicator plan.
"""

from __future__ import annotations

import dataclasses
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from bot.planning.rules.example import example_plan
from bot.planning.rules.model import ActionPlan, ActionStatus, Indicator, Plan

# Set KINERJA_PDF_PNG_DIR to keep a PNG of every page the tests read (to look at them).
PNG_DIR = os.environ.get("KINERJA_PDF_PNG_DIR", "")


@dataclass(frozen=True)
class Page:
    """One page: its text (whitespace collapsed), its lines top to bottom with how far from
    the page top each starts (points), its pictures."""

    number: int
    text: str
    lines: tuple[str, ...]
    tops: tuple[float, ...]
    images: tuple[Picture, ...]
    height: float  # points
    spans: tuple[tuple[float, float], ...] = ()  # each line's left and right edge, points

    def top_of(self, needle: str) -> float | None:
        """How far from the page top the first line holding ``needle`` starts."""
        for line, top in zip(self.lines, self.tops, strict=True):
            if needle in line:
                return top
        return None


@dataclass(frozen=True)
class Picture:
    """A picture on a page: its box (points from the top left) and its pixels."""

    left: float
    top: float
    width: float
    height: float
    image: Image.Image


@dataclass(frozen=True)
class _Piece:
    centre: float  # points from the page top
    size: float
    left: float
    right: float
    top: float
    text: str


_Lines = tuple[list[str], list[float], list[tuple[float, float]]]


def _lines(textpage: pdfium.PdfTextPage, height: float) -> _Lines:
    """The page's text lines top to bottom, with the distance of each from the page top
    and its left and right edge (points); pieces of text side by side (a label and its
    value, table cells) are one line, left to right."""
    pieces = []
    for index in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(index)
        text = " ".join(textpage.get_text_bounded(left, bottom, right, top).split())
        if text:
            centre = height - (top + bottom) / 2
            pieces.append(_Piece(centre, top - bottom, left, right, height - top, text))
    pieces.sort(key=lambda piece: (piece.centre, piece.left))
    rows: list[list[_Piece]] = []
    for piece in pieces:
        if (
            rows
            and abs(piece.centre - rows[-1][0].centre) <= max(piece.size, rows[-1][0].size) * 0.45
        ):
            rows[-1].append(piece)
        else:
            rows.append([piece])
    lines = [" ".join(p.text for p in sorted(row, key=lambda p: p.left)) for row in rows]
    tops = [min(p.top for p in row) for row in rows]
    spans = [(min(p.left for p in row), max(p.right for p in row)) for row in rows]
    return lines, tops, spans


def pages(data: bytes, *, name: str = "") -> list[Page]:
    """Every page of the PDF ``data``, read back."""
    document = pdfium.PdfDocument(data)
    result = []
    try:
        for index in range(len(document)):
            page = document[index]
            height = page.get_height()
            textpage = page.get_textpage()
            text = " ".join(textpage.get_text_bounded().split())
            lines, tops, spans = _lines(textpage, height)
            pictures = []
            for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
                assert isinstance(obj, pdfium.PdfImage)
                left, bottom, right, top = obj.get_bounds()
                pictures.append(
                    Picture(
                        left, height - top, right - left, top - bottom, obj.get_bitmap().to_pil()
                    )
                )
            if PNG_DIR and name:
                folder = Path(PNG_DIR)
                folder.mkdir(parents=True, exist_ok=True)
                page.render(scale=60 / 72).to_pil().save(folder / f"{name}-p{index + 1}.png")
            result.append(
                Page(
                    index + 1,
                    text,
                    tuple(lines),
                    tuple(tops),
                    tuple(pictures),
                    height,
                    tuple(spans),
                )
            )
            textpage.close()
            page.close()
    finally:
        document.close()
    return result


def page_count(data: bytes) -> int:
    document = pdfium.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


def text(data: bytes) -> str:
    """The whole document's text, whitespace collapsed."""
    return " ".join(page.text for page in pages(data))


def in_order(text: str, expected: str) -> bool:
    """Whether every word of ``expected`` appears in ``text`` in the same order (other text,
    such as a page foot or a repeated table heading, may come in between)."""
    words = iter(text.split())
    return all(any(word == seen for seen in words) for word in expected.split())


def is_blank(image: Image.Image) -> bool:
    """Whether an image of a page shows nothing darker than light grey."""
    darkest, _ = cast(tuple[int, int], image.convert("L").getextrema())
    return darkest >= 128


def render(data: bytes, page: int, *, dpi: int = 60) -> Image.Image:
    """Page ``page`` (from 1) as an image."""
    document = pdfium.PdfDocument(data)
    try:
        image: Image.Image = document[page - 1].render(scale=dpi / 72).to_pil()
        return image
    finally:
        document.close()


# Stress inputs ---------------------------------------------------------------------------

QUADRANTS = ((220, 30, 30), (30, 170, 30), (30, 30, 220), (230, 210, 20))  # TL TR BL BR

# What stored pixels need so that applying EXIF orientation N shows the upright picture.
_STORED = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}


def upright(portrait: bool) -> Image.Image:
    """A picture of four coloured quadrants (red top left), 300 x 400 or 400 x 300."""
    width, height = (300, 400) if portrait else (400, 300)
    image = Image.new("RGB", (width, height))
    for index, colour in enumerate(QUADRANTS):
        left, top = (index % 2) * width // 2, (index // 2) * height // 2
        image.paste(colour, (left, top, left + width // 2, top + height // 2))
    return image


def photo(orientation: int, portrait: bool) -> bytes:
    """A JPEG that shows :func:`upright` once its EXIF ``orientation`` (1-8) is applied."""
    image = upright(portrait)
    transpose = _STORED[orientation]
    stored = image if transpose is None else image.transpose(transpose)
    exif = Image.Exif()
    exif[0x0112] = orientation
    buffer = io.BytesIO()
    stored.save(buffer, format="JPEG", quality=92, exif=exif.tobytes())
    return buffer.getvalue()


def quadrant_colours(image: Image.Image) -> tuple[tuple[int, int, int], ...]:
    """The colour at the centre of each quadrant: top left, top right, bottom left, right."""
    rgb = image.convert("RGB")
    width, height = rgb.size
    points = ((1, 1), (3, 1), (1, 3), (3, 3))
    return tuple(rgb.getpixel((width * x // 4, height * y // 4)) for x, y in points)  # type: ignore[misc]


def close_to(colour: tuple[int, int, int], expected: tuple[int, int, int]) -> bool:
    return all(abs(a - b) <= 40 for a, b in zip(colour, expected, strict=True))


# A 150-character unit name and a 120-character name with degrees.
LONG_UNIT_NAME = (
    "Bagian Pengadaan Barang/Jasa dan Layanan Pengadaan Secara Elektronik pada Sekretariat "
    "Daerah Kabupaten Jayawijaya Provinsi Papua Pegunungan di Wamena."
)
LONG_PERSON_NAME = (
    "Prof. Dra. Ir. Yohana Wendah Kogoya Lokobal Hubi Itlay Wetipo Asso Wamena, S.E., "
    "M.Si., M.T., M.Kom., Ph.D., CPOf., IPU."
)
assert len(LONG_UNIT_NAME) == 150 and len(LONG_PERSON_NAME) == 120

LONG_DEFINITION = (
    "Persentase nilai paket pengadaan yang diproses melalui e-Purchasing terhadap total "
    "nilai paket pengadaan melalui penyedia pada tahun berjalan, dihitung dari data SIRUP "
    "dan katalog elektronik. "
) * 8


def stress_plan(indicators: int = 60) -> Plan:
    """The example plan grown to ``indicators`` indicators, the first with a definition of
    exactly 1,500 characters, each with two action plans."""
    plan = example_plan(2027)
    base = plan.indicators
    grown: list[Indicator] = []
    actions: list[ActionPlan] = []
    for number in range(1, indicators + 1):
        model = base[(number - 1) % len(base)]
        code = f"IKU-{number:02d}"
        definition = model.definition
        if number == 1:
            definition = (LONG_DEFINITION * 2)[:1499] + "."
        grown.append(
            dataclasses.replace(
                model, code=code, name=f"{model.name} ({number})", definition=definition
            )
        )
        for step in (1, 2):
            actions.append(
                ActionPlan(
                    code,
                    step,
                    f"Kegiatan {step} untuk {code}: pendampingan OPD dan pemantauan data",
                    "Laporan kegiatan",
                    plan.actions[0].start,
                    plan.actions[0].end,
                    "UKPBJ",
                    ActionStatus.BERJALAN,
                )
            )
    return dataclasses.replace(plan, indicators=tuple(grown), actions=tuple(actions))
