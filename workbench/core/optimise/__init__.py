"""The allocation optimiser: which units, how much, which year and instrument, within the fund's
rules — or the least money that reaches a target.

``optimise(project, scenario, spec)`` builds the model (``model``) from the engine's per-unit
responses (``responses``), solves it with HiGHS (``solve``), and reports the engine's exact
projection of the answer next to the linear estimate, plus the validation errors of the new
scenario (there must be none). ``violations`` checks any set of allocations against the same rows
(how the tests decide that a hand-made scenario is feasible). Pure: no Qt, no files.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from workbench.core.enums import Instrument
from workbench.core.model import Allocation, Project, Scenario
from workbench.core.optimise.spec import (
    OBJECTIVES,
    Objective,
    Spec,
    SpecError,
    Target,
    parse_objective,
    parse_target,
)
from workbench.core.optimise.words import binding_text

__all__ = [
    "OBJECTIVES",
    "Cancelled",
    "Objective",
    "Result",
    "Spec",
    "SpecError",
    "Target",
    "binding_text",
    "optimise",
    "parse_objective",
    "parse_target",
    "violations",
]


class Cancelled(Exception):
    """The caller asked to stop (checked between the steps; HiGHS itself runs to its limit)."""


@dataclass
class Result:
    status: str  # optimal, feasible, infeasible, unbounded, failed
    spec: Spec
    scenario: Scenario | None  # the proposal (a new scenario, not in the project)
    linear_value: float | None  # the model's estimate of the objective
    exact_value: float | None  # the engine's projection of the proposal
    base_value: float  # the engine's projection of the input scenario
    money: float  # 亿元 allocated in the proposal
    base_money: float
    gap: float | None
    seconds: float
    solve_seconds: float
    size: dict[str, int] = field(default_factory=dict)  # variables, integers, rows
    binding: list = field(default_factory=list)  # solve.Binding when infeasible
    errors: list = field(default_factory=list)  # validation errors of the proposal
    by_candidate: Any = None  # filled by callers that show the diff (``proposal.by_candidate``)
    by_city: Any = None

    @property
    def ok(self) -> bool:
        return self.scenario is not None


Progress = Callable[[str, float], None]


def optimise(
    project: Project,
    scenario: str,
    spec: Spec,
    name: str | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Result:
    """Optimise ``scenario``'s allocations under ``spec``; the proposal is named ``name``
    (default: the scenario's name + " 优化"). The project is not changed."""
    from workbench.core.optimise.model import build
    from workbench.core.optimise.responses import objective_value, responses
    from workbench.core.optimise.solve import solve

    t0 = time.perf_counter()
    say = progress or (lambda _s, _f: None)
    stop = cancelled or (lambda: False)
    sc = _scenario(project, scenario)
    goal = spec.target.objective if spec.target is not None else spec.objective
    say("responses", 0.05)
    resp = responses(project, sc, goal)
    _check(stop)
    say("model", 0.2)
    model = build(project, sc, spec, resp)
    _check(stop)
    say("solve", 0.3)
    sol = solve(model, spec.gap, spec.time_limit)
    _check(stop)
    size = {
        "variables": int(model.a.shape[1]),
        "integers": int(model.integrality.sum()),
        "rows": int(model.a.shape[0]),
    }
    base_value = objective_value(project, sc, spec.objective)
    base_money = sum(a.amount for a in sc.allocations if np.isfinite(a.amount))
    failed = Result(sol.status, spec, None, None, None, base_value, 0.0, base_money, None,
                    0.0, sol.seconds, size)  # fmt: skip
    if sol.x is None:
        if spec.target is not None and sol.status == "infeasible":
            failed.binding = _target_shortfall(project, sc, spec, resp) or sol.binding
        else:
            failed.binding = sol.binding
        failed.seconds = time.perf_counter() - t0
        return failed
    say("projection", 0.8)
    proposal = _proposal(model, sol.x, sc, name)
    exact = objective_value(project, proposal, goal)
    if spec.target is not None:
        proposal, exact = _reach_target(project, sc, spec, model, proposal, exact, stop)
        if spec.target.value - exact > TARGET_TOL * max(1.0, abs(spec.target.value)):
            failed.status = "infeasible"
            failed.binding = _target_shortfall(project, sc, spec, resp)
            failed.seconds = time.perf_counter() - t0
            return failed
    elif (
        spec.objective.key != "score"
        and model.n_amount <= POLISH_LIMIT
        and _linear(project, resp, proposal) > exact + 1e-9 * max(1.0, abs(exact))
    ):  # the chain's funded-target rule cost something: polish
        say("polish", 0.9)
        proposal, exact = _polish(project, sc, spec, proposal, exact, stop)
    if goal != spec.objective:
        exact = objective_value(project, proposal, spec.objective)
    say("done", 1.0)
    return Result(
        sol.status, spec, proposal, _linear(project, resp, proposal), exact, base_value,
        sum(a.amount for a in proposal.allocations), base_money, sol.mip_gap,
        time.perf_counter() - t0, sol.seconds, size, [], proposal_errors(project, proposal),
    )  # fmt: skip


def _reach_target(project, sc, spec, model, proposal, exact, stop):
    """The responses count each unit stand-alone, so with chain links the engine may find a
    little less than the model: raise the model's target by the shortfall and solve again."""
    from workbench.core.optimise.responses import objective_value
    from workbench.core.optimise.solve import solve

    goal = spec.target.objective
    for _ in range(MAX_TARGET_ROUNDS):
        short = spec.target.value - exact
        if short <= TARGET_TOL * max(1.0, abs(spec.target.value)):
            break
        _check(stop)
        model.rows[-1].lo += short
        again = solve(model, spec.gap, spec.time_limit)
        if again.x is None:
            break
        proposal = _proposal(model, again.x, sc, proposal.name)
        exact = objective_value(project, proposal, goal)
    return proposal, exact


MAX_TARGET_ROUNDS = 8
TARGET_TOL = 1e-9
POLISH_LIMIT = 5000  # amount columns up to which a solution is polished (one more solve per round)
POLISH_ROUNDS = 2


def _polish(project, sc, spec, proposal, exact, stop):
    """With chain links the stand-alone responses over-value funding a target its sources already
    feed. Re-solve with the slope at the solution (``marginal_responses``) and keep whichever the
    engine values more: the reported result can only get better, never worse."""
    from workbench.core.optimise.model import build
    from workbench.core.optimise.responses import marginal_responses, objective_value
    from workbench.core.optimise.solve import solve

    for _ in range(POLISH_ROUNDS):
        _check(stop)
        slope = marginal_responses(project, proposal, spec.objective)
        model = build(project, sc, spec, slope)
        sol = solve(model, spec.gap, spec.time_limit)
        if sol.x is None:
            break
        candidate = _proposal(model, sol.x, sc, proposal.name)
        value = objective_value(project, candidate, spec.objective)
        if value <= exact + 1e-12 * max(1.0, abs(exact)):
            break
        proposal, exact = candidate, value
    return proposal, exact


def _linear(project: Project, resp, proposal: Scenario) -> float:
    """The stand-alone (linear) estimate of a proposal's objective."""
    from workbench.core.projections.parameters import INSTRUMENTS, YEARS

    row = {cid: i for i, cid in enumerate(resp.cand_ids)}
    inst = {x.value: k for k, x in enumerate(INSTRUMENTS)}
    return resp.constant + float(
        sum(
            resp.weights[row[a.candidate_id], YEARS.index(a.year), inst[a.instrument.value]]
            * a.amount
            for a in proposal.allocations
        )
    )


def _proposal(model, x: np.ndarray, sc: Scenario, name: str | None) -> Scenario:
    from workbench.core.optimise.solve import amounts

    proposal = copy.deepcopy(sc)
    proposal.name = name or f"{sc.name} 优化"
    proposal.allocations = [
        Allocation(cid, year, amount, Instrument(inst))
        for (cid, year, inst), amount in amounts(model, x).items()
    ]
    return proposal


def _target_shortfall(project: Project, sc: Scenario, spec: Spec, resp) -> list:
    """An unreachable target: the most the rules allow (the same request maximised), the
    shortfall, and the rules that are at their limit in that best case."""
    from workbench.core.optimise.model import build
    from workbench.core.optimise.responses import objective_value
    from workbench.core.optimise.solve import Binding, solve

    best_spec = copy.copy(spec)
    best_spec.objective, best_spec.target = spec.target.objective, None
    model = build(project, sc, best_spec, resp)
    sol = solve(model, 1e-4, spec.time_limit)
    if sol.x is None:
        return sol.binding
    best = objective_value(project, _proposal(model, sol.x, sc, None), spec.target.objective)
    out = [Binding("target", spec.target.objective.text(), spec.target.value - best)]
    ax = model.a @ sol.x
    for r, v in zip(model.rows, ax, strict=True):
        if r.family in ("gate_order", "ticket"):
            continue
        if (np.isfinite(r.hi) and v >= r.hi - 1e-6) or (np.isfinite(r.lo) and v <= r.lo + 1e-6):
            out.append(Binding(r.family, r.key, 0.0))
    return out


def _scenario(project: Project, name: str) -> Scenario:
    sc = project.scenario(name)
    if sc is None:
        raise SpecError(f"项目中没有名为“{name}”的方案", f"no scenario named {name!r}")
    return sc


def _check(stop: Callable[[], bool]) -> None:
    if stop():
        raise Cancelled


def proposal_errors(project: Project, proposal: Scenario) -> list:
    """Validation errors about the proposal, as if it were added to the project."""
    from workbench.core.enums import Severity
    from workbench.core.validation import validate

    trial = copy.copy(project)
    trial.scenarios = [s for s in project.scenarios if s.name != proposal.name] + [proposal]
    return [
        p
        for p in validate(trial)
        if p.severity is Severity.ERROR
        and len(p.path) > 1
        and p.path[:2] == ("scenarios", proposal.name)
    ]


def violations(project: Project, scenario: Scenario, spec: Spec) -> list:
    """The rows of the optimiser's model that ``scenario``'s allocations break (``solve.Binding``,
    amount = by how much): empty means the scenario is feasible for the same request."""
    from workbench.core.optimise.model import build
    from workbench.core.optimise.responses import responses
    from workbench.core.optimise.solve import Binding

    goal = spec.target.objective if spec.target is not None else spec.objective
    model = build(project, scenario, spec, responses(project, scenario, goal), prune=False)
    col = {key: j for j, key in enumerate(model.cells)}
    x = np.zeros(model.a.shape[1])
    out = []
    for a in scenario.allocations:
        j = col.get(a.key)
        if j is None:
            if a.amount > 0:
                out.append(Binding("not_eligible", a.candidate_id, float(a.amount)))
            continue
        x[j] += a.amount
    _set_binaries(model, x)
    ax = model.a @ x
    for r, v in zip(model.rows, ax, strict=True):
        over = max(v - r.hi, r.lo - v, 0.0)
        if over > 1e-6:
            out.append(Binding(r.family, r.key, float(over)))
    over_bounds = np.maximum(x - model.ub, model.lb - x)[: model.n_amount]
    out += [
        Binding("bounds", model.cells[j][0], float(over_bounds[j]))
        for j in np.flatnonzero(over_bounds > 1e-6)
    ]
    return out


def _set_binaries(model, x: np.ndarray) -> None:
    """Funded = has money; a tranche opens on schedule while its gate row holds (in order)."""
    n = model.n_amount
    owner = {}
    for j, key in enumerate(model.cells):
        owner.setdefault(key[0], []).append(j)
    for k, cid in enumerate(model.funded):
        x[n + k] = 1.0 if x[owner[cid]].sum() > 0 else 0.0
    base = n + len(model.funded)
    if not model.tranches:
        return
    x[base] = 1.0
    gates = {r.key: k for k, r in enumerate(model.rows) if r.family == "gate"}
    for k, year in enumerate(model.tranches[1:], start=1):
        gate = gates[str(year)]
        x[base + k] = 1.0
        holds = float(model.a[[gate], :].toarray()[0] @ x) >= model.rows[gate].lo - 1e-9
        x[base + k] = 1.0 if x[base + k - 1] and holds else 0.0
