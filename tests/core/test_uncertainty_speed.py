"""The fast paths of the Monte Carlo bands give exactly what the slow ones they replaced gave."""

from __future__ import annotations

import numpy as np
import pytest

from workbench.core.projections import vocabulary
from workbench.core.uncertainty import draw_model
from workbench.core.uncertainty.bands import PERCENTILES, percentiles, sorted_percentiles

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
    got = sorted_percentiles(np.sort(rows, axis=1))
    assert np.array_equal(got, want, equal_nan=True)
    # and the whole reduction, constant series and all, on a (draws, …) array
    a = rows.T.reshape(n, 4, 10)
    assert np.array_equal(percentiles(a), _numpy_percentiles(a), equal_nan=True)


def test_band_percentiles_equal_numpys_on_every_block_of_the_sample(sample_project):
    model = draw_model(sample_project, SC, draws=200, seed=5)
    for basis, metric in vocabulary.BLOCKS:
        block = model.block(basis, metric)
        assert np.array_equal(percentiles(block), _numpy_percentiles(block), equal_nan=True)
