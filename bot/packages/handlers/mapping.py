"""Coverage per unit, a unit's packages, and mapping one package to a strategic area."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot import texts as app_texts
from bot.access import Member, services
from bot.context import Context
from bot.core.dates import format_rupiah
from bot.core.labels import fit, room_left, unit_label
from bot.core.roles import Role
from bot.packages import texts, usecases
from bot.packages.callbacks import Coverage, MapArea, OpenPackage, UnitPackages
from bot.packages.handlers.common import TEAM, back_to_menu, button_year, show_unit_packages
from bot.packages.usecases import Refusal
from bot.ui.buttons import on_press
from bot.ui.chat import answer, button, show


def _coverage_label(row: usecases.UnitCoverage) -> str:
    """``Dinkes (3/12)``: the unit, by its short name when the full one does not fit."""
    counts = texts.PKG_COVERAGE_BUTTON.format(unit="", mapped=row.mapped, count=row.packages)
    unit = unit_label(row.unit_name, row.short_name, room_left(counts))
    return texts.PKG_COVERAGE_BUTTON.format(unit=unit, mapped=row.mapped, count=row.packages)


@on_press(Coverage, *TEAM)
async def coverage(update: Update, context: Context, member: Member, data: Coverage) -> None:
    """Mapped / total packages and pagu per unit; each unit opens its packages."""
    year = await button_year(update, context, data.year)
    if year is None:
        return
    found = usecases.coverage(services(context), year=year)
    lines = [
        texts.PKG_COVERAGE_LINE.format(
            unit=app_texts.esc(c.unit_name or texts.PKG_COVERAGE_UNMATCHED),
            mapped=c.mapped,
            count=c.packages,
            pagu=format_rupiah(c.pagu),
        )
        for c in found
    ]
    rows = [
        [button(_coverage_label(c), UnitPackages(c.unit_id, 1, year))]
        for c in found
        if c.unit_id is not None
    ]
    text = texts.PKG_COVERAGE.format(year=year, lines="\n".join(lines) or "-")
    await show(update, text, InlineKeyboardMarkup([*rows, *back_to_menu()]))


@on_press(UnitPackages)
async def unit_packages(
    update: Update, context: Context, member: Member, data: UnitPackages
) -> None:
    """One unit's packages (owners only ever see their own unit)."""
    unit_id = member.unit_id if member.role is Role.PJ else data.unit_id
    year = await button_year(update, context, data.year)
    if year is not None:
        await show_unit_packages(update, context, member, unit_id, data.page, year)


async def _refused(update: Update, refusal: Refusal) -> None:
    """Why the package cannot be opened or mapped (as the button's answer where it fits)."""
    if refusal is Refusal.NOT_YOURS:
        await answer(update, texts.PKG_NOT_YOURS)
    elif refusal is Refusal.PACKAGE_GONE:
        await answer(update, app_texts.STALE_BUTTON)
    else:
        await answer(update)
        await show(update, app_texts.STALE_BUTTON)


@on_press(OpenPackage)
async def open_package(update: Update, context: Context, member: Member, data: OpenPackage) -> None:
    """A package: its details and one button per strategic area."""
    detail = usecases.package_detail(
        services(context), actor_id=member.user_id, package_id=data.package_id
    )
    if isinstance(detail, Refusal):
        await _refused(update, detail)
        return
    await answer(update)
    back = [button(app_texts.BUTTON_BACK, UnitPackages(detail.unit_id, 1, detail.year))]
    if not detail.areas:
        await show(update, texts.PKG_NO_AREAS, InlineKeyboardMarkup([back]))
        return
    rows = [
        [button(fit(f"{a.code} · {a.name}"), MapArea(detail.package_id, a.code))]
        for a in detail.areas
    ]
    current = detail.current
    text = texts.PKG_CHOOSE_AREA.format(
        name=app_texts.esc(detail.nama_paket),
        kode=app_texts.esc(detail.kode_rup),
        pagu=format_rupiah(detail.pagu),
        metode=app_texts.esc(detail.metode or "-"),
        area=app_texts.esc(f"{current.code} {current.name}" if current else "-"),
    )
    await show(update, text, InlineKeyboardMarkup([*rows, back]))


@on_press(MapArea)
async def map_area(update: Update, context: Context, member: Member, data: MapArea) -> None:
    """Map the package to the area; back to the unit's packages."""
    mapped = usecases.map_package(
        services(context),
        actor_id=member.user_id,
        package_id=data.package_id,
        area_code=data.area_code,
    )
    if isinstance(mapped, Refusal):
        await _refused(update, mapped)
        return
    # A button answer is plain text, not HTML.
    await answer(update, texts.PKG_MAPPED.format(kode=mapped.kode_rup, area=mapped.area_code))
    await show_unit_packages(update, context, member, mapped.unit_id, 1, mapped.year)
