"""One region seen whole (the 地区 view, the Word report and the map read this): its statistics
with provenance, membership and distances, candidates, money in and out, parks, projected uplift
against its baseline, and chain links across its border.

A region is read through the planning units that make it up (``geography.units_of``): a unit
itself, a Sichuan prefecture at county level (its own row plus its counties), or a province. A
county inside a unit (Sichuan planning by prefecture) has its own statistics, candidates and
money, but no projection of its own: the profile says so and names the unit.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from workbench.core.baseline import baseline_paths
from workbench.core.model import ChainLink, Project, Scenario
from workbench.core.regions import geography
from workbench.core.regions.parks import ParkRole, park_roles
from workbench.core.regions.stats import StatRow, stat_rows

if TYPE_CHECKING:
    from workbench.core.projections.engine import ProjectionEngine


@dataclass
class Uplift:
    """Net projected effect by year (location GDP, local budget revenue) and the baseline."""

    years: list[int]
    gdp: list[float]
    revenue: list[float]
    baseline_gdp: list[float | None]
    baseline_revenue: list[float | None]

    def pct(self, which: str, i: int = -1) -> float | None:
        v = (self.gdp if which == "gdp" else self.revenue)[i]
        b = (self.baseline_gdp if which == "gdp" else self.baseline_revenue)[i]
        return 100.0 * v / b if b else None


@dataclass
class RegionProfile:
    code: str
    name: str
    level: str
    parent: str
    units: list[str]  # planning units summed for the projections (empty: inside one unit)
    unit: str  # the planning unit holding the region
    statistics: list[StatRow]
    cce: str
    metro_zh: str
    metro_en: str
    core_km: float  # seat distance to its metro core (NaN outside a metro area)
    neighbours: list[geography.Neighbour]
    candidates: list[str]  # ids
    by_status_type: dict[tuple[str, str], int]
    contributed: float  # 亿元
    received: float  # 亿元, fund allocations to its candidates in the scenario
    parks: list[ParkRole]
    uplift: Uplift | None
    links_in: list[ChainLink] = field(default_factory=list)
    links_out: list[ChainLink] = field(default_factory=list)
    links_inside: list[ChainLink] = field(default_factory=list)


def _scenario(project: Project, scenario: str | Scenario | None) -> Scenario | None:
    if isinstance(scenario, Scenario):
        return scenario
    if scenario is None:
        return project.scenarios[0] if project.scenarios else None
    return project.scenario(scenario)


def money(project: Project, codes: set[str], sc: Scenario | None) -> tuple[float, float]:
    """(contributed, received) in 亿元 for the regions ``codes`` — for a planning unit these are
    the fund view's ``contributed`` and ``invested`` (tested)."""
    contributed = sum(c.amount for c in project.fund.contributions if c.region_code in codes)
    where = {c.id for c in project.candidates if c.region_code in codes}
    received = 0.0
    if sc is not None:
        received = sum(a.amount for a in sc.allocations if a.candidate_id in where)
    return contributed, received


def uplift(
    project: Project, units: list[str], sc: Scenario, engine: ProjectionEngine
) -> Uplift | None:
    if not units:
        return None
    t = engine.results(sc.name)
    t = t[t["region_code"].isin(units) & (t["component"] == "total")]
    gdp = t[(t["basis"] == "location") & (t["metric"] == "gdp")].groupby("year")["value"].sum()
    rev = t[(t["basis"] == "fiscal") & (t["metric"] == "tax")].groupby("year")["value"].sum()
    years = sorted(int(y) for y in gdp.index)
    paths = baseline_paths(project, sc, ("gdp", "fiscal_revenue"))

    def base(ind: str, y: int) -> float | None:
        vals = [paths[(u, ind)].values for u in units if (u, ind) in paths]
        vals = [v for v in vals if v is not None]
        return sum(v[y] for v in vals) if vals else None

    return Uplift(
        years,
        [float(gdp.get(y, 0.0)) for y in years],
        [float(rev.get(y, 0.0)) for y in years],
        [base("gdp", y) for y in years],
        [base("fiscal_revenue", y) for y in years],
    )


def region_profile(
    project: Project,
    code: str,
    scenario: str | Scenario | None = None,
    engine: ProjectionEngine | None = None,
) -> RegionProfile:
    """Everything the 地区 view shows for ``code`` under ``scenario`` (default: the first)."""
    r = project.region(code)
    if r is None:
        raise KeyError(code)
    sc = _scenario(project, scenario)
    if engine is None:
        from workbench.core.projections.engine import ProjectionEngine

        engine = ProjectionEngine(project)
    covered = geography.inside(project, code)
    units = geography.units_of(project, code)
    cands = [c for c in project.candidates if c.region_code in covered]
    by = Counter((c.status.value, c.unit_type.value) for c in cands)
    contributed, received = money(project, covered, sc)
    metro_zh, metro_en, core = geography.metro_of(r)
    ids = {c.id for c in cands}
    links_in = [lk for lk in project.links if lk.target in ids and lk.source not in ids]
    links_out = [lk for lk in project.links if lk.source in ids and lk.target not in ids]
    inside = [lk for lk in project.links if lk.source in ids and lk.target in ids]
    return RegionProfile(
        code=code,
        name=r.name,
        level=r.level.value,
        parent=r.parent,
        units=units,
        unit=project.planning_unit(code),
        statistics=stat_rows(project, {code}),
        cce=r.cce.value,
        metro_zh=metro_zh,
        metro_en=metro_en,
        core_km=geography.seat_km(r, project.region(core)) if core else float("nan"),
        neighbours=geography.neighbours(project, code),
        candidates=[c.id for c in cands],
        by_status_type=dict(by),
        contributed=contributed,
        received=received,
        parks=park_roles(project, covered, sc, engine) if sc is not None else [],
        uplift=uplift(project, units, sc, engine) if sc is not None else None,
        links_in=links_in,
        links_out=links_out,
        links_inside=inside,
    )
