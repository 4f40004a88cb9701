"""The fund's view: who paid in, where the money went, who benefits, and the tranche gate.

Fairness ratio of a contributing planning unit i (你中有我，我中有你)::

    fairness_i = (H_i / Σⱼ H_j) ÷ (contributed_i / Σⱼ contributed_j)

H_i is the net value added the fund's allocations bring unit i over a fixed FAIRNESS_HORIZON
(10) years after each allocation, whatever its year — so moving money to an earlier year does not
by itself raise a unit's fairness (a cumulative 2026–2030 sum would reward early money, whose
effects have more years to accumulate). Park arrangements are not fund money and are left out.
Σⱼ runs over every planning unit, contributors or not. 1 means a unit gets back its share; above 1
more, below 1 less. Undefined (NaN) when nothing is invested yet. benefit_share is H_i's share (%),
so fairness = benefit_share ÷ contribution_ratio still holds; benefit_gdp / benefit_tax stay what
the plan period shows: net value added and city/district tax, 2026–2030 cumulative.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from workbench.core.fund_money import fees_by_year, fund_park_draws
from workbench.core.model import Project
from workbench.core.projections.parameters import YEARS
from workbench.core.projections.state import ScenarioState
from workbench.core.projections.structure import Structure
from workbench.core.tranches import gate_schedule

if TYPE_CHECKING:
    import pandas as pd

FUND_COLUMNS = [
    "region_code",
    "region",
    "contributed",
    "contribution_ratio",
    "invested",
    "benefit_gdp",
    "benefit_tax",
    "benefit_jobs",
    "benefit_share",
    "fairness_ratio",
]
FUND_UNITS = {
    "contributed": "亿元",
    "contribution_ratio": "%",
    "invested": "亿元",
    "benefit_gdp": "亿元",
    "benefit_tax": "亿元",
    "benefit_jobs": "人",
    "benefit_share": "%",
    "fairness_ratio": "",
}
DEPLOYMENT_COLUMNS = [
    "year",
    "tranche_scheduled",
    "tranche_opened",
    "tranche_pending",
    "available",
    "allocated",
    "cumulative_allocated",
    "current_tranche",
    "current_tranche_invested_pct",
    "gate_pct",
    "gate_met",
    "over_available",
    "fund_park",
    "management_fee",
    "investable",
]
DEPLOYMENT_UNITS = {
    **dict.fromkeys(
        (
            "tranche_scheduled",
            "tranche_opened",
            "tranche_pending",
            "available",
            "allocated",
            "cumulative_allocated",
            "current_tranche",
            "fund_park",
            "management_fee",
            "investable",
        ),
        "亿元",
    ),
    "current_tranche_invested_pct": "%",
    "gate_pct": "%",
}


def fund_view_from_state(project: Project, s: Structure, st: ScenarioState) -> pd.DataFrame:
    benefit = st.fund_benefits()
    gdp, tax_local, jobs, fair_gdp = (benefit[k] for k in ("gdp", "tax_local", "jobs", "fair_gdp"))
    invested = st.invested.sum(axis=1)
    contributed: dict[int, float] = {}
    for c in project.fund.contributions:
        row = s.unit_index.get(c.region_code, -1)
        if row >= 0 and isinstance(c.amount, (int, float)) and np.isfinite(c.amount):
            contributed[row] = contributed.get(row, 0.0) + float(c.amount)
    total_contrib = sum(contributed.values())
    total_fair = float(fair_gdp.sum())
    rows = []
    for row, amount in contributed.items():
        ratio = 100 * amount / total_contrib if total_contrib else 0.0
        share = 100 * fair_gdp[row] / total_fair if total_fair > 0 else np.nan
        fair = share / ratio if ratio > 0 and total_fair > 0 else np.nan
        rows.append(
            (
                s.unit_codes[row],
                s.unit_names[row],
                amount,
                ratio,
                invested[row],
                gdp[row],
                tax_local[row],
                jobs[row],
                share,
                fair,
            )
        )
    import pandas as pd  # the first chart needs numpy only: pandas loads when a table is asked for

    df = pd.DataFrame(rows, columns=FUND_COLUMNS)
    df.attrs["units"] = FUND_UNITS
    return df


def deployment_from_state(project: Project, st: ScenarioState) -> pd.DataFrame:
    """By year: the tranche schedule as the gate lets it open, against what is allocated.

    A tranche opens in its year if the tranche currently open is at least gate_pct invested at
    the end of the previous year (the first tranche opens unconditionally); otherwise it waits
    and opens, with any other waiting tranches, in the first year after the gate is met.
    ``allocated`` includes 基金+园区 park investment (``fund_park``); ``investable`` is what has
    opened less the management fees paid so far, and ``over_available`` compares with it.
    """
    rules = project.fund.rules
    scheduled = np.zeros(len(YEARS))
    for t in rules.tranches:
        if t.year in YEARS and isinstance(t.amount, (int, float)) and np.isfinite(t.amount):
            scheduled[YEARS.index(t.year)] += t.amount
    allocated = np.zeros(len(YEARS))
    np.add.at(allocated, st.arr.year, st.arr.amount)
    parks = fund_park_draws(project, st.scenario)
    park_money = np.array([parks.get(y, 0.0) for y in YEARS])
    allocated += park_money
    fee = fees_by_year(project.fund)
    fees = np.array([fee.get(y, 0.0) for y in YEARS])
    cum_fees = np.cumsum(fees)
    rows = [
        (
            g.year,
            g.scheduled,
            g.opened,
            g.pending,
            g.available,
            g.allocated,
            g.cumulative_allocated,
            g.current_tranche,
            g.current_invested_pct,
            g.gate_pct,
            g.gate_met,
            g.cumulative_allocated > g.available - cum_fees[i] + 1e-6,
            park_money[i],
            fees[i],
            g.available - cum_fees[i],
        )
        for i, g in enumerate(
            gate_schedule(
                YEARS,
                scheduled,
                allocated,
                rules.tranche_gate,
                float(project.fund.size),
                bool(rules.tranches),
            )
        )
    ]
    import pandas as pd

    df = pd.DataFrame(rows, columns=DEPLOYMENT_COLUMNS)
    df.attrs["units"] = DEPLOYMENT_UNITS
    return df
