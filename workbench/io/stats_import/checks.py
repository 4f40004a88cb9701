"""Do the parts add up to the subtotal printed with them?

Yearbooks print totals (``全省``, ``合计``), subtotals (``市辖区``, ``县``) and parents with their
parts indented below. A transcription slip or a misread unit shows up as parts that no longer add
up. The check allows for rounding: each printed figure may be off by half its last printed digit,
so n parts and one total may differ by (n + 1) × 0.5 × 10^-decimals.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from workbench.core.gazetteer import Gazetteer
from workbench.io.stats_import.cell_values import Extracted
from workbench.io.stats_import.decisions import Decision
from workbench.io.stats_import.regions import AGGREGATE, RegionMatch
from workbench.io.stats_import.report import CheckFailure, ImportReport
from workbench.io.stats_import.report_fill import is_functional_area
from workbench.io.stats_import.table_model import Column, col_letter
from workbench.io.stats_import.values import decimals_of, parse_value


@dataclass(frozen=True)
class Group:
    parent: int  # index into the row list
    children: tuple[int, ...]
    # (zh, en) when the parent is a whole printed over only some of its parts: parts that add
    # up pass, parts that do not are no failure (the rest are not printed) and this is said
    partial: tuple[str, str] | None = None


def groups(
    ms: list[RegionMatch],
    scope: str = "",
    gazetteer: Gazetteer | None = None,
    notes: list[tuple[str, str]] | None = None,
    line: str = "行",
) -> list[Group]:
    """Which rows are meant to sum to which, from indentation and total labels.

    A row naming the province itself (``重庆市`` over its districts) is checked only when the table
    lists all of the province's units at that level: a partial list is not expected to add up.
    ``ms`` may as well be the region columns of a regions-as-columns table (``line`` is then
    ``列``, the word the report's Chinese lines use for the total's line of figures).
    """
    out: list[Group] = []
    n = len(ms)
    labelled = [i for i in range(n) if ms[i].label]
    if not any(m.indent for m in ms) and not any(
        m.kind == "total" or m.level == "province" for m in ms
    ):
        return out  # no hierarchy and no total: nothing is meant to add up
    for pos, p in enumerate(labelled):
        mp = ms[p]
        block = []
        for k in labelled[pos + 1 :]:
            if ms[k].indent <= mp.indent:
                break
            block.append(k)
        if block:
            child_indent = min(ms[k].indent for k in block)
            children = tuple(k for k in block if ms[k].indent == child_indent and not ms[k].marked)
            if any(ms[k].level == "" and is_functional_area(ms[k].name) for k in children):
                continue  # 高新区 among the districts: no division, its figures may overlap them
            if (
                gazetteer is not None
                and mp.code
                and mp.level != AGGREGATE
                and all(ms[k].code for k in children)
                and not any(gazetteer.is_within(ms[k].code, mp.code) for k in children)
            ):
                continue  # places indented under a place they are no part of: no hierarchy
            if len(children) >= 2:
                part = (
                    _partial(mp, children, ms, gazetteer, line)
                    if all(ms[k].code for k in children)
                    else None
                )
                out.append(Group(p, children, part))
            continue
        is_total = (mp.level == AGGREGATE and mp.kind == "total") or (
            mp.level == "province" and scope and mp.code == scope
        )
        if not is_total or mp.marked:
            continue
        peers = [
            k
            for k in labelled
            if k != p
            and ms[k].indent == mp.indent
            and not ms[k].marked
            and ms[k].kind != "total"
            and not (ms[k].level == "province" and ms[k].code == scope)
        ]
        places = tuple(k for k in peers if ms[k].level not in ("", AGGREGATE))
        if gazetteer is not None and len(places) > 1:
            places = _outermost(places, ms, gazetteer)
        subtotals = tuple(k for k in peers if ms[k].level == AGGREGATE and ms[k].kind == "subtotal")
        unmatched = [k for k in peers if ms[k].level == ""]
        if unmatched:
            continue  # a part we could not identify: its role is unknown, do not guess
        if len(places) >= 2 and not subtotals:
            part = _partial(mp, places, ms, gazetteer, line)
            if part is not None:
                out.append(Group(p, places, part))
                continue
            if mp.level == "province" and gazetteer is not None:
                level = ms[places[0]].level
                expected = sum(
                    1
                    for c, d in gazetteer.divisions.items()
                    if d.level.value == level and c != scope and gazetteer.is_within(c, scope)
                )
                if len({ms[k].code for k in places}) < expected:
                    if notes is not None:
                        notes.append(
                            (
                                f"“{mp.label}”{line}未做合计校验：表中只列出 {len(places)}/{expected} 个下级地区",
                                f"'{mp.label}' not checked: the table lists only {len(places)} of "
                                f"{expected} units",
                            )
                        )
                    continue
            out.append(Group(p, places))
        elif len(subtotals) >= 2 and not places:
            out.append(Group(p, subtotals))
    return out


# A total naming a whole unit (全省, 全市合计, 全州总计): the sum of all that unit's parts, not
# of the rows printed; 合计 and 总计 alone add up the rows listed.
_WHOLE = ("全省", "全市", "全州", "全县", "全区", "全国", "全盟", "全地区")


def _partial(
    mp: RegionMatch,
    places: tuple[int, ...],
    ms: list[RegionMatch],
    g: Gazetteer | None,
    line: str = "行",
) -> tuple[str, str] | None:
    """Why ``mp`` need not add up, when it is a whole (a place such as 成都市 with districts
    indented under it, or a whole-unit total such as 全省) printed over only some of its parts
    (全省 over the five cities of a 统计公报 table, 全市 over the districts of one group): its
    figure is the whole's, so parts falling short are no transcription slip. A whole-unit
    total's unit is the smallest place holding every place listed; the parts are the places at
    the listed places' level inside the whole. None when all parts are listed."""
    if g is None:
        return None
    codes = {ms[k].code for k in places}
    if mp.code and mp.level != AGGREGATE:
        whole = mp.code
        if not all(g.is_within(c, whole) for c in codes):
            return None
    elif mp.level == AGGREGATE and mp.name.startswith(_WHOLE):
        first = g.divisions.get(ms[places[0]].code)
        whole = first.parent if first is not None else ""
        while whole and not all(g.is_within(c, whole) for c in codes):
            d = g.divisions.get(whole)
            whole = d.parent if d is not None else ""
    else:
        return None
    level = ms[places[0]].level
    if not whole:
        return None
    expected = sum(
        1
        for c, d in g.divisions.items()
        if d.level.value == level and c != whole and g.is_within(c, whole)
    )
    if len(codes) >= expected:
        return None
    name = g.full_name(whole)
    return (
        f"“{mp.label}”{line}的下级合计不等于印刷值，未作为校验失败：表中只列出{name}的 "
        f"{len(codes)}/{expected} 个下级地区",
        f"'{mp.label}': its parts do not add up to it, not counted as a failed check: the "
        f"table lists only {len(codes)} of the {expected} units of {name}",
    )


def _outermost(places: tuple[int, ...], ms: list[RegionMatch], g: Gazetteer) -> tuple[int, ...]:
    """The places listed that lie in no other place listed: a total's parts when a table lists
    cities and their counties alike (市 | 县 columns, or a flat list), where adding every row
    would count each county twice."""
    listed = {ms[k].code for k in places}
    out: list[int] = []
    for k in places:
        d = g.divisions.get(ms[k].code)
        seen = {ms[k].code}
        while d is not None and d.parent and d.parent not in seen:
            if d.parent in listed:
                break
            seen.add(d.parent)
            d = g.divisions.get(d.parent)
        else:
            out.append(k)
    return tuple(out)


def tolerance(total: float, decimals: int, parts: int, factor: float) -> float:
    d = min(max(decimals, 0), 6)
    return (parts + 1) * 0.5 * 10.0 ** (-d) * abs(factor) + 1e-9 * max(abs(total), 1.0)


def check_subtotals(
    rows: list[list[Any]],
    data: list[int],
    ms: list[RegionMatch],
    grp: list[Group],
    values: list[Column],
    col_read: dict[int, Decision],
    report: ImportReport,
) -> None:
    """Check each additive value column's groups; passes are counted, failures listed."""
    for col in values:
        dec = col_read.get(col.col)
        if dec is None or dec.skip or not dec.additive:
            continue
        j = col.col
        for gp in grp:
            vals = []
            decs = 0
            for k in (gp.parent, *gp.children):
                r = data[k]
                v = rows[r][j] if j < len(rows[r]) else ""
                pv = parse_value(v)
                if pv.value is None:
                    break
                vals.append(pv.value * dec.factor)
                decs = max(decs, decimals_of(v))
            else:
                total, parts = vals[0], vals[1:]
                s = sum(parts)
                tol = tolerance(total, decs, len(parts), dec.factor)
                if abs(s - total) <= tol:
                    report.checks_passed += 1
                elif gp.partial is not None:
                    if gp.partial not in report.inferred:
                        report.inferred.append(gp.partial)
                else:
                    report.checks_failed.append(
                        CheckFailure(
                            ms[gp.parent].label,
                            f"{col_letter(j)}{data[gp.parent] + 1}",
                            dec.indicator,
                            dec.year,
                            total,
                            s,
                            len(parts),
                            tol,
                            dec.unit,
                        )
                    )


def check_region_columns(
    rows: list[list[Any]],
    data: list[int],
    values: list[Column],
    col_region: dict[int, int],
    matches: list[RegionMatch],
    ex: Extracted,
    decisions: list[Decision],
    scope: str,
    gazetteer: Gazetteer | None,
    report: ImportReport,
) -> None:
    """The subtotal check of a table with its regions across the top (``指标 | 全省 | 成都市 |
    自贡市 …``): the same groups and rules as for regions down the rows, found among the region
    columns that hold the same thing (indicator, year, unit printed above them), and checked on
    every data row at once.

    The figures are the imported ones (``ex``: already parsed, scaled for magnitude words, with
    their decision), laid out as a rows × columns matrix, so a 100,000-cell sheet costs a few
    array operations per group; printed decimals are looked at only on rows that do not pass
    with the tightest tolerance.
    """
    if not len(ex.r) or not data or not col_region:
        return
    vcols = [c.col for c in values]
    m_val = np.full((len(data), len(vcols)), np.nan)
    m_dec = np.full((len(data), len(vcols)), -1, np.int64)
    ri = np.searchsorted(np.asarray(data), ex.r)
    ci = np.searchsorted(np.asarray(vcols), ex.c)
    m_val[ri, ci] = ex.v
    m_dec[ri, ci] = ex.d
    usable = np.array([d.additive and not d.skip for d in decisions] + [False], bool)
    factor = np.array([d.factor for d in decisions] + [1.0], np.float64)
    # the columns that differ only by region, in sheet order
    sets: dict[tuple[Any, ...], list[int]] = {}
    for k, c in enumerate(values):
        if c.col in col_region:
            key = (tuple(c.indicator_path), c.year, c.year_offset, c.part_year, c.unit_text)
            sets.setdefault(key, []).append(k)
    found: list[tuple[int, int, CheckFailure]] = []
    notes: list[tuple[str, str]] = []
    for ks in sets.values():
        if len(ks) < 3:
            continue
        ks, ms = _column_tree(ks, values, [matches[col_region[values[k].col]] for k in ks])
        for gp in groups(ms, scope, gazetteer, notes, "列"):
            kp = ks[gp.parent]
            kc = [ks[i] for i in gp.children]
            dp = m_dec[:, kp]
            ok = usable[dp] & (m_dec[:, kc] == dp[:, None]).all(axis=1)
            ok &= np.isfinite(m_val[:, kp]) & np.isfinite(m_val[:, kc]).all(axis=1)
            at = np.flatnonzero(ok)
            if not len(at):
                continue
            f = factor[dp[at]]
            total = m_val[at, kp] * f
            s = m_val[np.ix_(at, kc)].sum(axis=1) * f
            off = np.abs(s - total)
            n = len(kc)
            passed = off <= _tolerances(total, np.full(len(at), 6), n, f)
            near = np.flatnonzero(~passed)
            if len(near):
                cells = [vcols[kp], *(vcols[k] for k in kc)]
                decs = _row_decimals(rows, [data[i] for i in at[near].tolist()], cells)
                tol = _tolerances(total[near], decs, n, f[near])
                passed[near] = off[near] <= tol
                for j, i in enumerate(at[near].tolist()):
                    if off[near[j]] <= tol[j]:
                        continue
                    if gp.partial is not None:
                        if gp.partial not in notes:
                            notes.append(gp.partial)
                        continue
                    dec = decisions[int(dp[i])]
                    r = data[i]
                    found.append(
                        (
                            r,
                            vcols[kp],
                            CheckFailure(
                                ms[gp.parent].label,
                                f"{col_letter(vcols[kp])}{r + 1}",
                                dec.indicator,
                                dec.year,
                                float(total[near[j]]),
                                float(s[near[j]]),
                                n,
                                float(tol[j]),
                                dec.unit,
                            ),
                        )
                    )
            report.checks_passed += int(passed.sum())
    found.sort(key=lambda x: (x[0], x[1]))
    report.checks_failed.extend(f for _r, _c, f in found)
    report.inferred.extend([x for x in dict.fromkeys(notes) if x not in report.inferred])


def _column_tree(
    ks: list[int], values: list[Column], ms: list[RegionMatch]
) -> tuple[list[int], list[RegionMatch]]:
    """Region columns under regions merged over them (``成都市`` over ``小计 | 锦江区 | 青羊区``,
    ``全市`` over ``合计 | 市辖区 | 县``: ``Column.region_parents``) laid out as the same table's
    rows would be: each region's own column (its 小计, read as the region) first, its parts
    after it indented one level deeper, so ``groups`` finds the same blocks it finds from
    indentation. Columns under no heading keep their order and matches."""
    heads = [values[k].region_parents for k in ks]
    if not any(heads):
        return ks, ms
    first: dict[tuple[str, ...], int] = {}
    paths = []
    for k, chain in zip(ks, heads, strict=True):
        path = (*chain, values[k].region_label)
        for i in range(1, len(path) + 1):
            first.setdefault(path[:i], len(first))
        paths.append(tuple(first[path[:i]] for i in range(1, len(path) + 1)))
    order = sorted(range(len(ks)), key=lambda i: paths[i])
    return (
        [ks[i] for i in order],
        [replace(ms[i], indent=ms[i].indent + 4 * len(heads[i])) for i in order],
    )


def _tolerances(
    total: np.ndarray, decimals: np.ndarray, parts: int, factor: np.ndarray
) -> np.ndarray:
    """``tolerance`` over arrays."""
    d = np.clip(decimals, 0, 6)
    return (parts + 1) * 0.5 * 10.0 ** (-d) * np.abs(factor) + 1e-9 * np.maximum(np.abs(total), 1.0)


def _row_decimals(rows: list[list[Any]], at: list[int], cols: list[int]) -> np.ndarray:
    """The most decimals printed in each of the rows ``at`` among ``cols`` (as ``decimals_of``
    counts them: a float by its shortest repr, capped at 6 as the tolerance caps it; a text by
    its digits, each distinct text read once)."""
    cells = [row[c] if c < len(row) else "" for row in (rows[r] for r in at) for c in cols]
    n = len(cells)
    out = np.zeros(n, np.int64)
    num = np.fromiter((type(x) is float or type(x) is int for x in cells), bool, n)
    idx = np.flatnonzero(num)
    if len(idx):
        v = np.array([cells[i] for i in idx.tolist()], np.float64)
        got = np.full(len(v), 6, np.int64)
        left = np.ones(len(v), bool)
        for d in range(6):
            hit = left & (np.round(v, d) == v)
            got[hit] = d
            left &= ~hit
        out[idx] = got
    memo: dict[Any, int] = {}
    for i in np.flatnonzero(~num).tolist():
        x = cells[i]
        got_d = memo.get(x)
        if got_d is None:
            got_d = memo[x] = decimals_of(x)
        out[i] = got_d
    return out.reshape(len(at), len(cols)).max(axis=1)
