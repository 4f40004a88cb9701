"""One sum of an allocation cell, read by the table, the grid, the engine and the workbook."""

from __future__ import annotations

import math

from workbench.core.allocation_sums import allocation_sums, cell_amount
from workbench.core.enums import Instrument
from workbench.core.fund_summary import allocation_grid
from workbench.core.model import Allocation, Scenario
from workbench.core.projections.direct import allocation_arrays
from workbench.core.projections.engine import ProjectionEngine


def _scenario(project) -> Scenario:
    cid = project.candidates[0].id
    return Scenario(
        "测试",
        allocations=[
            Allocation(cid, 2027, 1.5, Instrument.EQUITY),
            Allocation(cid, 2027, 2.0, Instrument.EQUITY),  # the same cell again: summed
            Allocation(cid, 2027, math.nan, Instrument.EQUITY),  # not a number: counts nothing
            Allocation(cid, 2028, 0.5, Instrument.TALENT),
            Allocation("没有这个候选", 2027, 9.0, Instrument.EQUITY),
        ],
    )


def test_cells_are_summed_once_by_one_rule(sample_project):
    sc = _scenario(sample_project)
    cid = sample_project.candidates[0].id
    sums = allocation_sums(sc)
    assert sums.amount((cid, 2027, "equity")) == 3.5
    assert sums.amount((cid, 2028, Instrument.TALENT)) == 0.5
    assert sums.uncountable == 1
    for key in sums.amounts:
        assert cell_amount(sc, key) == sums.amount(key)
    assert cell_amount(None, (cid, 2027, "equity")) == 0.0

    grid = allocation_grid(sample_project, sc)
    assert grid.values[grid.row_of[(cid, "equity")], 1] == 3.5

    engine = ProjectionEngine(sample_project)
    arr = allocation_arrays(engine.structure, sc)
    assert sorted(arr.amount.tolist()) == [0.5, 3.5]
    assert arr.ignored == 2  # the NaN and the unknown candidate, one each
