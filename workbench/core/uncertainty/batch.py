"""The projection model evaluated for many parameter draws at once.

A single run multiplies candidate-level arrays through three steps: direct output D (money ×
timing × output per 亿元), the chain links X = max(D, S X) (the funded-target rule, a fixed point),
and the region rounds (I − A)⁻¹ applied to the coefficient-weighted region sums. Here the draws ride
side by side as extra columns: D for all draws is one product of the allocation matrix with every
draw's timing stack; the chain fixed point is solved year by year on all draws' columns
together (``_ChainBatch``), each draw's coefficients (strength scale × kind multiplier) and lags
applied per kind; the region sums are taken once per (unit, coefficient row) group and weighted by
each draw's sector coefficients (``_Grouped``); the region inverse is one stacked product. Nothing
here loops over draws except the small per-draw parameter reading (``inputs``).

Where parameters enter non-linearly it is exact, not linearised: timing (lag, ramp, write-off) goes
through each draw's own ramp matrices; the chain's funded-target maximum and its lags are taken per
draw; the network is inverted per draw; the spectral radius guard is applied per draw; leverage
multiplies each instrument's output per 亿元 in ``read_parameters`` for each draw. A test compares
random draws with the single-run engine given the same values (``tests/core/test_uncertainty_batch.py``).

Candidate × column arrays for a 5,000-candidate project are large, so draws go through in chunks
(``CHUNK_FLOATS``) with progress and cancel between them, grouped by their chain lags when there
is more than one chunk (``_batches``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from workbench.core.model import Project, Scenario
from workbench.core.projections import vocabulary
from workbench.core.projections.direct import allocation_arrays
from workbench.core.projections.matrices import dense_for, product, triplets
from workbench.core.projections.parameters import INSTRUMENTS, YEARS
from workbench.core.projections.spillover import MAX_ITERATIONS
from workbench.core.projections.state import ROW
from workbench.core.projections.structure import Structure, build_structure
from workbench.core.uncertainty.inputs import (
    Cancel,
    Cancelled,
    DrawInputs,
    Progress,
    build_inputs,
    kind_matrices,
)

# The chain iteration stops at this relative change per round: far below any band's width and
# a test's 1e-9 against the engine, with fewer rounds than the engine's machine-level CAP_TOL.
BATCH_TOL = 1e-12
CHUNK_FLOATS = 750_000  # candidate × column values per chunk: measured fastest (cache-sized)
AGGREGATE_FLOATS = 1_000_000  # unit × metric × column values per piece of the region sums
_TAX_TIER = {"location": "raised", "fiscal": "city", "fiscal_province": "province"}
_RATIO_SOURCE = {
    "gdp_pct_baseline": ("statistical", "gdp"),
    "revenue_pct_baseline": ("fiscal", "tax"),
}


@dataclass
class DrawEffects:
    """(draws, metrics, units, years) effects of the fund money, as ``state.Effects``."""

    direct: np.ndarray
    chained: np.ndarray
    replaced_own: np.ndarray
    total: np.ndarray
    net_total: np.ndarray


class DrawModel:
    """One scenario's model for a fixed set of draws; ``effects()`` runs the batched algebra."""

    def __init__(
        self,
        project: Project,
        scenario: str,
        until: int,
        keys: list[str],
        values: np.ndarray,
        structure: Structure | None = None,
        progress: Progress = None,
        cancel: Cancel = None,
    ) -> None:
        sc = project.scenario(scenario)
        if sc is None:
            from workbench.core.projections.engine import ScenarioNotFound

            raise ScenarioNotFound(scenario)
        self.project, self.scenario = project, sc
        self.s = structure if structure is not None else build_structure(project)
        values = np.atleast_2d(np.asarray(values, dtype=float))
        moving = (
            [j for j in range(values.shape[1]) if np.ptp(values[:, j]) > 0] if len(values) else []
        )
        if len(values) == 1:  # one draw: every value goes in (it may differ from the central)
            moving = list(range(values.shape[1]))
        self.inputs: DrawInputs = build_inputs(
            project, sc, self.s, until, keys, values, moving, progress, cancel
        )
        self.years = tuple(range(YEARS[0], max(int(until), YEARS[-1]) + 1))
        self._progress, self._cancel = progress, cancel
        self.seed = 0  # the seed the draws came from, when known (``bands.draw_model``)
        self._effects: DrawEffects | None = None
        self._parts: dict[tuple[str, str], np.ndarray] = {}

    @property
    def draws(self) -> int:
        return len(self.inputs.values)

    def with_allocations(
        self, scenario: Scenario, progress: Progress = None, cancel: Cancel = None
    ) -> DrawModel:
        """The same draws with the scenario's allocations as they are now (after an allocation
        edit): the parameter arrays, which allocations do not touch, are kept."""
        out = object.__new__(DrawModel)
        out.__dict__.update(self.__dict__)
        out.scenario = scenario
        out._effects, out._parts = None, {}
        out._progress, out._cancel = progress, cancel
        return out

    # ------------------------------------------------------------------ algebra
    def effects(self, progress: Progress = None, cancel: Cancel = None) -> DrawEffects:
        if self._effects is not None:
            return self._effects
        progress = progress if progress is not None else self._progress
        cancel = cancel if cancel is not None else self._cancel
        s, inp = self.s, self.inputs
        n, ny, nd = len(s.cand_ids), len(self.years), self.draws
        arr = allocation_arrays(s, self.scenario)
        cols = arr.inst * len(YEARS) + arr.year
        money = triplets(
            arr.amount, arr.cand, cols, (n, len(INSTRUMENTS) * len(YEARS)), dense_for(n)
        )
        chain = _ChainBatch(s, n, ny)
        agg = _Aggregates(s, inp)
        chunk = max(1, CHUNK_FLOATS // max(1, n * 2 * ny))
        batches = _batches(inp.chain_lag, inp.chain_ok, chunk, chain.linked)
        # Every draw lands in its own rows: no concatenating or reordering copies afterwards.
        shape = (nd, inp.k.shape[2], s.n_units, ny)
        out = DrawEffects(*(np.empty(shape) for _ in range(5)))
        done = 0
        for sl in batches:
            if cancel is not None and cancel():
                raise Cancelled
            m = len(sl)
            ts = inp.timing[sl].transpose(1, 0, 2).reshape(inp.timing.shape[1], m * 2 * ny)
            d = np.asarray(product(money, ts)).reshape(n, m, 2, ny)
            x = chain.solve(d, inp.chain_w[sl], inp.chain_lag[sl], inp.chain_ok[sl])
            agg.effects_into(out, d, x, sl)
            done += m
            if progress is not None:
                progress(0.5 + 0.5 * done / nd, 1.0)
        self._effects = out
        return out

    # ------------------------------------------------------------------ blocks
    def tax(self, arr: np.ndarray, tier: str) -> np.ndarray:
        """``ScenarioState.tax`` with a draw axis: (draws, metrics, units, years) → (draws, units, years)."""
        inp = self.inputs
        cit = np.where(inp.western[:, None, :], arr[:, ROW["cit"]], arr[:, ROW["cit_std"]])
        vat = arr[:, ROW["vat"]]
        if tier == "raised":
            return vat + cit
        pv, pc = inp.province[:, 0, :, None], inp.province[:, 1, :, None]
        vc, cc = inp.vat_central[:, None, None], inp.cit_central[:, None, None]
        if tier == "province":
            return vat * (1 - vc) * pv + cit * (1 - cc) * pc
        return vat * (1 - vc) * (1 - pv) + cit * (1 - cc) * (1 - pc)

    def _metric(self, arr: np.ndarray, basis: str, metric: str) -> np.ndarray:
        if metric == "tax":
            return self.tax(arr, _TAX_TIER[basis])
        return arr[:, ROW[metric]]

    def _park(self, p, basis: str, metric: str) -> np.ndarray:
        if basis == "location":
            return p.loc[metric]
        if basis == "statistical":
            return p.stat[metric]
        pv, pc = self.inputs.province[:, 0, :, None], self.inputs.province[:, 1, :, None]
        cit = p.fiscal - p.fiscal_vat
        if basis == "fiscal_province":
            return p.fiscal_vat * pv + cit * pc
        return p.fiscal_vat * (1 - pv) + cit * (1 - pc)

    def parts(self, basis: str, metric: str) -> np.ndarray:
        """(draws, components, units, years) in ``vocabulary.PARTS`` order: ``blocks.parts`` per
        draw (a ratio metric: the source block's parts as % of each draw's baseline)."""
        key = (basis, metric)
        if key in self._parts:
            return self._parts[key]
        if metric in _RATIO_SOURCE:
            src = self.parts(*_RATIO_SOURCE[metric])
            inp = self.inputs
            base = inp.base_gdp if metric == "gdp_pct_baseline" else inp.base_revenue
            with np.errstate(divide="ignore", invalid="ignore"):
                scale = np.where(base > 0, 100.0 / base, np.nan)
            return src * scale[:, None]
        e = self.effects()
        d, c, r, t, n = (
            self._metric(a, basis, metric)
            for a in (e.direct, e.chained, e.replaced_own, e.total, e.net_total)
        )
        a = self.inputs.own[:, :, None]
        own = (c * a - r) / (1 - a)
        park = self._park(self.inputs.parks, basis, metric)
        park_net = self._park(self.inputs.parks_net, basis, metric)
        by = {
            "direct": d,
            "chain_spillover": c - d,
            "indirect": own,
            "network_spillover": t - c - own,
            "park_share": np.broadcast_to(park, d.shape),
            "additionality": (n - t) + (park_net - park),
        }
        out = np.stack([by[k] for k in vocabulary.PARTS], axis=1)
        if key in _RATIO_SOURCE.values():  # read again by the % of baseline blocks
            self._parts[key] = out
        return out

    def block(self, basis: str, metric: str) -> np.ndarray:
        """(draws, components + total + gross, units, years): the table's rows for one block
        (parts, then their total as ``Block.total`` adds it), and the gross total."""
        p = self.parts(basis, metric)
        total, gross = totals(p)
        return np.concatenate([p, total[:, None], gross[:, None]], axis=1)


def totals(p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(draws, units, years) the total of ``DrawModel.parts`` and the gross total (without the
    adjustments)."""
    total = sum((p[:, i] for i in range(1, p.shape[1])), p[:, 0])
    adj = [i for i, k in enumerate(vocabulary.PARTS) if vocabulary.COMPONENT[k].adjustment]
    gross = total - sum(p[:, i] for i in adj) if adj else total
    return total, gross


def _batches(lags: np.ndarray, ok: np.ndarray, chunk: int, linked: bool) -> list[np.ndarray]:
    """Draw indices in batches of at most ``chunk``. When the draws do not fit in one, each batch
    holds draws with the same chain lags (and guard): the chain then iterates only the kinds
    that are same-year in all its draws, and not at all when none is (draws are independent,
    so the order changes nothing but speed)."""
    nd = len(lags)
    if nd <= chunk or not linked:
        return [np.arange(lo, min(nd, lo + chunk)) for lo in range(0, nd, chunk)]
    sig = np.column_stack([lags, ok]).astype(np.int64)
    _, group = np.unique(sig, axis=0, return_inverse=True)
    order = np.argsort(group.ravel(), kind="stable")
    cuts = np.flatnonzero(np.diff(group.ravel()[order])) + 1
    return [
        part[lo : lo + chunk] for part in np.split(order, cuts) for lo in range(0, len(part), chunk)
    ]


class _ChainBatch:
    """The funded-target chain iteration X = max(D, S X) for all draws' columns at once.

    Solved year by year: a link with lag L ≥ 1 carries only earlier years' output, final by
    then, so only the same-year links (lag 0, in the draws that drew it) are iterated, on one
    year's columns. The map is monotone and contracts by ρ(S) < 1, so its fixed point is unique:
    year after year gives the engine's whole-array solution (to ``BATCH_TOL``) with far fewer
    rounds over far smaller arrays. Each round multiplies only the kinds with same-year links."""

    def __init__(self, s: Structure, n: int, ny: int) -> None:
        self.n, self.ny = n, ny
        self.parts = [triplets(v, t, c, (n, n), False) for t, c, v in kind_matrices(s)]
        self.linked = len(s.link_strength) > 0
        self.rounds = 0

    def solve(self, d: np.ndarray, w: np.ndarray, lags: np.ndarray, ok: np.ndarray) -> np.ndarray:
        """``d``: (candidates, draws, 2, years); per draw weights/lags per kind; ``ok`` False: the
        draw's chain was refused (ρ ≥ 1), its output stays D."""
        if not self.linked or not ok.any():
            return d
        n, m, _, ny = d.shape
        # Per lag, one weight vector per kind: zero for the draws with another lag or a refused
        # chain, so every term is one whole-array multiply-add, no fancy indexing.
        terms: dict[int, list[tuple[int, np.ndarray]]] = {}
        for k, part in enumerate(self.parts):
            for lag in np.unique(lags[:, k]).tolist():
                wk = np.where((lags[:, k] == lag) & ok, w[:, k], 0.0)
                if lag < ny and wk.any() and part.nnz:
                    terms.setdefault(int(lag), []).append((k, wk[None, :, None]))
        same = terms.pop(0, [])
        later = sorted({k for ts in terms.values() for k, _ in ts})
        x = np.empty(d.shape)
        sx = {k: np.zeros((n, m, 2, ny)) for k in later}  # S_k X of the years solved
        self.rounds = 0
        for t in range(ny):
            known = np.zeros((n, m, 2))  # demand from earlier years' output
            for lag, ts in terms.items():
                if t >= lag:
                    for k, wk in ts:
                        known += wk * sx[k][..., t - lag]
            x[..., t] = self._same_year(np.ascontiguousarray(d[..., t]), known, same)
            xt = np.ascontiguousarray(x[..., t]).reshape(n, 2 * m)
            for k in later:
                sx[k][..., t] = (self.parts[k] @ xt).reshape(n, m, 2)
        if not ok.all():
            x[:, ~ok] = d[:, ~ok]
        return x

    def _same_year(self, dt: np.ndarray, known: np.ndarray, same: list) -> np.ndarray:
        """The fixed point of X = max(D, known + Σ_k w_k S_k X) on one year's (candidates,
        draws, 2) columns, iterated from max(D, known) as the engine stops (relative change)."""
        x = np.maximum(dt, known)
        if not same:
            return x
        n = dt.shape[0]
        scale = 0.0
        for _ in range(MAX_ITERATIONS):
            self.rounds += 1
            flat = x.reshape(n, -1)
            nxt = known.copy()
            for k, wk in same:
                nxt += wk * (self.parts[k] @ flat).reshape(x.shape)
            np.maximum(dt, nxt, out=nxt)
            step = float(np.abs(nxt - x).max(initial=0.0))
            x = nxt
            if scale == 0.0 or step <= BATCH_TOL * scale:  # the scale only when it may stop
                scale = max(float(np.abs(nxt).max(initial=0.0)), 1e-300)
                if step <= BATCH_TOL * scale:
                    break
        return x


class _Grouped:
    """``M @ (k[row] ∘ x)`` for a sparse M (targets × candidates) and each draw's coefficients
    ``k`` per coefficient row: the candidates are summed per (target, coefficient row) first, so
    the draws' coefficients multiply those few sums, not every candidate (a 5,000-candidate
    project has under 700 such groups)."""

    def __init__(self, m, row: np.ndarray, n_rows: int) -> None:
        import scipy.sparse as sp

        coo = m.tocoo()
        t, c = coo.row.astype(np.int64), coo.col.astype(np.int64)
        r = np.arange(n_rows)[row[c]] if c.size else np.zeros(0, dtype=np.int64)
        keys, g = np.unique(t * max(n_rows, 1) + r, return_inverse=True)
        ng = keys.size
        self.g_r = keys % max(n_rows, 1)
        self.gather = sp.csr_matrix((coo.data, (g.ravel(), c)), (ng, m.shape[1]))
        self.to_t = sp.csr_matrix(
            (np.ones(ng), (keys // max(n_rows, 1), np.arange(ng))), (m.shape[0], ng)
        )

    def apply(self, x: np.ndarray, k: np.ndarray) -> np.ndarray:
        """``x``: (candidates, draws, columns); ``k``: (draws, rows, metrics) → (targets, draws,
        metrics, columns)."""
        n, m, c = x.shape
        g = (self.gather @ x.reshape(n, -1)).reshape(-1, m, 1, c)
        y = k.transpose(1, 0, 2)[self.g_r][..., None] * g
        return (self.to_t @ y.reshape(y.shape[0], -1)).reshape(self.to_t.shape[0], m, -1, c)


class _Aggregates:
    """Region sums and the average flows chain links replace, with a draw axis
    (``blocks.region_matrices`` factored: each draw's coefficients multiply candidate outputs,
    then one sparse sum per candidate → unit, and per (unit, source unit) pair of replaced flows,
    both grouped by coefficient row: ``_Grouped``)."""

    def __init__(self, s: Structure, inp: DrawInputs) -> None:
        import scipy.sparse as sp

        n, nu = len(s.cand_ids), s.n_units
        nr = inp.k.shape[1]
        valid = np.flatnonzero(s.cand_unit >= 0)
        units = sp.csr_matrix((np.ones(valid.size), (s.cand_unit[valid], valid)), (nu, n))
        self.units = _Grouped(units, s.cand_coef_row, nr)
        self.inp, self.nu = inp, nu
        src_unit = s.cand_unit[s.repl_cand] if s.repl_cand.size else np.zeros(0, dtype=np.int64)
        keys = list(zip(s.repl_unit.tolist(), src_unit.tolist(), strict=True))
        pairs = sorted(set(keys))
        self.nq = len(pairs)
        if self.nq:
            q_of = {p: i for i, p in enumerate(pairs)}
            q = np.array([q_of[p] for p in keys], dtype=np.int64)
            self.q_r = np.array([r for r, _ in pairs], dtype=np.int64)
            self.q_j = np.array([j for _, j in pairs], dtype=np.int64)
            per_pair = sp.csr_matrix((np.ones(q.size), (q, s.repl_cand)), (self.nq, n))
            self.pairs = _Grouped(per_pair, s.cand_coef_row, nr)
            own = (self.q_r == self.q_j).astype(float)
            cols = np.arange(self.nq)
            self.to_unit = sp.csr_matrix((np.ones(self.nq), (self.q_r, cols)), (nu, self.nq))
            self.to_own = sp.csr_matrix((own, (self.q_r, cols)), (nu, self.nq))

    def effects_into(self, out: DrawEffects, d: np.ndarray, x: np.ndarray, sl: np.ndarray) -> None:
        """``effects`` of the draws ``sl`` written to their rows of ``out``, a few hundred draws
        at a time: every draw's sums are its own (sparse sums column by column, one product
        per draw), so the pieces change no number, and the (units, draws, metrics, years)
        arrays between stay small (fresh memory is slow to fault in on a busy machine)."""
        m, ny = d.shape[1], d.shape[3]
        step = max(1, AGGREGATE_FLOATS // max(1, self.nu * self.inp.k.shape[2] * 2 * ny))
        for lo in range(0, m, step):
            part = slice(lo, min(m, lo + step))
            got = self.effects(d[:, part], x[:, part], sl[part])
            for target, value in zip(vars(out).values(), got, strict=True):
                target[sl[part]] = value

    def effects(self, d: np.ndarray, x: np.ndarray, sl: np.ndarray) -> tuple[np.ndarray, ...]:
        """(draws, metrics, units, years) direct, chained, replaced own, total and net total."""
        n, m, _, ny = d.shape
        nu, inp = self.nu, self.inp
        k = inp.k[sl]
        nm = k.shape[2]
        xs = x.reshape(n, m, 2 * ny)
        both = self.units.apply(xs, k)  # (units, draws, metrics, 2·years)
        direct = self.units.apply(np.ascontiguousarray(d[:, :, 0]), k)
        flows = both
        repl_own = np.zeros(direct.shape)
        if self.nq:
            on = (inp.chain_ok[sl] & inp.net_ok[sl]).astype(float)
            coef = inp.net_s[sl[:, None], self.q_r, self.q_j] * on[:, None]  # (draws, pairs)
            per_q = self.pairs.apply(xs, k)
            per_q *= coef.T[:, :, None, None]
            flat = per_q.reshape(self.nq, -1)
            replaced = (self.to_unit @ flat).reshape(both.shape)
            flows = np.subtract(both, replaced, out=replaced)  # both − replaced, in place
            repl_own = (self.to_own @ flat).reshape(both.shape)[..., :ny]
        # (units, draws, …) → (draws, units, …) once, then one batched product with (I − A)⁻¹.
        f = np.ascontiguousarray(flows.transpose(1, 0, 2, 3)).reshape(m, nu, -1)
        through = np.matmul(inp.net_inv[sl], f).reshape(m, nu, nm, 2 * ny)

        def draw_major(a: np.ndarray) -> np.ndarray:
            return a.transpose(
                1, 2, 0, 3
            )  # (units, draws, metrics, …) → (draws, metrics, units, …)

        return (
            draw_major(direct),
            draw_major(both[..., :ny]),
            draw_major(repl_own),
            through[..., :ny].transpose(0, 2, 1, 3),
            through[..., ny:].transpose(0, 2, 1, 3),
        )
