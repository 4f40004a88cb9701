"""The amount of an allocation cell: (candidate, year, instrument) → 亿元, summed one way.

A scenario may hold several allocations for one cell (a hand-edited file, an import); the table,
the engine, the workbook and the status all show their sum. Amounts that are not a finite number
(text or NaN in a hand-edited file) count as nothing here; validation reports them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

from workbench.core.model import Scenario

CellKey = tuple[str, int, str]  # (candidate id, year, instrument value)


def countable(amount: object) -> bool:
    """An amount that adds to its cell: a finite number (bools are not amounts)."""
    return (
        isinstance(amount, (int, float)) and not isinstance(amount, bool) and math.isfinite(amount)
    )


@dataclass
class AllocationSums:
    """Every filled cell once, in the order cells first appear in the scenario: ``keys[i]`` sums
    to ``values[i]`` from ``counted[i]`` countable allocations (None: one each)."""

    keys: list[CellKey]
    values: list[float]
    counted: list[int] | None = None
    uncountable: int = 0  # allocations whose amount is not a finite number

    @cached_property
    def amounts(self) -> dict[CellKey, float]:
        return dict(zip(self.keys, self.values, strict=True))

    def amount(self, key: CellKey) -> float:
        return self.amounts.get(key, 0.0)


def allocation_sums(scenario: Scenario | None) -> AllocationSums:
    """Sum the scenario's allocations per cell (instruments keyed as Instrument, a StrEnum that
    hashes and compares as its value)."""
    if scenario is None:
        return AllocationSums([], [])
    allocs = scenario.allocations
    keys = [(a.candidate_id, a.year, a.instrument) for a in allocs]
    xs = [a.amount for a in allocs]
    # The engine's full recompute runs this for thousands of allocations: the usual case (one
    # allocation per cell, every amount a finite float) needs no per-cell bookkeeping.
    floats = all(type(x) is float for x in xs) and all(map(math.isfinite, xs))
    if floats and len(set(keys)) == len(keys):
        return AllocationSums(keys, xs)
    amounts: dict[CellKey, float] = {}
    counted: dict[CellKey, int] = {}
    uncountable = 0
    for key, x in zip(keys, xs, strict=True):
        if countable(x):
            amounts[key] = amounts.get(key, 0.0) + x
            counted[key] = counted.get(key, 0) + 1
        else:
            uncountable += 1
            amounts.setdefault(key, 0.0)  # both dicts keep the same keys in the same order
            counted.setdefault(key, 0)
    return AllocationSums(
        list(amounts), list(amounts.values()), list(counted.values()), uncountable
    )


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
