"""What each planning unit's economy would look like without the fund: the baseline paths.

The uplift the fund brings only means something next to the size of the economy it lands in
(0.5亿 is a lot for 城口, little for 渝北). The baseline is deliberately simple and traceable: the
last imported year of each indicator, grown at a constant rate to 2035 (the plan's 远景 year).
The rate is, in order: a per-unit parameter ``baseline.growth.<indicator>.<unit code>`` when the
planner has set one (project or scenario); else the unit's compound growth over its imported
history when there are at least two years; else ``baseline.growth.<indicator>.default``, which is
the team's assumption (假设). A unit without any statistics gets no path and says so — never 0,
because "0% uplift of nothing" would read as "no effect".

Which figure counts when there are several for one year: a revised or yearbook figure beats a
preliminary (初步) one, and among equals the one imported last wins (the merge keeps the planner's
choice last). Sichuan prefectures use their own figure; if a year has none, the sum of their
counties' figures, only when every county of the prefecture has one (a partial sum would
understate). Nominal values; the imported history may cross a census revision (the reason text
names the years used so the planner can judge).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.core.assumptions import parameter_value
from workbench.core.assumptions_net import BASELINE_INDICATORS, PCT_YR
from workbench.core.enums import Level
from workbench.core.model import Assumption, Project, Scenario, StatValue

BASELINE_YEARS: tuple[int, ...] = tuple(range(2026, 2036))
"""十五五 (2026–2030) and on to the 2035 远景 year."""

INDICATORS: tuple[str, ...] = tuple(BASELINE_INDICATORS)
UNITS: dict[str, str] = {"gdp": "亿元", "fiscal_revenue": "亿元", "population": "万人"}
# printed unit -> factor to the canonical unit of UNITS (same conventions as the stats importer)
_FACTORS: dict[str, float] = {
    "亿元": 1.0,
    "万亿元": 1e4,
    "千亿元": 10.0,
    "万元": 1e-4,
    "元": 1e-8,
    "万人": 1.0,
    "人": 1e-4,
    "千人": 0.1,
}
_UNIT_KIND = {"亿元": "亿元", "万亿元": "亿元", "千亿元": "亿元", "万元": "亿元", "元": "亿元"}
_UNIT_KIND |= {"万人": "万人", "人": "万人", "千人": "万人"}

GROWTH_OVERRIDE, GROWTH_HISTORY, GROWTH_ASSUMED = "override", "history", "assumption"

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class BaselinePath:
    """One unit's baseline for one indicator; ``values`` is None when there are no statistics."""

    unit_code: str
    indicator: str
    unit: str
    values: dict[int, float] | None
    base_year: int | None = None
    base_value: float | None = None
    growth_pct: float | None = None
    growth_origin: str = ""  # override / history / assumption; "" without statistics
    note_zh: str = ""
    note_en: str = ""


def growth_key(indicator: str, unit_code: str = "default") -> str:
    return f"baseline.growth.{indicator}.{unit_code}"


def figure_rank(s: StatValue) -> int:
    """Which of several figures for one year counts: preferred 2, revised/yearbook 1, preliminary 0."""
    if s.preferred:  # the planner resolved a disagreement of vintages
        return 2
    v = s.vintage.lower()
    return 0 if ("初步" in v or "preliminary" in v) else 1


def region_series(statistics: list[StatValue], indicator: str) -> dict[int, float]:
    """Year -> value in the canonical unit, one figure per year by the rule in the module doc."""
    best: dict[int, tuple[int, float]] = {}
    want = UNITS[indicator]
    for s in statistics:
        if s.indicator != indicator or _UNIT_KIND.get(s.unit.strip()) != want:
            continue
        if not math.isfinite(s.value):
            continue
        rank = figure_rank(s)
        if s.year not in best or rank >= best[s.year][0]:
            best[s.year] = (rank, s.value * _FACTORS[s.unit.strip()])
    return {y: v for y, (_, v) in sorted(best.items())}


def unit_series(project: Project, indicator: str) -> dict[str, dict[int, float]]:
    """Observed history of every planning unit (empty dict for a unit without figures)."""
    units = project.planning_units()
    members: dict[str, list[str]] = {}
    split: set[str] = set()  # prefectures whose counties are units: their economy is theirs
    for r in project.regions:
        u = units[r.code]
        if r.code != u and r.level is Level.COUNTY:
            members.setdefault(u, []).append(r.code)
        elif r.level is Level.COUNTY and r.parent in units and units[r.parent] == r.parent:
            split.add(r.parent)
    own = {r.code: region_series(r.statistics, indicator) for r in project.regions}
    out: dict[str, dict[int, float]] = {}
    for u in project.planning_unit_codes():
        series = {} if u in split else dict(own.get(u, {}))
        kids = members.get(u, [])
        if kids:
            every_county = set.intersection(*(set(own[k]) for k in kids))
            for y in every_county - set(series):
                series[y] = sum(own[k][y] for k in kids)
        out[u] = dict(sorted(series.items()))
    return out


def history_growth(series: dict[int, float]) -> float | None:
    """Compound yearly growth (%) from the first to the last year; None if it cannot be formed."""
    usable = {y: v for y, v in series.items() if v > 0}
    if len(usable) < 2:
        return None
    y0, y1 = min(usable), max(usable)
    return 100.0 * ((usable[y1] / usable[y0]) ** (1.0 / (y1 - y0)) - 1.0)


def _growth(
    project: Project, scenario: Scenario | None, indicator: str, code: str, series: dict
) -> tuple[float, str, str, str]:
    """(rate %, origin, note zh, note en) for one unit."""
    set_rate = parameter_value(project, growth_key(indicator, code), scenario)
    if set_rate is not None:
        return set_rate, GROWTH_OVERRIDE, "增长率为规划人员设定", "growth rate set by the planner"
    hist = history_growth(series)
    if hist is not None:
        years = [y for y, v in series.items() if v > 0]
        y0, y1 = min(years), max(years)
        return (
            hist,
            GROWTH_HISTORY,
            f"增长率为{y0}–{y1}年导入数据的年均复合增长率",
            f"growth is the compound rate over the imported {y0}–{y1}",
        )
    rate = parameter_value(project, growth_key(indicator), scenario)
    assert rate is not None  # shipped default
    return (
        rate,
        GROWTH_ASSUMED,
        "导入数据不足两年，增长率为假设（默认值）",
        "fewer than two imported years: growth is the default assumption",
    )


def baseline_path(
    project: Project,
    indicator: str,
    code: str,
    scenario: Scenario | None = None,
    years: tuple[int, ...] = BASELINE_YEARS,
    series: dict[int, float] | None = None,
) -> BaselinePath:
    """One unit's path: last imported value × (1 + g)^(year − last year)."""
    if series is None:
        series = unit_series(project, indicator).get(code, {})
    unit = UNITS[indicator]
    if not series:
        split = bool(project.planning_levels) and any(  # counties are units: cheap test first
            r.parent == code and r.level is Level.COUNTY and project.planning_unit(r.code) == r.code
            for r in project.regions
        )
        return BaselinePath(
            code,
            indicator,
            unit,
            None,
            note_zh="按县规划：全市经济计入所辖各县" if split else "无导入统计数据，无法给出基线",
            note_en=(
                "planned by county: the city's economy is counted in its counties"
                if split
                else "no imported statistics: no baseline"
            ),
        )
    y0 = max(series)
    v0 = series[y0]
    rate, origin, zh, en = _growth(project, scenario, indicator, code, series)
    values = {y: v0 * (1 + rate / 100) ** (y - y0) for y in years}
    return BaselinePath(code, indicator, unit, values, y0, v0, rate, origin, zh, en)


def baseline_paths(
    project: Project,
    scenario: Scenario | None = None,
    indicators: tuple[str, ...] = INDICATORS,
    years: tuple[int, ...] = BASELINE_YEARS,
) -> dict[tuple[str, str], BaselinePath]:
    """(unit code, indicator) -> path for every planning unit and indicator."""
    out: dict[tuple[str, str], BaselinePath] = {}
    for ind in indicators:
        observed = unit_series(project, ind)
        for code, series in observed.items():
            out[(code, ind)] = baseline_path(project, ind, code, scenario, years, series)
    return out


def baseline_frame(project: Project, scenario: Scenario | None = None) -> pd.DataFrame:
    import pandas as pd  # only the tidy export needs it; the window's first paint must not

    """Tidy table: one row per unit, indicator and year; ``value`` NaN where there is no baseline
    (the note says why), so a ratio against it is NaN rather than a false 0 %."""
    rows = []
    for (code, ind), p in baseline_paths(project, scenario).items():
        for y in BASELINE_YEARS:
            rows.append(
                (
                    code,
                    ind,
                    y,
                    math.nan if p.values is None else p.values[y],
                    p.unit,
                    math.nan if p.growth_pct is None else p.growth_pct,
                    p.growth_origin,
                    p.base_year,
                    p.note_zh,
                    p.note_en,
                )
            )
    return pd.DataFrame(rows, columns=FRAME_COLUMNS)


FRAME_COLUMNS = (
    "region_code",
    "indicator",
    "year",
    "value",
    "unit",
    "growth_pct",
    "growth_origin",
    "base_year",
    "note_zh",
    "note_en",
)


def growth_assumption(project: Project, indicator: str, code: str) -> Assumption:
    """A per-unit growth parameter to add to the project so the planner can edit it.

    Its starting value is what the baseline uses today (history, else the default); the source
    says it was derived from imported statistics, or is empty (假设) when it is the fallback.
    """
    series = unit_series(project, indicator).get(code, {})
    rate, origin, zh, _ = _growth(project, None, indicator, code, series)
    name = project.region(code).name if project.region(code) else code
    ind_zh, ind_en, *_ = BASELINE_INDICATORS[indicator]
    source = f"由项目导入统计推算：{zh}" if origin == GROWTH_HISTORY else ""
    width = 3.0
    return Assumption(
        growth_key(indicator, code),
        rate,
        PCT_YR,
        f"{name}：基线{ind_zh}年增长率",
        f"{code}: baseline {ind_en} growth per year",
        source,
        "baseline",
        rate - width,
        rate + width,
    )
