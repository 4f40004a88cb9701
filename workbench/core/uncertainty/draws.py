"""Every draw's parameters read at once: the engine's parameter arithmetic with a draw axis.

``read_parameters`` and ``park_arrays_both`` read one scenario's parameters number by number in
Python. Run once per draw on a scenario holding that draw's values (as ``inputs`` first did), they
took half of a 1,000-draw run of the sample. Here each formula they use runs once on (draws,)
columns, with the same operations in the same order as the single-run readers (``parameters``,
``net_effects``, ``link_kinds``, ``parks``), so each draw's numbers are theirs:
``tests/core/test_uncertainty_speed.py`` compares the two draw by draw. A formula changed there
must change here too; that test fails until it does.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from workbench.core.assumptions import DEFAULT_SECTOR, parameter_value
from workbench.core.enums import ChainKind, Instrument
from workbench.core.model import Project, Scenario
from workbench.core.net_effects import ADDITIONALITY_STEPS
from workbench.core.projections.link_kinds import DEFAULT_TERMS
from workbench.core.projections.parameters import INSTRUMENTS, YEARS, _known, value
from workbench.core.projections.parks import (
    ParkArrays,
    ParkColumns,
    _investment,
    _Memo,
    _western,
    empty_park_arrays,
    placed_parks,
    spread_parks,
)
from workbench.core.projections.structure import Structure
from workbench.core.taxes import vat_rate_key


class DrawValues:
    """Each parameter's value in every draw, (draws,): the drawn column where it moves, else
    what the engine reads for the scenario (its override, the project's value, the default)."""

    def __init__(
        self,
        project: Project,
        scenario: Scenario,
        keys: list[str],
        values: np.ndarray,
        moving: list[int],
    ) -> None:
        self.project, self.scenario, self.n = project, scenario, len(values)
        self._cols = {keys[j]: np.ascontiguousarray(values[:, j], dtype=float) for j in moving}

    def __call__(self, key: str) -> np.ndarray:
        col = self._cols.get(key)
        return col if col is not None else np.full(self.n, value(self.project, key, self.scenario))

    def known(self, key: str) -> np.ndarray | None:
        """As ``parameter_value``: None for a key nobody knows."""
        if key in self._cols:
            return self._cols[key]
        x = parameter_value(self.project, key, self.scenario)
        return None if x is None else np.full(self.n, x)


@dataclass
class DrawParameters:
    """What ``inputs.build_inputs`` takes from each draw's ``Parameters``, stacked on draws."""

    k: np.ndarray  # (draws, coefficient rows, metrics): ``inputs.sector_table``
    timing: np.ndarray  # (draws, instruments·plan years, 2·years): [gross | net] timing stacks
    chain_w: np.ndarray  # (draws, kinds) chain_scale × kind multiplier
    chain_lag: np.ndarray  # (draws, kinds)
    network: np.ndarray  # (draws, 3) share, decay km, multiplier
    western: np.ndarray  # (draws, years) bool
    vat_central: np.ndarray  # (draws,)
    cit_central: np.ndarray  # (draws,)


def ramps(lag: np.ndarray, ramp: np.ndarray, years: int) -> np.ndarray:
    """(draws, years, years) ``net_effects.ramp_matrix`` of each draw's (lag, ramp), both ≥ 0."""
    lag, ramp = lag[:, None], ramp[:, None]
    s = np.maximum(np.arange(years + 1, dtype=float)[None, :] - lag, 0.0)
    rising = np.minimum(s, ramp)
    with np.errstate(divide="ignore", invalid="ignore"):
        cum = np.where(ramp <= 0, s, rising**2 / (2 * ramp) + (s - rising))
    prof = np.diff(cum, axis=1)
    d = np.arange(years)[None, :] - np.arange(years)[:, None]
    # C order, as the engine's: a product with a strided matrix may round otherwise
    return np.ascontiguousarray(np.where(d >= 0, prof[:, np.clip(d, 0, years - 1)], 0.0))


def _ramps(v: DrawValues, prefix: str, years: int) -> np.ndarray:
    return ramps(np.maximum(v(f"{prefix}.lag"), 0.0), np.maximum(v(f"{prefix}.ramp"), 0.0), years)


def _net_factor(v: DrawValues, prefix: str) -> np.ndarray:
    """``net_effects.net_factor`` of the shares under ``prefix`` (percent parameters)."""
    f = np.ones(v.n)
    for step in ADDITIONALITY_STEPS:
        f = f * (1.0 - v(f"{prefix}.{step}") / 100)
    return f


class Sectors:
    """``Parameters.sector`` per draw: (gdp, jobs, vat, cit, cit_std) columns per 亿元 output."""

    def __init__(self, project: Project, v: DrawValues) -> None:
        self.project, self.v, self._cache = project, v, {}
        self.profit_share = v("tax.profit_share") / 100
        self.vat_base = v("tax.vat_base_share") / 100
        self.cit_rate = v("tax.cit_rate") / 100
        self.cit_western = v("tax.cit_rate_western") / 100

    def __call__(self, name: str, western: bool) -> tuple[np.ndarray, ...]:
        if (name, western) not in self._cache:
            v, project = self.v, self.project
            key = name if f"sector.va_ratio.{name}" in _known(project) else DEFAULT_SECTOR
            va = v(f"sector.va_ratio.{key}") / 100
            jobs = v(f"sector.jobs_per_output.{key}")
            vat = v(vat_rate_key(project, name)) / 100
            profit = va * self.profit_share
            cit = profit * (self.cit_western if western else self.cit_rate)
            self._cache[name, western] = (
                va,
                jobs,
                va * self.vat_base * vat,
                cit,
                profit * self.cit_rate,
            )
        return self._cache[name, western]


def read_draws(
    project: Project, s: Structure, years: tuple[int, ...], v: DrawValues
) -> DrawParameters:
    """The parameter arrays of every draw (``read_parameters`` + ``sector_table`` +
    ``timing_stack`` + ``link_terms`` with a leading draw axis)."""
    n, ny, npy = v.n, len(years), len(YEARS)
    leverage = float(project.fund.leverage)
    since = np.arange(ny)[None, :] - np.arange(ny)[:, None]
    gross, net = [], []
    for i in INSTRUMENTS:
        coef = (1 + leverage * v(f"instrument.{i.value}.leverage_share") / 100) * v(
            f"instrument.{i.value}.output_per_investment"
        )
        r = _ramps(v, f"timing.instrument.{i.value}", ny)
        if i is Instrument.EQUITY:
            rate = v("instrument.equity.write_off_rate") / 100.0
            alive = (1.0 - rate)[:, None, None] ** np.maximum(since, 0)[None]
            r = r * np.where(since >= 0, alive, 0.0)
        f = _net_factor(v, f"additionality.instrument.{i.value}")
        gross.append(r[:, :npy, :] * coef[:, None, None])
        net.append(r[:, :npy, :] * (coef * f)[:, None, None])
    timing = np.concatenate(
        [np.stack(gross, axis=1).reshape(n, -1, ny), np.stack(net, axis=1).reshape(n, -1, ny)],
        axis=2,
    )
    sectors = Sectors(project, v)
    k = np.zeros((n, len(s.coef_keys), 6))
    for r, (name, west) in enumerate(s.coef_keys):
        k[:, r, 0] = 1.0
        k[:, r, 1:] = np.column_stack(sectors(name, west))
    scale = v("chain.strength_scale") / 100
    w, lags = [], []
    for kind in ChainKind:
        d = DEFAULT_TERMS[kind]
        mult = v.known(f"chain.kind.{kind.value}.multiplier")
        lag = v.known(f"chain.kind.{kind.value}.lag")
        w.append(scale * (d.multiplier if mult is None else np.maximum(mult, 0.0)))
        lags.append(np.full(n, d.lag) if lag is None else np.maximum(np.round(lag), 0))
    until = v("tax.cit_western_until").astype(np.int64)  # int(): towards zero
    return DrawParameters(
        k=k,
        timing=timing,
        chain_w=np.column_stack(w).reshape(n, len(ChainKind)),
        chain_lag=np.column_stack(lags).astype(np.int64).reshape(n, len(ChainKind)),
        network=np.column_stack(
            [
                v("network.spillover_share") / 100,
                v("network.decay_km"),
                np.maximum(v("indirect.output_multiplier"), 1.0),
            ]
        ),
        western=np.array(years)[None, :] <= until[:, None],
        vat_central=v("tax.vat_central_share") / 100,
        cit_central=v("tax.cit_central_share") / 100,
    )


def park_draws(
    project: Project,
    scenario: Scenario,
    s: Structure,
    years: tuple[int, ...],
    v: DrawValues,
    p: DrawParameters,
) -> tuple[ParkArrays, ParkArrays]:
    """Gross and net ``park_arrays_both`` of every draw, arrays (units, draws · years): the
    parks' output per draw, spread once for all draws (``parks.spread_parks``)."""
    n, ny = v.n, len(years)
    memo = _Memo()
    placed, _notes = placed_parks(project, scenario, s, memo)
    if not placed:
        return empty_park_arrays(s.n_units, n * ny), empty_park_arrays(s.n_units, n * ny)
    invest = np.array([_investment(q) for q in placed])
    models = np.array([q.model.value for q in placed], dtype=object)
    size = v("park.output_per_investment")
    out = np.empty((len(placed), 2, n, ny))
    for m in set(models.tolist()):
        rows = models == m
        ramp = _ramps(v, f"timing.park.{m}", ny)[:, : len(YEARS)]
        # one small product per draw, exactly the engine's (a stacked one may round otherwise)
        base = np.stack([invest[rows] @ ramp[d] for d in range(n)], axis=1)
        factor = _net_factor(v, f"additionality.park.{m}")
        out[rows, 0] = base * (size * 1.0)[None, :, None]
        out[rows, 1] = base * (size * factor)[None, :, None]
    sectors = Sectors(project, v)
    ks = [sectors(q.sector, _western(q)) for q in placed]  # (gdp, jobs, vat, cit, cit_std)
    cit = np.stack([np.where(p.western, k[3][:, None], k[4][:, None]) for k in ks])
    vat = np.stack([k[2] for k in ks])[:, :, None]
    local_vat = np.broadcast_to(vat * (1 - p.vat_central)[None, :, None], cit.shape)
    both = (len(placed), 2, n, ny)

    def columns(a: np.ndarray) -> np.ndarray:  # (parks, draws, years) → (parks, 2·draws·years)
        return np.broadcast_to(a[:, None], both).reshape(len(placed), -1)

    cols = ParkColumns(
        out.reshape(len(placed), -1),
        columns(np.broadcast_to(np.stack([k[0] for k in ks])[:, :, None], cit.shape)),
        columns(np.broadcast_to(np.stack([k[1] for k in ks])[:, :, None], cit.shape)),
        columns(vat + cit),
        columns(local_vat + cit * (1 - p.cit_central)[None, :, None]),
        columns(local_vat),
    )
    arrays = spread_parks(project, s, placed, years, 2 * n, memo, cols)
    return _half(arrays, 0, n, ny), _half(arrays, 1, n, ny)


def _half(a: ParkArrays, i: int, n: int, ny: int) -> ParkArrays:
    """Variant ``i`` (gross 0, net 1) of arrays holding both side by side, as (units, draws·years)."""

    def cut(x: np.ndarray) -> np.ndarray:
        return x.reshape(len(x), 2, n * ny)[:, i]

    return ParkArrays(
        {m: cut(x) for m, x in a.loc.items()},
        {m: cut(x) for m, x in a.stat.items()},
        cut(a.fiscal),
        cut(a.fiscal_vat),
        np.zeros(0),
        a.not_summable,
    )
