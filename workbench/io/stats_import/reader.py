"""``read_table``: one sheet of a statistics-bureau file → a tidy table and a report.

The steps are separate modules (cells → layout → table context → regions → decisions → cell
values → tidy frame → checks and report); this one joins them. Decisions are made once per
(row signature, column) and the value cells are classified as arrays, so a 100,000-cell
yearbook is read in little more time than calamine takes to parse it.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy as np

from workbench.core.gazetteer import default_gazetteer
from workbench.io.bulk_work import bulk_work
from workbench.io.sheet_guard import check_workbook
from workbench.io.stats_import import (
    checks,
    indicators,
    periods,
    regions,
    table_rows,
    tidy_frame,
)
from workbench.io.stats_import.axes import ORIENTATIONS, Axis
from workbench.io.stats_import.cell_formats import Formats, sheet_formats
from workbench.io.stats_import.cell_formats import clear_cache as clear_format_cache
from workbench.io.stats_import.cell_values import extract
from workbench.io.stats_import.cells import (
    is_note_sheet,
    iter_book_sheets,
    read_sheets,
    sniff,
)
from workbench.io.stats_import.column_growth import growth_of_title
from workbench.io.stats_import.decisions import Decision, decide, rename, units_apart
from workbench.io.stats_import.errors import ReadCancelled, StatsImportError
from workbench.io.stats_import.hidden import hidden_lines
from workbench.io.stats_import.regions import AGGREGATE, RegionMatch, RegionMatcher
from workbench.io.stats_import.report import ImportReport, SkippedValue
from workbench.io.stats_import.report_fill import (
    add_warnings,
    report_columns,
    report_printed_forms,
    report_regions,
)
from workbench.io.stats_import.result import TIDY_COLUMNS, ImportOverrides, ImportResult
from workbench.io.stats_import.sheet import Sheet
from workbench.io.stats_import.table_columns import force_orientation
from workbench.io.stats_import.table_context import TableContext, read_context
from workbench.io.stats_import.table_model import Column, Layout, NoTable, col_letter
from workbench.io.stats_import.table_parts import split
from workbench.io.stats_import.table_rows import detect
from workbench.io.stats_import.tidy_frame import build_frame, cell_name_grid
from workbench.io.stats_import.values import cell_text, row_year_of

__all__ = ["TIDY_COLUMNS", "ImportOverrides", "ImportResult", "read_table"]

_NON_DIGITS = re.compile(r"\D")
Signature = tuple[tuple[str, ...], int | None, str]  # indicator path, year, unit of a row
Cancel = Callable[[], bool]


def _never() -> bool:
    return False


def check(cancel: Cancel) -> None:
    """Stop between steps when the planner cancelled (the wizard's flag, read off the UI thread)."""
    if cancel():
        raise ReadCancelled


def clear_caches() -> None:
    """Forget every memoised reading (gazetteer answers, labels, note rows, cell formats and
    names): a cold start."""
    tidy_frame.clear_caches()
    regions.clear_caches()
    table_rows.clear_caches()
    indicators.clear_caches()
    periods.clear_caches()
    clear_format_cache()


def _format_of(path: Path, kind: str) -> str:
    if kind == "text":
        return "csv"
    if kind == "html":
        return "html"
    if kind == "spreadsheetml":
        return "xml (Excel 2003)"
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    suffix = path.suffix.lower().lstrip(".")
    return suffix if suffix in ("xlsx", "xlsm", "ods") else "xlsx/ods"


def read_table(
    path: Path | str,
    sheet: str | int | None = None,
    year: int | None = None,
    overrides: ImportOverrides | None = None,
    cancel: Cancel | None = None,
) -> ImportResult:
    """Read one table. Raises ``StatsImportError`` only when the file cannot be read at all
    (``ReadCancelled`` when ``cancel()`` turns true between steps)."""
    cancel = cancel or _never
    p = Path(path)
    ov = overrides or ImportOverrides()
    if year is not None and ov.year is None:
        ov = ImportOverrides(
            ov.header_rows, ov.unit, ov.orientation, year, ov.region_matches, ov.region
        )
    if ov.orientation and ov.orientation not in ORIENTATIONS:
        raise ValueError(f"orientation must be one of {ORIENTATIONS}")
    with bulk_work():
        kind = sniff(p)
        ahead = Prefetch(p, kind)
        sheets: Iterable[Sheet]
        if kind == "book" and sheet is None:  # parsed one by one until a table is found
            sheets = iter_book_sheets(p, None, ahead)
        else:
            sheets = read_sheets(p, sheet, ahead)[0]
        check(cancel)
        return read_sheet(
            p, kind, sheets, ov, explicit=sheet is not None, cancel=cancel, names=ahead.names
        )


YOUNG_BACKLOG = 5_000  # young objects worth one collection beside the parse (``Prefetch``)


class Prefetch:
    """What a read of a sheet needs besides its cells, made while calamine parses them
    (``meanwhile``): the gazetteer, the sheet's percent and indent formats, and the names of
    the cells in the range the size guard saw (``tidy_frame.cell_name_grid``)."""

    def __init__(self, path: Path, kind: str) -> None:
        self.path, self.kind = path, kind
        self.names: dict[str, np.ndarray] = {}

    def __call__(self, sheet: str) -> None:
        default_gazetteer()
        if gc.get_count()[0] > YOUNG_BACKLOG:
            # The collector is off during a read (``bulk_work``), so the objects made so far,
            # most of them the gazetteer's ~13,000 loaded just now, wait for the first
            # collection after the read: ~3 ms at its end. Looked at here instead (~1 ms),
            # while calamine parses, they leave that collection the read's own objects only.
            gc.collect(0)
        if self.kind != "book":
            return
        sheet_formats(self.path, sheet)
        rows, cols = _extent(self.path, sheet)
        grid = cell_name_grid(rows, cols)
        if grid is not None:
            self.names[sheet] = grid


def _extent(path: Path, sheet: str) -> tuple[int, int]:
    """The sheet's likely rows and columns from the scan the read has just made (a cache hit);
    (0, 0) when unknown. If wrong, the names are too few (made again by the read) or some unused."""
    scan = check_workbook(path, [sheet]).sheets.get(sheet)
    return (0, 0) if scan is None else scan.likely_extent()


def read_sheet(
    p: Path,
    kind: str,
    sheets: Iterable[Sheet],
    ov: ImportOverrides,
    *,
    explicit: bool = False,
    cancel: Cancel = _never,
    names: dict[str, np.ndarray] | None = None,
) -> ImportResult:
    """The first of ``sheets`` holding a table (``explicit``: the one the planner named).
    ``names``: cell names made ahead per sheet (``Prefetch``)."""
    report = ImportReport(file=p.name, format=_format_of(p, kind))
    chosen: Sheet | None = None
    layout: Layout | None = None
    seen: list[str] = []
    for s in sheets:
        seen.append(s.name)
        check(cancel)
        if not explicit and is_note_sheet(s.name):
            report.sheets_skipped.append((s.name, "说明页", "notes sheet"))
            continue
        try:
            layout = detect(s, header_rows=ov.header_rows)
        except NoTable:
            report.sheets_skipped.append((s.name, "没有数据表", "no table"))
            continue
        chosen = s
        break
    if chosen is None or layout is None:
        where = "、".join(seen)
        if kind == "html":  # say what the file is: the planner thinks it is a workbook
            raise StatsImportError(
                p,
                f"这是网页文件（HTML），其中的表格都没有数字（表格：{where}）",
                f"this is a web page (HTML) and none of its tables holds numbers (tables: {where})",
            )
        raise StatsImportError(
            p,
            f"没有找到含数字的数据表（工作表：{where}）",
            f"no table with numbers found (sheets: {where})",
        )
    if ov.orientation:
        force_orientation(layout, ov.orientation)
    parts = split(chosen, layout, ov.header_rows) if not ov.orientation else []
    check(cancel)
    fmts = sheet_formats(p, chosen.name) if kind == "book" else Formats()
    grid = (names or {}).get(chosen.name)
    if len(parts) > 1:  # several tables on the sheet: each read on its own, then joined
        from workbench.io.stats_import.workbook import combine

        results = []
        for part in parts:
            rep = ImportReport(file=p.name, format=report.format, sheet=chosen.name)
            rep.encoding, rep.table_place = chosen.encoding, part.place
            rep.inferred.extend(chosen.notes)
            rep.inferred.extend(fmts.notes)
            tidy = _build(p, part.sheet, part.layout, ov, rep, fmts, cancel, grid)
            results.append(ImportResult(tidy, rep, chosen.rows, part.layout))
        joined = combine(results, report.sheets_skipped, tables=True)
        joined.preview = chosen.rows
        joined.hidden_rows, joined.hidden_cols = hidden_lines(chosen.notes)
        return joined
    report.sheet = chosen.name
    report.encoding = chosen.encoding
    report.inferred.extend(chosen.notes)
    report.inferred.extend(fmts.notes)
    tidy = _build(p, chosen, layout, ov, report, fmts, cancel, grid)
    return ImportResult(tidy, report, chosen.rows, layout, *hidden_lines(chosen.notes))


def _row_regions(
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


def _signatures(
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


def _skip_recorder(
    rows: list[list[Any]], label_col: int | None, by_col: dict[int, Column]
) -> Callable[[int, int, Any, str], SkippedValue]:
    def record(r: int, j: int, v: Any, reason: str) -> SkippedValue:
        row = rows[r]
        label = (
            cell_text(row[label_col]).strip()
            if label_col is not None and label_col < len(row)
            else ""
        )
        return SkippedValue(f"{col_letter(j)}{r + 1}", label, by_col[j].label, cell_text(v), reason)

    return record


def _build(
    path: Path,
    sheet: Sheet,
    lay: Layout,
    ov: ImportOverrides,
    rep: ImportReport,
    fmts: Formats,
    cancel: Cancel,
    names: np.ndarray | None = None,
) -> Any:
    g = default_gazetteer()
    matcher = RegionMatcher(g, ov.region_matches)
    ctx = read_context(lay, ov, matcher, rep, sheet.name, path.name)
    _title_growth(lay, ctx, rep)
    rows = sheet.rows
    keys, values, data = lay.key_columns, lay.value_columns, lay.data_rows

    def cols_of(axis: Axis) -> list[int]:
        return [c.col for c in keys if c.axis is axis]

    region_cols, code_cols = cols_of(Axis.REGION), cols_of(Axis.CODE)
    label_col = keys[0].col if keys else None
    matches, n_row_matches, row_g, col_region, ctx_idx, label_cols = _match_regions(
        matcher, ctx, rows, lay, region_cols, code_cols, fmts.indent
    )
    rep.inferred.extend(matcher.notes)
    check(cancel)
    percent_cells = percent_units(rows, data, values, fmts.percent, rep)
    if matcher.scope:
        d = g.divisions.get(matcher.scope)
        rep.region_scope = f"{matcher.scope} {d.name if d else ''}".strip()

    sigs, row_sig = _signatures(
        rows, data, cols_of(Axis.INDICATOR), cols_of(Axis.YEAR), cols_of(Axis.UNIT), rep
    )
    decisions, dec_table, col_read, col_all = _decide_all(ctx, ov, sigs, values, rep)
    _row_units_note(sigs, rep)

    ex = extract(
        rows,
        data,
        [c.col for c in values],
        row_sig,
        dec_table,
        decisions,
        row_g,
        np.array([col_region.get(c.col, ctx_idx) for c in values], np.int64),
        np.array([m.ok for m in matches], bool),
        _skip_recorder(rows, label_col, {c.col: c for c in values}),
        percent_cells,
    )
    check(cancel)
    report_printed_forms(rep, ex)
    header_row = (lay.header_rows or [0])[-1]
    report_regions(
        rep,
        g,
        matches,
        data,
        n_row_matches,
        region_cols[-1] if region_cols else (code_cols[0] if code_cols else 0),
        values,
        col_region,
        ex.region_values,
        header_row,
        label_cols,
    )
    for c in values:
        c.empty = c.col not in ex.seen_cols
    report_columns(rep, values, col_read, col_all, (lay.header_rows or [lay.first_row])[-1])
    tidy = build_frame(path.name, sheet.name, ex, decisions, matches, names)
    if region_cols or code_cols:
        ms = matches[:n_row_matches]
        grp = checks.groups(ms, matcher.scope, g, rep.inferred)
        if grp:
            checks.check_subtotals(rows, data, ms, grp, values, col_read, rep)
    elif col_region:
        checks.check_region_columns(
            rows, data, values, col_region, matches, ex, decisions, matcher.scope, g, rep
        )
    rep.imported = len(tidy)
    levels = np.array([m.level == AGGREGATE for m in matches], bool)
    rep.aggregate_values = int(levels[ex.g].sum()) if len(tidy) else 0
    if ov.year is None:
        ex.counts.pop("other_year", None)
    rep.skipped = ex.skipped
    rep.skipped_counts = ex.counts
    add_warnings(rep, tidy, ex, decisions, matches)
    return tidy


def _title_growth(lay: Layout, ctx: TableContext, rep: ImportReport) -> None:
    """Bare growth columns of a table whose title names its one indicator, said in the report."""
    if ctx.indicator and Axis.INDICATOR not in lay.row_axes:
        before = len(lay.notes)
        growth_of_title(lay, ctx.indicator[0])
        rep.inferred.extend(lay.notes[before:])


def _match_regions(
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
        matches, label_cols = _row_regions(matcher, rows, data, region_cols, code_cols, indent)
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


def _decide_all(
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


def percent_units(
    rows: list[list[Any]],
    data: list[int],
    values: list[Column],
    percent: set[tuple[int, int]],
    rep: ImportReport,
) -> set[tuple[int, int]]:
    """Numbers shown as percentages (0.061 formatted as 6.1%): the cells to store ×100 in %. A
    value column whose every figure is so shown, with no unit printed, is a column of %."""
    if not percent:
        return set()
    vcols = {c.col for c in values}
    cells = {
        (r, c)
        for r, c in percent
        if c in vcols and type(rows[r][c] if c < len(rows[r]) else "") in (float, int)
    }
    if not cells:
        return cells
    rowset = set(data)
    cells = {rc for rc in cells if rc[0] in rowset}
    if not cells:  # percent cells only outside this table (another table of the sheet)
        return cells
    for col in values:
        if col.unit_text:
            continue
        shown = [r for r in data if (r, col.col) in cells]
        figures = [
            r
            for r in data
            if type(rows[r][col.col] if col.col < len(rows[r]) else "") in (float, int)
        ]
        if shown and len(shown) == len(figures):
            col.unit_text = "%"
    first = min(cells)
    v = rows[first[0]][first[1]]
    rep.inferred.append(
        (
            f"{len(cells)} 个单元格按百分比格式显示（如 {col_letter(first[1])}{first[0] + 1}："
            f"{v:g} 显示为 {v * 100:g}%），按 ×100 以 % 导入",
            f"{len(cells)} cells are formatted as percentages (e.g. {col_letter(first[1])}"
            f"{first[0] + 1}: {v:g} shown as {v * 100:g}%); imported ×100 in %",
        )
    )
    return cells


def _row_units_note(sigs: list[Signature], rep: ImportReport) -> None:
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
