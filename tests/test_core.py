"""The plain rules of bot.core and the settings, without a bot or a database."""

from __future__ import annotations

import copy
import re
import tomllib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from bot.core.clock import FixedClock
from bot.core.dates import format_date, format_datetime, format_rupiah
from bot.core.profile import ProfileError, example_profile_path, load_profile, parse_profile
from bot.core.resources import templates_dir
from bot.core.roles import Role
from bot.people.invitation_rules import (
    CODE_LENGTH,
    InvitationFacts,
    InvitationProblem,
    deep_link,
    invitation_problem,
    looks_like_code,
    new_code,
    parse_lifetime,
)
from bot.people.nip import NipError, format_nip, validate_nip
from bot.settings import Settings
from bot.sop.steps import (
    STEP_COUNT,
    StepsFileError,
    StepState,
    current_step,
    cycle_status,
    load_steps,
    parse_steps,
    pending_for_role,
)

WIT = ZoneInfo("Asia/Jayapura")

# --------------------------------------------------------------------------- NIP

VALID_NIP = "197406102000031002"


@pytest.mark.parametrize(
    "raw",
    [
        "197406102000031002",
        "19740610 200003 1 002",
        "19740610.200003.1.002",
        "19740610-200003-1-002",
        " 19740610\u00a0200003 1 002 ",
    ],
)
def test_valid_nip_is_normalised(raw: str) -> None:
    assert validate_nip(raw) == VALID_NIP


def test_female_nip_is_valid() -> None:
    assert validate_nip("198503152010012003") == "198503152010012003"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("19740610200003100", "18 digit, yang dikirim 17 digit"),
        ("1974061020000310021", "18 digit, yang dikirim 19 digit"),
        ("", "hanya boleh berisi angka"),
        ("19740610200003100A", "hanya boleh berisi angka"),
        ("NIP 197406102000031002", "hanya boleh berisi angka"),
        # Arabic-Indic digits are digits to str.isdigit() but not to us.
        ("١٩٧٤٠٦١٠٢٠٠٠٠٣١٠٠٢", "hanya boleh berisi angka"),
        ("197402302000031002", "tanggal lahir"),  # 30 February
        ("197413102000031002", "tanggal lahir"),  # month 13
        ("197406002000031002", "tanggal lahir"),  # day 0
        ("197406102000131002", "bukan bulan yang sah"),  # TMT month 13
        ("197406102000001002", "bukan bulan yang sah"),  # TMT month 00
        ("197406101980031002", "terlalu dekat"),  # service began at age 5
        ("197406102000033002", "jenis kelamin"),
        ("197406102000030002", "jenis kelamin"),
    ],
)
def test_invalid_nip_is_refused_with_reason(raw: str, reason: str) -> None:
    result = validate_nip(raw)
    assert isinstance(result, NipError), result
    assert reason in result.reason


def test_format_nip_groups_the_digits() -> None:
    assert format_nip(VALID_NIP) == "19740610 200003 1 002"
    # Anything that is not 18 characters is shown as it is.
    assert format_nip("12345") == "12345"


# ------------------------------------------------------------------- invitations


def test_new_code_shape() -> None:
    codes = [new_code() for _ in range(200)]
    assert len(set(codes)) == len(codes)
    for code in codes:
        assert len(code) == CODE_LENGTH == 16
        # Telegram deep-link payloads: [A-Za-z0-9_-]{1,64}.
        assert re.fullmatch(r"[A-Za-z0-9_-]{1,64}", code), code
        assert looks_like_code(code)
        # Nothing that reads ambiguously when typed from paper.
        assert not set(code) & set("01ilo"), code


def test_looks_like_code_refuses_junk() -> None:
    assert not looks_like_code("abc")
    assert not looks_like_code("a" * 65)
    assert not looks_like_code("abcd efgh")
    assert not looks_like_code("abcd/../x")


NOW = datetime(2027, 1, 5, 0, 0, tzinfo=UTC)


def _facts(
    *, expires_in: timedelta = timedelta(days=7), used: bool = False, revoked: bool = False
) -> InvitationFacts:
    return InvitationFacts(
        expires_at=NOW + expires_in,
        used_at=NOW - timedelta(hours=1) if used else None,
        revoked_at=NOW - timedelta(hours=2) if revoked else None,
    )


def test_invitation_problem() -> None:
    assert invitation_problem(None, NOW) is InvitationProblem.UNKNOWN
    assert invitation_problem(_facts(), NOW) is None
    assert invitation_problem(_facts(used=True), NOW) is InvitationProblem.USED
    assert invitation_problem(_facts(revoked=True), NOW) is InvitationProblem.REVOKED
    # Revocation is reported before use and expiry.
    assert (
        invitation_problem(_facts(used=True, revoked=True, expires_in=-timedelta(days=1)), NOW)
        is InvitationProblem.REVOKED
    )
    assert (
        invitation_problem(_facts(used=True, expires_in=-timedelta(days=1)), NOW)
        is InvitationProblem.USED
    )


def test_invitation_expiry_boundary() -> None:
    facts = _facts(expires_in=timedelta(hours=1))
    expires = facts.expires_at
    assert invitation_problem(facts, expires - timedelta(microseconds=1)) is None
    assert invitation_problem(facts, expires) is InvitationProblem.EXPIRED
    assert invitation_problem(facts, expires + timedelta(seconds=1)) is InvitationProblem.EXPIRED
    # The same instant written in another zone is the same instant.
    assert invitation_problem(facts, expires.astimezone(WIT)) is InvitationProblem.EXPIRED


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7d", timedelta(days=7)),
        ("7D", timedelta(days=7)),
        ("7", timedelta(days=7)),
        ("48h", timedelta(hours=48)),
        ("30m", timedelta(minutes=30)),
        ("7 hari", timedelta(days=7)),
        ("12 jam", timedelta(hours=12)),
        ("90 menit", timedelta(minutes=90)),
        ("  2d  ", timedelta(days=2)),
        ("90d", timedelta(days=90)),
        ("2160h", timedelta(days=90)),
    ],
)
def test_parse_lifetime(text: str, expected: timedelta) -> None:
    assert parse_lifetime(text) == expected


@pytest.mark.parametrize("text", ["", "seminggu", "7w", "-1d", "1.5d", "d7", "7 d h", "7 minggu"])
def test_parse_lifetime_refuses_unknown_text(text: str) -> None:
    with pytest.raises(ValueError, match="tidak dikenali"):
        parse_lifetime(text)


@pytest.mark.parametrize("text", ["0", "0d", "0m", "91d", "2161h", "129601m"])
def test_parse_lifetime_refuses_out_of_range(text: str) -> None:
    with pytest.raises(ValueError, match="paling lama 90 hari"):
        parse_lifetime(text)


def test_deep_link() -> None:
    assert deep_link("KinerjaPBJBot", "abcd2345efgh6789") == (
        "https://t.me/KinerjaPBJBot?start=abcd2345efgh6789"
    )


# ----------------------------------------------------------------------- profile


def _example_data() -> dict[str, Any]:
    with example_profile_path().open("rb") as handle:
        return tomllib.load(handle)


def _parse(data: dict[str, Any]) -> None:
    parse_profile(data, Path("test.toml"))


def test_example_profile_loads() -> None:
    profile = load_profile()
    assert profile.source == example_profile_path()
    assert profile.timezone == ZoneInfo("Asia/Jayapura")
    assert profile.timezone_name == "Asia/Jayapura"
    assert profile.unit_short_name == "UKPBJ"
    assert profile.head.nip and validate_nip(profile.head.nip) == profile.head.nip
    assert profile.letter_number(sequence=12, year=2027) == "027/012/UKPBJ/2027"
    assert profile.letter_number(sequence=3, year=2028, classification="800") == (
        "800/003/UKPBJ/2028"
    )
    assert len(profile.units) > 10
    assert "Dinas Kesehatan" in [u.name for u in profile.units]


def test_letterhead_and_signing_fields_are_optional_and_checked(tmp_path: Path) -> None:
    data = _example_data()
    profile = parse_profile(data, tmp_path / "profil.toml")
    assert profile.website == "www.jayawijayakab.go.id" and profile.logo is None
    assert profile.signs_on_behalf_of("surat-edaran") == "Sekretaris Daerah Kabupaten Jayawijaya"
    assert profile.signs_on_behalf_of("surat-undangan") == ""
    # An older profile without any of them is still valid.
    for key in ("laman", "logo"):
        del data["unit"][key]
    del data["atas_nama"]
    old = parse_profile(data, tmp_path / "profil.toml")
    assert (old.website, old.logo, old.on_behalf_of) == ("", None, ())
    # A logo is found next to the profile and must be a readable PNG or JPEG.
    Image.new("RGB", (120, 150), (200, 30, 30)).save(tmp_path / "lambang.png")
    data["unit"]["logo"] = "lambang.png"
    assert parse_profile(data, tmp_path / "profil.toml").logo == tmp_path / "lambang.png"
    data["unit"]["logo"] = "tidak-ada.png"
    with pytest.raises(ProfileError, match=r"\[unit\] logo tidak ditemukan"):
        parse_profile(data, tmp_path / "profil.toml")
    (tmp_path / "rusak.png").write_bytes(b"bukan gambar")
    data["unit"]["logo"] = "rusak.png"
    with pytest.raises(ProfileError, match="bukan gambar yang dapat dibaca"):
        parse_profile(data, tmp_path / "profil.toml")
    data["unit"]["logo"] = "lambang.gif"
    with pytest.raises(ProfileError, match="PNG atau JPEG"):
        parse_profile(data, tmp_path / "profil.toml")
    del data["unit"]["logo"]
    data["atas_nama"] = {"surat-edaran": "Sekretaris Daerah", "nota-dinas": "Bupati"}
    with pytest.raises(ProfileError, match=r"\[atas_nama\] jenis dokumen tidak dikenal: nota"):
        parse_profile(data, tmp_path / "profil.toml")


def test_profile_without_head_is_refused() -> None:
    data = _example_data()
    del data["kepala"]
    with pytest.raises(ProfileError, match=re.escape("[kepala]")):
        _parse(data)


def test_profile_head_without_name_is_refused() -> None:
    data = _example_data()
    data["kepala"]["nama"] = "   "
    with pytest.raises(ProfileError, match=re.escape("[kepala] nama wajib diisi")):
        _parse(data)


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "WIT", "../../etc/passwd"])
def test_profile_with_bad_zone_is_refused(zone: str) -> None:
    data = _example_data()
    data["waktu"]["zona"] = zone
    with pytest.raises(ProfileError, match=r"\[waktu\] zona .* bukan zona waktu IANA"):
        _parse(data)


def test_profile_without_zone_defaults_to_jayapura() -> None:
    data = _example_data()
    del data["waktu"]
    assert parse_profile(data, Path("x.toml")).timezone_name == "Asia/Jayapura"


@pytest.mark.parametrize(
    "number_format",
    [
        "{klasifikasi}/{urut}/{bidang}/{tahun}",  # unknown field
        "{klasifikasi}/{kode_unit}/{tahun}",  # no {urut}
        "{urut}/{0}",  # positional field
        "{urut.real}/{tahun}",  # attribute access
        "{urut",  # broken braces
        "{urut}/{}",  # empty field
        "{urut}/{kode_unit:03d}",  # format spec the value cannot take
        "{urut}/{tahun!x}",  # unknown conversion
        "{urut:{lebar}}",  # nested unknown field
    ],
)
def test_profile_with_bad_letter_format_is_refused(number_format: str) -> None:
    data = _example_data()
    data["surat"]["format_nomor"] = number_format
    with pytest.raises(ProfileError, match=re.escape("[surat] format_nomor")):
        _parse(data)


def test_profile_with_duplicate_unit_names_is_refused() -> None:
    data = _example_data()
    data["opd"].append({"nama": "dinas kesehatan ", "singkatan": "Dinkes2"})
    with pytest.raises(ProfileError, match="ganda"):
        _parse(data)


def test_missing_or_broken_profile_file(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="tidak ditemukan"):
        load_profile(tmp_path / "nope.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("[kepala\nnama = 1\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="bukan TOML yang sah"):
        load_profile(broken)


def test_profile_with_non_latin1_names_loads(tmp_path: Path) -> None:
    text = example_profile_path().read_text(encoding="utf-8")
    text = text.replace("Yulianus Lokobal, S.E., M.Si.", "Yulianus Łokobal — “Kepala” 佳")
    text = text.replace('nama = "Dinas Kesehatan"', 'nama = "Dinas Kesehatan – Wamena ✓"')
    path = tmp_path / "profil.toml"
    path.write_text(text, encoding="utf-8")
    profile = load_profile(path)
    assert profile.head.name == "Yulianus Łokobal — “Kepala” 佳"
    assert "Dinas Kesehatan – Wamena ✓" in [u.name for u in profile.units]
    assert profile.source == path


# ------------------------------------------------------------------------- steps


def _steps_data() -> dict[str, Any]:
    with (templates_dir() / "langkah-sop.toml").open("rb") as handle:
        return tomllib.load(handle)


def test_committed_steps_load() -> None:
    steps = load_steps()
    assert len(steps) == STEP_COUNT == 17
    assert [s.number for s in steps] == list(range(1, 18))
    for step in steps:
        assert isinstance(step.actor, Role)
        assert all(isinstance(r, Role) for r in step.involved)
        assert step.name
        assert all(1 <= a < step.number for a in step.after)
    assert steps[0].after == ()
    # Every step except the first waits for something, so the SOP is one chain.
    assert all(s.after for s in steps[1:])
    assert [s.number for s in steps if s.repeats_each_period] == list(range(11, 18))


def _steps_error(data: dict[str, Any], pattern: str) -> None:
    with pytest.raises(StepsFileError, match=pattern):
        parse_steps(data)


def test_steps_missing_one_is_refused() -> None:
    data = _steps_data()
    del data["langkah"][16]
    _steps_error(data, "1 sampai 17")


def test_steps_duplicate_number_is_refused() -> None:
    data = _steps_data()
    data["langkah"][16]["nomor"] = 16
    data["langkah"][16]["setelah"] = [15]
    _steps_error(data, "masing-masing sekali")


def test_steps_extra_number_is_refused() -> None:
    data = _steps_data()
    extra = copy.deepcopy(data["langkah"][16])
    extra["nomor"] = 18
    data["langkah"].append(extra)
    _steps_error(data, "1 sampai 17")


@pytest.mark.parametrize("after", [[4], [3, 3], [5], [0], [-1]])
def test_steps_after_must_point_to_an_earlier_step(after: list[int]) -> None:
    data = _steps_data()
    data["langkah"][2]["setelah"] = after  # step 3
    _steps_error(data, "langkah 3: setelah hanya boleh menunjuk langkah sebelumnya")


@pytest.mark.parametrize(("field", "value"), [("pelaksana", "bupati"), ("terlibat", ["camat"])])
def test_steps_unknown_role_is_refused(field: str, value: object) -> None:
    data = _steps_data()
    data["langkah"][4][field] = value  # step 5
    _steps_error(data, "langkah 5: pelaksana/terlibat tidak sah")


def test_steps_other_faults_are_refused() -> None:
    data = _steps_data()
    del data["langkah"][0]["pelaksana"]
    _steps_error(data, "langkah 1: pelaksana")

    data = _steps_data()
    data["langkah"][0]["nama"] = " "
    _steps_error(data, "nama wajib diisi")

    data = _steps_data()
    data["langkah"][0]["nomor"] = "1"
    _steps_error(data, "nomor")

    _steps_error({}, r"\[\[langkah\]\]")
    _steps_error({"langkah": [1, 2]}, "tabel")


def test_cycle_status_with_nothing_done() -> None:
    steps = load_steps()
    statuses = cycle_status(steps, {})
    assert all(s.state is StepState.BELUM_MULAI for s in statuses)
    assert [s.step.number for s in statuses if s.ready] == [1]
    current = current_step(statuses)
    assert current is not None and current.step.number == 1


def test_cycle_status_after_four_steps() -> None:
    steps = load_steps()
    states = dict.fromkeys(range(1, 5), StepState.SELESAI)
    statuses = cycle_status(steps, states)
    current = current_step(statuses)
    assert current is not None
    assert current.step.number == 5
    assert current.ready and current.state is StepState.BELUM_MULAI
    assert statuses[5].waiting_for == (5,)  # step 6 waits for step 5
    assert [s.step.number for s in statuses if s.state is StepState.SELESAI] == [1, 2, 3, 4]


def test_current_step_is_the_lowest_not_done() -> None:
    steps = load_steps()
    states = {
        1: StepState.SELESAI,
        2: StepState.SELESAI,
        3: StepState.PERLU_PERBAIKAN,
        4: StepState.SELESAI,
    }
    statuses = cycle_status(steps, states)
    current = current_step(statuses)
    assert current is not None and current.step.number == 3
    assert current.state is StepState.PERLU_PERBAIKAN
    # Step 5 waits for step 3 only; step 4 is done.
    assert statuses[4].waiting_for == (3,)

    everything = cycle_status(steps, dict.fromkeys(range(1, 18), StepState.SELESAI))
    assert current_step(everything) is None


def test_pending_for_role_puts_ready_steps_first() -> None:
    steps = load_steps()
    states = dict.fromkeys(range(1, 5), StepState.SELESAI)
    pending = pending_for_role(cycle_status(steps, states), Role.KEPALA)
    assert [s.step.number for s in pending] == [5, 6, 7, 8, 16, 17]
    assert [s.ready for s in pending] == [True] + [False] * 5

    # A later step that is ready comes before an earlier one that waits.
    states[15] = StepState.SELESAI
    pending = pending_for_role(cycle_status(steps, states), Role.KEPALA)
    assert [s.step.number for s in pending] == [5, 16, 6, 7, 8, 17]

    # Done steps drop out; a step being worked on stays.
    states[5] = StepState.SELESAI
    states[6] = StepState.BERJALAN
    pending = pending_for_role(cycle_status(steps, states), Role.KEPALA)
    assert [s.step.number for s in pending] == [6, 16, 7, 8, 17]


def test_pending_for_owner() -> None:
    steps = load_steps()
    pending = pending_for_role(cycle_status(steps, {}), Role.PJ)
    assert [s.step.number for s in pending] == [9, 10, 11, 12]
    assert not any(s.ready for s in pending)


# ------------------------------------------------------------------------- dates


def test_format_date_weekdays() -> None:
    assert format_date(date(2027, 1, 4)) == "Senin, 4 Januari 2027"
    week = [format_date(date(2027, 1, d)).split(",")[0] for d in range(4, 11)]
    assert week == ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
    assert format_date(date(2024, 8, 17)) == "Sabtu, 17 Agustus 2024"
    assert format_date(date(2027, 12, 31), with_weekday=False) == "31 Desember 2027"
    assert format_date(date(2028, 2, 29)) == "Selasa, 29 Februari 2028"


def test_format_datetime_in_wit() -> None:
    instant = datetime(2027, 1, 5, 5, 30, tzinfo=UTC)
    assert format_datetime(instant, WIT) == "Selasa, 5 Januari 2027 pukul 14.30 WIT"
    # Late evening UTC is already the next morning in Papua.
    late = datetime(2027, 1, 4, 20, 5, tzinfo=UTC)
    assert format_datetime(late, WIT) == "Selasa, 5 Januari 2027 pukul 05.05 WIT"


def test_format_datetime_other_zones() -> None:
    instant = datetime(2027, 1, 5, 5, 30, tzinfo=UTC)
    assert format_datetime(instant, ZoneInfo("Asia/Makassar")).endswith("pukul 13.30 WITA")
    assert format_datetime(instant, ZoneInfo("Asia/Jakarta")).endswith("pukul 12.30 WIB")
    assert format_datetime(instant, ZoneInfo("Europe/Amsterdam")).endswith(
        "pukul 06.30 Europe/Amsterdam"
    )


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (1_250_000_000, "Rp 1.250.000.000"),
        (0, "Rp 0"),
        (999, "Rp 999"),
        (1000, "Rp 1.000"),
        (1234.6, "Rp 1.235"),
        (-1500, "-Rp 1.500"),
        (-1_250_000_000, "-Rp 1.250.000.000"),
        (-0.4, "Rp 0"),
    ],
)
def test_format_rupiah(amount: float, text: str) -> None:
    assert format_rupiah(amount) == text


# ---------------------------------------------------------------------- settings


def _settings(**values: Any) -> Settings:
    return Settings(_env_file=None, **values)


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost:8081",
        "http://localhost:8081/",
        "http://localhost:8081/bot",
        "http://localhost:8081/bot/",
    ],
)
def test_api_base_url_forms(url: str) -> None:
    settings = _settings(telegram_api_base_url=url)
    assert settings.api_base_url() == "http://localhost:8081/bot"
    assert settings.file_base_url() == "http://localhost:8081/file/bot"


def test_file_base_url_setting_wins() -> None:
    settings = _settings(
        telegram_api_base_url="http://localhost:8081",
        telegram_file_base_url="http://files.example:9000/",
    )
    assert settings.file_base_url() == "http://files.example:9000/file/bot"
    settings = _settings(telegram_file_base_url="http://files.example:9000/file/bot")
    assert settings.api_base_url() is None
    assert settings.file_base_url() == "http://files.example:9000/file/bot"


def test_defaults_use_telegram_itself() -> None:
    settings = _settings()
    assert settings.api_base_url() is None
    assert settings.file_base_url() is None
    assert settings.telegram_bot_token is None
    assert settings.kinerja_config is None
    assert settings.operator_chat_ids == ()


def test_blank_values_count_as_unset() -> None:
    settings = _settings(
        telegram_bot_token="  ",
        telegram_api_base_url="",
        telegram_file_base_url=" ",
        kinerja_config="",
    )
    assert settings.telegram_bot_token is None
    assert settings.api_base_url() is None
    assert settings.file_base_url() is None
    assert settings.kinerja_config is None


def test_blank_values_in_env_file_count_as_unset(tmp_path: Path) -> None:
    """A .env copied from .env.example leaves the optional values blank."""
    env_file = tmp_path / ".env"
    env_file.write_text(
        "TELEGRAM_BOT_TOKEN=\nTELEGRAM_API_BASE_URL=\nTELEGRAM_FILE_BASE_URL=\n"
        "KINERJA_CONFIG=\nKINERJA_OPERATOR_CHAT_IDS=\nTELEGRAM_LOCAL_MODE=false\n",
        encoding="utf-8",
    )
    settings = Settings(_env_file=env_file)
    assert settings.telegram_bot_token is None
    assert settings.api_base_url() is None
    assert settings.file_base_url() is None
    assert settings.kinerja_config is None
    assert settings.operator_chat_ids == ()

    env_file.write_text("TELEGRAM_BOT_TOKEN=123:abc\nKINERJA_CONFIG=profil.toml\n")
    settings = Settings(_env_file=env_file)
    assert settings.telegram_bot_token is not None
    assert settings.telegram_bot_token.get_secret_value() == "123:abc"
    assert settings.kinerja_config == Path("profil.toml")


def test_environment_variables_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", "http://api.local:8081/")
    monkeypatch.setenv("KINERJA_OPERATOR_CHAT_IDS", "")
    settings = _settings()
    assert settings.api_base_url() == "http://api.local:8081/bot"
    assert settings.operator_chat_ids == ()


@pytest.mark.parametrize(
    ("raw", "ids"),
    [
        ("", ()),
        ("123", (123,)),
        ("123, -1001234567890", (123, -1001234567890)),
        ("1;2 ; 3", (1, 2, 3)),
        (" 5 ,, abc, 6 ", (5, 6)),
        ("--5, 7-, 12², -", ()),
    ],
)
def test_operator_chat_ids(raw: str, ids: tuple[int, ...]) -> None:
    assert _settings(kinerja_operator_chat_ids=raw).operator_chat_ids == ids


# ------------------------------------------------------------------------- clock


def test_fixed_clock_refuses_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="aware"):
        FixedClock(datetime(2027, 1, 5, 9, 0))
    clock = FixedClock(datetime(2027, 1, 5, 9, 0, tzinfo=WIT))
    with pytest.raises(ValueError, match="aware"):
        clock.set(datetime(2027, 1, 6, 9, 0))
    # The refused value did not move the clock.
    assert clock.now() == datetime(2027, 1, 5, 0, 0, tzinfo=UTC)


def test_fixed_clock_tells_utc_and_moves() -> None:
    clock = FixedClock(datetime(2027, 1, 5, 9, 0, tzinfo=WIT))
    assert clock.now() == datetime(2027, 1, 5, 0, 0, tzinfo=UTC)
    assert clock.now().utcoffset() == timedelta(0)
    assert clock.now() == clock.now()  # it stands still
    clock.advance(timedelta(days=2, minutes=30))
    assert clock.now() == datetime(2027, 1, 7, 0, 30, tzinfo=UTC)
    clock.set(datetime(2027, 3, 1, 8, 0, tzinfo=WIT))
    assert clock.now() == datetime(2027, 2, 28, 23, 0, tzinfo=UTC)
    assert clock.now().utcoffset() == timedelta(0)
