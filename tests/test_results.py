"""The compilation of results (SOP step 13): golden numbers from stored, verified reports."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from bot.core.achievement_settings import AchievementSettings, LowerIsBetter
from bot.core.profile import ProfileError, load_profile
from bot.planning.rules.model import InputKind
from bot.reporting.usecases.verification import verify_report
from bot.results import rules
from bot.results.model import Compilation, IndicatorResult, PeriodResult
from bot.results.usecases import compilation
from storage import cycles
from tests.results_world import ResultsWorld, golden_plan, golden_reports


@pytest.fixture
def world(tmp_path: Path) -> ResultsWorld:
    found = ResultsWorld(tmp_path)
    golden_reports(found)
    return found


def _compiled(world: ResultsWorld) -> Compilation:
    found = compilation(world.svc, 2027)
    assert found is not None
    return found


def _indicator(world: ResultsWorld, code: str) -> IndicatorResult:
    found = _compiled(world).indicator(code)
    assert found is not None
    return found


def _period(world: ResultsWorld, code: str, number: int) -> PeriodResult:
    found = _indicator(world, code).period(f"triwulanan-{number}")
    assert found is not None
    return found


def test_higher_is_better_sums_inputs_over_the_packages(world: ResultsWorld) -> None:
    q1 = _period(world, "K1", 1)
    # (8 + 6) / (10 + 10) * 100 against 80
    assert (q1.realisation, q1.target, q1.achievement, q1.band) == (70.0, 80.0, 87.5, "Tinggi")
    assert (q1.packages_counted, q1.packages_expected, q1.missing_units) == (2, 2, ())
    assert q1.reported_units == ("Dinas Kesehatan", "Inspektorat")
    assert q1.change_from_baseline == 0.0 and q1.change_from_previous is None
    assert q1.reason == ""


def test_a_returned_report_is_not_counted_and_its_unit_is_missing(world: ResultsWorld) -> None:
    q2 = _period(world, "K1", 2)
    # Only Dinas Kesehatan's 9 / 10: Inspektorat's report was returned.
    assert (q2.realisation, q2.achievement, q2.band) == (90.0, 112.5, "Sangat Tinggi")
    assert (q2.packages_counted, q2.packages_expected) == (1, 2)
    assert q2.missing_units == ("Inspektorat",)
    assert q2.change_from_previous == 20.0


def test_lower_is_better_uses_the_sakip_convention(world: ResultsWorld) -> None:
    q1, q2 = _period(world, "K2", 1), _period(world, "K2", 2)
    # (90 + 30) / (2 + 1) = 40 days against 40: (2 x 40 - 40) / 40 = 100 %
    assert (q1.realisation, q1.achievement, q1.band) == (40.0, 100.0, "Sangat Tinggi")
    # 100 / 2 = 50 days: (80 - 50) / 40 = 75 %, Sedang (66 up to 76)
    assert (q2.realisation, q2.achievement, q2.band) == (50.0, 75.0, "Sedang")
    assert q2.change_from_previous == 10.0 and q2.change_from_baseline == 0.0
    assert not _indicator(world, "K2").higher_is_better


def test_lower_is_better_as_a_ratio_when_the_profile_says_so(tmp_path: Path) -> None:
    source = Path("templates/profil-contoh-jayawijaya.toml").read_text(encoding="utf-8")
    profile = tmp_path / "profil.toml"
    profile.write_text(
        source + '\n[capaian]\npolaritas_turun = "rasio"\n'
        'kategori = [["Baik", 80], ["Cukup", 60], ["Kurang", 0]]\n',
        encoding="utf-8",
    )
    world = ResultsWorld(tmp_path, profile=profile)
    golden_reports(world)
    q2 = _period(world, "K2", 2)
    assert (q2.realisation, q2.achievement, q2.band) == (50.0, 80.0, "Baik")  # 40 / 50
    assert _period(world, "K1", 1).band == "Baik"  # 87,5 %


def test_additive_units_are_cumulative_and_a_newer_accepted_revision_replaces(
    world: ResultsWorld,
) -> None:
    q1, q2 = _period(world, "K3", 1), _period(world, "K3", 2)
    assert (q1.realisation, q1.target, q1.achievement) == (300_000.0, 250_000.0, 120.0)
    # Setda 200.000 + 250.000 (its second accepted revision replaced 150.000; the waiting
    # third is not counted) + Dinas Pendidikan's 100.000 of Triwulan I; its Triwulan II
    # report is missing.
    assert (q2.realisation, q2.target) == (550_000.0, 500_000.0)
    assert q2.achievement == pytest.approx(110.0)
    assert q2.missing_units == ("Dinas Pendidikan dan Kebudayaan",)
    assert (q2.packages_counted, q2.packages_expected) == (1, 2)


def test_a_zero_target_gives_no_percentage_and_says_why(world: ResultsWorld) -> None:
    q1 = _period(world, "K4", 1)
    assert (q1.realisation, q1.target, q1.achievement, q1.band) == (1.0, 0.0, None, None)
    assert q1.reason == "Target 0: capaian dalam persen tidak dapat dihitung."
    assert _period(world, "K4", 2).realisation == 2.0  # 1 + 1 of the replacing revision


def test_missing_data_is_missing_with_the_units_named(world: ResultsWorld) -> None:
    q3, q4 = _period(world, "K1", 3), _period(world, "K1", 4)
    assert (q3.realisation, q3.achievement, q3.band) == (None, None, None)
    assert q3.is_missing and q3.reason == "Belum ada laporan yang diterima."
    assert q3.missing_units == ("Dinas Kesehatan", "Inspektorat")
    assert q3.change_from_previous is None
    assert q4.reason == "Periode belum dimulai." and q4.missing_units == ()
    assert _indicator(world, "K1").latest == _period(world, "K1", 2)


def test_a_closed_indicator_keeps_its_periods_up_to_the_closure(world: ResultsWorld) -> None:
    closed = _indicator(world, "K6")
    assert closed.closure is not None and closed.closure.reason == "tercapai"
    assert closed.closure.closed_after == date(2027, 6, 30)
    assert [p.period_key for p in closed.periods] == ["triwulanan-1", "triwulanan-2"]
    assert _indicator(world, "K1").closure is None
    assert len(_indicator(world, "K1").periods) == 4


def test_action_plans_as_last_reported_and_late(world: ResultsWorld) -> None:
    k1, k2 = _compiled(world).actions
    assert (k1.indicator_code, k1.status, k1.late) == ("K1", "selesai", False)
    assert k1.by_unit == (("Dinas Kesehatan", "selesai"),)
    # Ended 31 March, last reported running: late.
    assert (k2.indicator_code, k2.status, k2.late) == ("K2", "berjalan", True)


def test_areas_in_plan_order(world: ResultsWorld) -> None:
    compiled = _compiled(world)
    assert [(a.code, a.indicator_codes) for a in compiled.areas] == [
        ("A1", ("K1", "K2", "K6")),
        ("A2", ("K3", "K4")),
    ]
    assert compiled.indicators_of("A2")[0].area_name == "Penghematan"


def test_recomputed_after_accepted_data_changes(world: ResultsWorld) -> None:
    before = _compiled(world)
    assert compilation(world.svc, 2027) is before  # nothing committed: kept
    world.report("Inspektorat", "2", {"tepat": 7, "total": 10, "hari": 60, "tender": 2})
    after = _period(world, "K1", 2)
    assert (after.realisation, after.packages_counted, after.missing_units) == (80.0, 2, ())


def test_accepting_reports_moves_step_13(world: ResultsWorld) -> None:
    def step_13() -> tuple[str, str] | None:
        with world.svc.db.read() as session:
            row = cycles.step_rows(session, cycle_id=world.cycle_id).get(13)
            return None if row is None else (row.state, row.note)

    assert step_13() is None  # the golden reports were verified in storage directly
    values = {"tepat": 7, "total": 10, "hari": 60, "tender": 2}
    waiting = world.report("Inspektorat", "2", values, accept=None)
    verify_report(
        world.svc, verifier_id=world.team_id, submission_id=waiting, accept=False, note="Ulang"
    )
    assert step_13() is None  # a returned report does not start the compilation
    waiting = world.report("Inspektorat", "2", values, accept=None)
    verify_report(world.svc, verifier_id=world.team_id, submission_id=waiting, accept=True, note="")
    # Triwulan II (ended 30 June) still lacks Dinas Pendidikan's report.
    assert step_13() == ("berjalan", "Triwulan II: 1 paket belum punya laporan yang diterima")
    waiting = world.report("Dinas Pendidikan dan Kebudayaan", "2", {"nilai": 5}, accept=None)
    verify_report(world.svc, verifier_id=world.team_id, submission_id=waiting, accept=True, note="")
    assert step_13() == ("selesai", "")


def test_no_compilation_without_an_approved_plan(world: ResultsWorld) -> None:
    assert compilation(world.svc, 2028) is None


# The rules alone ------------------------------------------------------------------------

SAKIP = AchievementSettings()


@pytest.mark.parametrize(
    ("value", "expected"),
    [(91.0, "Sangat Tinggi"), (90.96, "Sangat Tinggi"), (90.5, "Tinggi"), (76.0, "Tinggi"),
     (75.99, "Tinggi"), (75.9, "Sedang"), (66.0, "Sedang"), (51.0, "Rendah"),
     (50.9, "Sangat Rendah"), (0.0, "Sangat Rendah"), (None, None)],
)  # fmt: skip
def test_bands_compare_what_is_shown(value: float | None, expected: str | None) -> None:
    assert rules.band(value, SAKIP) == expected


def test_sakip_floors_at_zero_and_the_ratio_needs_a_realisation() -> None:
    assert rules.achievement(100, 40, higher_is_better=False, settings=SAKIP).value == 0.0
    ratio = replace(SAKIP, lower_is_better=LowerIsBetter.RATIO)
    zero = rules.achievement(0, 40, higher_is_better=False, settings=ratio)
    assert zero.value is None and "Realisasi 0" in zero.reason
    assert rules.achievement(10, None, higher_is_better=True, settings=SAKIP).reason == (
        "Target periode belum ditetapkan."
    )


def test_yes_no_inputs_count_one_and_zero_and_dates_are_not_computed() -> None:
    plan = golden_plan()
    k4 = plan.indicators[3]
    yes_no = replace(k4, inputs=(replace(k4.inputs[0], kind=InputKind.YA_TIDAK),))
    assert rules.realisation(yes_no, [{"sanggah": True}, {"sanggah": False}]).value == 1.0
    dated = replace(k4, inputs=(replace(k4.inputs[0], kind=InputKind.TANGGAL),))
    found = rules.realisation(dated, [{"sanggah": "2027-02-10"}])
    assert found.value is None and found.reason.startswith("Rumus memakai isian tanggal")
    missing = rules.realisation(k4, [{"lain": 1}])
    assert missing.value is None and missing.reason == "Isian Sanggah belum dilaporkan."
    k1 = plan.indicators[0]
    assert rules.realisation(k1, [{"tepat": 0, "total": 0}]).reason == (
        "Pembagi dalam rumus bernilai nol."
    )


# The [capaian] settings --------------------------------------------------------------------


def _profile(tmp_path: Path, table: str) -> Path:
    source = Path("templates/profil-contoh-jayawijaya.toml").read_text(encoding="utf-8")
    path = tmp_path / "profil.toml"
    path.write_text(f"{source}\n[capaian]\n{table}\n", encoding="utf-8")
    return path


def test_the_example_profile_keeps_the_default_bands() -> None:
    settings = load_profile().achievement
    assert settings == AchievementSettings()
    assert settings.lower_is_better is LowerIsBetter.SAKIP
    assert settings.bands[0][0] == "Sangat Tinggi"


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('polaritas_turun = "terbalik"', '[capaian] polaritas_turun harus "sakip" atau "rasio"'),
        ('kategori = [["Baik", 80]]', "[capaian] kategori harus berupa daftar paling sedikit"),
        ('kategori = [["Baik", 60], ["Cukup", 80]]', "harus diurutkan dari batas bawah tertinggi"),
        ('kategori = [["Baik", 80], ["baik", 60]]', "ada nama kategori yang ganda"),
        ('kategori = [["Baik", "80"], ["Cukup", 0]]', "kategori ke-1 harus berupa [nama, batas"),
        ('kategori = [["Baik", 2000], ["Cukup", 0]]', "batas bawah kategori Baik harus 0 sampai"),
        ("warna = 1", "[capaian] pengaturan tidak dikenal: warna"),
    ],
)
def test_bad_capaian_settings_are_refused_in_indonesian(
    tmp_path: Path, table: str, message: str
) -> None:
    with pytest.raises(ProfileError) as refused:
        load_profile(_profile(tmp_path, table))
    assert message in str(refused.value)


def test_capaian_settings_are_read(tmp_path: Path) -> None:
    found = load_profile(
        _profile(
            tmp_path, 'polaritas_turun = " Rasio "\nkategori = [["Baik", 80.5], ["Kurang", 0]]'
        )
    ).achievement
    assert found == AchievementSettings(LowerIsBetter.RATIO, (("Baik", 80.5), ("Kurang", 0.0)))
