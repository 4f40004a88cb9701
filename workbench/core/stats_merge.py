"""Merging an imported tidy statistics table into a project's regions, never overwriting silently.

A figure is new (no value for that region, indicator and year yet), unchanged (the same value is
already there), or a conflict (a different value is there: another vintage, a revision, a typo).
Conflicts are listed with both values and sources for the planner to choose; ``to_edit`` turns the
plan and the choices into ONE core ``Edit`` (a ``Compound`` of one ``SetValue`` per region's
statistics list), so the GUI pushes it as a single undo step and the CLI applies the same thing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from workbench.core.edits import Compound, Edit, SetValue
from workbench.core.model import Project, StatValue

AGGREGATE = "aggregate"


@dataclass(frozen=True)
class Incoming:
    region_code: str
    region: str
    indicator: str
    year: int
    value: float
    unit: str
    source: str  # "file · sheet · cell"
    file: str = ""  # the same, kept apart for the statistics table's provenance column
    sheet: str = ""
    cell: str = ""


@dataclass(frozen=True)
class Conflict:
    region_code: str
    region: str
    indicator: str
    year: int
    existing: StatValue
    incoming: Incoming

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.region_code, self.indicator, self.year)


@dataclass
class MergePlan:
    new: list[Incoming] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    unchanged: list[Incoming] = field(default_factory=list)
    # rows not mergeable: (incoming or printed region, reason zh, reason en)
    skipped: list[tuple[str, str, str]] = field(default_factory=list)
    vintage: str = ""
    # what the plan decided on its own that the planner should know (zh, en)
    notes: list[tuple[str, str]] = field(default_factory=list)

    def to_edit(self, choices: Iterable[int | tuple[str, str, int]] = ()) -> Edit:
        """One undoable edit: add every new value, and replace the existing value of each
        conflict named in ``choices`` (by index in ``conflicts`` or by (region, indicator, year)).
        Conflicts not chosen keep the project's value."""
        chosen: set[tuple[str, str, int]] = set()
        for c in choices:
            if isinstance(c, int):
                chosen.add(self.conflicts[c].key)
            else:
                chosen.add((str(c[0]), str(c[1]), int(c[2])))
        adds: dict[str, list[Incoming]] = {}
        for inc in self.new:
            adds.setdefault(inc.region_code, []).append(inc)
        replace: dict[str, list[Conflict]] = {}
        for conf in self.conflicts:
            if conf.key in chosen:
                replace.setdefault(conf.region_code, []).append(conf)
        edits: list[Edit] = []
        self._edits_into(edits, adds, replace)
        n_new = sum(len(v) for v in adds.values())
        n_rep = sum(len(v) for v in replace.values())
        edit = Compound(edits)
        edit.text_zh = f"导入统计数据（新增 {n_new} 个，替换 {n_rep} 个）"
        edit.text_en = f"Import statistics ({n_new} added, {n_rep} replaced)"
        return edit

    # The project is needed to build each region's full new list; it is captured by plan_merge.
    _project: Project | None = field(default=None, repr=False)

    def _edits_into(
        self, edits: list[Edit], adds: dict[str, list[Incoming]], replace: dict[str, list[Conflict]]
    ) -> None:
        assert self._project is not None
        for code in sorted(set(adds) | set(replace)):
            region = self._project.region(code)
            if region is None:
                continue
            # by key, not identity: undo and redo put copies of the items back
            drop = {
                (c.existing.indicator, c.existing.year, c.existing.vintage)
                for c in replace.get(code, [])
            }
            stats = [s for s in region.statistics if (s.indicator, s.year, s.vintage) not in drop]
            taken = {(s.indicator, s.year, s.vintage) for s in stats}
            for item in [*adds.get(code, []), *(c.incoming for c in replace.get(code, []))]:
                sv = _stat(item, self.vintage)
                k = (sv.indicator, sv.year, sv.vintage)
                n = 2
                while k in taken:  # the statistics list is keyed by (indicator, year, vintage)
                    sv.vintage = f"{self.vintage or '导入'} #{n}"
                    k = (sv.indicator, sv.year, sv.vintage)
                    n += 1
                taken.add(k)
                stats.append(sv)
            edits.append(SetValue(("regions", code, "statistics"), stats))


def _stat(inc: Incoming, vintage: str) -> StatValue:
    sv = StatValue(inc.indicator, int(inc.year), float(inc.value), inc.unit, inc.source, vintage)
    sv.file, sv.sheet, sv.cell, sv.imported = (
        inc.file,
        inc.sheet,
        inc.cell,
        date.today().isoformat(),
    )
    return sv


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def plan_merge(project: Project, tidy: Any, *, vintage: str = "") -> MergePlan:
    """Compare a tidy table (``workbench.io.stats_import`` columns) with the project.

    ``vintage`` labels the imported figures (e.g. "四川统计年鉴2024"); aggregates, rows for regions
    the project does not hold, and values that appear twice in the table with different numbers
    are not merged (they are listed in ``skipped``).
    """
    plan = MergePlan(vintage=vintage, _project=project)
    regions = {r.code: r for r in project.regions}
    seen: dict[tuple[str, str, int], Incoming] = {}
    clashes: set[tuple[str, str, int]] = set()
    records = tidy.to_dict("records") if hasattr(tidy, "to_dict") else list(tidy)
    legacy = _legacy_keys(project, records, plan.notes)
    for rec in records:
        code = str(rec.get("region_code") or "")
        label = str(rec.get("region") or "")
        if rec.get("level") == AGGREGATE or not code:
            plan.skipped.append(
                (label, "汇总或分组行，不并入地区", "total or group row, not merged")
            )
            continue
        value = rec.get("value")
        try:
            value = float(value)
        except (TypeError, ValueError):
            value = math.nan
        if not math.isfinite(value):
            plan.skipped.append((label, "没有数值", "no value"))
            continue
        if code not in regions:
            plan.skipped.append(
                (label, f"项目中没有地区 {code}", f"the project has no region {code}")
            )
            continue
        source = " · ".join(
            str(rec.get(k) or "") for k in ("source_file", "sheet", "cell") if rec.get(k)
        )
        indicator = str(rec["indicator"])
        indicator = legacy.get((indicator, str(rec.get("indicator_label") or "")), indicator)
        inc = Incoming(
            code,
            regions[code].name,
            indicator,
            int(rec["year"]),
            value,
            str(rec.get("unit") or ""),
            source,
            *(str(rec.get(k) or "") for k in ("source_file", "sheet", "cell")),
        )
        key = (code, inc.indicator, inc.year)
        if key in seen:
            if not _same(seen[key].value, value) or seen[key].unit != inc.unit:
                clashes.add(key)
            continue
        seen[key] = inc
    for key, inc in seen.items():
        if key in clashes:
            plan.skipped.append(
                (
                    inc.region,
                    f"{inc.indicator} {inc.year} 在表中出现多个不同数值",
                    f"{inc.indicator} {inc.year} appears in the table with different values",
                )
            )
            continue
        existing = [
            s
            for s in regions[inc.region_code].statistics
            if s.indicator == inc.indicator and s.year == inc.year
        ]
        if not existing:
            plan.new.append(inc)
        elif any(s.unit == inc.unit and _same(s.value, inc.value) for s in existing):
            plan.unchanged.append(inc)
        else:
            match = next((s for s in existing if s.unit == inc.unit), existing[0])
            plan.conflicts.append(
                Conflict(inc.region_code, inc.region, inc.indicator, inc.year, match, inc)
            )
    return plan


def _legacy_keys(
    project: Project, records: list[dict[str, Any]], notes: list[tuple[str, str]]
) -> dict[tuple[str, str], str]:
    """(indicator, printed label) → the key the project already holds that indicator under.

    Indicators outside the importer's catalogue were once kept under their printed label, unit
    bracket and all (``实际利用外资（万美元）``); they are now kept under their name alone
    (``实际利用外资``). A project filled by an earlier version would take a re-import of the same
    table as a new indicator beside the old one: figures twice, and no conflict ever shown. So an
    incoming indicator the project does not hold, whose printed label is a key the project does
    hold in the same unit, is merged under that key, and ``notes`` says so. Catalogue keys are
    ASCII identifiers (``gdp``) and never renamed; their labels are not looked at."""
    held: dict[str, set[str]] = {}
    for r in project.regions:
        for sv in r.statistics:
            held.setdefault(sv.indicator, set()).add(sv.unit)
    if not held:
        return {}
    out: dict[tuple[str, str], str] = {}
    for rec in records:
        key = str(rec.get("indicator") or "")
        label = str(rec.get("indicator_label") or "")
        if not key or key.isascii() or not label or label == key or (key, label) in out:
            continue
        if key in held or str(rec.get("unit") or "") not in held.get(label, ()):
            continue
        out[(key, label)] = label
        notes.append(
            (
                f"“{label}”沿用项目中已有的指标名（早期版本按表中原文连同单位命名；本次读作“{key}”）",
                f"'{label}' merged under the name the project already holds it by (earlier "
                f"versions kept the printed label with its unit; this read names it '{key}')",
            )
        )
    return out
