"""Find internal values in what a person reads: the leak detector the scenario tests run.

A user of the bot must never read a machine value: a snake_case key (``changes_requested``,
``kode_rup``), an enum or its repr (``Role.TIM``, ``<Role.TIM: 'tim'>``), ``None``, an unfilled
``{placeholder}``, a Python repr (``{'a': 1}``, ``['x']``, ``datetime(``), a Python error name,
or Telegram's English error texts ("Forbidden: bot was blocked by the user", "Bad Request").

``find_leaks(text)`` checks one text; ``shown_texts(api)`` collects every text the bot sent
through the fake Bot API (messages, edits, captions, alerts, button labels, command menus).

What is *not* a leak, and how the detector tells:

* HTML markup of Telegram's parse mode (``<b>``, ``<code>``...) is removed and entities are
  decoded first, so the check reads what the phone shows.
* Inside ``<code>``/``<pre>`` a snake_case name is meant to be read as code (a formula such
  as ``nilai_epurchasing / total_pagu``, the names a person types in); only there.
* File names (``data-kinerja-triwulanan-4.xlsx``, ``surat_edaran-001-2027.pdf``), web
  addresses and deep links (``https://t.me/Bot?start=...``) and e-mail addresses are skipped
  as whole words before the word checks run.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

# Telegram's HTML parse mode: the tags a message may carry.
_TAG = re.compile(
    r"</?(?:b|strong|i|em|u|ins|s|strike|del|code|pre|a|tg-spoiler|span|blockquote)"
    r"(?:\s[^<>]*)?>",
    re.IGNORECASE,
)
_CODE_SPAN = re.compile(r"<(code|pre)(?:\s[^<>]*)?>.*?</\1>", re.IGNORECASE | re.DOTALL)

# Whole "words" that are fine even though they contain underscores, dots or brackets.
_FILE_NAME = re.compile(
    r"^[\w.()-]+\.(?:pdf|xlsx|xls|csv|txt|jpe?g|png|docx?|zip|toml|json)$", re.IGNORECASE
)
_URL = re.compile(r"^(?:https?://|tg://|t\.me/|www\.)\S+$", re.IGNORECASE)
_EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
_WORD_EDGES = "\"'`«»“”‘’()[]<>,;:!?…"

# snake_case: two or more lower-case parts joined by underscores (kode_rup, awaiting_signature).
_SNAKE = re.compile(r"(?<![\w/@.-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w@-])")
# An enum member or its repr: Role.TIM, InputKind.ANGKA, <Role.TIM: 'tim'>.
_ENUM = re.compile(r"\b[A-Z][a-z]+(?:[A-Z][a-z]*)*\.[A-Z][A-Z0-9_]*\b")
_ENUM_REPR = re.compile(r"<[A-Za-z_][\w.]*: [^<>]*>")
_OBJECT_REPR = re.compile(r"<[\w.]+ object at 0x[0-9a-fA-F]+>|\b0x[0-9a-fA-F]{6,}\b")
# Python constants; "nan" comes from formatting a missing float.
_CONSTANT = re.compile(r"\b(?:None|True|False|nan|NaN|null)\b")
# {name}, {name!r}, {count:03d}, {0} and {} left unfilled by str.format.
_PLACEHOLDER = re.compile(r"\{(?:[A-Za-z_][\w.]*|\d+)?(?:![rsa])?(?::[^{}]*)?\}")
# dict, list, tuple and set reprs: {'a': 1}, ['x', 'y'], ('a',), [1, 2], {1, 2}.
_CONTAINER_REPR = re.compile(
    r"""\{\s*['"][^'"]*['"]\s*:"""  # {'a': ...
    r"""|\[\s*['"]"""  # ['a' ...
    r"""|['"]\s*\]"""  # ... 'a']
    r"""|\(\s*['"][^'"]*['"]\s*,"""  # ('a', ...
    r"""|\[\s*-?\d+(?:\.\d+)?\s*,\s*-?\d+(?:\.\d+)?(?:\s*,\s*-?\d+(?:\.\d+)?)*\s*\]"""  # [1, 2]
    r"""|\[\s*\]|\{\s*\}"""  # [] and {}
)
_CALL_REPR = re.compile(
    r"\b(?:datetime|date|time|timedelta|Decimal|ZoneInfo|Fraction|Path|PosixPath)\("
)
_PY_ERROR = re.compile(r"\b[A-Z][A-Za-z]*(?:Error|Exception)\b|Traceback \(most recent")
# English texts Telegram or its libraries return; a person must read Indonesian instead.
_TELEGRAM_ERROR = re.compile(
    r"Forbidden:|Bad Request|bot was blocked|blocked by the user|chat not found|"
    r"user is deactivated|bot was kicked|Flood control|flood wait|Retry in \d|Timed out|"
    r"message is not modified|message to edit not found|Internal Server Error|"
    r"Conflict: terminated|Unauthorized|Network ?Error|fake network error",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Leak:
    """One internal value found in a text: what kind, and the fragment itself."""

    kind: str
    fragment: str


def _readable(text: str) -> str:
    """The text as the phone shows it: tags removed, entities decoded."""
    return html.unescape(_TAG.sub("", text))


def _without_skipped_words(text: str) -> str:
    """``text`` with file names, addresses and e-mail addresses blanked out."""
    words = []
    for word in re.split(r"(\s+)", text):
        core = word.strip(_WORD_EDGES).rstrip(".")
        if core and (_FILE_NAME.match(core) or _URL.match(core) or _EMAIL.match(core)):
            words.append(" " * len(word))
        else:
            words.append(word)
    return "".join(words)


def find_leaks(text: str, *, html_text: bool = True) -> list[Leak]:
    """Every internal value in one text the bot sends (HTML unless ``html_text`` is False)."""
    if html_text:
        readable = _readable(text)
        outside_code = _readable(_CODE_SPAN.sub(" ", text))
    else:
        readable = outside_code = text
    readable = _without_skipped_words(readable)
    outside_code = _without_skipped_words(outside_code)
    found: list[Leak] = []
    checks = (
        ("snake_case", _SNAKE, outside_code),
        ("enum", _ENUM, readable),
        ("enum repr", _ENUM_REPR, readable),
        ("object repr", _OBJECT_REPR, readable),
        ("Python constant", _CONSTANT, readable),
        ("placeholder", _PLACEHOLDER, readable),
        ("Python repr", _CONTAINER_REPR, readable),
        ("Python repr", _CALL_REPR, readable),
        ("Python error", _PY_ERROR, readable),
        ("Telegram error", _TELEGRAM_ERROR, readable),
    )
    for kind, pattern, haystack in checks:
        for match in pattern.finditer(haystack):
            found.append(Leak(kind, match.group(0)))
    return found


@dataclass(frozen=True)
class ShownText:
    """One text the bot sent: the API method, the chat, which part, and the text."""

    method: str
    chat_id: object
    part: str
    text: str
    html_text: bool


_TEXT_PARTS = {
    "sendMessage": ("text",),
    "editMessageText": ("text",),
    "sendDocument": ("caption",),
    "sendPhoto": ("caption",),
    "sendMediaGroup": (),
    "editMessageCaption": ("caption",),
    "answerCallbackQuery": ("text",),
}


def _labels(markup: Any) -> Iterator[str]:
    if isinstance(markup, dict):
        for row in markup.get("inline_keyboard", []) or markup.get("keyboard", []):
            for item in row:
                label = item.get("text") if isinstance(item, dict) else item
                if isinstance(label, str):
                    yield label


def shown_texts(calls: Iterable[Any]) -> Iterator[ShownText]:
    """Every text in the recorded Bot API ``calls`` (``FakeBotApi.calls``) that a person reads."""
    for call in calls:
        params = call.params
        chat = params.get("chat_id", params.get("callback_query_id", ""))
        # Answers to button presses are plain text; messages and captions use HTML.
        plain = call.method == "answerCallbackQuery" or params.get("parse_mode") not in (
            "HTML",
            None,
        )
        for part in _TEXT_PARTS.get(call.method, ()):
            value = params.get(part)
            if isinstance(value, str) and value:
                yield ShownText(call.method, chat, part, value, not plain)
        for label in _labels(params.get("reply_markup")):
            yield ShownText(call.method, chat, "tombol", label, False)
        if call.method == "setMyCommands":
            for command in params.get("commands", []) or []:
                if isinstance(command, dict):
                    description = str(command.get("description", ""))
                    yield ShownText(call.method, chat, "menu", description, False)


def leaks_in(calls: Iterable[Any]) -> list[tuple[ShownText, Leak]]:
    """Every leak in the texts of ``calls``, with the text it was found in."""
    return [
        (shown, leak)
        for shown in shown_texts(calls)
        for leak in find_leaks(shown.text, html_text=shown.html_text)
    ]


def describe(found: list[tuple[ShownText, Leak]], *, limit: int = 20) -> str:
    """A readable report of leaks for a failing test."""
    lines = [f"{len(found)} internal value(s) shown to users:"]
    for shown, leak in found[:limit]:
        excerpt = " ".join(shown.text.split())
        lines.append(
            f"- {leak.kind} {leak.fragment!r} in {shown.method} {shown.part} "
            f"(chat {shown.chat_id}): {excerpt[:300]!r}"
        )
    if len(found) > limit:
        lines.append(f"... and {len(found) - limit} more")
    return "\n".join(lines)
