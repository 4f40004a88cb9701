"""方案对比: differences equal two projection runs, and their split adds up and means something."""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest

from workbench.core.comparison import (
    COLUMNS,
    allocation_differences,
    breaches,
    compare,
    money_by_city,
)
from workbench.core.comparison.tables import UnknownScenario
from workbench.core.projections import project_effects

KEYS = ["region_code", "year", "metric", "basis", "component"]


def test_differences_equal_two_projection_runs(sample_project):
    df = compare(sample_project, ["基准方案", "双核加力"])
    assert list(df.columns) == COLUMNS
    assert set(df["basis"]) == {"location", "statistical", "fiscal", "fiscal_province"}
    a = project_effects(sample_project, "基准方案").set_index(KEYS)["value"]
    b = project_effects(sample_project, "双核加力").set_index(KEYS)["value"]
    rows = df[df.component != "gross"].set_index(KEYS)
    assert len(rows) == len(a[~a.index.get_level_values("basis").isin(["baseline"])])
    np.testing.assert_allclose(rows["value_a"], a.reindex(rows.index), rtol=0, atol=1e-9)
    np.testing.assert_allclose(rows["difference"], (b - a).reindex(rows.index), rtol=0, atol=1e-9)
    parts = df["due_to_allocations"] + df["due_to_assumptions"]
    np.testing.assert_allclose(parts, df["difference"], rtol=0, atol=1e-12)
    # gross = total − additionality, per side
    g = df[df.component == "gross"].set_index(["region_code", "year", "metric", "basis"])
    t = df[df.component == "total"].set_index(g.index.names)
    adj = df[df.component == "additionality"].set_index(g.index.names)
    np.testing.assert_allclose(g["value_b"], (t["value_b"] - adj["value_b"]).reindex(g.index))


def test_the_split_puts_a_pure_change_on_its_own_side(sample_project):
    """Only the overrides differ: all of it is due to assumptions; only allocations: the reverse."""
    base = sample_project.scenarios[0]
    what_if = copy.deepcopy(base)
    what_if.name = "参数变化"
    what_if.assumption_overrides = {"network.spillover_share": 12.0}
    more = copy.deepcopy(base)
    more.name = "多投"
    for a in more.allocations:
        a.amount *= 1.5
    sample_project.scenarios += [what_if, more]
    df = compare(sample_project, [base.name, "参数变化", "多投"])
    assert set(zip(df.scenario_a, df.scenario_b, strict=True)) == {
        (base.name, "参数变化"),
        (base.name, "多投"),
    }
    p = df[df.scenario_b == "参数变化"]
    assert p["difference"].abs().max() > 0.01
    np.testing.assert_allclose(p["due_to_allocations"], 0.0, atol=1e-12)
    m = df[df.scenario_b == "多投"]
    np.testing.assert_allclose(m["due_to_assumptions"], 0.0, atol=1e-9)
    np.testing.assert_allclose(m["due_to_allocations"], m["difference"], atol=1e-9)


def test_money_breaches_and_allocation_cells(sample_project):
    names = ["基准方案", "双核加力"]
    money = money_by_city(sample_project, names)
    inv = money[money.measure == "invested"]
    assert inv["value_a"].sum() > 0
    np.testing.assert_allclose(inv["difference"], inv["value_b"] - inv["value_a"])
    assert set(money["measure"]) >= {"invested", "benefit_gdp", "fairness_ratio"}
    problems = breaches(sample_project, names)
    assert set(problems["scenario"]) <= set(names) and len(problems) > 0
    cells = allocation_differences(sample_project, *names)
    a = sum(x.amount for x in sample_project.scenarios[0].allocations)
    b = sum(x.amount for x in sample_project.scenarios[1].allocations)
    assert cells["difference"].sum() == pytest.approx(b - a)
    assert (cells["amount_a"] != cells["amount_b"]).all()


def test_unknown_scenario_and_one_scenario():
    from workbench.core.model import Project, Scenario

    p = Project(scenarios=[Scenario("A")])
    with pytest.raises(UnknownScenario):
        compare(p, ["A", "B"])
    assert isinstance(compare(p, ["A"]), pd.DataFrame) and compare(p, ["A"]).empty
