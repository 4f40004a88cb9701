"""Monte Carlo bands: reproducible, ordered, and exactly the single-run engine at each draw."""

from __future__ import annotations

import numpy as np
import pytest

from workbench.core.param_table import apply_overrides
from workbench.core.projections import ProjectionEngine, project_effects
from workbench.core.projections.table import BLOCKS
from workbench.core.uncertainty import circle_band, draw_model, run_draws, with_bands
from workbench.core.uncertainty.batch import DrawModel
from workbench.core.uncertainty.space import (
    CORRELATED,
    check_draws,
    parameter_space,
    quantiles,
    sample,
)

SC = "基准方案"


def _fix_all(project) -> None:
    """Every parameter a point: what a zero-width range means."""
    from workbench.core.param_table import parameter_rows

    for row in parameter_rows(project):
        a = project.assumptions.get(row.key)
        if a is not None:
            a.low = a.high = a.value
    for key in [r.key for r in parameter_rows(project) if r.key not in project.assumptions]:
        from workbench.core.param_table import resolve

        a = resolve(project, key)
        project.assumptions[key] = type(a)(**{**a.__dict__, "low": a.value, "high": a.value})


def test_same_seed_gives_identical_bands_and_another_seed_does_not(sample_project):
    a = run_draws(sample_project, SC, draws=40, seed=7)
    b = run_draws(sample_project, SC, draws=40, seed=7)
    c = run_draws(sample_project, SC, draws=40, seed=8)
    for col in ("p10", "p50", "p90"):
        assert np.array_equal(a[col].to_numpy(), b[col].to_numpy(), equal_nan=True)
    assert not np.allclose(a["p90"].fillna(0), c["p90"].fillna(0))
    assert a.attrs["seed"] == 7 and a.attrs["draws"] == 40


def test_percentiles_are_ordered_everywhere(sample_project):
    b = run_draws(sample_project, None, draws=60, seed=3)
    ok = b["p50"].isna() | ((b["p10"] <= b["p50"]) & (b["p50"] <= b["p90"]))
    assert ok.all()
    assert set(b["scenario"]) == {s.name for s in sample_project.scenarios}
    gdp = b[(b.metric == "gdp") & (b.component == "total") & (b.basis == "location")]
    assert (gdp["p90"] > gdp["p10"]).any()  # the ranges do move the answer


def test_bands_join_the_table_row_for_row_with_the_central_value_kept(sample_project):
    table = project_effects(sample_project, SC)
    out = with_bands(table, run_draws(sample_project, SC, draws=20, seed=1))
    assert len(out) == len(table)
    assert np.array_equal(out["value"].to_numpy(), table["value"].to_numpy(), equal_nan=True)
    assert out[["p10", "p50", "p90"]].notna().sum().min() == table["value"].notna().sum()


def test_zero_width_ranges_give_zero_width_bands_at_the_central_value(sample_project):
    _fix_all(sample_project)
    assert not parameter_space(sample_project).uncertain
    table = project_effects(sample_project, SC)
    out = with_bands(table, run_draws(sample_project, SC, draws=15, seed=2))
    fin = out["value"].notna()
    for col in ("p10", "p50", "p90"):
        assert np.allclose(out.loc[fin, col], out.loc[fin, "value"], rtol=1e-12, atol=1e-12)


def test_one_fixed_parameter_among_moving_ones_never_moves(sample_project):
    space = parameter_space(sample_project)
    values = sample(space, 50, 5)
    key = "tax.vat_rate"  # fixed in the shipped table: low = high
    i = space.keys.index(key)
    assert i not in space.uncertain and np.ptp(values[:, i]) == 0


def test_every_draw_equals_the_engine_run_with_those_values(sample_project):
    """The batched model is the engine: non-linear parameters (lags, ramps, chain, network,
    leverage shares) included."""
    space = parameter_space(sample_project, sample_project.scenario(SC))
    values = sample(space, 4, 11)
    model = DrawModel(sample_project, SC, 2031, space.keys, values)
    for d in range(len(values)):
        over = {space.keys[i]: float(values[d, i]) for i in space.uncertain}
        eng = ProjectionEngine(apply_overrides(sample_project, SC, over).project, 2031)
        for basis, metric in BLOCKS:
            ref = np.array(eng.block(SC, basis, metric).parts)
            got = model.parts(basis, metric)[d]
            scale = max(float(np.nanmax(np.abs(ref))), 1e-9)
            assert np.allclose(got, ref, rtol=0, atol=1e-9 * scale, equal_nan=True), (basis, metric)


def test_a_refused_network_draw_leaves_the_spillover_out_like_the_engine(sample_project):
    space = parameter_space(sample_project, sample_project.scenario(SC))
    values = np.tile(space.central, (2, 1))
    # a spillover share so large that the region matrix has spectral radius ≥ 1 in draw 1
    values[1, space.keys.index("network.spillover_share")] = 100.0
    values[1, space.keys.index("indirect.output_multiplier")] = 10.0
    model = DrawModel(sample_project, SC, 2030, space.keys, values)
    assert list(model.inputs.net_ok) == [True, False]
    over = {"network.spillover_share": 100.0, "indirect.output_multiplier": 10.0}
    q = apply_overrides(sample_project, SC, over).project
    ref = np.array(ProjectionEngine(q).block(SC, "location", "gdp").parts)
    assert np.allclose(model.parts("location", "gdp")[1], ref, atol=1e-9)


def test_circle_band_is_the_percentile_of_summed_draws(sample_project):
    model = draw_model(sample_project, SC, draws=30, seed=4)
    band = circle_band(model, "location", "gdp")
    per_draw = model.block("location", "gdp")[:, len(model.block("location", "gdp")[0]) - 2]
    summed = per_draw.sum(axis=1)
    assert np.allclose(band.p50, np.percentile(summed, 50, axis=0))
    assert band.unit == "亿元" and band.draws == 30 and band.seed == 4
    assert (band.p10 <= band.p50).all() and (band.p50 <= band.p90).all()
    gross = circle_band(model, "location", "gdp", net=False)
    assert (gross.p50 >= band.p50 - 1e-12).all()  # additionality only takes away


def test_triangular_draws_stay_in_range_with_the_mode_at_the_value(sample_project):
    space = parameter_space(sample_project)
    row = next(r for r in space.uncertain_rows() if r.key == "tax.profit_share")
    x = quantiles(row, np.linspace(0, 1, 10001)[:-1])
    assert x.min() >= row.low and x.max() <= row.high
    hist, edges = np.histogram(x, bins=30, range=(row.low, row.high))
    peak = (edges[hist.argmax()] + edges[hist.argmax() + 1]) / 2
    assert abs(peak - row.value) <= (row.high - row.low) / 15


def test_declared_correlations_correlate_and_others_do_not(sample_project):
    space = parameter_space(sample_project)
    values = sample(space, 2000, 9)
    keys = space.keys
    a, b = keys.index("sector.va_ratio.电子信息"), keys.index("sector.va_ratio.汽车")
    c = keys.index("tax.profit_share")
    from scipy.stats import spearmanr

    assert spearmanr(values[:, a], values[:, b])[0] > 0.4
    assert abs(spearmanr(values[:, a], values[:, c])[0]) < 0.1
    assert any(g.pattern == "sector.va_ratio.*" for g in CORRELATED)


@pytest.mark.parametrize("bad", [0, -3, 1.5, True, 10**9])
def test_bad_draw_counts_are_refused(bad):
    with pytest.raises(ValueError):
        check_draws(bad)


def test_cancel_stops_the_draws(sample_project):
    from workbench.core.uncertainty import Cancelled

    with pytest.raises(Cancelled):
        run_draws(sample_project, SC, draws=50, cancel=lambda: True)


def test_progress_reaches_the_end(sample_project):
    seen = []
    run_draws(sample_project, SC, draws=20, progress=lambda d, t=1.0: seen.append(d / t))
    assert seen and max(seen) == pytest.approx(1.0) and seen == sorted(seen)


def test_draws_in_batches_by_chain_lag_give_the_same_numbers(sample_project, monkeypatch):
    """Draws that do not fit one batch go through grouped by their chain lags (the chain solved
    year by year, iterating only same-year links): the numbers are those of one batch, in the
    draws' own order."""
    import workbench.core.uncertainty.batch as batch

    space = parameter_space(sample_project, sample_project.scenario(SC))
    values = sample(space, 24, 5)
    whole = DrawModel(sample_project, SC, 2030, space.keys, values)
    assert len(whole.s.link_strength) and len(np.unique(whole.inputs.chain_lag, axis=0)) > 2
    whole.effects()  # in one batch, before the batches shrink
    monkeypatch.setattr(batch, "CHUNK_FLOATS", 1)  # one draw per batch: grouped and reordered
    split = DrawModel(sample_project, SC, 2030, space.keys, values)
    for name in ("direct", "chained", "replaced_own", "total", "net_total"):
        a, b = getattr(whole.effects(), name), getattr(split.effects(), name)
        assert np.allclose(a, b, rtol=1e-12, atol=1e-12 * np.abs(a).max()), name


def test_model_bands_are_run_draws_of_that_model(sample_project):
    import pandas as pd

    from workbench.core.uncertainty import model_bands

    got = model_bands(draw_model(sample_project, SC, draws=40, seed=3))
    ref = run_draws(sample_project, SC, draws=40, seed=3)
    pd.testing.assert_frame_equal(got, ref)
    assert got.attrs == ref.attrs == {"draws": 40, "seed": 3}
