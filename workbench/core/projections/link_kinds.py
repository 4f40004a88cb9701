"""What a chain link's kind (价值链 value / 供应链 supply / 创新链 innovation) does to its coefficient.

A link's strength is the share of the source's output that reaches the target. The kind says how
it reaches it and when:

* supply (供应链): the target buys inputs from the source, in the same year — the plain
  input–output reading: multiplier 1, no lag.
* value (价值链): a looser relation along the value chain (shared customers, design, brand,
  distribution); part of the stated strength is not a firm purchase, so 0.8 of it counts, in the
  same year.
* innovation (创新链): knowledge, not purchases — the source's research raises what the target
  can make (new products, productivity) after it has been taken up. Half the stated strength,
  two years later. It carries no intermediate purchase, so an MRIO table's average flow for the
  pair is not what it replaces.

All three pairs are assumptions (假设), in the default parameter table as
``chain.kind.<kind>.multiplier`` (dimensionless) and ``chain.kind.<kind>.lag`` (years), with ranges;
a project or scenario overrides them like any parameter.

How the engine uses it (the chain spillover with lags): with S_L the matrix of coefficients of the
links whose lag is L (S_0 the same-year ones),

    X[:, y] = (I − S_0)⁻¹ (D[:, y] + Σ_{L≥1} S_L X[:, y − L])

year by year; ``chain_matrices`` builds the S_L, ``solve_lagged`` does the recursion. It equals the
Leontief inverse of the stacked (candidates × years) system (tested). Only S_0 needs a spectral
radius below 1: lagged effects over a finite horizon are always finite.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from workbench.core.assumptions import parameter_value
from workbench.core.assumptions_net import CHAIN_KIND_DEFAULTS
from workbench.core.enums import ChainKind
from workbench.core.model import ChainLink, Project, Scenario

if TYPE_CHECKING:
    import scipy.sparse as sp


@dataclass(frozen=True)
class LinkKindTerms:
    multiplier: float  # on strength × chain.strength_scale
    lag: int  # years from the source's output to the target's effect
    channel: str  # "purchases" | "knowledge"


# The defaults are the parameter table's (``assumptions_net.CHAIN_KIND_DEFAULTS``): declared once.
DEFAULT_TERMS: dict[ChainKind, LinkKindTerms] = {
    k: LinkKindTerms(
        CHAIN_KIND_DEFAULTS[k.value][0][0],
        CHAIN_KIND_DEFAULTS[k.value][1][0],
        "knowledge" if k is ChainKind.INNOVATION else "purchases",
    )
    for k in (ChainKind.SUPPLY, ChainKind.VALUE, ChainKind.INNOVATION)
}


def link_terms(
    kind: ChainKind, project: Project | None = None, scenario: Scenario | None = None
) -> LinkKindTerms:
    """The kind's multiplier and lag: the project's parameters when it has them, else defaults."""
    d = DEFAULT_TERMS[kind]
    if project is None:
        return d
    mult = parameter_value(project, f"chain.kind.{kind.value}.multiplier", scenario)
    lag = parameter_value(project, f"chain.kind.{kind.value}.lag", scenario)
    return LinkKindTerms(
        d.multiplier if mult is None else max(float(mult), 0.0),
        d.lag if lag is None else max(round(lag), 0),
        d.channel,
    )


def link_coefficient(
    link: ChainLink,
    scale: float,
    project: Project | None = None,
    scenario: Scenario | None = None,
) -> tuple[float, int]:
    """(coefficient S[target, source], lag in years) of one link; ``scale`` is
    chain.strength_scale as a fraction."""
    t = link_terms(link.kind, project, scenario)
    return float(link.strength) * scale * t.multiplier, t.lag


def chain_matrices(
    links: Sequence[ChainLink],
    index: Mapping[str, int],
    n: int,
    scale: float,
    project: Project | None = None,
    scenario: Scenario | None = None,
) -> dict[int, sp.csr_matrix]:
    """lag -> (n × n) sparse S_L[target, source]; links with an unknown end are left out."""
    import scipy.sparse as sp  # the reference recursion; the engine itself needs no scipy

    terms = {k: link_terms(k, project, scenario) for k in ChainKind}
    parts: dict[int, tuple[list[int], list[int], list[float]]] = {}
    for link in links:
        s, t = index.get(link.source, -1), index.get(link.target, -1)
        if s < 0 or t < 0:
            continue
        k = terms[link.kind]
        rows, cols, vals = parts.setdefault(k.lag, ([], [], []))
        rows.append(t)
        cols.append(s)
        vals.append(float(link.strength) * scale * k.multiplier)
    return {
        lag: sp.csr_matrix((v, (r, c)), shape=(n, n)) for lag, (r, c, v) in sorted(parts.items())
    }


def solve_lagged(matrices: Mapping[int, sp.spmatrix], d: np.ndarray) -> np.ndarray:
    """Chain-augmented output X (n × years) from direct output D (n × years), year by year."""
    import scipy.sparse as sp
    import scipy.sparse.linalg as spla

    n, ny = d.shape
    s0 = matrices.get(0)
    solve = (
        spla.splu(sp.csc_matrix(sp.identity(n) - s0)).solve
        if s0 is not None and s0.nnz
        else (lambda b: b)
    )
    x = np.zeros_like(d, dtype=float)
    for y in range(ny):
        rhs = d[:, y].astype(float).copy()
        for lag, m in matrices.items():
            if lag >= 1 and y - lag >= 0:
                rhs += m @ x[:, y - lag]
        x[:, y] = solve(rhs)
    return x
