"""Park arrangements (飞地园区 / 共建园 / 基金+园区): where effects happen, who records them, who is paid.

For a park with investment Iₜ (亿元) its yearly output is O_y = Σₜ Iₜ × park.output_per_investment
× r(y − t), located at the host. Three views of the same activity:

* location: everything at the host;
* statistical (output and GDP): by the GDP rule — location (host), split (gdp_split %), or
  "counted in full by both" (every party records 100 %, so those figures are not summable);
* fiscal: the new tax raised is first split into central and local shares (VAT 50/50, CIT 60/40
  by default); the local share is divided among parties by the year's tax_split ratio (the latest
  earlier year's ratio when a year has none, the host alone when there is none at all). Existing
  revenue (existing_tax_base) stays with the host: it is baseline, not an effect of the plan, so
  it adds nothing to any party's projected revenue.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from workbench.core.enums import GdpRule
from workbench.core.model import ParkArrangement, Project, Scenario
from workbench.core.projections.parameters import YEARS, Parameters
from workbench.core.projections.structure import Structure
from workbench.core.taxes import WESTERN_PROVINCES, WESTERN_SECTORS, province_of

LOCATION_METRICS = ("output", "gdp", "jobs", "tax")


@dataclass
class ParkArrays:
    loc: dict[str, np.ndarray]  # metric -> (units × years), at the host
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
    """Yearly output (亿元) of one park, located at its host (lag and ramp of its model)."""
    return params.park_output_matrix([park.model.value], _investment(park)[None, :], net)[0]


def _investment(park: ParkArrangement) -> np.ndarray:
    return np.array([_num(park.investment.get(y, 0.0)) for y in YEARS])


def _num(x: object) -> float:
    return float(x) if isinstance(x, (int, float)) and np.isfinite(x) else 0.0


def tax_shares(park: ParkArrangement, year: int) -> dict[str, float]:
    """Shares (0..1) of new local tax in ``year``: that year's ratio, else the latest before."""
    years = sorted(y for y in park.tax_split if y <= year)
    if not years:
        return {park.host: 1.0}
    return {k: _num(v) / 100 for k, v in park.tax_split[years[-1]].items()}


def _tax_share_matrix(park: ParkArrangement, years: tuple[int, ...]) -> dict[str, np.ndarray]:
    """Party -> (years,) share of new local tax, applying ``tax_shares`` year by year."""
    out: dict[str, np.ndarray] = {}
    for yi, y in enumerate(years):
        for code, share in tax_shares(park, y).items():
            out.setdefault(code, np.zeros(len(years)))[yi] += share
    return out


def gdp_shares(park: ParkArrangement) -> dict[str, float]:
    if park.gdp_rule is GdpRule.SPLIT:
        return {k: _num(v) / 100 for k, v in park.gdp_split.items()}
    if park.gdp_rule is GdpRule.FULL_BOTH:
        return dict.fromkeys(park.parties, 1.0)
    return {park.host: 1.0}


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
    nets: tuple[bool, ...] = (False, True),
) -> list[ParkArrays]:
    """Park effects for each of ``nets`` (gross, net) in one pass: the per-park bookkeeping is
    done once and the variants ride side by side on the year axis."""
    n, ny = structure.n_units, len(params.years) * len(nets)
    row = structure.unit_index
    parks = scenario_parks(project, scenario)
    notes: list[tuple[str, str]] = []
    placed = []
    for park in parks:
        if row.get(park.host, -1) < 0:
            notes.append(
                (
                    f"园区“{park.name}”所在地不在规划单元中，未计入",
                    f"park {park.name}: host is not a planning unit; left out",
                )
            )
        else:
            placed.append(park)
    loc = {m: np.zeros((n, ny)) for m in LOCATION_METRICS}
    stat = {m: np.zeros((n, ny)) for m in ("output", "gdp")}
    fiscal = np.zeros((n, ny))
    not_summable = np.zeros(n, dtype=bool)
    if not placed:
        empty = ParkArrays(loc, stat, fiscal, fiscal.copy(), np.zeros(ny), not_summable, notes)
        return _split(empty, len(nets))
    # One matrix product for all parks' output, then scatter to hosts and parties.
    invest = np.array([_investment(p) for p in placed])
    models = [p.model.value for p in placed]
    out = np.hstack([params.park_output_matrix(models, invest, net) for net in nets])
    ks = [params.sector(p.sector, _western(p)) for p in placed]
    coef = np.array([(k.gdp, k.jobs) for k in ks])  # (parks, 2)
    tax, local_k, vat_k = (
        np.tile(np.array(x), len(nets)) for x in zip(*map(params.tax_rows, ks), strict=True)
    )
    host = np.array([row[p.host] for p in placed])
    loc["output"] += _scatter(n, host, out)
    loc["gdp"] += _scatter(n, host, out * coef[:, :1])
    loc["jobs"] += _scatter(n, host, out * coef[:, 1:2])
    loc["tax"] += _scatter(n, host, out * tax)
    local, local_vat = out * local_k, out * vat_k
    central = (out * (tax - local_k)).sum(axis=0)
    s_park, s_row, s_share, f_park, f_row, f_share = [], [], [], [], [], []
    for i, park in enumerate(placed):
        full_both = park.gdp_rule is GdpRule.FULL_BOTH and bool(out[i].any())
        for code, share in gdp_shares(park).items():
            r = row.get(code, -1)
            if r >= 0:
                s_park.append(i)
                s_row.append(r)
                s_share.append(share)
                if full_both:
                    not_summable[r] = True
        for code, shares in _tax_share_matrix(park, params.years).items():
            r = row.get(code, -1)
            if r >= 0:
                f_park.append(i)
                f_row.append(r)
                f_share.append(np.tile(shares, len(nets)))
    if s_park:
        sp_, sh = np.array(s_park), np.array(s_share)[:, None]
        stat["output"] += _scatter(n, np.array(s_row), out[sp_] * sh)
        stat["gdp"] += _scatter(n, np.array(s_row), out[sp_] * coef[sp_, :1] * sh)
    fiscal_vat = np.zeros((n, ny))
    if f_park:
        fp, fr, fs = np.array(f_park), np.array(f_row), np.array(f_share)
        fiscal += _scatter(n, fr, local[fp] * fs)
        fiscal_vat += _scatter(n, fr, local_vat[fp] * fs)
    return _split(
        ParkArrays(loc, stat, fiscal, fiscal_vat, central, not_summable, notes), len(nets)
    )


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


def park_cashflows(project: Project, scenario: Scenario, params: Parameters) -> pd.DataFrame:
    """Fixed return on paid-in capital for the first N years, then dividends by equity share.

    A party's paid-in capital in year y is its equity share of the park's investment up to y.
    Fixed-return years are counted from the park's first investment year; afterwards the joint
    company pays park.dividend_payout of its profit (value added × tax.profit_share) by equity.
    Parks without an equity split have no joint company and no rows.
    """
    names = {r.code: r.name for r in project.regions}
    rows = []
    for park in scenario_parks(project, scenario):
        if not park.equity:
            continue
        invest = _investment(park)
        if not invest.any():
            continue
        cum = np.cumsum(invest)
        first = int(np.flatnonzero(invest)[0])
        k = params.sector(park.sector)
        profit = park_output(park, params) * k.gdp * params.profit_share
        fr = park.fixed_return
        for code, pct in park.equity.items():
            share = _num(pct) / 100
            for yi in range(first, len(YEARS)):
                fixed = fr is not None and yi - first < fr.years
                paid = cum[yi] * share
                cash = (
                    paid * _num(fr.rate_pct) / 100
                    if fixed and fr
                    else profit[yi] * params.dividend_payout * share
                )
                rows.append(
                    (
                        park.id,
                        park.name,
                        code,
                        names.get(code, code),
                        YEARS[yi],
                        _num(pct),
                        paid,
                        "fixed_return" if fixed else "dividend",
                        "固定回报" if fixed else "按股分红",
                        cash,
                        "亿元",
                    )
                )
    return pd.DataFrame(rows, columns=CASHFLOW_COLUMNS)
