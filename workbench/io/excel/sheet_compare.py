"""方案对比 (scenario comparison), written when the export is asked for it: per scenario pair,
city, year and metric, the reference value, the scenario's, their difference and its split into
the part due to allocations and the part due to assumption overrides (``core.comparison``: one set
switched at a time, both orders averaged; the two parts add up to the difference).

Net (合计) and gross (毛) only, on the summable bases; the component detail is in the CSV of
``workbench compare``. Values, not formulas: they come from the projection engine.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.io.excel import styles
from workbench.io.excel.context import ExportContext
from workbench.io.excel.layout import COMPARE
from workbench.io.excel.list_sheet import WIDTH_SAMPLE, ListSheet

HEADER_ROW = 4
HEADERS = (
    "对照方案",
    "对比方案",
    "城市代码",
    "城市",
    "年份",
    "指标",
    "口径",
    "净/毛",
    "对照值",
    "方案值",
    "差异",
    "来自分配",
    "来自参数",
    "单位",
    "可跨城市加总",
)
_KIND = {"total": "净效益", "gross": "毛效益"}


def write_compare(ctx: ExportContext, scenarios: Sequence[str]) -> None:
    from workbench.core.comparison import compare
    from workbench.core.projections import vocabulary

    book = ctx.book
    ws = book.sheet(COMPARE)
    styles.title(ws, f"方案对比 — 以“{scenarios[0]}”为对照")
    styles.note(
        ws,
        2,
        1,
        "差异 = 方案值 − 对照值 = 来自分配 + 来自参数：每次只切换一组（分配与园区，或参数覆盖），"
        "两种顺序取平均。标为“否”的行含全额双核算的园区 GDP，不能跨城市相加。",
    )
    df = compare(ctx.project, list(scenarios))
    df = df[df["component"].isin(list(_KIND))]
    metric = {m.key: m.zh for m in vocabulary.METRICS}
    basis = {b.key: b.zh for b in vocabulary.BASES}
    table = ListSheet(book, ws, HEADER_ROW, HEADERS)
    cols = [
        "scenario_a", "scenario_b", "region_code", "region", "year", "metric", "basis",
        "component", "value_a", "value_b", "difference", "due_to_allocations",
        "due_to_assumptions", "unit", "summable",
    ]  # fmt: skip
    for row in df[cols].itertuples(index=False):
        r = table.row
        text = (row[0], row[1], row[2], row[3], row[4], metric.get(row[5], row[5]),
                basis.get(row[6], row[6]), _KIND[row[7]])  # fmt: skip
        for c, v in enumerate(text, start=1):
            book.text(ws, r, c, v)
        fmt = styles.PEOPLE if row[13] == "人" else styles.MONEY
        for c, v in enumerate(row[8:13], start=9):
            book.number(ws, r, c, float(v), fmt)
        book.text(ws, r, 14, row[13])
        book.text(ws, r, 15, "是" if row[14] else "否")
        if r < HEADER_ROW + WIDTH_SAMPLE:
            for c, v in enumerate((*text, *row[8:13], row[13]), start=1):
                table.widths[c].append(v if isinstance(v, str) else f"{v:,.2f}")
        table.row += 1
    table.finish("没有可对比的方案 / nothing to compare")
