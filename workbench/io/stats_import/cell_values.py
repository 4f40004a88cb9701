"""Every value cell of the table classified at once: imported, or skipped with its reason.

The cells are taken row by row in one pass over the sheet's lists (one slice per row), and
classified by column arrays, not per cell: a block of plain numbers (what calamine returns for
typed cells) becomes a float array directly; text cells are parsed once per distinct string and
mapped back; the per-(signature, column) ``Decision`` and the per-row region are broadcast over
the block. Skip records are made only for the cells that are skipped, in the order a reader
would meet them (signature, column, row).
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import chain
from operator import itemgetter
from typing import Any

import numpy as np

from workbench.io.stats_import import units
from workbench.io.stats_import.decisions import Decision
from workbench.io.stats_import.report import SkippedValue
from workbench.io.stats_import.values import REASONS, parse_value

NUMBER = 0
BLANK = 1  # "" or None: not counted as a figure in the column (an unpublished latest year)
REASON_NAMES = ["", "empty", *REASONS]  # code → reason key; BLANK is reported as "empty"
CODE = {name: k for k, name in enumerate(REASON_NAMES) if k >= 2}


@dataclass
class Extracted:
    """The imported cells as parallel arrays in sheet order (row, then column), and the rest."""

    r: np.ndarray  # sheet row
    c: np.ndarray  # sheet column
    v: np.ndarray  # value as printed (before the unit factor)
    d: np.ndarray  # index into the decisions
    g: np.ndarray  # index into the region matches
    skipped: list[SkippedValue] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    seen_cols: set[int] = field(default_factory=set)  # value columns with any non-blank cell
    region_values: Counter[int] = field(default_factory=Counter)  # unmatched region → values
    # (rows, columns) when every cell of the data rows × value columns block was imported, in
    # row-major order: the tidy frame is then built by repeating and tiling, not gathering
    block: tuple[int, int] | None = None
    # imported figures printed in a form the report names (magnitude words, accounting
    # brackets): form -> (cells, the first one's sheet row and column, its printed text)
    printed_forms: dict[str, tuple[int, int, int, str]] = field(default_factory=dict)


def _status_of(v: Any) -> tuple[int, float, bool, float]:
    if v == "" or v is None:
        return BLANK, 0.0, False, 1.0
    p = parse_value(v)
    if p.value is None:
        return CODE[p.reason], 0.0, False, 1.0
    return NUMBER, p.value, p.percent, p.magnitude


def cell_status(
    flat: list[Any],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None, np.ndarray | None]:
    """(status code, value, is-percent, magnitude, accounting negative) for each cell; text
    parsed once per distinct string. The magnitude (1e4 for ``3,626.9万``) is None when no cell
    prints one, the accounting flags (``(1,234.5)``) when no cell is such a negative."""
    n = len(flat)
    types = set(map(type, flat))
    if types <= {float}:
        vals = np.array(flat, dtype=np.float64)
        st = np.zeros(n, np.int16)
        st[~np.isfinite(vals)] = CODE["not_finite"]
        return st, vals, np.zeros(n, bool), None, None
    mag: np.ndarray | None = None
    acct: np.ndarray | None = None
    st = np.zeros(n, np.int16)
    vals = np.zeros(n, np.float64)
    pct = np.zeros(n, bool)
    obj = np.empty(n, dtype=object)
    obj[:] = flat
    type_ids = {t: k for k, t in enumerate(types)}
    tc = np.fromiter(map(type_ids.__getitem__, map(type, flat)), np.int16, n)
    for t, k in type_ids.items():
        idx = np.flatnonzero(tc == k)
        if t is float or t is int:
            got = obj[idx].astype(np.float64)
            vals[idx] = got
            st[idx[~np.isfinite(got)]] = CODE["not_finite"]
        elif t is str:
            texts = obj[idx].tolist()
            distinct = dict.fromkeys(texts)
            parsed = [_status_of(s) for s in distinct]
            pos = {s: i for i, s in enumerate(distinct)}
            at = np.fromiter(map(pos.__getitem__, texts), np.int64, len(texts))
            st[idx] = np.array([p[0] for p in parsed], np.int16)[at]
            vals[idx] = np.array([p[1] for p in parsed], np.float64)[at]
            pct[idx] = np.array([p[2] for p in parsed], bool)[at]
            if any(p[3] != 1.0 for p in parsed):
                if mag is None:
                    mag = np.ones(n, np.float64)
                mag[idx] = np.array([p[3] for p in parsed], np.float64)[at]
            brackets = [
                p[0] == NUMBER and p[1] < 0 and t.lstrip()[:1] in ("(", "（")
                for t, p in zip(distinct, parsed, strict=True)
            ]
            if any(brackets):
                acct = np.zeros(n, bool)
                acct[idx] = np.array(brackets, bool)[at]
        else:  # None, bool, dates: rare, one by one
            for i in idx.tolist():
                st[i], vals[i], pct[i], _m = _status_of(flat[i])
    return st, vals, pct, mag, acct


def _flat_cells(rows: list[list[Any]], data: Sequence[int], vcols: list[int]) -> list[Any]:
    """The value cells row-major (``""`` beyond a short row's end)."""
    rws = [rows[r] for r in data]
    need = vcols[-1] + 1
    if any(len(x) < need for x in rws):
        rws = [x if len(x) >= need else [*x, *([""] * (need - len(x)))] for x in rws]
    a, w = vcols[0], len(vcols)
    if vcols[-1] - a + 1 == w:
        return list(chain.from_iterable([x[a : a + w] for x in rws]))
    if w == 1:
        return [x[a] for x in rws]
    return list(chain.from_iterable(map(itemgetter(*vcols), rws)))


def _number_block(
    rows: list[list[Any]], data: Sequence[int], vcols: list[int]
) -> np.ndarray | None:
    """The value cells as floats, row-major, when every one is a Python float or int (what
    calamine returns for a typed block); None otherwise. ``array("d")`` converts and checks the
    types in one pass and stops at the first text cell; booleans (which it would take as 0 and
    1) are looked for only among the cells equal to 0 or 1."""
    a, w = vcols[0], len(vcols)
    if vcols[-1] - a + 1 != w:
        return None
    block = array("d")
    put = block.fromlist
    try:
        for r in data:
            put(rows[r][a : a + w])
    except (TypeError, OverflowError):
        return None
    if len(block) != len(data) * w:  # a short row
        return None
    vals = np.frombuffer(block, np.float64)
    for i in np.flatnonzero((vals == 0) | (vals == 1)).tolist():
        if type(rows[data[i // w]][a + i % w]) is bool:
            return None
    return vals


def _block_fits(
    row_sig: np.ndarray,
    dec_table: np.ndarray,
    decisions: list[Decision],
    row_g: np.ndarray,
    col_g: np.ndarray,
    region_ok: np.ndarray,
) -> bool:
    """Whether no decision the rows use skips its column and every cell has a usable region
    (its row's, or else its column's), decided on the row and column arrays, not per cell."""
    skips = np.array([bool(x.skip) for x in decisions], bool)
    if skips[dec_table[np.unique(row_sig)]].any():
        return False
    row_has = row_g >= 0
    if not region_ok[row_g[row_has]].all():
        return False
    if row_has.all():
        return True
    return bool((col_g >= 0).all() and region_ok[col_g].all())


def extract(
    rows: list[list[Any]],
    data: Sequence[int],
    vcols: list[int],
    row_sig: np.ndarray,
    dec_table: np.ndarray,
    decisions: list[Decision],
    row_g: np.ndarray,
    col_g: np.ndarray,
    region_ok: np.ndarray,
    record: Callable[[int, int, Any, str], SkippedValue],
    percent_cells: set[tuple[int, int]] | None = None,
) -> Extracted:
    """Classify the value cells of ``data`` rows × ``vcols`` columns (both ascending).

    ``row_sig``: each row's signature index (in first-appearance order); ``dec_table[s, k]``:
    the decision index for signature s and value column k; ``row_g``/``col_g``: the region
    match index of each row / column (−1: none; a row's own region wins); ``region_ok``: which
    matches are usable; ``record(row, col, raw, reason)`` makes a skip record;
    ``percent_cells``: (row, column) of numbers shown as percentages, stored ×100 as percents.
    """
    R, W = len(data), len(vcols)
    empty = np.zeros(0, np.int64)
    if R == 0 or W == 0:
        return Extracted(empty, empty, np.zeros(0), empty, empty)
    n = R * W
    flat: list[Any] | None = None
    vals = _number_block(rows, data, vcols)
    mag = acct = None
    if vals is not None:
        st = np.zeros(n, np.int16)
        st[~np.isfinite(vals)] = CODE["not_finite"]
        pct = np.zeros(n, bool)
    else:
        flat = _flat_cells(rows, data, vcols)
        st, vals, pct, mag, acct = cell_status(flat)
    if percent_cells:
        vals, pct = _as_percent(data, vcols, vals, pct, percent_cells)
    d = dec_table[row_sig].ravel()
    if mag is not None:
        vals = _scaled(st, vals, mag, d, decisions)
    if (
        not st.any()
        and not pct.any()
        and _block_fits(row_sig, dec_table, decisions, row_g, col_g, region_ok)
    ):
        ex = _whole_block(data, vcols, vals, d, row_g, col_g)
        _printed_forms(ex, st == NUMBER, mag, acct, flat, data, vcols)
        return ex
    dskip = np.array([CODE[x.skip] if x.skip else 0 for x in decisions], np.int16)[d]
    dpok = np.array([x.percent_ok for x in decisions], bool)[d]
    rg = np.repeat(row_g, W)
    gi = np.where(rg >= 0, rg, np.tile(col_g, R))
    has = gi >= 0
    okc = np.zeros(n, bool)
    okc[has] = region_ok[gi[has]]

    rowpos = np.repeat(np.arange(R), W)
    colpos = np.tile(np.arange(W), R)
    why = st.copy()  # 0: imported; otherwise the reason code
    number = st == NUMBER
    by_dec = number & (dskip != 0)
    why[by_dec] = dskip[by_dec]
    fine = number & (dskip == 0)
    pm = fine & pct & ~dpok
    why[pm] = CODE["percent_mismatch"]
    fine &= ~pm
    no_region = fine & ~okc
    why[no_region] = CODE["no_region"]
    why[no_region & ~has] = CODE["no_table_region"]  # no region in its row, column or table
    out = fine & okc

    # the order the cells are met in: signature, then column, then row
    order_key = (np.repeat(row_sig.astype(np.int64), W) * W + colpos) * R + rowpos
    ex = Extracted(empty, empty, np.zeros(0), empty, empty)
    lost = why != 0
    if lost.any():
        if flat is None:
            flat = _flat_cells(rows, data, vcols)
        cells = (list(data), vcols, rowpos, colpos)
        _report_lost(ex, why, order_key, no_region & has, gi, cells, flat, record)
    seen = (st != BLANK).reshape(R, W).any(axis=0)
    ex.seen_cols = {vcols[k] for k in np.flatnonzero(seen).tolist()}
    _printed_forms(ex, out, mag, acct, flat, data, vcols)
    oi = np.flatnonzero(out)
    ex.r = np.asarray(data, dtype=np.int64)[rowpos[oi]]
    ex.c = np.asarray(vcols, dtype=np.int64)[colpos[oi]]
    ex.v, ex.d, ex.g = vals[oi], d[oi], gi[oi]
    return ex


def _scaled(
    st: np.ndarray, vals: np.ndarray, mag: np.ndarray, d: np.ndarray, decisions: list[Decision]
) -> np.ndarray:
    """Figures printed with a magnitude word (``3,626.9万`` in a column of 亿元 → 0.36269) put in
    their column's printed unit; where that unit has no such scale (%, none) the cell is
    skipped as ``magnitude_unit`` (a skip by the decision itself wins: it is reported as that).
    Only reached when some cell prints a magnitude."""
    per_dec = np.array(
        [0.0 if x.skip else units.magnitude_of(x.original_unit) for x in decisions], np.float64
    )[d]
    has = (mag != 1.0) & (st == NUMBER)
    bad = has & (per_dec == 0.0)
    bad &= np.array([not x.skip for x in decisions], bool)[d]
    st[bad] = CODE["magnitude_unit"]
    ok = has & (per_dec > 0.0)
    vals = vals.copy()
    vals[ok] = vals[ok] * (mag[ok] / per_dec[ok])
    return vals


def _as_percent(
    data: Sequence[int],
    vcols: list[int],
    vals: np.ndarray,
    pct: np.ndarray,
    cells: set[tuple[int, int]],
) -> tuple[np.ndarray, np.ndarray]:
    """The value the cell shows (×100) and its percent flag, for the cells so formatted."""
    row_at = {r: i for i, r in enumerate(data)}
    col_at = {c: k for k, c in enumerate(vcols)}
    W = len(vcols)
    idx = [row_at[r] * W + col_at[c] for r, c in cells if r in row_at and c in col_at]
    if not idx:
        return vals, pct
    vals, pct = vals.copy(), pct.copy()
    at = np.array(idx, np.int64)
    # shifted in decimal, as Excel shows it: 0.028 → 2.8, not 2.8000000000000003
    vals[at] = [float(Decimal(repr(x)).scaleb(2)) for x in vals[at].tolist()]
    pct[at] = True
    return vals, pct


def _whole_block(
    data: Sequence[int],
    vcols: list[int],
    vals: np.ndarray,
    d: np.ndarray,
    row_g: np.ndarray,
    col_g: np.ndarray,
) -> Extracted:
    """Every cell a number that fits its column and region: the usual yearbook block, kept whole."""
    R, W = len(data), len(vcols)
    rg = np.repeat(row_g, W)
    gi = rg if (row_g >= 0).all() else np.where(rg >= 0, rg, np.tile(col_g, R))
    ex = Extracted(
        np.repeat(np.asarray(data, dtype=np.int64), W),
        np.tile(np.asarray(vcols, dtype=np.int64), R),
        vals,
        d,
        gi,
        block=(R, W),
    )
    ex.seen_cols = set(vcols)
    return ex


def _report_lost(
    ex: Extracted,
    why: np.ndarray,
    order_key: np.ndarray,
    unmatched: np.ndarray,
    gi: np.ndarray,
    cells: tuple[list[int], list[int], np.ndarray, np.ndarray],
    flat: list[Any],
    record: Callable[[int, int, Any, str], SkippedValue],
) -> None:
    """Counts per reason (in the order the cells are met), a record for each skip worth showing,
    and per region the values lost because it did not match (``unmatched``). ``cells``: the data
    rows, the value columns, and each flat cell's row and column position."""
    data_l, vcols, rowpos, colpos = cells
    lost = why != 0
    codes = []
    for code in np.unique(why[lost]).tolist():
        sel = why == code
        codes.append((int(order_key[sel].min()), code, int(sel.sum())))
    for _, code, count in sorted(codes):
        ex.counts[REASON_NAMES[code]] += count
    rec = (why >= 2) & (why != CODE["empty"]) & (why != CODE["other_year"])
    rec &= ~unmatched
    idx = np.flatnonzero(rec)
    idx = idx[np.argsort(order_key[idx], kind="stable")]
    for i in idx.tolist():
        ex.skipped.append(
            record(data_l[rowpos[i]], vcols[colpos[i]], flat[i], REASON_NAMES[why[i]])
        )
    lost_g = gi[unmatched]
    if len(lost_g):
        per = np.bincount(lost_g)
        ex.region_values.update({k: int(per[k]) for k in np.flatnonzero(per).tolist()})


def _printed_forms(
    ex: Extracted,
    imported: np.ndarray,
    mag: np.ndarray | None,
    acct: np.ndarray | None,
    flat: list[Any] | None,
    data: Sequence[int],
    vcols: list[int],
) -> None:
    """Count the imported figures read from a form the planner should see named in the report:
    a magnitude word converted to the column's unit (``3,626.9万`` in 亿元), an accounting
    bracket read as a negative (``(1,234.5)``); with the first such cell as the example."""
    if flat is None:
        return
    for form, mask in (("magnitude", None if mag is None else mag != 1.0), ("accounting", acct)):
        if mask is None:
            continue
        hit = np.flatnonzero(mask & imported)
        if len(hit):
            i = int(hit[0])
            row, col = data[i // len(vcols)], vcols[i % len(vcols)]
            ex.printed_forms[form] = (len(hit), row, col, str(flat[i]).strip())
