"""Fund figures the window shows: allocated and left by year, contribution ratios, rule breaches per
allocation cell, and the status-bar numbers.

These live in the core so the window only displays them (the UI computes nothing) and so they are
tested without Qt. All money is in 亿元 (100 million yuan), shares in percent.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from workbench.core.addresses import AllocationCell, AllocationTotal
from workbench.core.allocation_sums import allocation_sums
from workbench.core.enums import Instrument, Severity
from workbench.core.fund_money import fees_by_year, fund_park_draws, management_fee
from workbench.core.model import PLAN_YEARS, Project, Scenario

if TYPE_CHECKING:  # the status bar needs these figures before validation is first loaded
    from workbench.core.validation import Problem

INSTRUMENTS: tuple[Instrument, ...] = tuple(Instrument)


@dataclass(frozen=True)
class YearFunds:
    """One plan year of the fund: what opened, what was allocated, what is left (all 亿元).

    ``allocated`` includes what 基金+园区 parks draw (``park_draws`` of it); the management fee
    of each year is paid out of what has opened (see ``core.fund_money``)."""

    year: int
    tranche: float  # made available this year
    allocated: float  # allocated this year in the scenario, 基金+园区 parks included
    cumulative_available: float  # opened so far, before fees
    cumulative_allocated: float
    fee: float = 0.0  # management fee charged this year
    cumulative_fees: float = 0.0
    park_draws: float = 0.0  # of ``allocated``: 基金+园区 park investment this year

    @property
    def investable(self) -> float:
        """Opened so far less the fees paid so far."""
        return self.cumulative_available - self.cumulative_fees

    @property
    def left(self) -> float:
        """Investable so far minus allocated so far; negative means the tranche rule is breached."""
        return self.investable - self.cumulative_allocated


def fund_by_year(project: Project, scenario: Scenario | None) -> list[YearFunds]:
    """Tranches, fees and allocations per plan year. Without tranches, the whole fund counts as
    open from the first year (the committee has not staged it)."""
    tranches: dict[int, float] = defaultdict(float)
    for t in project.fund.rules.tranches:
        tranches[t.year] += t.amount
    if not project.fund.rules.tranches:
        tranches[PLAN_YEARS[0]] = project.fund.size
    spent: dict[int, float] = defaultdict(float)
    if scenario is not None:
        for a in scenario.allocations:
            spent[a.year] += a.amount
    parks = fund_park_draws(project, scenario)
    fees = fees_by_year(project.fund)
    rows = []
    cum_av = cum_al = cum_fee = 0.0
    for y in PLAN_YEARS:
        used = spent.get(y, 0.0) + parks[y]
        cum_av += tranches.get(y, 0.0)
        cum_al += used
        cum_fee += fees[y]
        rows.append(
            YearFunds(y, tranches.get(y, 0.0), used, cum_av, cum_al, fees[y], cum_fee, parks[y])
        )
    return rows


@dataclass(frozen=True)
class ContributionRow:
    region_code: str
    region_name: str
    amount: float  # 亿元
    ratio: float  # % of all contributions


@dataclass(frozen=True)
class ContributionSummary:
    rows: list[ContributionRow]
    total: float  # 亿元
    fund_size: float  # 亿元

    @property
    def difference(self) -> float:
        return self.total - self.fund_size

    @property
    def balanced(self) -> bool:
        from workbench.core.validation import TOLERANCE

        return abs(self.difference) <= TOLERANCE


def contributions(project: Project) -> ContributionSummary:
    names = {r.code: r.name for r in project.regions}
    fund = project.fund
    total = sum(c.amount for c in fund.contributions)
    rows = [
        ContributionRow(
            c.region_code,
            names.get(c.region_code, c.region_code),
            c.amount,
            100.0 * c.amount / total if total else 0.0,
        )
        for c in fund.contributions
    ]
    return ContributionSummary(rows, total, fund.size)


@dataclass(frozen=True)
class StatusNumbers:
    """What the status bar shows."""

    fund_size: float  # 亿元
    allocated: float  # 亿元, whole plan period, current scenario (基金+园区 parks included)
    errors: int
    warnings: int
    fees: float = 0.0  # 亿元 management fees over the plan period
    infos: int = 0

    @property
    def remaining(self) -> float:
        """Still to invest: the size less the fees less what is allocated."""
        return self.fund_size - self.fees - self.allocated


def status_numbers(
    project: Project, scenario: Scenario | None, problems: list[Problem]
) -> StatusNumbers:
    allocated = sum(a.amount for a in scenario.allocations) if scenario is not None else 0.0
    allocated += sum(fund_park_draws(project, scenario).values())
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    infos = sum(1 for p in problems if p.severity is Severity.INFO)
    fees = management_fee(project.fund) * len(PLAN_YEARS)
    return StatusNumbers(
        project.fund.size, allocated, errors, len(problems) - errors - infos, fees, infos
    )


# ---------------------------------------------------------------------------- allocation grid
Cell = tuple[str, str, int]  # (candidate id, instrument value, year)


@dataclass
class AllocationGrid:
    """Allocations of one scenario as rows (candidate, instrument) × plan-year columns, in 亿元.

    Every candidate gets one row per instrument so any cell can be filled in place; ``values`` is a
    dense array the table reads directly (no per-cell lookups).
    """

    rows: list[tuple[str, str]]  # (candidate id, instrument value)
    years: tuple[int, ...]
    values: np.ndarray  # shape (len(rows), len(years))
    row_of: dict[tuple[str, str], int]

    def row_total(self, row: int) -> float:
        return float(self.values[row].sum())


def allocation_grid(project: Project, scenario: Scenario | None) -> AllocationGrid:
    rows = [(c.id, inst.value) for c in project.candidates for inst in INSTRUMENTS]
    row_of = {key: i for i, key in enumerate(rows)}
    col_of = {y: j for j, y in enumerate(PLAN_YEARS)}
    values = np.zeros((len(rows), len(PLAN_YEARS)))
    for (cid, year, inst), amount in allocation_sums(scenario).amounts.items():
        i = row_of.get((cid, inst))
        j = col_of.get(year)
        if i is not None and j is not None:
            values[i, j] = amount
    return AllocationGrid(rows, PLAN_YEARS, values, row_of)


def breaches_by_cell(
    project: Project, scenario: Scenario, problems: list[Problem]
) -> dict[Cell, list[Problem]]:
    """Map allocation problems of ``scenario`` to the filled cells that cause them.

    A problem about one allocation marks that cell; a per-candidate cap marks the candidate's
    cells; type and city caps mark the cells of the candidates counted in them; a tranche breach
    marks the cells of that year. Scenario-wide problems (over the whole fund) mark no cell: the
    problems list shows them.
    """
    filled: list[Cell] = [
        (a.candidate_id, a.instrument.value, a.year) for a in scenario.allocations if a.amount
    ]
    cands = {c.id: c for c in project.candidates}
    units = project.planning_units()
    out: dict[Cell, list[Problem]] = defaultdict(list)
    for p in problems:
        cell = AllocationCell.of(p.path)
        if cell is not None:
            if cell.scenario == scenario.name:
                out[(cell.candidate_id, cell.instrument, cell.year)].append(p)
            continue
        total = AllocationTotal.of(p.path)
        if total is None or total.scenario != scenario.name:
            continue
        if total.by == "type":
            hit = [c for c in filled if c[0] in cands and cands[c[0]].unit_type.value == total.key]
        elif total.by == "city":
            hit = [
                c
                for c in filled
                if c[0] in cands
                and units.get(cands[c[0]].region_code, cands[c[0]].region_code) == total.key
            ]
        elif total.by == "year":
            hit = [c for c in filled if c[2] == total.key]
        elif total.by == "candidate":
            hit = [c for c in filled if c[0] == total.key]
        else:
            hit = []
        for c in hit:
            out[c].append(p)
    return dict(out)
