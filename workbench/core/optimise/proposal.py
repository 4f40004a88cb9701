"""A proposal against the scenario it started from: the diff the dialog shows before anything is
applied, and the two ways to take it (a new scenario, or one undoable edit of the current one),
both through the one command path (``core.edits``)."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

import numpy as np

from workbench.core.allocation_sums import allocation_sums
from workbench.core.edits import Compound, InsertItem, SetAllocation
from workbench.core.enums import Instrument
from workbench.core.model import Project, Scenario
from workbench.core.optimise.spec import Objective

if TYPE_CHECKING:
    import pandas as pd


def as_new_scenario(project: Project, proposal: Scenario, name: str) -> InsertItem:
    """Insert the proposal as scenario ``name``, after the scenario it came from when known."""
    sc = copy.deepcopy(proposal)
    sc.name = name
    edit = InsertItem(("scenarios",), sc)
    edit.text_zh = f"新建优化方案“{name}”"
    edit.text_en = f"New optimised scenario {name!r}"
    return edit


def as_edit(current: Scenario, proposal: Scenario) -> Compound:
    """One undo step setting every cell that differs (cells the proposal drops go to 0)."""
    old = allocation_sums(current).amounts
    new = allocation_sums(proposal).amounts
    edits = [
        SetAllocation(current.name, cid, year, Instrument(inst), new.get(key, 0.0))
        for key in dict.fromkeys([*old, *new])
        for cid, year, inst in [key]
        if not np.isclose(old.get(key, 0.0), new.get(key, 0.0), rtol=0, atol=0)
    ]
    edit = Compound(edits)
    edit.text_zh = f"优化方案“{current.name}”的分配（{len(edits)} 处）"
    edit.text_en = f"Optimise the allocations of {current.name} ({len(edits)} cells)"
    return edit


def by_candidate(project: Project, current: Scenario, proposal: Scenario) -> pd.DataFrame:
    """Per candidate: money now, proposed and the change (whole period, 亿元), changed rows only."""
    import pandas as pd

    def totals(sc: Scenario) -> dict[str, float]:
        out: dict[str, float] = {}
        for (cid, _y, _i), v in allocation_sums(sc).amounts.items():
            out[cid] = out.get(cid, 0.0) + v
        return out

    a, b = totals(current), totals(proposal)
    cands = {c.id: c for c in project.candidates}
    names = {r.code: r.name for r in project.regions}
    rows = []
    for cid in dict.fromkeys([*b, *a]):
        va, vb = a.get(cid, 0.0), b.get(cid, 0.0)
        if abs(vb - va) <= 1e-9:
            continue
        c = cands.get(cid)
        city = project.planning_unit(c.region_code) if c else ""
        rows.append(
            {
                "candidate_id": cid,
                "candidate": c.name if c else cid,
                "status": c.status.value if c else "",
                "region": names.get(city, city),
                "current": va,
                "proposed": vb,
                "difference": vb - va,
            }
        )
    cols = ["candidate_id", "candidate", "status", "region", "current", "proposed", "difference"]
    df = pd.DataFrame(rows, columns=cols)
    return df.sort_values("difference", key=abs, ascending=False, ignore_index=True)


def by_city(
    project: Project, current: Scenario, proposal: Scenario, objective: Objective
) -> pd.DataFrame:
    """Per planning unit: money and the objective's projection, now and proposed (engine)."""
    import pandas as pd

    from workbench.core.projections.engine import ProjectionEngine
    from workbench.core.scoring import weighted_scores

    trial = copy.copy(project)
    a, b = copy.copy(current), copy.copy(proposal)
    a.name, b.name = "\u0000current", "\u0000proposed"
    trial.scenarios = [a, b]
    engine = ProjectionEngine(trial, until=max(max(objective.years), 2030))
    codes = engine.structure.unit_codes
    names = engine.structure.unit_names
    row = {c: i for i, c in enumerate(codes)}
    cands = {c.id: c for c in project.candidates}
    scores = dict(zip(cands, np.nan_to_num(weighted_scores(project)) / 100, strict=True))

    def money(sc: Scenario, weight: bool = False) -> np.ndarray:
        out = np.zeros(len(codes))
        for (cid, _y, _i), v in allocation_sums(sc).amounts.items():
            c = cands.get(cid)
            r = row.get(project.planning_unit(c.region_code), -1) if c else -1
            if r >= 0:
                out[r] += v * (scores[cid] if weight else 1.0)
        return out

    def value(sc: Scenario) -> np.ndarray:
        if objective.key == "score":
            return money(sc, weight=True)
        block = engine.block(sc.name, objective.basis, objective.metric)
        cols = [block.years.index(y) for y in objective.years]
        return block.total()[:, cols].sum(axis=1)

    df = pd.DataFrame(
        {
            "region_code": codes,
            "region": names,
            "money_current": money(a),
            "money_proposed": money(b),
            "objective_current": value(a),
            "objective_proposed": value(b),
        }
    )
    df["money_difference"] = df["money_proposed"] - df["money_current"]
    df["objective_difference"] = df["objective_proposed"] - df["objective_current"]
    moved = (df["money_difference"].abs() > 1e-9) | (df["objective_difference"].abs() > 1e-9)
    return df[moved].sort_values("objective_difference", ascending=False, ignore_index=True)
