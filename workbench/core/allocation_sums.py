"""The amount of an allocation cell: (candidate, year, instrument) → 亿元, summed one way.

A scenario may hold several allocations for one cell (a hand-edited file, an import); the table,
the engine, the workbook and the status all show their sum. Amounts that are not a finite number
(text or NaN in a hand-edited file) count as nothing here; validation reports them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from workbench.core.model import Scenario

CellKey = tuple[str, int, str]  # (candidate id, year, instrument value)


def countable(amount: object) -> bool:
    """An amount that adds to its cell: a finite number (bools are not amounts)."""
    return (
        isinstance(amount, (int, float)) and not isinstance(amount, bool) and math.isfinite(amount)
    )


@dataclass
class AllocationSums:
    """Every filled cell's sum, in the order cells first appear in the scenario."""

    amounts: dict[CellKey, float] = field(default_factory=dict)
    counted: dict[CellKey, int] = field(default_factory=dict)  # countable allocations per cell
    uncountable: int = 0  # allocations whose amount is not a finite number

    def amount(self, key: CellKey) -> float:
        return self.amounts.get(key, 0.0)


def allocation_sums(scenario: Scenario | None) -> AllocationSums:
    """Sum the scenario's allocations per cell (instruments keyed by their value)."""
    out = AllocationSums()
    if scenario is None:
        return out
    amounts, counted = out.amounts, out.counted
    for a in scenario.allocations:
        key = (a.candidate_id, a.year, a.instrument)  # a StrEnum: hashes and compares as its value
        x = a.amount
        if countable(x):
            amounts[key] = amounts.get(key, 0.0) + x
            counted[key] = counted.get(key, 0) + 1
        else:
            out.uncountable += 1
            amounts.setdefault(key, 0.0)  # both dicts keep the same keys in the same order
            counted.setdefault(key, 0)
    return out


def cell_amount(scenario: Scenario | None, key: CellKey) -> float:
    """One cell's sum (after an edit of that cell), by the same rule as ``allocation_sums``."""
    if scenario is None:
        return 0.0
    cid, year, inst = key
    return sum(
        (
            a.amount
            for a in scenario.allocations
            if a.candidate_id == cid
            and a.year == year
            and a.instrument == inst
            and countable(a.amount)
        ),
        0.0,
    )
