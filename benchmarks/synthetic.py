"""A large synthetic project for benchmarks: the size a busy planning office could reach.

5,000 candidates over every county-level unit of Sichuan and Chongqing, 20,000 chain links,
100 park arrangements and allocations over the 5 plan years, on the real gazetteer (regions,
adjacency, seats). Everything else is random but deterministic for a seed. Not a sample:
nothing here is meant to look like a real plan.

    from benchmarks.synthetic import build_large_project
    project = build_large_project(seed=0)
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbench.core.assumptions import SECTOR_DEFAULTS, default_assumptions
from workbench.core.enums import (
    ChainKind,
    Coverage,
    GdpRule,
    Instrument,
    Level,
    ParkModel,
    Status,
    UnitType,
)
from workbench.core.gazetteer import default_gazetteer
from workbench.core.model import (
    PLAN_YEARS,
    Allocation,
    Candidate,
    ChainLink,
    CommitteeRules,
    Contribution,
    FixedReturn,
    Fund,
    ParkArrangement,
    Project,
    Scenario,
    Tranche,
)
from workbench.core.sharing.model import Agreement

N_CANDIDATES = 5000
N_LINKS = 20000
N_PARKS = 100
MAX_OUT_STRENGTH = 0.6  # cap on a candidate's total outgoing link strength, keeps ρ(S) < 1


def build_large_project(seed: int = 0) -> Project:
    rng = np.random.default_rng(seed)
    g = default_gazetteer()
    regions = g.project_regions()
    counties = [r.code for r in regions if r.level is Level.COUNTY]
    project = Project(
        name=f"合成大项目（基准测试用，seed={seed}）",
        regions=regions,
        adjacency=g.adjacency("county"),
        sectors=list(SECTOR_DEFAULTS),
        assumptions=default_assumptions(),
        illustrative_note="合成数据，仅用于性能测试 / synthetic, for benchmarks only",
    )
    units = project.planning_units()
    planning = sorted({units[c] for c in counties})
    sectors = list(SECTOR_DEFAULTS)
    types = list(UnitType)
    region_of = rng.choice(counties, N_CANDIDATES)
    sector_of = rng.integers(0, len(sectors), N_CANDIDATES)
    type_of = rng.integers(0, len(types), N_CANDIDATES)
    output = rng.uniform(0.1, 30.0, N_CANDIDATES).round(2)
    project.candidates = [
        Candidate(
            id=f"SC-{i:05d}",
            name=f"合成候选 {i}",
            unit_type=types[type_of[i]],
            region_code=str(region_of[i]),
            sector=sectors[sector_of[i]],
            baseline_output=float(output[i]),
            baseline_jobs=float(round(output[i] * 80)),
            baseline_tax=float(round(output[i] * 0.07, 3)),
            requested_funding=float(round(output[i] * 0.1, 2)),
            status=Status.APPROVED,
            illustrative=True,
        )
        for i in range(N_CANDIDATES)
    ]
    # Links: mostly within a sector (supply and value chains), some across (innovation).
    src = rng.integers(0, N_CANDIDATES, N_LINKS)
    same = rng.random(N_LINKS) < 0.7
    by_sector = [np.flatnonzero(sector_of == k) for k in range(len(sectors))]
    tgt = rng.integers(0, N_CANDIDATES, N_LINKS)
    for k, members in enumerate(by_sector):
        pick = same & (sector_of[src] == k)
        tgt[pick] = rng.choice(members, pick.sum())
    tgt = np.where(tgt == src, (tgt + 1) % N_CANDIDATES, tgt)
    strength = rng.uniform(0.02, 0.25, N_LINKS)
    out_sum = np.bincount(src, weights=strength, minlength=N_CANDIDATES)
    scale = np.where(out_sum > MAX_OUT_STRENGTH, MAX_OUT_STRENGTH / np.maximum(out_sum, 1e-12), 1.0)
    strength = np.floor(strength * scale[src] * 1000) / 1000
    kinds = list(ChainKind)
    project.links = [
        ChainLink(
            f"SL-{j:05d}",
            f"SC-{src[j]:05d}",
            f"SC-{tgt[j]:05d}",
            kinds[0 if same[j] else 2] if j % 3 else kinds[1],
            float(strength[j]),
        )
        for j in range(N_LINKS)
    ]
    contrib = {code: float(rng.choice([2.0, 3.0, 5.0, 8.0])) for code in planning}
    size = sum(contrib.values())
    project.fund = Fund(
        name="合成基金",
        size=size,
        contributions=[Contribution(c, a) for c, a in contrib.items()],
        rules=CommitteeRules(
            max_project_share=1.0,
            tranche_gate=60.0,
            tranches=[Tranche(y, size / len(PLAN_YEARS)) for y in PLAN_YEARS],
        ),
        leverage=1.5,
    )
    rules = list(GdpRule)
    models = list(ParkModel)
    for p in range(N_PARKS):
        host, partner = rng.choice(counties, 2, replace=False)
        partner_unit = units[str(partner)]
        rule = rules[p % 3]
        ratio = float(rng.choice([40.0, 50.0, 60.0]))
        project.parks.append(
            ParkArrangement(
                id=f"SP-{p:03d}",
                name=f"合成园区 {p}",
                model=models[p % 3],
                host=str(host),
                partners=[partner_unit],
                area_km2=float(rng.uniform(2, 30)),
                sector=sectors[p % len(sectors)],
                investment={y: round(float(rng.uniform(0.5, 8.0)), 2) for y in PLAN_YEARS},
                equity={str(host): 50.0, partner_unit: 50.0},
                fixed_return=FixedReturn(5.0, 3) if p % 2 else None,
                illustrative=True,
            )
        )
        project.agreements.append(
            Agreement(
                id=f"AG-SP-{p:03d}",
                name=f"合成园区 {p} 利益分享",
                coverage=Coverage.PARK,
                parties=[str(host), partner_unit],
                park_id=f"SP-{p:03d}",
                gdp_rule=rule,
                gdp_split={str(host): ratio, partner_unit: 100 - ratio}
                if rule is GdpRule.SPLIT
                else {},
                existing_tax_base=round(float(rng.uniform(0, 1)), 2),
                tax_split={y: {str(host): ratio, partner_unit: 100 - ratio} for y in PLAN_YEARS},
                illustrative=True,
            )
        )
    # Allocations: 2,500 funded candidates, each over 1–3 consecutive years.
    funded = rng.choice(N_CANDIDATES, 2500, replace=False)
    instruments = list(Instrument)
    allocs = []
    per = size * 0.9 / 2500
    for i in funded:
        n_years = int(rng.integers(1, 4))
        start = int(rng.integers(0, len(PLAN_YEARS) - n_years + 1))
        inst = instruments[type_of[i] % len(instruments)]
        for y in PLAN_YEARS[start : start + n_years]:
            allocs.append(Allocation(f"SC-{i:05d}", y, round(per / n_years, 4), inst))
    project.scenarios = [
        Scenario("合成方案A", "synthetic", allocs, [p.id for p in project.parks]),
        Scenario(
            "合成方案B",
            "synthetic, half the parks",
            allocs[: len(allocs) // 2],
            [p.id for p in project.parks[::2]],
            {"network.spillover_share": 15.0},
        ),
    ]
    return project


if __name__ == "__main__":
    import time

    t = time.perf_counter()
    p = build_large_project()
    print(
        f"built in {time.perf_counter() - t:.2f} s: {len(p.candidates)} candidates, {len(p.links)} links, "
        f"{len(p.parks)} parks, {len(p.scenarios[0].allocations)} allocations, "
        f"{len({r.code for r in p.regions if r.level is Level.COUNTY})} county-level units"
    )
