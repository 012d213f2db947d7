"""Looking at a year's packages: which years are open, the menu, coverage, a unit's list."""

from __future__ import annotations

from dataclasses import dataclass

from bot.packages.usecases.common import cycle_id_of
from bot.services import Services
from bot.sop.cycles import default_working_year, plannable_years, visible_cycles
from storage import packages, units
from storage.packages import UnitCoverage

__all__ = [
    "Menu",
    "OpenYears",
    "PackageItem",
    "UnitCoverage",
    "UnitPackages",
    "coverage",
    "import_years",
    "menu",
    "open_years",
    "unit_packages",
]


@dataclass(frozen=True)
class OpenYears:
    """The years /paket can show (every open cycle and the default one), and the default:
    the newest with an approved plan (packages map to its areas), else the year planned."""

    years: tuple[int, ...]
    default: int

    def pick(self, chosen: int | None) -> int:
        """The year chosen while it is open, else the default."""
        return chosen if chosen is not None and chosen in self.years else self.default

    def others(self, year: int) -> tuple[int, ...]:
        return tuple(y for y in self.years if y != year)


def open_years(svc: Services) -> OpenYears:
    default = default_working_year(svc)
    return OpenYears(tuple(sorted({v.year for v in visible_cycles(svc)} | {default})), default)


def import_years(svc: Services) -> tuple[int, ...]:
    """The years packages can be imported into: this year, next year and every open cycle
    (in January last year's is still open), never a closed one."""
    return plannable_years(svc)


@dataclass(frozen=True)
class Menu:
    year: int
    count: int
    pagu: int
    mapped: int
    unmatched: int  # satuan kerja not matched to a unit yet


def menu(svc: Services, *, year: int) -> Menu:
    """The year's packages in numbers."""
    with svc.db.read() as session:
        cycle_id = cycle_id_of(session, year)
        if cycle_id is None:
            return Menu(year, 0, 0, 0, 0)
        found = packages.all_of_cycle(session, cycle_id=cycle_id)
        unmatched = packages.unmatched_names(session, cycle_id=cycle_id)
    return Menu(
        year=year,
        count=len(found),
        pagu=sum(p.pagu for p in found),
        mapped=sum(1 for p in found if p.area_code),
        unmatched=len(unmatched),
    )


@dataclass(frozen=True)
class PackageItem:
    package_id: int
    name: str
    mapped: bool


@dataclass(frozen=True)
class UnitPackages:
    unit_name: str  # "-" for a unit that is gone
    items: tuple[PackageItem, ...]


def unit_packages(svc: Services, *, unit_id: int, year: int) -> UnitPackages:
    """A unit's packages of the year, by name."""
    with svc.db.read() as session:
        unit = units.get_unit(session, unit_id)
        cycle_id = cycle_id_of(session, year)
        found = (
            []
            if cycle_id is None
            else packages.of_unit(session, cycle_id=cycle_id, unit_id=unit_id)
        )
        items = tuple(
            PackageItem(p.id, p.nama_paket, bool(p.area_code)) for p in found if p.id is not None
        )
        return UnitPackages("-" if unit is None else unit.name, items)


def coverage(svc: Services, *, year: int) -> tuple[UnitCoverage, ...]:
    """Mapped / total packages and pagu per unit (unmatched satuan kerja as one line, last)."""
    with svc.db.read() as session:
        cycle_id = cycle_id_of(session, year)
        return () if cycle_id is None else tuple(packages.coverage(session, cycle_id=cycle_id))
