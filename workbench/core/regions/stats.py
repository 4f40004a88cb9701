"""Imported statistics as a table a planner can read, check and correct: one row per figure with
where it came from (file, sheet, cell, import date; or the source text of figures shipped with the
project), which figure the baseline uses where several vintages disagree, and the import history.

Corrections are ordinary edits on the one command path (``core.edits``), addressed by
``addresses.StatisticField``: delete a figure, change its value, or prefer one figure of a
disagreeing set (the baseline then uses it whatever its vintage; ``baseline.figure_rank``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from workbench.core.addresses import StatisticField
from workbench.core.baseline import figure_rank
from workbench.core.edits import Compound, Edit, RemoveItem, SetValue
from workbench.core.model import Project, StatValue


@dataclass(frozen=True)
class StatRow:
    code: str
    region: str
    stat: StatValue
    used: bool  # the figure the baseline reads for this region, indicator and year
    conflict: bool  # another figure for the same region, indicator and year disagrees

    @property
    def address(self) -> StatisticField:
        s = self.stat
        return StatisticField(self.code, s.indicator, s.year, s.vintage)

    @property
    def provenance(self) -> str:
        return provenance(self.stat)


def provenance(s: StatValue) -> str:
    """Where a figure was read: "file · sheet · cell (yyyy-mm-dd)" — the date of the import —
    else its source text. Language-neutral: it is shown as is in both languages."""
    where = " · ".join(x for x in (s.file, s.sheet, s.cell) if x)
    if not where:
        return s.source
    return f"{where} ({s.imported})" if s.imported else where


def _same(a: StatValue, b: StatValue) -> bool:
    return a.unit == b.unit and math.isclose(a.value, b.value, rel_tol=1e-9, abs_tol=1e-9)


def stat_rows(project: Project, codes: set[str] | None = None) -> list[StatRow]:
    """Every figure (of ``codes`` only, if given), in project order."""
    out: list[StatRow] = []
    for r in project.regions:
        if codes is not None and r.code not in codes:
            continue
        groups: dict[tuple[str, int], list[StatValue]] = {}
        for s in r.statistics:
            groups.setdefault((s.indicator, s.year), []).append(s)
        used: set[int] = set()
        for items in groups.values():
            best = None
            for s in items:  # the baseline's rule: best rank, last among equals
                if math.isfinite(s.value) and (best is None or figure_rank(s) >= figure_rank(best)):
                    best = s
            if best is not None:
                used.add(id(best))
        for s in r.statistics:
            group = groups[(s.indicator, s.year)]
            clash = any(not _same(s, o) for o in group if o is not s)
            out.append(StatRow(r.code, r.name, s, id(s) in used, clash))
    return out


@dataclass(frozen=True)
class ImportRecord:
    file: str
    imported: str
    values: int
    regions: int


def import_history(project: Project) -> list[ImportRecord]:
    """Which files were imported when, newest first (figures shipped with the project, which
    carry no file, are not an import)."""
    seen: dict[tuple[str, str], tuple[int, set[str]]] = {}
    for r in project.regions:
        for s in r.statistics:
            if s.file:
                n, regions = seen.get((s.file, s.imported), (0, set()))
                regions.add(r.code)
                seen[(s.file, s.imported)] = (n + 1, regions)
    rows = [ImportRecord(f, d, n, len(rs)) for (f, d), (n, rs) in seen.items()]
    return sorted(rows, key=lambda x: (x.imported, x.file), reverse=True)


def delete_edit(address: StatisticField) -> Edit:
    edit = RemoveItem(("regions", address.code, "statistics"), address.key)
    edit.text_zh = f"删除统计数据 {address.indicator} {address.year}"
    edit.text_en = f"Delete statistic {address.indicator} {address.year}"
    return edit


def correct_edit(address: StatisticField, value: float) -> Edit:
    path = StatisticField(address.code, *address.key, "value").path
    edit = SetValue(path, float(value))
    edit.text_zh = f"更正统计数据 {address.indicator} {address.year}"
    edit.text_en = f"Correct statistic {address.indicator} {address.year}"
    return edit


def prefer_edit(project: Project, address: StatisticField) -> Edit:
    """Resolve a disagreement: this figure is used, the others of its year are kept but not used."""
    region = project.region(address.code)
    if region is None:
        raise KeyError(address.code)
    edits: list[Edit] = []
    for s in region.statistics:
        if (s.indicator, s.year) != (address.indicator, address.year):
            continue
        want = s.vintage == address.vintage
        if s.preferred != want:
            f = StatisticField(address.code, s.indicator, s.year, s.vintage, "preferred")
            edits.append(SetValue(f.path, want))
    edit = Compound(edits)
    edit.text_zh = f"采用 {address.vintage or '该'} 数值（{address.indicator} {address.year}）"
    edit.text_en = (
        f"Use the {address.vintage or 'chosen'} figure ({address.indicator} {address.year})"
    )
    return edit
