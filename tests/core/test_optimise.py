"""The optimiser on hand-solved cases and on the sample: what a planner must be able to trust.

The hand cases fund one year with one instrument, so each unit's value per 亿元 is a single number
w (checked against the engine funding that unit alone) and the optimum can be worked out on paper.
"""

from __future__ import annotations

import copy

import numpy as np
import pytest

from workbench.core.assumptions import default_assumptions
from workbench.core.enums import Instrument, Level, Status, UnitType
from workbench.core.model import (
    Allocation,
    Candidate,
    CommitteeRules,
    Contribution,
    Fund,
    Project,
    Region,
    Scenario,
)
from workbench.core.optimise import (
    Spec,
    SpecError,
    optimise,
    parse_objective,
    parse_target,
    violations,
)
from workbench.core.optimise.model import build
from workbench.core.optimise.responses import Responses, objective_value, responses
from workbench.core.optimise.solve import amounts, solve
from workbench.core.optimise.spec import apply_constraint

A, B, C = "510100", "510600", "510700"
GDP = parse_objective("gdp_net:2030")


def hand_project() -> Project:
    """Three approved units in three cities; no fees, caps or tranches unless a test sets them."""
    regions = [
        Region("510000", "四川省", Level.PROVINCE),
        Region(A, "成都市", Level.PREFECTURE, "510000", lon=104.07, lat=30.66),
        Region(B, "德阳市", Level.PREFECTURE, "510000", lon=104.40, lat=31.13),
        Region(C, "绵阳市", Level.PREFECTURE, "510000", lon=104.68, lat=31.47),
    ]
    approved = Status.APPROVED
    return Project(
        name="hand",
        regions=regions,
        candidates=[
            Candidate(
                "MC-A", "甲", UnitType.PARK, A, "食品饮料", requested_funding=4.0, status=approved
            ),
            Candidate(
                "MC-B", "乙", UnitType.TEAM, B, "生物医药", requested_funding=3.0, status=approved
            ),
            Candidate(
                "MC-C",
                "丙",
                UnitType.STREET,
                C,
                "现代服务业",
                requested_funding=2.0,
                status=approved,
            ),
        ],
        fund=Fund(
            size=30.0,
            contributions=[Contribution(A, 20.0), Contribution(B, 10.0)],
            rules=CommitteeRules(
                max_project_share=None, max_investee_equity=None, tranche_gate=None
            ),
            management_fee_pct=0.0,
            leverage=1.5,
        ),
        scenarios=[Scenario("S")],
        assumptions=default_assumptions(),
    )


def hand_spec(**kw) -> Spec:
    return Spec(GDP, years=(2026,), instruments=("equity",), **kw)


def weights(project: Project) -> dict[str, float]:
    r = responses(project, project.scenarios[0], GDP)
    return {cid: float(r.weights[k, 0, 0]) for k, cid in enumerate(r.cand_ids)}


def cells(result) -> dict[str, float]:
    return {a.candidate_id: a.amount for a in result.scenario.allocations}


def test_per_unit_responses_equal_the_engine_funding_one_unit_alone(sample_project):
    sc = sample_project.scenarios[1]
    for goal in ("gdp_net:2030", "tax_local:2026-2030", "jobs:2029@510100", "gdp_net:2033"):
        ob = parse_objective(goal)
        r = responses(sample_project, sc, ob)
        for ci in (0, 4, 30, 55):
            for t in (0, 2):
                for i, inst in enumerate(Instrument):
                    alone = copy.copy(sc)
                    alone.allocations = [Allocation(r.cand_ids[ci], 2026 + t, 1.0, inst)]
                    v = objective_value(sample_project, alone, ob) - r.constant
                    assert v == pytest.approx(r.weights[ci, t, i], rel=1e-9, abs=1e-12)


def test_hand_case_the_minimum_ticket_changes_the_optimum():
    """Budget 6, requests A 4 / B 3 / C 2, ticket 1.5, and wC > wB > wA > wB / 3.

    Without the ticket: C 2, B 3, A 1 (best value per 亿元 first). With it, A's 1 is not allowed:
    either leave 1 unspent (C 2, B 3) or give A 1.5 out of B (C 2, B 2.5, A 1.5), which is better
    by 1.5 wA − 0.5 wB > 0; moving more from B to A only loses wB − wA per 亿元. So: C 2, B 2.5,
    A 1.5.
    """
    p = hand_project()
    w = weights(p)
    assert w["MC-C"] > w["MC-B"] > w["MC-A"] > w["MC-B"] / 3
    lp = optimise(p, "S", hand_spec(budget=6.0))
    assert cells(lp) == pytest.approx({"MC-C": 2.0, "MC-B": 3.0, "MC-A": 1.0})
    r = optimise(p, "S", hand_spec(budget=6.0, min_ticket=1.5))
    assert r.status == "optimal"
    assert cells(r) == pytest.approx({"MC-C": 2.0, "MC-B": 2.5, "MC-A": 1.5}, abs=1e-7)
    expected = 2 * w["MC-C"] + 2.5 * w["MC-B"] + 1.5 * w["MC-A"]
    assert r.exact_value == pytest.approx(expected, rel=1e-9)  # no links: the model is exact
    assert r.linear_value == pytest.approx(r.exact_value, rel=1e-9)
    assert r.errors == []


def test_hand_case_city_limit_and_lifted_request():
    """Requests lifted, budget 6, 绵阳 (C) limited to 10% of the 30 fund = 3: C 3, then B 3."""
    p = hand_project()
    p.fund.rules.city_limits = {C: 10.0}
    r = optimise(p, "S", hand_spec(budget=6.0, lift_requests=True))
    assert cells(r) == pytest.approx({"MC-C": 3.0, "MC-B": 3.0}, abs=1e-7)
    assert r.errors == []


def test_reverse_target_reaches_it_with_the_least_money():
    """Target 2 wC + wB: cheapest is C's whole request (2) then 1 of B: 3 亿元."""
    p = hand_project()
    w = weights(p)
    target = 2 * w["MC-C"] + w["MC-B"]
    r = optimise(p, "S", hand_spec(target=parse_target(f"gdp_net:2030={target!r}")))
    assert r.money == pytest.approx(3.0, abs=1e-6)
    assert cells(r) == pytest.approx({"MC-C": 2.0, "MC-B": 1.0}, abs=1e-6)
    assert r.exact_value >= target - 1e-9


def test_reverse_target_on_the_sample_is_met_by_the_engine(sample_project):
    """With chain links the linear model over-counts; the engine's value must still reach it."""
    spec = Spec(GDP, target=parse_target("gdp_net:2030=12"))
    r = optimise(sample_project, "基准方案", spec)
    assert r.ok and r.errors == []
    assert r.exact_value >= 12 - 1e-9
    assert r.money < sum(a.amount for a in sample_project.scenarios[0].allocations)


def test_unreachable_target_names_the_shortfall_and_the_rules_at_their_limit():
    p = hand_project()
    w = weights(p)
    best = 4 * w["MC-A"] + 3 * w["MC-B"] + 2 * w["MC-C"]  # every request in full
    r = optimise(p, "S", hand_spec(target=parse_target(f"gdp_net:2030={best + 1!r}")))
    assert r.status == "infeasible" and r.scenario is None
    assert r.binding[0].family == "target"
    assert r.binding[0].amount == pytest.approx(1.0, rel=1e-6)
    assert {b.family for b in r.binding[1:]} == {"request"}


def test_infeasible_rules_name_the_binding_rule_and_by_how_much():
    """返投 ×0.3 asks 成都 (the only contributor here) for 6 亿元, but the planner's budget is 5:
    one of the two gives 1 亿元."""
    p = hand_project()
    p.fund.contributions = [Contribution(A, 20.0)]
    r = optimise(p, "S", hand_spec(budget=5.0, return_multiple=0.3, lift_requests=True))
    assert r.status == "infeasible"
    assert len(r.binding) == 1
    assert r.binding[0].family in {"return", "budget"}
    assert r.binding[0].amount == pytest.approx(1.0, rel=1e-6)
    # A locked cell above the budget: only the budget can give, by the excess.
    r = optimise(p, "S", hand_spec(budget=2.0, locked={("MC-A", 2026, "equity"): 3.5}))
    assert [(b.family, b.key, round(b.amount, 6)) for b in r.binding] == [
        ("budget", "planner", 1.5)
    ]


def test_locked_cells_are_kept_and_other_statuses_stay_out():
    p = hand_project()
    p.candidates[0].status = Status.SHORTLISTED
    r = optimise(p, "S", hand_spec(budget=6.0))
    assert "MC-A" not in cells(r)
    locked = {("MC-A", 2026, "equity"): 0.7}
    r = optimise(p, "S", hand_spec(budget=6.0, locked=locked))
    assert cells(r)["MC-A"] == pytest.approx(0.7)
    assert cells(r)["MC-C"] == pytest.approx(2.0) and cells(r)["MC-B"] == pytest.approx(3.0)


def test_tranche_gates_and_fees_hold_in_the_proposal(sample_project):
    """The sample has five tranches with a 60% gate and a 2% fee: the proposal validates."""
    for statuses in ((Status.APPROVED,), (Status.APPROVED, Status.SHORTLISTED)):
        spec = Spec(GDP, statuses=statuses, min_ticket=0.3)
        r = optimise(sample_project, "基准方案", spec)
        assert r.status == "optimal" and r.errors == []
        assert violations(sample_project, r.scenario, spec) == []


ALL = (Status.APPROVED, Status.SHORTLISTED, Status.CANDIDATE)


@pytest.mark.parametrize("goal", ["gdp_net:2030", "tax_local:2026-2030", "jobs:2030"])
def test_optimum_beats_every_hand_made_and_random_feasible_scenario(sample_project, goal):
    spec = Spec(parse_objective(goal), statuses=ALL)
    r = optimise(sample_project, "基准方案", spec)
    assert r.ok and r.errors == []
    for sc in sample_project.scenarios:
        if sc.park_ids == sample_project.scenarios[0].park_ids and not violations(
            sample_project, sc, spec
        ):
            assert r.exact_value >= objective_value(sample_project, sc, spec.objective) - 1e-9
    base = sample_project.scenarios[0]
    rng = np.random.default_rng(7)
    real = responses(sample_project, base, spec.objective)
    checked = 0
    for _ in range(6):
        noise = Responses(real.cand_ids, rng.random(real.weights.shape), 0.0)
        model = build(sample_project, base, spec, noise, prune=False)
        vertex = amounts(model, solve(model).x)
        for scale in (1.0, 0.6):  # a vertex of the rules, then the same scaled down when it fits
            rand = copy.deepcopy(base)
            rand.allocations = [
                Allocation(cid, y, v * scale * rng.uniform(0.9, 1.0) ** (scale < 1), Instrument(i))
                for (cid, y, i), v in vertex.items()
            ]
            if violations(sample_project, rand, spec):
                assert scale < 1  # only scaling down may miss a tranche gate
                continue
            checked += 1
            assert r.exact_value >= objective_value(sample_project, rand, spec.objective) - 1e-9
    assert checked >= 6


def test_spec_text_forms_and_bad_ones():
    ob = parse_objective("tax_local:2026-2030@510100")
    assert ob.years == (2026, 2027, 2028, 2029, 2030) and ob.region == "510100"
    assert parse_target("gdp_net:2030=80").value == 80
    spec = Spec()
    for text in (
        "status=approved,入围",
        "lift_requests",
        "min_ticket=0.5",
        "city_max:510100=20",
        "sector_max:数字经济=15",
        "lock:MC-0001:2027:equity=1.2",
        "years=2026-2028",
    ):
        apply_constraint(spec, text)
    assert spec.statuses == (Status.APPROVED, Status.SHORTLISTED) and spec.lift_requests
    assert spec.locked == {("MC-0001", 2027, "equity"): 1.2} and spec.years == (2026, 2027, 2028)
    for bad in ("gdp:2030", "gdp_net:1999", "gdp_net:x"):
        with pytest.raises(SpecError):
            parse_objective(bad)
    for bad in ("min_ticket=-1", "status=maybe", "nonsense", "lock:MC-1:2027:cash=1"):
        with pytest.raises(SpecError):
            apply_constraint(Spec(), bad)


def test_proposal_as_one_undoable_edit_and_as_a_new_scenario(sample_project):
    from workbench.core.allocation_sums import allocation_sums
    from workbench.core.optimise.proposal import as_edit, as_new_scenario, by_candidate, by_city

    spec = Spec(GDP, statuses=ALL)
    r = optimise(sample_project, "基准方案", spec)
    current = sample_project.scenario("基准方案")
    before = dict(allocation_sums(current).amounts)
    per_cand = by_candidate(sample_project, current, r.scenario)
    per_city = by_city(sample_project, current, r.scenario, GDP)
    assert per_cand["difference"].sum() == pytest.approx(r.money - r.base_money)
    assert per_city["objective_difference"].sum() == pytest.approx(r.exact_value - r.base_value)
    inverse, changes = as_edit(current, r.scenario).apply(sample_project)
    assert changes.parts == frozenset({"allocations"})
    assert allocation_sums(current).amounts == pytest.approx(allocation_sums(r.scenario).amounts)
    assert objective_value(sample_project, current, GDP) == pytest.approx(r.exact_value)
    inverse.apply(sample_project)
    assert allocation_sums(current).amounts == pytest.approx(before)
    as_new_scenario(sample_project, r.scenario, "优化").apply(sample_project)
    assert sample_project.scenario("优化").allocations == r.scenario.allocations


def test_marginal_responses_are_the_engines_slope_at_a_solution(sample_project, monkeypatch):
    """With chain links the funded-target rule makes the objective piecewise linear; the polish
    step's slope must match the engine's finite difference at the proposal."""
    from workbench.core.optimise.responses import marginal_responses

    spec = Spec(GDP, statuses=ALL)
    r = optimise(sample_project, "基准方案", spec)
    slope = marginal_responses(sample_project, r.scenario, GDP)
    row = {cid: i for i, cid in enumerate(slope.cand_ids)}
    inst = {x.value: k for k, x in enumerate(Instrument)}
    base = objective_value(sample_project, r.scenario, GDP)
    checked = 0
    for a in r.scenario.allocations[:12]:
        w = slope.weights[row[a.candidate_id], a.year - 2026, inst[a.instrument.value]]
        moved = copy.deepcopy(r.scenario)
        for b in moved.allocations:
            if b.key == a.key:
                b.amount += 1e-6
        fd = (objective_value(sample_project, moved, GDP) - base) / 1e-6
        assert fd == pytest.approx(w, rel=1e-3, abs=1e-6)
        checked += 1
    assert checked >= 5
    # polishing only ever keeps a better answer than the stand-alone one
    import workbench.core.optimise as opt

    monkeypatch.setattr(opt, "POLISH_ROUNDS", 0)
    plain = optimise(sample_project, "基准方案", spec)
    assert r.exact_value > plain.exact_value
    assert r.linear_value <= plain.linear_value * (1 + spec.gap)  # plain maximised it
