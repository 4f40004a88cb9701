"""敏感性 (sensitivity): the tornado of net 2030 GDP, and the P10/P50/P90 columns of 预测.

The tornado lists every uncertain parameter moved alone from its low to its high end (the others
at the scenario's values), largest swing first; the bands come from the Monte Carlo draws of
``core.uncertainty`` (Latin hypercube, the project's draws and seed, both stated on the sheet).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from openpyxl.chart import BarChart, Reference
from openpyxl.utils import get_column_letter

from workbench.core.model import PLAN_YEARS
from workbench.io.excel import styles
from workbench.io.excel.context import ExportContext
from workbench.io.excel.layout import SENSITIVITY

HEADER_ROW = 4
HEADERS = (
    "排名",
    "参数",
    "参数名称",
    "单位",
    "低值",
    "高值",
    "低值时输出（亿元）",
    "高值时输出（亿元）",
    "摆幅（亿元）",
)
CHART_ROWS = 15  # the chart shows the largest swings; the table lists every parameter
BAND_KEYS = ["region_code", "region", "metric", "basis", "component"]


def write_sensitivity(ctx: ExportContext, tornado: pd.DataFrame) -> None:
    book = ctx.book
    ws = book.sheet(SENSITIVITY)
    a = tornado.attrs
    where = "经济圈合计" if a.get("region") is None else f"规划单元 {a.get('region')}"
    styles.title(ws, f"敏感性分析 — 方案：{ctx.scenario.name}")
    u = ctx.project.uncertainty
    styles.note(
        ws,
        2,
        1,
        f"输出：{a.get('year', 2030)} 年{where}净增加值（属地口径），中心值 {a.get('central', 0.0):,.2f} 亿元。"
        "每次只把一个参数取到其区间的低值或高值，其余参数保持本方案取值；摆幅 = |高值时输出 − 低值时输出|。"
        f"“预测”表的 P10/P50/P90 来自 {u.draws} 次拉丁超立方抽样（随机种子 {u.seed}），方法见 docs/uncertainty.md。",
    )
    styles.header_row(ws, HEADER_ROW, HEADERS)
    r = HEADER_ROW + 1
    for row in tornado.itertuples(index=False):
        book.number(ws, r, 1, int(row.rank), styles.INTEGER)
        book.text(ws, r, 2, row.parameter)
        book.text(ws, r, 3, row.label_zh)
        book.label(ws, r, 4, row.unit)
        book.number(ws, r, 5, float(row.low_value), styles.RATIO)
        book.number(ws, r, 6, float(row.high_value), styles.RATIO)
        for c, v in ((7, row.output_low), (8, row.output_high), (9, row.swing)):
            book.number(ws, r, c, float(v), styles.MONEY)
        r += 1
    last = r - 1
    if last < HEADER_ROW + 1:
        ws.cell(HEADER_ROW + 1, 2, "（没有不确定参数：所有参数区间宽度为 0）")
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 3)
    widths = {i: [h] for i, h in enumerate(HEADERS, start=1)}
    widths[2].extend(tornado["parameter"].head(100).tolist())
    widths[3].extend(tornado["label_zh"].head(100).map(lambda s: s[:30]).tolist())
    styles.fit_widths(ws, widths)
    if last >= HEADER_ROW + 1:
        _chart(ws, min(last, HEADER_ROW + CHART_ROWS))


def _chart(ws, last: int) -> None:
    """Horizontal bars of output at low and at high for the largest swings."""
    chart = BarChart()
    chart.type = "bar"
    chart.title = "龙卷风图：参数取低值/高值时的输出（亿元）"
    chart.x_axis.title = "参数"
    chart.y_axis.title = "亿元"
    data = Reference(ws, min_col=7, max_col=8, min_row=HEADER_ROW, max_row=last)
    cats = Reference(ws, min_col=3, min_row=HEADER_ROW + 1, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    chart.x_axis.scaling.orientation = "maxMin"  # rank 1 at the top
    for series, colour in zip(chart.series, ("4e79a7", "e15759"), strict=False):
        series.graphicalProperties.solidFill = colour
    chart.height, chart.width = 12, 20
    ws.add_chart(chart, f"{get_column_letter(len(HEADERS) + 2)}{HEADER_ROW}")


def write_band_columns(
    ctx: ExportContext, ws, wide: pd.DataFrame, bands: pd.DataFrame | None, header: int, col0: int
) -> int:
    """P10/P50/P90 per plan year beside 预测's rows (``wide``'s order); the number of columns."""
    if bands is None or wide.empty:
        return 0
    heads = [f"{y}年 {p}" for y in PLAN_YEARS for p in ("P10", "P50", "P90")]
    styles.header_row(ws, header, heads, col=col0)
    b = bands[bands["scenario"] == ctx.scenario.name]
    piv = b.pivot_table(index=BAND_KEYS, columns="year", values=["p10", "p50", "p90"], sort=False)
    cols = [(p, y) for y in PLAN_YEARS for p in ("p10", "p50", "p90")]
    values = piv.reindex(index=wide.index, columns=cols).to_numpy(dtype=float)
    book = ctx.book
    money = np.array([m not in ("jobs",) for m in wide.index.get_level_values("metric")])
    for i, row in enumerate(values):
        fmt = styles.MONEY if money[i] else styles.PEOPLE
        for j, v in enumerate(row.tolist()):
            book.number(ws, header + 1 + i, col0 + j, v, fmt)
    for j in range(len(heads)):
        ws.column_dimensions[get_column_letter(col0 + j)].width = 12
    return len(heads)
