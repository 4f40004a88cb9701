"""Regions: planning levels and exact roll-ups, region money = fund view, structure indicators on
hand cases, statistics with provenance and their undoable corrections."""

from __future__ import annotations

import copy
import math

import numpy as np
import pandas as pd
import pytest

from workbench.core.addresses import StatisticField
from workbench.core.baseline import unit_series
from workbench.core.enums import Level, Status
from workbench.core.model import Candidate, ChainLink, Project, Region, StatValue
from workbench.core.projections import ProjectionEngine
from workbench.core.regions import centrality, compare_regions, region_profile, similarity
from workbench.core.regions.compare import qianyi_year
from workbench.core.regions.indicators import brandes, cosine, krugman
from workbench.core.regions.levels import level_of, roll_up, roll_up_fund, set_levels_edit
from workbench.core.regions.stats import (
    correct_edit,
    delete_edit,
    import_history,
    prefer_edit,
    stat_rows,
)
from workbench.core.stats_merge import plan_merge

SC = "510000"
KEYS = ["scenario", "region_code", "year", "metric", "component", "basis"]


def _county(project: Project) -> Project:
    set_levels_edit(project, {SC: Level.COUNTY}).apply(project)
    return project


def test_default_level_is_todays_behaviour(sample_project):
    p = sample_project
    assert p.planning_levels == {}
    assert level_of(p, SC) is Level.PREFECTURE and level_of(p, "500000") is Level.COUNTY
    assert p.planning_unit("510112") == "510100"  # 龙泉驿 folds into 成都
    assert p.planning_unit("500112") == "500112"


def test_county_level_makes_sichuan_counties_units_and_undoes(sample_project):
    p = sample_project
    before = p.planning_unit_codes()
    inverse, _ = set_levels_edit(p, {SC: Level.COUNTY}).apply(p)
    assert p.planning_unit("510112") == "510112"
    assert "510112" in p.planning_unit_codes() and "510100" in p.planning_unit_codes()
    # the prefecture's economy is its counties': no baseline of its own at county level
    assert unit_series(p, "gdp")["510100"] == {}
    inverse.apply(p)
    assert p.planning_unit_codes() == before


def _merged(a: pd.DataFrame, b: pd.DataFrame) -> pd.DataFrame:
    m = a.merge(b, on=KEYS, how="outer", suffixes=("_a", "_b"), indicator=True)
    assert (m["_merge"] == "both").all()
    assert (m["summable_a"] == m["summable_b"]).all()
    return m[m["summable_a"]]


def test_county_results_roll_up_exactly_to_prefectures_and_circle(sample_project):
    pref = sample_project
    county = _county(copy.deepcopy(pref))
    sc = pref.scenarios[0].name
    a, b = ProjectionEngine(pref).results(sc), ProjectionEngine(county).results(sc)
    assert b["region_code"].nunique() > a["region_code"].nunique()
    ra, rb = roll_up(pref, a), roll_up(county, b)
    m = _merged(ra, rb)
    # Direct effects and park shares do not depend on the level: equal to the last digit.
    same = m[m["component"].isin(["direct", "park_share"])]
    assert np.allclose(same["value_a"], same["value_b"], rtol=0, atol=1e-9)
    # prefectures → circle equals counties → circle
    c1 = roll_up(county, rb, "circle")
    c2 = roll_up(county, b, "circle")
    m = _merged(c1, c2)
    assert np.allclose(m["value_a"], m["value_b"], rtol=1e-12, atol=1e-9)
    # and the circle is the sum of every summable row
    s = b[b["summable"] & (b["component"] == "total") & (b["metric"] == "gdp")]
    s = s[s["basis"] == "location"]["value"].sum()
    c = c2[(c2["component"] == "total") & (c2["metric"] == "gdp") & (c2["basis"] == "location")]
    assert c["value"].sum() == pytest.approx(s, abs=1e-9)


def test_without_links_every_component_rolls_up_to_the_prefecture_run(sample_project):
    """A chain link inside a prefecture crosses counties at county level, so chain and own-region
    effects differ by design; without links the two levels agree on every row."""
    pref = sample_project
    pref.links = []
    for s in pref.scenarios:
        s.assumption_overrides["network.spillover_share"] = 0.0
    county = _county(copy.deepcopy(pref))
    sc = pref.scenarios[0].name
    ra = roll_up(pref, ProjectionEngine(pref).results(sc))
    rb = roll_up(county, ProjectionEngine(county).results(sc))
    m = _merged(ra, rb)
    assert np.allclose(m["value_a"], m["value_b"], rtol=1e-12, atol=1e-9)
    fa = roll_up_fund(pref, ProjectionEngine(pref).fund_view(sc))
    fb = roll_up_fund(county, ProjectionEngine(county).fund_view(sc))
    assert fa["contributed"].to_dict() == pytest.approx(fb["contributed"].to_dict())


@pytest.mark.parametrize("level", [Level.PREFECTURE, Level.COUNTY])
def test_region_money_equals_the_fund_view(sample_project, level):
    p = sample_project
    p.planning_levels = {SC: level}
    sc = p.scenarios[0].name
    engine = ProjectionEngine(p)
    fund = engine.fund_view(sc).set_index("region_code")
    for code in fund.index:
        prof = region_profile(p, code, sc, engine)
        assert prof.contributed == pytest.approx(fund.loc[code, "contributed"], abs=1e-9)
        if not (level is Level.COUNTY and p.region(code).level is Level.PREFECTURE):
            assert prof.received == pytest.approx(fund.loc[code, "invested"], abs=1e-9)
    # a prefecture at county level receives what its counties receive
    if level is Level.COUNTY:
        prof = region_profile(p, "510100", sc, engine)
        kids = [u for u in prof.units if u != "510100"]
        got = sum(region_profile(p, k, sc, engine).received for k in kids)
        assert prof.received == pytest.approx(got)
        assert len(prof.units) > 1 and prof.uplift is not None


def test_profile_of_a_county_inside_a_prefecture_unit_says_so(sample_project):
    prof = region_profile(sample_project, "510112")
    assert prof.units == [] and prof.unit == "510100" and prof.uplift is None
    assert prof.metro_zh.startswith("成都都市圈") and 0 < prof.core_km < 40
    assert prof.neighbours and all(n.shared_border_km > 0 for n in prof.neighbours)


def test_similarity_hand_case():
    a, b = [0.5, 0.5, 0.0], [0.5, 0.0, 0.5]
    assert krugman(a, b) == pytest.approx(1.0)
    assert cosine(a, b) == pytest.approx(0.5)
    assert cosine(a, a) == pytest.approx(1.0) and krugman(a, a) == 0
    p = Project(
        regions=[
            Region("510100", "A", Level.PREFECTURE),
            Region("510300", "B", Level.PREFECTURE),
            Region("510400", "C", Level.PREFECTURE),
        ]
    )
    for code, (x, y, z) in zip(
        ["510100", "510300", "510400"], [(1, 4, 5), (2, 8, 10), (8, 1, 1)], strict=True
    ):
        p.region(code).statistics = [
            StatValue(k, 2023, v, "亿元")
            for k, v in zip(
                ("gdp_primary", "gdp_secondary", "gdp_tertiary"), (x, y, z), strict=True
            )
        ]
    s = similarity(p)
    assert s.basis == "statistics"
    assert s.cosine.loc["510100", "510300"] == pytest.approx(1.0)  # same shares, twice the size
    assert s.krugman.loc["510100", "510400"] == pytest.approx(abs(0.1 - 0.8) + 0.3 + 0.4)
    assert [(x, y) for x, y, _ in s.flagged] == [("510100", "510300")]


def test_similarity_falls_back_to_candidates_and_says_so(sample_project):
    s = similarity(sample_project)
    assert s.basis == "candidates" and "候选" in s.reading_zh
    assert np.allclose(s.shares.sum(axis=1), 1.0)


def test_brandes_on_hand_graphs():
    # path a–b–c–d: b and c lie on 2 shortest paths each
    assert brandes(list("abcd"), [("a", "b"), ("b", "c"), ("c", "d")]) == {
        "a": 0,
        "b": 2,
        "c": 2,
        "d": 0,
    }
    # a star: the hub lies on every pair of leaves, C(4, 2) = 6
    star = brandes(list("hwxyz"), [("h", x) for x in "wxyz"])
    assert star["h"] == 6 and star["w"] == 0
    # a 4-cycle: two shortest paths between opposite corners, each middle gets 1/2
    assert brandes(list("abcd"), [("a", "b"), ("b", "c"), ("c", "d"), ("d", "a")])["a"] == 0.5


def test_brandes_matches_networkx_on_a_random_graph():
    nx = pytest.importorskip("networkx")
    g = nx.gnp_random_graph(25, 0.15, seed=3)
    ours = brandes([str(n) for n in g.nodes], [(str(a), str(b)) for a, b in g.edges])
    theirs = nx.betweenness_centrality(g, normalized=False)
    assert all(ours[str(n)] == pytest.approx(v) for n, v in theirs.items())


def test_centrality_names_a_hub():
    p = Project(
        regions=[Region(c, c, Level.COUNTY) for c in ("500101", "500102", "500103", "500104")]
    )
    p.candidates = [
        Candidate(f"C{i}", f"c{i}", "park", c, "汽车")
        for i, c in enumerate(["500101", "500102", "500103", "500104", "500101"])
    ]
    p.links = [
        ChainLink(f"L{i}", "C0", t, "supply", 0.1) for i, t in enumerate(["C1", "C2", "C3", "C4"])
    ]
    c = centrality(p)
    t = c.table
    assert t.loc["500101", "degree"] == 3 and t.loc["500101", "internal"] == 1
    assert t.loc["500101", "betweenness"] == pytest.approx(1.0)  # normalised: the only bridge
    assert c.centres_for_half == 1 and "枢纽" in c.reading_zh
    p.candidates[4].status = Status.REJECTED
    assert centrality(p).table.loc["500101", "internal"] == 0


def test_qianyi_year():
    assert qianyi_year(1200, 2022, 5) == 2022
    assert math.isnan(qianyi_year(900, 2022, 0))  # no growth: never without the plan
    assert qianyi_year(900, 2022, 0, {2026: 50.0, 2030: 100.0}) == 2030  # 900 + 100
    assert qianyi_year(900, 2022, 0, {2026: 120.0}) == 2026  # held after its last year
    assert math.isnan(qianyi_year(100, 2022, 0))
    assert qianyi_year(500, 2020, 10) == 2028  # 500 × 1.1^8 = 1071.8, × 1.1^7 = 974.4


def test_compare_regions_ranks_and_marks_qianyi(sample_project):
    df = compare_regions(sample_project)
    ranked = df.dropna(subset=["gdp"])
    assert list(ranked["gdp"]) == sorted(ranked["gdp"], reverse=True)
    assert (ranked["qianyi"] == (ranked["gdp"] >= 1000)).all()
    yb = df.set_index("region_code")
    assert not math.isnan(yb.loc["500112", "uplift"])  # a Chongqing district is a unit
    assert math.isnan(yb.loc["510112", "uplift"])  # a county folded into 成都
    members = compare_regions(sample_project, members=["500112", "500103"])
    assert list(members["region_code"]) == ["500112", "500103"]


def _with_conflict(p: Project) -> Project:
    r = p.region("500112")
    r.statistics = [
        StatValue(
            "gdp",
            2022,
            2297.0,
            "亿元",
            "f.xlsx · 表1 · C5",
            "2023年鉴",
            "f.xlsx",
            "表1",
            "C5",
            "2024-05-01",
        ),
        StatValue("gdp", 2022, 2290.0, "亿元", "快报", "初步核算"),
    ]
    return p


def test_statistics_rows_carry_provenance_and_conflicts(sample_project):
    p = _with_conflict(sample_project)
    rows = stat_rows(p, {"500112"})
    assert [r.provenance for r in rows] == ["f.xlsx · 表1 · C5 (2024-05-01)", "快报"]
    assert all(r.conflict for r in rows)
    assert [r.used for r in rows] == [True, False]  # revised beats preliminary
    hist = import_history(p)
    assert hist[0].file == "f.xlsx" and hist[0].values == 1


def test_prefer_delete_correct_are_undoable(sample_project):
    p = _with_conflict(sample_project)
    pre = StatisticField("500112", "gdp", 2022, "初步核算")
    inv, ch = prefer_edit(p, pre).apply(p)
    assert [r.used for r in stat_rows(p, {"500112"})] == [False, True]
    assert unit_series(p, "gdp")["500112"][2022] == 2290.0
    assert StatisticField("500112", "gdp", 2022, "初步核算", "preferred").path in ch.paths
    assert StatisticField.of(ch.paths[0]).field == "preferred"
    inv.apply(p)
    assert unit_series(p, "gdp")["500112"][2022] == 2297.0
    inv, _ = correct_edit(pre, 2291.5).apply(p)
    assert p.region("500112").statistics[1].value == 2291.5
    inv.apply(p)
    inv, _ = delete_edit(pre).apply(p)
    assert len(p.region("500112").statistics) == 1
    inv.apply(p)
    assert [s.vintage for s in p.region("500112").statistics] == ["2023年鉴", "初步核算"]


def test_merged_imports_keep_file_sheet_cell(sample_project):
    tidy = pd.DataFrame(
        [
            {
                "region_code": "500112",
                "region": "渝北区",
                "indicator": "gdp",
                "year": 2030,
                "value": 3000.0,
                "unit": "亿元",
                "source_file": "x.xlsx",
                "sheet": "S",
                "cell": "B7",
            }
        ]
    )
    plan = plan_merge(sample_project, tidy, vintage="测试")
    plan.to_edit().apply(sample_project)
    s = next(v for v in sample_project.region("500112").statistics if v.year == 2030)
    assert (s.file, s.sheet, s.cell) == ("x.xlsx", "S", "B7") and s.imported


def test_a_level_change_rebuilds_the_engine_and_every_view(sample_project):
    p = sample_project
    engine = ProjectionEngine(p)
    sc = p.scenarios[0].name
    assert "510112" not in set(engine.results(sc)["region_code"])
    _, changes = set_levels_edit(p, {SC: Level.COUNTY}).apply(p)
    assert changes.touches("fund", "allocations")  # a project-wide notice
    engine.apply(changes)
    assert "510112" in set(engine.results(sc)["region_code"])
