"""Baseline paths from imported statistics, checked against growth computed by hand."""

from __future__ import annotations

import math

import pytest

from workbench.core.baseline import (
    GROWTH_ASSUMED,
    GROWTH_HISTORY,
    GROWTH_OVERRIDE,
    baseline_frame,
    baseline_path,
    baseline_paths,
    growth_assumption,
    history_growth,
    unit_series,
)
from workbench.core.enums import Level
from workbench.core.model import Assumption, Project, Region, Scenario, StatValue

SC, SC_A, SC_B = "510000", "510900", "511000"  # Sichuan; 遂宁 (counties only); 内江 (one year)
CQ, YUBEI, CHENGKOU = "500000", "500112", "500229"


def sv(ind, year, value, unit="亿元", vintage=""):
    return StatValue(ind, year, value, unit, vintage=vintage)


def small_project() -> Project:
    regions = [
        Region(SC, "四川省", Level.PROVINCE),
        Region(CQ, "重庆市", Level.PROVINCE),
        Region(SC_A, "遂宁市", Level.PREFECTURE, parent=SC),
        Region(
            "510903",
            "船山区",
            Level.COUNTY,
            parent=SC_A,
            statistics=[sv("gdp", 2020, 300.0), sv("gdp", 2022, 400.0)],
        ),
        Region(
            "510904",
            "安居区",
            Level.COUNTY,
            parent=SC_A,
            statistics=[sv("gdp", 2020, 100.0), sv("gdp", 2021, 90.0), sv("gdp", 2022, 84.0)],
        ),
        Region(SC_B, "内江市", Level.PREFECTURE, parent=SC, statistics=[sv("gdp", 2023, 200.0)]),
        Region(
            YUBEI,
            "渝北区",
            Level.COUNTY,
            parent=CQ,
            statistics=[
                sv("gdp", 2018, 1000.0, vintage="修订（四经普后）"),
                sv("gdp", 2018, 900.0, vintage="2018 初步核算"),
                sv("gdp", 2020, 1210.0, vintage="修订"),
                sv("gdp", 2020, 1111.0, vintage="2020 初步"),
                sv("population", 2010, 1_000_000.0, unit="人"),
                sv("population", 2020, 130.0, unit="万人"),
                sv("fiscal_revenue", 2019, 1_000_000.0, unit="万元"),
            ],
        ),
        Region(CHENGKOU, "城口县", Level.COUNTY, parent=CQ),
    ]
    return Project(regions=regions, scenarios=[Scenario("S")])


def test_units_are_planning_units_without_provinces():
    assert small_project().planning_unit_codes() == [SC_A, SC_B, YUBEI, CHENGKOU]


def test_revised_figure_beats_preliminary_and_units_convert():
    series = unit_series(small_project(), "gdp")
    assert series[YUBEI] == {2018: 1000.0, 2020: 1210.0}
    assert unit_series(small_project(), "population")[YUBEI] == {2010: 100.0, 2020: 130.0}
    assert unit_series(small_project(), "fiscal_revenue")[YUBEI] == {2019: 100.0}


def test_counties_roll_up_only_in_years_every_county_reports():
    # 2021: only 安居 reports, so no sum; 2020 and 2022 are complete.
    assert unit_series(small_project(), "gdp")[SC_A] == {2020: 400.0, 2022: 484.0}


def test_history_growth_and_path_by_hand():
    p = small_project()
    # 渝北: 1000 (2018) → 1210 (2020): (1.21)^(1/2) − 1 = 10 %.
    path = baseline_path(p, "gdp", YUBEI)
    assert path.growth_pct == pytest.approx(10.0)
    assert path.growth_origin == GROWTH_HISTORY and path.base_year == 2020
    assert path.values[2026] == pytest.approx(1210.0 * 1.1**6)
    assert path.values[2035] == pytest.approx(1210.0 * 1.1**15)
    assert "2018–2020" in path.note_zh
    # 遂宁 counties: 400 → 484 over 2020–2022 is also 10 %.
    assert baseline_path(p, "gdp", SC_A).values[2030] == pytest.approx(484.0 * 1.1**8)
    # population 100 → 130 万人 over ten years
    pop = baseline_path(p, "population", YUBEI)
    assert pop.growth_pct == pytest.approx(100 * (1.3 ** (1 / 10) - 1))
    assert pop.unit == "万人"


def test_single_year_uses_the_fallback_assumption_and_its_override():
    p = small_project()
    path = baseline_path(p, "gdp", SC_B)
    assert path.growth_origin == GROWTH_ASSUMED and path.growth_pct == 5.0
    assert path.values[2026] == pytest.approx(200.0 * 1.05**3)
    p.scenarios[0].assumption_overrides["baseline.growth.gdp.default"] = 2.0
    path = baseline_path(p, "gdp", SC_B, p.scenarios[0])
    assert path.values[2026] == pytest.approx(200.0 * 1.02**3)


def test_a_unit_rate_set_by_the_planner_wins_over_history():
    p = small_project()
    p.assumptions["baseline.growth.gdp.500112"] = Assumption(
        "baseline.growth.gdp.500112", 3.0, "%/年", "渝北"
    )
    path = baseline_path(p, "gdp", YUBEI)
    assert path.growth_origin == GROWTH_OVERRIDE
    assert path.values[2026] == pytest.approx(1210.0 * 1.03**6)


def test_a_unit_without_statistics_says_so_and_is_not_zero():
    p = small_project()
    path = baseline_paths(p)[(CHENGKOU, "gdp")]
    assert path.values is None and path.growth_pct is None
    assert "无导入统计" in path.note_zh and "no imported statistics" in path.note_en
    frame = baseline_frame(p)
    rows = frame[(frame.region_code == CHENGKOU) & (frame.indicator == "gdp")]
    assert len(rows) == 10 and rows["value"].isna().all()
    assert not (frame["value"] == 0).any()


def test_history_growth_needs_two_positive_years():
    assert history_growth({2020: 5.0}) is None
    assert history_growth({2020: 0.0, 2022: 5.0}) is None
    assert history_growth({2019: 100.0, 2022: 133.1}) == pytest.approx(10.0)


def test_growth_assumption_carries_the_derived_rate_and_says_where_from():
    p = small_project()
    a = growth_assumption(p, "gdp", YUBEI)
    assert a.key == "baseline.growth.gdp.500112" and a.value == pytest.approx(10.0)
    assert "推算" in a.source and a.low < a.value < a.high
    assumed = growth_assumption(p, "gdp", SC_B)
    assert assumed.source == "" and assumed.value == 5.0


def test_sample_project_baseline(sample_project):
    paths = baseline_paths(sample_project)
    chengdu = paths[("510100", "gdp")]
    # 成都: 15342.77 (2018 yearbook) → 22074.7 (2023 preliminary), five years.
    g = (22074.7 / 15342.77) ** (1 / 5) - 1
    assert chengdu.growth_pct == pytest.approx(100 * g)
    assert chengdu.values[2030] == pytest.approx(22074.7 * (1 + g) ** 7)
    missing = [k for k, v in paths.items() if v.values is None]
    assert all(not math.isnan(v.values[2026]) for v in paths.values() if v.values is not None)
    assert missing  # some units have no fiscal figures in the sample, and say so
