"""Do the parts add up to the subtotal printed with them?

Yearbooks print totals (``全省``, ``合计``), subtotals (``市辖区``, ``县``) and parents with their
parts indented below. A transcription slip or a misread unit shows up as parts that no longer add
up. The check allows for rounding: each printed figure may be off by half its last printed digit,
so n parts and one total may differ by (n + 1) × 0.5 × 10^-decimals.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workbench.core.gazetteer import Gazetteer
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
) -> list[Group]:
    """Which rows are meant to sum to which, from indentation and total labels.

    A row naming the province itself (``重庆市`` over its districts) is checked only when the table
    lists all of the province's units at that level: a partial list is not expected to add up.
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
                    _partial(mp, children, ms, gazetteer)
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
            part = _partial(mp, places, ms, gazetteer)
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
                                f"“{mp.label}”行未做合计校验：表中只列出 {len(places)}/{expected} 个下级地区",
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
    mp: RegionMatch, places: tuple[int, ...], ms: list[RegionMatch], g: Gazetteer | None
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
        f"“{mp.label}”行的下级合计不等于印刷值，未作为校验失败：表中只列出{name}的 "
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
