"""Writing what the tidy-table builder found into the import report: regions matched by
inference, unmatched labels with the values they cost, aggregates, how each column was read,
and the warnings a planner must see (no year, unclear units, clashing duplicates)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from workbench.core.gazetteer import Gazetteer, code_beside_name, name_key
from workbench.io.stats_import.cell_values import Extracted
from workbench.io.stats_import.decisions import Decision
from workbench.io.stats_import.regions import AGGREGATE, RegionMatch
from workbench.io.stats_import.report import (
    AggregateRow,
    ColumnReading,
    ImportReport,
    UnmatchedRegion,
)
from workbench.io.stats_import.table_model import Column, col_letter
from workbench.io.stats_import.tidy_frame import region_names

# Functional areas (national new areas, high-tech and development zones, parks, bonded zones):
# bureaus print them among the districts, but they are no statistical division, have no code
# and often overlap the districts they lie in. A real district named …新区 (浦东新区) matches
# its code before this is asked.
_ZONE = re.compile(
    r"(?:新区|高新区|高新技术产业开发区|经开区|经济技术开发区|经济开发区|开发区|工业园区|产业园区?"
    r"|园区|管委会|保税区|保税港区|自由贸易试验区|自贸区|自贸试验区|片区|功能区|示范区|试验区)$"
)
_ZONE_REASON = (
    "功能区（新区、开发区、园区等）不是行政区划，没有区划代码，数据可能与所在区县重叠；"
    "确需导入请手工指定对应地区",
    "a functional area (new area, development zone, park…), not an administrative division:"
    " it has no code and its figures may overlap the districts it lies in; match it by hand"
    " if it is needed",
)


def is_functional_area(name: str) -> bool:
    """Whether an unmatched label names a functional area (天府新区, 成都高新区, 经开区)."""
    return bool(name) and _ZONE.search(name) is not None


_HOW = {
    "level": ("按本表多数地区的级别", "by the level most rows share"),
    "scope": ("本省/市优先", "preferring Sichuan/Chongqing"),
}


# Labels matched inside a printed parent region: (zh line, zh per example, en line)
_BY_COLUMN = (
    "行的地区名称按左侧地区列的上级匹配",
    "按左列",
    "rows' region names matched within the region printed in the column to their left",
)
_BY_HEADING = (
    "列的地区名称按其上方合并的地区匹配",
    "按上方",
    "columns' region names matched within the region printed over them",
)


def _within_note(
    g: Gazetteer, found: dict[tuple[str, str, str], int], zh: str, how: str, en: str
) -> tuple[str, str]:
    """One report line for the labels looked up inside the region a left column or a merged
    heading prints ((label, printed parent, code) → how many), with three examples."""
    eg = list(found)[:3]
    n = sum(found.values())
    return (
        f"{n} {zh}（如 "
        + "；".join(f"“{a}”{how}“{p}”匹配为 {g.full_name(c)}" for a, p, c in eg)
        + "）",
        f"{n} {en} (e.g. "
        + "; ".join(f"'{a}' within '{p}' → {g.full_name(c)}" for a, p, c in eg)
        + ")",
    )


def report_regions(
    rep: ImportReport,
    g: Gazetteer,
    matches: list[RegionMatch],
    data: list[int],
    n_row_matches: int,
    label_col: int,
    values: list[Column],
    col_region: dict[int, int],
    region_values: dict[int, int],
    header_row: int,
    label_cols: list[int] | None = None,
) -> None:
    """``label_cols``: the column of each row's label, when a table has several region
    columns (a city's own row prints it left of the county column)."""
    by_label: dict[str, UnmatchedRegion] = {}
    value_col = {idx: c for c in values if (idx := col_region.get(c.col)) is not None}
    letter = col_letter(label_col)

    def cell_of(i: int) -> str:
        if i < n_row_matches:
            return f"{col_letter(label_cols[i]) if label_cols else letter}{data[i] + 1}"
        if i in value_col:
            return f"{col_letter(value_col[i].col)}{header_row + 1}"
        return "-"

    prefixed: list[str] = []
    by_column: dict[tuple[str, str, str], int] = {}  # (label, printed parent, code) → rows
    by_heading: dict[tuple[str, str, str], int] = {}  # the same for region columns
    for i, m in enumerate(matches):
        if m.how == "prefix":
            prefixed.append(f"{m.label} → {g.full_name(m.code)}")
        if m.level == AGGREGATE:
            rep.aggregates.append(AggregateRow(m.label, m.kind, cell_of(i)))
        elif not m.code and m.label and region_values.get(i, 0) > 0:
            u = by_label.get(m.label)
            if u is None:
                u = by_label[m.label] = UnmatchedRegion(m.label, [], 0, list(m.suggestions))
            u.cells.append(cell_of(i))
            u.values += region_values[i]
            both = code_beside_name(m.label) if not any(u.reason) else None
            if both and both[0] in g.divisions:
                u.reason = (
                    f"代码 {both[0]}（{g.divisions[both[0]].name}）与名称“{both[1]}”不符",
                    f"code {both[0]} ({g.divisions[both[0]].name}) does not fit the name "
                    f"'{both[1]}'",
                )
            if not any(u.reason) and is_functional_area(name_key(m.label)):
                u.reason, u.suggestions = _ZONE_REASON, []  # look-alike names mislead here
            if m.how.startswith("outside:") and not any(u.reason) and i >= n_row_matches:
                u.reason = (  # a region column under a region merged over it
                    f"上方的地区为“{m.context}”，其下没有此地区（区划调整前的表，或印错？）",
                    f"the region printed over it says '{m.context}', which has no such unit "
                    "(a table from before a boundary change, or a slip?)",
                )
            elif m.how.startswith("outside:") and not any(u.reason):
                u.reason = (
                    f"左侧地区列为“{m.context}”，其下没有此地区（区划调整前的表，或印错？）",
                    f"the region column to its left says '{m.context}', which has no such unit "
                    "(a table from before a boundary change, or a slip?)",
                )
        elif m.how.startswith("column:") and i >= n_row_matches:
            key = (m.label, m.context, m.code)
            by_heading[key] = by_heading.get(key, 0) + 1
        elif m.how.startswith("column:"):
            key = (m.label, m.context, m.code)
            by_column[key] = by_column.get(key, 0) + 1
        elif m.how in ("level", "scope") or m.how.startswith(("within:", "parent:")):
            how = _HOW.get(
                m.how, ("按所在上级或本表范围", "within the parent or the table's province")
            )
            rep.inferred.append(
                (
                    f"“{m.label}”匹配为 {g.full_name(m.code)}（{how[0]}）",
                    f"'{m.label}' matched to {g.full_name(m.code)} ({how[1]})",
                )
            )
    rep.unmatched = list(by_label.values())
    for found, wording in ((by_column, _BY_COLUMN), (by_heading, _BY_HEADING)):
        if found:
            rep.inferred.append(_within_note(g, found, *wording))
    if prefixed:
        eg = "；".join(prefixed[:3])
        rep.inferred.append(
            (
                f"{len(prefixed)} 个地区名称带省/市前缀，按前缀匹配到最具体的地区（如 {eg}）",
                f"{len(prefixed)} region names carry their province/city as a prefix; matched to "
                f"the most specific unit within it (e.g. {eg})",
            )
        )


def report_columns(
    rep: ImportReport,
    values: list[Column],
    col_read: dict[int, Decision],
    col_all: dict[int, set[tuple[str, str]]],
    header_row: int,
) -> None:
    years = {d.year for d in col_read.values() if not d.skip}
    if rep.year_source == "" and years:
        by_cols = any(c.year is not None for c in values)
        rep.year_source = "columns" if by_cols else "rows"
    for c in values:
        d = col_read.get(c.col, Decision())
        seen = col_all.get(c.col, set())
        ind = d.indicator if len({i for i, _ in seen}) <= 1 else "（按行 / per row）"
        unit = d.unit + (
            f"（{d.original_unit}）" if d.original_unit and d.original_unit != d.unit else ""
        )
        if len({u for _, u in seen}) > 1:
            unit = "（按行 / per row）"
        rep.columns.append(
            ColumnReading(
                f"{col_letter(c.col)}{header_row + 1}",
                c.label,
                ind,
                d.year or c.year,
                unit,
                c.empty,
            )
        )
        if c.empty and c.path:
            rep.inferred.append(
                (
                    f"列“{c.label}”整列为空（可能尚未公布）",
                    f"column '{c.label}' is empty (not yet published?)",
                )
            )


def _block_keys_distinct(ex: Extracted, name_id: np.ndarray, pair_id: np.ndarray) -> bool:
    """Whether a full block with one region per row and one (indicator, year) per column has
    no repeated key: true exactly when the rows' region names are distinct and the columns'
    pairs are distinct, decided on the row and column arrays without a per-cell key."""
    if ex.block is None or ex.block[0] * ex.block[1] != len(ex.g):
        return False
    rows, width = ex.block
    g, d = ex.g.reshape(rows, width), ex.d.reshape(rows, width)
    if not ((g == g[:, :1]).all() and (d == d[0]).all()):
        return False
    return len(np.unique(name_id[g[:, 0]])) == rows and len(np.unique(pair_id[d[0]])) == width


def _clashes(
    tidy: pd.DataFrame, ex: Extracted, decisions: list[Decision], matches: list[RegionMatch]
) -> list[tuple[str, str, int]]:
    """(region, indicator, year) printed with different values. Duplicates are found on integer
    keys (one per region name and per indicator-year), not by hashing the table's strings."""
    names: dict[str, int] = {}  # one id per place (its code), or per printed name otherwise
    name_id = np.array(
        [
            names.setdefault(m.code or x, len(names))
            for m, x in zip(matches, region_names(matches), strict=True)
        ]
    )
    pairs: dict[tuple[str, int], int] = {}
    pair_id = np.array([pairs.setdefault((x.indicator, x.year), len(pairs)) for x in decisions])
    if _block_keys_distinct(ex, name_id, pair_id):
        return []
    key = name_id[ex.g].astype(np.int64) * max(len(pairs), 1) + pair_id[ex.d]
    if int(key.max()) < 8 * len(key) + 1024:
        dup = np.bincount(key)[key] > 1  # small key range: counting beats hashing
    else:
        dup = pd.Series(key).duplicated(keep=False).to_numpy()
    dup &= ~np.array([m.level == AGGREGATE for m in matches], bool)[ex.g]
    if not dup.any():
        return []
    clash = tidy[dup].groupby(["region_code", "region", "indicator", "year"])["value"].nunique()
    return [k[1:] for k in clash[clash > 1].index]


def add_warnings(
    rep: ImportReport,
    tidy: pd.DataFrame,
    ex: Extracted,
    decisions: list[Decision],
    matches: list[RegionMatch],
) -> None:
    c = rep.skipped_counts
    if c.get("no_year"):
        rep.warnings.append(
            (
                "表中没有找到年份：请在导入时指定年份（--year）",
                "no year found in the table: give the year (--year)",
            )
        )
    if c.get("no_table_region"):
        rep.warnings.append(
            (
                "表中没有写明地区（如“全市”）：请在导入时指定本表的地区（--region 代码）",
                "the table names no region (e.g. 全市, 'the whole city'): give the table's "
                "region (--region CODE)",
            )
        )
    if c.get("unit_ambiguous"):
        rep.warnings.append(
            (
                "部分数值单位不明确，未导入：请指定单位",
                "some values have no clear unit and were not imported: give the unit",
            )
        )
    if c.get("unit_mismatch"):
        rep.warnings.append(
            (
                "部分数值的单位与指标不符（例如人口用亿元），未导入",
                "some values have a unit that does not fit their indicator (e.g. population in 亿元); not imported",
            )
        )
    if c.get("no_indicator"):
        rep.warnings.append(
            ("部分列没有指标名称，未导入", "some columns have no indicator name; not imported")
        )
    if len(tidy):
        clash = _clashes(tidy, ex, decisions, matches)
        if clash:
            sample = "、".join(f"{a} {b} {y}" for a, b, y in clash[:5])
            rep.warnings.append(
                (
                    f"同一地区、指标、年份出现多个不同数值：{sample}",
                    f"the same region, indicator and year has different values: {sample}",
                )
            )
    if len(tidy):
        _absurd(rep, tidy)
    if not rep.imported and not rep.warnings:
        rep.warnings.append(("没有导入任何数值", "no value was imported"))


# Levels that cannot be negative, and a size no statistic of a Chinese region reaches in the
# indicator's own unit (亿元, 万人, 元…): past it a value is a typing or unit slip.
NON_NEGATIVE = frozenset(
    {
        "gdp",
        "gdp_per_capita",
        "population",
        "registered_population",
        "fiscal_revenue",
        "fixed_asset_investment",
        "retail_sales",
        "trade_total",
        "fiscal_expenditure",
    }
)
ABSURD_ABS = 1e8


def _absurd(rep: ImportReport, tidy: pd.DataFrame) -> None:
    """Imported as printed, but named: negative levels and values past any real magnitude."""
    v = tidy["value"].to_numpy(dtype=float)
    bad = np.abs(v) > ABSURD_ABS
    neg = v < 0
    if neg.any():  # the indicators (100,000 strings) are looked at only when a value is negative
        bad |= neg & tidy["indicator"].isin(NON_NEGATIVE).to_numpy()
    if not bad.any():
        return
    rows = tidy[bad]
    sample = "、".join(
        f"{r.cell} {r.indicator_label} {r.value:g} {r.unit}" for r in rows.head(3).itertuples()
    )
    rep.warnings.append(
        (
            f"{int(bad.sum())} 个数值异常（负数或数量级不合理），请核对：{sample}",
            f"{int(bad.sum())} implausible values (negative or far too large); check: {sample}",
        )
    )


# Figures imported from another printed form: (zh, en) with {n}, {cell}, {text}
_PRINTED_FORMS = {
    "magnitude": (
        "{n} 个数值带数量级文字（如 {cell}“{text}”），已换算为所在列的单位",
        "{n} values printed with a magnitude word (e.g. {cell} '{text}') were converted to "
        "their column's unit",
    ),
    "accounting": (
        "{n} 个数值按会计格式的括号读作负数（如 {cell}“{text}”）",
        "{n} values in accounting brackets were read as negatives (e.g. {cell} '{text}')",
    ),
}


def report_printed_forms(rep: ImportReport, ex: Extracted) -> None:
    """Say how figures printed with a magnitude word or in accounting brackets were read: the
    number imported is not the one printed, and the planner checks it against the page."""
    for form, (zh, en) in _PRINTED_FORMS.items():
        got = ex.printed_forms.get(form)
        if got:
            n, r, c, text = got
            cell = f"{col_letter(c)}{r + 1}"
            rep.inferred.append(
                (zh.format(n=n, cell=cell, text=text), en.format(n=n, cell=cell, text=text))
            )
