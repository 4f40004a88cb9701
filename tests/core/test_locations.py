"""Problem locations in words: every path shape validation emits reads as words, never as a tuple."""

from __future__ import annotations

import copy

import pytest

from workbench.core.enums import Coverage, GdpRule, Instrument, Status, UnitType
from workbench.core.locations import Describer, describe
from workbench.core.model import Allocation, ChainLink, Contribution, Tranche
from workbench.core.validation import validate

RAW = ("(", "'", "scenarios.", "allocations.", "[", "None")


def _alloc_breaks(p):
    sc = p.scenarios[0]
    cid = p.candidates[0].id
    sc.allocations += [
        Allocation(cid, 2031, 0.1, Instrument.EQUITY),
        Allocation(cid, 2029, -0.5, Instrument.TALENT),
        Allocation("nobody", 2027, 0.1, Instrument.EQUITY),
        Allocation(
            sc.allocations[0].candidate_id,
            sc.allocations[0].year,
            0.1,
            sc.allocations[0].instrument,
        ),
    ]


def _totals(p):
    sc = p.scenarios[0]
    rules = p.fund.rules
    rules.max_project_share = 1.0
    rules.type_limits[UnitType.TEAM.value] = 0.5
    rules.city_limits["510100"] = 0.1
    rules.min_return_share = 30.0
    for i, c in enumerate(p.candidates[:30]):
        sc.allocations.append(Allocation(c.id, 2026 + i % 5, 5.0, Instrument.TECHNOLOGY))


def _rejected(p):
    c = next(c for c in p.candidates if c.status is Status.REJECTED)
    for year in (2027, 2028):
        for inst in (Instrument.EQUITY, Instrument.TALENT):
            p.scenarios[0].allocations.append(Allocation(c.id, year, 0.1, inst))
            p.scenarios[1].allocations.append(Allocation(c.id, year, 0.1, inst))


def _fund(p):
    p.fund.size = -1
    p.fund.contributions.append(Contribution("999999", -2.0))
    p.fund.rules.max_project_share = 140
    p.fund.rules.type_limits["team"] = -5
    p.fund.rules.city_limits["510100"] = 400
    p.fund.rules.tranches.append(Tranche(2035, -1.0))
    p.fund.leverage = -1
    p.fund.management_fee_pct = 300


def _candidates_and_links(p):
    c, d = p.candidates[0], p.candidates[1]
    c.name = " "
    d.region_code = "123456"
    d.sector = "不存在的产业"
    d.baseline_jobs = -3
    d.criteria["nonsense"] = 120
    d.decisions = [*d.decisions[:-1]] if d.decisions else d.decisions
    c.status = Status.APPROVED if c.status is not Status.APPROVED else Status.REJECTED
    kind = p.links[0].kind
    p.links += [
        ChainLink("X1", c.id, "MC-9999", kind, 0.1),
        ChainLink("X2", c.id, c.id, kind, 0.1),
        ChainLink("X3", c.id, d.id, kind, 1.5),
    ]
    p.candidates.append(p.candidates[2])


def _parks(p):
    enclave, cobuilt = p.parks
    a_enclave, a_cobuilt = p.agreements
    a_enclave.gdp_rule = GdpRule.SPLIT
    a_enclave.gdp_split["510100"] = 70.0
    a_enclave.gdp_split["500103"] = -1.0
    enclave.host = "000000"
    enclave.partners.append("000001")
    enclave.investment[2031] = -2.0
    enclave.area_km2 = -1
    a_enclave.existing_tax_base = -1
    a_enclave.parties.append("000001")
    a_enclave.start_year, a_enclave.sunset_year = 2027, 2020
    a_enclave.tax_split_by_tax["land"] = {2026: {"510100": 100.0}}
    a_cobuilt.tax_split[2027]["500112"] = 40.0
    a_cobuilt.tax_split[2036] = {"510100": 100.0}
    a_cobuilt.tax_split[2026] = {"510100": 50.0, "500103": 50.0}
    a_cobuilt.parties.append("central")
    cobuilt.equity["500112"] = 10.0
    cobuilt.partners = []
    a_cobuilt.coverage = Coverage.RELOCATION
    a_cobuilt.candidate_ids = ["MC-404", p.candidates[0].id]
    p.agreements.append(copy.deepcopy(a_cobuilt))
    p.agreements[-1].id = "AG-dup"


def _scenarios_and_assumptions(p):
    sc = p.scenarios[0]
    sc.park_ids.append("P-404")
    sc.assumption_overrides["no.such.parameter"] = 1.0
    sc.assumption_overrides["tax.vat_central_share"] = float("nan")
    p.assumptions["tax.cit_central_share"].value = 150
    p.scenarios[1].assumption_overrides["network.spillover_share"] = 100.0
    p.scenarios[1].assumption_overrides["network.decay_km"] = 0.0
    p.scenarios.append(p.scenarios[0])


BREAKERS = [_alloc_breaks, _totals, _rejected, _fund, _candidates_and_links, _parks]
BREAKERS.append(_scenarios_and_assumptions)


@pytest.fixture
def broken(sample_project):
    """Every breaker's problems, with their descriptions in both languages."""
    import copy

    out = []
    for breaker in BREAKERS:
        p = copy.deepcopy(sample_project)
        breaker(p)
        zh, en = Describer(p, "zh"), Describer(p, "en")
        out += [(p, pr, zh.describe(pr.path), en.describe(pr.path)) for pr in validate(p)]
    return out


def test_every_problem_location_reads_as_words(broken):
    codes = {pr.code for _, pr, _, _ in broken}
    # The broken projects reach every path shape the rules emit.
    assert codes >= {
        "alloc.year", "alloc.negative", "alloc.unknown_candidate", "alloc.duplicate",
        "alloc.project_cap", "alloc.type_cap", "alloc.city_cap", "alloc.min_return",
        "alloc.over_fund", "alloc.tranche", "alloc.rejected",
        "fund.size", "fund.contribution_negative", "fund.unknown_region", "rules.percent",
        "rules.tranche_year", "rules.tranche_negative", "fund.leverage", "fund.fee",
        "candidate.name", "candidate.unknown_region", "candidate.unknown_sector",
        "candidate.negative", "candidate.unknown_criterion", "candidate.score_range",
        "candidate.status_log", "candidates.duplicate",
        "link.dangling", "link.self", "link.strength",
        "park.unknown_region", "park.no_partner", "park.negative", "park.year",
        "park.equity_sum",
        "sharing.gdp_split_sum", "sharing.gdp_split_sum_negative", "sharing.split_party",
        "sharing.tax_split_sum", "sharing.unknown_party", "sharing.negative", "sharing.year",
        "sharing.years", "sharing.tax", "sharing.central", "sharing.unknown_candidate",
        "sharing.no_origin", "sharing.overlap",
        "scenario.unknown_park", "scenario.unknown_assumption", "assumption.value",
        "assumption.percent", "scenarios.duplicate", "spillover.network_radius",
    }  # fmt: skip
    for _, pr, zh, en in broken:
        assert zh and en, pr
        for raw in RAW:
            assert raw not in zh, (pr.code, pr.path, zh)
        # English labels may hold parentheses of their own; tuple syntax is what must not show.
        for raw in ("('", "',", "scenarios.", "allocations.", "[", "None"):
            assert raw not in en, (pr.code, pr.path, en)


def test_an_allocation_names_scenario_city_candidate_year_and_instrument(broken):
    p, _pr, zh, en = next(b for b in broken if b[1].code == "alloc.negative")
    c = p.candidates[0]
    assert (
        zh
        == f"方案「{p.scenarios[0].name}」 · 成都市 · 候选 {c.id} {c.name} · 2029年 · {Instrument.TALENT.zh}"
    )
    assert f"candidate {c.id}" in en and "2029" in en and Instrument.TALENT.en in en
    (_, _, year_zh, _) = next(b for b in broken if b[1].code == "alloc.year")
    assert year_zh.endswith("· 年份") and "2031年" in year_zh


def test_aggregates_read_as_totals(broken):
    by_code = {}
    for _, pr, zh, _ in broken:
        by_code.setdefault(pr.code, []).append(zh)
    assert "方案「基准方案」 · 成都市 合计" in by_code["alloc.city_cap"]
    assert any(z.endswith("团队类 合计") for z in by_code["alloc.type_cap"])
    assert any("截至2026年 合计" in z or "年 合计" in z for z in by_code["alloc.tranche"])
    assert "方案「基准方案」 · 分配 合计" in by_code["alloc.over_fund"]
    assert all(z.endswith(" 合计") and "候选 MC-" in z for z in by_code["alloc.project_cap"])


def test_one_rejected_candidate_funded_several_times_gives_distinct_locations(sample_project):
    _rejected(sample_project)
    rejected = [pr for pr in validate(sample_project) if pr.code == "alloc.rejected"]
    where = Describer(sample_project)
    places = [where.describe(pr.path) for pr in rejected]
    assert len(rejected) == 8 and len({pr.zh for pr in rejected}) == 1  # same words, eight rows…
    assert len(set(places)) == 8  # …told apart by scenario, year and instrument
    assert any(
        "方案「双核加力」" in z and "2028年" in z and Instrument.TALENT.zh in z for z in places
    )


def test_parks_fund_candidates_and_parameters_in_words(sample_project):
    p = sample_project
    deal = p.agreements[1]
    cid = p.candidates[0].id
    assert describe(p, ("agreements", deal.id, "tax_split", 2027, "510100")) == (
        f"利益分享协议「{deal.name}」 · 新增税收分成 · 2027年 · 成都市"
    )
    assert describe(p, ("agreements", deal.id, "tax_split_by_tax", "cit", 2027), "en") == (
        f"agreement “{deal.name}” · split by tax · CIT · 2027"
    )
    assert describe(p, ("fund", "size")) == "基金规模"
    assert describe(p, ("fund", "contributions", "510100", "amount")) == "基金 · 出资 · 成都市"
    assert describe(p, ("fund", "rules", "type_limits", "team")) == "基金 · 类型上限 · 团队"
    assert describe(p, ("candidates", cid, "criteria", "linkage")).endswith("评分项「产业带动」")
    assert (
        describe(p, ("assumptions", "tax.vat_central_share", "value"))
        == "参数「增值税中央分享比例」"
    )
    assert describe(p, ("links",)) == "产业链链接"
    assert describe(p, ("mrio",), "en") == "input–output table"
    assert describe(p, ("project",)) == "整个项目"
    assert describe(
        p, ("scenarios", "基准方案", "assumption_overrides", "chain.strength_scale")
    ).startswith("方案「基准方案」 · 参数「")
