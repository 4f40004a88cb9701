"""Parks done properly and fund settings that are live (issue 11, points 5 and 6), on hand-computed
cases: a zone in two jurisdictions splits its activity by share, a joint company earns land, rent
and service income, fixed returns it cannot pay are flagged, a 基金+园区 park spends fund money,
the investee-equity cap and unapproved units are checked, and a link's kind sets its coefficient."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from workbench.core.assumptions import default_assumptions
from workbench.core.enums import (
    ChainKind,
    Coverage,
    GdpRule,
    Instrument,
    Level,
    ParkModel,
    Severity,
    Status,
)
from workbench.core.enums import UnitType as T
from workbench.core.fund_money import fund_park_draws, investable
from workbench.core.fund_summary import fund_by_year, status_numbers
from workbench.core.locations import Describer
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
    ParkLocation,
    Project,
    Region,
    Scenario,
    Tranche,
)
from workbench.core.park_models import apply_model_defaults, default_agreement, draws_on_fund
from workbench.core.projections import deployment, park_cashflows, project_effects
from workbench.core.projections.link_kinds import (
    DEFAULT_TERMS,
    chain_matrices,
    link_coefficient,
    link_terms,
    solve_lagged,
)
from workbench.core.projections.parks import jv_accounts, location_shares
from workbench.core.sharing.model import Agreement
from workbench.core.validation import validate

CD, GA, LS, YB = "510100", "511600", "511623", "500112"  # 成都, 广安, 邻水 (county of 广安), 渝北


def project() -> Project:
    regions = [
        Region("510000", "四川省", Level.PROVINCE),
        Region(CD, "成都市", Level.PREFECTURE, "510000", lon=104.07, lat=30.66),
        Region(GA, "广安市", Level.PREFECTURE, "510000", lon=106.63, lat=30.46),
        Region(LS, "邻水县", Level.COUNTY, GA, lon=106.93, lat=30.33),
        Region("500000", "重庆市", Level.PROVINCE),
        Region(YB, "渝北区", Level.COUNTY, "500000", lon=106.63, lat=29.72),
    ]
    return Project(
        name="parks",
        regions=regions,
        candidates=[
            Candidate("A", "甲", T.PARK, CD, "汽车", status=Status.APPROVED),
            Candidate("B", "乙", T.TEAM, YB, "汽车", status=Status.SHORTLISTED),
            Candidate("C", "丙", T.BUILDING, LS, "汽车", status=Status.CANDIDATE),
        ],
        fund=Fund(
            size=100.0,
            contributions=[Contribution(CD, 60.0), Contribution(YB, 40.0)],
            rules=CommitteeRules(max_project_share=None, tranche_gate=None),
            management_fee_pct=0.0,
        ),
        scenarios=[Scenario("S")],
        assumptions=default_assumptions(),
    )


def zone(**kw) -> ParkArrangement:
    """高竹-like zone: 60 % in 邻水, 40 % in 渝北; 10 亿元 in 2026."""
    args = dict(
        id="P",
        name="高竹",
        model=ParkModel.CO_BUILT,
        host=LS,
        partners=[YB],
        sector="汽车",
        investment={2026: 10.0},
        locations=[ParkLocation(LS, 60.0), ParkLocation(YB, 40.0)],
    )
    args.update(kw)
    return ParkArrangement(**args)


def codes(p: Project) -> list[str]:
    return [x.code for x in validate(p)]


def park_rows(df, **where):
    m = df.component == "park_share"
    for k, v in where.items():
        m &= df[k] == v
    return df[m].groupby("region_code")["value"].sum()


# ----------------------------------------------------------------------------- locations
def test_location_shares_sum_to_one_and_split_activity_by_share():
    p = project()
    p.parks = [zone()]
    p.scenarios[0].park_ids = ["P"]
    assert location_shares(p.parks[0]) == pytest.approx({LS: 0.6, YB: 0.4})
    assert sum(location_shares(p.parks[0]).values()) == pytest.approx(1.0)
    df = project_effects(p, "S")
    for metric in ("output", "gdp", "jobs", "tax"):
        got = park_rows(df, basis="location", metric=metric)
        # 邻水 is a county: its share lands on its planning unit 广安.
        assert set(got[got > 0].index) == {GA, YB}
        assert got[GA] == pytest.approx(1.5 * got[YB])
    # Statistical basis by location too (the default GDP rule); fiscal by location share when
    # the parties set no split.
    stat = park_rows(df, basis="statistical", metric="gdp")
    assert stat[GA] == pytest.approx(0.6 * stat.sum())
    fiscal = park_rows(df, basis="fiscal", metric="tax")
    assert fiscal[YB] == pytest.approx(0.4 * fiscal.sum())
    # Counting the zone in two places never changes how much there is.
    p.parks[0].locations = []
    single = park_rows(project_effects(p, "S"), basis="location", metric="gdp")
    assert single.sum() == pytest.approx(park_rows(df, basis="location", metric="gdp").sum())
    assert single[YB] == 0


def test_location_shares_are_validated():
    p = project()
    p.parks = [zone(locations=[ParkLocation(LS, 60.0), ParkLocation("999999", 30.0)])]
    assert {"park.location_unknown", "park.location_share_sum"} <= set(codes(p))
    p.parks = [zone()]
    assert not {c for c in codes(p) if c.startswith("park.location")}
    words = Describer(p).describe(("parks", "P", "locations"))
    assert words == "园区「高竹」 · 所在地及占比"


def test_cashflows_are_reported_on_planning_units():
    p = project()
    p.parks = [zone(equity={LS: 50.0, YB: 50.0})]
    p.scenarios[0].park_ids = ["P"]
    cf = park_cashflows(p, "S")
    assert set(cf.region_code) == {GA, YB} and set(cf.region) == {"广安市", "渝北区"}


# ----------------------------------------------------------------------------- joint company
def test_joint_company_earns_land_rent_and_service_income():
    p = project()
    park = zone(investment={2026: 10.0, 2027: 20.0})
    acc = jv_accounts(park, p, None)
    # Cumulative 10 then 30 亿元 × (2 + 4 + 1) % = 0.7, 2.1; costs 40 %.
    assert acc.income[:3] == pytest.approx([0.7, 2.1, 2.1])
    assert acc.profit[:3] == pytest.approx([0.42, 1.26, 1.26])
    p.assumptions["park.rent_yield"].value = 8.0  # the parameter is what counts
    assert jv_accounts(park, p, None).income[0] == pytest.approx(1.1)


def test_fixed_return_above_modelled_profit_warns():
    p = project()
    park = zone(equity={LS: 50.0, YB: 50.0}, fixed_return=FixedReturn(rate_pct=6.0, years=3))
    p.parks = [park]
    # 6 % of paid-in capital against a profit of 7 % × 60 % = 4.2 %: every fixed year is short.
    (w,) = [x for x in validate(p) if x.code == "park.fixed_return_over_profit"]
    assert w.severity is Severity.WARNING and "2026、2027、2028" in w.zh and "0.60" in w.zh
    park.fixed_return.rate_pct = 4.0
    assert "park.fixed_return_over_profit" not in codes(p)


# ----------------------------------------------------------------------------- park models
def test_fund_park_counts_against_the_fund():
    p = project()
    p.fund.rules.tranches = [Tranche(2026, 20.0), Tranche(2027, 80.0)]
    p.fund.rules.city_limits = {YB: 5.0}
    fp = zone(model=ParkModel.FUND_PARK, investment={2026: 15.0, 2027: 10.0})
    p.parks = [fp]
    sc = p.scenarios[0]
    sc.park_ids = ["P"]
    sc.allocations = [Allocation("A", 2026, 6.0, Instrument.TECHNOLOGY)]
    assert draws_on_fund(fp) and fund_park_draws(p, sc)[2026] == 15.0
    rows = fund_by_year(p, sc)
    assert (rows[0].allocated, rows[0].park_draws, rows[0].left) == (21.0, 15.0, -1.0)
    assert status_numbers(p, sc, []).allocated == 31.0
    found = set(codes(p))
    assert "alloc.tranche" in found  # 21 of 20 opened in 2026
    assert "alloc.city_cap" in found  # 40 % of the 25 亿元 lies in 渝北: over its 5 亿元
    d = deployment(p, "S")
    assert d["fund_park"].tolist()[:2] == [15.0, 10.0] and bool(d["over_available"].iloc[0])
    p.fund.rules.max_project_share = 20.0
    assert "park.fund_project_cap" in codes(p)  # 25 亿元 > 20 % of 100
    p.fund.size = 30.0
    p.fund.rules.tranches = []
    assert "alloc.over_fund" in codes(p)  # 31 > 30
    # The same park as a co-built zone is the parties' money, not the fund's.
    fp.model = ParkModel.CO_BUILT
    assert fund_by_year(p, sc)[0].allocated == 6.0 and "alloc.over_fund" not in codes(p)


def test_park_model_defaults_fill_only_what_is_open():
    e_park = ParkArrangement("E", "飞地", ParkModel.ENCLAVE, LS, [CD])
    enclave = default_agreement(e_park, "AG-E", PLAN_YEARS)
    assert enclave.gdp_rule is GdpRule.SPLIT and enclave.gdp_split == {LS: 50.0, CD: 50.0}
    assert enclave.park_id == "E" and enclave.parties == [LS, CD]
    c_park = ParkArrangement("C", "共建", ParkModel.CO_BUILT, LS, [YB])
    co = default_agreement(c_park, "AG-C", PLAN_YEARS)
    assert co.tax_split[2028] == {LS: 50.0, YB: 50.0} and co.gdp_rule is GdpRule.LOCATION
    kept = Agreement("K", "共建", Coverage.PARK, [LS, YB], "C", tax_split={2026: {LS: 100.0}})
    assert apply_model_defaults(kept, c_park, PLAN_YEARS).tax_split == {2026: {LS: 100.0}}


# ----------------------------------------------------------------------------- fee
def test_fee_reduces_what_validation_lets_the_scenario_spend():
    p = project()
    p.scenarios[0].allocations = [Allocation("A", 2026, 95.0, Instrument.TECHNOLOGY)]
    assert "alloc.over_fund" not in codes(p)
    p.fund.management_fee_pct = 2.0  # 5 years × 2 亿元 leave 90 to invest
    assert investable(p.fund) == pytest.approx(90.0)
    (e,) = [x for x in validate(p) if x.code == "alloc.over_fund"]
    assert "90.00" in e.zh and "10.00" in e.zh
    d = deployment(p, "S")
    assert d["management_fee"].tolist() == [2.0] * 5
    assert d["investable"].tolist() == pytest.approx([98.0, 96.0, 94.0, 92.0, 90.0])
    assert d["over_available"].tolist() == [False, False, True, True, True]  # 95 > 94


# ----------------------------------------------------------------------------- equity cap
def test_equity_cap_against_valuation_registered_capital_or_nothing():
    p = project()
    p.candidates[0].status = Status.APPROVED
    p.scenarios[0].allocations = [
        Allocation("A", 2026, 2.0, Instrument.EQUITY),
        Allocation("A", 2027, 2.0, Instrument.TALENT),  # not equity: not counted
    ]
    c = p.candidates[0]
    (info,) = [x for x in validate(p) if x.code == "alloc.equity_cap_unknown"]
    assert info.severity is Severity.INFO and info.path == (
        "candidates",
        "A",
        "post_money_valuation",
    )
    c.registered_capital = 6.0  # 30 % = 1.8 < 2
    (w,) = [x for x in validate(p) if x.code == "alloc.equity_cap"]
    assert w.severity is Severity.WARNING and "注册资本" in w.zh and "1.80" in w.zh
    c.post_money_valuation = 6.5  # the valuation wins: 30 % = 1.95 < 2, an error
    (e,) = [x for x in validate(p) if x.code == "alloc.equity_cap"]
    assert e.severity is Severity.ERROR and "投后估值" in e.zh
    c.post_money_valuation = 10.0  # 3 ≥ 2
    assert not {"alloc.equity_cap", "alloc.equity_cap_unknown"} & set(codes(p))
    p.fund.rules.max_investee_equity = None  # no cap, nothing to say
    c.post_money_valuation = c.registered_capital = None
    assert not {"alloc.equity_cap", "alloc.equity_cap_unknown"} & set(codes(p))


# ----------------------------------------------------------------------------- not approved
def test_money_to_a_unit_not_yet_approved_warns_with_its_place():
    p = project()
    p.scenarios[0].allocations = [
        Allocation("A", 2026, 1.0, Instrument.TECHNOLOGY),
        Allocation("B", 2026, 1.0, Instrument.TALENT),
        Allocation("B", 2027, 0.5, Instrument.TALENT),
        Allocation("C", 2026, 0.0, Instrument.TECHNOLOGY),  # an empty cell is no money
    ]
    (w,) = [x for x in validate(p) if x.code == "alloc.not_approved"]
    assert w.severity is Severity.WARNING and "渝北区" in w.zh and "入围" in w.zh
    assert "1.50" in w.zh
    assert Describer(p).describe(w.path) == "方案「S」 · 候选 B 乙 合计"
    p.scenarios[0].allocations[3].amount = 2.0  # a plain 候选 warns as well
    assert codes(p).count("alloc.not_approved") == 2
    p.candidates[1].status = Status.APPROVED
    assert codes(p).count("alloc.not_approved") == 1


# ----------------------------------------------------------------------------- link kinds
def test_link_kind_sets_multiplier_and_lag():
    supply, value, innovation = (
        ChainLink(k.value, "A", "B", k, 0.2)
        for k in (ChainKind.SUPPLY, ChainKind.VALUE, ChainKind.INNOVATION)
    )
    assert link_coefficient(supply, 1.0) == (pytest.approx(0.2), 0)
    assert link_coefficient(value, 1.0) == (pytest.approx(0.16), 0)
    assert link_coefficient(innovation, 0.5) == (pytest.approx(0.05), 2)
    assert DEFAULT_TERMS[ChainKind.INNOVATION].channel == "knowledge"
    p = project()
    p.scenarios[0].assumption_overrides["chain.kind.innovation.lag"] = 1.0
    assert link_terms(ChainKind.INNOVATION, p, p.scenarios[0]).lag == 1
    assert link_terms(ChainKind.INNOVATION, p).lag == 2  # no such parameter in the table yet


def test_lagged_chain_equals_the_stacked_leontief_inverse():
    """Three candidates, five years; a supply link 0→1 and an innovation link 1→2 (lag 2): the
    year-by-year recursion equals (I − M)⁻¹ D of the stacked system, and the innovation link
    gives nothing before its lag."""
    links = [
        ChainLink("s", "a", "b", ChainKind.SUPPLY, 0.3),
        ChainLink("v", "b", "a", ChainKind.VALUE, 0.25),
        ChainLink("i", "b", "c", ChainKind.INNOVATION, 0.4),
    ]
    index = {"a": 0, "b": 1, "c": 2}
    mats = chain_matrices(links, index, 3, 1.0)
    assert sorted(mats) == [0, 2]
    rng = np.random.default_rng(7)
    d = rng.uniform(0, 5, size=(3, 5))
    d[2] = 0.0  # c has no money of its own
    x = solve_lagged(mats, d)
    n, ny = 3, 5
    big = sp.lil_matrix((n * ny, n * ny))
    for y in range(ny):
        for lag, m in mats.items():
            if y - lag >= 0:
                big[y * n : (y + 1) * n, (y - lag) * n : (y - lag + 1) * n] = m.toarray()
    stacked = np.linalg.solve(np.eye(n * ny) - big.toarray(), d.T.ravel())
    assert x.T.ravel() == pytest.approx(stacked)
    assert x[2, :2] == pytest.approx([0.0, 0.0]) and x[2, 2] > 0
    assert x[2, 2] == pytest.approx(0.5 * 0.4 * x[1, 0])


def test_chain_kind_terms_are_parameters_with_ranges_and_overridable():
    """The kinds' multipliers and lags are in the default table (假设, with ranges) and a
    scenario override changes what the engine uses."""
    from workbench.core.assumptions import default_assumptions
    from workbench.core.enums import ChainKind
    from workbench.core.model import Project, Scenario
    from workbench.core.projections.link_kinds import DEFAULT_TERMS, link_terms

    table = default_assumptions()
    for kind in ChainKind:
        for part in ("multiplier", "lag"):
            a = table[f"chain.kind.{kind.value}.{part}"]
            assert a.source == "" and a.low <= a.value <= a.high and a.low < a.high
        assert link_terms(kind, Project()) == DEFAULT_TERMS[kind]
    sc = Scenario("S")
    sc.assumption_overrides["chain.kind.innovation.lag"] = 3.0
    sc.assumption_overrides["chain.kind.value.multiplier"] = 0.6
    p = Project()
    assert link_terms(ChainKind.INNOVATION, p, sc).lag == 3
    assert link_terms(ChainKind.VALUE, p, sc).multiplier == 0.6
