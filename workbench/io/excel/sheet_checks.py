"""校验 (checks): the validation problems at export time, so a reader sees what the app saw."""

from __future__ import annotations

from workbench.core.enums import Severity
from workbench.core.locations import Describer
from workbench.core.validation import Problem
from workbench.io.excel import styles
from workbench.io.excel.context import ExportContext
from workbench.io.excel.layout import CHECKS
from workbench.io.excel.list_sheet import ListSheet

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
    table = ListSheet(book, ws, HEADER_ROW, HEADERS)
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    where = Describer(ctx.project, "zh")
    for p in sorted(problems, key=lambda p: order[p.severity]):
        r = table.add((p.severity.zh, p.code, where.describe(p.path), p.zh, p.en))
        if p.severity is Severity.ERROR:
            ws.cell(r, 1).font = styles.BREACH_FONT
    table.finish("没有发现问题 / no problems found", empty_col=4)
