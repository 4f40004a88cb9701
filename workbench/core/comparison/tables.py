"""The comparison tables (see the package docstring). Pure pandas over the engine's results."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from workbench.core.allocation_sums import allocation_sums
from workbench.core.model import Project, Scenario

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = [
    "scenario_a",
    "scenario_b",
    "region_code",
    "region",
    "year",
    "metric",
    "basis",
    "component",
    "value_a",
    "value_b",
    "difference",
    "due_to_allocations",
    "due_to_assumptions",
    "unit",
    "summable",
]
KEYS = ["region_code", "region", "year", "metric", "basis", "component"]
SKIPPED_BASES = {"baseline"}  # shares of a baseline: not summable, compared in the window only


class UnknownScenario(KeyError):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.zh = f"项目中没有名为“{name}”的方案"
        self.en = f"no scenario named {name!r}"

    def __str__(self) -> str:
        return f"{self.zh} | {self.en}"


def _scenarios(project: Project, names: Sequence[str]) -> list[Scenario]:
    out = []
    for n in names:
        sc = project.scenario(n)
        if sc is None:
            raise UnknownScenario(n)
        out.append(sc)
    return out


def pairs(names: Sequence[str]) -> list[tuple[str, str]]:
    """Every later scenario against the first."""
    return [(names[0], b) for b in names[1:]]


def _mixed(funds: Scenario, assumes: Scenario, name: str) -> Scenario:
    """``funds``' allocations and parks under ``assumes``' overrides."""
    sc = copy.copy(funds)
    sc.name = name
    sc.assumption_overrides = dict(assumes.assumption_overrides)
    return sc


def _long(table: pd.DataFrame) -> pd.DataFrame:
    """The projection table without the baseline-share basis, plus gross rows."""
    import pandas as pd

    t = table[~table["basis"].isin(SKIPPED_BASES)]
    keys = ["region_code", "region", "year", "metric", "basis"]
    wide = t.pivot_table(index=keys, columns="component", values="value", aggfunc="first")
    gross = (wide["total"] - wide["additionality"]).rename("value").reset_index()
    gross["component"] = "gross"
    meta = t[t["component"] == "total"][[*keys, "unit", "summable"]]
    gross = gross.merge(meta, on=keys, how="left")
    cols = [*KEYS, "value", "unit", "summable"]
    return pd.concat([t[cols], gross[cols]], ignore_index=True)


def compare(project: Project, scenarios: Sequence[str], until: int = 2030) -> pd.DataFrame:
    """The tidy comparison table (package docstring); ``until`` as for projections."""
    import pandas as pd

    from workbench.core.projections.engine import ProjectionEngine

    scs = _scenarios(project, scenarios)
    if len(scs) < 2:
        return pd.DataFrame(columns=COLUMNS)
    by_name = {s.name: s for s in scs}
    trial = copy.copy(project)
    trial.scenarios = list(scs)
    mixes: dict[tuple[str, str], str] = {}
    for a, b in pairs([s.name for s in scs]):
        for f, y in ((b, a), (a, b)):
            name = f"\u0000{f}\u0000{y}"
            mixes[(f, y)] = name
            trial.scenarios.append(_mixed(by_name[f], by_name[y], name))
    engine = ProjectionEngine(trial, until)
    tables: dict[str, pd.DataFrame] = {}

    def values(name: str) -> pd.DataFrame:
        if name not in tables:
            tables[name] = _long(engine.results(name)).set_index(KEYS)
        return tables[name]

    frames = []
    for a, b in pairs([s.name for s in scs]):
        aa, bb = values(a), values(b)
        ba, ab = values(mixes[(b, a)]), values(mixes[(a, b)])
        out = aa[["unit"]].copy()
        out["value_a"] = aa["value"]
        out["value_b"] = bb["value"].reindex(aa.index)
        out["difference"] = out["value_b"] - out["value_a"]
        alloc = 0.5 * ((ba["value"] - aa["value"]) + (bb["value"] - ab["value"]))
        out["due_to_allocations"] = alloc.reindex(aa.index)
        out["due_to_assumptions"] = out["difference"] - out["due_to_allocations"]
        out["summable"] = aa["summable"] & bb["summable"].reindex(aa.index).fillna(False)
        out = out.reset_index()
        out.insert(0, "scenario_b", b)
        out.insert(0, "scenario_a", a)
        frames.append(out[COLUMNS])
    df = pd.concat(frames, ignore_index=True)
    df["summable"] = df["summable"].astype(bool)
    return df


def money_by_city(project: Project, scenarios: Sequence[str]) -> pd.DataFrame:
    """Per scenario pair and planning unit: money invested, benefit and fairness, a/b/difference
    (long: one row per measure of ``projections.FUND_COLUMNS``)."""
    import pandas as pd

    from workbench.core.projections.engine import ProjectionEngine
    from workbench.core.projections.fund import FUND_UNITS

    scs = _scenarios(project, scenarios)
    engine = ProjectionEngine(project)
    views = {s.name: engine.fund_view(s.name).set_index(["region_code", "region"]) for s in scs}
    measures = [m for m in FUND_UNITS if m not in ("contributed", "contribution_ratio")]
    frames = []
    for a, b in pairs([s.name for s in scs]):
        for m in measures:
            va, vb = views[a][m], views[b][m].reindex(views[a].index)
            f = pd.DataFrame({"value_a": va, "value_b": vb}).reset_index()
            f["difference"] = f["value_b"] - f["value_a"]
            f.insert(0, "measure", m)
            f.insert(0, "scenario_b", b)
            f.insert(0, "scenario_a", a)
            f["unit"] = FUND_UNITS[m]
            frames.append(f)
    cols = [
        "scenario_a",
        "scenario_b",
        "measure",
        "region_code",
        "region",
        "value_a",
        "value_b",
        "difference",
        "unit",
    ]
    return pd.concat(frames, ignore_index=True)[cols] if frames else pd.DataFrame(columns=cols)


def breaches(project: Project, scenarios: Sequence[str], lang: str = "zh") -> pd.DataFrame:
    """Validation problems of each scenario (errors and warnings), where and what, in words."""
    import pandas as pd

    from workbench.core.locations import Describer
    from workbench.core.validation import validate

    names = [s.name for s in _scenarios(project, scenarios)]
    said = Describer(project, lang)
    rows = []
    for p in validate(project):
        if len(p.path) > 1 and p.path[0] == "scenarios" and p.path[1] in names:
            rows.append(
                {
                    "scenario": p.path[1],
                    "severity": p.severity.value,
                    "code": p.code,
                    "where": said.describe(p.path),
                    "message": p.message(lang),
                }
            )
    cols = ["scenario", "severity", "code", "where", "message"]
    return pd.DataFrame(rows, columns=cols)


def allocation_differences(project: Project, a: str, b: str) -> pd.DataFrame:
    """Cells (candidate × year × instrument) whose amount differs between two scenarios."""
    import pandas as pd

    sa, sb = _scenarios(project, [a, b])
    ca, cb = allocation_sums(sa).amounts, allocation_sums(sb).amounts
    cands = {c.id: c for c in project.candidates}
    names = {r.code: r.name for r in project.regions}
    units = project.planning_units()
    rows = []
    for key in dict.fromkeys([*ca, *cb]):
        va, vb = ca.get(key, 0.0), cb.get(key, 0.0)
        if np.isclose(va, vb, rtol=0, atol=1e-12):
            continue
        cid, year, inst = key
        c = cands.get(cid)
        city = units.get(c.region_code, c.region_code) if c else ""
        rows.append(
            {
                "candidate_id": cid,
                "candidate": c.name if c else cid,
                "region_code": city,
                "region": names.get(city, city),
                "year": year,
                "instrument": str(inst),
                "amount_a": va,
                "amount_b": vb,
                "difference": vb - va,
            }
        )
    cols = [
        "candidate_id",
        "candidate",
        "region_code",
        "region",
        "year",
        "instrument",
        "amount_a",
        "amount_b",
        "difference",
    ]
    return pd.DataFrame(rows, columns=cols)
