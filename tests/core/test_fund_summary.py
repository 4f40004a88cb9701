"""The fund figures a planner reads in the 基金 and 分配 panels, on a hand-computed project, without Qt:
contributions and their ratios, allocated and left by year, the status-bar numbers, the allocation
grid, and which allocation cells a broken committee rule points at."""

from __future__ import annotations

import numpy as np
import pytest

from workbench.core.enums import Instrument, Level, Severity, Status, UnitType
from workbench.core.fund_summary import (
    allocation_grid,
    breaches_by_cell,
    contributions,
    fund_by_year,
    status_numbers,
)
from workbench.core.model import (
    PLAN_YEARS,
    Allocation,
    Candidate,
    CommitteeRules,
    Contribution,
    Fund,
    Project,
    Region,
    Scenario,
    Tranche,
)
from workbench.core.validation import Problem, validate

EQ, TECH, TALENT = Instrument.EQUITY, Instrument.TECHNOLOGY, Instrument.TALENT


@pytest.fixture
def project() -> Project:
    """Fund of 100 亿元: 成都 40, 万州 35, 南充 25. Candidate A sits in 锦江区, a county of 成都, so it
    counts for 成都's city cap; B is a 万州 street, C a 成都 building, D a rejected 南充 team."""
    regions = [
        Region("510000", "四川省", Level.PROVINCE),
        Region("510100", "成都市", Level.PREFECTURE, parent="510000"),
        Region("510104", "锦江区", Level.COUNTY, parent="510100"),
        Region("511300", "南充市", Level.PREFECTURE, parent="510000"),
        Region("500000", "重庆市", Level.PROVINCE),
        Region("500101", "万州区", Level.COUNTY, parent="500000"),
    ]
    cands = [
        Candidate("A", "甲", UnitType.TEAM, "510104", "软件", status=Status.APPROVED),
        Candidate("B", "乙", UnitType.STREET, "500101", "软件", status=Status.APPROVED),
        Candidate("C", "丙", UnitType.BUILDING, "510100", "软件", status=Status.APPROVED),
        Candidate("D", "丁", UnitType.TEAM, "511300", "软件", status=Status.REJECTED),
    ]
    rules = CommitteeRules(
        max_project_share=16.0,  # 16 亿元
        max_investee_equity=None,
        type_limits={"street": 15.0},
        city_limits={"510100": 12.0},
        tranche_gate=None,
        tranches=[Tranche(2026, 30.0), Tranche(2028, 50.0), Tranche(2028, 20.0)],
    )
    fund = Fund(
        size=100.0,
        contributions=[
            Contribution("510100", 40.0),
            Contribution("500101", 35.0),
            Contribution("511300", 25.0),
        ],
        rules=rules,
    )
    scenario = Scenario(
        "基准方案",
        allocations=[
            Allocation("A", 2026, 10.0, EQ),
            Allocation("A", 2026, 5.0, TALENT),
            Allocation("A", 2027, 0.0, EQ),  # an empty cell is not a breach
            Allocation("B", 2027, 20.0, TECH),
            Allocation("C", 2027, 3.0, EQ),
            Allocation("D", 2029, 1.0, EQ),
        ],
    )
    return Project(regions=regions, candidates=cands, fund=fund, scenarios=[scenario])


def test_contributions_ratios_and_sum_check(project: Project) -> None:
    s = contributions(project)
    assert [(r.region_code, r.region_name, r.amount, r.ratio) for r in s.rows] == [
        ("510100", "成都市", 40.0, pytest.approx(40.0)),
        ("500101", "万州区", 35.0, pytest.approx(35.0)),
        ("511300", "南充市", 25.0, pytest.approx(25.0)),
    ]
    assert s.total == 100.0 and s.balanced and s.difference == 0.0

    project.fund.contributions[0].amount = 30.0
    project.fund.contributions.append(Contribution("999999", 5.0))  # not in the gazetteer
    s = contributions(project)
    assert s.total == pytest.approx(95.0)
    assert s.difference == pytest.approx(-5.0) and not s.balanced
    assert [r.ratio for r in s.rows] == pytest.approx(
        [100 * 30 / 95, 100 * 35 / 95, 100 * 25 / 95, 100 * 5 / 95]
    )
    assert sum(r.ratio for r in s.rows) == pytest.approx(100.0)
    assert s.rows[-1].region_name == "999999"  # shown by its code rather than dropped


def test_no_contributions_give_zero_ratios_not_a_division_error(project: Project) -> None:
    project.fund.contributions = [Contribution("510100", 0.0)]
    s = contributions(project)
    assert s.total == 0.0 and s.rows[0].ratio == 0.0
    assert s.difference == -100.0 and not s.balanced


def test_allocated_and_left_by_year(project: Project) -> None:
    rows = fund_by_year(project, project.scenarios[0])
    assert [r.year for r in rows] == list(PLAN_YEARS)
    got = [(r.tranche, r.allocated, r.cumulative_available, r.cumulative_allocated) for r in rows]
    assert got == [
        (30.0, 15.0, 30.0, 15.0),
        (0.0, 23.0, 30.0, 38.0),
        (70.0, 0.0, 100.0, 38.0),  # two tranches of one year add up
        (0.0, 1.0, 100.0, 39.0),
        (0.0, 0.0, 100.0, 39.0),
    ]
    # The 2 % management fee (2 亿元 a year on 100) is paid from what has opened: 2027 overspends.
    assert [r.cumulative_fees for r in rows] == [2.0, 4.0, 6.0, 8.0, 10.0]
    assert [r.left for r in rows] == [13.0, -12.0, 56.0, 53.0, 51.0]


def test_the_management_fee_takes_exactly_its_rate_each_year(project: Project) -> None:
    """Investable money falls by fee% of the fund's size in every plan year, and nothing else."""
    project.fund.management_fee_pct = 0.0
    free = fund_by_year(project, project.scenarios[0])
    for pct in (1.0, 2.5):
        project.fund.management_fee_pct = pct
        rows = fund_by_year(project, project.scenarios[0])
        for k, (r, f) in enumerate(zip(rows, free, strict=True)):
            assert r.fee == pytest.approx(pct)  # pct % of 100 亿元
            assert f.investable - r.investable == pytest.approx(pct * (k + 1))
            assert r.cumulative_allocated == f.cumulative_allocated
    n = status_numbers(project, project.scenarios[0], [])
    assert n.fees == pytest.approx(2.5 * 5) and n.remaining == pytest.approx(100 - 12.5 - 39)


def test_without_tranches_the_whole_fund_is_open_from_the_first_year(project: Project) -> None:
    project.fund.rules.tranches = []
    rows = fund_by_year(project, None)
    assert rows[0].tranche == 100.0
    assert all(r.cumulative_available == 100.0 and r.allocated == 0.0 for r in rows)
    assert rows[-1].left == 100.0 - 5 * 2.0  # less five years of the 2 % fee


def test_status_numbers(project: Project) -> None:
    problems = validate(project)
    n = status_numbers(project, project.scenarios[0], problems)
    assert (n.fund_size, n.allocated, n.fees, n.remaining) == (100.0, 39.0, 10.0, 51.0)
    assert n.errors == sum(p.severity is Severity.ERROR for p in problems) > 0
    assert n.warnings == len(problems) - n.errors > 0
    assert status_numbers(project, None, []).remaining == 90.0


def test_allocation_grid_has_a_row_per_candidate_and_instrument(project: Project) -> None:
    sc = project.scenarios[0]
    sc.allocations += [
        Allocation("A", 2026, 2.5, EQ),  # a second entry for a cell adds to it
        Allocation("A", 2031, 9.0, EQ),  # outside the plan period: no column
        Allocation("Z", 2026, 9.0, EQ),  # unknown candidate: no row
    ]
    g = allocation_grid(project, sc)
    assert g.years == PLAN_YEARS
    assert g.rows[:4] == [("A", "equity"), ("A", "technology"), ("A", "talent"), ("B", "equity")]
    assert len(g.rows) == 4 * 3 and g.values.shape == (12, 5)
    np.testing.assert_array_equal(g.values[g.row_of[("A", "equity")]], [12.5, 0, 0, 0, 0])
    np.testing.assert_array_equal(g.values[g.row_of[("B", "technology")]], [0, 20, 0, 0, 0])
    assert g.row_total(g.row_of[("A", "talent")]) == 5.0
    assert g.values.sum() == pytest.approx(12.5 + 5 + 20 + 3 + 1)
    assert allocation_grid(project, None).values.sum() == 0.0


def _codes(by_cell: dict[tuple[str, str, int], list[Problem]]) -> dict[tuple[str, str, int], set]:
    return {cell: {p.code for p in ps} for cell, ps in by_cell.items()}


def test_rule_breaches_mark_the_cells_that_cause_them(project: Project) -> None:
    """成都 (A 15 + C 3 = 18) is over its 12 亿元 city cap; B (20) is over the 16 亿元 per-project cap
    and, as the only street, over the 15 亿元 street cap; by 2027, 38 亿元 are allocated of 30
    opened; D is rejected but funded. Each rule marks exactly the filled cells it counts."""
    sc = project.scenarios[0]
    problems = validate(project)
    codes = {p.code for p in problems}
    assert {"alloc.city_cap", "alloc.project_cap", "alloc.type_cap", "alloc.tranche"} <= codes
    assert _codes(breaches_by_cell(project, sc, problems)) == {
        ("A", "equity", 2026): {"alloc.city_cap"},
        ("A", "talent", 2026): {"alloc.city_cap"},
        ("B", "technology", 2027): {"alloc.project_cap", "alloc.type_cap", "alloc.tranche"},
        ("C", "equity", 2027): {"alloc.city_cap", "alloc.tranche"},
        ("D", "equity", 2029): {"alloc.rejected"},
    }


def test_a_scenario_wide_breach_marks_no_cell(project: Project) -> None:
    rules = project.fund.rules
    rules.max_project_share = None
    rules.type_limits = {}
    rules.city_limits = {}
    rules.tranches = []
    project.fund.size = 30.0  # 39 allocated
    project.candidates[3].status = Status.APPROVED
    problems = validate(project)
    assert "alloc.over_fund" in {p.code for p in problems}
    assert breaches_by_cell(project, project.scenarios[0], problems) == {}


def test_each_scenario_shows_only_its_own_breaches(project: Project) -> None:
    project.scenarios.append(Scenario("备选方案", allocations=[Allocation("B", 2027, 20.0, TECH)]))
    problems = validate(project)
    other = breaches_by_cell(project, project.scenarios[1], problems)
    assert _codes(other) == {("B", "technology", 2027): {"alloc.project_cap", "alloc.type_cap"}}
    main = breaches_by_cell(project, project.scenarios[0], problems)
    assert {cell: len(ps) for cell, ps in main.items()} == {  # none counted twice
        ("A", "equity", 2026): 1,
        ("A", "talent", 2026): 1,
        ("B", "technology", 2027): 3,
        ("C", "equity", 2027): 2,
        ("D", "equity", 2029): 1,
    }
