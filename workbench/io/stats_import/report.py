"""What the importer understood, in words a planner can check against the printed table."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from workbench.io.stats_import.indicators import BY_KEY
from workbench.io.stats_import.values import REASONS

# The unit as printed often carries its own label ("单位：亿元", "Unit: 100 million yuan"); the
# report adds the label once, so the printed one is dropped.
_UNIT_LABEL = re.compile(r"^\s*(?:单位|计量单位|unit)\s*[:：]\s*", re.IGNORECASE)


def unit_text(unit: str) -> str:
    """A printed unit without its own "单位：" label."""
    return _UNIT_LABEL.sub("", unit)


def indicator_label(key: str, lang: str) -> str:
    """The indicator's name in words (``gdp`` → 地区生产总值 / GDP); unknown keys as they are."""
    ind = BY_KEY.get(key)
    if ind is None:
        return key
    return ind.zh if lang == "zh" else ind.en


@dataclass
class SkippedValue:
    cell: str  # "C7"
    row_label: str
    column_label: str
    text: str  # the cell as printed
    reason: str  # a key of values.REASONS


@dataclass
class UnmatchedRegion:
    label: str
    cells: list[str]  # where it appears (first few)
    values: int  # values not imported because of it
    suggestions: list[str] = field(default_factory=list)
    reason: tuple[str, str] = ("", "")  # (zh, en) when more than "no place of this name"


@dataclass
class AggregateRow:
    label: str
    kind: str  # total / subtotal / group
    cell: str


@dataclass
class CheckFailure:
    """Children that do not add up to the subtotal printed above or below them."""

    total_label: str
    total_cell: str
    indicator: str
    year: int
    printed: float
    children_sum: float
    children: int
    tolerance: float
    unit: str

    @property
    def difference(self) -> float:
        return self.children_sum - self.printed


@dataclass
class ColumnReading:
    """How one value column was read (shown in the wizard next to the preview)."""

    cell: str  # header cell of the column, e.g. "C4"
    label: str
    indicator: str
    year: int | None
    unit: str
    empty: bool


@dataclass
class ImportReport:
    file: str = ""
    sheet: str = ""
    format: str = ""
    encoding: str = ""
    sheets_skipped: list[tuple[str, str, str]] = field(default_factory=list)  # name, zh, en
    title: str = ""
    english_title: str = ""
    table_number: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    header_rows: list[int] = field(default_factory=list)  # 0-based sheet rows
    data_rows: tuple[int, int] | None = None  # first and last, 0-based
    footer: list[str] = field(default_factory=list)
    unit: str = ""  # the table's unit statement as printed
    unit_source: tuple[str, str] = ("", "")  # where the unit came from (zh, en)
    year: int | None = None
    year_source: str = ""  # title / meta / columns / rows / user
    orientation: str = ""
    region_scope: str = ""  # e.g. "510000 四川省" when inferred
    columns: list[ColumnReading] = field(default_factory=list)
    imported: int = 0
    aggregate_values: int = 0
    skipped: list[SkippedValue] = field(default_factory=list)
    skipped_counts: Counter[str] = field(default_factory=Counter)
    unmatched: list[UnmatchedRegion] = field(default_factory=list)
    aggregates: list[AggregateRow] = field(default_factory=list)
    checks_passed: int = 0
    checks_failed: list[CheckFailure] = field(default_factory=list)
    inferred: list[tuple[str, str]] = field(default_factory=list)  # inferences, (zh, en)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # ambiguities to look at
    parts: list[ImportReport] = field(default_factory=list)  # one per sheet of a multi-sheet read
    tables: bool = False  # the parts are tables printed on one sheet, not sheets
    table_place: tuple[str, str] = ("", "")  # a part's table: where it is printed (zh, en)

    @property
    def ok(self) -> bool:
        """Nothing left that needs the planner's eye."""
        return not (self.unmatched or self.checks_failed or self.warnings)

    def lines(self, lang: str = "zh") -> list[str]:
        zh = lang == "zh"

        def t(a: str, b: str) -> str:
            return a if zh else b

        if self.parts:
            return self._parts_lines(t, lang)

        out = self._layout_lines(t, lang)
        out.append(
            t(
                f"已导入数值：{self.imported} 个（其中汇总行 {self.aggregate_values} 个）",
                f"Values imported: {self.imported} (of which {self.aggregate_values} on aggregate rows)",
            )
        )
        out += self._skipped_lines(t, zh)
        out += self._region_lines(t, zh)
        out += self._check_lines(t, lang)
        for a, b in self.warnings:
            out.append(t("注意：", "Warning: ") + (a if zh else b))
        for a, b in self.inferred:
            out.append(t("推断：", "Inferred: ") + (a if zh else b))
        for f in self.footer:
            out.append(t("表注：", "Table note: ") + f)
        return out

    def _parts_lines(self, t: Callable[[str, str], str], lang: str) -> list[str]:
        """Several sheets read alike: the totals, the sheets left out, then each sheet's report.
        Several tables of one sheet: the same, each table named by where it is printed."""
        if self.tables:
            return self._tables_lines(t, lang)
        out = [
            t(
                f"文件：{self.file}　共读取 {len(self.parts)} 个同版式工作表：{self.sheet}",
                f"File: {self.file}  {len(self.parts)} sheets laid out alike: "
                + ", ".join(p.sheet for p in self.parts),
            ),
            t(
                f"已导入数值：{self.imported} 个（其中汇总行 {self.aggregate_values} 个）",
                f"Values imported: {self.imported} (of which {self.aggregate_values} on aggregate rows)",
            ),
        ]
        for name, a, b in self.sheets_skipped:
            out.append(t(f"  跳过工作表“{name}”：{a}", f"  skipped sheet '{name}': {b}"))
        for part in self.parts:
            out.append("")
            out.append(t(f"—— 工作表“{part.sheet}” ——", f"—— sheet '{part.sheet}' ——"))
            out += part.lines(lang)
        return out

    def _tables_lines(self, t: Callable[[str, str], str], lang: str) -> list[str]:
        zh = lang == "zh"
        places = [p.table_place[0] if zh else p.table_place[1] for p in self.parts]
        out = [
            t(
                f"文件：{self.file}　工作表“{self.sheet}”中有 {len(self.parts)} 张表，分别读取："
                + "；".join(places),
                f"File: {self.file}  sheet '{self.sheet}' holds {len(self.parts)} tables, "
                "each read on its own: " + "; ".join(places),
            ),
            t(
                f"已导入数值：{self.imported} 个（其中汇总行 {self.aggregate_values} 个）",
                f"Values imported: {self.imported} (of which {self.aggregate_values} on aggregate rows)",
            ),
        ]
        for name, a, b in self.sheets_skipped:
            out.append(t(f"  跳过工作表“{name}”：{a}", f"  skipped sheet '{name}': {b}"))
        for a, b in self.warnings:
            out.append(t("注意：", "Warning: ") + (a if zh else b))
        for part, place in zip(self.parts, places, strict=True):
            out.append("")
            out.append(t(f"—— 表：{place} ——", f"—— table: {place} ——"))
            out += part.lines(lang)
        return out

    def _layout_lines(self, t: Callable[[str, str], str], lang: str) -> list[str]:
        """Where the table is and how it was read: file, title, rows, orientation, unit, columns."""
        zh = lang == "zh"
        out = [
            t(
                f"文件：{self.file}　工作表：{self.sheet}（{self.format}",
                f"File: {self.file}  sheet: {self.sheet} ({self.format}",
            )
            + (f", {self.encoding}" if self.encoding else "")
            + t("）", ")")
        ]
        for name, a, b in self.sheets_skipped:
            out.append(t(f"  跳过工作表“{name}”：{a}", f"  skipped sheet '{name}': {b}"))
        if self.table_number or self.title:
            out.append(
                t("标题：", "Title: ")
                + " ".join(x for x in (self.table_number, self.title) if x)
                + (f" / {self.english_title}" if self.english_title else "")
            )
        for k, v in self.meta.items():
            out.append(f"  {k}：{v}")
        hdr = ", ".join(str(r + 1) for r in self.header_rows) or t("无", "none")
        out.append(t(f"表头行：第 {hdr} 行", f"Header rows: {hdr}"))
        if self.data_rows:
            a, b = self.data_rows
            out.append(t(f"数据行：第 {a + 1}–{b + 1} 行", f"Data rows: {a + 1}–{b + 1}"))
        out.append(t("方向：", "Orientation: ") + orientation_label(self.orientation, lang))
        unit = unit_text(self.unit) if self.unit else ""
        unit = unit or t("（表中未统一说明）", "(no table-wide statement)")
        us = self.unit_source[0] if zh else self.unit_source[1]
        out.append(
            t(f"单位：{unit}", f"Unit: {unit}")
            + ((f"（{us}）" if zh else f" ({us})") if us else "")
        )
        year = str(self.year) if self.year else t("见各列/各行", "per column/row")
        src = SOURCE_LABELS.get(self.year_source, (self.year_source, self.year_source))
        out.append(
            t(f"年份：{year}", f"Year: {year}")
            + ((f"（{src[0]}）" if zh else f" ({src[1]})") if self.year_source else "")
        )
        if self.region_scope:
            out.append(
                t(
                    f"地区范围（推断）：{self.region_scope}",
                    f"Region scope (inferred): {self.region_scope}",
                )
            )
        if self.columns:
            out.append(t("各列：", "Columns:"))
            for c in self.columns:
                extra = t("（整列为空）", " (column empty)") if c.empty else ""
                year = c.year if c.year is not None else "-"
                ind = indicator_label(c.indicator, lang) if c.indicator else "?"
                out.append(f"  {c.cell} {c.label or '-'} → {ind}, {year}, {c.unit or '?'}{extra}")
        return out

    def _skipped_lines(self, t: Callable[[str, str], str], zh: bool) -> list[str]:
        """Skipped values by reason, the first 30 non-empty ones in full."""
        out: list[str] = []
        if self.skipped_counts:
            parts = [
                f"{REASONS[k][0] if zh else REASONS[k][1]} {n}"
                for k, n in self.skipped_counts.most_common()
            ]
            out.append(t("跳过的数值：", "Values skipped: ") + ("；" if zh else "; ").join(parts))
            shown = [s for s in self.skipped if s.reason != "empty"][:30]
            for s in shown:
                r = REASONS[s.reason]
                out.append(
                    f"  {s.cell} [{s.row_label} / {s.column_label}] “{s.text}”：{r[0] if zh else r[1]}"
                )
            rest = sum(1 for s in self.skipped if s.reason != "empty") - len(shown)
            if rest > 0:
                out.append(t(f"  ……另有 {rest} 个", f"  … and {rest} more"))
        return out

    def _region_lines(self, t: Callable[[str, str], str], zh: bool) -> list[str]:
        """Regions not matched (with suggestions) and the rows read as totals or groups."""
        out: list[str] = []
        if self.unmatched:
            out.append(
                t(
                    f"未匹配的地区：{len(self.unmatched)} 个",
                    f"Regions not matched: {len(self.unmatched)}",
                )
            )
            for u in self.unmatched:
                sug = ("、" if zh else ", ").join(u.suggestions[:5])
                why = t(*u.reason)
                out.append(
                    f"  {u.label}（{', '.join(u.cells[:3])}，{u.values} {t('个数值', 'values')}）"
                    + (f"{t('：', ': ')}{why}" if why else "")
                    + (
                        t(
                            f"{'；' if why else '：'}是否指 {sug}？",
                            f"{'; ' if why else ': '}did you mean {sug}?",
                        )
                        if sug
                        else ""
                    )
                )
        if self.aggregates:
            kinds = {
                "total": ("合计", "total"),
                "subtotal": ("小计", "subtotal"),
                "group": ("分组", "group"),
            }
            out.append(
                t(
                    "汇总/分组行（不作为地区导入）：",
                    "Totals and groups (not imported as regions): ",
                )
                + ("、" if zh else ", ").join(
                    f"{a.label}[{kinds.get(a.kind, (a.kind, a.kind))[0 if zh else 1]}]"
                    for a in self.aggregates
                )
            )
        return out

    def _check_lines(self, t: Callable[[str, str], str], lang: str) -> list[str]:
        """Subtotal checks: the count, then each failure with its figures."""
        out: list[str] = []
        if self.checks_passed or self.checks_failed:
            out.append(
                t(
                    f"合计校验：通过 {self.checks_passed} 项，未通过 {len(self.checks_failed)} 项",
                    f"Subtotal checks: {self.checks_passed} passed, {len(self.checks_failed)} failed",
                )
            )
            for f in self.checks_failed:
                ind = indicator_label(f.indicator, lang)
                out.append(
                    t(
                        f"  {f.total_cell} {f.total_label} {ind} {f.year}：印刷值 {f.printed:g} {f.unit}，"
                        f"{f.children} 个下级合计 {f.children_sum:g} {f.unit}，相差 {f.difference:+g}（容差 {f.tolerance:g}）",
                        f"  {f.total_cell} {f.total_label} {ind} {f.year}: printed {f.printed:g} {f.unit}, "
                        f"{f.children} parts sum to {f.children_sum:g} {f.unit}, off by {f.difference:+g} "
                        f"(tolerance {f.tolerance:g})",
                    )
                )
        return out


SOURCE_LABELS = {
    "title": ("取自标题", "from the title"),
    "meta": ("取自“时间”行", "from the 时间 line"),
    "columns": ("取自列标题", "from the column headers"),
    "rows": ("取自年份列", "from the year column"),
    "user": ("用户指定", "given by the user"),
    "sheet": ("取自工作表名", "from the sheet's name"),
    "file": ("取自文件名", "from the file's name"),
}

_ORIENT = {
    "regions_by_indicators": ("行为地区，列为指标", "regions in rows, indicators in columns"),
    "regions_by_years": ("行为地区，列为年份", "regions in rows, years in columns"),
    "indicators_by_years": ("行为指标，列为年份", "indicators in rows, years in columns"),
    "indicators_by_regions": ("行为指标，列为地区", "indicators in rows, regions in columns"),
    "years_by_regions": ("行为年份，列为地区", "years in rows, regions in columns"),
    "years_by_indicators": ("行为年份，列为指标", "years in rows, indicators in columns"),
    # no key column found (e.g. rows labelled by dates that name no year): said, not a raw key
    "values_by_indicators": (
        "未找到地区、指标或年份列；列为指标",
        "no region, indicator or year column; indicators in columns",
    ),
    "values_by_years": (
        "未找到地区、指标或年份列；列为年份",
        "no region, indicator or year column; years in columns",
    ),
    "values_by_regions": (
        "未找到地区、指标或年份列；列为地区",
        "no region, indicator or year column; regions in columns",
    ),
    "long": (
        "长表（每行一个数值，地区/年份/指标各占一列）",
        "long table (one value per row; region, year, indicator columns)",
    ),
}


def orientation_label(key: str, lang: str = "zh") -> str:
    zh, en = _ORIENT.get(key, (key, key))
    return zh if lang == "zh" else en
