"""What each data row says about its figures, and one decision per (row, column) kind.

A row's signature is its indicator path, year and unit from the key columns (an indicator printed
once over its sub-rows carries down; a bare 增速 row is the growth of the row above). Tables of
thousands of rows have a handful of signatures, so the indicator, year and unit of every value
are decided once per (signature, value column) and the cells point at those decisions.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from workbench.io.stats_import import indicators
from workbench.io.stats_import.decisions import Decision, decide, rename, units_apart
from workbench.io.stats_import.report import ImportReport
from workbench.io.stats_import.result import ImportOverrides
from workbench.io.stats_import.table_context import TableContext
from workbench.io.stats_import.table_model import Column
from workbench.io.stats_import.values import cell_text, row_year_of

Signature = tuple[tuple[str, ...], int | None, str]  # indicator path, year, unit of a row


def signatures(
    rows: list[list[Any]],
    data: list[int],
    ind_cols: list[int],
    year_cols: list[int],
    unit_cols: list[int],
    rep: ImportReport | None = None,
) -> tuple[list[Signature], np.ndarray]:
    """Each row's (indicator path, year, unit) from the key columns; an indicator printed once
    over its sub-rows carries down, and a bare growth row (增速) under an indicator's row is that
    indicator's growth. Signatures are numbered in first-appearance order."""
    if not (ind_cols or year_cols or unit_cols):
        return [((), None, "")], np.zeros(len(data), np.int64)

    def at(row: list[Any], c: int) -> Any:
        return row[c] if c < len(row) else ""

    index: dict[Signature, int] = {}
    row_sig = np.empty(len(data), np.int64)
    prev: Signature | None = None  # the last row naming an indicator (not a growth)
    grown: set[str] = set()
    last_ind: list[str] = [""] * len(ind_cols)
    for i, r in enumerate(data):
        row = rows[r]
        path = []
        for k, c in enumerate(ind_cols):
            t = cell_text(at(row, c)).strip()
            if t:
                last_ind[k] = t
                last_ind[k + 1 :] = [""] * (len(ind_cols) - k - 1)
            path.append(last_ind[k] if k < len(ind_cols) - 1 else t)
        yr = None
        for c in year_cols:
            yr = row_year_of(at(row, c))
        unit = ""
        for c in unit_cols:
            unit = cell_text(at(row, c)).strip()
        sig = (tuple(p for p in path if p), yr, unit)
        if len(sig[0]) == 1 and indicators.is_growth(sig[0][0]) and prev and prev[0]:
            base = prev[0][-1]
            sig = ((*prev[0][:-1], base, sig[0][0]), yr, unit)
            if rep is not None and base not in grown:
                grown.add(base)
                rep.inferred.append(
                    (
                        f"第 {r + 1} 行“{path[-1]}”视为上一行“{base}”的增速",
                        f"row {r + 1} '{path[-1]}' read as the growth of '{base}' above it",
                    )
                )
        elif sig[0] and not indicators.is_growth(sig[0][-1]):
            prev = sig
        row_sig[i] = index.setdefault(sig, len(index))
    return list(index), row_sig


def decide_all(
    ctx: TableContext,
    ov: ImportOverrides,
    sigs: list[Signature],
    values: list[Column],
    rep: ImportReport | None = None,
) -> tuple[list[Decision], np.ndarray, dict[int, Decision], dict[int, set[tuple[str, str]]]]:
    """One decision per (row signature, value column), shared ones stored once: the distinct
    decisions, the (signature × column) index into them, and per column the decision shown in
    the report and every (indicator, unit) read there. An unknown indicator read in several
    units here is then split by unit (``units_apart``)."""
    decisions: list[Decision] = []
    dec_index: dict[Decision, int] = {}
    dec_table = np.zeros((len(sigs), len(values)), np.int64)
    col_read: dict[int, Decision] = {}
    col_all: dict[int, set[tuple[str, str]]] = {}
    unit_of: dict[str, str] = {}  # each indicator's first unit
    several: set[str] = set()  # indicators read in more than one unit
    for s, (row_path, row_year, row_unit) in enumerate(sigs):
        for k, col in enumerate(values):
            dec = decide(ctx, ov.year, row_path, row_year, row_unit, col)
            j = col.col
            if j not in col_read or (col_read[j].skip and not dec.skip):
                col_read[j] = dec
            if not dec.skip:
                col_all.setdefault(j, set()).add((dec.indicator, dec.unit))
            dec_table[s, k] = dec_index.setdefault(dec, len(decisions))
            if dec_table[s, k] == len(decisions):
                decisions.append(dec)
                if (
                    dec.unit
                    and not dec.skip
                    and unit_of.setdefault(dec.indicator, dec.unit) != dec.unit
                ):
                    several.add(dec.indicator)
    apart: dict[tuple[str, str], str] = {}
    if several:  # rare: looked at only then, not on every decision of a long export
        read = [(d.indicator, d.unit) for d in decisions if d.indicator in several and not d.skip]
        apart = units_apart(read)
    if apart:  # renamed decisions stay distinct (their units differ): the index holds
        decisions = [rename(d, apart) for d in decisions]
        col_read = {j: rename(d, apart) for j, d in col_read.items()}
        col_all = {j: {(apart.get(p, p[0]), p[1]) for p in seen} for j, seen in col_all.items()}
        if rep is not None:
            _units_apart_note(apart, rep)
    return decisions, dec_table, col_read, col_all


def _units_apart_note(apart: dict[tuple[str, str], str], rep: ImportReport) -> None:
    names = "；".join(
        f"{k} → {'、'.join(v for (k2, _u), v in apart.items() if k2 == k)}"
        for k in dict.fromkeys(k for k, _u in apart)
    )
    rep.inferred.append(
        (
            f"同一指标名称在本表中有多种单位，按单位分为不同指标：{names}",
            f"one indicator name appears in several units in this table; kept apart by unit: "
            f"{names}",
        )
    )


def row_units_note(sigs: list[Signature], rep: ImportReport) -> None:
    """Indicator names that print their own unit (地区生产总值(亿元), 地方一般公共预算收入(万元)):
    each row's values are read in that unit; the report says so once, with examples."""
    seen: dict[str, str] = {}
    for path, _year, unit in sigs:
        if unit or not path:
            continue
        u = indicators.inline_unit(path[-1])
        if u and path[-1] not in seen:
            seen[path[-1]] = u
    if len({*seen.values()}) < 2:
        return  # one unit for all rows reads like a table-wide unit: nothing to point out
    eg = "；".join(f"{k} → {v}" for k, v in list(seen.items())[:3])
    rep.inferred.append(
        (
            f"{len(seen)} 个指标名称自带单位，各行数值按本行单位换算（如 {eg}）",
            f"{len(seen)} indicator names carry their own unit; each row is read in its unit "
            f"(e.g. {eg})",
        )
    )
