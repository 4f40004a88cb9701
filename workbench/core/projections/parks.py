"""Park arrangements (飞地园区 / 共建园 / 基金+园区): where effects happen, who records them, who is paid.

For a park with investment Iₜ (亿元) its yearly output is O_y = Σₜ Iₜ × park.output_per_investment
× r(y − t). A park lies in one or more jurisdictions (``ParkArrangement.location_shares()``: 高竹新区
in 渝北 and 邻水), each with a share of the park; every region code is read as its planning unit, the
rows everything else uses. Three views of the same activity:

* location: each location's share of the park's activity;
* statistical (output and GDP): by the GDP rule of the park's agreement (``core.sharing``) —
  location (by location share), split (gdp_split %), or "counted in full by both" (every party
  records 100 %, so those figures are not summable); 属地 outside the agreement's years;
* fiscal: the new tax raised is first split into central and local shares (VAT 50/50, CIT 60/40
  by default); the local share of each tax is divided among parties by the agreement's schedule
  for that tax (the latest earlier year's ratio when a year has none, the location shares when
  there is none at all, before its start and after its sunset). Existing revenue
  (existing_tax_base, 存量) stays where it is raised: it is baseline, not an effect of the plan,
  so it adds nothing to any party's projected revenue.

The joint company (``jv_accounts``) earns land, rent and service income on the capital it has put
in — a development company's income, not its tenants' profits — less its costs; fixed returns
promised to the parties are paid from that (validation warns when they exceed it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from workbench.core.assumptions import parameter_value
from workbench.core.enums import GdpRule
from workbench.core.model import ParkArrangement, Project, Scenario
from workbench.core.projections.parameters import YEARS, Parameters
from workbench.core.projections.structure import Structure
from workbench.core.sharing import rules
from workbench.core.sharing.model import Agreement
from workbench.core.sharing.rules import park_agreements
from workbench.core.taxes import WESTERN_PROVINCES, WESTERN_SECTORS, province_of

if TYPE_CHECKING:
    import pandas as pd

LOCATION_METRICS = ("output", "gdp", "jobs", "tax")


@dataclass
class ParkArrays:
    loc: dict[str, np.ndarray]  # metric -> (units × years), by location share
    stat: dict[str, np.ndarray]  # "output"/"gdp" -> (units × years), by the GDP rule
    fiscal: np.ndarray  # (units × years) local tax received, 亿元
    fiscal_vat: np.ndarray  # (units × years) the VAT part of ``fiscal`` (province split differs)
    central: np.ndarray  # (years,) central share of the parks' new tax, 亿元
    not_summable: np.ndarray  # (units,) bool: party to a "counted in full by both" park
    notes: list[tuple[str, str]] = field(default_factory=list)


def scenario_parks(project: Project, scenario: Scenario) -> list[ParkArrangement]:
    by_id = {p.id: p for p in project.parks}
    return [by_id[i] for i in scenario.park_ids if i in by_id]


def park_output(park: ParkArrangement, params: Parameters, net: bool = False) -> np.ndarray:
    """Yearly output (亿元) of one park, all its locations together (lag and ramp of its model)."""
    return params.park_output_matrix([park.model.value], _investment(park)[None, :], net)[0]


def _investment(park: ParkArrangement) -> np.ndarray:
    return np.array([_num(park.investment.get(y, 0.0)) for y in YEARS])


def _num(x: object) -> float:
    """A finite number as a float, anything else 0 (validation reports it)."""
    if not isinstance(x, (int, float)):
        return 0.0
    try:
        f = float(x)
    except OverflowError:
        return 0.0
    return f if math.isfinite(f) else 0.0


def location_shares(park: ParkArrangement) -> dict[str, float]:
    """Region code -> share (0..1) of the park located there; the shares sum to 1.

    Stored percentages are normalised by their sum, so a half-edited set (validation reports it)
    still counts the park's activity once; none valid means all of it at the host.
    """
    shares: dict[str, float] = {}
    for loc in park.location_shares():
        if _num(loc.share_pct) > 0:
            shares[loc.code] = shares.get(loc.code, 0.0) + _num(loc.share_pct)
    total = sum(shares.values())
    if total <= 0:
        return {park.host: 1.0}
    return {k: v / total for k, v in shares.items()}


def _tax_share_matrix(
    where: dict[str, float], deal: Agreement | None, tax: str, years: tuple[int, ...]
) -> dict[str, np.ndarray]:
    """Party -> (years,) share of a park's new local ``tax`` under its agreement (``where``: its
    location shares)."""
    rows = rules.tax_share_rows(deal, tax, years, where)
    return {code: np.array(v) for code, v in rows.items()}


def _gdp_share_matrix(
    where: dict[str, float], deal: Agreement | None, years: tuple[int, ...]
) -> dict[str, np.ndarray]:
    """Party -> (years,) share of a park's output and GDP each party records."""
    if deal is None or (deal.start_year is None and deal.sunset_year is None):
        shares = rules.gdp_shares(deal, years[0], where)  # the same every year
        return {code: np.full(len(years), share) for code, share in shares.items()}
    out: dict[str, np.ndarray] = {}
    for yi, y in enumerate(years):
        for code, share in rules.gdp_shares(deal, y, where).items():
            out.setdefault(code, np.zeros(len(years)))[yi] += share
    return out


def _full_years(deal: Agreement | None, years: tuple[int, ...], k: int) -> np.ndarray | None:
    """(k · years,) 1 where the park's GDP is counted in full by both; None when never."""
    if deal is None or deal.gdp_rule is not GdpRule.FULL_BOTH:
        return None
    return np.tile([float(rules.counted_in_full(deal, y)) for y in years], k)


def park_arrays(
    project: Project,
    scenario: Scenario,
    structure: Structure,
    params: Parameters,
    net: bool = False,
) -> ParkArrays:
    """Gross park effects, or net of each park model's additionality when ``net``."""
    return park_arrays_both(project, scenario, structure, params, (net,))[0]


def park_arrays_both(
    project: Project,
    scenario: Scenario,
    structure: Structure,
    params: Parameters,
    nets: tuple[bool | dict[str, float], ...] = (False, True),
) -> list[ParkArrays]:
    """Park effects for each of ``nets`` (gross, net, or a gross-to-net factor per park model) in
    one pass: the per-park bookkeeping is done once and the variants ride side by side on the
    year axis (Monte Carlo draws ride the same way: ``uncertainty.draws.park_draws``)."""
    memo = _Memo()
    placed, notes = placed_parks(project, scenario, structure, memo)
    if not placed:
        empty = empty_park_arrays(structure.n_units, len(params.years) * len(nets))
        empty.notes = notes
        return _split(empty, len(nets))
    # One matrix product for all parks' output, then scatter to locations and parties.
    invest = memo("invest", lambda: np.array([_investment(p) for p in placed]))
    models = [p.model.value for p in placed]
    out = np.hstack([params.park_output_matrix(models, invest, net) for net in nets])
    ks = [params.sector(p.sector, _western(p)) for p in placed]
    coef = np.array([(k.gdp, k.jobs) for k in ks])  # (parks, 2)
    tax, local_k, vat_k = (
        np.tile(np.array(x), len(nets)) for x in zip(*map(params.tax_rows, ks), strict=True)
    )  # (parks, years): the CIT rate changes when the western rate ends
    cols = ParkColumns(out, coef[:, :1], coef[:, 1:2], tax, local_k, vat_k)
    arrays = spread_parks(project, structure, placed, params.years, len(nets), memo, cols)
    arrays.notes = notes
    return _split(arrays, len(nets))


@dataclass
class ParkColumns:
    """The placed parks' yearly output (亿元) and what each 亿元 of it brings, (parks, columns)
    each: columns are years, several variants' (or draws') years side by side; ``gdp`` and
    ``jobs`` may be (parks, 1), the same in every column."""

    out: np.ndarray
    gdp: np.ndarray
    jobs: np.ndarray
    tax: np.ndarray  # new tax raised
    local: np.ndarray  # its local share
    local_vat: np.ndarray  # the VAT part of that local share


def placed_parks(
    project: Project, scenario: Scenario, structure: Structure, memo: _Memo
) -> tuple[list[ParkArrangement], list[tuple[str, str]]]:
    """The scenario's parks with a location among the planning units, and notes on the others."""
    row = structure.unit_index
    notes: list[tuple[str, str]] = []
    placed = []
    for park in memo("parks", lambda: scenario_parks(project, scenario)):
        where = memo(("where", park.id), lambda park=park: location_shares(park))
        if not any(row.get(code, -1) >= 0 for code in where):
            notes.append(
                (
                    f"园区“{park.name}”所在地不在规划单元中，未计入",
                    f"park {park.name}: no location is a planning unit; left out",
                )
            )
            continue
        if any(row.get(code, -1) < 0 for code in where):
            notes.append(
                (
                    f"园区“{park.name}”部分所在地不在规划单元中，该部分未计入",
                    f"park {park.name}: part of it lies outside the planning units; that part is left out",
                )
            )
        placed.append(park)
    return placed, notes


def empty_park_arrays(n: int, ncol: int) -> ParkArrays:
    loc = {m: np.zeros((n, ncol)) for m in LOCATION_METRICS}
    stat = {m: np.zeros((n, ncol)) for m in ("output", "gdp")}
    z = np.zeros((n, ncol))
    return ParkArrays(loc, stat, z, z.copy(), np.zeros(ncol), np.zeros(n, dtype=bool), [])


def spread_parks(
    project: Project,
    structure: Structure,
    placed: list[ParkArrangement],
    yrs: tuple[int, ...],
    tile: int,
    memo: _Memo,
    c: ParkColumns,
) -> ParkArrays:
    """The parks' output spread to locations (by location share) and parties (by their
    agreements): ``tile`` blocks of ``yrs`` side by side in ``c``'s columns. Only ``c`` depends
    on parameters, so Monte Carlo draws ride here as further blocks (``uncertainty.draws``)."""
    n, row = structure.n_units, structure.unit_index
    out = c.out
    p = empty_park_arrays(n, out.shape[1])
    loc, stat, not_summable = p.loc, p.stat, p.not_summable
    local, local_vat = out * c.local, out * c.local_vat
    p.central = (out * (c.tax - c.local)).sum(axis=0)
    wheres = {q.id: memo(("where", q.id), lambda q=q: location_shares(q)) for q in placed}
    lp, lr, ls = memo("loc", lambda: _pairs(placed, row, lambda q: wheres[q.id].items()))
    if lp.size:
        at = out[lp] * ls[:, None]
        loc["output"] += _scatter(n, lr, at)
        loc["gdp"] += _scatter(n, lr, at * c.gdp[lp])
        loc["jobs"] += _scatter(n, lr, at * c.jobs[lp])
        loc["tax"] += _scatter(n, lr, at * c.tax[lp])
    by_park = memo("deals", lambda: park_agreements(project))  # rules live in agreements
    deals = {q.id: by_park.get(q.id) for q in placed}
    # Shares by year only where an agreement starts or ends inside the horizon.
    dated = any(d is not None and (d.start_year or d.sunset_year) for d in deals.values())
    sp_, sr, sh = memo(
        "stat",
        lambda: _pairs(
            placed,
            row,
            (lambda q: _gdp_share_matrix(wheres[q.id], deals[q.id], yrs).items())
            if dated
            else (lambda q: rules.gdp_shares(deals[q.id], yrs[0], wheres[q.id]).items()),
            tile,
        ),
    )
    if not dated and sp_.size:
        sh = sh[:, None]
    if sp_.size:
        stat["output"] += _scatter(n, sr, out[sp_] * sh)
        stat["gdp"] += _scatter(n, sr, out[sp_] * c.gdp[sp_] * sh)
        full = memo("full", lambda: {q.id: _full_years(deals[q.id], yrs, tile) for q in placed})
        for i, r in zip(sp_, sr, strict=True):
            mask = full[placed[i].id]
            if mask is not None and (out[i] * mask).any():
                not_summable[r] = True
    # One pass when every park shares one schedule for all taxes (the usual case), else by tax.
    same = all(d is None or not d.tax_split_by_tax for d in deals.values())
    for tax, part in (
        (("all", local),) if same else (("vat", local_vat), ("cit", local - local_vat))
    ):
        fp, fr, fs = memo(
            ("fiscal", tax),
            lambda t=tax: _pairs(
                placed,
                row,
                lambda q: _tax_share_matrix(wheres[q.id], deals[q.id], t, yrs).items(),
                tile,
            ),
        )
        if fp.size:
            p.fiscal += _scatter(n, fr, part[fp] * fs)
            if tax != "cit":
                p.fiscal_vat += _scatter(n, fr, local_vat[fp] * fs)
    return p


class _Memo(dict):
    """``memo(key, make)``: the value made once per key (the bookkeeping no parameter touches)."""

    def __call__(self, key, make):
        if key not in self:
            self[key] = make()
        return self[key]


def _split(p: ParkArrays, k: int) -> list[ParkArrays]:
    """Cut arrays holding k variants side by side on the year axis into k ParkArrays."""

    def cut(a: np.ndarray, i: int) -> np.ndarray:
        w = a.shape[-1] // k
        return a[..., i * w : (i + 1) * w].copy()

    return [
        ParkArrays(
            {m: cut(a, i) for m, a in p.loc.items()},
            {m: cut(a, i) for m, a in p.stat.items()},
            cut(p.fiscal, i),
            cut(p.fiscal_vat, i),
            cut(p.central, i),
            p.not_summable,
            p.notes,
        )
        for i in range(k)
    ]


def _western(park: ParkArrangement) -> bool:
    """Tenants of a park in 川渝 in an encouraged sector are taken to pay the 15 % CIT rate."""
    return park.sector in WESTERN_SECTORS and province_of(park.host) in WESTERN_PROVINCES


def _pairs(parks: list, row: dict[str, int], shares_of, tile: int = 1) -> tuple[np.ndarray, ...]:
    """(park index, unit row, share) for every share of every park whose code is a planning unit;
    a code that is a county reads as its planning unit, so two codes in one unit add up there.
    Shares that are (years,) arrays are repeated ``tile`` times, one copy per variant."""
    pi, ri, si = [], [], []
    for i, park in enumerate(parks):
        for code, share in shares_of(park):
            r = row.get(code, -1)
            if r >= 0:
                pi.append(i)
                ri.append(r)
                si.append(share)
    shares = np.array(si, dtype=float)
    if shares.ndim == 2 and tile > 1:
        shares = np.tile(shares, (1, tile))
    return np.array(pi, dtype=np.int64), np.array(ri, dtype=np.int64), shares


def _scatter(n: int, rows: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Sum ``values`` (k × years) into an (n × years) array at ``rows``."""
    out = np.zeros((n, values.shape[1]))
    np.add.at(out, rows, values)
    return out


CASHFLOW_COLUMNS = [
    "park_id",
    "park",
    "region_code",
    "region",
    "year",
    "equity_share",
    "invested",
    "phase",
    "phase_zh",
    "cash_flow",
    "unit",
]


@dataclass(frozen=True)
class JvAccounts:
    """A park joint company's year-by-year accounts (亿元, aligned with YEARS).

    income = cumulative investment × (park.land_yield + park.rent_yield + park.service_fee_yield);
    costs = income × park.jv_cost_ratio (operating and interest costs); profit = income − costs.
    fixed_due is what the fixed-return terms promise all parties together that year.
    """

    invested: np.ndarray  # cumulative paid-in capital
    income: np.ndarray
    costs: np.ndarray
    profit: np.ndarray
    fixed_due: np.ndarray
    first: int  # index of the first investment year (-1: never invested)

    def fixed_years(self, fr_years: int) -> np.ndarray:
        idx = np.arange(len(YEARS))
        return (idx >= self.first) & (idx - self.first < fr_years) & (self.first >= 0)


def jv_accounts(park: ParkArrangement, project: Project, scenario: Scenario | None) -> JvAccounts:
    def v(key: str) -> float:
        x = parameter_value(project, key, scenario)
        if x is None:
            raise KeyError(key)
        return x / 100

    invest = _investment(park)
    cum = np.cumsum(invest)
    first = int(np.flatnonzero(invest)[0]) if invest.any() else -1
    income = cum * (v("park.land_yield") + v("park.rent_yield") + v("park.service_fee_yield"))
    costs = income * v("park.jv_cost_ratio")
    fr = park.fixed_return
    fixed = np.zeros(len(YEARS))
    acc = JvAccounts(cum, income, costs, income - costs, fixed, first)
    if fr is not None and first >= 0:
        fixed[acc.fixed_years(int(fr.years))] = 1.0
        fixed *= cum * _num(fr.rate_pct) / 100 * sum(_num(x) for x in park.equity.values()) / 100
    return acc


def park_cashflows(project: Project, scenario: Scenario, params: Parameters) -> pd.DataFrame:
    """Fixed return on paid-in capital for the first N years, then dividends by equity share.

    A party's paid-in capital in year y is its equity share of the park's investment up to y.
    Fixed-return years are counted from the park's first investment year; afterwards the joint
    company pays park.dividend_payout of its profit (``jv_accounts``: land, rent and service income
    less costs) by equity. Parties are reported on their planning units (two parties in one unit
    add up). Parks without an equity split have no joint company and no rows.
    """
    names = {r.code: r.name for r in project.regions}
    units = project.planning_units()
    rows = []
    for park in scenario_parks(project, scenario):
        if not park.equity:
            continue
        acc = jv_accounts(park, project, params.scenario)
        if acc.first < 0:
            continue
        fr = park.fixed_return
        fixed = acc.fixed_years(int(fr.years)) if fr is not None else np.zeros(len(YEARS), bool)
        by_unit: dict[str, float] = {}
        for code, pct in park.equity.items():
            unit = units.get(code, code)
            by_unit[unit] = by_unit.get(unit, 0.0) + _num(pct)
        for unit, pct in by_unit.items():
            share = pct / 100
            for yi in range(acc.first, len(YEARS)):
                paid = acc.invested[yi] * share
                cash = (
                    paid * _num(fr.rate_pct) / 100
                    if fixed[yi] and fr is not None
                    else acc.profit[yi] * params.dividend_payout * share
                )
                rows.append(
                    (
                        park.id,
                        park.name,
                        unit,
                        names.get(unit, unit),
                        YEARS[yi],
                        pct,
                        paid,
                        "fixed_return" if fixed[yi] else "dividend",
                        "固定回报" if fixed[yi] else "按股分红",
                        cash,
                        "亿元",
                    )
                )
    import pandas as pd

    return pd.DataFrame(rows, columns=CASHFLOW_COLUMNS)
