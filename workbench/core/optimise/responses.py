"""Per-unit responses: what one more 亿元 in a candidate × year × instrument adds to the objective,
read from the projection engine's own arrays (its public ``state``), never from a second model.

Everything after the direct output is linear in the chain-augmented output X (region sums,
replaced flows, the regional inverse, the tax split), so the objective is ⟨G, X⟩ for a G found by
running those steps backwards (the adjoint). The chain links X = D + T X (T: same-year and lagged
links) are linear too except for the funded-target rule X = max(D, T X); the responses use the
linear form, i.e. each candidate's *stand-alone* response — what funding it alone would add. For a
project without chain links that is exact; with them it over-counts demand landing on a target that
is funded as well, which is why the optimiser reports the engine's exact projection of its answer.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np

from workbench.core.model import Project, Scenario
from workbench.core.optimise.spec import Objective
from workbench.core.projections.matrices import as_dense, is_sparse
from workbench.core.projections.parameters import INSTRUMENTS, YEARS
from workbench.core.projections.spillover import MAX_ITERATIONS
from workbench.core.projections.state import MET, ROW, ScenarioState
from workbench.core.scoring import weighted_scores

TRIAL = "\u0000optimise-trial"  # a scenario name no planner can type


@dataclass
class Responses:
    """``weights[c, t, i]``: objective per 亿元 in candidate row c, plan year t, instrument i;
    ``constant``: the objective with no allocations at all (parks, under the same overrides)."""

    cand_ids: list[str]
    weights: np.ndarray  # (candidates, plan years, instruments)
    constant: float


def trial_project(project: Project, scenario: Scenario, allocations: list) -> Project:
    """A shallow copy of the project whose only scenario is ``scenario`` with ``allocations``:
    the engine reads nothing else of the scenario list, and the planner's project is untouched."""
    trial = copy.copy(project)
    sc = copy.copy(scenario)
    sc.name = TRIAL
    sc.allocations = list(allocations)
    trial.scenarios = [sc]
    return trial


def objective_value(project: Project, scenario: Scenario, objective: Objective) -> float:
    """The engine's exact value of ``objective`` for ``scenario`` (its allocations as they are)."""
    from workbench.core.projections.engine import ProjectionEngine

    if objective.key == "score":
        scores = np.nan_to_num(weighted_scores(project)) / 100.0
        rows = {c.id: i for i, c in enumerate(project.candidates)}
        return float(
            sum(
                scores[rows[a.candidate_id]] * a.amount
                for a in scenario.allocations
                if a.candidate_id in rows and _region_ok(project, a.candidate_id, objective)
            )
        )
    trial = trial_project(project, scenario, scenario.allocations)
    engine = ProjectionEngine(trial, until=max(max(objective.years), YEARS[-1]))
    return _block_value(engine, objective)


def _region_ok(project: Project, cid: str, objective: Objective) -> bool:
    if objective.region is None:
        return True
    c = project.candidate(cid)
    return c is not None and project.planning_unit(c.region_code) == objective.region


def _block_value(engine, objective: Objective) -> float:
    block = engine.block(TRIAL, objective.basis, objective.metric)
    total = block.total()
    cols = [block.years.index(y) for y in objective.years]
    rows = _region_rows(engine.structure.unit_codes, objective)
    return float(total[np.ix_(rows, cols)].sum())


def _region_rows(codes: list[str], objective: Objective) -> list[int]:
    if objective.region is None:
        return list(range(len(codes)))
    if objective.region not in codes:
        from workbench.core.optimise.spec import SpecError

        raise SpecError(
            f"“{objective.region}”不是规划单元", f"{objective.region!r} is not a planning unit"
        )
    return [codes.index(objective.region)]


def responses(project: Project, scenario: Scenario, objective: Objective) -> Responses:
    """The linear objective of ``scenario``'s parks and overrides with allocations as variables."""
    from workbench.core.projections.engine import ProjectionEngine

    ids = [c.id for c in project.candidates]
    ny, ni = len(YEARS), len(INSTRUMENTS)
    if objective.key == "score":
        s = np.nan_to_num(weighted_scores(project)) / 100.0
        mask = np.array([_region_ok(project, c, objective) for c in ids], dtype=float)
        w = np.broadcast_to((s * mask)[:, None, None], (len(ids), ny, ni)).copy()
        return Responses(ids, w, 0.0)
    trial = trial_project(project, scenario, [])
    engine = ProjectionEngine(trial, until=max(max(objective.years), YEARS[-1]))
    st = engine.state(TRIAL)
    constant = _block_value(engine, objective)
    g = _output_adjoint(st, objective, engine.structure.unit_codes)  # (cand, years) on net X
    h = _chain_adjoint(st, g) if st.chain.active else g
    p = st.params
    # Net direct output of 1 亿元 at (t, i): net_i × coef_i × R_i[t, :].
    ramp = p.inst_ramp[:, :ny, :] * (p.instrument_coef * p.instrument_net)[:, None, None]
    w = np.einsum("cy,ity->cti", h, ramp)
    return Responses(ids, w, constant)


def marginal_responses(project: Project, proposal: Scenario, objective: Objective) -> Responses:
    """The objective's slope at ``proposal`` (the engine's funded-target rule included): a cell
    whose output its own money sets (D ≥ demand) passes a change on in full, one fed by demand
    from its sources does not — so funding a target the chain already feeds is worth nothing
    here, where the stand-alone responses count it in full. Used to polish a solution."""
    from workbench.core.projections.engine import ProjectionEngine

    trial = trial_project(project, proposal, proposal.allocations)
    engine = ProjectionEngine(trial, until=max(max(objective.years), YEARS[-1]))
    st = engine.state(TRIAL)
    st.effects()
    ny = len(st.params.years)
    d, x = st.d_cand[:, ny:], st.x_cand[:, ny:]
    demand = st.chain.demand(x, ny)
    active = (d >= demand) | (demand <= 0)
    g = _output_adjoint(st, objective, engine.structure.unit_codes)
    h = _chain_adjoint(st, g, (~active).astype(float)) * active
    p = st.params
    ramp = p.inst_ramp[:, : len(YEARS), :] * (p.instrument_coef * p.instrument_net)[:, None, None]
    w = np.einsum("cy,ity->cti", h, ramp)
    return Responses([c.id for c in project.candidates], w, 0.0)


def _metric_weights(st: ScenarioState, objective: Objective, codes: list[str]) -> np.ndarray:
    """(metrics, units, years) W with objective = Σ W × net_total (the tax split made linear)."""
    nu, years = len(codes), st.params.years
    w = np.zeros((len(MET), nu, len(years)))
    rows = _region_rows(codes, objective)
    mask = np.zeros((nu, len(years)))
    mask[np.ix_(rows, [years.index(y) for y in objective.years])] = 1.0
    if objective.metric != "tax":
        w[ROW[objective.metric]] = mask
        return w
    p = st.params
    pv, pc = st.province_share[:, :, None]
    wy = np.asarray(p.western_years, dtype=float)[None, :]
    w[ROW["vat"]] = mask * (1 - p.vat_central) * (1 - pv)
    w[ROW["cit"]] = mask * wy * (1 - p.cit_central) * (1 - pc)
    w[ROW["cit_std"]] = mask * (1 - wy) * (1 - p.cit_central) * (1 - pc)
    return w


def _output_adjoint(st: ScenarioState, objective: Objective, codes: list[str]) -> np.ndarray:
    """G (candidates × years): objective per unit of net chain-augmented output, backwards
    through ``ScenarioState.propagate`` (N (agg − repl) X, then the metric weights)."""
    w = _metric_weights(st, objective, codes)
    nm, nu, ny = w.shape
    v = np.einsum("ij,miy->mjy", st.network.inverse, w).reshape(nm * nu, ny)  # Nᵀ W per metric
    m = st.agg - st.repl
    g = m.T @ v
    return np.asarray(as_dense(g) if is_sparse(g) else g)


def _chain_adjoint(st: ScenarioState, g: np.ndarray, fed: np.ndarray | None = None) -> np.ndarray:
    """H = G + Tᵀ (fed ∘ H) (Neumann rounds, ρ(T) < 1 was checked by the engine): T moves a
    link's demand ``lag`` years later, so its transpose reads ``lag`` years earlier. ``fed``
    (0/1 per candidate-year): where demand passes on (all of it for the stand-alone responses)."""
    chain = st.chain
    ny = g.shape[1]
    h = g.copy()
    for _ in range(MAX_ITERATIONS):
        m = h if fed is None else h * fed
        nxt = g + np.asarray(chain.s.T @ m)
        for lag, s in chain.lagged.items():
            if lag < ny:
                nxt[:, : ny - lag] += np.asarray(s.T @ m[:, lag:])
        step = float(np.abs(nxt - h).max(initial=0.0))
        h = nxt
        if step <= 1e-14 * max(float(np.abs(h).max(initial=0.0)), 1e-300):
            break
    return h
