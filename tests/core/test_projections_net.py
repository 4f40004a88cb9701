"""Issue 11 in the engine: net of additionality, one accounting of indirect effects, lags, taxes
by sector and government tier, the baseline shares and the horizon — each on a case small enough
to compute by hand or with a direct Leontief solve."""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest

from tests.core.test_projections import A, B, C, tiny_project, values
from workbench.core.enums import ChainKind, Instrument, ParkModel
from workbench.core.model import (
    Adjacency,
    Allocation,
    ChainLink,
    MrioTable,
    ParkArrangement,
    StatValue,
)
from workbench.core.projections import ProjectionEngine, project_effects
from workbench.core.projections.vocabulary import PARTS

CODES = [A, B, C]
NO_ADDITIONALITY = {
    f"additionality__{kind}__{who}__{step}": 0.0
    for kind, subjects in (
        ("instrument", ("equity", "technology", "talent")),
        ("park", ("enclave", "co_built", "fund_park")),
    )
    for who in subjects
    for step in ("deadweight", "displacement", "leakage", "crowding_out")
}
IMMEDIATE = {
    f"timing__instrument__{i}__{x}": 0.0
    for i in ("equity", "technology", "talent")
    for x in ("lag", "ramp")
} | {"instrument__equity__write_off_rate": 0.0}


def _wide(df: pd.DataFrame, basis: str, metric: str, year: int) -> pd.DataFrame:
    rows = df[(df.basis == basis) & (df.metric == metric) & (df.year == year)]
    return rows.pivot_table(index="region_code", columns="component", values="value").reindex(CODES)


def _gross(w: pd.DataFrame) -> pd.Series:
    return w["total"] - w["additionality"]


# ----------------------------------------------------------------------------- additionality
def test_gross_minus_each_adjustment_is_net_per_instrument_and_park():
    p = tiny_project(network__spillover_share=0.0, **IMMEDIATE)
    p.scenarios[0].allocations = [
        Allocation("MC-A", 2026, 4.0, Instrument.EQUITY),
        Allocation("MC-B", 2026, 2.0, Instrument.TALENT),
    ]
    p.parks = [ParkArrangement("P1", "园", ParkModel.ENCLAVE, host=C, partners=[A], sector="汽车")]
    p.parks[0].investment = {2026: 5.0}
    p.parks[0].locations = []
    p.scenarios[0].park_ids = ["P1"]
    for k in ("lag", "ramp"):
        p.assumptions[f"timing.park.enclave.{k}"].value = 0.0
    df = project_effects(p, "S")
    w = _wide(df, "location", "output", 2026)
    # Equity: net = gross × (1 − 10 %)(1 − 25 %)(1 − 15 %)(1 − 30 %); talent: leakage 20 %,
    # displacement 10 %, crowding out 5 %, deadweight 20 %; the enclave park: 10/40/5/20 %.
    f = {A: 0.9 * 0.75 * 0.85 * 0.7, B: 0.8 * 0.9 * 0.95 * 0.8, C: 0.9 * 0.6 * 0.95 * 0.8}
    for code in CODES:
        assert w.loc[code, "total"] == pytest.approx(_gross(w)[code] * f[code])
        assert w.loc[code, "total"] == pytest.approx(w.loc[code, list(PARTS)].sum())
        assert w.loc[code, "additionality"] <= 0
    # Without any additionality the adjustment is zero and net equals gross.
    q = copy.deepcopy(p)
    for key, v in NO_ADDITIONALITY.items():
        q.assumptions[key.replace("__", ".")].value = v
    w0 = _wide(project_effects(q, "S"), "location", "output", 2026)
    assert (w0["additionality"] == 0).all()
    np.testing.assert_allclose(w0["total"], _gross(w))


# ----------------------------------------------------------------------------- Leontief identity
def _money_project(**overrides: float):
    p = tiny_project(**IMMEDIATE, **NO_ADDITIONALITY, **overrides)
    p.assumptions["instrument.equity.leverage_share"].value = 0.0
    p.assumptions["instrument.equity.output_per_investment"].value = 1.0
    p.fund.size = 1000.0
    return p


def test_components_match_a_direct_leontief_solve_with_an_mrio_table():
    a = np.array([[0.20, 0.05, 0.10], [0.10, 0.30, 0.00], [0.05, 0.10, 0.15]])
    p = _money_project()
    p.mrio = MrioTable("3×3", CODES, a.tolist())
    f = np.array([10.0, 20.0, 5.0])
    p.scenarios[0].allocations = [
        Allocation(c, 2026, x) for c, x in zip(["MC-A", "MC-B", "MC-C"], f, strict=True)
    ]
    w = _wide(project_effects(p, "S"), "location", "output", 2026)
    x = np.linalg.solve(np.eye(3) - a, f)
    np.testing.assert_allclose(w["total"], x, rtol=1e-12)
    np.testing.assert_allclose(w["direct"], f)
    # Own-region suppliers: the diagonal alone, aᵢᵢ/(1 − aᵢᵢ) × f; cross-region: the rest.
    own = np.diag(a) / (1 - np.diag(a)) * f
    np.testing.assert_allclose(w["indirect"], own, rtol=1e-12)
    np.testing.assert_allclose(w["network_spillover"], x - f - own, atol=1e-12)
    assert (w["network_spillover"] >= 0).all()


def test_without_a_table_the_multiplier_and_the_neighbour_network_form_one_system():
    p = _money_project(indirect__output_multiplier=1.5, network__decay_km=0.0)
    p.adjacency = [Adjacency(A, B, 100.0), Adjacency(B, C, 50.0)]
    p.scenarios[0].allocations = [Allocation("MC-A", 2026, 10.0), Allocation("MC-C", 2026, 4.0)]
    engine = ProjectionEngine(p)
    w = _wide(engine.results("S"), "location", "output", 2026)
    # A = diag(1 − 1/μ) + share × border(i, j) / Σₖ border(k, j) (no distance decay).
    border = np.array([[0, 100, 0], [100, 0, 50], [0, 50, 0]], float)
    a = 0.10 * border / border.sum(axis=0) + np.eye(3) * (1 - 1 / 1.5)
    x = np.linalg.solve(np.eye(3) - a, np.array([10.0, 0.0, 4.0]))
    np.testing.assert_allclose(w["total"], x, rtol=1e-12)
    np.testing.assert_allclose(w["indirect"], [5.0, 0.0, 2.0])  # (μ − 1) × direct
    assert engine.results("S").attrs["network_source"] == "adjacency"


def test_a_chain_link_replaces_the_tables_average_flow_for_its_pair():
    # MC-A (成都) buys 0.4 of its output from MC-B (德阳) under a specific deal. The table's
    # average 德阳-from-成都 coefficient (0.10) is replaced for MC-A's output, not added to it.
    a = np.array([[0.20, 0.05, 0.0], [0.10, 0.30, 0.0], [0.0, 0.0, 0.0]])
    p = _money_project()
    p.mrio = MrioTable("3×3", CODES, a.tolist())
    p.links = [ChainLink("L1", "MC-A", "MC-B", ChainKind.SUPPLY, 0.4)]
    p.scenarios[0].allocations = [Allocation("MC-A", 2026, 10.0)]
    w = _wide(project_effects(p, "S"), "location", "output", 2026)
    # By hand: candidates x_A = 10, x_B = 0.4 × 10 = 4. The generic economy buys, per unit of
    # output: MC-A from 成都 0.20 (no deal there) and from 德阳 nothing beyond the deal; MC-B
    # (no links) the table's column. z = (I − A)⁻¹ (A′ x).
    purchases = np.array([0.20 * 10 + 0.05 * 4, 0.0 * 10 + 0.30 * 4, 0.0])
    z = np.linalg.solve(np.eye(3) - a, purchases)
    expected = np.array([10.0, 4.0, 0.0]) + z
    np.testing.assert_allclose(w["total"], expected, rtol=1e-12)
    np.testing.assert_allclose(w["chain_spillover"], [0.0, 4.0, 0.0])
    # Counting the deal on top of the average flow would give 0.10 × 10 more purchases from 德阳.
    double = np.linalg.solve(np.eye(3) - a, purchases + np.array([0.0, 1.0, 0.0]))
    assert w["total"].sum() < (np.array([10.0, 4.0, 0.0]) + double).sum() - 0.5


def test_an_innovation_link_is_knowledge_two_years_later_and_replaces_no_average_flow():
    # The same pair as above as an innovation link: half its strength, two years after the
    # source's output, and the table's 德阳-from-成都 flow still counts (knowledge, not purchases).
    a = np.array([[0.20, 0.05, 0.0], [0.10, 0.30, 0.0], [0.0, 0.0, 0.0]])
    p = _money_project()
    p.mrio = MrioTable("3×3", CODES, a.tolist())
    p.links = [ChainLink("L1", "MC-A", "MC-B", ChainKind.INNOVATION, 0.4)]
    p.scenarios[0].allocations = [Allocation("MC-A", 2026, 10.0)]
    df = project_effects(p, "S")
    first, later = (_wide(df, "location", "output", y) for y in (2026, 2028))
    np.testing.assert_allclose(first["chain_spillover"], [0.0, 0.0, 0.0])
    z = np.linalg.solve(np.eye(3) - a, a @ np.array([10.0, 0.0, 0.0]))  # no pair replaced
    np.testing.assert_allclose(first["total"], np.array([10.0, 0.0, 0.0]) + z, rtol=1e-12)
    x = np.array([10.0, 0.5 * 0.4 * 10.0, 0.0])  # MC-A's output in 2026 reaches MC-B in 2028
    np.testing.assert_allclose(later["chain_spillover"], [0.0, 2.0, 0.0])
    np.testing.assert_allclose(later["total"], x + np.linalg.solve(np.eye(3) - a, a @ x))


def test_a_value_chain_link_counts_part_of_its_strength():
    p = _money_project(indirect__output_multiplier=1.0, network__spillover_share=0.0)
    p.scenarios[0].allocations = [Allocation("MC-A", 2026, 10.0)]
    spill = {}
    for kind in (ChainKind.SUPPLY, ChainKind.VALUE):
        p.links = [ChainLink("L1", "MC-A", "MC-B", kind, 0.5)]
        spill[kind] = _wide(project_effects(p, "S"), "location", "output", 2026)
    assert spill[ChainKind.SUPPLY].loc[B, "chain_spillover"] == pytest.approx(5.0)
    assert spill[ChainKind.VALUE].loc[B, "chain_spillover"] == pytest.approx(0.8 * 5.0)


def test_demand_on_a_funded_target_is_met_by_its_own_output_first():
    # MC-A's deal buys 0.5 of its output from MC-B, which is funded itself. MC-B produces
    # max(its own 3, demand 0.5 × 10 = 5) = 5, not 3 + 5; with own output 8 it stays 8.
    p = _money_project(indirect__output_multiplier=1.0, network__spillover_share=0.0)
    p.links = [ChainLink("L1", "MC-A", "MC-B", ChainKind.SUPPLY, 0.5)]
    for own_b, expected_b in ((3.0, 5.0), (8.0, 8.0)):
        p.scenarios[0].allocations = [
            Allocation("MC-A", 2026, 10.0),
            Allocation("MC-B", 2026, own_b),
        ]
        w = _wide(project_effects(p, "S"), "location", "output", 2026)
        assert w.loc[B, "total"] == pytest.approx(expected_b)
        assert w.loc[B, "direct"] == pytest.approx(own_b)
        assert w.loc[B, "chain_spillover"] == pytest.approx(expected_b - own_b)


# ----------------------------------------------------------------------------- timing
@pytest.mark.parametrize("inst", list(Instrument))
@pytest.mark.parametrize("year", [2026, 2028])
@pytest.mark.parametrize("lag", [1.0, 2.0, 3.0])
def test_money_in_year_t_gives_nothing_before_t_plus_lag(inst, year, lag):
    p = tiny_project()
    p.assumptions[f"timing.instrument.{inst.value}.lag"].value = lag
    p.scenarios[0].allocations = [Allocation("MC-A", year, 5.0, inst)]
    df = project_effects(p, "S", until=2035)
    assert set(df.year) == set(range(2026, 2036))
    money = df[df.component.isin(["direct", "total", "indirect", "network_spillover"])]
    money = money[money.basis != "baseline"]
    assert (money[money.year < year + lag]["value"] == 0).all()
    first = money[(money.year == year + lag + 1) & (money.component == "direct")]
    assert first["value"].sum() > 0


def test_a_park_starts_after_its_models_lag():
    p = tiny_project()
    p.parks = [ParkArrangement("P1", "园", ParkModel.CO_BUILT, host=B, partners=[A], sector="汽车")]
    p.parks[0].investment = {2027: 12.0}
    p.scenarios[0].park_ids = ["P1"]
    park = values(
        project_effects(p, "S"),
        region_code=B,
        basis="location",
        metric="gdp",
        component="park_share",
    )
    assert park[2027] == 0 and park[2028] == 0  # lag 2 years (Fujian 建设周期 ≈ 1.9 years)
    assert park[2029] > 0 and park[2030] > park[2029]


# ----------------------------------------------------------------------------- taxes
def test_the_western_cit_rate_changes_only_qualifying_units_and_ends_after_2030():
    p = tiny_project(network__spillover_share=0.0, indirect__output_multiplier=1.0)
    # Same sector in two prefectures; the planner found that MC-B does not pass the 60 % test.
    p.candidates[1].sector = "装备制造"
    p.candidates[1].western_cit_rate = False
    p.scenarios[0].allocations = [Allocation("MC-A", 2026, 5.0), Allocation("MC-B", 2026, 5.0)]

    def tax(project) -> pd.DataFrame:
        df = project_effects(project, "S", until=2032)
        rows = df[(df.basis == "location") & (df.metric == "tax") & (df.component == "total")]
        return rows.pivot_table(index="region_code", columns="year", values="value")

    base = tax(p)
    q = copy.deepcopy(p)
    q.assumptions["tax.cit_rate_western"].value = 20.0
    changed = tax(q)
    assert (changed.loc[A, 2028:2030] > base.loc[A, 2028:2030]).all()
    np.testing.assert_allclose(changed.loc[B], base.loc[B])  # not qualifying: untouched
    np.testing.assert_allclose(changed.loc[A, 2031:], base.loc[A, 2031:])  # 25 % after 2030
    # Equal gross VA at A and B: the tax ratio is (13 %·50 % + 15 %·25 %) / (13 %·50 % + 25 %·25 %).
    ratio = (0.13 * 0.5 + 0.15 * 0.25) / (0.13 * 0.5 + 0.25 * 0.25)
    assert base.loc[A, 2030] / base.loc[B, 2030] == pytest.approx(ratio)
    assert base.loc[A, 2031] == pytest.approx(base.loc[B, 2031])  # both at 25 % from 2031


def test_vat_by_sector_and_the_two_fiscal_tiers_add_up_to_the_local_share():
    p = tiny_project(network__spillover_share=0.0, indirect__output_multiplier=1.0, **IMMEDIATE)
    p.candidates[2].sector = "数字经济"  # 6 % VAT; 数字经济 qualifies for 15 % CIT by default
    p.scenarios[0].allocations = [Allocation("MC-C", 2026, 5.0)]
    df = project_effects(p, "S")
    get = lambda basis: values(df, region_code=C, metric="tax", basis=basis, component="total")  # noqa: E731
    gdp = values(df, region_code=C, metric="gdp", basis="location", component="total")
    assert get("location")[2026] == pytest.approx(gdp[2026] * (0.06 * 0.5 + 0.15 * 0.25))
    local = gdp[2026] * (0.06 * 0.5 * 0.5 + 0.15 * 0.25 * 0.4)
    assert get("fiscal")[2026] + get("fiscal_province")[2026] == pytest.approx(local)
    assert get("fiscal_province")[2026] == pytest.approx(0.3 * local)  # 四川 assumption 30 %


# ----------------------------------------------------------------------------- baseline
def test_uplift_as_share_of_baseline_and_nan_without_statistics():
    p = tiny_project(network__spillover_share=0.0)
    region = p.region(A)
    region.statistics = [
        StatValue("gdp", 2023, 20000.0, "亿元"),
        StatValue("gdp", 2024, 21000.0, "亿元"),
        StatValue("fiscal_revenue", 2024, 1500.0, "亿元"),
    ]
    p.scenarios[0].allocations = [Allocation("MC-A", 2026, 10.0), Allocation("MC-B", 2026, 10.0)]
    df = project_effects(p, "S")
    gdp = values(df, region_code=A, metric="gdp", basis="statistical", component="total")
    share = values(
        df, region_code=A, metric="gdp_pct_baseline", basis="baseline", component="total"
    )
    base_2030 = 21000.0 * 1.05**6  # growth from the imported 2023–2024 history: 5 %
    assert share[2030] == pytest.approx(100 * gdp[2030] / base_2030)
    rev = values(df, region_code=A, metric="tax", basis="fiscal", component="total")
    rshare = values(
        df, region_code=A, metric="revenue_pct_baseline", basis="baseline", component="total"
    )
    assert rshare[2030] == pytest.approx(100 * rev[2030] / (1500.0 * 1.04**6))  # default 4 %
    b = df[(df.region_code == B) & (df.basis == "baseline")]
    assert b["value"].isna().all() and not b["summable"].any()
    assert any("没有导入的地区生产总值统计" in zh for zh, _ in df.attrs["notes"])


def test_the_horizon_extends_to_2035_without_changing_the_plan_years():
    p = tiny_project()
    p.scenarios[0].allocations = [Allocation("MC-A", 2027, 5.0)]
    short = project_effects(p, "S")
    long = project_effects(p, "S", until=2035)
    key = ["region_code", "year", "metric", "basis", "component"]
    both = short.merge(long, on=key, suffixes=("", "_long"))
    assert len(both) == len(short)
    np.testing.assert_allclose(both["value"], both["value_long"], equal_nan=True)
    assert long.year.max() == 2035 and short.year.max() == 2030
