"""A workbook read that overruns its time limit stops itself.

Every upload is read in a worker thread for at most ``READ_SECONDS``. A thread cannot be
stopped from outside; before, one that overran was only abandoned and went on reading in
the background (CPU and memory held) until it finished. Now the read checks its deadline
per cell and per chunk of the file (``bot.core.deadline``) and ends itself."""

from __future__ import annotations

import asyncio
import io
import threading
import time

import openpyxl
import pytest

from bot.core import deadline, xlsx_guard
from bot.core.roles import Role
from bot.packages.sirup import SirupError, read_sirup
from bot.reporting.workbook import sheets
from bot.ui import uploads
from storage import submissions
from tests.harness import Harness
from tests.test_reporting_flow import _setup

LIMIT = 0.5  # seconds
SLOW = 0.02  # seconds added to each cell looked at


def _filled(template: bytes) -> bytes:
    from bot.planning.documents.data_template import FIRST_DATA_ROW, KEY_ROW

    book = openpyxl.load_workbook(io.BytesIO(template))
    ws = book["Data Paket"]
    keys = [c.value for c in ws[KEY_ROW]]
    for key, value in {"total_hps": 1_000_000_000, "total_pagu": 2_500_000_000}.items():
        ws.cell(row=FIRST_DATA_ROW, column=keys.index(key) + 1, value=value)
    # Rows of blank cells below: a sheet formatted far down, each cell looked at.
    for row in range(FIRST_DATA_ROW + 1, FIRST_DATA_ROW + 400):
        ws.cell(row=row, column=1, value="")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def test_a_read_past_its_limit_stops_and_stores_nothing(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    package_id = _setup(bot)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    await owner.command("lapor")
    await owner.press("Triwulan I 2027 ·")
    shown = await owner.press("Template Data Kinerja")
    template = next(m for m in shown if m.document is not None)
    assert template.document is not None
    content = _filled(template.document[1])

    calls: list[float] = []
    readers: set[threading.Thread] = set()
    original = xlsx_guard.is_blank

    def slow_is_blank(value: object) -> bool:
        calls.append(time.monotonic())
        readers.add(threading.current_thread())
        time.sleep(SLOW)
        return original(value)  # checks the deadline, as every cell helper does

    monkeypatch.setattr(sheets, "is_blank", slow_is_blank)
    monkeypatch.setattr(uploads, "READ_SECONDS", LIMIT)
    started = time.monotonic()
    shown = await owner.upload("data.xlsx", content, "application/vnd.ms-excel")
    told = time.monotonic()
    assert "terlalu lama diperiksa (lebih dari 0.5 detik)" in shown[-1].plain
    assert told - started < LIMIT + 10  # (generous: a busy machine is slow, not wrong)
    # The read stops within a cell of its deadline: at most the cell under way when the
    # owner was told; it does not go on in the background.
    await asyncio.sleep(1.0)
    assert calls and len([at for at in calls if at > told]) <= 1
    count = len(calls)
    await asyncio.sleep(SLOW * 10)
    assert len(calls) == count
    assert readers and threading.current_thread() not in readers
    with bot.svc.db.read() as session:
        assert submissions.latest(session, package_id=package_id, period_key="triwulanan-1") is None
    # At its normal speed, the same file is read and can be sent.
    monkeypatch.setattr(sheets, "is_blank", original)
    shown = await owner.upload("data.xlsx", content, "application/vnd.ms-excel")
    assert "1 paket berisi nilai" in shown[-1].plain


def test_a_csv_read_stops_at_its_deadline() -> None:
    """The rows of a SIRUP CSV check the deadline too (a CSV has no cells to look at)."""
    rows = "\n".join(f"{n};Paket {n};1000" for n in range(40_000))
    content = ("Kode RUP;Nama Paket;Pagu\n" + rows).encode()
    started = time.monotonic()
    with pytest.raises(deadline.TooSlow):
        deadline.run_within(0.0, read_sirup, content, "sirup.csv")
    assert time.monotonic() - started < 5  # stopped at the first rows, not all 40,000
    assert isinstance(read_sirup(b"\x00\x01", "sirup.csv"), SirupError)  # outside: no deadline
