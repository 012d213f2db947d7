"""One huge upload must not stall everyone: while one person's workbook is being read,
others are answered at once; that person's own later updates wait for the reading, in order.

These tests run the real Application as ``kinerja-bot run`` does (started, updates fed
through its update queue), not the harness's one-update-at-a-time ``process_update``.
"""

from __future__ import annotations

import asyncio
import io
import itertools
import threading
import time
import zipfile
from collections.abc import AsyncIterator
from typing import Any

import openpyxl
import pytest
from telegram import Update

from bot.core.roles import Role
from bot.core.xlsx_guard import count_rows
from bot.devtools.chat import Person
from bot.packages.handlers import sirup_upload
from bot.packages.sirup import MAX_SIRUP_BYTES, SirupError, read_sirup
from bot.planning.documents.workbook import MAX_WORKBOOK_BYTES, read_plan_workbook
from bot.ui import uploads
from tests.harness import Harness
from tests.test_hostile_inputs import _sheet_path, _with

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ANSWERED_WITHIN = 2.0  # seconds, real time: what the issue asks for others
_ids = itertools.count(900_000)


def _update(person: Person, **content: Any) -> Update:
    """An update from ``person`` as the update fetcher would queue it."""
    message = {
        "message_id": next(_ids),
        "date": 0,
        "chat": {"id": person.telegram_id, "type": "private", "first_name": person.first_name},
        "from": person.user,
        **content,
    }
    return Update.de_json({"update_id": next(_ids), "message": message}, person.app.bot)


def _command(person: Person, name: str) -> Update:
    text = f"/{name}"
    entity = {"type": "bot_command", "offset": 0, "length": len(text)}
    return _update(person, text=text, entities=[entity])


def _upload(bot: Harness, person: Person, content: bytes) -> Update:
    file_id = f"besar{person.telegram_id}"
    bot.api.add_file(file_id, content)
    document = {
        "file_id": file_id,
        "file_unique_id": f"u{file_id}",
        "file_name": "sirup-besar.xlsx",
        "mime_type": XLSX,
        "file_size": len(content),
    }
    return _update(person, document=document)


async def _shown(bot: Harness, chat_id: int, after: int, *, within: float) -> float | None:
    """Seconds until the bot shows something new in ``chat_id``; None when nothing came."""
    started = time.monotonic()
    while time.monotonic() - started < within:
        if any(m.chat_id == chat_id for m in bot.api.transcript[after:]):
            return time.monotonic() - started
        await asyncio.sleep(0.02)
    return None


@pytest.fixture
async def running(bot: Harness) -> AsyncIterator[Harness]:
    app = bot.app
    assert app is not None
    await app.start()
    try:
        yield bot
    finally:
        await app.stop()


async def test_others_are_answered_while_a_huge_workbook_is_read(
    running: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot = running
    team = await bot.registered(5001, Role.TIM)
    head = await bot.registered(5002, Role.KEPALA)
    await team.command("paket")
    await team.press("Unggah ekspor SIRUP")
    release = threading.Event()
    reading = threading.Event()

    def slow_read(content: bytes, file_name: str) -> SirupError:
        """A reader busy for as long as the test holds it (a workbook of a million rows)."""
        reading.set()
        release.wait(timeout=30)
        return SirupError("berkas berisi lebih dari 50.000 baris", "kirim sebagai .csv")

    monkeypatch.setattr(sirup_upload, "read_sirup", slow_read)
    app = bot.app
    assert app is not None
    try:
        before = len(bot.api.transcript)
        await app.update_queue.put(_upload(bot, team, b"PK\x03\x04" + bytes(1000)))
        assert await asyncio.to_thread(reading.wait, 10)
        # The team member's own next update waits for the reading (their order is kept).
        await app.update_queue.put(_command(team, "status"))
        mark = len(bot.api.transcript)
        await app.update_queue.put(_command(head, "status"))
        waited = await _shown(bot, head.telegram_id, mark, within=ANSWERED_WITHIN + 3)
        assert waited is not None and waited < ANSWERED_WITHIN, waited
        assert reading.is_set() and not release.is_set()  # the reading is still going on
    finally:
        release.set()
    await asyncio.wait_for(app.update_queue.join(), timeout=10)
    chat = [m for m in bot.api.transcript[before:] if m.chat_id == team.telegram_id]
    texts = [m.plain for m in chat]
    refused = max(i for i, text in enumerate(texts) if "50.000 baris" in text)  # the edit
    status = next(i for i, m in enumerate(chat) if i > refused and not m.edited)
    assert refused < status, texts


async def test_a_reading_that_takes_too_long_is_given_up(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    team = await bot.registered(5001, Role.TIM)
    await team.command("paket")
    await team.press("Unggah ekspor SIRUP")
    release = threading.Event()

    def stuck_read(content: bytes, file_name: str) -> SirupError:
        release.wait(timeout=30)
        return SirupError("tidak pernah selesai", "")

    monkeypatch.setattr(sirup_upload, "read_sirup", stuck_read)
    monkeypatch.setattr(uploads, "READ_SECONDS", 0.3)
    started = time.monotonic()
    try:
        shown = await team.upload("sirup-besar.xlsx", b"PK\x03\x04" + bytes(1000), XLSX)
    finally:
        release.set()
    assert time.monotonic() - started < 5
    assert "terlalu lama diperiksa" in shown[-1].plain, shown[-1].plain


def _sirup_xlsx(rows: bytes) -> bytes:
    """A workbook whose one sheet holds ``rows`` (row elements), in raw XML: a million rows
    written by openpyxl would take the test a minute."""
    sheet = (
        b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><sheetData>' + rows + b"</sheetData></worksheet>"
    )
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(_SMALL)) as small,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for name in small.namelist():
            is_sheet = name.startswith("xl/worksheets/") and name.endswith(".xml")
            out.writestr(name, sheet if is_sheet else small.read(name))
    return buffer.getvalue()


def _small() -> bytes:
    book = openpyxl.Workbook()
    book.active["A1"] = "Kode RUP"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


_SMALL = _small()


def test_a_million_rows_are_refused_before_parsing() -> None:
    row = (
        b'<row r="%d"><c r="A%d"><v>%d</v></c><c r="B%d" t="inlineStr"><is><t>x</t></is></c></row>'
    )
    content = _sirup_xlsx(b"".join(row % (n, n, n, n) for n in range(1, 1_000_001)))
    assert len(content) < MAX_SIRUP_BYTES
    started = time.monotonic()
    result = read_sirup(content, "sirup.xlsx")
    elapsed = time.monotonic() - started
    assert isinstance(result, SirupError)
    assert "lebih dari 50.000 baris" in result.message
    assert elapsed < 3, elapsed  # parsed by openpyxl first, it took 14 s


def test_a_sheet_of_blank_formatted_rows_is_refused_before_parsing() -> None:
    row = b'<row r="%d"><c r="A%d" s="1"/></row>'
    content = _sirup_xlsx(b"".join(row % (n, n) for n in range(1, 400_001)))
    started = time.monotonic()
    result = read_sirup(content, "sirup.xlsx")
    elapsed = time.monotonic() - started
    assert isinstance(result, SirupError)
    assert "baris kosong berformat" in result.message, result.message
    assert elapsed < 3, elapsed


class _Trickle(io.RawIOBase):
    """A stream that hands out a few bytes per read, so tags are cut between chunks."""

    def __init__(self, data: bytes, step: int) -> None:
        self._data, self._step, self._at = data, step, 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        chunk = self._data[self._at : self._at + min(self._step, size if size > 0 else 1 << 30)]
        self._at += len(chunk)
        return chunk


@pytest.mark.parametrize("step", [1, 7, 64, 1000])
def test_rows_are_counted_across_chunks(step: int) -> None:
    xml = (
        b'<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>'
        b'<row r="2"><c r="A2" s="3"/></row>'
        b'<row r="3"><c r="A3" t="inlineStr"><is><t>a</t></is></c><c><v>2</v></c></row>'
        b'<rowBreaks/><row r="4"/>' * 3
    )
    assert count_rows(_Trickle(xml, step).read, max_filled=100, max_rows=100) == (6, 12)
    assert count_rows(_Trickle(xml, step).read, max_filled=2, max_rows=100)[0] == 3


def test_a_million_blank_formatted_rows_are_refused_before_parsing() -> None:
    """The plan workbook's guard, shared by every other workbook reader."""
    rows = b"".join(b'<row r="%d" s="1" customFormat="1"/>' % n for n in range(2, 1_000_002))
    sheet = (
        b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><sheetData>' + rows + b"</sheetData></worksheet>"
    )
    content = _with(_sheet_path(), sheet)
    assert len(content) < MAX_WORKBOOK_BYTES
    started = time.monotonic()
    result = read_plan_workbook(content, year=2027)
    elapsed = time.monotonic() - started
    assert isinstance(result, list)
    assert "lebih dari 150.000 baris" in result[0].message, result
    assert elapsed < 3, elapsed  # parsed by openpyxl first, it took 5-6 s
