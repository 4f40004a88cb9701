"""The projection engine on hand-computed cases, a textbook input–output example and the sample.

Each test states the behaviour a planner relies on: components add up to what is shown, nothing
appears from no money, more money never shows less effect, ramp-up, tranche gate and fixed-return
schedules come out as computed by hand, and a live update equals a fresh computation.
"""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.core.assumptions import default_assumptions
from workbench.core.edits import InsertItem, RemoveItem, SetAllocation, SetValue
from workbench.core.enums import (
    ChainKind,
    Coverage,
    GdpRule,
    Instrument,
    Level,
    ParkModel,
    UnitType,
)
from workbench.core.model import (
    Allocation,
    Candidate,
    ChainLink,
    CommitteeRules,
    Contribution,
    FixedReturn,
    Fund,
    MrioTable,
    ParkArrangement,
    Project,
    Region,
    Scenario,
    Tranche,
)
from workbench.core.projections import (
    COLUMNS,
    ProjectionEngine,
    deployment,
    fund_view,
    park_cashflows,
    project_effects,
)
from workbench.core.projections.spillover import leontief_inverse, spectral_radius
from workbench.core.sharing.model import Agreement
from workbench.core.validation import validate

GROUP = ["scenario", "region_code", "year", "metric", "basis"]
A, B, C = "510100", "510600", "510700"  # 成都, 德阳, 绵阳 (real codes; everything else invented)


def tiny_project(**overrides: float) -> Project:
    """Three prefectures, one candidate in each, no links, no adjacency; parameters made simple."""
    regions = [
        Region("510000", "四川省", Level.PROVINCE),
        Region(A, "成都市", Level.PREFECTURE, "510000", lon=104.07, lat=30.66),
        Region(B, "德阳市", Level.PREFECTURE, "510000", lon=104.40, lat=31.13),
        Region(C, "绵阳市", Level.PREFECTURE, "510000", lon=104.68, lat=31.47),
    ]
    assumptions = default_assumptions()
    for key, value in overrides.items():
        assumptions[key.replace("__", ".")].value = value
    return Project(
        name="tiny",
        regions=regions,
        candidates=[
            Candidate("MC-A", "甲", UnitType.PARK, A, "装备制造"),
            Candidate("MC-B", "乙", UnitType.TEAM, B, "电子信息"),
            Candidate("MC-C", "丙", UnitType.STREET, C, "现代服务业"),
        ],
        fund=Fund(
            size=30.0, contributions=[Contribution(A, 20.0), Contribution(B, 10.0)], leverage=1.5
        ),
        scenarios=[Scenario("S", allocations=[])],
        assumptions=assumptions,
    )


def values(df: pd.DataFrame, **where: object) -> pd.Series:
    mask = np.ones(len(df), dtype=bool)
    for k, v in where.items():
        mask &= (df[k] == v).to_numpy()
    return df[mask].set_index("year")["value"]


# ----------------------------------------------------------------------------- table shape
def test_table_has_the_agreed_columns_and_units(sample_project):
    df = project_effects(sample_project)
    assert list(df.columns) == COLUMNS
    ratios = {"gdp_pct_baseline", "revenue_pct_baseline"}
    assert set(df["metric"]) == {"output", "gdp", "tax", "jobs"} | ratios
    assert set(df["component"]) == {
        "direct",
        "chain_spillover",
        "indirect",
        "network_spillover",
        "park_share",
        "additionality",
        "total",
    }
    assert set(df["basis"]) == {"location", "statistical", "fiscal", "fiscal_province", "baseline"}
    assert set(df.loc[df.metric == "jobs", "unit"]) == {"人"}
    assert set(df.loc[df.metric.isin(ratios), "unit"]) == {"%"}
    assert set(df.loc[~df.metric.isin(ratios | {"jobs"}), "unit"]) == {"亿元"}
    assert not df.loc[df.metric.isin(ratios), "summable"].any()
    units = {r.code for r in sample_project.regions if r.level is not Level.PROVINCE}
    assert set(df["region_code"]) == {sample_project.planning_unit(c) for c in units}
    assert "510000" not in set(df["region_code"])  # provinces are not planning units
    assert set(df["year"]) == {2026, 2027, 2028, 2029, 2030}
    assert np.isfinite(df.loc[~df.metric.isin(ratios), "value"]).all()


def test_components_sum_exactly_to_each_total(sample_project):
    df = project_effects(sample_project)
    df = df[df.basis != "baseline"]  # ratios: NaN where a unit has no statistics
    parts = df[df.component != "total"].groupby(GROUP)["value"].sum()
    total = df[df.component == "total"].set_index(GROUP)["value"]
    assert len(total) == len(parts) and total.index.is_unique
    assert np.allclose(parts.reindex(total.index), total, rtol=1e-12, atol=1e-12)
    assert df["value"].abs().sum() > 0


def test_spillover_only_moves_effects_outward_and_adds_to_direct(sample_project):
    df = project_effects(sample_project, "基准方案")
    loc = df[(df.basis == "location") & (df.metric == "output")]
    by = loc.groupby("component")["value"].sum()
    assert by["direct"] > 0 and by["chain_spillover"] > 0 and by["network_spillover"] > 0
    assert by["indirect"] > 0
    gross = loc[loc.component != "additionality"]
    assert (gross["value"] >= -1e-12).all()
    assert (loc[loc.component == "additionality"]["value"] <= 1e-12).all()


# ----------------------------------------------------------------------------- zero and monotone
def test_zero_allocation_and_no_parks_gives_zero_effect(sample_project):
    for sc in sample_project.scenarios:
        sc.allocations = [
            Allocation(a.candidate_id, a.year, 0.0, a.instrument) for a in sc.allocations
        ]
        sc.park_ids = []
    df = project_effects(sample_project)
    assert len(df) > 0 and (df[df.basis != "baseline"]["value"] == 0).all()
    assert (df[df.basis == "baseline"]["value"].fillna(0) == 0).all()
    view = fund_view(sample_project, "基准方案")
    assert (view["invested"] == 0).all() and view["fairness_ratio"].isna().all()


_MONO = tiny_project()
_MONO.links = [
    ChainLink("L1", "MC-A", "MC-B", ChainKind.SUPPLY, 0.3),
    ChainLink("L2", "MC-B", "MC-C", ChainKind.VALUE, 0.2),
]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    base=st.lists(st.floats(0, 10, allow_nan=False), min_size=3, max_size=3),
    extra=st.floats(0.001, 10, allow_nan=False),
    who=st.integers(0, 2),
    year=st.sampled_from([2026, 2027, 2028, 2029, 2030]),
    inst=st.sampled_from(list(Instrument)),
)
def test_more_money_never_shows_less_effect(base, extra, who, year, inst):
    project = copy.deepcopy(_MONO)
    ids = ["MC-A", "MC-B", "MC-C"]
    project.scenarios[0].allocations = [
        Allocation(c, 2027, x, Instrument.EQUITY) for c, x in zip(ids, base, strict=True)
    ]
    # To 2035 so that money in 2030 shows after its lag.
    before = _gross_net_direct(project_effects(project, "S", until=2035))
    project.scenarios[0].allocations.append(Allocation(ids[who], year, extra, inst))
    after = _gross_net_direct(project_effects(project, "S", until=2035))
    # Net and gross totals never fall; a funded chain target may absorb the extra output of its
    # own money into demand it already met (the funded-target rule), so only direct must rise.
    for k in ("net", "gross"):
        assert (after[k] >= before[k] - 1e-9).all()
    assert (after["direct"] >= before["direct"] - 1e-12).all()
    assert after["direct"].sum() > before["direct"].sum()


def _gross_net_direct(df: pd.DataFrame) -> dict[str, np.ndarray]:
    df = df[df.basis != "baseline"]
    net = df[df.component == "total"]["value"].to_numpy()
    adj = df[df.component == "additionality"]["value"].to_numpy()
    return {
        "net": net,
        "gross": net - adj,
        "direct": df[df.component == "direct"]["value"].to_numpy(),
    }


# ----------------------------------------------------------------------------- hand-computed cases
def test_lag_ramp_and_write_off_by_hand():
    # 10 亿元 equity in 2027; leverage 1.5 fully applies: 25 亿元 invested × 0.8 = 20 亿元/yr at full
    # effect. Equity: lag 1, ramp 3 years (linear, yearly averages 0, 1/6, 1/2, 5/6, 1), 5 % of
    # investees written off per year (survival 0.95^k): 0, 0, 20·(1/6)·0.95, 20·(1/2)·0.95², …
    p = tiny_project(network__spillover_share=0.0)
    p.scenarios[0].allocations = [Allocation("MC-A", 2027, 10.0, Instrument.EQUITY)]
    df = project_effects(p, "S")
    out = values(df, region_code=A, metric="output", basis="location", component="direct")
    expected = {
        2026: 0.0,
        2027: 0.0,
        2028: 20 / 6 * 0.95,
        2029: 10 * 0.95**2,
        2030: 20 * 5 / 6 * 0.95**3,
    }
    assert out.to_dict() == pytest.approx(expected)
    # Own-region suppliers: type-I multiplier 1.3 → indirect = 0.3 × direct (no links, no network).
    ind = values(df, region_code=A, metric="output", basis="location", component="indirect")
    assert ind[2030] == pytest.approx(0.3 * expected[2030])
    # Net = gross × (1 − leakage)(1 − displacement)(1 − crowding out)(1 − deadweight).
    f = 0.9 * 0.75 * 0.85 * 0.7
    gdp = values(df, region_code=A, metric="gdp", basis="location", component="total")
    gross_gdp = expected[2030] * 1.3 * 0.192  # 装备制造 VA ratio 19.2 % (NBS 2007)
    assert gdp[2030] == pytest.approx(gross_gdp * f)
    jobs = values(df, region_code=A, metric="jobs", basis="location", component="total")
    assert jobs[2030] == pytest.approx(expected[2030] * 1.3 * 55 * f)  # 55 人 per 亿元 output
    # 装备制造 in 四川 qualifies for the 西部大开发 CIT rate: tax = VA × (13 % × 50 % + 15 % × 25 %);
    # the city keeps 70 % of the local share (VAT 50 %, CIT 40 %), the province 30 %.
    tax = values(df, region_code=A, metric="tax", basis="location", component="total")
    assert tax[2030] == pytest.approx(gross_gdp * f * (0.13 * 0.5 + 0.15 * 0.25))
    local = gross_gdp * f * (0.13 * 0.5 * 0.5 + 0.15 * 0.25 * 0.4)
    city = values(df, region_code=A, metric="tax", basis="fiscal", component="total")
    prov = values(df, region_code=A, metric="tax", basis="fiscal_province", component="total")
    assert city[2030] == pytest.approx(0.7 * local) and prov[2030] == pytest.approx(0.3 * local)


def test_a_scenario_override_changes_only_that_scenario():
    p = tiny_project(network__spillover_share=0.0)
    alloc = [Allocation("MC-A", 2027, 10.0, Instrument.EQUITY)]
    fast = {"timing.instrument.equity.lag": 0.0, "timing.instrument.equity.ramp": 0.0}
    p.scenarios = [
        Scenario("S", allocations=alloc),
        Scenario("fast", allocations=alloc, assumption_overrides=fast),
    ]
    df = project_effects(p)

    def get(s: str) -> pd.Series:
        return values(
            df, scenario=s, region_code=A, metric="output", basis="location", component="direct"
        )

    assert get("S")[2027] == pytest.approx(0.0)
    assert get("fast")[2027] == pytest.approx(20.0)


def test_tranche_gate_by_hand():
    p = tiny_project()
    p.fund.size = 30.0
    p.fund.rules = CommitteeRules(
        tranche_gate=60.0, tranches=[Tranche(2026, 10.0), Tranche(2027, 10.0), Tranche(2028, 10.0)]
    )
    p.scenarios[0].allocations = [
        Allocation("MC-A", 2026, 5.0),  # 50 % of tranche 1: gate (60 %) not met, 2027 tranche waits
        Allocation(
            "MC-A", 2027, 2.0
        ),  # cumulative 7 = 70 %: gate met, waiting tranche opens in 2028
        Allocation(
            "MC-B", 2028, 4.0
        ),  # 2028 opens 2027's and 2028's (20); invested in it 11 − 10 = 1 → 5 %
    ]
    d = deployment(p, "S").set_index("year")
    assert d["tranche_opened"].tolist() == [10.0, 0.0, 20.0, 0.0, 0.0]
    assert d["tranche_pending"].tolist() == [0.0, 10.0, 0.0, 0.0, 0.0]
    assert d["available"].tolist() == [10.0, 10.0, 30.0, 30.0, 30.0]
    assert d["cumulative_allocated"].tolist() == [5.0, 7.0, 11.0, 11.0, 11.0]
    assert d["current_tranche_invested_pct"].tolist() == pytest.approx([50.0, 70.0, 5.0, 5.0, 5.0])
    assert d["gate_met"].tolist() == [False, True, False, False, False]
    assert not d["over_available"].any()


def test_fixed_return_then_dividend_by_hand():
    p = tiny_project(timing__park__enclave__lag=0.0, timing__park__enclave__ramp=0.0)
    p.parks = [
        ParkArrangement(
            "P1",
            "园",
            ParkModel.ENCLAVE,
            host=B,
            partners=[A],
            sector="装备制造",
            investment={2026: 10.0, 2027: 10.0},
            equity={A: 60.0, B: 40.0},
            fixed_return=FixedReturn(rate_pct=5.0, years=2),
        )
    ]
    p.scenarios[0].park_ids = ["P1"]
    cf = park_cashflows(p, "S").set_index(["region_code", "year"])
    # Fixed 5 % on paid-in capital (equity share of cumulative investment) in 2026–2027.
    assert cf.loc[(A, 2026), "cash_flow"] == pytest.approx(0.05 * 6.0)
    assert cf.loc[(B, 2027), "cash_flow"] == pytest.approx(0.05 * 8.0)
    assert cf.loc[(A, 2027), "phase"] == "fixed_return"
    # From 2028 the joint company earns land 2 % + rent 4 % + services 1 % of the 20 亿元 it has put
    # in, less 40 % costs; half of that profit is paid out, by equity.
    profit = 20.0 * 0.07 * 0.6
    assert cf.loc[(A, 2028), "phase"] == "dividend"
    assert cf.loc[(A, 2028), "cash_flow"] == pytest.approx(profit * 0.5 * 0.6)
    assert cf.loc[(B, 2030), "cash_flow"] == pytest.approx(profit * 0.5 * 0.4)


# ----------------------------------------------------------------------------- parks and sharing
def _park_project(rule: GdpRule) -> Project:
    p = tiny_project(network__spillover_share=0.0)
    p.parks = [
        ParkArrangement(
            "P1",
            "园",
            ParkModel.CO_BUILT,
            host=B,
            partners=[A],
            sector="汽车",
            investment={2026: 8.0, 2028: 4.0},
        )
    ]
    p.agreements = [
        Agreement(
            "AG-P1",
            "园利益分享",
            Coverage.PARK,
            [B, A],
            park_id="P1",
            gdp_rule=rule,
            gdp_split={A: 60.0, B: 40.0} if rule is GdpRule.SPLIT else {},
            existing_tax_base=2.0,
            tax_split={2026: {A: 30.0, B: 70.0}, 2029: {A: 50.0, B: 50.0}},
        )
    ]
    p.scenarios[0].park_ids = ["P1"]
    p.scenarios[0].allocations = [Allocation("MC-C", 2026, 3.0, Instrument.TECHNOLOGY)]
    return p


def test_split_attribution_sums_to_location_and_fiscal_shares_sum_to_tax_raised():
    df = project_effects(_park_project(GdpRule.SPLIT), "S")
    park = df[df.component == "park_share"]
    for metric in ("output", "gdp"):
        loc = (
            park[(park.basis == "location") & (park.metric == metric)]
            .groupby("year")["value"]
            .sum()
        )
        stat = (
            park[(park.basis == "statistical") & (park.metric == metric)]
            .groupby("year")["value"]
            .sum()
        )
        assert np.allclose(loc, stat) and loc.sum() > 0
        a = values(park, region_code=A, basis="statistical", metric=metric)
        assert np.allclose(a, 0.6 * values(park, region_code=B, basis="location", metric=metric))
    raised = values(park, region_code=B, basis="location", metric="tax")
    fiscal = park[park.basis.isin(["fiscal", "fiscal_province"])]
    local = fiscal.groupby("year")["value"].sum()
    # 汽车 tenants in 四川 pay the 西部大开发 CIT rate (15 %).
    central_share = raised / (0.13 * 0.5 + 0.15 * 0.25) * (0.13 * 0.5 * 0.5 + 0.15 * 0.25 * 0.6)
    assert np.allclose(local + central_share, raised)
    local = park[(park.basis == "fiscal")].groupby("year")["value"].sum()
    # The year's ratio: 30/70 until 2028 (2027–2028 reuse 2026's), 50/50 from 2029.
    a_tax = values(park, region_code=A, basis="fiscal", metric="tax")
    assert a_tax[2028] == pytest.approx(0.3 * local[2028])
    assert a_tax[2030] == pytest.approx(0.5 * local[2030])
    assert df[df.basis != "baseline"]["summable"].all()


def test_counted_in_full_by_both_is_flagged_and_never_summed():
    df = project_effects(_park_project(GdpRule.FULL_BOTH), "S")
    stat = df[(df.basis == "statistical") & (df.metric == "gdp")]
    loc_b = values(df, region_code=B, basis="location", metric="gdp", component="park_share")
    for code in (A, B):
        rows = stat[stat.region_code == code]
        assert np.allclose(rows[rows.component == "park_share"].set_index("year")["value"], loc_b)
        assert not rows[rows.component.isin(["park_share", "total"])]["summable"].any()
        assert rows[rows.component == "direct"]["summable"].all()
    # 绵阳 has no part in the park: its rows stay summable; location rows always are.
    assert stat[stat.region_code == C]["summable"].all()
    assert df[~df.basis.isin(["statistical", "baseline"])]["summable"].all()
    assert not rows[rows.component == "additionality"]["summable"].any()


def test_location_rule_keeps_everything_at_the_host():
    df = project_effects(_park_project(GdpRule.LOCATION), "S")
    a = values(df, region_code=A, basis="statistical", metric="gdp", component="park_share")
    assert (a == 0).all()


# ----------------------------------------------------------------------------- inverse
def test_textbook_two_region_leontief_inverse():
    # Miller & Blair, Input–Output Analysis: Foundations and Extensions, 2nd ed. (2009), §2.3,
    # numerical example: A = [[.15, .25], [.20, .05]], L = (I − A)⁻¹ = [[1.2541, .3300],
    # [.2640, 1.1221]]; f = (350, 1700) gives x = (1000, 2000). Read here as two regions.
    a = np.array([[0.15, 0.25], [0.20, 0.05]])
    inv = leontief_inverse(a)
    assert np.round(inv, 4).tolist() == [[1.2541, 0.3300], [0.2640, 1.1221]]
    assert np.round(inv.sum(axis=0), 4).tolist() == [1.5182, 1.4521]  # output multipliers
    # The engine with this table loaded as an MRIO: direct output 350 in 成都, 1700 in 德阳.
    p = tiny_project(
        timing__instrument__equity__lag=0.0,
        timing__instrument__equity__ramp=0.0,
        instrument__equity__leverage_share=0.0,
        instrument__equity__output_per_investment=1.0,
    )
    p.mrio = MrioTable("Miller–Blair 2×2", [A, B], a.tolist(), source="Miller & Blair (2009) §2.3")
    p.fund.size = 3000.0
    p.scenarios[0].allocations = [Allocation("MC-A", 2026, 350.0), Allocation("MC-B", 2026, 1700.0)]
    df = project_effects(p, "S")
    out = df[(df.year == 2026) & (df.basis == "location") & (df.metric == "output")]
    by = out.pivot_table(index="region_code", columns="component", values="value")
    got = by["total"] - by["additionality"]  # gross
    assert round(got[A], 4) == 1000.0 and round(got[B], 4) == 2000.0
    assert got[C] == 0.0  # not in the table: no spillover
    assert df.attrs["network_source"] == "mrio"


def test_spectral_radius_at_least_one_is_a_problem_and_leaves_direct_effects():
    p = tiny_project()
    p.links = [
        ChainLink("L1", "MC-A", "MC-B", ChainKind.SUPPLY, 1.0),
        ChainLink("L2", "MC-B", "MC-A", ChainKind.SUPPLY, 1.0),
    ]
    p.scenarios[0].allocations = [Allocation("MC-A", 2026, 1.0)]
    problems = [x for x in validate(p) if x.code == "spillover.chain_radius"]
    assert len(problems) == 1 and "谱半径" in problems[0].zh and "spectral radius" in problems[0].en
    df = project_effects(p, "S")
    assert df.attrs["spillover_refused"] is True
    assert any("谱半径" in zh for zh, _ in df.attrs["notes"])
    assert (df[df.component == "chain_spillover"]["value"].fillna(0) == 0).all()
    assert (
        values(df, region_code=A, metric="output", basis="location", component="direct").sum() > 0
    )
    assert spectral_radius(np.array([[0.0, 1.0], [1.0, 0.0]])) == pytest.approx(1.0)


def test_network_share_of_100_percent_is_refused_by_validation(sample_project):
    sample_project.scenarios[1].assumption_overrides["network.spillover_share"] = 100.0
    sample_project.scenarios[1].assumption_overrides["network.decay_km"] = 0.0
    codes = [(x.code, x.path) for x in validate(sample_project) if x.code.startswith("spillover")]
    assert codes == [
        (
            "spillover.network_radius",
            ("scenarios", "双核加力", "assumption_overrides", "network.spillover_share"),
        )
    ]
    assert project_effects(sample_project, "双核加力").attrs["spillover_refused"]


# ----------------------------------------------------------------------------- fund view
def test_fund_view_benefit_is_net_plan_period_gdp_and_fairness_is_timing_neutral(sample_project):
    view = fund_view(sample_project, "基准方案")
    assert view["contributed"].sum() == pytest.approx(sample_project.fund.size)
    assert view["contribution_ratio"].sum() == pytest.approx(100.0)
    df = project_effects(sample_project, "基准方案")
    # benefit_gdp: the fund money's net value added (statistical basis, parks left out), 2026–2030.
    stat = df[(df.basis == "statistical") & (df.metric == "gdp")]
    wide = stat.pivot_table(index="region_code", columns="component", values="value", aggfunc="sum")
    money = wide[["direct", "chain_spillover", "indirect", "network_spillover"]].sum(axis=1)
    park = ProjectionEngine(sample_project).state("基准方案")
    park_adj = (park.parks_net.stat["gdp"] - park.parks.stat["gdp"]).sum(axis=1)
    codes = ProjectionEngine(sample_project).structure.unit_codes
    net = money + wide["additionality"] - pd.Series(park_adj, index=codes).reindex(wide.index)
    row = view.set_index("region_code").loc["510100"]
    assert row["benefit_gdp"] == pytest.approx(net["510100"])
    invested = sum(
        a.amount
        for a in sample_project.scenarios[0].allocations
        if sample_project.planning_unit(sample_project.candidate(a.candidate_id).region_code)
        == "510100"
    )
    assert row["invested"] == pytest.approx(invested)
    # Fairness compares a fixed horizon per allocation: moving every allocation one year earlier
    # changes benefit_gdp (more years in 2026–2030) but not the fairness ratios.
    early = copy.deepcopy(sample_project)
    for a in early.scenarios[0].allocations:
        a.year = max(2026, a.year - 1) if a.year > 2026 else 2026
    moved = copy.deepcopy(sample_project)
    for a in moved.scenarios[0].allocations:
        a.year = 2026
    f0 = fund_view(early, "基准方案").set_index("region_code")
    f1 = fund_view(moved, "基准方案").set_index("region_code")
    assert not np.allclose(f0["benefit_gdp"], f1["benefit_gdp"])
    assert np.allclose(f0["fairness_ratio"], f1["fairness_ratio"], equal_nan=True)


# ----------------------------------------------------------------------------- incremental
def test_incremental_updates_equal_a_full_recompute(sample_project):
    engine = ProjectionEngine(sample_project)
    for sc in ("基准方案", "双核加力"):
        engine.results(sc)
    existing = sample_project.scenarios[0].allocations[3]
    edits = [
        SetAllocation(
            "基准方案",
            existing.candidate_id,
            existing.year,
            existing.instrument,
            existing.amount + 1.5,
        ),
        SetAllocation("基准方案", "MC-0001", 2029, Instrument.TALENT, 0.7),  # a new row
        SetAllocation(
            "双核加力",
            sample_project.scenarios[1].allocations[0].candidate_id,
            sample_project.scenarios[1].allocations[0].year,
            sample_project.scenarios[1].allocations[0].instrument,
            0.0,
        ),
        InsertItem(
            ("scenarios", "基准方案", "allocations"),
            Allocation("MC-0002", 2030, 0.4, Instrument.EQUITY),
        ),
        RemoveItem(("scenarios", "基准方案", "allocations"), existing.key),
    ]
    for edit in edits:
        _, changes = edit.apply(sample_project)
        engine.apply(changes)
        assert engine._states, "an allocation edit must not drop the computed state"
        for sc in ("基准方案", "双核加力"):
            fresh = project_effects(sample_project, sc)
            live = engine.results(sc)
            assert np.allclose(live["value"], fresh["value"], rtol=1e-9, atol=1e-9, equal_nan=True)
    fresh_fund = fund_view(sample_project, "基准方案")
    assert np.allclose(engine.fund_view("基准方案")["invested"], fresh_fund["invested"])


def test_structural_edits_recompute(sample_project):
    engine = ProjectionEngine(sample_project)
    before = engine.results("基准方案")["value"].sum()  # NaN ratios are skipped by sum()
    key = "timing.instrument.equity.lag"
    _, changes = SetValue(("assumptions", key, "value"), 0.0).apply(sample_project)
    engine.apply(changes)
    after = engine.results("基准方案")
    assert after["value"].sum() > before
    fresh = project_effects(sample_project, "基准方案")["value"]
    assert np.allclose(after["value"], fresh, equal_nan=True)
    _, changes = SetValue(("candidates", "MC-0001", "region_code"), "500112").apply(sample_project)
    engine.apply(changes)
    assert np.allclose(
        engine.results("基准方案")["value"],
        project_effects(sample_project, "基准方案")["value"],
        equal_nan=True,
    )


def test_unknown_scenario_is_a_clear_error(sample_project):
    with pytest.raises(KeyError) as info:
        ProjectionEngine(sample_project).results("不存在")
    assert "不存在" in str(info.value) and "no scenario" in str(info.value)


def test_broken_allocations_are_left_out_and_said(sample_project):
    sc = sample_project.scenarios[0]
    sc.allocations.append(Allocation("NO-SUCH", 2027, 5.0))
    sc.allocations.append(Allocation("MC-0001", 2035, 5.0))
    df = project_effects(sample_project, "基准方案")
    assert np.isfinite(df[df.basis != "baseline"]["value"]).all()
    assert any("2 条分配无法计入" in zh for zh, _ in df.attrs["notes"])
