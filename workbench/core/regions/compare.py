"""Regions side by side: size, growth, revenue, per-capita GDP, the projected uplift, and when each
would pass 千亿 (GDP ≥ 1000亿元, a 千亿县) under the baseline and under the draft.

Figures are the region's own imported statistics (``baseline.region_series``: one figure per
year, preferred > revised > preliminary); a prefecture without its own figure sums its counties
when all have one. Growth is the baseline's rate (planner's, else compound history, else the
default assumption; ``growth_origin`` says which). The uplift is the net location GDP of the
region's planning units in the last projected year; after it the uplift is held at that level
(no further growth is assumed from the plan) when looking for the 千亿 year; a region
already past 千亿 gets the year of its figure.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from workbench.core.baseline import baseline_path, region_series
from workbench.core.enums import Level
from workbench.core.model import Project
from workbench.core.regions import geography
from workbench.core.regions.profile import _scenario

if TYPE_CHECKING:
    import pandas as pd

    from workbench.core.projections.engine import ProjectionEngine

QIANYI = 1000.0  # 亿元: a 千亿县
HORIZON = 2050  # the last year searched for the 千亿 year
COLUMNS = [
    "region_code",
    "region",
    "parent",
    "metro",
    "gdp_year",
    "gdp",
    "growth_pct",
    "growth_origin",
    "fiscal_revenue",
    "gdp_per_capita",
    "uplift",
    "uplift_pct",
    "rank",
    "qianyi",
    "qianyi_year_baseline",
    "qianyi_year_draft",
]


def own_series(project: Project, code: str, indicator: str) -> dict[int, float]:
    r = project.region(code)
    if r is None:
        return {}
    series = region_series(r.statistics, indicator)
    kids = [k for k in project.regions if k.parent == code and k.level is Level.COUNTY]
    if kids and r.level is Level.PREFECTURE:
        own = [region_series(k.statistics, indicator) for k in kids]
        for y in set.intersection(*(set(s) for s in own)) - set(series):
            series[y] = sum(s[y] for s in own)
    return dict(sorted(series.items()))


def qianyi_year(v0: float, y0: int, rate: float, uplift: dict[int, float] | None = None) -> float:
    """First year with v0 × (1+rate)^(y − y0) + uplift(y) ≥ 1000亿元: ``y0`` when already there,
    NaN past HORIZON. ``uplift`` by year applies from its first year and is held at its last."""
    if v0 >= QIANYI:
        return float(y0)
    up = uplift or {}
    last = up[max(up)] if up else 0.0
    for y in range(y0 + 1, HORIZON + 1):
        extra = up.get(y, last if up and y > max(up) else 0.0)
        if v0 * (1 + rate / 100) ** (y - y0) + extra >= QIANYI:
            return float(y)
    return math.nan


def default_members(project: Project) -> list[str]:
    return [r.code for r in project.regions if r.level is Level.COUNTY]


def compare_regions(
    project: Project,
    scenario=None,
    members: list[str] | None = None,
    engine: ProjectionEngine | None = None,
) -> pd.DataFrame:
    """One row per region of ``members`` (default: every county and Chongqing district), ranked by
    GDP; ``uplift`` is NaN where the region is not made of planning units (a county while its
    province plans by prefecture)."""
    import pandas as pd

    sc = _scenario(project, scenario)
    codes = members if members is not None else default_members(project)
    uplift = _uplift_by_unit(project, sc, engine)
    rows = []
    for code in codes:
        r = project.region(code)
        if r is None:
            continue
        gdp = own_series(project, code, "gdp")
        rev = own_series(project, code, "fiscal_revenue")
        pop = own_series(project, code, "population")
        y0 = max(gdp) if gdp else None
        v0 = gdp[y0] if y0 is not None else math.nan
        path = baseline_path(project, "gdp", code, sc, series=gdp)
        rate = path.growth_pct if path.growth_pct is not None else math.nan
        units = geography.units_of(project, code)
        by_year: dict[int, float] = {}
        for u in units:
            for y, v in uplift.get(u, {}).items():
                by_year[y] = by_year.get(y, 0.0) + v
        up = by_year[max(by_year)] if by_year else (0.0 if units and sc else math.nan)
        last = path.values[max(path.values)] if path.values else math.nan
        p_year = max(pop) if pop else None
        rows.append(
            {
                "region_code": code,
                "region": r.name,
                "parent": (project.region(r.parent).name if project.region(r.parent) else ""),
                "metro": geography.metro_of(r)[0],
                "gdp_year": y0 if y0 is not None else math.nan,
                "gdp": v0,
                "growth_pct": rate,
                "growth_origin": path.growth_origin,
                "fiscal_revenue": rev[max(rev)] if rev else math.nan,
                # 亿元 / 万人 = 万元 per person
                "gdp_per_capita": (v0 / pop[p_year] if p_year and pop[p_year] else math.nan),
                "uplift": up,
                "uplift_pct": 100 * up / last if last and not math.isnan(up) else math.nan,
                "qianyi": bool(v0 >= QIANYI) if y0 is not None else False,
                "qianyi_year_baseline": (qianyi_year(v0, y0, rate) if y0 is not None else math.nan),
                "qianyi_year_draft": (
                    qianyi_year(v0, y0, rate, by_year)
                    if y0 is not None and not math.isnan(up)
                    else math.nan
                ),
            }
        )
    df = pd.DataFrame(rows, columns=[c for c in COLUMNS if c != "rank"])
    df["rank"] = df["gdp"].rank(ascending=False, method="min")
    df = df.sort_values(["rank", "region_code"], na_position="last").reset_index(drop=True)
    return df[COLUMNS]


def _uplift_by_unit(
    project: Project, sc, engine: ProjectionEngine | None
) -> dict[str, dict[int, float]]:
    """Net location GDP by planning unit and projected year."""
    if sc is None:
        return {}
    if engine is None:
        from workbench.core.projections.engine import ProjectionEngine

        engine = ProjectionEngine(project)
    t = engine.results(sc.name)
    t = t[(t["basis"] == "location") & (t["metric"] == "gdp") & (t["component"] == "total")]
    out: dict[str, dict[int, float]] = {}
    for (code, year), v in t.groupby(["region_code", "year"])["value"].sum().items():
        out.setdefault(str(code), {})[int(year)] = float(v)
    return out
