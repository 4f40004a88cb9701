"""Money the fund can invest, year by year: what opens less the management fee, and what is drawn on
it besides the scenario's allocations (基金+园区 parks).

One home so the fund summary (fund panel, status bar), the deployment view and validation's
over-budget and tranche checks deduct the same fee and count the same park money.

Management fee: ``fund.management_fee_pct`` (%/yr) of committed capital (``fund.size``), charged in
every plan year and paid out of the fund's capital, so it is not there to invest. Over 2026–2030 the
investable money is ``size × (1 − 5 × fee%)``; by the end of year y, the opened tranches less the
fees of the plan years up to y. (Some local rules charge on paid-in or invested capital instead; on
committed capital is the larger, safer reading for a budget.)
"""

from __future__ import annotations

import math

from workbench.core.model import PLAN_YEARS, Fund, ParkArrangement, Project, Scenario
from workbench.core.park_models import draws_on_fund


def _ok(x: object) -> bool:
    return isinstance(x, (int, float)) and math.isfinite(x)


def management_fee(fund: Fund) -> float:
    """亿元 charged per plan year (0 when the size or rate is not a valid number)."""
    if not (_ok(fund.size) and _ok(fund.management_fee_pct)) or fund.size <= 0:
        return 0.0
    return float(fund.size) * max(float(fund.management_fee_pct), 0.0) / 100.0


def fees_by_year(fund: Fund) -> dict[int, float]:
    fee = management_fee(fund)
    return dict.fromkeys(PLAN_YEARS, fee)


def investable(fund: Fund) -> float:
    """亿元 the fund can invest over the plan period: its size less every year's fee."""
    size = float(fund.size) if _ok(fund.size) else 0.0
    return size - management_fee(fund) * len(PLAN_YEARS)


def fund_parks(project: Project, scenario: Scenario | None) -> list[ParkArrangement]:
    """The scenario's 基金+园区 parks: their investment is fund money."""
    if scenario is None:
        return []
    by_id = {p.id: p for p in project.parks}
    return [by_id[i] for i in scenario.park_ids if i in by_id and draws_on_fund(by_id[i])]


def park_draws(park: ParkArrangement) -> dict[int, float]:
    """Plan year -> 亿元 a fund-financed park draws (valid, non-negative amounts only)."""
    return {
        y: float(a)
        for y, a in park.investment.items()
        if y in PLAN_YEARS and _ok(a) and a > 0 and draws_on_fund(park)
    }


def fund_park_draws(project: Project, scenario: Scenario | None) -> dict[int, float]:
    """Plan year -> 亿元 drawn on the fund by the scenario's 基金+园区 parks."""
    out = dict.fromkeys(PLAN_YEARS, 0.0)
    for park in fund_parks(project, scenario):
        for y, a in park_draws(park).items():
            out[y] += a
    return out
