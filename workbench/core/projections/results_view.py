"""The 结果表 beside the charts: one row per planning unit, one column per year (and the plan
period's sum), in the unit of the metric; P10/P50/P90 columns per year where ranges exist.

Shaped here (no Qt) so the table, its copy on the clipboard and the Word report's appendix read
the same numbers: each cell is the engine's own total for the unit and year, and the 合计 row is
the circle's total that may be stated (``views.summable_total``: activity counted once).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from workbench.core.model import PLAN_YEARS
from workbench.core.projections import vocabulary as voc
from workbench.core.projections.table import Block
from workbench.core.projections.views import summable_total, with_unit

QUANTILES = ("P10", "P50", "P90")


@dataclass
class ResultsTable:
    headers: list[str]  # the unit name column, then one per number column
    codes: list[str]  # row keys ("" for the circle row)
    names: list[str]
    values: np.ndarray  # rows × number columns; NaN: no value
    unit: str
    notes: list[str] = field(default_factory=list)


def results_table(
    block: Block,
    lang: str,
    once: Block | None = None,
    bands: np.ndarray | None = None,
) -> ResultsTable:
    """``block``'s totals by unit and year. ``bands`` (units × years × 3, the P10/P50/P90 of the
    uncertainty draws, when another part of the app has them) adds three columns per year. The
    plan-period sum and the circle row are given only for additive metrics (a share of the
    baseline never adds up)."""
    unit = block.unit
    years = list(block.years)
    additive = voc.METRIC[block.metric].additive
    total = block.total()
    plan = [i for i, y in enumerate(years) if y in PLAN_YEARS]
    heads = ["规划单元" if lang == "zh" else "Planning unit"]
    columns: list[np.ndarray] = []
    for t, y in enumerate(years):
        year = f"{y} 年" if lang == "zh" else str(y)
        if bands is None:
            heads.append(with_unit(year, unit, lang))
            columns.append(total[:, t])
        else:
            for q in range(3):
                heads.append(with_unit(f"{year} {QUANTILES[q]}", unit, lang))
                columns.append(bands[:, t, q])
    if additive and bands is None:
        span = f"{PLAN_YEARS[0]}–{PLAN_YEARS[-1]}"
        heads.append(with_unit(f"{span} 年合计" if lang == "zh" else f"{span} total", unit, lang))
        columns.append(total[:, plan].sum(axis=1))
    values = np.column_stack(columns) if columns else np.zeros((len(block.codes), 0))
    codes, names = list(block.codes), list(block.names)
    notes = []
    if additive and bands is None and codes:
        circle = summable_total(block, once)
        row = np.append(circle, circle[plan].sum())
        values = np.vstack([values, row])
        codes.append("")
        names.append("经济圈合计（可加总口径）" if lang == "zh" else "Circle total (summable)")
        if block.counted_in_full.any() and voc.BASIS[block.basis].counts_in_full:
            notes.append(
                "合计行按只计一次的口径加总，不等于各行之和（全额双核算的园区 GDP 只计一次）"
                if lang == "zh"
                else "The total counts park GDP recorded in full by both parties once: "
                "it is not the sum of the rows"
            )
    return ResultsTable(heads, codes, names, values, unit, notes)
