"""The hostile-input corpus: files and texts made to break the bot. Each is refused with a
short Indonesian message (or, where it is fine, read as it should be), never crashes the bot,
and is dealt with in bounded time. The inputs are generated here, not stored."""

from __future__ import annotations

import io
import random
import re
import time
import zipfile
from collections.abc import Callable

import pytest
from openpyxl import Workbook
from PIL import Image

from bot.core.roles import Role
from bot.devtools.chat import Person
from bot.packages.sirup import read_sirup
from bot.packages.sirup.model import SirupError, SirupImport
from bot.planning.documents.workbook import plan_workbook, read_plan_workbook
from bot.planning.rules.example import example_plan
from storage.models import Document
from tests.harness import Harness
from tests.test_reporting_flow import _answer_actions, _answer_inputs, _setup
from tests.test_sirup import dataset_csv

YEAR = 2027
SECONDS = 10.0  # each input is dealt with in this time (on a busy 2-core machine)
ENGLISH = re.compile(r"\b(error|exception|traceback|invalid|file is|none)\b", re.IGNORECASE)
VALID = plan_workbook(example_plan(YEAR), title="Rencana")


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _entries(content: bytes = VALID) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _with(name: str, data: bytes) -> bytes:
    entries = _entries()
    entries[name] = data
    return _zip(entries)


def _sheet_path() -> str:
    return next(n for n in _entries() if n.startswith("xl/worksheets/sheet") and "2" in n)


_SHEET = (
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>%s</t></is></c></row></sheetData></worksheet>'
)
_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
        for i in range(1, 10)
    )
    + b"]>"
    + _SHEET % b"&lol9;"
)
_EXTERNAL = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    + _SHEET % b"&xxe;"
)


def _huge_rows() -> bytes:
    rows = b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>IKU-01</t></is></c></row>' % (n, n)
        for n in range(2, 300_002)
    )
    sheet = (
        b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><sheetData>' + rows + b"</sheetData></worksheet>"
    )
    return _with(_sheet_path(), sheet)


def _zip_bomb() -> bytes:
    entries = _entries()
    entries["xl/media/image1.bin"] = bytes(300 * 1024 * 1024)
    return _zip(entries)


def _many_entries() -> bytes:
    entries = _entries()
    entries.update({f"xl/media/x{n}.bin": b"" for n in range(20_000)})
    return _zip(entries)


def _xlsm() -> bytes:
    entries = _entries()
    entries["xl/vbaProject.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)
    types = entries["[Content_Types].xml"].replace(
        b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml"
    )
    entries["[Content_Types].xml"] = types
    return _zip(entries)


def _dde() -> bytes:
    workbook = Workbook()
    workbook.active.title = "Petunjuk"
    workbook.active["A1"] = "=cmd|' /C calc'!A0"
    workbook.active["B1"] = '=DDE("cmd";"/C calc";"x")'
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
XLSX_CORPUS: dict[str, Callable[[], bytes]] = {
    "empty file": lambda: b"",
    "only spaces": lambda: b"   \n",
    "PDF renamed .xlsx": lambda: b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n",
    "legacy .xls (OLE2)": lambda: _OLE2 + bytes(4096),
    "password-protected workbook": lambda: (
        _OLE2
        + bytes(504)
        + "EncryptionInfo".encode("utf-16-le")
        + "EncryptedPackage".encode("utf-16-le")
        + bytes(4096)
    ),
    "macro workbook .xlsm": _xlsm,
    "zip bomb (300 MB of zeros)": _zip_bomb,
    "20,000 zip entries": _many_entries,
    "300,000 rows, capped before parsing": _huge_rows,
    "XML entity expansion": lambda: _with(_sheet_path(), _LAUGHS),
    "XML external entity": lambda: _with(_sheet_path(), _EXTERNAL),
    "truncated workbook": lambda: VALID[: len(VALID) // 2],
    "random bytes": lambda: random.Random(13).randbytes(5000),
    "HTML renamed .xlsx": lambda: b"<html><body><table><tr><td>IKU-01</td></tr></table></html>",
    "CSV renamed .xlsx": lambda: b"Kode;Nama\nIKU-01;=cmd|' /C calc'!A0\n",
    "OpenDocument spreadsheet": lambda: _zip(
        {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}
    ),
    "DDE payloads in a foreign workbook": _dde,
    "over 5 MB of padding": lambda: VALID + bytes(6 * 1024 * 1024),
}


@pytest.mark.parametrize("name", list(XLSX_CORPUS))
def test_a_hostile_workbook_is_refused_in_bounded_time(name: str) -> None:
    """Read as the plan upload reads it; the other workbook uploads share its guard."""
    content = XLSX_CORPUS[name]()
    started = time.monotonic()
    result = read_plan_workbook(content, year=YEAR)
    elapsed = time.monotonic() - started
    assert isinstance(result, list) and result, name
    text = " ".join(f"{p.message} {p.hint}" for p in result)
    assert text.strip() and not ENGLISH.search(text), text
    assert elapsed < SECONDS, (name, elapsed)
    if name in SAID:
        assert SAID[name] in text, text


SAID = {
    "macro workbook .xlsm": "makro",
    "XML entity expansion": "deklarasi XML",
    "XML external entity": "deklarasi XML",
    "300,000 rows, capped before parsing": "lebih dari",
    "zip bomb (300 MB of zeros)": "terlalu besar",
    "password-protected workbook": "kata sandi",
}


SIRUP_CORPUS: dict[str, tuple[bytes, str, type]] = {
    "CSV in UTF-16 with tabs": (
        dataset_csv(delimiter="\t", encoding="utf-16"),
        "rup.csv",
        SirupImport,
    ),
    "CSV in Latin-1": (dataset_csv(delimiter=";", encoding="latin-1"), "rup.csv", SirupImport),
    "CSV with semicolons and BOM": (dataset_csv(), "rup.csv", SirupImport),
    "CSV with NUL bytes": (b"kd_rup;nama\x00paket\n\x00\x00\x00", "rup.csv", SirupError),
    "CSV of one 2 MB line": (b"a;" * 1_000_000, "rup.csv", SirupError),
    "PDF named .csv": (b"%PDF-1.4\n%%EOF\n", "rup.csv", SirupError),
}


@pytest.mark.parametrize("name", list(SIRUP_CORPUS))
def test_a_hostile_sirup_export_is_read_or_refused(name: str) -> None:
    content, file_name, expected = SIRUP_CORPUS[name]
    started = time.monotonic()
    result = read_sirup(content, file_name)
    assert isinstance(result, expected), (name, result)
    if isinstance(result, SirupError):
        assert result.message and not ENGLISH.search(result.message + result.hint)
    assert time.monotonic() - started < SECONDS


def _image(kind: str, size: tuple[int, int] = (64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (180, 30, 30)).save(buffer, kind)
    return buffer.getvalue()


def _bomb() -> bytes:
    buffer = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(buffer, "PNG")
    return buffer.getvalue()


_JPEG = _image("JPEG")
_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>'
# name, content, declared type, claimed size or None, what the owner is told
EVIDENCE_CORPUS: dict[str, tuple[str, bytes, str, int | None, str]] = {
    "0-byte PDF": ("kosong.pdf", b"", "application/pdf", None, "berkas kosong"),
    "macro workbook declared as PDF": (
        "bukti.pdf",
        _xlsm(),
        "application/pdf",
        None,
        "bukan jenis",
    ),
    "HTML declared as PDF": (
        "bukti.pdf",
        b"<html><script>x</script></html>",
        "application/pdf",
        None,
        "bukan jenis",
    ),
    "PNG declared as PDF": ("bukti.pdf", _image("PNG"), "application/pdf", None, "bukan jenis"),
    "SVG as an image": ("foto.svg", _SVG, "image/svg+xml", None, "bukan jenis"),
    "GIF as an image": ("foto.gif", _image("GIF"), "image/gif", None, "bukan jenis"),
    "program named .jpg": (
        "foto.jpg",
        b"MZ\x90\x00" + bytes(500),
        "image/jpeg",
        None,
        "bukan jenis",
    ),
    "corrupt JPEG": ("foto.jpg", _JPEG[: len(_JPEG) // 2], "image/jpeg", None, "rusak"),
    "decompression-bomb PNG": ("bom.png", _bomb(), "image/png", None, "terlalu besar"),
    "25 MB PDF without local mode": (
        "besar.pdf",
        _PDF,
        "application/pdf",
        25 * 1024 * 1024,
        "Berkas terlalu besar",
    ),
    "Word document": (
        "bukti.docx",
        _zip({"word/document.xml": b"<w/>"}),
        "application/msword",
        None,
        "tidak diterima",
    ),
}


async def _at_evidence(bot: Harness) -> Person:
    _setup(bot)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    await owner.command("lapor")
    await owner.press("Triwulan I 2027 ·")
    await owner.press("Pengadaan obat puskesmas")
    await _answer_inputs(owner)
    await _answer_actions(owner)
    await owner.send("-")
    return owner


def _documents(bot: Harness) -> list[Document]:
    from sqlmodel import select

    with bot.svc.db.read() as session:
        return list(session.exec(select(Document)))


@pytest.mark.parametrize("name", list(EVIDENCE_CORPUS))
async def test_evidence_is_what_it_claims(bot: Harness, name: str) -> None:
    file_name, content, mime, size, said = EVIDENCE_CORPUS[name]
    owner = await _at_evidence(bot)
    started = time.monotonic()
    shown = await owner.upload(file_name, content, mime, file_size=size)
    assert time.monotonic() - started < SECONDS
    assert said in shown[-1].plain, shown[-1].plain
    assert "bukti tersimpan" not in shown[-1].plain
    assert _documents(bot) == []


async def test_evidence_is_kept_under_a_safe_name(bot: Harness) -> None:
    owner = await _at_evidence(bot)
    shown = await owner.upload("../../../../tmp/x.pdf", _PDF, "application/pdf")
    assert "bukti tersimpan" in shown[-1].plain
    shown = await owner.upload("..\\..\\foto <b>.webp", _image("WEBP"), "image/webp")
    assert "bukti tersimpan" in shown[-1].plain
    names = sorted(d.file_name for d in _documents(bot))
    assert names == ["foto b.webp", "x.pdf"]


async def _at_first_input(bot: Harness) -> Person:
    _setup(bot)
    owner = await bot.registered(3001, Role.PJ, unit="Dinas Kesehatan")
    await owner.command("lapor")
    await owner.press("Triwulan I 2027 ·")
    await owner.press("Pengadaan obat puskesmas")
    return owner


# A number typed in the chat: each refused with the question asked again, nothing stored.
NUMBER_CORPUS = {
    "5,000 nines": "9" * 5000,
    "Arabic-Indic digits": "١٢٣٤",
    "superscript digits": "²³",
    "infinity": "inf",
    "float overflow": "1e309",
    "HTML": "<b>1000</b>",
    "formula": "=1+1",
}


@pytest.mark.parametrize("name", list(NUMBER_CORPUS))
async def test_a_hostile_number_is_asked_again(bot: Harness, name: str) -> None:
    owner = await _at_first_input(bot)
    started = time.monotonic()
    shown = await owner.send(NUMBER_CORPUS[name])
    assert time.monotonic() - started < SECONDS
    assert "❌" in shown[-1].plain or "tidak" in shown[-1].plain.lower(), shown[-1].plain
    assert not ENGLISH.search(shown[-1].plain)
    # The question stays: a proper answer is taken next.
    shown = await owner.send("Rp 1.000.000.000")
    assert "❌" not in shown[-1].plain


# Texts echoed back in the summary: shown exactly as typed (HTML specials escaped, control
# and right-to-left characters harmless); a 5,000-character one is refused with the limit
# (never cut silently) and a 1,700-character one still fits the summary in one message.
ECHO_CORPUS = {
    "HTML specials": "<script>alert(1)</script> & <b>tebal</b> &amp; \"kutip\" 'satu'",
    "right-to-left override": "Kendala \u202eatad\u202c dan \u200fمرحبا\u200e di lapangan",
    "control characters": "Listrik\x07 padam\x1b[31m dua\x08 minggu",
    "emoji and non-Latin": "Jaringan 📶 putus 😀 — 张伟 Ñúñez Ⅻ",
    "5,000 characters": "Kendala panjang. " * 300,
}


@pytest.mark.parametrize("name", list(ECHO_CORPUS))
async def test_a_hostile_text_is_echoed_harmlessly(bot: Harness, name: str) -> None:
    owner = await _at_first_input(bot)
    await _answer_inputs(owner)
    await _answer_actions(owner)
    typed = ECHO_CORPUS[name]
    shown = await owner.send(typed)
    if len(typed) > 2000:
        assert (
            f"Terlalu panjang ({len(typed.strip())} karakter); paling banyak 2000."
            in shown[0].plain
        )
        typed = "Kendala panjang. " * 100
        await owner.send(typed)
    shown = await owner.press("Selesai")
    summary = shown[-1]
    assert "Ringkasan laporan" in summary.plain
    assert len(summary.text) <= 4096
    words = " ".join(typed.split())[:60].strip()
    if name in ("HTML specials", "emoji and non-Latin"):
        assert words in summary.plain, summary.plain
    assert bot.errors == []


def test_emoji_and_non_latin_names_in_a_signed_pdf() -> None:
    """A signer's name as people type it (emoji, Arabic, Chinese, a right-to-left override,
    HTML specials) still gives a signed report; glyphs the font lacks are left out."""
    import dataclasses
    from datetime import UTC, datetime

    from bot.core import signing
    from bot.core.profile import load_profile
    from bot.performance.documents import report_pdf
    from tests import pdfcheck
    from tests import report_world as world
    from tests.test_performance_documents import _report

    profile = load_profile()
    name = "Maria 😀 Wenda 张伟 مرحبا \u202eabc <b>&"
    approval = signing.approval(
        profile,
        kind="laporan-kinerja",
        acting="Plh",
        approved_by=name,
        approver_nip="198001012005012003",
        at=datetime(2027, 10, 6, 2, 30, tzinfo=UTC),
        code="7KQ4M9XD",
    )
    report = _report()
    report = dataclasses.replace(
        report, signing=dataclasses.replace(report.signing, approval=approval)
    )
    started = time.monotonic()
    pdf = report_pdf(profile, report, chart=world.chart_png)
    assert time.monotonic() - started < SECONDS
    text = " ".join(page.text for page in pdfcheck.pages(pdf, name="nama-non-latin"))
    assert "Maria" in text and "Wenda" in text and "<b>&" in text
