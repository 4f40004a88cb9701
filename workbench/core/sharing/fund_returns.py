"""The fund's own returns (你中有我，我中有你): dividends, exits and recycled capital, distributed to the
contributing cities, and each city's fund account.

Cash model, per scenario (亿元):

* capital called in year t = the scenario's allocations in t (every instrument) + the management
  fee (``fund.management_fee_pct`` of the fund size) in each plan year, less recycled capital
  available;
* an equity allocation a in year t to a unit of type T pays ``fund.dividend_yield`` % of a each
  year it is held (t+1 … exit−1) and returns a × ``fund.exit_multiple.T`` in its exit year
  t + ``fund.exit_years.T``; technology support and talent training are grants with no return;
* proceeds received up to the last plan year are recycled at ``fund.recycle_share`` % (they pay
  later calls instead of the cities); the rest — the cash available — is distributed;
* distributions to city i = cash available × key_i, where the key is ``Fund.distribution_key``
  when set, else the contribution ratio; paid-in likewise follows the contribution ratio.

All return parameters are 假设 (see ``sharing.defaults``). IRR is that of the cities' combined
cash flows (−paid-in + distributions); DPI = cumulative distributions ÷ cumulative paid-in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from workbench.core.allocation_sums import allocation_sums
from workbench.core.assumptions import parameter_value
from workbench.core.enums import Instrument
from workbench.core.model import PLAN_YEARS, Project, Scenario

if TYPE_CHECKING:
    import pandas as pd

ACCOUNT_COLUMNS = [
    "scenario", "region_code", "region", "year", "paid_in", "invested_in", "received_back",
    "net_position", "dpi",
]  # fmt: skip
FLOW_COLUMNS = [
    "scenario", "year", "called", "fees", "dividends", "exits", "recycled", "available",
]  # fmt: skip


@dataclass
class FundFlows:
    years: list[int]
    invested: np.ndarray  # allocations by year
    fees: np.ndarray
    dividends: np.ndarray
    exits: np.ndarray
    recycled: np.ndarray  # proceeds kept to pay later calls
    called: np.ndarray  # capital called from the cities
    available: np.ndarray  # distributed
    by_unit: dict[str, np.ndarray]  # planning unit -> allocations by year


def _p(project: Project, key: str, sc: Scenario | None) -> float:
    v = parameter_value(project, key, sc)
    if v is None:
        raise KeyError(key)
    return v


def fund_flows(project: Project, sc: Scenario) -> FundFlows:
    """The fund's yearly cash flows in one scenario (see the module docstring)."""
    units = project.planning_units()
    sums = allocation_sums(sc)
    rows = []  # (year, amount, candidate or None)
    last = PLAN_YEARS[-1]
    for (cid, y, inst), amount in zip(sums.keys, sums.values, strict=True):
        c = project.candidate(cid)
        if c is None or y not in PLAN_YEARS or not np.isfinite(amount):
            continue
        rows.append((y, float(amount), c, inst == Instrument.EQUITY.value))
        if inst == Instrument.EQUITY.value:
            hold = round(_p(project, f"fund.exit_years.{c.unit_type.value}", sc))
            last = max(last, y + max(hold, 1))
    years = list(range(PLAN_YEARS[0], last + 1))
    ix = {y: i for i, y in enumerate(years)}
    n = len(years)
    invested, dividends, exits = np.zeros(n), np.zeros(n), np.zeros(n)
    by_unit: dict[str, np.ndarray] = {}
    yield_ = _p(project, "fund.dividend_yield", sc) / 100
    for y, amount, c, equity in rows:
        invested[ix[y]] += amount
        unit = units.get(c.region_code, c.region_code)
        by_unit.setdefault(unit, np.zeros(n))[ix[y]] += amount
        if not equity:
            continue
        t = c.unit_type.value
        exit_year = y + max(round(_p(project, f"fund.exit_years.{t}", sc)), 1)
        dividends[ix[y] + 1 : ix[exit_year]] += amount * yield_
        exits[ix[exit_year]] += amount * _p(project, f"fund.exit_multiple.{t}", sc)
    fees = np.array(
        [
            project.fund.size * project.fund.management_fee_pct / 100 if y in PLAN_YEARS else 0.0
            for y in years
        ]
    )
    recycle = _p(project, "fund.recycle_share", sc) / 100
    proceeds = dividends + exits
    recycled, called, pool = np.zeros(n), np.zeros(n), 0.0
    for i, y in enumerate(years):
        need = invested[i] + fees[i]
        use = min(pool, need)
        pool -= use
        called[i] = need - use
        if y <= PLAN_YEARS[-1]:
            recycled[i] = proceeds[i] * recycle
            pool += recycled[i]
    recycled_unused = pool  # recycled but never needed: distributed in the last year
    available = proceeds - recycled
    available[-1] += recycled_unused
    return FundFlows(years, invested, fees, dividends, exits, recycled, called, available, by_unit)


def distribution_keys(project: Project) -> dict[str, float]:
    """Region -> fraction of distributions: the agreed key, else the contribution ratio."""
    key = project.fund.distribution_key
    if key:
        total = sum(v for v in key.values() if v > 0)
        return {k: v / total for k, v in key.items() if v > 0} if total else {}
    return {
        c.region_code: project.fund.ratio_of(c.region_code) / 100
        for c in project.fund.contributions
    }


def _scenarios(project: Project, scenario: str | None) -> list[Scenario]:
    if scenario is None:
        return list(project.scenarios)
    sc = project.scenario(scenario)
    if sc is None:
        raise KeyError(scenario)
    return [sc]


def fund_distributions(project: Project, scenario: str | None = None) -> pd.DataFrame:
    """Yearly fund-level flows (FLOW_COLUMNS) plus one ``to_<code>`` column per city."""
    import pandas as pd

    keys = distribution_keys(project)
    frames = []
    for sc in _scenarios(project, scenario):
        f = fund_flows(project, sc)
        df = pd.DataFrame(
            {
                "scenario": sc.name,
                "year": f.years,
                "called": f.called,
                "fees": f.fees,
                "dividends": f.dividends,
                "exits": f.exits,
                "recycled": f.recycled,
                "available": f.available,
            }
        )
        for code, k in keys.items():
            df[f"to_{code}"] = f.available * k
        frames.append(df)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=FLOW_COLUMNS)


def fund_accounts(project: Project, scenario: str | None = None) -> pd.DataFrame:
    """Per city and year: paid in, invested in it, received back, net position (cumulative
    received − cumulative paid in) and DPI to date."""
    import pandas as pd

    names = {r.code: r.name for r in project.regions}
    keys = distribution_keys(project)
    ratio = {
        c.region_code: project.fund.ratio_of(c.region_code) / 100
        for c in project.fund.contributions
    }
    out = []
    for sc in _scenarios(project, scenario):
        f = fund_flows(project, sc)
        cities = dict.fromkeys([*ratio, *keys, *f.by_unit])
        for code in cities:
            paid = f.called * ratio.get(code, 0.0)
            got = f.available * keys.get(code, 0.0)
            inv = f.by_unit.get(code, np.zeros(len(f.years)))
            cp, cg = np.cumsum(paid), np.cumsum(got)
            dpi = np.divide(cg, cp, out=np.full(len(cp), np.nan), where=cp > 1e-12)
            for i, y in enumerate(f.years):
                out.append(
                    (
                        sc.name,
                        code,
                        names.get(code, code),
                        y,
                        paid[i],
                        inv[i],
                        got[i],
                        cg[i] - cp[i],
                        dpi[i],
                    )
                )
    return pd.DataFrame(out, columns=ACCOUNT_COLUMNS)


def irr(flows: np.ndarray) -> float:
    """Yearly internal rate of return of ``flows`` (first year = 0), NaN when none exists.

    Bisection on NPV over (−99 %, 1000 %): cash flows here are calls then returns, so NPV falls
    with the rate and there is at most one root in that range."""
    if not (flows < 0).any() or not (flows > 0).any():
        return float("nan")
    t = np.arange(len(flows))

    def npv(r: float) -> float:
        return float((flows / (1 + r) ** t).sum())

    lo, hi = -0.99, 10.0
    if npv(lo) * npv(hi) > 0:
        return float("nan")
    for _ in range(200):
        mid = (lo + hi) / 2
        if npv(lo) * npv(mid) <= 0:
            hi = mid
        else:
            lo = mid
    return (lo + hi) / 2


def fund_performance(project: Project, scenario: str | None = None) -> pd.DataFrame:
    """Per scenario: paid in, distributed, recycled, DPI, IRR (%, the cities' combined flows) and
    the last exit year; the return parameters are 假设."""
    import pandas as pd

    rows = []
    for sc in _scenarios(project, scenario):
        f = fund_flows(project, sc)
        paid, got = float(f.called.sum()), float(f.available.sum())
        rate = irr(f.available - f.called)
        rows.append(
            (
                sc.name,
                paid,
                got,
                float(f.recycled.sum()),
                got / paid if paid > 1e-12 else float("nan"),
                100 * rate,
                f.years[-1],
                True,
            )
        )
    return pd.DataFrame(
        rows,
        columns=[
            "scenario",
            "paid_in",
            "distributed",
            "recycled",
            "dpi",
            "irr_pct",
            "last_year",
            "assumed",
        ],
    )
