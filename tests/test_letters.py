"""The letters of SOP steps 7-9 (circular, invitation, socialisation report) as PDFs."""

from __future__ import annotations

import dataclasses
import re
import struct
import zlib
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PIL import Image

from bot.core.pdf import DRAFT_LABEL
from bot.core.profile import OrgProfile, load_profile
from bot.core.signing import Approval, approval
from bot.letters.documents import (
    CircularContent,
    InvitationContent,
    LetterHeader,
    LetterTemplateError,
    SocialisationReport,
    attendance_summary,
    circular_pdf,
    default_circular,
    default_header,
    default_invitation,
    default_report,
    draft_number,
    invitation_pdf,
    socialisation_report_pdf,
    spelled_number,
)
from bot.letters.documents import wording as letters
from bot.letters.kinds import LetterKind
from tests import pdfcheck
from tests.pdfcheck import Page

HEAD_NIP = "NIP. 19740610 200003 1 002"
HEAD_NAME = "Yulianus Lokobal, S.E., M.Si."
EVENT_DAY = date(2027, 1, 11)  # a Monday


@pytest.fixture(scope="module")
def profile() -> OrgProfile:
    return load_profile()


def _png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A valid RGB PNG of one colour, written by hand."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _page_count(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", data))


def _text(data: bytes) -> str:
    """The PDF's text, line by line as printed, whitespace collapsed."""
    return " ".join(" ".join(page.lines) for page in pdfcheck.pages(data))


def _assert_pdf(data: bytes) -> None:
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")


def _header(
    kind: LetterKind, profile: OrgProfile, number: str | None, day: date = date(2027, 1, 5)
) -> LetterHeader:
    return default_header(kind, profile, day=day, number=number)


# --------------------------------------------------------------------------- circular


def _circular(profile: OrgProfile) -> CircularContent:
    return default_circular(
        profile, year=2027, indicator_count=12, deadline_text="Jumat, 15 Januari 2027"
    )


def test_numbered_circular(profile: OrgProfile, tmp_path: Path) -> None:
    data = circular_pdf(
        profile, _header(LetterKind.CIRCULAR, profile, "027/012/UKPBJ/2027"), _circular(profile)
    )
    _assert_pdf(data)
    pages = _page_count(data)
    assert 1 <= pages <= 3
    text = _text(data)
    for expected in (
        "PEMERINTAH KABUPATEN JAYAWIJAYA",
        "BAGIAN PENGADAAN BARANG/JASA",
        "Yth. Para Kepala Organisasi Perangkat Daerah",
        "SURAT EDARAN",
        "NOMOR 027/012/UKPBJ/2027",
        "TENTANG",
        "IMPLEMENTASI PENGELOLAAN KINERJA PENGADAAN BARANG/JASA",
        "1. Latar Belakang",
        "2. Maksud dan Tujuan",
        "3. Ruang Lingkup",
        "4. Dasar",
        "5. Isi Edaran",
        "6. Penutup",
        "Peraturan Presiden Nomor 16 Tahun 2018",
        "Peraturan Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah Nomor 10 Tahun 2021",
        "a. Setiap Kepala OPD menunjuk",
        "paling lambat Jumat, 15 Januari 2027",
        "12 (dua belas) indikator kinerja",
        "Ditetapkan di Wamena pada tanggal 5 Januari 2027",
        "Kepala Bagian Pengadaan Barang/Jasa,",
        HEAD_NAME,
        "Pembina Tk. I (IV/b)",
        HEAD_NIP,
        "Tembusan: 1. Bupati Jayawijaya (sebagai laporan);",
        "4. Arsip.",
    ):
        assert expected in text, expected
    assert "DRAF" not in text
    assert "{" not in text and "}" not in text
    if pages > 1:
        assert re.search(rf"- ?{pages} ?-", text)


def test_draft_circular_is_marked_on_every_page(profile: OrgProfile, tmp_path: Path) -> None:
    content = dataclasses.replace(
        _circular(profile),
        recipients=("Para Kepala Organisasi Perangkat Daerah", "Direktur RSUD Wamena"),
        points=tuple(f"Butir edaran ke-{n} " * 12 for n in range(1, 30)),
    )
    data = circular_pdf(profile, _header(LetterKind.CIRCULAR, profile, None), content)
    _assert_pdf(data)
    pages = _page_count(data)
    assert pages >= 3
    text = _text(data)
    assert "NOMOR 027/…/UKPBJ/2027" in text
    assert text.count(DRAFT_LABEL) == pages
    assert "Yth. 1. Para Kepala Organisasi Perangkat Daerah 2. Direktur RSUD Wamena" in text
    assert "ab. Butir edaran ke-28" in text  # lettering runs on past z.
    assert HEAD_NIP in text


# --------------------------------------------------------------------------- invitation


_INVITEES = (
    ("Agustina Wenda, S.Sos.", "Dinas Kesehatan"),
    ("Łukasz Ōtsuka-Ğ", "Dinas Pendidikan dan Kebudayaan"),
    ("Markus Itlay, S.T.", "Dinas Pekerjaan Umum dan Penataan Ruang"),
)


def _invitation(profile: OrgProfile, invitees: tuple[tuple[str, str], ...]) -> InvitationContent:
    return default_invitation(
        profile,
        day=EVENT_DAY,
        time_text="09.00 WIT s.d. selesai",
        place="Aula Sekretariat Daerah, Wamena",
        agenda="",
        invitees=invitees,
    )


def test_numbered_invitation_with_lampiran(profile: OrgProfile, tmp_path: Path) -> None:
    header = _header(LetterKind.INVITATION, profile, "027/013/UKPBJ/2027")
    data = invitation_pdf(profile, header, _invitation(profile, _INVITEES))
    _assert_pdf(data)
    assert _page_count(data) == 2
    text = _text(data)
    for expected in (
        "PEMERINTAH KABUPATEN JAYAWIJAYA",
        "Wamena, 5 Januari 2027",
        "Nomor : 027/013/UKPBJ/2027",
        "Sifat : Penting",
        "Lampiran : 1 (satu) berkas",
        "Hal : Undangan Sosialisasi Implementasi",
        "Yth. Penanggung Jawab Kinerja",
        "di Tempat",
        "Hari/tanggal : Senin, 11 Januari 2027",
        "Waktu : 09.00 WIT s.d. selesai",
        "Tempat : Aula Sekretariat Daerah, Wamena",
        "Acara : Sosialisasi Implementasi Pengelolaan Kinerja Pengadaan Barang/Jasa Tahun 2027",
        "terima kasih",
        HEAD_NAME,
        HEAD_NIP,
        "Lampiran Surat Kepala Bagian Pengadaan Barang/Jasa",
        "Tanggal : 5 Januari 2027",
        "DAFTAR UNDANGAN",
        "No Nama Unit/OPD",
        "1 Agustina Wenda, S.Sos. Dinas Kesehatan",
        "2 Łukasz Ōtsuka-Ğ",
        "3 Markus Itlay, S.T.",
    ):
        assert expected in text, expected
    assert text.count("027/013/UKPBJ/2027") == 2  # the letter and its lampiran
    assert "DRAF" not in text


def test_draft_invitation_without_invitees(profile: OrgProfile, tmp_path: Path) -> None:
    header = dataclasses.replace(
        _header(LetterKind.INVITATION, profile, "  "), lampiran="-", sifat="Segera"
    )
    content = dataclasses.replace(
        _invitation(profile, ()),
        copies=("Sekretaris Daerah Kabupaten Jayawijaya",),
        closing="Paragraf penutup yang diganti.",
    )
    data = invitation_pdf(profile, header, content)
    assert _page_count(data) == 1
    text = _text(data)
    assert DRAFT_LABEL in text
    assert "Nomor : 027/…/UKPBJ/2027" in text
    assert "Sifat : Segera" in text
    assert "Senin, 11 Januari 2027" in text
    assert "Paragraf penutup yang diganti." in text
    assert "Tembusan: 1. Sekretaris Daerah Kabupaten Jayawijaya" in text
    assert "DAFTAR UNDANGAN" not in text


# --------------------------------------------------------------------------- report

_ATTENDANCE = (
    ("Agustina Wenda, S.Sos.", "Dinas Kesehatan", "Hadir"),
    ("Yance Kogoya", "Dinas Kesehatan", "Diwakilkan: Maria Hubi"),
    ("Markus Itlay, S.T.", "Dinas Pekerjaan Umum dan Penataan Ruang", "Hadir"),
    ("Ōtsuka Łukasz", "Dinas Pendidikan dan Kebudayaan", "Tidak hadir"),
)


def _report(profile: OrgProfile, photos: tuple[bytes, ...]) -> SocialisationReport:
    return default_report(
        profile,
        day=EVENT_DAY,
        time_text="09.00 – 12.30 WIT",
        place="Aula Sekretariat Daerah, Wamena",
        speakers=(
            (HEAD_NAME, "Kebijakan pengelolaan kinerja pengadaan Tahun 2027"),
            ("Tim Pengelolaan Kelembagaan UKPBJ", "Pelaporan melalui Kinerja PBJ Bot"),
        ),
        attendance=_ATTENDANCE,
        photos=photos,
        notes="OPD meminta pendampingan pemetaan paket di SIRUP.",
    )


def test_report_with_photos_and_a_broken_one(profile: OrgProfile, tmp_path: Path) -> None:
    photos = (
        _png(64, 48, (200, 60, 60)),
        _png(30, 60, (60, 160, 60)),
        b"not an image",
        _png(90, 40, (60, 60, 200)),
    )
    header = _header(LetterKind.REPORT, profile, "027/020/UKPBJ/2027", date(2027, 1, 12))
    data = socialisation_report_pdf(profile, header, _report(profile, photos))
    _assert_pdf(data)
    assert len(re.findall(rb"/Subtype\s*/Image", data)) == 3
    text = _text(data)
    for expected in (
        "PEMERINTAH KABUPATEN JAYAWIJAYA",
        "LAPORAN TENTANG SOSIALISASI IMPLEMENTASI PENGELOLAAN KINERJA PENGADAAN",
        "NOMOR 027/020/UKPBJ/2027",
        "A. Pendahuluan",
        "B. Kegiatan yang Dilaksanakan",
        "C. Hasil yang Dicapai",
        "D. Simpulan dan Saran",
        "E. Penutup",
        "Hari/tanggal : Senin, 11 Januari 2027",
        "Waktu : 09.00 – 12.30 WIT",
        "Pelaporan melalui Kinerja PBJ Bot",
        "dihadiri oleh 3 dari 4 orang",
        "(75%), mewakili 2 dari 3 OPD",
        "OPD meminta pendampingan pemetaan paket di SIRUP.",
        "Dinas Kesehatan 2 1 1 0",
        "Dinas Pendidikan dan Kebudayaan 1 0 0 1",
        "Jumlah 4 2 1 1",
        "Wamena, 12 Januari 2027",
        HEAD_NAME,
        HEAD_NIP,
        "Lampiran: Daftar Hadir",
        "Agustina Wenda, S.Sos.",
        "Diwakilkan: Maria Hubi",
        "Ōtsuka Łukasz",
        "Lampiran: Dokumentasi",
        "Foto 3 tidak dapat ditampilkan",
        "Foto 1",
        "Foto 4",
    ):
        assert expected in text, expected
    assert "DRAF" not in text


def test_draft_report_without_photos(profile: OrgProfile, tmp_path: Path) -> None:
    report = dataclasses.replace(_report(profile, ()), attendance=(), speakers=())
    data = socialisation_report_pdf(profile, _header(LetterKind.REPORT, profile, None), report)
    _assert_pdf(data)
    pages = _page_count(data)
    text = _text(data)
    assert text.count(DRAFT_LABEL) == pages
    assert "NOMOR 027/…/UKPBJ/2027" in text
    assert "Daftar hadir belum diisi." in text
    assert "Lampiran: Dokumentasi" not in text
    assert "E. Penutup" in text


def test_names_outside_latin_1_print(profile: OrgProfile, tmp_path: Path) -> None:
    name = "Łukasz Ōtsuka-Ğ, S.E."
    odd = dataclasses.replace(
        profile,
        government="Pemerintah Kabupaten Ōtsuka",
        head=dataclasses.replace(profile.head, name=name),
    )
    data = circular_pdf(
        odd, _header(LetterKind.CIRCULAR, odd, "027/001/UKPBJ/2027"), _circular(odd)
    )
    text = _text(data)
    assert name in text
    assert "PEMERINTAH KABUPATEN ŌTSUKA" in text
    assert "Bupati Ōtsuka (sebagai laporan)" in text


def test_characters_liberation_sans_lacks_still_print(profile: OrgProfile) -> None:
    """Typed text may hold symbols Liberation Sans has no glyph for: DejaVu Sans fills in."""
    report = _report(profile, ())
    report = dataclasses.replace(report, results=report.results + "\nCatatan: ✓ tuntas ★ ☎ 112")
    header = _header(LetterKind.REPORT, profile, "027/020/UKPBJ/2027")
    text = _text(socialisation_report_pdf(profile, header, report))
    assert "Catatan: ✓ tuntas ★ ☎ 112" in text


# --------------------------------------------------------------------------- wording and helpers


def test_default_wording_is_filled_and_replaceable(profile: OrgProfile) -> None:
    circular = _circular(profile)
    assert [title for title, _ in circular.sections] == [
        "Latar Belakang",
        "Maksud dan Tujuan",
        "Ruang Lingkup",
    ]
    texts = [
        circular.tentang,
        circular.closing,
        *circular.recipients,
        *circular.legal_basis,
        *circular.points,
        *circular.copies,
        *(text for _, text in circular.sections),
    ]
    assert all(text and "{" not in text for text in texts)
    assert "Pemerintah Kabupaten Jayawijaya" in circular.tentang
    assert any("Perpres" in t or "Peraturan Presiden" in t for t in circular.legal_basis)

    invitation = _invitation(profile, _INVITEES)
    assert invitation.agenda.endswith("Tahun 2027")
    assert invitation.invitees == _INVITEES
    report = _report(profile, ())
    assert report.title.startswith("LAPORAN TENTANG SOSIALISASI")
    assert "3 dari 4" in report.results

    header = default_header(LetterKind.INVITATION, profile, day=date(2027, 1, 5))
    assert header.is_draft
    assert (header.place, header.sifat, header.lampiran) == ("Wamena", "Penting", "1 (satu) berkas")
    assert header.hal.startswith("Undangan Sosialisasi")
    circular_header = default_header(
        LetterKind.CIRCULAR, profile, day=date(2026, 12, 28), number="027/001/UKPBJ/2027", year=2027
    )
    assert not circular_header.is_draft
    assert circular_header.hal.endswith("Tahun 2027")


def test_unknown_placeholder_is_reported(
    profile: OrgProfile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "surat-undangan.toml").write_text(
        'hal = "Undangan {tahun}"\nsifat = "Biasa"\nlampiran = "-"\nacara = "Acara"\n'
        'kepada = ["Yth"]\npembuka = "Halo {nama_kepala}"\npenutup = "Terima kasih"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(letters, "templates_dir", lambda: tmp_path)
    with pytest.raises(LetterTemplateError, match=r"pembuka .*\{nama_kepala\}"):
        _invitation(profile, ())
    with pytest.raises(LetterTemplateError, match="tidak ditemukan"):
        _circular(profile)


def test_draft_number_and_spelled_numbers(profile: OrgProfile) -> None:
    assert draft_number(profile, 2027) == "027/…/UKPBJ/2027"
    other = dataclasses.replace(profile, letter_number_format="{kode_unit}-{urut:04d}/{tahun}")
    assert draft_number(other, 2028) == "UKPBJ-…/2028"
    assert profile.letter_number(sequence=12, year=2027) == "027/012/UKPBJ/2027"
    spelled = {
        0: "nol",
        8: "delapan",
        11: "sebelas",
        12: "dua belas",
        20: "dua puluh",
        45: "empat puluh lima",
        100: "seratus",
        111: "seratus sebelas",
        250: "dua ratus lima puluh",
        1000: "seribu",
        2027: "dua ribu dua puluh tujuh",
    }
    for number, words in spelled.items():
        assert spelled_number(number) == words


def test_attendance_summary_counts_per_unit() -> None:
    summary = attendance_summary(
        [
            ("A", "Dinkes", "Hadir"),
            ("B", "Dinkes", "diwakilkan: C"),
            ("D", "Bappeda", "Tidak hadir"),
            ("E", "Dinkes", "Izin"),
            ("F", " ", "hadir"),
        ]
    )
    assert [(u.unit, u.invited, u.attended, u.represented, u.absent) for u in summary] == [
        ("Dinkes", 3, 1, 1, 1),
        ("Bappeda", 1, 0, 0, 1),
        ("-", 1, 1, 0, 0),
    ]
    assert summary[0].present == 2


# --------------------------------------------------------------------------- signed letters

AT = datetime(2027, 1, 8, 1, 15, tzinfo=UTC)  # Jumat, 8 Januari 2027 pukul 10.15 WIT
CODE = "7KQ4M9XD"
DEPUTY = "Beni Asso, S.E."
DEPUTY_NIP = "198503152010011004"


def _approval(profile: OrgProfile, kind: LetterKind, acting: str = "") -> Approval:
    return approval(
        profile,
        kind=kind.document,
        acting=acting,
        approved_by=DEPUTY if acting else "Yulianus Lokobal",
        approver_nip=DEPUTY_NIP if acting else "197406102000031002",
        at=AT,
        code=CODE,
    )


def _signature_page(data: bytes, first_line: str, *, name: str = "") -> tuple[Page, list[str]]:
    """The page holding the signature block that starts with ``first_line``, and the lines
    of the letter above the block on that page (page number and DRAF label left out)."""
    for page in pdfcheck.pages(data, name=name):
        top = page.top_of(first_line)
        if top is None:
            continue
        above = [
            line
            for line, line_top in zip(page.lines, page.tops, strict=True)
            if line_top < top and not re.fullmatch(r"- \d+ -", line) and DRAFT_LABEL not in line
        ]
        return page, above
    raise AssertionError(f"no signature block starting with {first_line!r}")


def _running_text(data: bytes) -> str:
    """The text in the order it was written (a table cell's lines together), without the
    page numbers, so text running over a page break reads on."""
    return re.sub(r" ?- \d+ - ?", " ", pdfcheck.text(data))


def _every_page_renders(data: bytes) -> int:
    """Render every page; each must show more than a blank page. The page count."""
    count = pdfcheck.page_count(data)
    for number in range(1, count + 1):
        assert not pdfcheck.is_blank(pdfcheck.render(data, number, dpi=30)), number
    return count


def test_signed_circular_names_the_approval_near_the_signature(profile: OrgProfile) -> None:
    header = _header(LetterKind.CIRCULAR, profile, "027/001/UKPBJ/2027")
    data = circular_pdf(
        profile, header, _circular(profile), approval=_approval(profile, LetterKind.CIRCULAR)
    )
    text = _text(data)
    # The profile signs circulars "a.n." of the Sekretaris Daerah.
    assert (
        "pada tanggal 5 Januari 2027 a.n. Sekretaris Daerah Kabupaten Jayawijaya "
        "Kepala Bagian Pengadaan Barang/Jasa," in text
    )
    assert HEAD_NAME in text and HEAD_NIP in text and "Pembina Tk. I (IV/b)" in text
    note = " ".join(
        line
        for page in pdfcheck.pages(data)
        for line in page.lines
        if "Disetujui" in line or "Kode verifikasi" in line
    )
    assert "Disetujui melalui Kinerja PBJ Bot oleh Yulianus Lokobal" in text
    assert (
        "selaku Kepala Bagian Pengadaan Barang/Jasa a.n. Sekretaris Daerah Kabupaten "
        "Jayawijaya pada Jumat, 8 Januari 2027 pukul 10.15 WIT." in text
    )
    assert "Kode verifikasi: 7KQ4-M9XD" in text and note
    assert "DRAF" not in text
    # The note sits beside the signature block, on its page.
    page, above = _signature_page(data, "Ditetapkan di Wamena")
    assert page.top_of("Kode verifikasi") is not None
    assert "Demikian Surat Edaran" in " ".join(above)


def test_draft_keeps_its_mark_and_has_no_approval(profile: OrgProfile) -> None:
    header = _header(LetterKind.CIRCULAR, profile, None)
    data = circular_pdf(
        profile, header, _circular(profile), approval=_approval(profile, LetterKind.CIRCULAR)
    )
    pages = pdfcheck.pages(data)
    assert all(DRAFT_LABEL in page.text for page in pages)
    assert all(len(page.images) >= 1 for page in pages)  # the diagonal mark
    text = _text(data)
    assert "Disetujui melalui" not in text and "Kode verifikasi" not in text
    assert "a.n. Sekretaris Daerah Kabupaten Jayawijaya" in text  # signed as the final will be
    final = circular_pdf(
        profile,
        _header(LetterKind.CIRCULAR, profile, "027/001/UKPBJ/2027"),
        _circular(profile),
        approval=_approval(profile, LetterKind.CIRCULAR),
    )
    assert all(not page.images for page in pdfcheck.pages(final))
    assert "DRAF" not in _text(final)


def test_acting_head_signs_with_their_own_name_and_nip(profile: OrgProfile) -> None:
    header = _header(LetterKind.INVITATION, profile, "027/002/UKPBJ/2027")
    content = _invitation(profile, _INVITEES)
    data = invitation_pdf(
        profile, header, content, approval=_approval(profile, LetterKind.INVITATION, "Plh")
    )
    text = _text(data)
    assert "Plh. Kepala Bagian Pengadaan Barang/Jasa," in text
    assert DEPUTY in text and "NIP. 19850315 201001 1 004" in text
    assert HEAD_NAME not in text and "Pembina" not in text and HEAD_NIP not in text
    assert "oleh Beni Asso, S.E. selaku Plh. Kepala Bagian Pengadaan Barang/Jasa pada" in text
    assert "a.n." not in text  # invitations are signed in the head's own name
    # The lampiran is signed the same way, without a second note.
    assert text.count("Plh. Kepala Bagian Pengadaan Barang/Jasa,") == 2
    assert text.count("Kode verifikasi") == 1


def test_lampiran_only_when_something_is_attached(profile: OrgProfile) -> None:
    header = _header(LetterKind.INVITATION, profile, "027/002/UKPBJ/2027")
    empty = invitation_pdf(profile, header, _invitation(profile, ()))
    text = _text(empty)
    assert "Lampiran : -" in text
    assert "(daftar terlampir)" not in text and "DAFTAR UNDANGAN" not in text
    assert "Pemerintah Kabupaten Jayawijaya di Tempat" in text
    assert pdfcheck.page_count(empty) == 1
    # With invitees: announced, even when the header says "-".
    listed = invitation_pdf(
        profile, dataclasses.replace(header, lampiran="-"), _invitation(profile, _INVITEES)
    )
    text = _text(listed)
    assert "Lampiran : 1 (satu) berkas" in text and "(daftar terlampir)" in text
    assert "DAFTAR UNDANGAN" in text
    # A report without attendance has no attendance lampiran; without photos no photo page.
    report = dataclasses.replace(_report(profile, ()), attendance=())
    data = socialisation_report_pdf(profile, _header(LetterKind.REPORT, profile, "1"), report)
    text = _text(data)
    assert "Lampiran" not in text and "Daftar Hadir" not in text
    assert pdfcheck.page_count(data) <= 2


def test_letterhead_with_logo_and_website(profile: OrgProfile, tmp_path: Path) -> None:
    Image.new("RGB", (300, 360), (190, 30, 30)).save(tmp_path / "lambang.png")
    with_logo = dataclasses.replace(
        profile, logo=tmp_path / "lambang.png", unit_name=pdfcheck.LONG_UNIT_NAME
    )
    header = _header(LetterKind.CIRCULAR, with_logo, "027/001/UKPBJ/2027")
    data = circular_pdf(with_logo, header, _circular(with_logo))
    first = pdfcheck.pages(data, name="letterhead-logo")[0]
    assert len(first.images) == 1
    logo = first.images[0]
    mm = 72 / 25.4
    assert abs(logo.left - 25 * mm) < 1 and abs(logo.top - 18 * mm) < 1
    assert abs(logo.height - 24 * mm) < 1 and abs(logo.width - 20 * mm) < 1  # 300:360
    assert pdfcheck.close_to(logo.image.convert("RGB").getpixel((5, 5)), (190, 30, 30))  # type: ignore[arg-type]
    # The kop's text stays clear of the logo and centred on the page.
    end = next(index for index, line in enumerate(first.lines) if line.startswith("Yth."))
    kop = list(zip(first.lines[:end], first.spans[:end], strict=True))
    assert kop[0][0] == "PEMERINTAH KABUPATEN JAYAWIJAYA"
    for line, (left, right) in kop:
        assert left > logo.left + logo.width, line
        assert abs((left + right) / 2 - (25 + 165 / 2) * mm) < 3, line
    assert pdfcheck.LONG_UNIT_NAME.upper() in " ".join(line for line, _ in kop)
    # Narrowed by the logo, the contact line leaves the website for a line of its own.
    assert kop[-2][0] == "Telepon (0969) 31000, Pos-el ukpbj@jayawijayakab.go.id"
    assert kop[-1][0] == "Laman www.jayawijayakab.go.id"
    # Without the logo they share one line.
    plain = _text(circular_pdf(profile, header, _circular(profile)))
    assert (
        "Kabupaten Jayawijaya, Papua Pegunungan 99511 Telepon (0969) 31000, "
        "Pos-el ukpbj@jayawijayakab.go.id, Laman www.jayawijayakab.go.id Yth." in plain
    )


# --------------------------------------------------------------------------- stress cases


def test_long_unit_and_person_names_are_printed_whole(profile: OrgProfile) -> None:
    odd = dataclasses.replace(
        profile,
        unit_name=pdfcheck.LONG_UNIT_NAME,
        head=dataclasses.replace(profile.head, name=pdfcheck.LONG_PERSON_NAME),
    )
    header = _header(LetterKind.CIRCULAR, odd, "027/001/UKPBJ/2027")
    data = circular_pdf(odd, header, _circular(odd), approval=_approval(odd, LetterKind.CIRCULAR))
    pages = _every_page_renders(data)
    assert 2 <= pages <= 4
    text = _text(data)
    assert pdfcheck.LONG_UNIT_NAME.upper() in text  # the letterhead wraps it, whole
    assert pdfcheck.LONG_PERSON_NAME in text  # the signature block wraps it, whole
    assert "…" not in text
    _, above = _signature_page(data, "Ditetapkan di Wamena", name="circular-long-names")
    assert len(above) >= 2 and "Demikian Surat Edaran" in " ".join(above)


@pytest.mark.parametrize("count", [22, 53, 200])
def test_invitees_list_keeps_its_last_rows_with_the_signature(
    profile: OrgProfile, count: int
) -> None:
    units = [unit.name for unit in profile.units]

    def name(n: int) -> str:
        return pdfcheck.LONG_PERSON_NAME if n % 7 == 0 else f"Peserta Nomor {n}, S.Sos."

    invitees = tuple((name(n), units[n % 28]) for n in range(1, count + 1))
    header = _header(LetterKind.INVITATION, profile, "027/002/UKPBJ/2027")
    data = invitation_pdf(
        profile,
        header,
        _invitation(profile, invitees),
        approval=_approval(profile, LetterKind.INVITATION),
    )
    pages = _every_page_renders(data)
    assert 2 + count // 30 <= pages <= 2 + count // 15
    text = _running_text(data)
    for n in range(1, count + 1):
        assert f"{n} {name(n)}" in text, n
    # Both signature blocks (the letter's and the lampiran's) have text above them.
    _, above = _signature_page(data, "Kepala Bagian Pengadaan Barang/Jasa,")
    assert "Atas perhatian dan kehadiran Bapak/Ibu" in " ".join(above)
    last = pdfcheck.pages(data, name=f"invitation-{count}")[-1]
    top = last.top_of("Kepala Bagian Pengadaan Barang/Jasa,")
    assert top is not None
    rows = [line for line, line_top in zip(last.lines, last.tops, strict=True) if line_top < top]
    assert any(line.startswith(f"{count - 1} ") for line in rows), rows
    assert any(line.startswith(f"{count} ") for line in rows), rows
    assert "No Nama Unit/OPD" in rows  # under the table's heading (repeated when carried over)


@pytest.mark.parametrize("words", [22, 124])
def test_a_table_caption_stays_with_the_first_row(profile: OrgProfile, words: int) -> None:
    material = (
        "Kebijakan pengelolaan kinerja pengadaan, pemetaan paket ke area strategis, "
        "pelaporan berkala melalui Kinerja PBJ Bot, "
    ) * 4
    report = dataclasses.replace(
        _report(profile, ()),
        speakers=((HEAD_NAME, material), ("Maria Wenda", "Pelaporan")),
        activities="Sosialisasi dilaksanakan secara tatap muka " * words,
    )
    header = _header(LetterKind.REPORT, profile, "027/003/UKPBJ/2027", date(2027, 1, 12))
    data = socialisation_report_pdf(profile, header, report)
    captions = [
        page
        for page in pdfcheck.pages(data, name=f"report-caption-{words}")
        if page.top_of("Narasumber dan materi:") is not None
    ]
    assert len(captions) == 1
    assert captions[0].top_of(f"1 {HEAD_NAME}") is not None
    assert " ".join(material.split()) in _running_text(data)


def _report_28(profile: OrgProfile, closing: str) -> SocialisationReport:
    units = [unit.name for unit in profile.units]
    attendance = tuple(
        (f"Peserta {n}", units[n % 28], "Hadir" if n % 3 else "Tidak hadir") for n in range(28)
    )
    report = default_report(
        profile,
        day=EVENT_DAY,
        time_text="09.00 WIT",
        place="Aula Sekretariat Daerah, Wamena",
        speakers=((HEAD_NAME, "Arahan Kepala UKPBJ"), ("Maria Wenda", "Sosialisasi")),
        attendance=attendance,
        photos=(),
        notes="",
    )
    return dataclasses.replace(report, closing=closing)


@pytest.mark.parametrize("length", [114, 1500, 3000])
def test_report_on_28_units_never_leaves_the_signature_alone(
    profile: OrgProfile, length: int
) -> None:
    sentence = (
        "Demikian laporan ini disampaikan sebagai bahan informasi dan pertanggungjawaban "
        "pelaksanaan kegiatan sosialisasi. "
    )
    closing = (sentence * 30)[:length].strip()  # 3,000: the longest a paragraph can be typed
    header = _header(LetterKind.REPORT, profile, "027/003/UKPBJ/2027", date(2027, 1, 12))
    data = socialisation_report_pdf(
        profile,
        header,
        _report_28(profile, closing),
        approval=_approval(profile, LetterKind.REPORT),
    )
    _every_page_renders(data)
    _, above = _signature_page(data, "Wamena, 12 Januari 2027", name=f"report-28-{length}")
    body = [line for line in above if "Demikian" in line or "sosialisasi." in line]
    assert len(body) >= 1 and len(above) >= 2, above
    assert " ".join(closing.split()) in _running_text(data)  # nothing of the closing is lost
    assert "DRAF" not in _text(data)
    # The attendance caption stays with the table's first row; the total with its last rows.
    for pdf_page in pdfcheck.pages(data):
        if pdf_page.top_of("Rekapitulasi kehadiran per OPD:") is not None:
            assert pdf_page.top_of("1 Sekretariat Daerah") is not None
        if pdf_page.top_of("Jumlah 28") is not None:
            assert pdf_page.top_of("28 Satuan Polisi Pamong Praja") is not None


def test_photos_of_every_orientation_are_upright(profile: OrgProfile) -> None:
    photos = tuple(
        pdfcheck.photo(orientation, portrait)
        for portrait in (True, False)
        for orientation in range(1, 9)
    )
    report = dataclasses.replace(_report(profile, photos), attendance=())
    header = _header(LetterKind.REPORT, profile, "027/003/UKPBJ/2027", date(2027, 1, 12))
    data = socialisation_report_pdf(profile, header, report)
    _every_page_renders(data)
    pictures = [
        picture for page in pdfcheck.pages(data, name="report-photos") for picture in page.images
    ]
    assert len(pictures) == 16
    for index, picture in enumerate(pictures):
        portrait = index < 8
        assert (picture.height > picture.width) is portrait, index
        colours = pdfcheck.quadrant_colours(picture.image)
        for colour, expected in zip(colours, pdfcheck.QUADRANTS, strict=True):
            assert pdfcheck.close_to(colour, expected), (index + 1, colours)
    text = _text(data)
    assert all(f"Foto {n}" in text for n in range(1, 17))
