"""预测 (projections): the engine's effects by city, year and component."""

from __future__ import annotations

from workbench.io.excel import styles
from workbench.io.excel.context import ExportContext
from workbench.io.excel.layout import PROJECTIONS
from workbench.io.excel.projections import ProjectionTables

HEADER_ROW = 3


def write_projections(ctx: ExportContext, tables: ProjectionTables) -> None:
    book = ctx.book
    ws = book.sheet(PROJECTIONS)
    styles.title(ws, f"效益预测 — 方案：{ctx.scenario.name}")
    df = tables.effects
    headers = ("城市代码", "城市", "年份", "指标", "构成", "口径", "数值", "单位", "可加总")
    styles.header_row(ws, HEADER_ROW, headers)
    r = HEADER_ROW + 1
    cols = (
        "region_code",
        "region",
        "year",
        "metric",
        "component",
        "basis",
        "value",
        "unit",
        "summable",
    )
    for rec in df.loc[:, list(cols)].itertuples(index=False):
        code, region, year, metric, component, basis, value, unit, summable = rec
        book.text(ws, r, 1, code)
        book.text(ws, r, 2, region)
        ws.cell(r, 3, int(year))
        book.text(ws, r, 4, metric)
        book.text(ws, r, 5, component)
        book.text(ws, r, 6, basis)
        book.number(ws, r, 7, float(value), styles.PEOPLE if unit == "人" else styles.MONEY)
        book.text(ws, r, 8, unit)
        ws.cell(r, 9, "是" if summable else "否（不可加总）")
        r += 1
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
    ws.auto_filter.ref = f"A{HEADER_ROW}:I{max(r - 1, HEADER_ROW + 1)}"
    styles.fit_widths(ws, {i: [h] for i, h in enumerate(headers, start=1)}, minimum=12)
    styles.print_setup(ws, f"{HEADER_ROW}:{HEADER_ROW}")
