"""The parameter table (ranges, sources, issue-11 keys), its doc page and what-if overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.core.assumptions import SECTOR_DEFAULTS, default_assumptions
from workbench.core.assumptions_net import ADDITIONALITY_COMPONENTS
from workbench.core.enums import Distribution, Instrument, ParkModel
from workbench.core.model import Assumption
from workbench.core.param_doc import render_markdown
from workbench.core.param_table import (
    OverrideError,
    apply_overrides,
    effective_range,
    parameter_rows,
    parse_assignments,
)
from workbench.core.validation import validate

DOC = Path(__file__).resolve().parents[2] / "docs" / "parameters.md"
DEFAULTS = default_assumptions()


def test_every_default_has_a_range_around_its_value():
    for key, a in DEFAULTS.items():
        assert a.low is not None and a.high is not None, key
        assert a.low <= a.value <= a.high, key
        if a.unit == "%":
            assert a.low >= 0 and a.high <= 100, key
        assert (a.distribution is Distribution.FIXED) == (a.low == a.high), key


def test_statutory_rates_are_fixed_and_cited_assumptions_are_wide():
    for key in ("tax.vat_rate", "tax.cit_rate", "tax.cit_rate_western", "tax.vat_central_share"):
        assert DEFAULTS[key].distribution is Distribution.FIXED and DEFAULTS[key].source
    assert "2020年第23号" in DEFAULTS["tax.cit_rate_western"].source
    for key, a in DEFAULTS.items():
        if a.is_assumption and a.unit == "%":
            assert a.high - a.low >= 10, f"{key}: an assumption's range should be wide"


def test_issue_11_keys_exist_for_every_instrument_and_park_model():
    subjects = [f"instrument.{i.value}" for i in Instrument] + [
        f"park.{m.value}" for m in ParkModel
    ]
    for s in subjects:
        for comp in ADDITIONALITY_COMPONENTS:
            assert f"additionality.{s}.{comp}" in DEFAULTS
        assert f"timing.{s}.lag" in DEFAULTS and f"timing.{s}.ramp" in DEFAULTS
    for key in (
        "instrument.equity.write_off_rate",
        "indirect.output_multiplier",
        "park.land_yield",
        "park.rent_yield",
        "park.service_fee_yield",
        "park.jv_cost_ratio",
        "baseline.growth.gdp.default",
        "baseline.growth.fiscal_revenue.default",
        "baseline.growth.population.default",
    ):
        assert key in DEFAULTS
    # Provincial shares of local taxes were not found: assumptions with a wide range.
    for tax in ("vat", "cit"):
        for prov in ("510000", "500000"):
            a = DEFAULTS[f"tax.province_share.{tax}.{prov}"]
            assert a.is_assumption and a.high - a.low >= 40 and "not found" in a.label_en


def test_vat_rate_by_sector_is_13_9_or_6():
    rates = {s: DEFAULTS[f"tax.vat_rate.{s}"].value for s in SECTOR_DEFAULTS}
    assert set(rates.values()) == {13.0, 9.0, 6.0}
    assert rates["现代农业"] == 9.0 and rates["文化旅游"] == 6.0 and rates["汽车"] == 13.0


def test_the_doc_page_matches_the_table():
    assert DOC.read_text(encoding="utf-8") == render_markdown(), (
        "docs/parameters.md is out of date: run python tools/build_parameter_docs.py"
    )
    for key in DEFAULTS:
        assert f"`{key}`" in render_markdown()


def test_ranges_of_an_older_file_come_from_the_shipped_default():
    old = Assumption("network.decay_km", 80.0, "km", "距离衰减尺度")
    assert effective_range(old) == (50.0, 200.0)
    own = Assumption("my.own", 3.0, "", "自定义")
    assert effective_range(own) == (3.0, 3.0)


def test_an_older_file_takes_the_shipped_distribution_and_can_be_completed(sample_project):
    from workbench.core.param_table import effective_distribution, missing_parameters

    old = Assumption("tax.vat_rate", 13.0, "%", "增值税基本税率")
    assert effective_distribution(old) is Distribution.FIXED
    mine = Assumption("my.own", 3.0, "", "自定义", low=1.0, high=5.0)
    mine.distribution = Distribution.UNIFORM
    assert effective_distribution(mine) is Distribution.UNIFORM
    # An older file: the sample without the issue-11 timing keys.
    for key in [k for k in sample_project.assumptions if k.startswith("timing.")]:
        del sample_project.assumptions[key]
    missing = {a.key for a in missing_parameters(sample_project)}
    assert "timing.park.enclave.lag" in missing and "tax.vat_rate" not in missing
    assert missing == set(DEFAULTS) - set(sample_project.assumptions)


def test_rows_include_shipped_keys_an_older_file_lacks(sample_project):
    del sample_project.assumptions["additionality.instrument.equity.deadweight"]  # an older file
    sc = sample_project.scenarios[1]
    sc.assumption_overrides["network.decay_km"] = 60.0
    rows = {r.key: r for r in parameter_rows(sample_project, sc)}
    assert set(DEFAULTS) <= set(rows)
    r = rows["network.decay_km"]
    assert r.value == 60.0 and r.project_value == 100.0 and r.overridden
    assert rows["additionality.instrument.equity.deadweight"].is_assumption


def test_parse_assignments():
    assert parse_assignments(["a.b=1.5", " c = 20% "]) == {"a.b": 1.5, "c": 20.0}
    with pytest.raises(OverrideError, match="KEY=VALUE"):
        parse_assignments(["novalue"])
    with pytest.raises(OverrideError, match="not a number"):
        parse_assignments(["a=abc"])


def test_apply_overrides_checks_keys_and_values(sample_project):
    with pytest.raises(OverrideError) as e:
        apply_overrides(sample_project, None, {"no.such.key": 1.0})
    assert "未知参数" in e.value.zh and "unknown parameter" in e.value.en
    with pytest.raises(OverrideError, match="finite"):
        apply_overrides(sample_project, None, {"tax.profit_share": float("inf")})
    with pytest.raises(OverrideError, match="0–100"):
        apply_overrides(sample_project, None, {"tax.profit_share": 120.0})
    with pytest.raises(OverrideError, match="no scenario"):
        apply_overrides(sample_project, "无此方案", {"tax.profit_share": 20.0})
    result = apply_overrides(sample_project, None, {"tax.profit_share": 60.0})
    assert len(result.warnings) == 1 and "[10, 40]" in result.warnings[0][1]
    assert not apply_overrides(sample_project, None, {"tax.profit_share": 30.0}).warnings


def test_apply_overrides_leaves_the_input_alone(sample_project):
    name = sample_project.scenarios[0].name
    before = sample_project.assumptions["tax.profit_share"].value
    out = apply_overrides(sample_project, name, {"tax.profit_share": 30.0}).project
    assert out.scenario(name).assumption_overrides["tax.profit_share"] == 30.0
    assert "tax.profit_share" not in sample_project.scenario(name).assumption_overrides
    assert sample_project.assumptions["tax.profit_share"].value == before


def test_without_scenario_the_value_holds_in_every_scenario(sample_project):
    sample_project.scenarios[1].assumption_overrides["network.decay_km"] = 60.0
    out = apply_overrides(sample_project, None, {"network.decay_km": 150.0}).project
    assert out.assumptions["network.decay_km"].value == 150.0
    assert out.scenarios[1].assumption_overrides["network.decay_km"] == 150.0


def test_new_keys_and_unit_growth_keys_are_added_so_validation_knows_them(sample_project):
    name = sample_project.scenarios[0].name
    values = {"timing.instrument.equity.lag": 2.0, "baseline.growth.gdp.510100": 6.0}
    out = apply_overrides(sample_project, name, values).project
    assert out.assumptions["timing.instrument.equity.lag"].value == 1.0  # default kept
    assert out.scenario(name).assumption_overrides["timing.instrument.equity.lag"] == 2.0
    assert out.assumptions["baseline.growth.gdp.510100"].source  # derived from statistics
    codes = {p.code for p in validate(out)}
    assert "scenario.unknown_assumption" not in codes
    with pytest.raises(OverrideError):  # a county of Sichuan is not a planning unit
        apply_overrides(sample_project, name, {"baseline.growth.gdp.510104": 6.0})
