"""Benefit-sharing agreements: settlement forms conserve the local tax, transfers net to zero, a
relocation with a sunset settles as computed by hand, the fund's returns follow the keys, and the
checks say in Chinese what is wrong and where."""

from __future__ import annotations

import copy

import numpy as np
import pytest

from workbench.core.assumptions import default_assumptions, parameter_value
from workbench.core.edits import InsertItem, SetValue
from workbench.core.enums import Coverage, GdpRule, Instrument, Level, SettlementMethod, UnitType
from workbench.core.model import (
    Allocation,
    Candidate,
    Contribution,
    Fund,
    Project,
    Region,
    Scenario,
)
from workbench.core.projections import ProjectionEngine, project_effects
from workbench.core.projections.vocabulary import PARTS
from workbench.core.sharing import fund_accounts, fund_performance, settlement_tables
from workbench.core.sharing.fund_returns import fund_distributions, fund_flows, irr
from workbench.core.sharing.model import Agreement
from workbench.core.sharing.settlement import net_positions
from workbench.core.validation import validate

A, B = "510100", "510600"  # 成都 (origin), 德阳 (host)


def relocation_project(deal: Agreement | None = None) -> Project:
    """One project found by 成都 that lands in 德阳, funded in 2026."""
    regions = [
        Region("510000", "四川省", Level.PROVINCE),
        Region(A, "成都市", Level.PREFECTURE, "510000", lon=104.07, lat=30.66),
        Region(B, "德阳市", Level.PREFECTURE, "510000", lon=104.40, lat=31.13),
    ]
    cand = Candidate("MC-R", "迁入项目", UnitType.BUILDING, B, "现代服务业", origin_region=A)
    return Project(
        name="relocation",
        regions=regions,
        candidates=[cand],
        fund=Fund(size=10.0, contributions=[Contribution(A, 6.0), Contribution(B, 4.0)]),
        scenarios=[Scenario("S", allocations=[Allocation("MC-R", 2026, 5.0, Instrument.EQUITY)])],
        assumptions=default_assumptions(),
        agreements=[deal] if deal else [],
    )


def _sample_with_all_kinds(sample_project: Project) -> Project:
    p = sample_project
    funded = [a.candidate_id for a in p.scenarios[0].allocations]
    c1, c2, c3 = (p.candidate(cid) for cid in list(dict.fromkeys(funded))[:3])
    c1.origin_region = "500112" if c1.region_code != "500112" else "510100"  # default agreement
    p.agreements += [
        Agreement(
            "AG-INNO", "创新转化", Coverage.INNOVATION, ["510100", c2.region_code], candidate_ids=[c2.id],
            gdp_rule=GdpRule.SPLIT, gdp_split={"510100": 30.0, c2.region_code: 70.0},
            tax_split={2026: {"510100": 20.0, c2.region_code: 80.0}},
            tax_split_by_tax={"cit": {2026: {"510100": 50.0, c2.region_code: 50.0}}},
            sunset_year=2028, settlement=SettlementMethod.TRANSFER,
        ),
        Agreement(
            "AG-SET", "基金项目双核算", Coverage.CANDIDATES, ["500103", c3.region_code],
            candidate_ids=[c3.id], gdp_rule=GdpRule.FULL_BOTH,
            tax_split={2027: {"500103": 30.0, c3.region_code: 70.0}},
        ),
    ]  # fmt: skip
    return p


# ----------------------------------------------------------------------------- conservation
def test_local_tax_is_conserved_every_year_every_agreement(sample_project):
    p = _sample_with_all_kinds(sample_project)
    assert not [
        x for x in validate(p) if x.code.startswith("sharing.") and x.severity.value == "error"
    ]
    tax = settlement_tables(p)["tax"]
    assert set(tax.agreement_id) >= {"AG-P-01", "AG-P-02", "AG-INNO", "AG-SET"}
    assert tax.agreement_id.str.startswith("默认-").any()  # the relocated candidate's default
    sums = tax.groupby(["scenario", "agreement_id", "year", "tax"])[["collected", "owed"]].sum()
    assert len(sums) > 40
    np.testing.assert_allclose(sums["owed"], sums["collected"], rtol=1e-12, atol=1e-15)
    assert (tax[tax.tax == "existing"]["net"] == 0).all()  # 存量 stays where it is raised


def test_net_transfers_between_treasuries_sum_to_zero(sample_project):
    p = _sample_with_all_kinds(sample_project)
    t = settlement_tables(p)
    moves, tax = t["transfers"], t["tax"]
    assert len(moves) and (moves.amount > 0).all()
    for (sc, aid, year), m in moves.groupby(["scenario", "agreement_id", "year"]):
        net = net_positions(m)
        assert net.sum() == pytest.approx(0.0, abs=1e-12)
        owed = tax[(tax.scenario == sc) & (tax.agreement_id == aid) & (tax.year == year)]
        per_party = owed.groupby("party_code")["net"].sum()
        for code, x in net.items():  # what moves is exactly what each treasury is owed net
            assert x == pytest.approx(per_party[code], abs=1e-12)


def test_full_both_is_booked_by_every_party_but_never_summable(sample_project):
    p = _sample_with_all_kinds(sample_project)
    stat = settlement_tables(p, "基准方案")["statistics"]
    full = stat[stat.agreement_id == "AG-SET"]
    assert len(full) and not full.summable.any()
    assert (full.booked_gdp == full.unit_gdp).all()
    split = stat[(stat.agreement_id == "AG-INNO") & stat.in_force]
    per_year = split.groupby("year")["booked_gdp"].sum()
    np.testing.assert_allclose(per_year, split.groupby("year")["unit_gdp"].first())
    # a circle total adds only summable rows: each unit's GDP once
    circle = stat[stat.summable].groupby("year")["booked_gdp"].sum()
    units = stat.drop_duplicates(["agreement_id", "year"]).groupby("year")["unit_gdp"].sum()
    only_full = stat[~stat.summable].drop_duplicates(["agreement_id", "year"])
    np.testing.assert_allclose(
        circle,
        units - only_full.groupby("year")["unit_gdp"].sum().reindex(units.index, fill_value=0),
    )


# ----------------------------------------------------------------------------- relocation by hand
@pytest.mark.parametrize("explicit", [True, False])
def test_relocation_with_a_sunset_by_hand(explicit):
    """成都 found the project, 德阳 hosts it: 成都 gets 40 % of the new local tax 2026–2028, then
    nothing. Explicit agreement, or the 假设 default with the same terms."""
    deal = Agreement(
        "AG-R", "迁入项目分享", Coverage.RELOCATION, [A, B], candidate_ids=["MC-R"],
        tax_split={2026: {A: 40.0, B: 60.0}}, start_year=2026, sunset_year=2028,
        settlement=SettlementMethod.TRANSFER,
    )  # fmt: skip
    p = relocation_project(deal if explicit else None)
    assert not [x for x in validate(p) if x.code.startswith("sharing.")]
    eng = ProjectionEngine(p)
    st = eng.state("S")
    out = st.d_cand[0, :5]  # gross direct output 2026–2030, 亿元
    assert out[-1] > 0

    # By hand from the parameters: 现代服务业 (not a western-encouraged sector: CIT 25 %).
    def v(k):
        return parameter_value(p, k) / 100

    va = v("sector.va_ratio.现代服务业")
    vat = (
        out
        * va
        * v("tax.vat_base_share")
        * v("tax.vat_rate.现代服务业")
        * (1 - v("tax.vat_central_share"))
    )
    cit = out * va * v("tax.profit_share") * v("tax.cit_rate") * (1 - v("tax.cit_central_share"))
    local = vat + cit
    t = settlement_tables(p, "S", engine=eng)
    tax = t["tax"]
    to_a = tax[tax.party_code == A].groupby("year")["owed"].sum()
    at_b = tax[tax.party_code == B].groupby("year")["collected"].sum()
    np.testing.assert_allclose(at_b.to_numpy(), local[at_b.index - 2026], rtol=1e-9)
    share = np.array([0.4, 0.4, 0.4, 0.0, 0.0])
    np.testing.assert_allclose(
        to_a.reindex(range(2026, 2031), fill_value=0.0), local * share, rtol=1e-9
    )
    moves = t["transfers"].set_index("year")
    assert list(moves.index) == [y for y in (2026, 2027, 2028) if local[y - 2026] > 0]
    assert (moves.from_code == B).all() and (moves.to_code == A).all()
    np.testing.assert_allclose(moves.amount, 0.4 * local[moves.index - 2026], rtol=1e-9)
    stat = t["statistics"]  # GDP by location: 德阳 books all of it
    assert (stat[stat.party_code == A].booked_gdp == 0).all()
    assert t["tax"].assumed.all() != explicit


def _park_tax(eng):
    block = eng.block("基准方案", "fiscal", "tax")
    return block.parts[PARTS.index("park_share")].sum(axis=1)


def test_agreement_edits_move_the_engine_through_the_one_command_path(sample_project):
    p = sample_project
    eng = ProjectionEngine(p)
    before = _park_tax(eng)
    inverse, changes = SetValue(
        ("agreements", "AG-P-01", "tax_split", 2029), {"510100": 90.0, "512002": 10.0}
    ).apply(p)
    assert changes.parts == {"agreements"}
    eng.apply(changes)
    after = _park_tax(eng)
    assert not np.allclose(before, after)
    inverse.apply(p)
    eng.apply(changes)
    np.testing.assert_allclose(_park_tax(eng), before)


def test_a_sunset_returns_a_park_to_location_in_the_engine(sample_project):
    p = sample_project
    df0 = project_effects(p, "基准方案")
    p.agreement("AG-P-01").sunset_year = 2027
    df1 = project_effects(p, "基准方案")

    def cd(df, y):
        m = (
            (df.region_code == "510100")
            & (df.component == "park_share")
            & (df.basis == "statistical")
            & (df.metric == "gdp")
            & (df.year == y)
        )
        return float(df[m].value.sum())

    assert cd(df0, 2030) > 0 and cd(df1, 2030) == 0.0  # 成都 is no location of P-01
    assert cd(df1, 2027) == pytest.approx(cd(df0, 2027))


# ----------------------------------------------------------------------------- fund returns
def test_fund_distributions_equal_cash_available_times_keys(sample_project):
    p = sample_project
    d = fund_distributions(p, "基准方案")
    total = sum(c.amount for c in p.fund.contributions)
    for c in p.fund.contributions:
        np.testing.assert_allclose(d[f"to_{c.region_code}"], d["available"] * c.amount / total)
    np.testing.assert_allclose(d.filter(like="to_").sum(axis=1), d["available"])
    # another agreed key
    p.fund.distribution_key = {"510100": 60.0, "500103": 40.0}
    d = fund_distributions(p, "基准方案")
    np.testing.assert_allclose(d["to_510100"], 0.6 * d["available"])
    np.testing.assert_allclose(d["to_500103"], 0.4 * d["available"])
    assert not [c for c in d.columns if c.startswith("to_") and c not in ("to_510100", "to_500103")]


def test_fund_flows_by_hand_and_accounts_add_up():
    p = relocation_project()
    p.fund.management_fee_pct = 0.0
    f = fund_flows(p, p.scenarios[0])
    hold = parameter_value(p, "fund.exit_years.building")
    mult = parameter_value(p, "fund.exit_multiple.building")
    dy = parameter_value(p, "fund.dividend_yield") / 100
    exit_year = 2026 + round(hold)
    assert f.years[-1] == exit_year and f.exits[-1] == pytest.approx(5.0 * mult)
    assert f.dividends[1] == pytest.approx(5.0 * dy) and f.dividends[-1] == 0.0
    acc = fund_accounts(p, "S")
    cd = acc[acc.region_code == A].set_index("year")
    assert cd.paid_in.sum() == pytest.approx(5.0 * 0.6)
    assert cd.received_back.sum() == pytest.approx(
        0.6 * (5.0 * mult + 5.0 * dy * (round(hold) - 1))
    )
    assert acc[acc.region_code == B].invested_in.sum() == pytest.approx(5.0)
    perf = fund_performance(p, "S").iloc[0]
    assert perf.dpi == pytest.approx(f.available.sum() / 5.0)
    flows = f.available - f.called
    assert np.sum(flows / (1 + perf.irr_pct / 100) ** np.arange(len(flows))) == pytest.approx(
        0.0, abs=1e-9
    )
    assert np.isnan(irr(np.array([1.0, 2.0])))


def test_recycled_capital_pays_later_calls_instead_of_the_cities(sample_project):
    p = sample_project
    p.assumptions["fund.recycle_share"].value = 100.0
    p.assumptions["fund.exit_years.team"].value = 2.0
    f = fund_flows(p, p.scenarios[0])
    assert f.recycled.sum() > 0
    used = f.invested.sum() + f.fees.sum() - f.called.sum()  # calls the recycled cash paid
    assert 0 < used <= f.recycled.sum() + 1e-9
    # every yuan of proceeds reaches the cities once: distributed, or paying their calls
    assert f.available.sum() + used == pytest.approx(f.dividends.sum() + f.exits.sum())


# ----------------------------------------------------------------------------- checks
def _codes(p):
    return {x.code: x for x in validate(p)}


def test_checks_name_what_and_where_in_chinese(sample_project):
    p = sample_project
    deal = copy.deepcopy(p.agreements[0])
    deal.id, deal.name = "AG-X", "成德协议"
    deal.parties.append("999999")
    deal.tax_split[2030] = {"512002": 50.0, "510100": 40.0}
    p.agreements.append(deal)
    found = _codes(p)
    assert "“999999”不在项目地区中" in found["sharing.unknown_party"].zh
    assert "成德协议" in found["sharing.unknown_party"].zh
    assert (
        found["sharing.tax_split_sum"].zh
        == "利益分享协议“成德协议” 2030 年新增税收地方分享部分分成合计 90%，应为 100%"
    )
    assert found["sharing.tax_split_sum"].path == ("agreements", "AG-X", "tax_split", 2030)
    overlap = found["sharing.overlap"].zh
    assert "成都—资阳飞地产业园" in overlap and "成德协议" in overlap and "重叠" in overlap
    p.agreements[1].tax_split[2028]["central"] = 10.0
    assert "中央分享部分不随协议改变" in _codes(p)["sharing.central"].zh


def test_new_agreement_is_one_undoable_insert(sample_project):
    p = sample_project
    deal = Agreement(
        "AG-N", "新协议", Coverage.CANDIDATES, ["510100"], candidate_ids=[p.candidates[0].id]
    )
    before = copy.deepcopy(p)
    inverse, changes = InsertItem(("agreements",), deal).apply(p)
    assert p.agreement("AG-N") is not None and changes.parts == {"agreements"}
    inverse.apply(p)
    assert p == before
