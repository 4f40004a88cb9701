"""校验 (checks): the validation problems at export time, so a reader sees what the app saw."""

from __future__ import annotations

from workbench.core.enums import Severity
from workbench.core.locations import Describer
from workbench.core.validation import Problem
from workbench.io.excel import styles
from workbench.io.excel.context import ExportContext
from workbench.io.excel.layout import CHECKS

HEADER_ROW = 3
HEADERS = ("严重程度", "规则", "位置", "问题", "Problem (English)")


def write_checks(ctx: ExportContext, problems: list[Problem]) -> None:
    book = ctx.book
    ws = book.sheet(CHECKS)
    styles.title(ws, f"校验 — 导出时（{ctx.today.isoformat()}）的问题")
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    styles.note(
        ws,
        2,
        1,
        f"共 {len(problems)} 个问题，其中错误 {errors} 个。在 Excel 中修改后，请导回程序重新校验。",
    )
    styles.header_row(ws, HEADER_ROW, HEADERS)
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    r = HEADER_ROW + 1
    widths: dict[int, list[object]] = {i: [h] for i, h in enumerate(HEADERS, start=1)}
    where = Describer(ctx.project, "zh")
    for p in sorted(problems, key=lambda p: order[p.severity]):
        values = (p.severity.zh, p.code, where.describe(p.path), p.zh, p.en)
        for col, v in enumerate(values, start=1):
            book.text(ws, r, col, v)
            if r < HEADER_ROW + 300:
                widths[col].append(v)
        if p.severity is Severity.ERROR:
            ws.cell(r, 1).font = styles.BREACH_FONT
        r += 1
    if not problems:
        ws.cell(r, 4, "没有发现问题 / no problems found")
        r += 1
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
    ws.auto_filter.ref = f"A{HEADER_ROW}:E{max(r - 1, HEADER_ROW + 1)}"
    styles.fit_widths(ws, widths)
    styles.print_setup(ws, f"{HEADER_ROW}:{HEADER_ROW}")
