"""What each column of a detected table holds.

Columns whose cells are mostly text are keys (region, indicator, year, unit); the others hold
values, and their header path (merged cells filled) says which indicator, year or region each
holds. The cell statistics are taken per column over a sample of the data rows, with whole
columns of plain numbers counted at once.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import numpy as np

from workbench.io.stats_import import indicators
from workbench.io.stats_import.axes import KEY_NAMES, ORIENTATIONS, Axis, orientation_of
from workbench.io.stats_import.column_growth import growth_beside, note_once, previous_beside
from workbench.io.stats_import.periods import period_of, year_in_label
from workbench.io.stats_import.region_headings import region_heads
from workbench.io.stats_import.regions import aggregate_kind
from workbench.io.stats_import.sheet import Sheet
from workbench.io.stats_import.table_model import Column, Layout, col_letter
from workbench.io.stats_import.units import is_unit_text
from workbench.io.stats_import.values import (
    MISSING_MARKERS,
    cell_text,
    is_label_text,
    parse_value,
    partial_period,
    year_of,
)

_SPACES = re.compile(r"[\s\u3000\u00a0]+")
_BRACKETED = re.compile(r"[(（].*$")


def _empty(v: Any) -> bool:
    return v is None or v == "" or (isinstance(v, str) and not v.strip())


def _header_grid(lay: Layout, sheet: Sheet, width: int) -> list[list[str]]:
    grid = [
        [
            cell_text(v).strip() if c < len(sheet.rows[r]) else ""
            for c, v in enumerate(sheet.rows[r][:width])
        ]
        + [""] * (width - len(sheet.rows[r][:width]))
        for r in lay.header_rows
    ]
    index = {r: i for i, r in enumerate(lay.header_rows)}
    for (r0, c0), (r1, c1) in sheet.merged or []:
        top = (
            cell_text(sheet.rows[r0][c0]).strip()
            if r0 < len(sheet.rows) and c0 < len(sheet.rows[r0])
            else ""
        )
        for r in range(r0, r1 + 1):
            i = index.get(r)
            if i is None:
                continue
            for c in range(c0, min(c1, width - 1) + 1):
                if not grid[i][c]:
                    grid[i][c] = top
    return grid


def _left_fill(lay: Layout, grid: list[list[str]], value_cols: set[int]) -> None:
    """A group header typed once over several columns (not merged): fill it rightwards while the
    row below keeps naming sub-columns. Recorded in the notes, since it is an inference."""
    filled = 0
    for i in range(len(grid) - 1):
        row = grid[i]
        for c in sorted(value_cols):
            if row[c] or c - 1 not in value_cols or not row[c - 1]:
                continue
            below_here = any(grid[k][c] for k in range(i + 1, len(grid)))
            below_left = any(grid[k][c - 1] for k in range(i + 1, len(grid)))
            if below_here and below_left:
                row[c] = row[c - 1]
                filled += 1
    if filled:
        lay.notes.append(
            (
                f"有 {filled} 个表头单元格按左侧的分组标题补齐（未合并的分组表头）",
                f"{filled} header cells filled from the group title on their left (unmerged group header)",
            )
        )


def _column_stats(
    rows: list[list[Any]], sample: list[int], width: int
) -> list[tuple[int, int, int, int, int]]:
    """Per column: (cells, numbers, years, text, English text) over the sample rows. A column of
    plain numbers (the usual value column) is counted at once."""
    srows = [rows[r] for r in sample]
    short = any(len(x) < width for x in srows)
    # the sample transposed at once (one C pass) unless a row is short
    by_col = None if short or not srows else list(zip(*[x[:width] for x in srows], strict=True))
    stats: list[tuple[int, int, int, int, int]] = []
    floats: list[int] = []  # columns of plain numbers, counted together below
    for c in range(width):
        if by_col is not None:
            vals = by_col[c]
        else:
            vals = [x[c] for x in srows if c < len(x)] if short else [x[c] for x in srows]
        if set(map(type, vals)) <= {float}:
            if by_col is not None:  # equal lengths: one 2-D array for all of them
                floats.append(c)
                stats.append((0, 0, 0, 0, 0))
                continue
            a = np.array(vals, dtype=np.float64)
            yrs = int(((a >= 1900) & (a <= 2100) & (a == np.floor(a))).sum())
            stats.append((len(vals), len(vals), yrs, 0, 0))
            continue
        n = num = yrs = text = eng = 0
        for v in vals:
            if type(v) is float:
                n += 1
                num += 1
                if 1900 <= v <= 2100 and v.is_integer():
                    yrs += 1
                continue
            if _empty(v):
                continue
            n += 1
            if is_label_text(v):  # a region or indicator name: text, without parsing
                if str(v).strip() not in MISSING_MARKERS:
                    text += 1  # (and never English: it holds an ideograph)
                continue
            if year_of(v) is not None:
                yrs += 1
            if type(v) is int:
                num += 1
                continue
            s = str(v).strip()
            if s in MISSING_MARKERS:
                continue
            if parse_value(v).value is not None:
                num += 1
            else:
                text += 1
                if indicators.is_english(s):
                    eng += 1
        stats.append((n, num, yrs, text, eng))
    if floats and by_col is not None:
        a = np.array([by_col[c] for c in floats], dtype=np.float64)
        years = ((a >= 1900) & (a <= 2100) & (a == np.floor(a))).sum(axis=1).tolist()
        for c, yrs in zip(floats, years, strict=True):
            stats[c] = (len(srows), len(srows), yrs, 0, 0)
    return stats


def read_columns(lay: Layout, sheet: Sheet) -> None:
    # Column roles from a sample of the data rows (all of them in any table of ordinary size).
    data = lay.data_rows
    sample = data if len(data) <= 600 else data[:400] + data[-200:]
    width = 0
    for r in (*lay.header_rows, *sample):
        row = sheet.rows[r]
        last = len(row) - 1
        while last >= 0 and _empty(row[last]):
            last -= 1
        width = max(width, last + 1)
    grid = _header_grid(lay, sheet, width)
    rows = sheet.rows
    stats = _column_stats(rows, sample, width)
    if len(grid) > 1:
        numeric = {c for c, (n, num, _y, text, _e) in enumerate(stats) if n and num > text}
        _left_fill(lay, grid, numeric)

    english_rows = {
        i
        for i, row in enumerate(grid)
        if any(row) and all(not t or indicators.is_english(t) for t in row)
    }
    cols: list[Column] = []
    first_value = next(
        (k for k in range(width) if stats[k][1] > stats[k][3] and stats[k][1] > stats[k][2]),
        width,
    )
    for c in range(width):
        n, num, yrs, text, eng = stats[c]
        raw_path = [grid[i][c] for i in range(len(grid)) if i not in english_rows and grid[i][c]]
        path: list[str] = []
        for t in raw_path:
            zh = indicators.chinese_part(t)
            if zh and (not path or path[-1] != zh):
                path.append(zh)
        english = " ".join(grid[i][c] for i in sorted(english_rows) if grid[i][c])
        leaf = _SPACES.sub("", unicodedata.normalize("NFKC", path[-1])).lower() if path else ""
        named = KEY_NAMES.get(leaf) or KEY_NAMES.get(_BRACKETED.sub("", leaf))
        if n == 0 and not path:
            continue
        col = Column(c, Axis.SKIP, False, path, english)
        if named is not None and not (named is Axis.YEAR and num > yrs):
            col.axis = named
        elif not path and c > first_value and text and not num and _row_notes(lay, sheet, c):
            pass  # words after a row's figures under no header (注1, 初步数): never a key
        elif n and text >= 0.5 * n:
            col.axis = Axis.SKIP if eng >= 0.6 * n else Axis.INDICATOR  # refined below
            col.axis = Axis.SKIP if eng >= 0.6 * n else _content_axis(sheet, data, c)
        elif (
            n and yrs == n and c < first_value and (not path or indicators.match_path(path) is None)
        ):
            col.axis = Axis.YEAR
        else:
            col.is_value = True
            col.empty = num == 0
        cols.append(col)
    lay.columns = cols
    _describe_value_columns(lay)


def _row_notes(lay: Layout, sheet: Sheet, c: int) -> bool:
    """Whether a headerless text column right of the figures holds notes on some rows (a csv
    row longer than its header: ``成都市,20817.5,19917.0,注1``) rather than units; such words
    would otherwise name the row's indicator. Said in the report."""
    if _content_axis(sheet, lay.data_rows, c) is Axis.UNIT:
        return False
    example = next(
        cell_text(sheet.rows[r][c]).strip()
        for r in lay.data_rows
        if c < len(sheet.rows[r]) and not _empty(sheet.rows[r][c])
    )
    letter = col_letter(c)
    lay.notes.append(
        (
            f"第 {letter} 列没有表头，其中的文字（如“{example}”）视为行注，未作为地区或指标读取",
            f"column {letter} has no header; its words (e.g. '{example}') are taken as notes "
            "on their rows, not as regions or indicators",
        )
    )
    return True


def _content_axis(sheet: Sheet, data: list[int], c: int) -> Axis:
    labels: list[str] = []
    seen = set()
    for r in data:
        row = sheet.rows[r]
        if c < len(row) and isinstance(row[c], str) and row[c].strip():
            s = row[c].strip()
            if s not in seen:
                seen.add(s)
                labels.append(s)
    if not labels:
        return Axis.SKIP
    if sum(1 for s in labels if year_of(s) is not None) >= 0.8 * len(labels):
        return Axis.YEAR
    if sum(1 for s in labels if is_unit_text(s)) >= 0.6 * len(labels):
        return Axis.UNIT
    sample = labels[:40]
    if sum(1 for s in sample if indicators.match_path([s])) > 0.5 * len(sample):
        return Axis.INDICATOR
    if _regionish(sample) >= 0.5 * len(sample):
        return Axis.REGION
    return Axis.INDICATOR


def _regionish(labels: list[str]) -> int:
    from workbench.core.gazetteer import default_gazetteer

    g = default_gazetteer()
    hits = 0
    for s in labels:
        if aggregate_kind(s):
            hits += 1
            continue
        r = g.lookup(s)
        if r.code or r.candidates:
            hits += 1
    return hits


def _describe_value_columns(lay: Layout) -> None:
    values = lay.value_columns
    leaves = [_leaf(c.path) for c in values if c.path]
    if leaves:
        yearish = sum(1 for t in leaves if _names_year(t))
        if yearish >= 0.6 * len(leaves):
            lay.col_axis = Axis.YEAR
        elif (
            len(leaves) >= 2
            and not any(indicators.match_path([t]) for t in leaves)
            and _regionish(leaves[:30]) >= 0.6 * min(len(leaves), 30)
        ):
            lay.col_axis = Axis.REGION
        else:
            lay.col_axis = Axis.INDICATOR
    dropped: dict[str, None] = {}
    parents: dict[str, None] = {}
    sums: dict[str, None] = {}
    for col in values:
        rest = _read_path(lay, col)
        col.region_parents = ()
        if lay.col_axis is Axis.REGION and rest:
            col.region_label = rest.pop()
            region_heads(col, rest, dropped, parents, sums)
        col.indicator_path = rest
        if not col.unit_text:
            for t in reversed(rest):
                u = indicators.inline_unit(t)
                if u:
                    col.unit_text = u
                    break
    if dropped:
        eg = "、".join(dropped)
        note_once(
            lay,
            f"地区列上方的分组标题（{eg}）只是地区的分组，不作为指标名称",
            f"the heading over region columns ({eg}) groups the regions; not part of the indicator",
        )
    if parents:
        eg, en = "”“".join(parents), ", ".join(parents)
        word = next(iter(sums), "")
        what = f"，其下“{word}”列为该地区本身的数值" if word else ""
        what_en = f"; the {word} column under each is that region's own figure" if word else ""
        note_once(
            lay,
            f"地区列上方的“{eg}”为其下各列地区的上级{what}",
            f"the headings over region columns ({en}) are the parents of the regions below "
            f"them{what_en}",
        )
    previous_beside(lay)
    growth_beside(lay)
    lay.row_axes = [c.axis for c in lay.key_columns]
    lay.orientation = orientation_of(lay.row_axes, lay.col_axis)


def _leaf(path: list[str]) -> str:
    """The header text that says what a column's values are across the table (a year, a region,
    an indicator): the lowest one that is not a period word (成都市 over 本期 | 上年同期), without
    a year written into it (成都市（2023年）)."""
    leaf = next((t for t in reversed(path) if not period_of(t)), path[-1])
    if year_of(leaf) is None and (got := year_in_label(leaf)) and got[1]:
        return got[1]
    return leaf


def _names_year(text: str) -> bool:
    if year_of(text) is not None:
        return True
    got = year_in_label(text)
    return got is not None and not got[1]


def _read_path(lay: Layout, col: Column) -> list[str]:
    """A value column's year, unit and period from its header path; returns the indicator (or
    region) part. A year written into an indicator's header is the column's when the path names
    no year otherwise; a period word (本期, 上年同期) is not part of the indicator."""
    col.year_offset, col.part_year = 0, ""
    rest: list[str] = []
    year_at = previous_at = -1
    part = ""
    for k, t in enumerate(col.path):
        y = year_of(t)
        if y is not None:
            col.year, year_at = y, k
            continue
        if is_unit_text(t):
            col.unit_text = t
            continue
        period, t = _period_split(t)
        if period == "previous":
            previous_at = k
        elif period == "part":
            part = part or partial_period(t) or t
        if t:
            rest.append(t)
    if col.year is None and not part:
        _year_from_labels(lay, col, rest)
    if part:
        col.part_year = part
        note_once(
            lay,
            f"列“{col.label}”为不足一年的数据（{part}），不作为全年数值导入",
            f"column '{col.label}' holds less than a year's figures ({part}); not imported as "
            "a year's",
        )
    elif previous_at >= 0 and col.year is not None and year_at < previous_at:
        col.year -= 1  # 2023年 over 上年同期: a group's year, the column holds the one before
        note_once(
            lay,
            f"列“{col.label}”为上年同期数，年份 {col.year}",
            f"column '{col.label}' holds the previous year's figures: year {col.year}",
        )
    elif previous_at >= 0 and col.year is None:
        col.year_offset = -1
        note_once(
            lay,
            f"列“{col.label}”为上年同期数，年份取本表年份的上一年",
            f"column '{col.label}' holds the previous year's figures: the year before the table's",
        )
    return rest


def _period_split(text: str) -> tuple[str, str]:
    """A header's period word and what is left of it: 上年同期 → (previous, ""), 累计增长(%) →
    (current, 增长(%)), 1-6月 → (part, 1-6月: kept, it names what the figures are)."""
    period = period_of(text)
    if period == "part":
        return period, text
    if period:
        return period, ""
    for n in range(2, len(text) - 1):
        head, tail = text[:n], text[n:]
        if period_of(head) in ("previous", "current") and indicators.is_growth(tail):
            return period_of(head), tail
    return "", text


def _year_from_labels(lay: Layout, col: Column, rest: list[str]) -> None:
    """The year written into the column's indicator header (2022年末常住人口, 地区生产总值(2023年)),
    taken out of it; none when two labels name different years."""
    found = [(k, got) for k, t in enumerate(rest) if (got := year_in_label(t)) is not None]
    years = {y for _, (y, _label) in found}
    if len(years) != 1:
        return
    col.year = years.pop()
    for k, (_y, label) in reversed(found):
        if label:
            rest[k] = label
        else:
            del rest[k]
    named = "/".join(rest)
    what = ("地区", "region") if lay.col_axis is Axis.REGION else ("指标", "indicator")
    note_once(
        lay,
        f"列“{col.label}”：年份 {col.year} 取自列名" + (f"，{what[0]}为“{named}”" if named else ""),
        f"column '{col.label}': year {col.year} taken from its header"
        + (f", {what[1]} '{named}'" if named else ""),
    )


def force_orientation(lay: Layout, orientation: str) -> None:
    """Apply the user's reading of the table: which axis the rows and the columns hold."""
    if orientation not in ORIENTATIONS or orientation == "long":
        return
    row_name, col_name = orientation.split("_by_")
    to_axis = {"regions": Axis.REGION, "indicators": Axis.INDICATOR, "years": Axis.YEAR}
    keys = [c for c in lay.columns if not c.is_value and c.axis is not Axis.SKIP]
    if keys:
        keys[0].axis = to_axis[row_name]
    elif lay.columns:
        first = lay.columns[0]
        first.is_value, first.axis = False, to_axis[row_name]
    lay.col_axis = to_axis[col_name]
    for col in lay.value_columns:
        col.year, col.region_label = None, ""
        col.unit_text = ""
    _describe_value_columns_forced(lay)
    lay.notes.append(("表格方向由用户指定", "orientation set by the user"))


def _describe_value_columns_forced(lay: Layout) -> None:
    forced = lay.col_axis
    _describe_value_columns(lay)
    if forced is not None and lay.col_axis is not forced:
        lay.col_axis = forced
        for col in lay.value_columns:
            col.year, col.region_label, col.unit_text = None, "", ""
            rest = [
                t
                for t in col.path
                if not is_unit_text(t) and period_of(t) not in ("previous", "current")
            ]
            if forced is Axis.YEAR and rest:
                col.year = year_of(rest[-1])
                got = year_in_label(rest[-1]) if col.year is None else None
                if got is not None:  # 2022年末常住人口: the year, and the indicator kept
                    col.year = got[0]
                    rest = [*rest[:-1], got[1]] if got[1] else rest[:-1]
                else:
                    rest = rest[:-1]
            elif forced is Axis.REGION and rest:
                col.region_label = rest.pop()
            col.indicator_path = rest
            for t in reversed(col.path):
                u = indicators.inline_unit(t) or (t if is_unit_text(t) else "")
                if u:
                    col.unit_text = u
                    break
        lay.row_axes = [c.axis for c in lay.key_columns]
        lay.orientation = orientation_of(lay.row_axes, lay.col_axis)
