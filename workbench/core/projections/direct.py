"""Direct effects: fund money (plus the social capital it mobilises) turned into yearly output.

Output of candidate c in year y (gross, before additionality)::

    D[c, y] = Σ_(t, i) a[c, t, i] × (1 + leverage × λᵢ) × mᵢ × Rᵢ[t, y]

with a the allocation (亿元) in year t by instrument i, λᵢ the share of the fund's leverage that
applies to the instrument, mᵢ the yearly output per 亿元 at full effect and Rᵢ the instrument's
timing: nothing before t + lagᵢ, a linear ramp over rampᵢ years, and for equity the share of
investees still alive (``net_effects.survival``). The net output uses mᵢ × fᵢ instead, fᵢ the
instrument's gross-to-net factor. Value added, jobs and tax follow from output with the
candidate's coefficients (see ``parameters.SectorCoefficients``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from workbench.core.allocation_sums import allocation_sums
from workbench.core.model import Scenario
from workbench.core.projections.matrices import dense_for, product, triplets
from workbench.core.projections.parameters import INSTRUMENTS, YEARS, Parameters
from workbench.core.projections.structure import Structure, lookup

_YEAR_ROW = {y: i for i, y in enumerate(YEARS)}
_INST_ROW = {i.value: k for k, i in enumerate(INSTRUMENTS)}


@dataclass
class AllocationArrays:
    """The scenario's allocations as arrays; rows the model cannot use are dropped and counted."""

    cand: np.ndarray  # candidate row
    year: np.ndarray  # index into YEARS
    inst: np.ndarray  # index into INSTRUMENTS
    amount: np.ndarray  # 亿元
    ignored: int  # allocations to unknown candidates, outside 2026–2030 or not a finite number


def allocation_arrays(structure: Structure, scenario: Scenario) -> AllocationArrays:
    """One row per filled cell (``allocation_sums``), in the model's candidate/year/instrument rows."""
    sums = allocation_sums(scenario)
    if not sums.keys:
        empty = np.zeros(0, dtype=np.int64)
        return AllocationArrays(empty, empty, empty, np.zeros(0), sums.uncountable)
    ids, years, insts = zip(*sums.keys, strict=True)
    cand = lookup(structure.cand_ids, list(ids))
    year = np.array([_YEAR_ROW.get(y, -1) for y in years], dtype=np.int64)
    inst = np.array([_INST_ROW.get(i, -1) for i in insts], dtype=np.int64)
    amount = np.array(sums.values, dtype=float)
    ok = (cand >= 0) & (year >= 0) & (inst >= 0)
    left_out = (~ok).sum() if sums.counted is None else np.asarray(sums.counted)[~ok].sum()
    ignored = sums.uncountable + int(left_out)
    return AllocationArrays(cand[ok], year[ok], inst[ok], amount[ok], ignored)


def money_matrix(arr: AllocationArrays, n: int, weights: np.ndarray | None = None) -> np.ndarray:
    """(n × plan years) sum of amounts per candidate and year, optionally weighted per instrument."""
    w = arr.amount if weights is None else arr.amount * weights[arr.inst]
    flat = np.bincount(arr.cand * len(YEARS) + arr.year, weights=w, minlength=n * len(YEARS))
    return flat.reshape(n, len(YEARS))


def timing_stack(params: Parameters, weights: np.ndarray) -> np.ndarray:
    """((instruments · plan years) × years): row (i, t) is weightᵢ × Rᵢ[t, :]."""
    ramps = params.inst_ramp[:, : len(YEARS), :] * weights[:, None, None]
    return ramps.reshape(len(INSTRUMENTS) * len(YEARS), len(params.years))


def direct_output(
    arr: AllocationArrays, n: int, params: Parameters, factors: list[np.ndarray] | None = None
) -> np.ndarray:
    """[gross D | net D] (n × 2 · years), 亿元 of yearly output; or one block of years per
    ``factors`` entry (a gross-to-net factor per instrument: ``net_view``'s partial steps)."""
    ny, ni = len(YEARS), len(INSTRUMENTS)
    # Sparse for large projects (one entry per allocation): a dense product would wake the BLAS
    # threads for a 5,000 × 15 × 10 multiply and cost more than everything else in a recompute.
    cols = arr.inst * ny + arr.year
    flat = triplets(arr.amount, arr.cand, cols, (n, ni * ny), dense_for(n))
    gross = params.instrument_coef
    if factors is None:
        factors = [np.ones(ni), params.instrument_net]
    return product(flat, np.hstack([timing_stack(params, gross * f) for f in factors]))


def fairness_output(arr: AllocationArrays, n: int, params: Parameters) -> np.ndarray:
    """(n,) each candidate's net output summed over ``FAIRNESS_HORIZON`` years after its money,
    whatever the year it came: what the fairness ratio compares (see ``fund``)."""
    w = params.instrument_coef * params.instrument_net * params.fairness_weight
    return np.bincount(arr.cand, weights=arr.amount * w[arr.inst], minlength=n)
