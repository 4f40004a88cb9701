"""Agreements over candidates in the projection table: 异地流转, innovation transfers and candidate
sets move the covered unit's statistical GDP and local tax exactly as the settlement forms do,
conserve what they divide, follow edits, and say when a 假设 default is used."""

from __future__ import annotations

import copy

import numpy as np
import pytest

from tests.core.test_sharing import A, B, _sample_with_all_kinds, relocation_project
from workbench.core.edits import SetValue
from workbench.core.enums import Coverage, GdpRule, SettlementMethod
from workbench.core.projections import ProjectionEngine
from workbench.core.projections.state import ROW
from workbench.core.projections.vocabulary import PARTS
from workbench.core.sharing import settlement_tables
from workbench.core.sharing.model import Agreement

SC = "基准方案"
DIRECT = PARTS.index("direct")


def _local(eng, scenario, part=None):
    """(units × years) city + province tier of the local tax (one component or the total)."""
    out = []
    for basis in ("fiscal", "fiscal_province"):
        b = eng.block(scenario, basis, "tax")
        out.append(b.total() if part is None else b.parts[part])
    return out[0] + out[1]


def _sample(sample_project):
    """All kinds of agreement, the innovation transfer between two planning units (the shared
    fixture's origin, 510100, is the unit its host county 510107 belongs to: nothing would move)."""
    p = _sample_with_all_kinds(sample_project)
    inno = p.agreement("AG-INNO")
    swap = {"510100": "500103"}

    def moved(d):
        return {swap.get(k, k): v for k, v in d.items()}

    inno.parties = [swap.get(c, c) for c in inno.parties]
    inno.gdp_split = moved(inno.gdp_split)
    inno.tax_split = {y: moved(d) for y, d in inno.tax_split.items()}
    inno.tax_split_by_tax = {
        t: {y: moved(d) for y, d in s.items()} for t, s in inno.tax_split_by_tax.items()
    }
    return p


def _candidate_deals_only_location(p):
    """The same project with its candidate agreements and relocations taken away."""
    p.agreements = [a for a in p.agreements if a.coverage is Coverage.PARK]
    for c in p.candidates:
        c.origin_region = ""
    return p


def test_candidate_agreements_move_tax_and_conserve_it(sample_project):
    p = _sample(sample_project)
    bare = _candidate_deals_only_location(copy.deepcopy(p))
    eng, ref = ProjectionEngine(p), ProjectionEngine(bare)
    for k in range(len(PARTS)):  # every component: the circle's local tax is unchanged
        np.testing.assert_allclose(
            _local(eng, SC, k).sum(axis=0), _local(ref, SC, k).sum(axis=0), rtol=1e-10, atol=1e-12
        )
    moved = np.abs(_local(eng, SC, DIRECT) - _local(ref, SC, DIRECT)).max()
    assert moved > 1e-4  # and yet it moved between the parties
    loc, loc_ref = (e.block(SC, "location", "tax").total() for e in (eng, ref))
    np.testing.assert_array_equal(loc, loc_ref)  # where it is raised does not change


def test_statistical_gdp_adds_to_the_location_sum_except_counted_in_full(sample_project):
    p = _sample(sample_project)
    eng = ProjectionEngine(p)
    st = eng.state(SC)
    stat, loc = eng.block(SC, "statistical", "gdp"), eng.block(SC, "location", "gdp")
    # 全额双核算 (AG-SET, from 2027 on nothing limits it): the second party records it in full too
    c3 = p.agreement("AG-SET").candidate_ids[0]
    i = eng.structure.cand_ids.index(c3)
    ny = len(st.params.years)
    extra = st.d_cand[i, :ny] * st.k[ROW["gdp"], i]  # the covered unit's gross GDP, once more
    got = stat.parts[DIRECT].sum(axis=0) - loc.parts[DIRECT].sum(axis=0)
    np.testing.assert_allclose(got, extra, rtol=1e-10, atol=1e-12)
    rows = [eng.structure.unit_index[code] for code in p.agreement("AG-SET").parties]
    assert stat.counted_in_full[rows].all()  # flagged not summable, as a park party is
    # Without 全额双核算 the statistical GDP of the circle is the location GDP, every year
    p.agreement("AG-SET").gdp_rule = GdpRule.LOCATION
    eng.invalidate()
    st = eng.state(SC)
    stat, loc = eng.block(SC, "statistical", "gdp"), eng.block(SC, "location", "gdp")
    add = PARTS.index("additionality")
    for k in (DIRECT, add):
        park = 0.0  # parks' own additionality under their rules (their test is elsewhere)
        if k == add:
            park = sum(
                (net.stat["gdp"] - gross.stat["gdp"] - net.loc["gdp"] + gross.loc["gdp"])
                for net, gross in [(st.parks_net, st.parks)]
            ).sum(axis=0)
        np.testing.assert_allclose(
            stat.parts[k].sum(axis=0) - loc.parts[k].sum(axis=0), park, rtol=1e-9, atol=1e-12
        )
    assert not np.allclose(stat.parts[DIRECT], loc.parts[DIRECT])  # AG-INNO splits 30/70


@pytest.mark.parametrize("explicit", [True, False])
def test_relocation_with_a_sunset_in_the_projection_table(explicit):
    """成都 gets 40 % of the local tax increment 2026–2028 in the table, as in the settlement."""
    deal = Agreement(
        "AG-R", "迁入项目分享", Coverage.RELOCATION, [A, B], candidate_ids=["MC-R"],
        tax_split={2026: {A: 40.0, B: 60.0}}, start_year=2026, sunset_year=2028,
        settlement=SettlementMethod.TRANSFER,
    )  # fmt: skip
    p = relocation_project(deal if explicit else None)
    eng = ProjectionEngine(p)
    df = eng.results("S")
    direct = df[(df.component == "direct") & df.basis.isin(["fiscal", "fiscal_province"])]
    to_a = direct[direct.region_code == A].groupby("year")["value"].sum()
    all_local = direct.groupby("year")["value"].sum()
    share = np.array([0.4, 0.4, 0.4, 0.0, 0.0])
    assert all_local.iloc[-1] > 0
    np.testing.assert_allclose(to_a.to_numpy(), all_local.to_numpy() * share, rtol=1e-9)
    owed = settlement_tables(p, "S", engine=eng)["tax"]
    owed_a = owed[owed.party_code == A].groupby("year")["owed"].sum()
    np.testing.assert_allclose(
        to_a.to_numpy(), owed_a.reindex(to_a.index, fill_value=0.0).to_numpy(), rtol=1e-9
    )
    gdp = df[(df.basis == "statistical") & (df.metric == "gdp") & (df.region_code == A)]
    assert (gdp.value == 0).all()  # GDP stays by location
    said = [zh for zh, _en in df.attrs["notes"] if "假设" in zh and "迁入项目" in zh]
    assert bool(said) != explicit  # the default is said in the notes; an agreement is not


def test_edits_to_a_covering_agreement_and_allocations_reach_the_table():
    deal = Agreement(
        "AG-R", "迁入项目分享", Coverage.RELOCATION, [A, B], candidate_ids=["MC-R"],
        tax_split={2026: {A: 40.0, B: 60.0}}, start_year=2026, sunset_year=2028,
    )  # fmt: skip
    p = relocation_project(deal)
    eng = ProjectionEngine(p)
    a_row = eng.structure.unit_index[A]

    def to_a():
        return eng.block("S", "fiscal", "tax").parts[DIRECT][a_row]

    before = to_a()
    assert before[2] > 0
    inverse, changes = SetValue(("agreements", "AG-R", "sunset_year"), 2027).apply(p)
    eng.apply(changes)
    assert to_a()[2] == 0.0 and to_a()[1] == pytest.approx(before[1])
    inverse.apply(p)
    eng.apply(changes)
    np.testing.assert_allclose(to_a(), before)
    _inv, changes = SetValue(
        ("scenarios", "S", "allocations", ("MC-R", 2026, "equity"), "amount"), 10.0
    ).apply(p)
    eng.apply(changes)  # the incremental path: the shares apply to the updated direct output
    np.testing.assert_allclose(
        to_a(), ProjectionEngine(p).block("S", "fiscal", "tax").parts[DIRECT][a_row]
    )
    assert to_a()[2] > before[2]


@pytest.mark.parametrize("basis", ["statistical", "fiscal", "fiscal_province"])
def test_net_view_steps_still_add_up_with_candidate_agreements(sample_project, basis):
    from workbench.core.net_effects import ADDITIONALITY_STEPS
    from workbench.core.projections.net_view import net_split

    eng = ProjectionEngine(_sample(sample_project))
    metric = "gdp" if basis == "statistical" else "tax"
    split = net_split(eng, SC, basis, metric)
    block = eng.block(SC, basis, metric)
    steps = sum(split.values[k] for k in ADDITIONALITY_STEPS)
    np.testing.assert_allclose(split.values["gross"] + steps, split.values["net"], atol=1e-12)
    np.testing.assert_allclose(steps, block.parts[PARTS.index("additionality")], atol=1e-12)
    np.testing.assert_allclose(split.values["net"], block.total(), atol=0)
