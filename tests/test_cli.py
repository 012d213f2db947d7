"""The `kinerja-bot` command line, and the real program end to end over HTTP.

The end-to-end test runs `python -m bot invite` and `python -m bot run` as separate
processes against a Bot-API-compatible server on loopback (tests/botapi_server.py), and
talks to the bot the way Telegram would deliver a person's messages and button presses.
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import InvalidToken

from bot.core.roles import Role
from bot.devtools.fake_bot_api import Shown
from bot.ops.database import head_revision, schema
from storage import archive, units, users
from storage.archive import NewDocument, Signed
from storage.db import Database
from tests.botapi_server import BotApiServer, callback_update, message_update, running_server
from tests.cli_runner import Outcome, cli_runner
from tests.databases import database_url, on_postgresql

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "987654321:AAE2e-SeCrEt-ToKeN_must_never_be_printed"
LINK = re.compile(r"https://t\.me/KinerjaPbjBot\?start=([a-z0-9]{16})")
CODE = re.compile(r"Kode: ([a-z0-9]{16})")
WAIT = 20.0  # seconds, for every single wait: generous, but bounded


def _db_url(tmp_path: Path) -> str:
    return database_url(tmp_path / "data")


def _env(tmp_path: Path, **settings: str) -> dict[str, str]:
    """A controlled environment: the checkout importable, nothing of the developer's."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
        "PYTHONUNBUFFERED": "1",
        "DATABASE_URL": _db_url(tmp_path),
        "KINERJA_DATA_DIR": str(tmp_path / "data"),
    }
    env.update(settings)
    return env


def _program(tmp_path: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


# --- commands run in this process (fast) ---------------------------------------------


@pytest.fixture
def cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Iterator[Callable[..., Outcome]]:
    """``cli("invite", "--role", "pj")`` runs the command line's main() in tmp_path."""
    monkeypatch.chdir(tmp_path)  # no .env file there
    monkeypatch.setenv("DATABASE_URL", _db_url(tmp_path))
    with cli_runner(capsys) as run:
        yield run


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    """The database the commands write, for checking what they stored."""
    database = Database(_db_url(tmp_path))
    try:
        yield database
    finally:
        database.dispose()


def test_owner_invitation_needs_a_known_unit(cli: Callable[..., Outcome]) -> None:
    result = cli("invite", "--role", "pj")
    assert result.code == 2
    assert "--unit" in result.err

    result = cli("invite", "--role", "xyz")
    assert result.code == 2
    assert "peran tidak dikenal" in result.err and "kepala, tim, atau pj" in result.err

    result = cli("invite", "--role", "pj", "--unit", "Dinas Tidak Ada")
    assert result.code == 2
    assert "Dinas Tidak Ada" in result.err
    assert "Dinkes" in result.err and "RSUD Wamena" in result.err  # the known units
    assert "--create-unit" in result.err

    result = cli("invite", "--role", "kepala", "--unit", "Dinas Kesehatan")
    assert result.code == 2
    assert "tidak memakai --unit" in result.err


def test_invitation_without_a_token_prints_the_code(
    cli: Callable[..., Outcome], db: Database
) -> None:
    result = cli("invite", "--role", "pj", "--unit", "Dinas Kesehatan")
    assert result.code == 0, result.err
    match = CODE.search(result.out)
    assert match is not None, result.out
    code = match.group(1)
    assert f"/start {code}" in result.out
    assert "Penanggung Jawab Kinerja — Dinas Kesehatan" in result.out
    assert "t.me" not in result.out
    with db.read() as session:
        invitation = users.get_invitation(session, code)
        assert invitation is not None and invitation.role == "pj"
        assert invitation.created_via == "cli"
        unit = units.get_unit(session, invitation.unit_id or 0)
        assert unit is not None and unit.name == "Dinas Kesehatan"


def test_invitation_can_create_its_unit_and_expire_sooner(
    cli: Callable[..., Outcome], db: Database
) -> None:
    before = datetime.now(UTC)
    result = cli(
        "invite", "--role", "pj", "--unit", "Dinas Tidak Ada", "--create-unit", "--expires", "48h"
    )
    after = datetime.now(UTC)
    assert result.code == 0, result.err
    assert "Unit baru dibuat: Dinas Tidak Ada" in result.out
    match = CODE.search(result.out)
    assert match is not None, result.out
    with db.read() as session:
        invitation = users.get_invitation(session, match.group(1))
        assert invitation is not None
        assert invitation.expires_at - invitation.created_at == timedelta(hours=48)
        assert before - timedelta(seconds=1) <= invitation.created_at <= after
        unit = units.find_unit(session, name="Dinas Tidak Ada")
        assert unit is not None and invitation.unit_id == unit.id
    # The unit now exists: a second invitation needs no --create-unit.
    result = cli("invite", "--role", "pj", "--unit", "dinas tidak ada")
    assert result.code == 0, result.err
    assert "Unit baru dibuat" not in result.out

    result = cli("invite", "--role", "tim", "--expires", "sebentar")
    assert result.code == 2
    assert "masa berlaku" in result.err


def test_upgrade_db_on_an_empty_database_is_idempotent(
    cli: Callable[..., Outcome], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = database_url(tmp_path / "data", empty=True)
    monkeypatch.setenv("DATABASE_URL", url)
    head = head_revision()
    first, second = cli("upgrade-db"), cli("upgrade-db")
    assert first.code == 0 and second.code == 0, first.err + second.err
    # Says whether it migrated, from and to which revision.
    assert f"Skema basis data / Database schema: kosong / empty -> {head}" in first.out
    assert "sudah versi terbaru" not in first.out
    assert f"sudah versi terbaru ({head}) / Database schema already at head" in second.out
    assert on_postgresql() or (tmp_path / "data" / "kinerja.db").is_file()
    db = Database(url)
    try:
        assert schema(url).current == head_revision()
        with db.read() as session:
            assert users.list_users(session) == []
    finally:
        db.dispose()


# --- verify: is this file (or code) a document of the archive? -------------------------

SIGNED_AT = datetime(2027, 1, 8, 1, 15, tzinfo=UTC)  # Jumat, 8 Januari 2027 pukul 10.15 WIT


def _archive_signed_letter(
    tmp_path: Path, db: Database, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, bytes]:
    """A signed circular in the archive the command reads; the archive folder and bytes."""
    root = tmp_path / "arsip"
    monkeypatch.setenv("KINERJA_ARCHIVE_DIR", str(root))
    db.upgrade()
    content = b"%PDF-1.4\n% surat edaran yang ditandatangani\n%%EOF\n"
    with db.write() as session:
        archive.store(
            session,
            root=root,
            content=content,
            meta=NewDocument(
                kind="surat_edaran",
                file_name="surat_edaran-001-2027.pdf",
                mime_type="application/pdf",
                signature=Signed(
                    number="027/001/UKPBJ/2027",
                    signed_by="Beni Asso, S.E.",
                    signed_as="Plh. Kepala Bagian Pengadaan Barang/Jasa",
                    signed_at=SIGNED_AT,
                    verification_code="7KQ4M9XD",
                ),
            ),
            now=SIGNED_AT,
        )
    return root, content


def test_verify_confirms_an_archived_file_by_its_content(
    cli: Callable[..., Outcome], tmp_path: Path, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, content = _archive_signed_letter(tmp_path, db, monkeypatch)
    received = tmp_path / "surat dari grup WhatsApp.pdf"
    received.write_bytes(content)
    result = cli("verify", str(received))
    assert result.code == 0, result.err
    for expected in (
        "ASLI: berkas ini sama persis dengan dokumen yang tersimpan di arsip.",
        "Jenis          : Surat Edaran",
        "Nomor          : 027/001/UKPBJ/2027",
        "Ditandatangani : Beni Asso, S.E.",
        "Selaku         : Plh. Kepala Bagian Pengadaan Barang/Jasa",
        "Waktu          : Jumat, 8 Januari 2027 pukul 10.15 WIT",
        "Kode verifikasi: 7KQ4-M9XD",
        f"SHA-256        : {hashlib.sha256(content).hexdigest()}",
    ):
        assert expected in result.out, expected
    assert "PERINGATAN" not in result.out and "surat_edaran" not in result.out

    # One byte changed: not the archived document.
    received.write_bytes(content.replace(b"yang", b"Yang"))
    result = cli("verify", str(received))
    assert result.code == 1
    assert "TIDAK DITEMUKAN: berkas surat dari grup WhatsApp.pdf tidak cocok" in result.out
    assert hashlib.sha256(content.replace(b"yang", b"Yang")).hexdigest() in result.out


def test_verify_by_code_and_a_changed_archive_copy(
    cli: Callable[..., Outcome], tmp_path: Path, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, _ = _archive_signed_letter(tmp_path, db, monkeypatch)
    result = cli("verify", "7kq4 m9xd")  # typed as read off the paper
    assert result.code == 0, result.err
    assert "Kode verifikasi 7KQ4-M9XD tercatat di arsip." in result.out
    assert "Nomor          : 027/001/UKPBJ/2027" in result.out
    result = cli("verify", "2345-6789")
    assert result.code == 1
    assert "TIDAK DITEMUKAN: kode verifikasi 2345-6789 tidak tercatat di arsip." in result.out
    result = cli("verify", "tidak-ada.pdf")
    assert result.code == 2
    assert "Berkas tidak-ada.pdf tidak ditemukan, dan bukan kode verifikasi" in result.err
    # Someone edits the copy in the archive folder: the record stands, the copy is flagged.
    stored = next(path for path in root.iterdir() if path.suffix == ".pdf")
    stored.write_bytes(b"%PDF-1.4 diubah")
    result = cli("verify", "7KQ4-M9XD")
    assert result.code == 0
    assert "PERINGATAN: salinan di folder arsip hilang atau sudah berubah" in result.out


# --- the loopback Bot API server itself ------------------------------------------------


async def test_the_loopback_server_speaks_the_bot_api_to_ptb() -> None:
    with running_server(TOKEN, poll_cap=0.3) as server:
        base = {"base_url": f"{server.url}/bot", "base_file_url": f"{server.url}/file/bot"}
        async with Bot(TOKEN, **base) as bot:  # type: ignore[arg-type]
            assert bot.username == "KinerjaPbjBot"
            # Form-encoded parameters: text stays text, markup is decoded.
            keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Ya", callback_data="x:1")]])
            sent = await bot.send_message(77, "12345", reply_markup=keyboard)
            shown = server.wait_for_message(77, "12345", timeout=1)
            assert shown.buttons == [[("Ya", "x:1")]]
            await bot.edit_message_text("diubah", chat_id=77, message_id=sent.message_id)
            assert server.wait_for_message(77, "diubah", timeout=1).edited
            # Multipart upload, getFile and the download.
            message = await bot.send_document(77, b"%PDF-1.4 isi", filename="surat.pdf")
            assert message.document is not None
            file = await bot.get_file(message.document.file_id)
            assert bytes(await file.download_as_bytearray()) == b"%PDF-1.4 isi"
            assert server.calls_of("sendDocument")[0].files["document"][0] == "surat.pdf"
            # Long polling: an empty poll waits (capped), a queued update comes at once.
            started = time.monotonic()
            assert await bot.get_updates(timeout=30) == ()
            assert 0.25 <= time.monotonic() - started < 5
            update_id = server.push(message_update(77, "/tugas"))
            (update,) = await bot.get_updates(offset=0, timeout=30)
            assert update.update_id == update_id
            assert update.message is not None and update.message.text == "/tugas"
            assert await bot.get_updates(offset=update_id + 1, timeout=0) == ()
            assert server.pending_updates() == []
        with pytest.raises(InvalidToken):
            async with Bot("1:wrong", **base):  # type: ignore[arg-type]
                pass  # getMe, when entering, is refused


# --- the real program, as separate processes -------------------------------------------


def test_run_without_a_token_explains_how_to_get_one(tmp_path: Path) -> None:
    result = _program(tmp_path, "run", env=_env(tmp_path))
    assert result.returncode == 2, result.stderr
    assert "@BotFather" in result.stderr
    assert "TELEGRAM_BOT_TOKEN" in result.stderr
    assert "ID:" in result.stderr and "EN:" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_a_rejected_token_is_explained_and_never_printed(
    tmp_path: Path, cli: Callable[..., Outcome], monkeypatch: pytest.MonkeyPatch
) -> None:
    wrong = "111222333:AAwrong-token-that-the-server-rejects"
    with running_server(TOKEN) as server:
        monkeypatch.setenv("TELEGRAM_BOT_TOKEN", wrong)
        monkeypatch.setenv("TELEGRAM_API_BASE_URL", server.url)
        # invite still prints the code, and says why there is no link.
        result = cli("invite", "--role", "tim")
        assert result.code == 0, result.err
        assert CODE.search(result.out) is not None
        assert "rejected" in result.err
        assert wrong not in result.out + result.err

        env = _env(tmp_path, TELEGRAM_BOT_TOKEN=wrong, TELEGRAM_API_BASE_URL=server.url)
        run = _program(tmp_path, "run", env=env)
    assert run.returncode == 2, run.stderr
    assert "Konfigurasi tidak sah" in run.stderr and "rejected" in run.stderr
    assert "Traceback" not in run.stderr, run.stderr
    assert wrong not in run.stdout + run.stderr
    assert wrong.split(":")[1] not in run.stdout + run.stderr


HEAD_ID = 424242
NAME = "Yulianus Lokobal, S.E., M.Si."


@pytest.mark.skipif(sys.platform == "win32", reason="stops the bot with SIGINT")
def test_invite_then_register_over_http_end_to_end(tmp_path: Path) -> None:
    with running_server(TOKEN) as server:
        env = _env(tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=server.url)

        # 1. The administrator creates an invitation; the link names the bot from getMe.
        invite = _program(tmp_path, "invite", "--role", "kepala", env=env)
        assert invite.returncode == 0, invite.stderr
        match = LINK.search(invite.stdout)
        assert match is not None, invite.stdout + invite.stderr
        code = match.group(1)
        assert "Kepala UKPBJ" in invite.stdout
        assert server.calls_of("getMe"), "the username must come from getMe"
        assert TOKEN not in invite.stdout + invite.stderr

        # 2. The bot runs, long-polling our server.
        stdout_path, stderr_path = tmp_path / "bot.out", tmp_path / "bot.err"
        with stdout_path.open("w") as stdout, stderr_path.open("w") as stderr:
            bot = subprocess.Popen(
                [sys.executable, "-m", "bot", "run"],
                cwd=tmp_path,
                env=env,
                stdout=stdout,
                stderr=stderr,
                text=True,
            )
        try:
            _converse(server, bot, code, stderr_path)
            # 6. Ctrl+C: the bot stops cleanly.
            bot.send_signal(signal.SIGINT)
            assert bot.wait(timeout=WAIT) == 0, stderr_path.read_text()
        finally:
            if bot.poll() is None:
                bot.kill()
                bot.wait(timeout=WAIT)

    output = stdout_path.read_text() + stderr_path.read_text()
    assert "Traceback" not in output, output
    assert "ERROR" not in output, output
    assert TOKEN not in output
    assert TOKEN.split(":")[1] not in output
    assert "Kinerja PBJ Bot berjalan untuk" in output
    # PTB's start-up and shut-down went through our server, and every update was confirmed.
    for method in ("getMe", "deleteWebhook", "setMyCommands", "getUpdates"):
        assert server.calls_of(method), method
    assert server.pending_updates() == []


def _converse(server: BotApiServer, bot: subprocess.Popen[str], code: str, err: Path) -> None:
    def say(text: str, expect: str) -> Shown:
        mark = server.mark()
        server.push(message_update(HEAD_ID, text, first_name="Yulianus"))
        return _reply(server, bot, err, expect, after=mark)

    # 3. The person opens the link: Telegram sends "/start <code>".
    greeting = say(f"/start {code}", "nama lengkap")
    assert "Kepala UKPBJ" in greeting.plain
    say(NAME, "NIP")
    say("19740610 200003 1 002", "jabatan")
    summary = say("Kepala Bagian Pengadaan Barang/Jasa", "19740610 200003 1 002")
    assert NAME in summary.plain
    assert summary.callback_data("Ya, daftarkan") == "reg:ok"

    # 4. The person presses "Ya, daftarkan" on the summary.
    mark = server.mark()
    server.push(callback_update(HEAD_ID, "reg:ok", summary, server.api.bot_user))
    done = _reply(server, bot, err, "Pendaftaran berhasil", after=mark)
    assert NAME in done.plain and "Kepala UKPBJ" in done.plain
    assert server.calls_of("answerCallbackQuery")
    db = Database(_db_url(err.parent))
    try:
        with db.read() as session:
            user = users.get_by_telegram_id(session, HEAD_ID)
            assert user is not None
            assert (user.role, user.nip, user.full_name) == ("kepala", "197406102000031002", NAME)
            invitation = users.get_invitation(session, code)
            assert invitation is not None and invitation.used_at is not None
    finally:
        db.dispose()
    # The head's own command menu was set for this chat.
    menu = server.wait_for_call(
        "setMyCommands",
        lambda call: call.params.get("scope") == {"type": "chat", "chat_id": HEAD_ID},
        timeout=WAIT,
    )
    assert "tugas" in [c["command"] for c in menu.params["commands"]]

    # 5. The registered head asks for their tasks.
    tasks = say("/tugas", "Tugas Anda")
    assert "Langkah 6." in tasks.plain


def _reply(
    server: BotApiServer, bot: subprocess.Popen[str], err: Path, expect: str, *, after: int
) -> Shown:
    """The bot's answer containing ``expect``; fails at once, with its log, if the bot died."""
    deadline = time.monotonic() + WAIT
    while True:
        if bot.poll() is not None:
            pytest.fail(f"the bot exited with {bot.returncode}:\n{err.read_text()}")
        try:
            return server.wait_for_message(HEAD_ID, expect, after=after, timeout=0.5)
        except TimeoutError:
            if time.monotonic() > deadline:
                raise AssertionError(f"no reply {expect!r}; bot log:\n{err.read_text()}") from None


def test_one_head_at_a_time_from_the_command_line(
    cli: Callable[..., Outcome], db: Database
) -> None:
    first = cli("invite", "--role", "kepala")
    assert first.code == 0, first.err
    match = CODE.search(first.out)
    assert match is not None
    with db.write() as session:
        users.redeem_invitation(
            session,
            code=match.group(1),
            person=users.Registration(1001, "Yulianus Lokobal", "197406102000031002", "Kabag"),
            now=datetime.now(UTC),
        )
    refused = cli("invite", "--role", "kepala")
    assert refused.code == 2
    assert "Sudah ada Kepala UKPBJ aktif: Yulianus Lokobal" in refused.err
    assert "/plh" in refused.err and "--ganti-kepala" in refused.err
    assert CODE.search(refused.out) is None
    wrong = cli("invite", "--role", "tim", "--ganti-kepala")
    assert wrong.code == 2 and "hanya untuk --role kepala" in wrong.err
    replacing = cli("invite", "--role", "kepala", "--ganti-kepala")
    assert replacing.code == 0, replacing.err
    assert "saat dipakai, Yulianus Lokobal dinonaktifkan" in replacing.out
    match = CODE.search(replacing.out)
    assert match is not None
    with db.write() as session:
        invitation = users.get_invitation(session, match.group(1))
        assert invitation is not None and invitation.replaces_head
        users.redeem_invitation(
            session,
            code=match.group(1),
            person=users.Registration(1002, "Paulus Wetipo", "197406102000031002", "Kabag"),
            now=datetime.now(UTC),
        )
    with db.read() as session:
        head = users.active_head(session)
        assert head is not None and head.telegram_id == 1002
        assert users.count_active(session, Role.KEPALA) == 1


def test_verify_does_not_call_an_uploaded_file_authentic(
    cli: Callable[..., Outcome], tmp_path: Path, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An owner's evidence upload is in the archive too; it proves nothing about itself."""
    root = tmp_path / "arsip"
    monkeypatch.setenv("KINERJA_ARCHIVE_DIR", str(root))
    db.upgrade()
    forged = b"%PDF-1.4\n% surat edaran palsu yang diunggah sebagai bukti\n%%EOF\n"
    with db.write() as session:
        archive.store(
            session,
            root=root,
            content=forged,
            meta=NewDocument(
                kind="bukti_dukung", file_name="surat-edaran.pdf", mime_type="application/pdf"
            ),
            now=SIGNED_AT,
        )
    received = tmp_path / "surat-edaran.pdf"
    received.write_bytes(forged)
    result = cli("verify", str(received))
    assert result.code == 1
    assert "BUKAN DOKUMEN YANG DITANDATANGANI" in result.out
    assert "Bukti dukung laporan, diunggah oleh -" in result.out
    assert "ASLI" not in result.out
