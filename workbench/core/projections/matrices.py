"""Coefficient matrices dense for small projects, scipy sparse for large ones.

Importing scipy costs a fresh process more than the whole first computation of a small
project (scipy.sparse pulls in ``array_api_compat``, ``numpy.f2py`` and ``numpy.testing``),
and the window's first chart waits for it. Up to ``DENSE_LIMIT`` candidates every matrix the
engine multiplies is a plain numpy array, so scipy is loaded only by projects large enough for
sparse storage to pay: both kinds support the same ``@``, ``-``, ``.shape`` and ``.sum``, and a
test compares the two paths to 1e-9.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import scipy.sparse as sp

DENSE_LIMIT = 600  # candidates (or matrix size) up to which matrices are dense arrays

Matrix = Any  # np.ndarray or sp.csr_matrix; ``Any`` so that annotations need no scipy import


def dense_for(n: int) -> bool:
    """Whether a project of ``n`` candidates keeps its matrices dense."""
    return n <= DENSE_LIMIT


def triplets(
    data: np.ndarray, rows: np.ndarray, cols: np.ndarray, shape: tuple[int, int], dense: bool
) -> Matrix:
    """A matrix from (value, row, column) triplets, duplicates summed, as ``csr_matrix`` does."""
    if dense:
        out = np.zeros(shape)
        np.add.at(out, (np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)), data)
        return out
    import scipy.sparse as sp

    return sp.csr_matrix((data, (rows, cols)), shape=shape)


def vstack(blocks: list[Matrix]) -> Matrix:
    """Blocks one above the other, of the kind they are."""
    if all(isinstance(b, np.ndarray) for b in blocks):
        return np.vstack(blocks)
    import scipy.sparse as sp

    return sp.vstack(blocks, format="csr")


def product(a: Matrix, x: np.ndarray) -> np.ndarray:
    """``a @ x`` with sparse semantics for a dense ``a``: only its non-zero entries multiply, so
    an infinite or NaN value in ``x`` spoils the rows that use it, not every row (0 × inf)."""
    if not isinstance(a, np.ndarray) or np.isfinite(x).all():
        return a @ x
    rows, cols = np.nonzero(a)
    out = np.zeros((a.shape[0], *x.shape[1:]))
    vals = a[rows, cols].reshape(-1, *([1] * (x.ndim - 1)))
    np.add.at(out, rows, vals * x[cols])
    return out


def is_sparse(m: object) -> bool:
    """``scipy.sparse.issparse`` without importing scipy (a sparse matrix means it is loaded)."""
    if isinstance(m, np.ndarray):
        return False
    import sys

    sparse = sys.modules.get("scipy.sparse")
    return sparse is not None and sparse.issparse(m)


def as_dense(m: Matrix) -> np.ndarray:
    return m.toarray() if is_sparse(m) else np.asarray(m, dtype=float)


if TYPE_CHECKING:  # keep the name used by annotations elsewhere resolvable for type checkers
    _ = sp
