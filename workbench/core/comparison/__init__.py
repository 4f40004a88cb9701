"""方案对比: what one scenario changes against another, and why.

``compare(project, scenarios)`` — the tidy table, one row per scenario pair × region × year ×
metric × basis × component (summable bases: location, statistical, fiscal, fiscal_province;
components as the projection table plus ``gross`` = total − additionality)::

    scenario_a, scenario_b, region_code, region, year, metric, basis, component, value_a,
    value_b, difference, due_to_allocations, due_to_assumptions, unit, summable

Pairs: every later scenario against the first. The difference is split between what each
scenario *funds* (its allocations and its 基金+园区 / park list) and its *assumption overrides*
by switching one set at a time and averaging both orders (a two-player Shapley split)::

    due_to_allocations = ½[(f(b, A) − f(a, A)) + (f(b, B) − f(a, B))]
    due_to_assumptions = difference − due_to_allocations   (so the parts add up exactly)

with f(x, Y) the projection of x's allocations under Y's overrides. ``money_by_city``,
``breaches`` and ``allocation_differences`` give the rest of the comparison view.
"""

from __future__ import annotations

from workbench.core.comparison.tables import (
    COLUMNS,
    allocation_differences,
    breaches,
    compare,
    money_by_city,
)

__all__ = ["COLUMNS", "allocation_differences", "breaches", "compare", "money_by_city"]
