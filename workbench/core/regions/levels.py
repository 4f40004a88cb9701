"""Which level each province plans at, and how results at that level roll up.

Sichuan plans by prefecture (the default, files before ``Project.planning_levels``) or by county;
Chongqing's districts and counties act as cities already, so Chongqing has one level. At county
level a Sichuan prefecture stays a planning unit of its own for what is booked to the city as a
whole (its fund contribution, a park partner); its economy is counted in its counties (the
baseline does not count the prefecture's own figure again, see ``core.baseline.unit_series``).

Rolling up is a plain sum over summable rows (``summable`` column of the projection table), so a
county-level result summed to prefectures, and prefectures summed to the circle, agree exactly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.core.edits import Compound, Edit, SetValue
from workbench.core.enums import Level
from workbench.core.model import Adjacency, Project

if TYPE_CHECKING:
    import pandas as pd

SICHUAN, CHONGQING = "510000", "500000"
# province -> the levels a project may choose there, the first being the default
CHOICES: dict[str, tuple[Level, ...]] = {
    SICHUAN: (Level.PREFECTURE, Level.COUNTY),
    CHONGQING: (Level.COUNTY,),
}
CIRCLE = "circle"


def level_of(project: Project, province: str) -> Level:
    """The planning level chosen for ``province`` (its default when none is stored)."""
    choices = CHOICES.get(province, (Level.PREFECTURE,))
    chosen = project.planning_levels.get(province)
    return Level(chosen) if chosen in choices else choices[0]


def prefecture_of(project: Project) -> dict[str, str]:
    """Region code -> the prefecture-level unit it rolls up to: a Sichuan county to its
    prefecture, a Chongqing district or county to itself (it acts as a city)."""
    out = {}
    for r in project.regions:
        if r.level is Level.COUNTY and not r.code.startswith("50"):
            out[r.code] = r.parent
        else:
            out[r.code] = r.code
    return out


def roll_up(project: Project, table: pd.DataFrame, to: str = "prefecture") -> pd.DataFrame:
    """Sum a projection table's rows to prefectures (``to="prefecture"``) or to one circle row
    (``to="circle"``). A group holding any row that must never be added (a share, a park's GDP
    "counted in full by both"; ``vocabulary.summable``) keeps ``summable`` False and a NaN value:
    a partial sum would read as the total, and rolling a roll-up up again stays exact."""
    import pandas as pd

    if table.empty:
        return table.copy()
    rows = table.copy()
    names = {r.code: r.name for r in project.regions}
    if to == CIRCLE:
        rows["region_code"] = CIRCLE
        rows["region"] = "成渝地区双城经济圈"
    else:
        up = prefecture_of(project)
        rows["region_code"] = rows["region_code"].map(lambda c: up.get(c, c))
        rows["region"] = rows["region_code"].map(lambda c: names.get(c, c))
    keys = [c for c in table.columns if c not in ("value", "summable")]
    rows["summable"] = rows["summable"].astype(bool)
    out = rows.groupby(keys, sort=False, dropna=False, as_index=False).agg(
        value=("value", "sum"), summable=("summable", "all")
    )
    out.loc[~out["summable"], "value"] = float("nan")
    return pd.DataFrame(out, columns=list(table.columns)).reset_index(drop=True)


def roll_up_fund(project: Project, fund: pd.DataFrame) -> pd.DataFrame:
    """Contributed and invested money of a fund view summed to prefectures (the additive
    columns only; ratios are recomputed from the sums by whoever shows them)."""
    up = prefecture_of(project)
    f = fund.copy()
    f["region_code"] = f["region_code"].map(lambda c: up.get(c, c))
    cols = ["contributed", "invested", "benefit_gdp", "benefit_tax", "benefit_jobs"]
    return f.groupby("region_code", sort=True)[cols].sum()


def has_county_borders(project: Project, province: str) -> bool:
    """Whether the project's border list reaches the counties of ``province`` (the spillover
    network needs them once those counties are units)."""
    by = {r.code: r for r in project.regions}
    prefix = province[:2]
    for a in project.adjacency:
        for code in (a.code_a, a.code_b):
            r = by.get(code)
            if r is not None and r.level is Level.COUNTY and code.startswith(prefix):
                return True
    return False


def set_levels_edit(
    project: Project, levels: dict[str, Level], county_borders: list[Adjacency] | None = None
) -> Edit:
    """One undoable edit choosing the planning levels. When Sichuan goes to county level and the
    project's border list has only prefecture pairs, ``county_borders`` (the gazetteer's county
    adjacency) replaces it, since the network spillover runs between units that share a border."""
    stored = {p: Level(lv) for p, lv in levels.items() if Level(lv) != CHOICES[p][0]}
    edits: list[Edit] = [SetValue(("planning_levels",), stored)]
    county = [p for p, lv in stored.items() if lv is Level.COUNTY]
    if county_borders and any(not has_county_borders(project, p) for p in county):
        edits.append(SetValue(("adjacency",), list(county_borders)))
    edit = Compound(edits)
    sc = stored.get(SICHUAN, Level.PREFECTURE)
    edit.text_zh = f"规划层级：四川按{'县（区、市）' if sc is Level.COUNTY else '地级市'}"
    edit.text_en = f"Planning level: Sichuan by {'county' if sc is Level.COUNTY else 'prefecture'}"
    return edit
