"""The photos of a socialisation in its report: upright, at most 1600 px on their longer
side (which keeps a report small enough to send over a weak link), two to a row; a file
that cannot be read is named instead of shown."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from fpdf.image_datastructures import ImageCache
from fpdf.image_parsing import preload_image
from PIL import Image, ImageOps

from bot.core.pdf import FONT_FAMILY
from bot.letters.documents.layout import Writer

PHOTO_MAX_SIDE = 1600
_JPEG = b"\xff\xd8\xff"
_PNG = b"\x89PNG\r\n\x1a\n"
_FRAME = (150, 150, 150)


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
            if not upright or max(image.size) > PHOTO_MAX_SIDE:
                fixed = ImageOps.exif_transpose(image)
                fixed.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
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


def draw_photos(w: Writer, photos: Sequence[bytes]) -> None:
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
