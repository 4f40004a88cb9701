"""资金来源 (sources): each city's contribution and ratio; ratios and totals are formulas."""

from __future__ import annotations

from workbench.io.excel import styles
from workbench.io.excel.context import ExportContext, sheet_ref
from workbench.io.excel.layout import SOURCES, TOTAL_LABEL

HEADER_ROW = 3
FIRST_ROW = 4
HEADERS = ("地区代码", "城市", "出资（亿元）", "出资比例（%）")


def write_sources(ctx: ExportContext) -> None:
    book, fund = ctx.book, ctx.project.fund
    ws = book.sheet(SOURCES)
    styles.title(ws, f"资金来源 — {fund.name}")
    styles.note(
        ws, 2, 1, "出资比例 = 本市出资 ÷ 出资合计（公式）；黄色格为可修改的输入。金额单位：亿元"
    )
    styles.header_row(ws, HEADER_ROW, HEADERS)
    contributions = fund.contributions
    last = FIRST_ROW + max(len(contributions), 1) - 1
    total_row = last + 1
    total = sum(c.amount for c in contributions)
    for r, c in enumerate(contributions, start=FIRST_ROW):
        book.text(ws, r, 1, c.region_code)
        book.text(ws, r, 2, ctx.region_name(c.region_code))
        book.number(ws, r, 3, c.amount, styles.MONEY).fill = styles.INPUT_FILL
        book.formula(
            ws,
            r,
            4,
            f"IF($C${total_row}=0,0,C{r}/$C${total_row})",
            c.amount / total if total else 0.0,
            styles.PERCENT,
        )
    if not contributions:
        ws.cell(FIRST_ROW, 2, "（无出资方）")
    ws.cell(total_row, 2, TOTAL_LABEL)
    book.formula(ws, total_row, 3, f"SUM(C{FIRST_ROW}:C{last})", total, styles.MONEY)
    book.formula(
        ws, total_row, 4, f"SUM(D{FIRST_ROW}:D{last})", 1.0 if total else 0.0, styles.PERCENT
    )
    styles.total_style(ws, total_row, 1, 4)

    size_row = total_row + 2
    ws.cell(size_row, 2, "基金规模（亿元）").font = styles.BOLD_FONT
    book.number(ws, size_row, 3, fund.size, styles.MONEY).fill = styles.INPUT_FILL
    ws.cell(size_row + 1, 2, "出资合计 − 基金规模（亿元）")
    book.formula(ws, size_row + 1, 3, f"C{total_row}-C{size_row}", total - fund.size, styles.MONEY)
    styles.note(ws, size_row + 2, 2, "差额不为 0 时，出资与基金规模不一致（见“校验”表）")
    ctx.fund_size_ref = sheet_ref(SOURCES, f"$C${size_row}")
    ctx.sources_rows = (FIRST_ROW, last)

    ws.freeze_panes = ws.cell(FIRST_ROW, 1)
    ws.auto_filter.ref = f"A{HEADER_ROW}:D{last}"
    widths = {
        1: ["地区代码", "000000"],
        2: [
            "城市",
            *(ctx.region_name(c.region_code) for c in contributions),
            "出资合计 − 基金规模（亿元）",
        ],
        3: ["出资（亿元）", total],
        4: ["出资比例（%）"],
    }
    styles.fit_widths(ws, widths, minimum=10)
    styles.print_setup(ws, f"{HEADER_ROW}:{HEADER_ROW}")
