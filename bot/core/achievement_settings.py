"""How achievement is computed and banded (the profile's optional ``[capaian]`` table).

``polaritas_turun`` chooses the formula for indicators where lower is better: ``"sakip"``
(the default, the SAKIP convention ``(2 x target - realisasi) / target x 100``) or
``"rasio"`` (``target / realisasi x 100``). ``kategori`` lists the category bands as
``[name, lower bound]`` pairs from the highest down; an achievement falls in the first band
whose lower bound it reaches, and below every bound in the last band.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise
from typing import Any


class LowerIsBetter(StrEnum):
    """The achievement formula for indicators where a lower value is better."""

    SAKIP = "sakip"
    RATIO = "rasio"


DEFAULT_BANDS: tuple[tuple[str, float], ...] = (
    ("Sangat Tinggi", 91.0),
    ("Tinggi", 76.0),
    ("Sedang", 66.0),
    ("Rendah", 51.0),
    ("Sangat Rendah", 0.0),
)


@dataclass(frozen=True)
class AchievementSettings:
    """The lower-is-better formula and the category bands (highest first)."""

    lower_is_better: LowerIsBetter = LowerIsBetter.SAKIP
    bands: tuple[tuple[str, float], ...] = DEFAULT_BANDS


class AchievementSettingsError(ValueError):
    """The ``[capaian]`` table is not valid; the message says why, in Indonesian."""


_BANDS_EXAMPLE = 'contoh: kategori = [["Sangat Tinggi", 91], ["Tinggi", 76], ["Rendah", 0]]'


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _bands(value: object) -> tuple[tuple[str, float], ...]:
    if not isinstance(value, list) or len(value) < 2:
        raise AchievementSettingsError(
            f"[capaian] kategori harus berupa daftar paling sedikit dua pasangan; {_BANDS_EXAMPLE}"
        )
    bands: list[tuple[str, float]] = []
    for number, entry in enumerate(value, start=1):
        if (
            not isinstance(entry, list)
            or len(entry) != 2
            or not isinstance(entry[0], str)
            or not entry[0].strip()
            or not _is_number(entry[1])
        ):
            raise AchievementSettingsError(
                f"[capaian] kategori ke-{number} harus berupa [nama, batas bawah]; {_BANDS_EXAMPLE}"
            )
        if not 0 <= entry[1] <= 1000:
            raise AchievementSettingsError(
                f"[capaian] batas bawah kategori {entry[0].strip()} harus 0 sampai 1000"
            )
        bands.append((entry[0].strip(), float(entry[1])))
    names = [name.casefold() for name, _ in bands]
    if len(set(names)) != len(names):
        raise AchievementSettingsError("[capaian] ada nama kategori yang ganda")
    if any(lower >= higher for (_, higher), (_, lower) in pairwise(bands)):
        raise AchievementSettingsError(
            "[capaian] kategori harus diurutkan dari batas bawah tertinggi ke terendah, "
            "tanpa batas yang sama"
        )
    return tuple(bands)


def parse_achievement_settings(table: dict[str, Any]) -> AchievementSettings:
    """The ``[capaian]`` table; what it leaves out keeps the defaults."""
    unknown = sorted(set(table) - {"polaritas_turun", "kategori"})
    if unknown:
        raise AchievementSettingsError(
            f"[capaian] pengaturan tidak dikenal: {', '.join(unknown)}; "
            "yang dikenal: polaritas_turun, kategori"
        )
    mode = table.get("polaritas_turun", LowerIsBetter.SAKIP.value)
    if not isinstance(mode, str) or mode.strip().casefold() not in set(LowerIsBetter):
        raise AchievementSettingsError(
            '[capaian] polaritas_turun harus "sakip" atau "rasio", '
            'contoh: polaritas_turun = "sakip"'
        )
    bands = _bands(table["kategori"]) if "kategori" in table else DEFAULT_BANDS
    return AchievementSettings(LowerIsBetter(mode.strip().casefold()), bands)
