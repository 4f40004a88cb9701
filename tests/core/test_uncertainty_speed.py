"""The fast paths of the Monte Carlo bands give exactly what the slow ones they replaced gave."""

from __future__ import annotations

import numpy as np
import pytest

from workbench.core.projections import vocabulary
from workbench.core.projections.direct import timing_stack
from workbench.core.projections.parameters import read_parameters
from workbench.core.projections.parks import park_arrays_both
from workbench.core.projections.structure import build_structure
from workbench.core.uncertainty import draw_model
from workbench.core.uncertainty.bands import PERCENTILES, percentiles, sorted_percentiles
from workbench.core.uncertainty.batch import DrawModel
from workbench.core.uncertainty.inputs import draw_scenario, networks
from workbench.core.uncertainty.space import parameter_space, sample

SC = "基准方案"


def _numpy_percentiles(a: np.ndarray) -> np.ndarray:
    """What ``bands.percentiles`` computed before it sorted: numpy's own percentile."""
    flat = a.reshape(a.shape[0], -1)
    with np.errstate(invalid="ignore"):
        return np.percentile(flat, PERCENTILES, axis=0).reshape(3, *a.shape[1:])


@pytest.mark.parametrize("n", [1, 2, 3, 4, 7, 10, 11, 99, 500, 1000, 1001])
def test_sorted_percentiles_are_numpys_to_the_bit(n):
    rng = np.random.default_rng(n)
    rows = rng.lognormal(size=(40, n)) * rng.choice([-1.0, 1.0], size=(40, 1))
    rows[1] = 3.0  # all equal
    rows[2, ::2] = 0.5  # ties
    rows[3, 0] = np.nan
    rows[4, -1] = np.inf
    rows[5, 0] = -np.inf
    rows[6] = rng.integers(0, 3, n)  # few distinct values
    rows[7] *= 1e-300
    with np.errstate(invalid="ignore"):
        want = np.percentile(rows, PERCENTILES, axis=1)
    got = sorted_percentiles(np.sort(rows.T, axis=0))
    assert np.array_equal(got, want, equal_nan=True)
    # and the whole reduction, constant series and all, on a (draws, …) array
    a = rows.T.reshape(n, 4, 10)
    assert np.array_equal(percentiles(a), _numpy_percentiles(a), equal_nan=True)


def test_band_percentiles_equal_numpys_on_every_block_of_the_sample(sample_project):
    model = draw_model(sample_project, SC, draws=200, seed=5)
    for basis, metric in vocabulary.BLOCKS:
        block = model.block(basis, metric)
        assert np.array_equal(percentiles(block), _numpy_percentiles(block), equal_nan=True)


# ------------------------------------------------------------------ parameters read for all draws
def _per_draw(project, scenario, s, until, keys, values, moving) -> dict[str, np.ndarray]:
    """What ``build_inputs`` read before it read all draws at once: the engine's own readers,
    once per draw, on a scenario holding that draw's values."""
    mkeys = [keys[i] for i in moving]
    per: dict[str, list] = {}
    for d in range(len(values)):
        sc = draw_scenario(scenario, mkeys, values[d, moving]) if moving else scenario
        p = read_parameters(project, sc, until)
        ks = [p.sector(name, west) for name, west in s.coef_keys]
        gross, net = park_arrays_both(project, sc, s, p)
        rows = {
            "k": np.array([(1.0, k.gdp, k.jobs, k.vat, k.cit, k.cit_std) for k in ks]).reshape(
                len(ks), 6
            ),
            "timing": np.hstack(
                [
                    timing_stack(p, p.instrument_coef),
                    timing_stack(p, p.instrument_coef * p.instrument_net),
                ]
            ),
            "chain_w": [p.chain_scale * m for m, _ in p.link_terms],
            "chain_lag": [lag for _, lag in p.link_terms],
            "network": (p.network_share, p.network_decay_km, p.multiplier),
            "western": p.western_years,
            "vat_central": p.vat_central,
            "cit_central": p.cit_central,
        }
        for name, arrays in (("parks", gross), ("parks_net", net)):
            for m in arrays.loc:
                rows[f"{name}.loc.{m}"] = arrays.loc[m]
            for m in arrays.stat:
                rows[f"{name}.stat.{m}"] = arrays.stat[m]
            rows[f"{name}.fiscal"] = arrays.fiscal
            rows[f"{name}.fiscal_vat"] = arrays.fiscal_vat
        if d == 0:
            rows["not_summable"] = gross.not_summable
        for key, x in rows.items():
            per.setdefault(key, []).append(x)
    out = {k: np.array(v) for k, v in per.items()}
    out["not_summable"] = out["not_summable"][0]
    return out


def _all_at_once(inp) -> dict[str, np.ndarray]:
    out = {
        "k": inp.k,
        "timing": inp.timing,
        "chain_w": inp.chain_w,
        "chain_lag": inp.chain_lag,
        "western": inp.western,
        "vat_central": inp.vat_central,
        "cit_central": inp.cit_central,
        "not_summable": inp.not_summable,
    }
    for name in ("parks", "parks_net"):
        stack = getattr(inp, name)
        for m, a in stack.loc.items():
            out[f"{name}.loc.{m}"] = a
        for m, a in stack.stat.items():
            out[f"{name}.stat.{m}"] = a
        out[f"{name}.fiscal"] = stack.fiscal
        out[f"{name}.fiscal_vat"] = stack.fiscal_vat
    return out


def _check_inputs(project, scenario_name: str, values: np.ndarray | None = None, draws: int = 25):
    sc = project.scenario(scenario_name)
    space = parameter_space(project, sc)
    if values is None:
        values = sample(space, draws, 11)
    s = build_structure(project)
    model = DrawModel(project, scenario_name, 2032, space.keys, values)
    moving = [j for j in range(values.shape[1]) if np.ptp(values[:, j]) > 0]
    if len(values) == 1:
        moving = list(range(values.shape[1]))
    want = _per_draw(project, sc, s, 2032, space.keys, values, moving)
    got = _all_at_once(model.inputs)
    assert set(got) == set(want) - {"network"}
    for key, ref in want.items():
        if key == "network":
            ref_s, _inv, ref_ok = networks(s, ref)
            assert np.array_equal(ref_ok, model.inputs.net_ok)
            np.testing.assert_allclose(model.inputs.net_s, ref_s, rtol=1e-12, atol=0)
            continue
        # Bit-identical on the machine this was written on; 1e-12 allows another CPU's pow.
        np.testing.assert_allclose(got[key], ref, rtol=1e-12, atol=0, err_msg=key)
        assert got[key].shape == ref.shape and got[key].dtype == ref.dtype, key


@pytest.mark.parametrize("scenario", ["基准方案", "双核加力"])
def test_all_draws_read_at_once_equal_the_engines_readers_draw_by_draw(sample_project, scenario):
    _check_inputs(sample_project, scenario)


def test_one_draw_with_every_value_as_an_override_reads_the_same(sample_project):
    space = parameter_space(sample_project, sample_project.scenario(SC))
    values = sample(space, 1, 3)
    values[0, 0] += 1.0  # off the central value: every column goes in as an override
    _check_inputs(sample_project, SC, values)


def test_dated_agreements_a_schedule_per_tax_and_no_parks_read_the_same(sample_project):
    """The other branches of the park bookkeeping: dated agreements (shares by year, one of
    them counted in full by both only in some years) and a schedule per tax; then no parks."""
    deals = [a for a in sample_project.agreements if a.park_id]
    assert deals
    deals[0].start_year, deals[-1].sunset_year = 2027, 2029
    deals[0].tax_split_by_tax["cit"] = {2026: {code: 50.0 for code in deals[0].parties[:2]}}
    _check_inputs(sample_project, SC)
    sample_project.scenario(SC).park_ids = []
    _check_inputs(sample_project, SC, draws=5)


def test_the_large_project_reads_the_same():
    from benchmarks.synthetic import build_large_project

    large = build_large_project(seed=0)
    _check_inputs(large, large.scenarios[0].name, draws=6)


def test_region_sums_in_pieces_of_a_few_draws_change_no_number(sample_project, monkeypatch):
    from workbench.core.uncertainty import batch

    whole = draw_model(sample_project, SC, draws=30, seed=2).effects()
    monkeypatch.setattr(batch, "AGGREGATE_FLOATS", 1)  # one draw per piece
    pieces = draw_model(sample_project, SC, draws=30, seed=2).effects()
    for name, a in vars(whole).items():
        assert np.array_equal(a, getattr(pieces, name)), name


def test_the_percentiles_report_progress_and_honour_a_cancel(sample_project):
    from workbench.core.uncertainty import Cancelled, run_draws
    from workbench.core.uncertainty.bands import MODEL_SHARE

    seen: list[float] = []
    run_draws(sample_project, SC, draws=20, progress=lambda d, t=1.0: seen.append(d / t))
    after = [x for x in seen if x > MODEL_SHARE]
    assert len(after) >= 5 and seen == sorted(seen) and seen[-1] == pytest.approx(1.0)

    def cancel() -> bool:  # only once the model is drawn: while the percentiles are taken
        return bool(seen) and seen[-1] > MODEL_SHARE

    seen.clear()
    with pytest.raises(Cancelled):
        run_draws(
            sample_project,
            SC,
            draws=20,
            progress=lambda d, t=1.0: seen.append(d / t),
            cancel=cancel,
        )
