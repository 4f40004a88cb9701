"""预测 (projections): the engine's effects by city, year and component, with a circle-wide summary
and a stacked chart of where the value added comes from."""

from __future__ import annotations

import pandas as pd
from openpyxl.chart import BarChart, Reference
from openpyxl.utils import get_column_letter

from workbench.core.colours import OTHER_COLOUR, region_colour
from workbench.core.model import PLAN_YEARS
from workbench.core.projections import vocabulary as voc
from workbench.io.excel import styles
from workbench.io.excel.context import ExportContext
from workbench.io.excel.layout import PROJECTIONS
from workbench.io.excel.projections import ProjectionTables
from workbench.io.excel.sheet_sensitivity import write_band_columns

HEADER_ROW = 3
# Labels, order and units come from the projection vocabulary: the sheet says what the screen says.
METRIC_ZH = {m.key: m.zh for m in voc.METRICS}
BASIS_ZH = {b.key: b.zh for b in voc.BASES}
COMPONENT_ZH = {c.key: c.zh for c in voc.COMPONENTS}
HEADERS = (
    "城市代码",
    "城市",
    "指标",
    "口径",
    "构成",
    "单位",
    *(f"{y}年" for y in PLAN_YEARS),
    "可加总",
)
_YEAR0 = 7  # column G
_SUMMARY_COL = len(HEADERS) + 2  # one blank column, then the summary block


def write_projections(ctx: ExportContext, tables: ProjectionTables) -> None:
    book = ctx.book
    ws = book.sheet(PROJECTIONS)
    styles.title(ws, f"效益预测 — 方案：{ctx.scenario.name}")
    notes = "；".join(zh for zh, _ in tables.notes)
    styles.note(
        ws,
        2,
        1,
        "产出、增加值、税收单位为亿元，就业单位为人；统计口径按园区 GDP 分计规则，财政口径为地方财政收入；"
        "“不可加总”的行含双方全额计入的园区 GDP，不能跨城市相加。"
        + (f"模型说明：{notes}" if notes else ""),
    )
    styles.header_row(ws, HEADER_ROW, HEADERS)
    df = tables.effects
    df = df[df["scenario"] == ctx.scenario.name] if "scenario" in df and len(df) else df
    first = HEADER_ROW + 1
    wide = _wide(df)
    r = first
    matrix = wide[list(PLAN_YEARS)].to_numpy(dtype=float) if not wide.empty else []
    summable = wide["summable"].to_numpy() if not wide.empty else []
    for key, values, ok in zip(wide.index, matrix, summable, strict=True):
        code, region, metric, basis, component = key
        unit = voc.UNITS.get(metric, voc.MONEY)
        fmt = styles.PEOPLE if unit == voc.PEOPLE else styles.MONEY
        book.text(ws, r, 1, code)
        book.text(ws, r, 2, region)
        book.label(ws, r, 3, METRIC_ZH.get(metric, metric))
        book.label(ws, r, 4, BASIS_ZH.get(basis, basis))
        book.label(ws, r, 5, COMPONENT_ZH.get(component, component))
        book.label(ws, r, 6, unit)
        for i, v in enumerate(values.tolist()):
            book.number(ws, r, _YEAR0 + i, v, fmt)
        book.label(ws, r, _YEAR0 + len(PLAN_YEARS), "是" if ok else "否（不可加总）")
        r += 1
    last = max(r - 1, first)
    if wide.empty:
        ws.cell(first, 2, "（没有预测结果：本方案尚无分配或园区）")
    n_band = write_band_columns(ctx, ws, wide, tables.bands, HEADER_ROW, len(HEADERS) + 1)
    _summary(ctx, ws, wide, first, last, _SUMMARY_COL + n_band)
    ws.freeze_panes = ws.cell(first, 3)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(HEADERS) + n_band)}{last}"
    widths: dict[int, list[object]] = {i: [h] for i, h in enumerate(HEADERS, start=1)}
    widths[2].extend(wide.index.get_level_values(1)[:200] if not wide.empty else [])
    widths[3].append(METRIC_ZH["gdp"])
    widths[4].append(BASIS_ZH["statistical"])
    widths[5].append(COMPONENT_ZH["network_spillover"])
    for i in range(len(PLAN_YEARS)):
        widths[_YEAR0 + i].append(12345.67)
    widths[_YEAR0 + len(PLAN_YEARS)].append("否（不可加总）")
    styles.fit_widths(ws, widths)
    styles.print_setup(ws, f"{HEADER_ROW}:{HEADER_ROW}")


def _wide(df: pd.DataFrame) -> pd.DataFrame:
    """One row per city × metric × basis × component, one column per year (+ summable)."""
    if df.empty:
        return pd.DataFrame(columns=[*PLAN_YEARS, "summable"])
    keys = ["region_code", "region", "metric", "basis", "component"]
    values = df.pivot_table(index=keys, columns="year", values="value", aggfunc="sum", sort=False)
    summable = df.groupby(keys, sort=False)["summable"].all()
    wide = values.reindex(columns=list(PLAN_YEARS), fill_value=0.0)
    wide["summable"] = summable
    order = {
        "metric": {m: i for i, m in enumerate(METRIC_ZH)},
        "basis": {b: i for i, b in enumerate(BASIS_ZH)},
        "component": {c: i for i, c in enumerate(COMPONENT_ZH)},
    }
    idx = wide.index.to_frame(index=False)
    sort = pd.DataFrame(
        {
            "code": idx["region_code"],
            "m": idx["metric"].map(order["metric"]),
            "b": idx["basis"].map(order["basis"]),
            "c": idx["component"].map(order["component"]),
        }
    )
    return wide.iloc[sort.sort_values(["code", "m", "b", "c"], kind="stable").index]


def _summary(
    ctx: ExportContext, ws, wide: pd.DataFrame, first: int, last: int, col0: int = _SUMMARY_COL
) -> None:
    """Circle-wide value added by year and component (SUMIFS over the table), and its chart."""
    book = ctx.book
    ws.cell(
        HEADER_ROW - 1, col0, "经济圈合计：增加值（GDP，属地口径，亿元）"
    ).font = styles.BOLD_FONT
    comps = list(voc.PARTS)
    styles.header_row(
        ws, HEADER_ROW, ("年份", *(COMPONENT_ZH[c] for c in comps), "合计（亿元）"), col=col0
    )
    L = get_column_letter
    rng = lambda c: f"${L(c)}${first}:${L(c)}${last}"  # noqa: E731
    if wide.empty:
        sel = wide
    else:
        idx = wide.index.to_frame(index=False)
        mask = ((idx["metric"] == "gdp") & (idx["basis"] == "location")).to_numpy()
        sel = wide[mask]
    for i, y in enumerate(PLAN_YEARS):
        r = HEADER_ROW + 1 + i
        ws.cell(r, col0, y)
        ycol = _YEAR0 + i
        for j, comp in enumerate(comps, start=1):
            value = (
                float(sel[sel.index.get_level_values("component") == comp][y].sum())
                if len(sel)
                else 0.0
            )
            book.formula(
                ws,
                r,
                col0 + j,
                f'SUMIFS({rng(ycol)},{rng(3)},"{METRIC_ZH["gdp"]}",{rng(4)},"{BASIS_ZH["location"]}",'
                f'{rng(5)},"{COMPONENT_ZH[comp]}")',
                value,
                styles.MONEY,
            )
        total = sum(
            ctx.book.cached(PROJECTIONS)[f"{L(col0 + j)}{r}"] for j in range(1, len(comps) + 1)
        )
        book.formula(
            ws,
            r,
            col0 + len(comps) + 1,
            f"SUM({L(col0 + 1)}{r}:{L(col0 + len(comps))}{r})",
            total,
            styles.MONEY,
        )
    for j in range(len(comps) + 2):
        ws.column_dimensions[L(col0 + j)].width = 14
    chart = BarChart()
    chart.type = "col"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.title = "增加值（GDP）按构成，亿元"
    chart.y_axis.title = "亿元"
    chart.x_axis.title = "年份"
    top = HEADER_ROW
    data = Reference(
        ws, min_col=col0 + 1, max_col=col0 + len(comps), min_row=top, max_row=top + len(PLAN_YEARS)
    )
    cats = Reference(ws, min_col=col0, min_row=top + 1, max_row=top + len(PLAN_YEARS))
    chart.add_data(data, titles_from_data=True)
    for series, comp in zip(chart.series, comps, strict=True):  # the colours of the screen
        series.graphicalProperties.solidFill = voc.COMPONENT[comp].colour.lstrip("#")
    chart.set_categories(cats)
    chart.height, chart.width = 8, 16
    ws.add_chart(chart, f"{L(col0)}{top + len(PLAN_YEARS) + 3}")
    _city_summary(ctx, ws, sel, first, last, col0 + len(comps) + 3)


TOP_CITIES = 8  # as on screen: the largest cities apart, the rest as 其他


# Kept whole on purpose (82 lines): table and chart share its column arithmetic (col0, n_series),
# and the gross/net display work due next edits this function; a split now would only move lines.
def _city_summary(
    ctx: ExportContext, ws, sel: pd.DataFrame, first: int, last: int, col0: int
) -> None:
    """Value added by year for the largest cities (SUMIFS over the table) and its stacked chart,
    each city in its colour on screen (``core.colours``): a city keeps its colour everywhere."""
    book, L = ctx.book, get_column_letter
    rng = lambda c: f"${L(c)}${first}:${L(c)}${last}"  # noqa: E731
    if len(sel):
        totals = sel[sel.index.get_level_values("component") == voc.TOTAL][list(PLAN_YEARS)]
        by_city = totals.groupby(level=["region_code", "region"], sort=False).sum()
    else:
        index = pd.MultiIndex.from_arrays([[], []], names=["region_code", "region"])
        by_city = pd.DataFrame(columns=list(PLAN_YEARS), index=index, dtype=float)
    weight = by_city.abs().sum(axis=1)
    by_city = by_city[weight > 0]
    by_city = by_city.loc[weight[weight > 0].sort_values(ascending=False, kind="stable").index]
    top = by_city.iloc[:TOP_CITIES]
    n_rest = len(by_city) - len(top)
    ws.cell(HEADER_ROW - 1, col0, "主要城市：增加值（GDP，属地口径，亿元）").font = styles.BOLD_FONT
    names = [str(r) for _c, r in top.index]
    heads = ("年份", *names, *([f"其他 {n_rest} 个市/区县"] if n_rest else []), "合计（亿元）")
    styles.header_row(ws, HEADER_ROW, heads, col=col0)
    n_series = len(heads) - 2
    for i, y in enumerate(PLAN_YEARS):
        r = HEADER_ROW + 1 + i
        ws.cell(r, col0, y)
        ycol = _YEAR0 + i
        criteria = (
            f'{rng(3)},"{METRIC_ZH["gdp"]}",{rng(4)},"{BASIS_ZH["location"]}",'
            f'{rng(5)},"{COMPONENT_ZH[voc.TOTAL]}"'
        )
        everything = float(by_city[y].sum()) if len(by_city) else 0.0
        for j, name in enumerate(names, start=1):
            quoted = name.replace('"', '""')
            book.formula(
                ws,
                r,
                col0 + j,
                f'SUMIFS({rng(ycol)},{rng(2)},"{quoted}",{criteria})',
                float(top[y].iloc[j - 1]),
                styles.MONEY,
            )
        total_cell = f"{L(col0 + n_series + 1)}{r}"
        if n_rest:
            shown = f"{L(col0 + 1)}{r}:{L(col0 + len(names))}{r}" if names else ""
            book.formula(
                ws,
                r,
                col0 + n_series,
                f"{total_cell}-SUM({shown})" if shown else f"{total_cell}",
                everything - float(top[y].sum()),
                styles.MONEY,
            )
        book.formula(
            ws, r, col0 + n_series + 1, f"SUMIFS({rng(ycol)},{criteria})", everything, styles.MONEY
        )
    for j in range(n_series + 2):
        ws.column_dimensions[L(col0 + j)].width = 14
    if not n_series:
        return
    chart = BarChart()
    chart.type = "col"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.title = "增加值（GDP）按城市，亿元"
    chart.y_axis.title = "亿元"
    chart.x_axis.title = "年份"
    data = Reference(
        ws,
        min_col=col0 + 1,
        max_col=col0 + n_series,
        min_row=HEADER_ROW,
        max_row=HEADER_ROW + len(PLAN_YEARS),
    )
    cats = Reference(ws, min_col=col0, min_row=HEADER_ROW + 1, max_row=HEADER_ROW + len(PLAN_YEARS))
    chart.add_data(data, titles_from_data=True)
    colours = [region_colour(str(c)) for c, _r in top.index] + [OTHER_COLOUR] * bool(n_rest)
    for series, colour in zip(chart.series, colours, strict=True):  # the colours on screen
        series.graphicalProperties.solidFill = colour.lstrip("#")
    chart.set_categories(cats)
    chart.height, chart.width = 8, 16
    ws.add_chart(chart, f"{L(col0)}{HEADER_ROW + len(PLAN_YEARS) + 3}")
