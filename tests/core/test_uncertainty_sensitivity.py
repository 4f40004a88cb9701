"""Tornado and Sobol: the ranking a brute-force check gives, and indices that add up."""

from __future__ import annotations

import numpy as np
import pytest

from workbench.core.enums import Distribution
from workbench.core.param_table import ParameterRow, apply_overrides
from workbench.core.projections import ProjectionEngine
from workbench.core.uncertainty import tornado
from workbench.core.uncertainty.sensitivity import (
    TORNADO_COLUMNS,
    OutputError,
    sobol,
    sobol_indices,
)
from workbench.core.uncertainty.space import parameter_space

SC = "基准方案"


def _engine_output(project, key, value, region=None):
    q = apply_overrides(project, SC, {key: value}).project
    block = ProjectionEngine(q).block(SC, "location", "gdp")
    total = block.total()[:, block.years.index(2030)]
    return float(total.sum() if region is None else total[block.codes.index(region)])


def test_tornado_top_entry_is_what_brute_force_moves_most(sample_project):
    df = tornado(sample_project, SC, metric="gdp", year=2030, basis="location")
    assert list(df.columns) == TORNADO_COLUMNS
    assert list(df["rank"]) == list(range(1, len(df) + 1))
    assert (np.diff(df["swing"].to_numpy()) <= 1e-12).all()
    rows = parameter_space(sample_project, sample_project.scenario(SC)).uncertain_rows()
    brute = {
        r.key: (
            _engine_output(sample_project, r.key, r.low),
            _engine_output(sample_project, r.key, r.high),
        )
        for r in rows
    }
    swings = {k: abs(hi - lo) for k, (lo, hi) in brute.items()}
    top = max(swings, key=swings.get)
    assert df.iloc[0]["parameter"] == top
    by = df.set_index("parameter")
    for key, (lo, hi) in brute.items():
        assert by.loc[key, "output_low"] == pytest.approx(lo, rel=1e-9, abs=1e-9)
        assert by.loc[key, "output_high"] == pytest.approx(hi, rel=1e-9, abs=1e-9)


def test_tornado_for_one_city_and_the_central_output(sample_project):
    df = tornado(sample_project, SC, region="510100")
    top = df.iloc[0]
    assert _engine_output(sample_project, top["parameter"], top["high_value"], "510100") == (
        pytest.approx(top["output_high"], rel=1e-9)
    )
    assert df.attrs["central"] == pytest.approx(
        _engine_output(sample_project, "tax.vat_rate", 13.0, "510100"), rel=1e-9
    )


@pytest.mark.parametrize(
    "kw",
    [{"metric": "nope"}, {"year": 2020}, {"region": "000000"}, {"basis": "baseline"}],
)
def test_tornado_refuses_outputs_that_do_not_exist(sample_project, kw):
    with pytest.raises(OutputError):
        tornado(sample_project, SC, **kw)


def _uniform(key: str, lo: float, hi: float) -> ParameterRow:
    return ParameterRow(
        key, key, key, (lo + hi) / 2, "", lo, hi, Distribution.UNIFORM, "", "", 0, False
    )


def test_sobol_indices_of_a_linear_model_sum_to_one():
    """Y = Σ aᵢ Xᵢ with independent inputs: no interactions, so Σ S1 = Σ ST = 1 and
    S1ᵢ = aᵢ² Var Xᵢ / Var Y."""
    rows = [_uniform("a", 0, 1), _uniform("b", 0, 2), _uniform("c", -1, 1), _uniform("d", 0, 0.5)]
    coef = np.array([1.0, 2.0, 0.5, 3.0])
    res = sobol_indices(rows, lambda x: x @ coef, n=4096, seed=1)
    var = np.array([(r.high - r.low) ** 2 / 12 for r in rows]) * coef**2
    assert res["S1"].sum() == pytest.approx(1.0, abs=0.05)
    assert res["ST"].sum() == pytest.approx(1.0, abs=0.05)
    assert np.allclose(res["S1"], var / var.sum(), atol=0.05)


def test_sobol_on_the_project_ranks_parameters(sample_project):
    seen = []
    df = sobol(sample_project, SC, n=16, progress=lambda d, t=1.0: seen.append(d))
    assert {"S1", "ST", "rank"} <= set(df.columns) and len(df) > 10
    assert df.iloc[0]["ST"] == df["ST"].max()
    assert seen and seen[-1] == pytest.approx(1.0)
