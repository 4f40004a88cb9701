"""Small projects keep their engine matrices dense (no scipy import); large ones sparse. Both
paths must give the same projections to 1e-9, on the sample and on a random project."""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest

from workbench.core.edits import SetAllocation
from workbench.core.enums import ChainKind, Instrument, Status
from workbench.core.model import Allocation, ChainLink, Project
from workbench.core.projections import ProjectionEngine, matrices


def _outputs(project: Project) -> dict[str, pd.DataFrame | np.ndarray]:
    """Everything the engine computes per scenario, before and after one incremental edit."""
    engine = ProjectionEngine(project)
    out: dict[str, pd.DataFrame | np.ndarray] = {}
    for sc in project.scenarios:
        out[f"results {sc.name}"] = engine.results(sc.name)
        out[f"fund {sc.name}"] = engine.fund_view(sc.name)
        out[f"deployment {sc.name}"] = engine.deployment(sc.name)
        out[f"fair {sc.name}"] = engine.state(sc.name).fair()
    first = project.scenarios[0].name
    cid = project.candidates[0].id
    _, changes = SetAllocation(first, cid, 2027, Instrument.EQUITY, 3.25).apply(project)
    engine.apply(changes)
    out["after an edit"] = engine.results(first)
    return out


def _both_paths(project: Project, monkeypatch: pytest.MonkeyPatch) -> tuple[dict, dict]:
    dense_project = copy.deepcopy(project)
    assert matrices.dense_for(len(project.candidates)), "the comparison needs a small project"
    dense = _outputs(dense_project)
    with monkeypatch.context() as m:
        m.setattr(matrices, "DENSE_LIMIT", -1)  # every matrix sparse, as in a large project
        assert not matrices.dense_for(len(project.candidates))
        sparse = _outputs(copy.deepcopy(project))
    return dense, sparse


def _assert_same(dense: dict, sparse: dict) -> None:
    assert dense.keys() == sparse.keys()
    for key, a in dense.items():
        b = sparse[key]
        if isinstance(a, pd.DataFrame):
            assert list(a.columns) == list(b.columns), key
            for col in a.columns:
                if pd.api.types.is_numeric_dtype(a[col]):
                    np.testing.assert_allclose(
                        a[col].to_numpy(float),
                        b[col].to_numpy(float),
                        rtol=0,
                        atol=1e-9,
                        err_msg=f"{key}: {col}",
                    )
                else:
                    assert a[col].tolist() == b[col].tolist(), f"{key}: {col}"
        else:
            np.testing.assert_allclose(a, b, rtol=0, atol=1e-9, err_msg=key)


def test_dense_and_sparse_paths_agree_on_the_sample(sample_project, monkeypatch):
    assert sample_project.links, "the sample exercises the chain"
    dense, sparse = _both_paths(sample_project, monkeypatch)
    _assert_same(dense, sparse)
    assert float(dense["results 基准方案"]["value"].abs().sum()) > 0


def test_dense_and_sparse_paths_agree_on_a_random_project(sample_project, monkeypatch):
    """Random links of every kind (lags included, duplicated pairs summed), random allocations."""
    rng = np.random.default_rng(12)
    project = sample_project
    ids = [c.id for c in project.candidates]
    kinds = list(ChainKind)
    n_links = 3 * len(ids)
    src = rng.integers(0, len(ids), n_links)
    tgt = rng.integers(0, len(ids), n_links)
    project.links = [
        ChainLink(f"RL-{j}", ids[s], ids[t], kinds[j % len(kinds)], float(rng.uniform(0, 0.12)))
        for j, (s, t) in enumerate(zip(src, tgt, strict=True))
        if s != t
    ]
    for c in project.candidates:
        c.status = Status.APPROVED
    insts = list(Instrument)
    for sc in project.scenarios:
        sc.allocations = [
            Allocation(ids[i], int(y), round(float(rng.uniform(0, 4)), 3), insts[k])
            for i, y, k in zip(
                rng.integers(0, len(ids), 80),
                rng.integers(2026, 2031, 80),
                rng.integers(0, len(insts), 80),
                strict=True,
            )
        ]
    dense, sparse = _both_paths(project, monkeypatch)
    _assert_same(dense, sparse)
    assert any(k in {lk.kind for lk in project.links} for k in kinds)


def test_a_dense_product_spoils_only_the_rows_a_non_finite_value_reaches():
    """A sparse product skips structural zeros, so 0 × inf adds nothing; the dense path must
    too, or one overflowing candidate would turn every region's sum into NaN."""
    import scipy.sparse as sp

    rows, cols = np.array([0, 1, 1]), np.array([0, 1, 2])
    vals = np.array([2.0, 3.0, 0.5])
    dense = matrices.triplets(vals, rows, cols, (3, 3), dense=True)
    sparse = sp.csr_matrix((vals, (rows, cols)), shape=(3, 3))
    for x in (np.array([np.inf, 1.0, 2.0]), np.array([[1.0, np.nan], [np.inf, 2.0], [4.0, 1.0]])):
        got = matrices.product(dense, x)
        np.testing.assert_array_equal(got, sparse @ x)
        assert np.isfinite(got[2]).all()  # row 2 holds no entry: untouched


@pytest.mark.parametrize("sparse", [False, True])
def test_lagged_chain_demand_moves_each_link_its_lag_within_each_block(sparse):
    """``Chain.demand`` against a block-by-block reference: lags 1, 2 and one beyond the horizon,
    two blocks (gross | net), and a non-finite value in a column whose demand leaves its block."""
    import scipy.sparse as sp

    from workbench.core.projections.spillover import SpilloverCheck
    from workbench.core.projections.structure import Chain

    rng = np.random.default_rng(3)
    n, ny = 7, 4
    mats = {lag: rng.uniform(0, 0.2, (n, n)) * (rng.random((n, n)) < 0.4) for lag in (0, 1, 2, 5)}
    x = rng.uniform(0, 5, (n, 2 * ny))
    x[2, ny - 1] = np.inf  # year ny−1 of the gross block: its lagged demand falls off the end
    as_kind = sp.csr_matrix if sparse else np.asarray
    lagged = {lag: as_kind(m) for lag, m in mats.items() if lag}
    chain = Chain(as_kind(mats[0]), None, SpilloverCheck(True, None), lagged)
    expected = matrices.product(mats[0], x)
    for lag in (1, 2):
        moved = matrices.product(mats[lag], x)
        for b in (0, ny):
            expected[:, b + lag : b + ny] += moved[:, b : b + ny - lag]
    got = chain.demand(x, ny)
    np.testing.assert_array_equal(got[:, : ny - 1], expected[:, : ny - 1])  # exactly equal
    np.testing.assert_allclose(got, expected, rtol=1e-12)  # inf where the inf reaches, else equal
    assert np.isfinite(got[:, ny:]).all(), "the inf in the gross block's last year stays there"


def test_reused_regional_matrices_follow_a_coefficient_edit(sample_project):
    """The engine keeps its regional matrices across non-structural edits; a change of sector
    coefficients must rebuild them (a fresh engine is the reference)."""
    engine = ProjectionEngine(sample_project)
    name = sample_project.scenarios[0].name
    before = engine.results(name)["value"].to_numpy()
    sample_project.fund.leverage *= 1.5  # coefficients unchanged: the matrices are reused
    engine.invalidate(structural=False)
    np.testing.assert_allclose(
        engine.results(name)["value"],
        ProjectionEngine(sample_project).results(name)["value"],
        rtol=1e-9,
        atol=1e-12,
    )
    for key, assumption in sample_project.assumptions.items():
        if key.startswith("sector.va_ratio."):
            assumption.value *= 0.8  # value added per output: the coefficients k change
    engine.invalidate(structural=False)
    after = engine.results(name)["value"].to_numpy()
    fresh = ProjectionEngine(sample_project).results(name)["value"].to_numpy()
    np.testing.assert_allclose(after, fresh, rtol=1e-9, atol=1e-12)
    assert not np.allclose(after, before, equal_nan=True)
