"""What each draw's parameters make of the model, before any allocation is multiplied in.

Each draw means exactly what setting its values with ``workbench params --set`` means: the
parameter arithmetic of ``read_parameters`` and ``park_arrays_both`` runs once for all draws with a
leading draw axis (``draws``: the same operations in the same order, so the same numbers, which a
test checks draw by draw against the engine's own readers), and ``province_shares`` is read per
unit. What comes out is small (sectors × metrics, instruments × years, units × years) and stacked
along the draw axis; ``batch`` multiplies it with the allocations for all draws at once.

The region network ``(I − A)⁻¹`` is built per draw from the same borders and distances as
``Structure.network`` and inverted as one stacked ``numpy.linalg.inv``. The spectral radius guard is
kept per draw: a draw whose chain or network matrix has ρ ≥ 1 leaves that spillover out, exactly as
the engine does for a single run (ρ rises with every coefficient, so when the matrix built from
the largest drawn coefficients passes, every draw passes and no per-draw check is needed).

These inputs do not depend on allocations: after an allocation edit they are reused as they are
(``batch.DrawModel.with_allocations``), which is what keeps a band refresh after an edit fast.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from workbench.core.baseline import GROWTH_ASSUMED, GROWTH_OVERRIDE, baseline_paths, growth_key
from workbench.core.enums import ChainKind
from workbench.core.model import Project, Scenario
from workbench.core.projections.blocks import province_shares
from workbench.core.projections.parameters import horizon, read_parameters
from workbench.core.projections.parks import ParkArrays, park_arrays_both
from workbench.core.projections.spillover import check
from workbench.core.projections.structure import Structure
from workbench.core.taxes import province_share_key
from workbench.core.uncertainty.draws import DrawValues, park_draws, read_draws

Progress = Callable[[float, float], None] | None
Cancel = Callable[[], bool] | None
KINDS = tuple(ChainKind)


class Cancelled(Exception):
    """The caller's ``cancel()`` returned True: the draws stopped early."""


@dataclass
class ParkStack:
    """``ParkArrays`` of every draw, stacked: (draws, units, years) per array."""

    loc: dict[str, np.ndarray]
    stat: dict[str, np.ndarray]
    fiscal: np.ndarray
    fiscal_vat: np.ndarray

    @staticmethod
    def of(p: ParkArrays, n: int, ny: int) -> ParkStack:
        """From ``ParkArrays`` whose columns are ``n`` draws' years side by side (views: the
        arrays are only read, element by element)."""

        def stack(a: np.ndarray) -> np.ndarray:
            return a.reshape(len(a), n, ny).transpose(1, 0, 2)

        return ParkStack(
            {m: stack(a) for m, a in p.loc.items()},
            {m: stack(a) for m, a in p.stat.items()},
            stack(p.fiscal),
            stack(p.fiscal_vat),
        )


@dataclass
class DrawInputs:
    """Per-draw arrays (leading axis: draws) that do not depend on allocations."""

    values: np.ndarray  # (draws, parameters) as drawn
    k: np.ndarray  # (draws, coefficient rows, metrics) per 亿元 output, rows as Structure.coef_keys
    timing: np.ndarray  # (draws, instruments·plan years, 2·years): [gross | net] per 亿元 money
    chain_w: np.ndarray  # (draws, kinds) strength scale × kind multiplier
    chain_lag: np.ndarray  # (draws, kinds) whole years
    chain_ok: np.ndarray  # (draws,) the chain matrix passed the spectral radius guard
    net_s: np.ndarray  # (draws, units, units) region coefficients A
    net_inv: np.ndarray  # (draws, units, units) (I − A)⁻¹, identity where refused
    net_ok: np.ndarray  # (draws,)
    western: np.ndarray  # (draws, years) bool: the 西部大开发 CIT rate applies
    vat_central: np.ndarray  # (draws,)
    cit_central: np.ndarray  # (draws,)
    province: np.ndarray  # (draws, 2, units) province share of local VAT, CIT
    parks: ParkStack
    parks_net: ParkStack
    base_gdp: np.ndarray  # (draws, units, years), NaN without statistics
    base_revenue: np.ndarray
    not_summable: np.ndarray  # (units,) party to a park counted in full by both

    @property
    def own(self) -> np.ndarray:
        """(draws, units) own-region coefficients, 0 where the network was refused."""
        diag = np.diagonal(self.net_s, axis1=1, axis2=2)
        return np.where(self.net_ok[:, None], diag, 0.0)


def draw_scenario(scenario: Scenario, keys: list[str], values: np.ndarray) -> Scenario:
    """The scenario with the draw's values as overrides (allocations shared, not copied)."""
    over = dict(scenario.assumption_overrides)
    over.update(zip(keys, (float(v) for v in values), strict=True))
    return dataclasses.replace(scenario, assumption_overrides=over)


def build_inputs(
    project: Project,
    scenario: Scenario,
    s: Structure,
    until: int,
    keys: list[str],
    values: np.ndarray,
    moving: list[int],
    progress: Progress = None,
    cancel: Cancel = None,
) -> DrawInputs:
    """Everything per draw, read for all draws at once (``draws``); ``moving``: the columns of
    ``values`` that vary between draws (the others are read as the scenario has them)."""
    n = len(values)
    if cancel is not None and cancel():
        raise Cancelled
    v = DrawValues(project, scenario, keys, values, moving)
    years = horizon(until)
    p = read_draws(project, s, years, v)
    if progress is not None:
        progress(0.2, 1.0)
    if cancel is not None and cancel():
        raise Cancelled
    gross, net = park_draws(project, scenario, s, years, v, p)
    if progress is not None:
        progress(0.4, 1.0)
    net_s, net_inv, net_ok = networks(s, p.network)
    base_gdp, base_rev = baselines(project, scenario, s, years, keys, values)
    return DrawInputs(
        values=values,
        k=p.k,
        timing=p.timing,
        chain_w=p.chain_w,
        chain_lag=p.chain_lag,
        chain_ok=chain_checks(s, p.chain_w),
        net_s=net_s,
        net_inv=net_inv,
        net_ok=net_ok,
        western=p.western,
        vat_central=p.vat_central,
        cit_central=p.cit_central,
        province=provinces(project, scenario, s, keys, values),
        parks=ParkStack.of(gross, n, len(years)),
        parks_net=ParkStack.of(net, n, len(years)),
        base_gdp=base_gdp,
        base_revenue=base_rev,
        not_summable=_first_not_summable(project, scenario, s, until, keys, values, moving),
    )


def _first_not_summable(
    project: Project,
    scenario: Scenario,
    s: Structure,
    until: int,
    keys: list[str],
    values: np.ndarray,
    moving: list[int],
) -> np.ndarray:
    """(units,) the units party to a park counted in full by both, as the first draw has them
    (the engine's reading of that draw: what the circle's total leaves out in every draw)."""
    sc = (
        draw_scenario(scenario, [keys[i] for i in moving], values[0, moving])
        if moving
        else scenario
    )
    return park_arrays_both(project, sc, s, read_parameters(project, sc, until))[0].not_summable


def kind_matrices(s: Structure) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """(targets, sources, strengths) of the links of each kind (``KINDS`` order)."""
    kinds = np.array([KINDS.index(k) for k in s.link_kind], dtype=np.int64)
    return [
        (s.link_tgt[kinds == i], s.link_src[kinds == i], s.link_strength[kinds == i])
        for i in range(len(KINDS))
    ]


def chain_checks(s: Structure, w: np.ndarray) -> np.ndarray:
    """(draws,) whether each draw's whole chain matrix (all lags) has ρ < 1 (``spillover.check``)."""
    from workbench.core.projections.matrices import dense_for, triplets

    n = len(s.cand_ids)
    parts = kind_matrices(s)

    def matrix(weights: np.ndarray):
        tgt = np.concatenate([p[0] for p in parts])
        src = np.concatenate([p[1] for p in parts])
        val = np.concatenate([p[2] * weights[i] for i, p in enumerate(parts)])
        return triplets(val, tgt, src, (n, n), dense_for(n))

    if len(w) == 0 or check(matrix(w.max(axis=0)), "", "").ok:
        return np.ones(len(w), dtype=bool)
    return np.array([check(matrix(row), "", "").ok for row in w], dtype=bool)


def networks(s: Structure, settings: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per draw A, (I − A)⁻¹ and the guard, from (share, decay km, multiplier) rows: the
    arithmetic of ``Structure.network`` with a draw axis."""
    n, nu = len(settings), s.n_units
    if s.mrio_s is not None:
        a = np.broadcast_to(s.mrio_s, (n, nu, nu)).copy()
    else:
        b = s.borders
        col = b.sum(axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            weights = np.where(col > 0, b / np.where(col > 0, col, 1.0), 0.0)
        dist = np.nan_to_num(s.distance_km, nan=0.0)
        share, decay, mult = settings.T
        # In place: (draws, units, units) arrays are the largest here, and fresh memory is
        # slow to fault in on a busy machine (the arithmetic is unchanged, so are the bits).
        with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
            fade = np.divide(-dist[None], np.where(decay > 0, decay, 1.0)[:, None, None])
            np.exp(fade, out=fade)
        fade[~(decay > 0)] = 1.0
        a = share[:, None, None] * weights[None]
        a *= fade
        del fade
        idx = np.arange(nu)
        a[:, idx, idx] += 1.0 - 1.0 / np.maximum(mult, 1.0)[:, None]
    if n == 0 or nu == 0:
        return a, np.broadcast_to(np.eye(nu), (n, nu, nu)).copy(), np.ones(n, dtype=bool)
    if check(a.max(axis=0), "", "").ok:
        ok = np.ones(n, dtype=bool)
    else:
        ok = np.array([check(m, "", "").ok for m in a], dtype=bool)
    if ok.all():
        return a, np.linalg.inv(np.eye(nu)[None] - a), ok
    inv = np.broadcast_to(np.eye(nu), (n, nu, nu)).copy()
    if ok.any():
        inv[ok] = np.linalg.inv(np.eye(nu)[None] - a[ok])
    return a, inv, ok


def baselines(
    project: Project,
    scenario: Scenario,
    s: Structure,
    years: tuple[int, ...],
    keys: list[str],
    values: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """(draws, units, years) baseline GDP and revenue: last value × (1 + g)^(year − last year)
    with g the draw's growth parameter where the central path takes its rate from one (a planner's
    per-unit rate or the default assumption), the imported history's rate otherwise."""
    n = len(values)
    col = {k: i for i, k in enumerate(keys)}
    paths = baseline_paths(project, scenario, ("gdp", "fiscal_revenue"), years)
    yrs = np.array(years, dtype=float)
    out = []
    for ind in ("gdp", "fiscal_revenue"):
        arr = np.full((n, s.n_units, len(years)), np.nan)
        for r, code in enumerate(s.unit_codes):
            p = paths.get((code, ind))
            if p is None or p.values is None:
                continue
            key = {GROWTH_OVERRIDE: growth_key(ind, code), GROWTH_ASSUMED: growth_key(ind)}.get(
                p.growth_origin
            )
            if key in col:
                rate = values[:, col[key]]
            else:
                rate = np.full(n, float(p.growth_pct or 0.0))
                if key is None:  # history: exactly the central path's numbers
                    arr[:, r] = [p.values[y] for y in years]
                    continue
            arr[:, r] = float(p.base_value) * (1 + rate[:, None] / 100) ** (
                yrs[None] - float(p.base_year)
            )
        out.append(arr)
    return out[0], out[1]


def provinces(
    project: Project, scenario: Scenario, s: Structure, keys: list[str], values: np.ndarray
) -> np.ndarray:
    """(draws, 2, units) province share of local VAT and CIT: ``taxes.local_split`` reads one
    parameter per unit (by its province), taken here from each draw's column."""
    n = len(values)
    col = {k: i for i, k in enumerate(keys)}
    out = np.broadcast_to(province_shares(project, scenario, s), (n, 2, s.n_units)).copy()
    for t, tax in enumerate(("vat", "cit")):
        for u, code in enumerate(s.unit_codes):
            key = province_share_key(tax, code)
            if key in col:
                out[:, t, u] = values[:, col[key]] / 100.0
    return out
