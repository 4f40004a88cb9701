"""Spillover matrices S and the Leontief-style inverse (I − S)⁻¹ applied to them.

Two matrices, both "column = source, row = receiver" like an input–output coefficient matrix:

* the chain matrix at candidate level, ``S[target, source] = strength × chain.strength_scale``;
* the region network at planning-unit level, from shared borders with distance decay, or the
  planner's multi-regional input–output table (``project.mrio``) when one is loaded.

A non-negative S has a finite, non-negative inverse exactly when its spectral radius ρ(S) < 1.
The engine never inverts an S with ρ ≥ 1: it reports the problem and leaves that spillover out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from workbench.core.projections.matrices import DENSE_LIMIT, Matrix, as_dense, is_sparse

# Up to DENSE_LIMIT eigenvalues and inverses are computed densely (and the matrices are dense
# arrays: ``matrices``); scipy is imported only for larger ones.
MAX_ITERATIONS = 5000
REL_TOL = 1e-14


@dataclass
class SpilloverCheck:
    """Whether a spillover matrix may be inverted, and why not when it may not."""

    ok: bool
    radius: float | None  # spectral radius when computed; None when only bounded
    reason_zh: str = ""
    reason_en: str = ""


def spectral_radius(s: Matrix) -> float:
    """ρ(S). Dense for small matrices; for large sparse ones the largest-magnitude eigenvalue."""
    n = s.shape[0]
    if n == 0:
        return 0.0
    if n <= DENSE_LIMIT or not is_sparse(s):
        return float(np.max(np.abs(np.linalg.eigvals(as_dense(s))))) if n else 0.0
    import scipy.sparse.linalg as spla

    try:
        vals = spla.eigs(
            s.astype(float), k=1, which="LM", return_eigenvectors=False, maxiter=n * 20
        )
        return float(np.max(np.abs(vals)))
    except (spla.ArpackNoConvergence, ValueError, RuntimeError):
        return _power_radius(s)


def _power_radius(s: Matrix, iterations: int = 2000) -> float:
    """Collatz–Wielandt bounds by power iteration on a non-negative matrix (upper bound)."""
    x = np.ones(s.shape[0])
    upper = math.inf
    for _ in range(iterations):
        y = s @ x
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(x > 0, y / x, 0.0)
        upper = float(ratio.max())
        norm = float(y.max())
        if norm == 0:
            return 0.0
        x = y / norm
    return upper


def check(s: Matrix, what_zh: str, what_en: str) -> SpilloverCheck:
    """May (I − S)⁻¹ be used? Needs finite, non-negative entries and ρ(S) < 1."""
    data = s.data if is_sparse(s) else np.asarray(s)
    if data.size and not np.all(np.isfinite(data)):
        return SpilloverCheck(
            False, None, f"{what_zh}含有无效数值", f"{what_en} contains invalid numbers"
        )
    if data.size and data.min() < 0:
        return SpilloverCheck(
            False, None, f"{what_zh}含有负数系数", f"{what_en} has negative coefficients"
        )
    col = np.asarray(abs(s).sum(axis=0)).ravel() if s.shape[0] else np.zeros(0)
    if col.size == 0 or col.max() < 1:  # every column sums below 1: ρ ≤ max column sum < 1
        return SpilloverCheck(True, None)
    rho = spectral_radius(s)
    if rho < 1 - 1e-12:
        return SpilloverCheck(True, rho)
    return SpilloverCheck(
        False,
        rho,
        f"{what_zh}的谱半径为 {rho:.4f}，不小于 1：外溢会无限放大，无法求逆（I − S）⁻¹，已不计该外溢",
        f"{what_en} has spectral radius {rho:.4f} ≥ 1: spillover would grow without bound, "
        "(I − S)⁻¹ does not exist; that spillover is left out",
    )


def leontief_inverse(a: np.ndarray) -> np.ndarray:
    """(I − A)⁻¹ of a small dense matrix (the region network or an MRIO table)."""
    n = a.shape[0]
    return np.linalg.inv(np.eye(n) - a) if n else np.zeros((0, 0))


class ChainSolver:
    """Solves (I − S) X = B for the candidate chain matrix S.

    Small systems are solved densely (LU by numpy). Large link graphs fill in badly under LU, so
    they use the Neumann series X = B + S X iterated to machine precision: each round is one more
    round of indirect effects, and it converges because ρ(S) < 1 has been checked first.
    ``has_links``: whether S holds any link (a stored entry, even of strength 0), as the engine
    asks; nothing is factorised until ``solve`` is called.
    """

    def __init__(self, s: Matrix, has_links: bool) -> None:
        self.s = s
        self.n = s.shape[0]
        self.has_links = has_links

    def solve(self, b: np.ndarray) -> np.ndarray:
        if not self.has_links:
            return b.copy()
        if self.n <= DENSE_LIMIT:
            return np.linalg.solve(np.eye(self.n) - as_dense(self.s), np.asarray(b, dtype=float))
        x = b.copy()
        for _ in range(MAX_ITERATIONS):
            nxt = b + self.s @ x
            scale = float(np.abs(nxt).max()) if nxt.size else 0.0
            if float(np.abs(nxt - x).max()) <= REL_TOL * max(scale, 1e-300):
                return nxt
            x = nxt
        import scipy.sparse as sp
        import scipy.sparse.linalg as spla

        return spla.spsolve((sp.identity(self.n, format="csc") - self.s).tocsc(), b)
