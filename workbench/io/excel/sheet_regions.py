"""地区 (regions): every county and Chongqing district side by side — GDP, baseline growth,
budget revenue, GDP per capita, the projected net uplift and its share of the baseline, the 千亿
mark and the year 千亿 is reached under the baseline and under the draft — ranked by GDP, then
the structure indicators' readings (产业同构, polycentric network) with their method.

Values are the app's (``core.regions.compare_regions``), written as numbers, not formulas: they
come from imported statistics and the projection engine, which Excel cannot recompute.
"""

from __future__ import annotations

import math

from workbench.core.enums import Level
from workbench.core.regions.compare import compare_regions
from workbench.core.regions.indicators import centrality, similarity
from workbench.core.regions.levels import SICHUAN, level_of
from workbench.io.excel import styles
from workbench.io.excel.context import ExportContext
from workbench.io.excel.layout import REGIONS

HEADER_ROW = 4
# (header, frame column, number format or None for text)
COLUMNS: tuple[tuple[str, str, str | None], ...] = (
    ("排名", "rank", styles.INTEGER),
    ("地区代码", "region_code", None),
    ("地区", "region", None),
    ("上级", "parent", None),
    ("都市圈", "metro", None),
    ("数据年份", "gdp_year", styles.INTEGER),
    ("GDP（亿元）", "gdp", styles.MONEY),
    ("基线增速（%）", "growth_pct", styles.RATIO),
    ("一般公共预算收入（亿元）", "fiscal_revenue", styles.MONEY),
    ("人均GDP（万元）", "gdp_per_capita", styles.RATIO),
    ("预测净增量（亿元）", "uplift", "#,##0.000"),
    ("增量占基线（%）", "uplift_pct", "0.000"),
    ("千亿县", "qianyi", None),
    ("达千亿年份·基线", "qianyi_year_baseline", styles.INTEGER),
    ("达千亿年份·方案", "qianyi_year_draft", styles.INTEGER),
)


def write_regions(ctx: ExportContext, engine: object = None) -> None:
    book, project, sc = ctx.book, ctx.project, ctx.scenario
    ws = book.sheet(REGIONS)
    styles.title(ws, f"地区比较 — {sc.name}")
    level = "县（区、市）" if level_of(project, SICHUAN) is Level.COUNTY else "地级市"
    styles.note(
        ws,
        2,
        1,
        f"四川规划层级：{level}；重庆按区县。预测净增量为最后预测年份的净地区生产总值（按所在地）；"
        "达千亿年份按基线增速推算，方案 = 基线 + 净增量（此后保持该水平）。县在四川按地级市规划时无单独增量。",
    )
    frame = compare_regions(project, sc, engine=engine)
    styles.header_row(ws, HEADER_ROW, [h for h, _, _ in COLUMNS])
    widths: dict[int, list[object]] = {i: [h] for i, (h, _, _) in enumerate(COLUMNS, start=1)}
    r = HEADER_ROW + 1
    for rec in frame.to_dict("records"):
        for c, (_, key, fmt) in enumerate(COLUMNS, start=1):
            v = rec[key]
            if key == "qianyi":
                book.label(ws, r, c, "是" if v else "")
            elif fmt is None:
                book.text(ws, r, c, str(v) if v is not None else "")
            elif v is None or (isinstance(v, float) and math.isnan(v)):
                book.number(ws, r, c, None, fmt)
            else:
                book.number(ws, r, c, float(v), fmt)
            if r < HEADER_ROW + 300:
                widths[c].append(v if fmt is None else f"{v:,.2f}" if isinstance(v, float) else v)
        r += 1
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 4)
    ws.auto_filter.ref = f"A{HEADER_ROW}:O{max(r - 1, HEADER_ROW + 1)}"
    r += 1
    sim, cen = similarity(project), centrality(project, sc)
    ws.cell(r, 1, "结构指标").font = styles.BOLD_FONT
    for text in (
        f"产业同构：{sim.reading_zh}（余弦相似 = UNIDO 产业结构相似系数 1979；Krugman 专业化指数 1991）",
        f"多中心—网络式：{cen.reading_zh}（度与介数中心性，Brandes 2001）",
    ):
        r += 1
        book.text(ws, r, 1, text)
    styles.fit_widths(ws, widths)
    styles.print_setup(ws, f"{HEADER_ROW}:{HEADER_ROW}")
