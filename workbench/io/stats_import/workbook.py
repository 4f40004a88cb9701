"""Every sheet of a workbook that shares one layout, read in one go: bureaus send one sheet per
year ("2022年", "2021年") or per region, laid out alike. Each value keeps its sheet in the tidy
table's ``sheet`` column; a sheet laid out differently, or holding no table, is named in the
report with the reason instead of being read as something it is not.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from workbench.io.bulk_work import bulk_work
from workbench.io.stats_import.cells import (
    is_note_sheet,
    iter_book_sheets,
    list_sheets,
    read_sheets,
    sniff,
)
from workbench.io.stats_import.errors import StatsImportError
from workbench.io.stats_import.reader import Cancel, Prefetch, _never, check, read_sheet
from workbench.io.stats_import.report import ImportReport, UnmatchedRegion
from workbench.io.stats_import.result import ImportOverrides, ImportResult
from workbench.io.stats_import.table_model import Layout


def layout_key(lay: Layout | None) -> tuple[object, ...]:
    """What sheets must share to be read alike: the axes of the key columns and of the value
    columns' headers (a table of regions × indicators is not read with one of indicators ×
    years)."""
    if lay is None:
        return ()
    return (
        tuple(c.axis.value for c in lay.key_columns),
        lay.col_axis.value if lay.col_axis else "",
    )


def _columns(lay: Layout | None) -> set[str]:
    return {"/".join(c.indicator_path) for c in lay.value_columns} if lay else set()


def alike(a: Layout | None, b: Layout | None) -> bool:
    """Same axes, and at least half of the value columns name the same things (years aside):
    a year's sheet that adds or drops an indicator is still that table."""
    if layout_key(a) != layout_key(b):
        return False
    ca, cb = _columns(a), _columns(b)
    return not (ca or cb) or len(ca & cb) >= 0.5 * max(len(ca), len(cb))


def read_workbook(
    path: Path | str,
    sheets: list[str] | None = None,
    overrides: ImportOverrides | None = None,
    cancel: Cancel | None = None,
    progress: Callable[[int, int, str], object] | None = None,
) -> ImportResult:
    """Read ``sheets`` (all sheets when None) that share the first table's layout, as one result:
    the tidy tables stacked, the first sheet's preview and layout, and a report with one part
    per sheet read (``report.parts``). Raises ``StatsImportError`` when no sheet holds a table.
    ``progress(done, total, sheet)`` is told before each sheet is read."""
    with bulk_work():
        return _read_workbook(Path(path), sheets, overrides, cancel, progress)


def _read_workbook(
    p: Path,
    sheets: list[str] | None,
    overrides: ImportOverrides | None,
    cancel: Cancel | None,
    progress: Callable[[int, int, str], object] | None,
) -> ImportResult:
    ov = overrides or ImportOverrides()
    cancel = cancel or _never
    kind = sniff(p)
    if kind == "text":  # a csv file is one sheet
        return read_sheet(p, kind, read_sheets(p)[0], ov, explicit=True, cancel=cancel)
    names = sheets if sheets is not None else list_sheets(p)
    results: list[ImportResult] = []
    skipped: list[tuple[str, str, str]] = []
    if sheets is None:
        for name in [n for n in names if is_note_sheet(n)]:
            skipped.append((name, "说明页", "notes sheet"))
        names = [n for n in names if not is_note_sheet(n)]
    check(cancel)
    ahead = Prefetch(p, kind)
    for k, found in enumerate(iter_book_sheets(p, names, ahead)):
        check(cancel)  # between sheets (each read also checks between its steps)
        name = found.name
        if progress is not None:
            progress(k, len(names), name)
        try:
            res = read_sheet(p, kind, [found], ov, explicit=True, cancel=cancel, names=ahead.names)
        except StatsImportError:
            skipped.append((name, "没有数据表", "no table"))
            continue
        if results and not alike(res.layout, results[0].layout):
            skipped.append(
                (
                    name,
                    f"版式与“{results[0].report.sheet}”不同，未导入",
                    f"laid out unlike '{results[0].report.sheet}'; not read",
                )
            )
            continue
        results.append(res)
    if not results:
        where = "、".join(names)
        raise StatsImportError(
            p,
            f"没有找到含数字的数据表（工作表：{where}）",
            f"no table with numbers found (sheets: {where})",
        )
    return combine(results, skipped)


def combine(
    results: list[ImportResult], skipped: list[tuple[str, str, str]], *, tables: bool = False
) -> ImportResult:
    """One result of several sheets' (a single sheet's result is returned as it is);
    ``tables``: of several tables printed on one sheet (``table_parts``), each a part."""
    first = results[0]
    if len(results) == 1:
        first.report.sheets_skipped.extend(skipped)
        return first
    reports = [r.report for r in results]
    rep = ImportReport(
        file=first.report.file,
        sheet=first.report.sheet if tables else "、".join(r.sheet for r in reports),
        format=first.report.format,
        encoding=first.report.encoding,
        sheets_skipped=skipped,
        imported=sum(r.imported for r in reports),
        aggregate_values=sum(r.aggregate_values for r in reports),
        parts=reports,
        tables=tables,
    )
    unmatched: dict[str, UnmatchedRegion] = {}
    for r in reports:
        for u in r.unmatched:
            got = unmatched.setdefault(
                u.label, UnmatchedRegion(u.label, [], 0, u.suggestions, u.reason)
            )
            got.reason = got.reason if any(got.reason) else u.reason
            got.cells += u.cells if tables else [f"{r.sheet}!{c}" for c in u.cells]
            got.values += u.values
        where = (r.table_place[0], r.table_place[1]) if tables else (r.sheet, r.sheet)
        rep.warnings += [(f"{where[0]}：{a}", f"{where[1]}: {b}") for a, b in r.warnings]
        rep.checks_failed += r.checks_failed
        rep.checks_passed += r.checks_passed
    rep.unmatched = list(unmatched.values())
    frames = [r.tidy for r in results if len(r.tidy)]
    tidy = pd.concat(frames, ignore_index=True) if frames else first.tidy
    if tables:
        _across_tables(frames, rep)
    else:
        _across_sheets(tidy, rep)
    return ImportResult(
        tidy, rep, first.preview, first.layout, first.hidden_rows, first.hidden_cols
    )


def _place_keyed(tidy: pd.DataFrame) -> pd.DataFrame:
    """The tidy rows with ``place``: the region code, or the printed name when unmatched."""
    return tidy.assign(place=tidy["region_code"].where(tidy["region_code"] != "", tidy["region"]))


def _clash_sample(keyed: pd.DataFrame, by: str) -> str:
    """Up to five "place indicator year" printed with different values by two of ``by`` (sheets,
    or tables of one sheet); "" when there is none."""
    keys = ["place", "indicator", "year"]
    dup = keyed[keyed.duplicated(keys, keep=False)]
    if dup.empty:
        return ""
    per = dup.groupby(keys).agg(values=("value", "nunique"), parts=(by, "nunique"))
    clash = per[(per["values"] > 1) & (per["parts"] > 1)]
    if clash.empty:
        return ""
    names = dict(zip(keyed["place"], keyed["region"], strict=False))
    return "、".join(f"{names.get(a, a)} {b} {y}" for a, b, y in list(clash.index)[:5])


def _across_sheets(tidy: pd.DataFrame, rep: ImportReport) -> None:
    """The same region, indicator and year printed on two sheets with different values (a
    year given by hand for every sheet, or sheets that overlap): said, never resolved."""
    if tidy.empty:
        return
    sample = _clash_sample(_place_keyed(tidy), "sheet")
    if sample:
        rep.warnings.append(
            (
                f"不同工作表中同一地区、指标、年份的数值不同：{sample}",
                f"the same region, indicator and year has different values on different sheets: "
                f"{sample}",
            )
        )


def _across_tables(frames: list[pd.DataFrame], rep: ImportReport) -> None:
    """The same region, indicator and year printed with different values by two tables of one
    sheet (two halves listing one region, or two tables of one indicator): said, never
    resolved."""
    if len(frames) < 2:
        return
    parts = pd.concat([f.assign(part=k) for k, f in enumerate(frames)], ignore_index=True)
    sample = _clash_sample(_place_keyed(parts), "part")
    if sample:
        rep.warnings.append(
            (
                f"本表的不同部分中同一地区、指标、年份的数值不同：{sample}",
                f"the same region, indicator and year has different values in different tables of "
                f"the sheet: {sample}",
            )
        )
