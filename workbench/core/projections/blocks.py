"""From a scenario's arrays to the components a planner reads, one (basis, metric) at a time.

Components (``vocabulary.COMPONENTS``) so that each purchase is counted once:

* ``direct`` — the funded candidates' own output (gross);
* ``chain_spillover`` — output the chain links (specific deals) induce at their targets;
* ``indirect`` — own-region supplier rounds through the regional matrix's diagonal,
  z = (a·chained − replaced) / (1 − a) per unit (a = 1 − 1/μ without a table, the table's own
  coefficient with one), where ``replaced`` is the own-region average flow a chain link replaces;
* ``network_spillover`` — every round that passes through another unit: the full regional
  solution (I − A)⁻¹ (chained − replaced) minus the three above;
* ``park_share`` — park effects (gross) under the basis' rule;
* ``additionality`` — net minus gross (≤ 0), fund money by instrument and parks by model.

``total`` (their sum) is therefore net; gross = total − additionality. Tax is raised (location),
the city/district tier of the local share (fiscal) or the province tier (fiscal_province). The
``baseline`` basis gives each component as % of the unit's baseline GDP (statistical GDP) or
baseline general budget revenue (city/district tax); NaN where the unit has no statistics.
"""

from __future__ import annotations

import numpy as np

from workbench.core.baseline import baseline_paths
from workbench.core.model import Project, Scenario
from workbench.core.projections import vocabulary
from workbench.core.projections.agreements import shifted
from workbench.core.projections.matrices import Matrix, dense_for, triplets
from workbench.core.projections.parks import ParkArrays
from workbench.core.projections.state import MET, ROW, Baseline, ScenarioState
from workbench.core.projections.structure import Network, Structure
from workbench.core.projections.table import Block
from workbench.core.taxes import local_split

_TAX_TIER = {"location": "raised", "fiscal": "city", "fiscal_province": "province"}
_RATIO_SOURCE = {
    "gdp_pct_baseline": ("statistical", "gdp"),
    "revenue_pct_baseline": ("fiscal", "tax"),
}


def region_matrices(
    s: Structure, k: np.ndarray, network: Network, chain_ok: bool
) -> tuple[Matrix, Matrix, Matrix]:
    """(metrics·units × candidates) matrices (``matrices``: dense for small projects): region sums weighted by the coefficients k,
    the average flows chain links replace (A[r, unit(c)] × k), and their own-region part."""
    nm, n, nu = k.shape[0], len(s.cand_ids), s.n_units
    shape = (nm * nu, n)
    dense = dense_for(n)
    valid = s.cand_unit >= 0
    cols = np.flatnonzero(valid)
    rows = (np.arange(nm)[:, None] * nu + s.cand_unit[valid][None, :]).ravel()
    agg = triplets(k[:, valid].ravel(), rows, np.tile(cols, nm), shape, dense)
    if not (chain_ok and network.check.ok and s.repl_unit.size):
        empty = triplets(np.zeros(0), np.zeros(0), np.zeros(0), shape, dense)
        return agg, empty, empty
    src_unit = s.cand_unit[s.repl_cand]
    coef = network.s[s.repl_unit, src_unit]
    keep = coef > 0
    ru, rc, rv, own = (
        s.repl_unit[keep],
        s.repl_cand[keep],
        coef[keep],
        (s.repl_unit == src_unit)[keep],
    )

    def build(mask: np.ndarray) -> Matrix:
        r, c, v = ru[mask], rc[mask], rv[mask]
        data = (k[:, c] * v[None, :]).ravel()
        rws = (np.arange(nm)[:, None] * nu + r[None, :]).ravel()
        return triplets(data, rws, np.tile(c, nm), shape, dense)

    return agg, build(np.ones(len(ru), dtype=bool)), build(own)


def province_shares(project: Project, scenario: Scenario, s: Structure) -> np.ndarray:
    """(2, units): the province-level share of the local VAT and CIT, by each unit's province."""
    return np.array(
        [
            [local_split(project, tax, code, scenario)[0] for code in s.unit_codes]
            for tax in ("vat", "cit")
        ]
    ).reshape(2, s.n_units)


def baseline_arrays(
    project: Project, scenario: Scenario, s: Structure, years: tuple[int, ...]
) -> tuple[Baseline, list[tuple[str, str]]]:
    """Baseline GDP and revenue on the engine's units and years, and a note naming the units
    without statistics (their shares are NaN, never 0 %)."""
    paths = baseline_paths(project, scenario, ("gdp", "fiscal_revenue"), years)
    out, notes = {}, []
    names = {
        "gdp": ("地区生产总值", "GDP"),
        "fiscal_revenue": ("一般公共预算收入", "budget revenue"),
    }
    for ind in ("gdp", "fiscal_revenue"):
        arr = np.full((s.n_units, len(years)), np.nan)
        missing: list[str] = []
        for r, code in enumerate(s.unit_codes):
            p = paths.get((code, ind))
            if p is not None and p.values is not None:
                arr[r] = [p.values[y] for y in years]
            else:
                missing.append(s.unit_names[r])
        out[ind] = arr
        if missing:
            zh, en = names[ind]
            shown = "、".join(missing[:8]) + ("等" if len(missing) > 8 else "")
            notes.append(
                (
                    f"{len(missing)} 个规划单元没有导入的{zh}统计（{shown}），"
                    "其占基线比重显示为空（NaN），不是 0%",
                    f"{len(missing)} planning units have no imported {en} statistics; "
                    "their shares of baseline are NaN, not 0 %",
                )
            )
    return Baseline(out["gdp"], out["fiscal_revenue"]), notes


def _metric(st: ScenarioState, arr: np.ndarray, basis: str, metric: str) -> np.ndarray:
    if metric == "tax":
        return st.tax(arr, _TAX_TIER[basis])
    return arr[ROW[metric]]


def _park(st: ScenarioState, p: ParkArrays, basis: str, metric: str) -> np.ndarray:
    if basis == "location":
        return p.loc[metric]
    if basis == "statistical":
        return p.stat[metric]
    pv, pc = st.province_share[:, :, None]
    cit = p.fiscal - p.fiscal_vat
    if basis == "fiscal_province":
        return p.fiscal_vat * pv + cit * pc
    return p.fiscal_vat * (1 - pv) + cit * (1 - pc)


def parts(st: ScenarioState, basis: str, metric: str) -> list[np.ndarray]:
    """(units × years) per ``vocabulary.PARTS`` component for one additive (basis, metric)."""
    e = st.effects()
    d, c, r, t, n = (
        _metric(st, a, basis, metric)
        for a in (e.direct, e.chained, e.replaced_own, e.total, e.net_total)
    )
    a = st.network.own[:, None]
    own = (c * a - r) / (1 - a)
    moved = None
    park = _park(st, st.parks, basis, metric)
    park_net = _park(st, st.parks_net, basis, metric)
    if basis in _SHARED and st.sharing is not None and st.sharing.active:
        ny, nu = len(st.params.years), d.shape[0]
        tier = _tier(st, basis)
        gross = shifted(st, basis, metric, st.d_cand[:, :ny], nu, tier)
        net = shifted(st, basis, metric, st.d_cand[:, ny : 2 * ny], nu, tier)
        moved = (gross, net - gross)  # the unit's direct output, and its additionality
    by = {
        "direct": d,
        "chain_spillover": c - d,
        "indirect": own,
        "network_spillover": t - c - own,
        "park_share": park,
        "additionality": (n - t) + (park_net - park),
    }
    if moved is not None:
        by["direct"] = by["direct"] + moved[0]
        by["additionality"] = by["additionality"] + moved[1]
    return [by[k] for k in vocabulary.PARTS]


_SHARED = {"statistical", "fiscal", "fiscal_province"}  # where agreements divide a unit


def _tier(st: ScenarioState, basis: str):
    """Moved local (VAT, CIT) -> the basis' tier at each receiving unit, as for parks."""
    pv, pc = st.province_share[:, :, None]
    if basis == "fiscal_province":
        return lambda vat, cit: vat * pv + cit * pc
    return lambda vat, cit: vat * (1 - pv) + cit * (1 - pc)


def block_of(
    st: ScenarioState, codes: list[str], names: list[str], basis: str, metric: str
) -> Block:
    full = st.parks.not_summable
    if st.sharing is not None and st.sharing.full:
        ny = len(st.params.years)
        full = full | st.sharing.not_summable(len(codes), st.d_cand[:, :ny])
    years = st.params.years
    if metric in _RATIO_SOURCE:
        src_basis, src_metric = _RATIO_SOURCE[metric]
        base = st.baseline.gdp if metric == "gdp_pct_baseline" else st.baseline.fiscal_revenue
        with np.errstate(divide="ignore", invalid="ignore"):
            scale = np.where(base > 0, 100.0 / base, np.nan)
        ratio = [p * scale for p in parts(st, src_basis, src_metric)]
        weights = np.where(base > 0, base, np.nan)
        return Block(basis, metric, codes, names, ratio, full, years, weights)
    return Block(basis, metric, codes, names, parts(st, basis, metric), full, years)


__all__ = ["MET", "baseline_arrays", "block_of", "parts", "province_shares", "region_matrices"]
