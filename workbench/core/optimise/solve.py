"""Solving the model with HiGHS (scipy.optimize.milp), explaining an infeasible request, and
turning the solution back into allocations.

Infeasible: the same rows are solved again with a slack per row (in the direction that relaxes
it) and the total slack minimised; the rows whose slack is positive are the rules that bind, and
the slack is by how much (亿元). A target stays hard in that run, so the answer reads "to reach
it, this rule would have to give this much"; if even free rules cannot reach it (no eligible unit
responds), the target's own shortfall is reported.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np

from workbench.core.optimise.model import Model

_NOT_RELAXED = {"gate_order"}
SLACK_TOL = 1e-6


@dataclass
class Binding:
    family: str
    key: str
    amount: float  # by how much the row must give (亿元, or the target's unit)


@dataclass
class Solution:
    status: str  # optimal, feasible (stopped at the time limit with a solution), infeasible
    x: np.ndarray | None
    mip_gap: float | None
    seconds: float
    binding: list[Binding]
    message: str = ""


def solve(model: Model, gap: float = 0.005, time_limit: float = 60.0) -> Solution:
    from scipy.optimize import Bounds, LinearConstraint, milp

    t0 = time.perf_counter()
    cons = LinearConstraint(model.a, model.lo, model.hi) if model.rows else None
    res = milp(
        model.c,
        constraints=cons,
        integrality=model.integrality,
        bounds=Bounds(model.lb, model.ub),
        options={"mip_rel_gap": gap, "time_limit": time_limit, "presolve": True},
    )
    seconds = time.perf_counter() - t0
    if res.x is not None and res.status in (0, 1):
        gap_reached = getattr(res, "mip_gap", None)
        status = "optimal" if res.status == 0 else "feasible"
        return Solution(status, np.asarray(res.x), _finite(gap_reached), seconds, [], res.message)
    if res.status == 2:
        return Solution("infeasible", None, None, seconds, diagnose(model, time_limit), res.message)
    if res.status == 3:
        return Solution("unbounded", None, None, seconds, [], res.message)
    return Solution("failed", None, None, seconds, [], res.message)


def _finite(v) -> float | None:
    return float(v) if v is not None and math.isfinite(v) else None


def diagnose(model: Model, time_limit: float = 30.0) -> list[Binding]:
    """Which rows bind, and by how much, when the model has no solution (module docstring)."""
    out = _relaxed(model, relax_target=False, time_limit=time_limit)
    if out is None:
        out = _relaxed(model, relax_target=True, time_limit=time_limit) or []
    return out


def _relaxed(model: Model, relax_target: bool, time_limit: float) -> list[Binding] | None:
    import scipy.sparse as sp
    from scipy.optimize import Bounds, LinearConstraint, milp

    lo, hi = model.lo, model.hi
    relax = [
        k
        for k, r in enumerate(model.rows)
        if r.family not in _NOT_RELAXED and (relax_target or r.family != "target")
    ]
    m, n = model.a.shape
    cols, rows, data = [], [], []
    for j, k in enumerate(relax):
        # one slack per row: +s loosens a lower bound, −s an upper one (a row has one or the other
        # in this model; a row with both gets the sign of its upper bound, the usual cap)
        sign = -1.0 if np.isfinite(hi[k]) else 1.0
        rows.append(k)
        cols.append(j)
        data.append(sign)
    s = sp.csr_array((data, (rows, cols)), shape=(m, len(relax)))
    a = sp.hstack([model.a, s]).tocsr()
    c = np.concatenate([np.zeros(n), np.ones(len(relax))])
    res = milp(
        c,
        constraints=LinearConstraint(a, lo, hi),
        integrality=np.concatenate([model.integrality, np.zeros(len(relax))]),
        bounds=Bounds(
            np.concatenate([model.lb, np.zeros(len(relax))]),
            np.concatenate([model.ub, np.full(len(relax), np.inf)]),
        ),
        options={"time_limit": time_limit, "mip_rel_gap": 1e-6},
    )
    if res.x is None:
        return None
    slack = res.x[n:]
    out = [
        Binding(model.rows[k].family, model.rows[k].key, float(slack[j]))
        for j, k in enumerate(relax)
        if slack[j] > SLACK_TOL
    ]
    return sorted(out, key=lambda b: -b.amount)


def amounts(model: Model, x: np.ndarray) -> dict[tuple[str, int, str], float]:
    """Cell -> 亿元 of a solution; amounts below 1e-7 亿元 (10 yuan, solver noise) are left out."""
    out = {}
    for key, v in zip(model.cells, x[: model.n_amount], strict=True):
        if v > 1e-7:
            out[key] = round(float(v), 9)
    return out
