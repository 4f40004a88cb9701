"""A scenario's cached projection arrays, shared by the engine (which computes and updates them)
and the views that read them (fund, deployment): its own module so that neither imports the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from workbench.core.model import Scenario
from workbench.core.projections.direct import AllocationArrays, fairness_output
from workbench.core.projections.matrices import Matrix, product
from workbench.core.projections.parameters import YEARS, Parameters
from workbench.core.projections.parks import ParkArrays
from workbench.core.projections.spillover import MAX_ITERATIONS
from workbench.core.projections.structure import Chain, Network

if TYPE_CHECKING:
    import pandas as pd

    from workbench.core.projections.agreements import CandidateSharing

# Internal metric rows: output, value added, jobs, VAT raised, CIT raised at the candidate's rate
# while the 西部大开发 rate lasts, CIT raised at the standard rate (used after it ends).
MET = ("output", "gdp", "jobs", "vat", "cit", "cit_std")
ROW = {m: i for i, m in enumerate(MET)}
CAP_TOL = 1e-14  # relative change per round at which the chain iteration stops (machine level)


@dataclass
class Baseline:
    """(units × years) baseline GDP and general budget revenue; NaN where a unit has none."""

    gdp: np.ndarray
    fiscal_revenue: np.ndarray


@dataclass
class Effects:
    """The fund money's effects as (metrics, units, years) arrays, gross unless named net."""

    direct: np.ndarray
    chained: np.ndarray  # after the chain links
    replaced_own: np.ndarray  # own-region average flows that chain links replace
    total: np.ndarray  # after the regional inverse
    net_total: np.ndarray  # the same from net direct output (after additionality)

    def minus(self, other: Effects) -> Effects:
        return Effects(
            *(a - b for a, b in zip(vars(self).values(), vars(other).values(), strict=True))
        )


@dataclass
class ScenarioState:
    scenario: Scenario
    params: Parameters
    arr: AllocationArrays
    k: np.ndarray  # (metrics × candidates) coefficients per 亿元 of output
    agg: Matrix  # (metrics·units × candidates): region sums weighted by k
    repl: Matrix  # (metrics·units × candidates): average flows replaced by chain links
    repl_own: Matrix  # the own-region (diagonal) part of ``repl``
    chain: Chain
    network: Network
    d_cand: np.ndarray  # (candidates, 2·years) [gross | net] direct output (edits update it)
    x_cand: np.ndarray  # the same after the chain links: the last solution, the next one's start
    invested: np.ndarray  # (units, plan years) fund money, 亿元
    parks: ParkArrays  # gross
    parks_net: ParkArrays
    province_share: np.ndarray  # (2, units) province-level share of local VAT, CIT
    baseline: Baseline
    notes: list[tuple[str, str]] = field(default_factory=list)
    sharing: CandidateSharing | None = None  # agreements over candidates (``agreements``)
    table: pd.DataFrame | None = None
    effects_cache: Effects | None = None  # from d_cand, until the next edit
    fair_cache: np.ndarray | None = None  # (metrics, units), see ``fair``
    steps_cache: tuple | None = None  # (effects it was computed for, arrays): ``net_view``

    def effects(self) -> Effects:
        """The effects of the current direct output (computed once after each edit).

        Chain links with the funded-target rule: demand landing on a candidate that is itself
        funded is first met by the output its own funding produces, so its output is
        max(own direct output, demand) rather than their sum: X = max(D, S X), per candidate,
        year and column (without funded targets, the linear X = D + S X). The map is monotone and
        contracts by ρ(S) < 1, so iterating it converges from any start; it starts from the last
        solution, so after one edit only a few rounds are needed.
        """
        if self.effects_cache is None:
            d = self.d_cand
            if self.chain.active:
                self.x_cand = _capped_output(self.chain, d, self.x_cand, len(self.params.years))
            else:
                self.x_cand = d.copy()
            e = self.propagate(self.x_cand)
            nm, ny = len(MET), len(self.params.years)
            e.direct = product(self.agg, d[:, :ny]).reshape(nm, -1, ny)
            self.effects_cache = e
        return self.effects_cache

    def propagate(self, x: np.ndarray) -> Effects:
        """Effects of chained candidate output ``x`` (candidates × 2·years), with zero direct
        output: the same arithmetic as the full computation."""
        nm, nu, ny = len(MET), self.agg.shape[0] // len(MET), len(self.params.years)
        both = product(self.agg, x).reshape(nm, nu, -1)
        through = np.einsum(
            "ij,mjy->miy", self.network.inverse, both - product(self.repl, x).reshape(nm, nu, -1)
        )
        return Effects(
            direct=np.zeros((nm, nu, ny)),
            chained=both[:, :, :ny],
            replaced_own=product(self.repl_own, x[:, :ny]).reshape(nm, nu, ny),
            total=through[:, :, :ny],
            net_total=through[:, :, ny : 2 * ny],
        )

    def fair(self) -> np.ndarray:
        """(metrics, units) net effect of every allocation over FAIRNESS_HORIZON years after it,
        with the same chain, funded-target rule and regional rounds; computed when asked for."""
        if self.fair_cache is None:
            d = fairness_output(self.arr, self.agg.shape[1], self.params)[:, None]
            x = d
            if self.chain.active:  # years summed: every link counts, whatever its lag
                x = _capped_output(Chain(self.chain.total, None, self.chain.check), d, d, 1)
            nm = len(MET)
            flow = product(self.agg - self.repl, x).reshape(nm, -1)
            self.fair_cache = flow @ self.network.inverse.T
        return self.fair_cache

    def tax(self, arr: np.ndarray, tier: str = "raised") -> np.ndarray:
        """Tax from the (metrics, units, years) rows of ``arr``: ``raised`` (central + local),
        ``city`` (the city/district's part of the local share) or ``province``."""
        p = self.params
        wy = p.western_years
        cit = np.where(wy, arr[ROW["cit"]], arr[ROW["cit_std"]])
        vat = arr[ROW["vat"]]
        if tier == "raised":
            return vat + cit
        pv, pc = self.province_share[:, :, None]
        if tier == "province":
            return vat * (1 - p.vat_central) * pv + cit * (1 - p.cit_central) * pc
        return vat * (1 - p.vat_central) * (1 - pv) + cit * (1 - p.cit_central) * (1 - pc)

    def fund_benefits(self) -> dict[str, np.ndarray]:
        """(units,) what the fund's money brings each unit, net of additionality: value added and
        city/district tax summed over the plan years, jobs in the last plan year, and the
        timing-neutral value added used by the fairness ratio (``fund``)."""
        e = self.effects()
        plan = slice(0, len(YEARS))
        net, fair = e.net_total, self.fair()[:, :, None]
        return {
            "gdp": net[ROW["gdp"], :, plan].sum(axis=1),
            "tax_local": self.tax(net, "city")[:, plan].sum(axis=1),
            "jobs": net[ROW["jobs"], :, len(YEARS) - 1],
            "fair_gdp": fair[ROW["gdp"], :, 0],
        }


def _capped_output(chain: Chain, d: np.ndarray, x: np.ndarray, ny: int) -> np.ndarray:
    """The fixed point of X = max(D, S X), S with each link's lag, iterated from ``x`` (see
    ``effects``); ``ny`` year columns per block of ``d``."""
    scale = 0.0  # max |X| of an earlier round: the exact one is taken before stopping
    diff = np.empty(d.shape)  # reused: after an edit a large project runs ~20 rounds
    for _ in range(MAX_ITERATIONS):
        nxt = chain.demand(x, ny)  # a fresh array each round: the max is taken in place
        np.maximum(d, nxt, out=nxt)
        np.subtract(nxt, x, out=diff)
        step = float(np.abs(diff, out=diff).max(initial=0.0))
        if step <= CAP_TOL * scale or scale == 0.0:
            scale = max(float(np.abs(nxt).max(initial=0.0)), 1e-300)
            if step <= CAP_TOL * scale:
                return nxt
        x = nxt
    return x
