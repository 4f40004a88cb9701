"""What the map shows: values per planning unit from each source, and the points and arrows."""

from __future__ import annotations

import numpy as np
import pytest

from workbench.core import map_view as mv
from workbench.core.enums import Status
from workbench.core.model import PLAN_YEARS, Project
from workbench.core.projections import ProjectionEngine


@pytest.fixture
def engine(sample_project: Project) -> ProjectionEngine:
    return ProjectionEngine(sample_project)


def test_projection_values_are_the_engine_totals(sample_project: Project, engine) -> None:
    scenario = sample_project.scenarios[0].name
    spec = mv.MapSpec(metric="gdp", basis="location", year=2028)
    got = mv.region_values(sample_project, engine, scenario, spec)
    block = engine.block(scenario, "location", "gdp")
    assert got.codes == sample_project.planning_unit_codes() == block.codes
    np.testing.assert_allclose(got.values, block.total()[:, block.years.index(2028)])
    period = mv.region_values(sample_project, engine, scenario, mv.MapSpec(year=0))
    np.testing.assert_allclose(period.values, block.total().sum(axis=1))
    gross = mv.region_values(sample_project, engine, scenario, mv.MapSpec(gross=True))
    assert gross.values.sum() > period.values.sum()  # additionality takes off net
    assert got.unit == "亿元" and "2028" in got.title[0]


def test_a_share_of_baseline_is_never_summed_over_years(sample_project: Project, engine) -> None:
    scenario = sample_project.scenarios[0].name
    spec = mv.MapSpec(metric="gdp_pct_baseline", basis="baseline", year=0)
    got = mv.region_values(sample_project, engine, scenario, spec)
    block = engine.block(scenario, "baseline", "gdp_pct_baseline")
    last = block.total()[:, block.years.index(PLAN_YEARS[-1])]
    np.testing.assert_allclose(got.values, last, equal_nan=True)


def test_fund_and_statistic_sources(sample_project: Project, engine) -> None:
    scenario = sample_project.scenarios[0].name
    fund = engine.fund_view(scenario).set_index("region_code")
    for source, column in (("fund_contributed", "contributed"), ("fairness", "fairness_ratio")):
        got = mv.region_values(sample_project, engine, scenario, mv.MapSpec(source=source))
        for code, value in zip(got.codes, got.values, strict=True):
            expected = fund[column].get(code, np.nan)
            assert value == pytest.approx(expected, nan_ok=True)
    received = mv.region_values(
        sample_project, engine, scenario, mv.MapSpec(source="fund_invested")
    )
    assert np.isfinite(received.values).all()  # every unit: 0 where nothing was allocated
    for code, value in zip(received.codes, received.values, strict=True):
        if code in fund.index:
            assert value == pytest.approx(fund.loc[code, "invested"])
    sc = sample_project.scenario(scenario)
    allocated = sum(a.amount for a in sc.allocations)
    assert received.values.sum() == pytest.approx(allocated)
    stat = mv.region_values(sample_project, None, scenario, mv.MapSpec(source="statistic"))
    i = stat.codes.index("510500")
    latest = max(
        (s for s in sample_project.region("510500").statistics if s.indicator == "gdp"),
        key=lambda s: s.year,
    )
    assert stat.values[i] == latest.value and stat.unit == "亿元"
    assert "gdp" in mv.statistic_indicators(sample_project)


def test_a_registered_source_is_offered_and_read(sample_project: Project) -> None:
    """How the uncertainty ranges will add P50 and band width: a function, registered."""

    def band(project, engine, scenario, spec):
        codes = project.planning_unit_codes()
        return mv.RegionValues(codes, np.arange(len(codes), dtype=float), "亿元", ("带宽", "Band"))

    mv.register_source("test_band", "带宽", "Band width", band, needs_engine=False)
    try:
        got = mv.region_values(sample_project, None, "x", mv.MapSpec(source="test_band"))
        choro = mv.choropleth(got, mv.MapSpec(source="test_band", k=3), "zh")
        assert len(set(choro.colours.values())) == 3 and len(choro.legend) == 3
    finally:
        del mv.SOURCES["test_band"]


def test_choropleth_legend_has_units_and_no_data(sample_project: Project) -> None:
    codes = sample_project.planning_unit_codes()[:4]
    values = mv.RegionValues(codes, np.array([1.0, 2.0, np.nan, 4.0]), "亿元", ("甲", "A"))
    choro = mv.choropleth(values, mv.MapSpec(k=3, method="equal"), "en")
    assert choro.colours[codes[2]] == "#e0e0e0"
    assert choro.legend[-1][1] == "No data" and choro.unit == "100M yuan"
    assert mv.hover_text("成都市", 12.345, "亿元", "zh") == "成都市：12.35 亿元"
    assert mv.hover_text("Chengdu", float("nan"), "亿元", "en") == "Chengdu: No data"


def test_candidates_and_park_arrows(sample_project: Project) -> None:
    p = sample_project
    points = mv.candidate_points(p)
    assert len(points) == len(p.candidates)
    assert len({(round(q.lon, 6), round(q.lat, 6)) for q in points}) == len(points)  # none hidden
    approved = mv.candidate_points(p, statuses={Status.APPROVED})
    assert approved and all(q.status is Status.APPROVED for q in approved)
    arrows = mv.park_arrows(p)
    park = p.parks[0]
    first = next(a for a in arrows if a.park_id == park.id)
    assert first.host == park.host and first.partner in park.partners
    assert first.end == mv.seat(p, park.host) and first.start == mv.seat(p, first.partner)
