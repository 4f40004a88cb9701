"""The mixed-integer model: variables, the fund's rules and the planner's limits as sparse rows.

Pure data (numpy + scipy.sparse arrays) so a 3-candidate case can be read and solved by hand.
Variables: one amount per kept candidate × plan year × instrument (亿元), a "funded" 0/1 per
candidate when a minimum ticket is asked for, and an "opens on schedule" 0/1 per gated tranche.
Each row belongs to a *family* (the rule it states) and has a label, so an infeasible request can
be explained rule by rule (``solve.diagnose``).

Instruments differ only in their response and in the investee-equity cap (equity only), so per
candidate and year only the better of the two non-equity instruments is kept, and equity only
when it responds better than that: a dominated column can never be needed at the optimum.

Tranche gates (``core.tranches``): a tranche opens in its year only if the tranche open before it
is ``gate``% invested by the end of the previous year. The model decides per tranche whether it
opens on schedule (monotone: once one waits, later ones wait too) and counts only tranches that
do; a tranche that waits is not counted at all, which is the safe side of the real rule (it may
open later).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from workbench.core.enums import UnitType
from workbench.core.fund_money import fees_by_year, fund_parks, investable, park_draws
from workbench.core.model import PLAN_YEARS, Project, Scenario
from workbench.core.optimise.responses import Responses
from workbench.core.optimise.spec import Spec
from workbench.core.projections.parameters import INSTRUMENTS
from workbench.core.taxes import equity_base

INF = np.inf
_INST = [i.value for i in INSTRUMENTS]


@dataclass
class Row:
    family: str  # budget, tranche, gate, candidate, ticket, equity, type, city, return, ...
    key: str  # what within the family: a year, a candidate id, a type, a city code
    lo: float
    hi: float


@dataclass
class Model:
    """min c·x subject to lo ≤ A x ≤ hi, lb ≤ x ≤ ub, x integer where ``integrality``."""

    cells: list[tuple[str, int, str]]  # the amount columns: (candidate, year, instrument)
    n_amount: int
    funded: list[str]  # candidate of each funded 0/1 column (after the amounts)
    tranches: list[int]  # year of each on-schedule 0/1 column (after those)
    c: np.ndarray
    lb: np.ndarray
    ub: np.ndarray
    integrality: np.ndarray
    a: object  # scipy.sparse csr (rows × columns)
    rows: list[Row]
    response: np.ndarray  # objective per 亿元 of each amount column (the linear objective)
    constant: float
    extra: dict = field(default_factory=dict)

    @property
    def lo(self) -> np.ndarray:
        return np.array([r.lo for r in self.rows], dtype=float)

    @property
    def hi(self) -> np.ndarray:
        return np.array([r.hi for r in self.rows], dtype=float)


class _Builder:
    def __init__(self) -> None:
        self.data: list[float] = []
        self.ri: list[int] = []
        self.ci: list[int] = []
        self.rows: list[Row] = []

    def row(self, family: str, key: str, cols, coefs, lo: float = -INF, hi: float = INF) -> None:
        r = len(self.rows)
        cols = list(cols)
        coefs = list(coefs) if not np.isscalar(coefs) else [float(coefs)] * len(cols)
        self.ri.extend([r] * len(cols))
        self.ci.extend(cols)
        self.data.extend(coefs)
        self.rows.append(Row(family, key, lo, hi))


def eligible(project: Project, spec: Spec) -> list[int]:
    """Candidate rows the optimiser may fund: an allowed status, or a locked cell."""
    locked = {k[0] for k in spec.locked}
    return [
        i for i, c in enumerate(project.candidates) if c.status in spec.statuses or c.id in locked
    ]


def build(
    project: Project, scenario: Scenario, spec: Spec, resp: Responses, prune: bool = True
) -> Model:
    """``prune=False`` keeps every instrument column (to test a hand-made scenario against the
    same rows)."""
    _fund, rules = project.fund, project.fund.rules
    units = project.planning_units()
    keep = eligible(project, spec)
    allowed = set(spec.statuses)
    years = range(len(PLAN_YEARS))
    cells: list[tuple[str, int, str]] = []
    owner: list[int] = []  # candidate row of each column
    weight: list[float] = []
    lb: list[float] = []
    ub: list[float] = []
    for ci in keep:
        cand = project.candidates[ci]
        free = cand.status in allowed
        for t in years:
            y = PLAN_YEARS[t]
            for i in _columns(resp.weights[ci, t], spec, cand.id, y, free, prune):
                key = (cand.id, y, _INST[i])
                cells.append(key)
                owner.append(ci)
                weight.append(float(resp.weights[ci, t, i]))
                fixed = spec.locked.get(key)
                ok = free and y in spec.years and _INST[i] in spec.instruments
                lb.append(fixed if fixed is not None else 0.0)
                ub.append(fixed if fixed is not None else (INF if ok else 0.0))
    n = len(cells)
    by_cand: dict[int, list[int]] = defaultdict(list)
    for j, ci in enumerate(owner):
        by_cand[ci].append(j)
    ticket = spec.min_ticket > 0
    funded = [project.candidates[ci].id for ci in by_cand] if ticket else []
    f_col = {ci: n + k for k, ci in enumerate(by_cand)} if ticket else {}
    sched = _schedule(project)
    gated = rules.tranche_gate is not None and len(sched) > 1
    t_cols = list(range(n + len(funded), n + len(funded) + (len(sched) if gated else 0)))
    b = _Builder()
    parks = _park_money(project, scenario, units)
    _per_candidate(b, project, spec, by_cand, f_col, cells)
    _money_rows(b, project, spec, n, cells, owner, units, parks)
    if rules.tranches:
        _tranche_rows(b, project, n, cells, parks, sched, t_cols)
    ncol = n + len(funded) + len(t_cols)
    lb_all = np.concatenate([lb, np.zeros(ncol - n)])
    ub_all = np.concatenate([ub, np.ones(ncol - n)])
    if t_cols:
        lb_all[t_cols[0]] = 1.0  # the first tranche opens unconditionally
    for ci, col in f_col.items():
        if any(lb[j] > 0 for j in by_cand[ci]):
            lb_all[col] = 1.0
    integrality = np.concatenate([np.zeros(n), np.ones(ncol - n)])
    import scipy.sparse as sp

    a = sp.csr_array((b.data, (b.ri, b.ci)), shape=(len(b.rows), ncol))
    w = np.array(weight)
    model = Model(
        cells,
        n,
        funded,
        [y for y, _ in sched] if gated else [],
        np.zeros(ncol),
        lb_all,
        ub_all,
        integrality,
        a,
        b.rows,
        w,
        resp.constant,
    )
    model.c[:n] = 1.0 if spec.target is not None else -w
    if spec.target is not None:
        _target_row(model, spec, w, resp.constant)
    return model


def _columns(
    w: np.ndarray, spec: Spec, cid: str, year: int, free: bool, prune: bool = True
) -> list[int]:
    """Instrument columns kept for one candidate-year: locked ones, the better non-equity one, and
    equity when it responds better (see the module docstring)."""
    locked = [i for i in range(len(_INST)) if (cid, year, _INST[i]) in spec.locked]
    if not free:
        return locked
    ok = [i for i in range(len(_INST)) if _INST[i] in spec.instruments]
    if not prune:
        return sorted(set(locked) | set(ok))
    other = [i for i in ok if i != 0]
    best = max(other, key=lambda i: w[i]) if other else None
    keep = set(locked)
    if best is not None:
        keep.add(best)
    if 0 in ok and (best is None or w[0] > w[best]):
        keep.add(0)
    return sorted(keep)


def _park_money(project: Project, scenario: Scenario, units: dict[str, str]) -> dict:
    """基金+园区 park money the scenario already draws: by year, by city, as park type."""
    by_year: dict[int, float] = defaultdict(float)
    by_city: dict[str, float] = defaultdict(float)
    total = 0.0
    for park in fund_parks(project, scenario):
        draws = park_draws(park)
        amount = sum(draws.values())
        total += amount
        for y, v in draws.items():
            by_year[y] += v
        locs = [x for x in park.location_shares() if x.share_pct > 0]
        whole = sum(x.share_pct for x in locs)
        for x in locs:
            by_city[units.get(x.code, x.code)] += amount * x.share_pct / whole
    return {"total": total, "year": by_year, "city": by_city}


def _per_candidate(b: _Builder, project, spec: Spec, by_cand, f_col, cells) -> None:
    """Per-project cap and request (one row: the tighter of the two), ticket, equity cap."""
    fund, rules = project.fund, project.fund.rules
    cap = fund.size * rules.max_project_share / 100 if rules.max_project_share is not None else INF
    eq_pct = rules.max_investee_equity
    for ci, cols in by_cand.items():
        cand = project.candidates[ci]
        asked = cand.requested_funding if cand.requested_funding > 0 else INF
        limit, family = (cap, "project_cap")
        if not spec.lift_requests and asked < cap:
            limit, family = (asked, "request")
        if ci in f_col:
            big = limit if np.isfinite(limit) else investable(fund)
            b.row(family, cand.id, [*cols, f_col[ci]], [1.0] * len(cols) + [-big], hi=0.0)
            b.row(
                "ticket",
                cand.id,
                [*cols, f_col[ci]],
                [1.0] * len(cols) + [-spec.min_ticket],
                lo=0.0,
            )
        elif np.isfinite(limit):
            b.row(family, cand.id, cols, 1.0, hi=limit)
        base = equity_base(cand)
        eq = [j for j in cols if cells[j][2] == "equity"]
        if eq and eq_pct is not None and base is not None:
            b.row("equity", cand.id, eq, 1.0, hi=base * eq_pct / 100)


def _money_rows(b: _Builder, project, spec: Spec, n, cells, owner, units, parks) -> None:
    """The fund total, type and city caps, 返投, and the planner's city and sector limits."""
    fund, rules = project.fund, project.fund.rules
    cands = project.candidates
    everything = range(n)
    money = investable(fund) - parks["total"]
    b.row("budget", "fund", everything, 1.0, hi=money)
    if spec.budget is not None:
        b.row("budget", "planner", everything, 1.0, hi=spec.budget)
    by_type, by_city, by_sector = defaultdict(list), defaultdict(list), defaultdict(list)
    for j in everything:
        c = cands[owner[j]]
        by_type[c.unit_type.value].append(j)
        by_city[units.get(c.region_code, c.region_code)].append(j)
        by_sector[c.sector].append(j)
    for t, limit in rules.type_limits.items():
        park = parks["total"] if t == UnitType.PARK.value else 0.0
        if fund.size > 0:
            b.row("type", t, by_type.get(t, []), 1.0, hi=fund.size * limit / 100 - park)
    cities = set(by_city) | set(rules.city_limits) | set(spec.city_min) | set(spec.city_max)
    for city in sorted(cities):
        park = parks["city"].get(city, 0.0)
        limit = rules.city_limits.get(city, rules.default_city_limit)
        cols = by_city.get(city, [])
        if limit is not None and fund.size > 0:
            b.row("city", city, cols, 1.0, hi=fund.size * limit / 100 - park)
        if city in spec.city_max:
            b.row("city_max", city, cols, 1.0, hi=spec.city_max[city] - park)
        if city in spec.city_min:
            b.row("city_min", city, cols, 1.0, lo=spec.city_min[city] - park)
    multiple = spec.return_multiple
    if multiple is None and rules.min_return_share is not None:
        multiple = rules.min_return_share / 100
    if multiple:
        for con in fund.contributions:
            city = units.get(con.region_code, con.region_code)
            need = con.amount * multiple - parks["city"].get(city, 0.0)
            b.row("return", con.region_code, by_city.get(city, []), 1.0, lo=need)
    for sector, limit in spec.sector_max.items():
        b.row("sector", sector, by_sector.get(sector, []), 1.0, hi=limit)


def _schedule(project: Project) -> list[tuple[int, float]]:
    """Tranches aggregated by plan year, in year order (as ``gate_schedule`` sees them)."""
    out: dict[int, float] = defaultdict(float)
    for t in project.fund.rules.tranches:
        if t.year in PLAN_YEARS and np.isfinite(t.amount):
            out[t.year] += t.amount
    return sorted((y, a) for y, a in out.items() if a > 0)


def _tranche_rows(b: _Builder, project, n, cells, parks, sched, t_cols) -> None:
    """Money open by each year (less fees so far) and, with a gate, the gate for each tranche."""
    fees = fees_by_year(project.fund)
    gate = project.fund.rules.tranche_gate
    col_year = np.array([c[1] for c in cells], dtype=int)
    fee_sum = park_sum = 0.0
    for y in PLAN_YEARS:
        fee_sum += fees.get(y, 0.0)
        park_sum += parks["year"].get(y, 0.0)
        cols = list(np.flatnonzero(col_year <= y))
        opened = [(k, a) for k, (ty, a) in enumerate(sched) if ty <= y]
        if t_cols:
            b.row(
                "tranche",
                str(y),
                cols + [t_cols[k] for k, _ in opened],
                [1.0] * len(cols) + [-a for _, a in opened],
                hi=-fee_sum - park_sum,
            )
        else:
            b.row("tranche", str(y), cols, 1.0, hi=sum(a for _, a in opened) - fee_sum - park_sum)
    if not t_cols:
        return
    before = 0.0
    for k in range(1, len(sched)):
        y, _ = sched[k]
        prev = sched[k - 1][1]
        need = before + gate / 100 * prev
        before += prev
        cols = list(np.flatnonzero(col_year <= y - 1))
        park_before = sum(v for yy, v in parks["year"].items() if yy <= y - 1)
        # Σ money by y−1 + parks ≥ need × opens  ⇔  Σ − need·o ≥ −parks
        b.row("gate", str(y), [*cols, t_cols[k]], [1.0] * len(cols) + [-need], lo=-park_before)
        b.row("gate_order", str(y), [t_cols[k - 1], t_cols[k]], [1.0, -1.0], lo=0.0)


def _target_row(model: Model, spec: Spec, w: np.ndarray, constant: float) -> None:
    import scipy.sparse as sp

    row = np.zeros(model.a.shape[1])
    row[: model.n_amount] = w
    model.a = sp.vstack([model.a, sp.csr_array(row[None, :])]).tocsr()
    model.rows.append(
        Row("target", spec.target.objective.text(), spec.target.value - constant, INF)
    )
