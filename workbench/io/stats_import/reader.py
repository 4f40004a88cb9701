"""``read_table``: one sheet of a statistics-bureau file → a tidy table and a report.

The steps are separate modules (cells → layout → table context → regions → decisions → cell
values → tidy frame → checks and report); this one joins them. Decisions are made once per
(row signature, column) and the value cells are classified as arrays, so a 100,000-cell
yearbook is read in little more time than calamine takes to parse it.
"""

from __future__ import annotations

import gc
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
from workbench.io.stats_import.errors import ReadCancelled, StatsImportError
from workbench.io.stats_import.hidden import hidden_lines
from workbench.io.stats_import.regions import AGGREGATE, RegionMatcher
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
from workbench.io.stats_import.table_decisions import decide_all, row_units_note, signatures
from workbench.io.stats_import.table_model import Column, Layout, NoTable, col_letter
from workbench.io.stats_import.table_parts import split
from workbench.io.stats_import.table_regions import match_regions
from workbench.io.stats_import.table_rows import detect
from workbench.io.stats_import.tidy_frame import build_frame, cell_name_grid
from workbench.io.stats_import.values import cell_text

__all__ = ["TIDY_COLUMNS", "ImportOverrides", "ImportResult", "read_table"]

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
    matches, n_row_matches, row_g, col_region, ctx_idx, label_cols = match_regions(
        matcher, ctx, rows, lay, region_cols, code_cols, fmts.indent
    )
    rep.inferred.extend(matcher.notes)
    check(cancel)
    percent_cells = percent_units(rows, data, values, fmts.percent, rep)
    if matcher.scope:
        d = g.divisions.get(matcher.scope)
        rep.region_scope = f"{matcher.scope} {d.name if d else ''}".strip()

    sigs, row_sig = signatures(
        rows, data, cols_of(Axis.INDICATOR), cols_of(Axis.YEAR), cols_of(Axis.UNIT), rep
    )
    decisions, dec_table, col_read, col_all = decide_all(ctx, ov, sigs, values, rep)
    row_units_note(sigs, rep)

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
