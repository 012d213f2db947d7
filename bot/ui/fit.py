"""No message outgrows Telegram: a text longer than Telegram takes is cut, HTML kept valid
(tags closed, no entity split), with a marker saying so.

Telegram counts UTF-16 code units of the text as shown (tags and entities parsed): 4096 for
a message, 1024 for a caption, 200 for the note answering a button. ``fit_request`` applies
the limits to the parameters of any Bot API request, so every message that shows stored
text is bounded whatever route stored it; lists page themselves, and this is the last guard.
Captions count wherever they are: of a document or photo, and of each item of an album
(``sendMediaGroup``) or of replaced media (``editMessageMedia``).
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable, Sequence
from copy import copy
from typing import Any

from telegram import InputMedia

from bot import texts

logger = logging.getLogger(__name__)

MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_ANSWER_LIMIT = 200

_TAG = re.compile(r"<[^>]*>")
_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*>|&#?\w+;|.", re.S)


def _units(text: str) -> int:
    """Length in UTF-16 code units, as Telegram counts."""
    return len(text.encode("utf-16-le")) // 2


def shown_length(text: str, *, is_html: bool = True) -> int:
    """How long Telegram finds ``text`` (HTML: the text without its tags)."""
    return _units(html.unescape(_TAG.sub("", text)) if is_html else text)


# Caps tried in turn on the lines about single items of a summary (``first_that_fits``).
CAPS = (40, 25, 15, 10, 6, 3, 1, 0)


def first_that_fits(
    render: Callable[[int], str], caps: Sequence[int] = CAPS, room: int = MESSAGE_LIMIT - 96
) -> str:
    """``render(cap)`` for the largest cap whose text fits ``room`` (else the smallest):
    a summary that lists items (units, names, requests) at most ``cap`` of each, and says
    how many it left out, is one message at any size instead of being cut."""
    text = ""
    for cap in caps:
        text = render(cap)
        if shown_length(text) <= room:
            break
    return text


def fit(text: str, limit: int = MESSAGE_LIMIT, *, is_html: bool = True) -> str:
    """``text`` as is when it fits ``limit``; else cut, tags closed, with the marker."""
    if shown_length(text, is_html=is_html) <= limit:
        return text
    marker = texts.MESSAGE_CLIPPED if limit >= 4 * _units(texts.MESSAGE_CLIPPED) else "…"
    room = limit - _units(marker)
    if not is_html:
        cut = text[:room]
        while _units(cut) > room:
            cut = cut[:-1]
        return cut.rstrip() + marker
    kept: list[str] = []
    open_tags: list[str] = []
    used = 0
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if match.group(2):
            name = match.group(2).lower()
            if match.group(1):
                if name in open_tags:
                    del open_tags[len(open_tags) - 1 - open_tags[::-1].index(name)]
            else:
                open_tags.append(name)
            kept.append(token)
            continue
        size = 1 if len(token) > 1 else _units(token)
        if used + size > room:
            break
        used += size
        kept.append(token)
    closing = "".join(f"</{name}>" for name in reversed(open_tags))
    return "".join(kept).rstrip() + closing + marker


_LIMITS = {
    "sendMessage": ("text", MESSAGE_LIMIT),
    "editMessageText": ("text", MESSAGE_LIMIT),
    "answerCallbackQuery": ("text", CALLBACK_ANSWER_LIMIT),
}


def _is_html(parse_mode: object) -> bool:
    return str(parse_mode or "").upper() == "HTML"


def _fit_media(endpoint: str, item: object, parse_mode: object) -> object:
    """An album item or replaced media with its caption fitted (a copy: PTB's are frozen)."""
    if isinstance(item, InputMedia):
        caption, own_mode = item.caption, item.parse_mode
    elif isinstance(item, dict):
        caption, own_mode = item.get("caption"), item.get("parse_mode")
    else:
        return item
    if not isinstance(caption, str):
        return item
    is_html = _is_html(own_mode if isinstance(own_mode, str) else parse_mode)
    fitted = fit(caption, CAPTION_LIMIT, is_html=is_html)
    if fitted is caption:
        return item
    logger.warning("%s: caption cut to fit Telegram (%d characters)", endpoint, len(caption))
    if isinstance(item, dict):
        return {**item, "caption": fitted}
    item = copy(item)
    with item._unfrozen():
        item.caption = fitted
    return item


def fit_request(endpoint: str, data: dict[str, Any]) -> None:
    """Cut the text or caption of a Bot API request to Telegram's limit (in place)."""
    media = data.get("media")
    if isinstance(media, list | tuple):
        data["media"] = [_fit_media(endpoint, m, data.get("parse_mode")) for m in media]
    elif media is not None:
        data["media"] = _fit_media(endpoint, media, data.get("parse_mode"))
    key, limit = _LIMITS.get(endpoint, ("caption", CAPTION_LIMIT))
    value = data.get(key)
    if not isinstance(value, str):
        return
    is_html = _is_html(data.get("parse_mode"))
    if endpoint == "answerCallbackQuery":
        is_html = False
    fitted = fit(value, limit, is_html=is_html)
    if fitted is not value:
        logger.warning("%s: %s cut to fit Telegram (%d characters)", endpoint, key, len(value))
        data[key] = fitted
