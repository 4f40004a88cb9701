"""Gross and net side by side: per planning unit and for the circle, gross, each additionality
step (leakage, displacement, crowding out, deadweight) and net, for one basis, metric and year.

The engine gets net by running the same model on net direct output (D × fᵢ per instrument, park
output × f per park model) and reports net − gross as one ``additionality`` component. The steps
are taken the same way: the model runs once more with the factor left after each step
(``net_effects.additionality_steps`` order: after leakage; after leakage and displacement; …), and
each step is the difference between consecutive runs. Where the model is linear this is exactly
``additionality_steps`` applied to the gross effects by instrument and park model; with the
funded-target rule (max(D, S X), not linear) the steps still telescope to the engine's own
``additionality``, per unit and year: gross + Σ steps = net (steps are negative amounts, as the
component is). The extra runs are made when this view is asked for, never on an edit.

The circle row follows ``vocabulary.split_summable``: a figure a unit records in full under a
全额双核算 park enters the circle as the basis that counts it once records it; the rest is
``excess``, shown apart and never added. Shares of the baseline enter the circle as the share of
the units with statistics together (their summed uplift ÷ their summed baseline).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from workbench.core.model import Project
from workbench.core.net_effects import ADDITIONALITY_STEPS
from workbench.core.projections import vocabulary as voc
from workbench.core.projections.agreements import shifted
from workbench.core.projections.blocks import _RATIO_SOURCE, _SHARED, _metric, _park, _tier
from workbench.core.projections.direct import direct_output
from workbench.core.projections.parks import park_arrays_both
from workbench.core.projections.state import MET, ScenarioState, _capped_output
from workbench.core.projections.structure import Structure
from workbench.core.projections.table import Block


class ProjectionEngine(Protocol):
    """What this view reads of ``engine.ProjectionEngine`` (which it may not import back)."""

    project: Project

    @property
    def structure(self) -> Structure: ...

    def state(self, scenario: str) -> ScenarioState: ...

    def block(self, scenario: str, basis: str, metric: str) -> Block: ...


STEPS: tuple[str, ...] = ADDITIONALITY_STEPS
COLUMNS: tuple[str, ...] = (voc.GROSS.key, *STEPS, voc.NET.key)
_STEP_TERM = {t.key: t for t in voc.ADJUSTMENT_STEPS}
assert tuple(_STEP_TERM) == STEPS, "vocabulary.ADJUSTMENT_STEPS must follow net_effects' order"


# Table headers where room is short (the full label goes in the tooltip).
SHORT = {
    "leakage": ("漏出", "Leakage"),
    "displacement": ("替代", "Displacement"),
    "crowding_out": ("挤出", "Crowding out"),
    "deadweight": ("无谓", "Deadweight"),
}


def column_label(key: str, lang: str, short: bool = False) -> str:
    """毛效益 / each step / 净效益, in ``lang`` (``short``: one word per step)."""
    if short and key in SHORT:
        return SHORT[key][0 if lang == "zh" else 1]
    if key == voc.GROSS.key:
        return voc.GROSS.label(lang)
    if key == voc.NET.key:
        return voc.NET.label(lang)
    return _STEP_TERM[key].label(lang)


@dataclass
class NetSplit:
    """One (basis, metric): ``values[column]`` is (units × years) for ``COLUMNS`` (steps are
    negative). ``circle[column]`` is the circle's (years,) figure that may be stated and
    ``excess[column]`` the non-summable rest (全额双核算 copies), never in ``circle``."""

    basis: str
    metric: str
    codes: list[str]
    names: list[str]
    years: tuple[int, ...]
    values: dict[str, np.ndarray]
    summable: np.ndarray  # (units,) False where a unit's figures may not be added
    circle: dict[str, np.ndarray]
    excess: dict[str, np.ndarray]

    @property
    def unit(self) -> str:
        return voc.UNITS[self.metric]

    def at(self, year: int) -> tuple[dict[str, np.ndarray], dict[str, float], dict[str, float]]:
        """Per unit, circle and excess figures of one year, by column."""
        t = self.years.index(year)
        return (
            {k: v[:, t] for k, v in self.values.items()},
            {k: float(v[t]) for k, v in self.circle.items()},
            {k: float(v[t]) for k, v in self.excess.items()},
        )


def _stage_arrays(engine: ProjectionEngine, st: ScenarioState) -> tuple[list, list]:
    """The fund's (metrics, units, years) totals, the parks' arrays and the candidates' direct
    output after each step, gross first and net last (the engine's own arrays at both ends);
    cached until the next edit."""
    e = st.effects()
    if st.steps_cache is not None and st.steps_cache[0] is e:
        return st.steps_cache[1]
    p = st.params
    ny, nm = len(p.years), len(MET)
    inst, park = [], []
    left_i = np.ones(len(p.inst_shares))
    left_p = dict.fromkeys(p.park_shares, 1.0)
    for step in STEPS[:-1]:
        left_i = left_i * np.array([1.0 - s.get(step, 0.0) for s in p.inst_shares])
        left_p = {m: f * (1.0 - p.park_shares[m].get(step, 0.0)) for m, f in left_p.items()}
        inst.append(left_i.copy())
        park.append(dict(left_p))
    d = direct_output(st.arr, st.d_cand.shape[0], p, inst)
    x = _capped_output(st.chain, d, d.copy(), ny) if st.chain.active else d
    both = (st.agg @ x).reshape(nm, -1, x.shape[1])
    through = np.einsum(
        "ij,mjy->miy", st.network.inverse, both - (st.repl @ x).reshape(nm, -1, x.shape[1])
    )
    mid = [through[:, :, k * ny : (k + 1) * ny] for k in range(len(inst))]
    mid_parks = park_arrays_both(engine.project, st.scenario, engine.structure, p, tuple(park))
    stages = [st.d_cand[:, :ny], *(d[:, k * ny : (k + 1) * ny] for k in range(len(inst)))]
    stages.append(st.d_cand[:, ny : 2 * ny])  # direct output after each step, for agreements
    out = ([e.total, *mid, e.net_total], [st.parks, *mid_parks, st.parks_net], stages)
    st.steps_cache = (e, out)
    return out


def _split_values(
    engine: ProjectionEngine, scenario: str, basis: str, metric: str
) -> dict[str, np.ndarray]:
    """Gross, each step (≤ 0) and net per unit and year for an additive (basis, metric)."""
    st = engine.state(scenario)
    fund, parks, stages = _stage_arrays(engine, st)
    block = engine.block(scenario, basis, metric)
    adjust = [k for k, c in enumerate(voc.PARTS) if voc.COMPONENT[c].adjustment]
    out = {voc.GROSS.key: sum(p for k, p in enumerate(block.parts) if k not in adjust)}
    f = [_metric(st, a, basis, metric) for a in fund]
    g = [_park(st, a, basis, metric) for a in parks]
    if basis in _SHARED and st.sharing is not None and st.sharing.active:
        tier, nu = _tier(st, basis), len(block.codes)
        g = [x + shifted(st, basis, metric, s, nu, tier) for x, s in zip(g, stages, strict=True)]
    for k, step in enumerate(STEPS, start=1):
        out[step] = (f[k] - f[k - 1]) + (g[k] - g[k - 1])
    out[voc.NET.key] = block.total()
    return out


def net_split(engine: ProjectionEngine, scenario: str, basis: str, metric: str) -> NetSplit:
    """Gross, each adjustment and net for ``scenario`` under (basis, metric), per unit and for
    the circle (see the module docstring)."""
    block = engine.block(scenario, basis, metric)
    ratio = metric in _RATIO_SOURCE
    src_basis, src_metric = _RATIO_SOURCE[metric] if ratio else (basis, metric)
    raw = _split_values(engine, scenario, src_basis, src_metric)
    once_key = voc.BASIS[src_basis].counted_once
    once = _split_values(engine, scenario, once_key, src_metric) if once_key else None
    full = block.counted_in_full
    circle, excess = {}, {}
    for key, v in raw.items():
        comp = voc.TOTAL if key in (voc.GROSS.key, voc.NET.key) else "additionality"
        part, rest = voc.split_summable(
            src_basis, comp, full, v, None if once is None else once[key]
        )
        circle[key], excess[key] = part.sum(axis=0), rest.sum(axis=0)
    if ratio:
        base = block.weights
        has = np.isfinite(base) & (base > 0)
        with np.errstate(divide="ignore", invalid="ignore"):
            scale = np.where(has, 100.0 / base, np.nan)
            denom = np.where(has, base, 0.0).sum(axis=0)
            values = {k: v * scale for k, v in raw.items()}
            for key, v in raw.items():
                comp = voc.TOTAL if key in (voc.GROSS.key, voc.NET.key) else "additionality"
                part, rest = voc.split_summable(
                    src_basis, comp, full, v, None if once is None else once[key]
                )
                circle[key] = np.where(
                    denom > 0, 100.0 * np.where(has, part, 0.0).sum(axis=0) / denom, np.nan
                )
                excess[key] = np.where(
                    denom > 0, 100.0 * np.where(has, rest, 0.0).sum(axis=0) / denom, np.nan
                )
        summable = np.zeros(len(block.codes), dtype=bool)
    else:
        values = raw
        summable = voc.summable(basis, voc.TOTAL, full, metric)
    return NetSplit(
        basis,
        metric,
        list(block.codes),
        list(block.names),
        tuple(block.years),
        values,
        summable,
        circle,
        excess,
    )
