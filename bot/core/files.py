"""Files are what they claim: the type of an uploaded file is told from its content, not its
name or the type the phone declared, and it is kept and sent on under a safe name.

``sniff`` knows the few types the bot takes (PDF, JPEG, PNG, WebP); anything else (an SVG,
HTML, an .xlsm renamed .pdf, an empty file) is None. ``image_problem`` opens an image's header
to refuse a corrupt file or a decompression bomb (a few kilobytes that unpack to gigapixels)
before it is stored. ``safe_name`` keeps the last part of the person's file name, in plain
characters, with the extension of the content's type: ``../../x.pdf`` is stored as ``x.pdf``.
``download_limit``: the Bot API serves files up to 20 MB; only a server in local mode lifts it.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
WEBP = "image/webp"
EXTENSIONS = {PDF: ".pdf", JPEG: ".jpg", PNG: ".png", WEBP: ".webp"}

TELEGRAM_DOWNLOAD_LIMIT = 20 * 1024 * 1024  # getFile on api.telegram.org
LOCAL_API_DOWNLOAD_LIMIT = 200 * 1024 * 1024  # the bot's own limit with a local Bot API server
MAX_IMAGE_PIXELS = 50_000_000  # a 50-megapixel photo; more is refused before decoding
_NAME_CHARS = re.compile(r"[^A-Za-z0-9 ._()-]+")
_NAME_LENGTH = 80


def sniff(content: bytes) -> str | None:
    """The type of ``content`` by its signature (one of ``EXTENSIONS``), or None."""
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"\xff\xd8\xff"):
        return JPEG
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if len(content) >= 12 and content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return WEBP
    return None


def image_problem(content: bytes) -> str | None:
    """None for an image that opens and is not too large; else why not (Indonesian)."""
    from PIL import Image  # Pillow is slow to import; only uploads of images need it

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as image:
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    return f"gambar terlalu besar ({width} × {height} piksel)"
                if image.format == "JPEG":  # decoded at 1/8 scale: a cut-off photo fails
                    image.draft("RGB", (width // 8 + 1, height // 8 + 1))
                    image.load()
                else:
                    image.verify()  # a PNG's checksums, a WebP's chunks
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return "gambar terlalu besar"
    except Exception:  # decoders raise all sorts (OSError, ValueError, SyntaxError, ...)
        return "gambar rusak atau tidak dapat dibaca"
    return None


def safe_name(original: str, mime: str, *, fallback: str = "berkas") -> str:
    """A file name safe to store and send: no folders, plain characters, the extension of
    ``mime`` (a key of ``EXTENSIONS``; another type keeps a plain extension of its own)."""
    base = re.split(r"[\\/]", original or "")[-1]
    stem, dot, extension = base.rpartition(".") if "." in base else (base, "", "")
    stem = " ".join(_NAME_CHARS.sub(" ", stem).split()).strip(" .")[:_NAME_LENGTH].strip(" .")
    if mime in EXTENSIONS:
        suffix = EXTENSIONS[mime]
    else:
        suffix = "." + extension if dot and re.fullmatch(r"[A-Za-z0-9]{1,8}", extension) else ""
    return f"{stem or fallback}{suffix}"


@dataclass(frozen=True)
class Checked:
    """An upload's type by content (None: refused) and, when refused, why (Indonesian)."""

    mime: str | None
    reason: str = ""


def claims_pdf(mime_type: str, file_name: str) -> bool:
    """Whether the phone's type or the file's name say it is a PDF."""
    return mime_type.lower() == PDF or file_name.lower().endswith(".pdf")


def check_upload(content: bytes, allowed: tuple[str, ...], *, pdf_claimed: bool = False) -> Checked:
    """Whether ``content`` is one of the ``allowed`` types by content; a file that claims to
    be a PDF must be one; an image must open and be of a sane size."""
    if not content:
        return Checked(None, "berkas kosong (0 bait)")
    mime = sniff(content)
    if mime not in allowed or (pdf_claimed and mime != PDF):
        return Checked(None, "isi berkas bukan jenis yang diterima")
    if mime != PDF:
        problem = image_problem(content)
        if problem is not None:
            return Checked(None, problem)
    return Checked(mime)


def download_limit(local_mode: bool) -> int:
    """The largest file the bot can download: 20 MB unless the Bot API runs in local mode."""
    return LOCAL_API_DOWNLOAD_LIMIT if local_mode else TELEGRAM_DOWNLOAD_LIMIT
