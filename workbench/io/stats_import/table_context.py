"""What the whole table says about every value: its year, indicator, unit and region, from the
title, the meta lines (``时间：``, ``指标：``, ``地区：``), the unit statement (else the unit bracket
the title ends with) and the user's overrides. Written into the report as it is found, so the
planner sees where each came from."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from workbench.core.gazetteer import Gazetteer
from workbench.io.stats_import import indicators, units
from workbench.io.stats_import.axes import Axis
from workbench.io.stats_import.regions import RegionMatch, RegionMatcher
from workbench.io.stats_import.report import ImportReport
from workbench.io.stats_import.result import ImportOverrides
from workbench.io.stats_import.table_model import Layout
from workbench.io.stats_import.values import partial_period, single_year_in


@dataclass
class TableContext:
    year: int | None = None
    indicator: list[str] = field(default_factory=list)  # [label] from 指标： or the title
    table_units: list[str] = field(default_factory=list)  # unit tokens of the table's statement
    unit: str | None = None  # unit printed with the 指标 label
    region: RegionMatch | None = None  # the region a single-region table is about


def read_context(
    lay: Layout,
    ov: ImportOverrides,
    matcher: RegionMatcher,
    rep: ImportReport,
    sheet_name: str = "",
    file_name: str = "",
) -> TableContext:
    """The table-wide year, indicator, unit and region; fills the report's detected fields.
    The year comes from the user, the 时间 line, the title, then the sheet's name and the file's
    (one sheet per year: "2022年"), before the report asks for it."""
    ctx = TableContext()
    rep.title = " ".join(lay.titles)
    rep.english_title = " ".join(lay.english_titles)
    rep.table_number = lay.table_number
    rep.meta = dict(lay.meta)
    rep.header_rows = list(lay.header_rows)
    if lay.data_rows:
        rep.data_rows = (lay.data_rows[0], lay.data_rows[-1])
    rep.footer = list(lay.footer_texts)
    rep.orientation = lay.orientation
    rep.inferred.extend(lay.notes)
    for r, a, b in lay.skipped_rows:
        rep.inferred.append((f"第 {r + 1} 行：{a}，已跳过", f"row {r + 1}: {b}, skipped"))
    # year
    if ov.year is not None:
        ctx.year, rep.year_source = ov.year, "user"
    else:
        t_year = _year_of(" ".join(lay.titles), rep)
        m_year = _year_of(lay.meta.get("时间", ""), rep)
        if m_year is not None:
            ctx.year, rep.year_source = m_year, "meta"
        elif t_year is not None:
            ctx.year, rep.year_source = t_year, "title"
        elif not (
            Axis.YEAR in lay.row_axes or any(c.year is not None for c in lay.value_columns)
        ):  # a name's year is the table's only when the table names none itself
            ctx.year, rep.year_source = _name_year(sheet_name, file_name, rep)
    rep.year = ctx.year
    # indicator from the meta line or the title
    if lay.meta.get("指标"):
        ctx.indicator = [lay.meta["指标"]]
    elif lay.titles:
        key = indicators.in_title(" ".join(lay.titles))
        if key:
            ctx.indicator = [indicators.BY_KEY[key].zh]
    # unit
    from_title = False
    if ov.unit:
        ctx.table_units = units.unit_tokens(ov.unit) or [ov.unit]
        rep.unit, rep.unit_source = ov.unit, ("用户指定", "given by the user")
    elif lay.unit_tokens:
        ctx.table_units = lay.unit_tokens
        rep.unit = lay.unit_statement
        _title_unit_overruled(lay, rep)
    elif lay.title_unit_tokens:
        ctx.table_units, from_title = lay.title_unit_tokens, True
    ctx.unit = indicators.inline_unit(ctx.indicator[0]) if ctx.indicator else None
    if not rep.unit and ctx.unit:
        rep.unit, rep.unit_source = ctx.unit, ("取自“指标”行", "from the 指标 line")
    if not rep.unit and from_title:  # a 指标 line's own unit is the more specific
        rep.unit, rep.unit_source = lay.title_unit, ("取自标题", "from the title")
    # the region a single-region table is about
    label, source = "", ("", "")
    if ov.region:
        m = RegionMatch(label=ov.region)
        matcher._fill(m, ov.region, "manual")
        ctx.region = m
        rep.inferred.append(
            (
                f"整表地区：{m.name}（{m.code}，用户指定）",
                f"whole table is about {m.name} ({m.code}, given by the user)",
            )
        )
    elif lay.meta.get("地区"):
        label = lay.meta["地区"]
    elif (
        Axis.REGION not in lay.row_axes
        and Axis.CODE not in lay.row_axes
        and lay.col_axis is not Axis.REGION
    ):
        label, source = _region_named(matcher.g, lay, sheet_name, file_name)
    if label:
        ctx.region = matcher.match_all([label], hierarchy=False)[0]
        if ctx.region.code:
            rep.inferred.append(
                (
                    f"整表地区：{ctx.region.name}（{ctx.region.code}）{source[0]}",
                    f"whole table is about {ctx.region.name} ({ctx.region.code}){source[1]}",
                )
            )
    return ctx


def _region_named(
    g: Gazetteer, lay: Layout, sheet_name: str, file_name: str
) -> tuple[str, tuple[str, str]]:
    """The place a table without a region column is about, from its title, else the sheet's
    name (a workbook of one sheet per city: 成都市, 德阳市), else the file's (成都市主要指标.csv),
    with where it was found for the report."""
    if lay.titles:
        label = _region_in_title(g, " ".join(lay.titles))
        if label:
            return label, ("", "")
    stem = Path(file_name).stem
    for name, where in (
        ("" if sheet_name == stem else sheet_name, ("，取自工作表名", ", from the sheet's name")),
        (stem, ("，取自文件名", ", from the file's name")),
    ):
        if not name:
            continue
        whole = _TITLE_LEAD.sub("", unicodedata.normalize("NFKC", name).strip(), count=1)
        # a sheet named after its place alone (德阳, 渝北) or a name starting with one
        label = whole if whole and g.lookup(whole).code else _region_in_title(g, name)
        if label:
            return label, where
    return "", ("", "")


def _title_unit_overruled(lay: Layout, rep: ImportReport) -> None:
    """A title whose bracket names another unit than the 单位 line: the line is read (it is the
    bureau's statement for the figures), but one of the two is a misprint worth a look."""
    if lay.title_unit_tokens and set(lay.title_unit_tokens) != set(lay.unit_tokens):
        said = "、".join(lay.title_unit_tokens)
        used = "、".join(lay.unit_tokens)
        rep.warnings.append(
            (
                f"标题中的单位（{said}）与单位说明（{used}）不一致，按单位说明读取",
                f"the title's unit ({said}) differs from the unit statement ({used}); "
                "read in the statement's",
            )
        )


# What a title may say before the place it is about: a table number, the year and the period
# (3-1, 2023年, 2023年1-12月, 2023年一季度, 2023年度): 2023年1-12月成都市主要经济指标.
_TITLE_LEAD = re.compile(
    r"^\s*(?:表\s*)?(?:\d+(?:\s*[-—–.]\s*\d+)+\s+|表\s*\d+\s*)?"  # 3-1, 表2-10, 表3
    r"(?:(?:19|20)\d{2}\s*年(?:度|末|底)?)?\s*"
    r"(?:\d{1,2}\s*[-—–~至到]\s*\d{1,2}\s*月(?:份)?|\d{1,2}\s*月(?:份)?|[一二三四1-4]\s*季度"
    r"|上半年|下半年|前三季度|全年)?\s*"
)


def _region_in_title(g: Gazetteer, title: str) -> str:
    """The place a single-region table's title starts with, after its number and period."""
    t = unicodedata.normalize("NFKC", title).strip()
    t = _TITLE_LEAD.sub("", t, count=1)
    for n in range(min(len(t), 12), 1, -1):
        prefix = t[:n]
        if prefix[-1] in "省市区县州" and g.lookup(prefix).code:
            return prefix
    return ""


def _name_year(sheet_name: str, file_name: str, rep: ImportReport) -> tuple[int | None, str]:
    """The year a sheet's or file's name gives, if exactly one. A yearbook's edition year
    (四川统计年鉴2023) is the year after its data, so a name saying 年鉴 gives none."""
    stem = Path(file_name).stem
    sheet_name = "" if sheet_name == stem else sheet_name  # a csv's one sheet is named after it
    for name, source in ((sheet_name, "sheet"), (stem, "file")):
        if not name:
            continue
        y = _year_of(name, rep)
        if y is None:
            continue
        if "年鉴" in name:
            rep.inferred.append(
                (
                    f"名称“{name}”中的 {y} 是年鉴版次（数据通常为上一年），未作为年份",
                    f"{y} in '{name}' is a yearbook edition (its data are usually of the year "
                    "before); not taken as the year",
                )
            )
            return None, ""
        return y, source
    return None, ""


def _year_of(text: str, rep: ImportReport) -> int | None:
    """The one year ``text`` names, unless it says its figures cover part of a year (1-6月,
    一季度): a half-year total stored as the year's would be a wrong number nobody sees."""
    y = single_year_in(text) if text else None
    part = partial_period(text) if y is not None else ""
    if part:
        warn = (
            f"“{text}”中的“{part}”表示不足一年的数据，未把 {y} 作为全年年份；确认后可指定年份",
            f"'{text}' says '{part}' (less than a year): {y} not taken as the year; give the "
            "year if these are annual figures",
        )
        if warn not in rep.warnings:
            rep.warnings.append(warn)
        return None
    return y
