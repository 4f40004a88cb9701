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

LOCATION_METRICS = ("output", "gdp", "jobs", "tax")


@dataclass
class ParkArrays:
    loc: dict[str, np.ndarray]  # metric -> (units × years), at the host
    stat: dict[str, np.ndarray]  # "output"/"gdp" -> (units × years), by the GDP rule
    fiscal: np.ndarray  # (units × years) local tax received, 亿元
    central: np.ndarray  # (years,) central share of the parks' new tax, 亿元
    not_summable: np.ndarray  # (units,) bool: party to a "counted in full by both" park
    notes: list[tuple[str, str]] = field(default_factory=list)


def scenario_parks(project: Project, scenario: Scenario) -> list[ParkArrangement]:
    by_id = {p.id: p for p in project.parks}
    return [by_id[i] for i in scenario.park_ids if i in by_id]


def park_output(park: ParkArrangement, params: Parameters) -> np.ndarray:
    """Yearly output (亿元) of one park, located at its host."""
    invest = np.array([_num(park.investment.get(y, 0.0)) for y in YEARS])
    return invest @ params.ramp_matrix() * params.park_output


def _num(x: object) -> float:
    return float(x) if isinstance(x, (int, float)) and np.isfinite(x) else 0.0


def tax_shares(park: ParkArrangement, year: int) -> dict[str, float]:
    """Shares (0..1) of new local tax in ``year``: that year's ratio, else the latest before."""
    years = sorted(y for y in park.tax_split if y <= year)
    if not years:
        return {park.host: 1.0}
    return {k: _num(v) / 100 for k, v in park.tax_split[years[-1]].items()}


def gdp_shares(park: ParkArrangement) -> dict[str, float]:
    if park.gdp_rule is GdpRule.SPLIT:
        return {k: _num(v) / 100 for k, v in park.gdp_split.items()}
    if park.gdp_rule is GdpRule.FULL_BOTH:
        return dict.fromkeys(park.parties, 1.0)
    return {park.host: 1.0}


def park_arrays(
    project: Project, scenario: Scenario, structure: Structure, params: Parameters
) -> ParkArrays:
    n, ny = structure.n_units, len(YEARS)
    loc = {m: np.zeros((n, ny)) for m in LOCATION_METRICS}
    stat = {m: np.zeros((n, ny)) for m in ("output", "gdp")}
    fiscal = np.zeros((n, ny))
    central = np.zeros(ny)
    not_summable = np.zeros(n, dtype=bool)
    notes: list[tuple[str, str]] = []
    row = structure.unit_index
    for park in scenario_parks(project, scenario):
        host = row.get(park.host, -1)
        if host < 0:
            notes.append(
                (
                    f"园区“{park.name}”所在地不在规划单元中，未计入",
                    f"park {park.name}: host is not a planning unit; left out",
                )
            )
            continue
        k = params.sector(park.sector)
        out = park_output(park, params)
        loc["output"][host] += out
        loc["gdp"][host] += out * k.gdp
        loc["jobs"][host] += out * k.jobs
        loc["tax"][host] += out * k.tax
        central += out * (k.tax - k.tax_local)
        for code, share in gdp_shares(park).items():
            r = row.get(code, -1)
            if r < 0:
                continue
            stat["output"][r] += out * share
            stat["gdp"][r] += out * k.gdp * share
            if park.gdp_rule is GdpRule.FULL_BOTH and out.any():
                not_summable[r] = True
        local = out * k.tax_local
        for yi, y in enumerate(YEARS):
            for code, share in tax_shares(park, y).items():
                r = row.get(code, -1)
                if r >= 0:
                    fiscal[r, yi] += local[yi] * share
    return ParkArrays(loc, stat, fiscal, central, not_summable, notes)


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
        invest = np.array([_num(park.investment.get(y, 0.0)) for y in YEARS])
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
