"""The workbook route of /analisis: the lembar analisis of a period, holding a checked
upload until the team member confirms, and storing it (archived, analyses written, the
period's undecided recommendations replaced) in one transaction."""

from __future__ import annotations

from dataclasses import dataclass

from bot.analysis.results import cells, period_result
from bot.analysis.usecases.browse import Scope, scope
from bot.analysis.usecases.write import update_step
from bot.analysis.workbook.reading import Expected, SheetInput
from bot.analysis.workbook.writing import AnalysisRow, RecommendationRow, SheetContent
from bot.core.xlsx_guard import XLSX_MIME
from bot.results.usecases import compilation
from bot.services import Services
from bot.sop.steps import StepId
from storage import analysis, archive, users
from storage.analysis import NewRecommendation
from storage.archive import NewDocument

SHEET_KIND = "lembar_analisis_xlsx"


@dataclass(frozen=True)
class SheetTarget:
    """A period's lembar analisis: its scope and what is stored now."""

    scope: Scope
    content: SheetContent
    expected: Expected

    @property
    def file_name(self) -> str:
        return f"lembar-analisis-{self.scope.year}-{self.scope.period.key}.xlsx"


@dataclass(frozen=True)
class Preview:
    """What storing a checked sheet would change."""

    new: int  # analyses of indicators without one
    changed: int  # analyses rewritten with other text
    recommendations: int  # in the sheet
    replaced: int  # undecided recommendations stored now, replaced by the sheet's


@dataclass(frozen=True)
class Stored:
    year: int
    period_label: str
    analyses: int
    recommendations: int


def sheet_target(svc: Services, year: int, period_key: str) -> SheetTarget | None:
    """The lembar analisis of an ended period; None when the period is gone."""
    found = scope(svc, year, period_key)
    if found is None:
        return None
    with svc.db.read() as session:
        stored = {
            a.indicator_code: a for a in analysis.of_period(session, found.cycle_id, period_key)
        }
        recommendations = analysis.recommendations(session, found.cycle_id, period_key)
    compiled = compilation(svc, year)
    rows = []
    for indicator in found.indicators:
        row = stored.get(indicator.code)
        texts = ("", "", "") if row is None else (row.what_happened, row.causes, row.method)
        numbers = cells(period_result(compiled, indicator.code, period_key), indicator.unit)
        rows.append(
            AnalysisRow(
                indicator.code,
                indicator.name,
                realisation=numbers.realisation,
                target=numbers.target,
                achievement=numbers.achievement,
                band=numbers.band,
                what_happened=texts[0],
                causes=texts[1],
                method=texts[2],
            )
        )
    undecided = [r for r in recommendations if not r.decision]
    content = SheetContent(
        year=year,
        period_key=period_key,
        period_label=found.period.label,
        unit_name=svc.profile.unit_short_name,
        analyses=tuple(rows),
        recommendations=tuple(
            RecommendationRow(r.indicator_code, r.what, r.who, r.due) for r in undecided
        ),
        decided=len(recommendations) - len(undecided),
    )
    expected = Expected(
        year=year,
        period_key=period_key,
        period_label=found.period.label,
        codes=frozenset(i.code for i in found.indicators),
        today=svc.today(),
        kept_dues={(r.indicator_code, r.what): r.due for r in undecided if r.due is not None},
    )
    return SheetTarget(found, content, expected)


def preview(target: SheetTarget, sheet: SheetInput) -> Preview:
    """What storing ``sheet`` would change, against what the target was read with."""
    stored = {a.code: a for a in target.content.analyses}
    new = changed = 0
    for item in sheet.analyses:
        before = stored.get(item.code)
        if before is None or not before.what_happened:
            new += 1
        elif (before.what_happened, before.causes, before.method) != (
            item.what_happened,
            item.causes,
            item.method,
        ):
            changed += 1
    return Preview(new, changed, len(sheet.recommendations), len(target.content.recommendations))


def store_sheet(
    svc: Services, *, actor_id: int, target: SheetTarget, sheet: SheetInput, content: bytes
) -> Stored | None:
    """Archive the workbook, write its analyses and make the period's undecided
    recommendations its own, in one transaction; None when the period is gone."""
    year, period_key = target.scope.year, target.scope.period.key
    found = scope(svc, year, period_key)
    if found is None:
        return None
    now = svc.now()
    meta = NewDocument(
        kind=SHEET_KIND,
        file_name=target.file_name,
        mime_type=XLSX_MIME,
        cycle_id=found.cycle_id,
        step_no=int(StepId.ANALYSIS),
        period_key=period_key,
        uploaded_by_user_id=actor_id,
    )
    with svc.db.write() as session:
        archive.store(session, root=svc.archive_dir, content=content, meta=meta, now=now)
        actor = users.get_user(session, actor_id)
        for item in sheet.analyses:
            analysis.save_analysis(
                session,
                cycle_id=found.cycle_id,
                indicator_code=item.code,
                period_key=period_key,
                what_happened=item.what_happened,
                causes=item.causes,
                method=item.method,
                actor=actor,
                now=now,
            )
        analysis.replace_undecided(
            session,
            cycle_id=found.cycle_id,
            period_key=period_key,
            rows=[NewRecommendation(r.code, r.what, r.who, r.due) for r in sheet.recommendations],
            actor=actor,
            now=now,
        )
        if sheet.analyses:
            update_step(svc, session, found, actor_id=actor_id, now=now)
    return Stored(year, found.period.label, len(sheet.analyses), len(sheet.recommendations))


def hold_upload(svc: Services, content: bytes) -> str:
    """Keep a checked upload until it is stored or discarded; its token."""
    return archive.hold(svc.archive_dir, content)


def held_upload(svc: Services, token: str) -> bytes | None:
    return archive.held(svc.archive_dir, token) if token else None


def release_upload(svc: Services, token: str) -> None:
    if token:
        archive.release(svc.archive_dir, token)
