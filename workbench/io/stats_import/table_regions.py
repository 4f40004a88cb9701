"""Each data row's region, each region column's, and the table's own, as one list of matches.

A table names its places in a label column (or several: 市 | 县, each left one a parent of the
ones to its right), by a division code beside them, across the top (regions as columns, perhaps
under a region merged over them), or once for the whole table (its title, sheet or file name).
The values then point into this list by index (``cell_values.extract``), so a 100,000-cell
table resolves each distinct label once, not each cell.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from workbench.io.stats_import.axes import Axis
from workbench.io.stats_import.regions import AGGREGATE, RegionMatch, RegionMatcher
from workbench.io.stats_import.table_context import TableContext
from workbench.io.stats_import.table_model import Layout
from workbench.io.stats_import.values import cell_text

_NON_DIGITS = re.compile(r"\D")


def match_regions(
    matcher: RegionMatcher,
    ctx: TableContext,
    rows: list[list[Any]],
    lay: Layout,
    region_cols: list[int],
    code_cols: list[int],
    indent: dict[tuple[int, int], int] | None = None,
) -> tuple[list[RegionMatch], int, np.ndarray, dict[int, int], int, list[int]]:
    """Regions: one per data row, one per region column, the table's own; with each data row's
    match index (or -1), each region column's, the table's (or -1), and the column of each
    row's label when there are several region columns (else [])."""
    values, data = lay.value_columns, lay.data_rows
    matches: list[RegionMatch] = []
    label_cols: list[int] = []
    if region_cols or code_cols:
        matches, label_cols = row_regions(matcher, rows, data, region_cols, code_cols, indent)
    n_row_matches = len(matches)
    row_g = np.arange(len(data)) if n_row_matches else np.full(len(data), -1)
    col_region: dict[int, int] = {}
    if lay.col_axis is Axis.REGION:
        # a column naming no region (a database series 'GDP:累计值' beside '地区生产总值:成都')
        # takes the table's, as a column of a table without region columns would
        named = [c for c in values if c.region_label]
        heads = [c.region_parents for c in named]  # 成都市 merged over its districts
        cms = matcher.match_all(
            [c.region_label for c in named], hierarchy=False, parents=heads if any(heads) else None
        )
        for c, m in zip(named, cms, strict=True):
            col_region[c.col] = len(matches)
            matches.append(m)
    ctx_idx = -1
    if ctx.region is not None:
        ctx_idx = len(matches)
        matches.append(ctx.region)
    return matches, n_row_matches, row_g, col_region, ctx_idx, label_cols


def row_regions(
    matcher: RegionMatcher,
    rows: list[list[Any]],
    data: list[int],
    region_cols: list[int],
    code_cols: list[int],
    indent: dict[tuple[int, int], int] | None = None,
) -> tuple[list[RegionMatch], list[int]]:
    """One match per data row: the rightmost non-empty region label, or a division code; and
    with several region columns, the column each row's label was taken from.
    ``indent``: Excel's indent level of cells (a county indented under its city by format).

    With several region columns (市 | 县（市、区）, 省份 | 城市 | 区县), the labels left of a row's
    label are its parents: a left cell left blank repeats the last label printed above it in
    that column (a city printed once over its counties, or merged over them, of which calamine
    gives the top cell only), until a column further left prints a new one."""
    raw: list[Any] = []
    at: list[int] = []  # the column each label was taken from
    parents: list[tuple[str, ...]] | None = None
    if len(region_cols) == 1:  # the usual table: one label column
        c = region_cols[0]
        for r in data:
            row = rows[r]
            v = row[c] if c < len(row) else ""
            raw.append(v if (v.strip() if type(v) is str else cell_text(v).strip()) else "")
        at = [c] * len(data) if indent else []
    else:
        parents = []
        width = len(region_cols)
        above = [""] * width  # per region column, the label printed last (carried down)
        blanks = [[""] * (width - k - 1) for k in range(width)]
        for r in data:
            row = rows[r]
            n = len(row)
            k_lab = -1
            for k, c in enumerate(region_cols):
                v = row[c] if c < n else ""
                t = v if type(v) is str else cell_text(v)
                if t.strip():
                    above[k] = t
                    above[k + 1 :] = blanks[k]
                    k_lab = k
            if k_lab < 0:
                raw.append("")
                at.append(region_cols[-1])
                parents.append(())
            else:
                raw.append(row[region_cols[k_lab]])
                at.append(region_cols[k_lab])
                parents.append(tuple(above[:k_lab]))  # blanks left in: skipped when read
        if not any(parents):
            parents = None
    levels = [4 * indent.get((r, c), 0) for r, c in zip(data, at, strict=True)] if indent else None
    matches = matcher.match_all(raw, indents=levels, parents=parents)
    if levels and any(levels):
        n = sum(1 for x in levels if x)
        matcher.notes.append(
            (
                f"{n} 个地区名称按单元格的缩进格式（而非空格）视为上一级地区的下级",
                f"{n} region names read as parts of the region above by their cells' indent format"
                " (not spaces)",
            )
        )
    if code_cols:
        c0 = code_cols[0]
        for k, r in enumerate(data):
            row = rows[r]
            code = _NON_DIGITS.sub("", cell_text(row[c0] if c0 < len(row) else ""))[:12]
            code = code[:6] if len(code) > 6 and code[6:].strip("0") == "" else code
            if code in matcher.g.divisions and matches[k].level != AGGREGATE:
                matches[k].label = matches[k].label or code
                matcher._fill(matches[k], code, "code")
    return matches, at if len(region_cols) > 1 else []
