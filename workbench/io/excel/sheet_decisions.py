"""决策记录 (decision record): every 入围/批准/否决 with who, when, from → to and why.

The committee's reasons are asked for at each decision and saved with the project; this sheet is
where a reader outside the app sees them (全过程留痕). Candidates are listed in catalogue order,
each one's decisions oldest first.
"""

from __future__ import annotations

from workbench.core.decisions import decision_rows
from workbench.io.excel import styles
from workbench.io.excel.context import ExportContext
from workbench.io.excel.layout import DECISIONS

HEADER_ROW = 3
HEADERS = (
    "候选编号",
    "单元名称",
    "所在地区",
    "日期",
    "决定人",
    "原状态",
    "新状态",
    "理由",
)


def write_decisions(ctx: ExportContext) -> None:
    book = ctx.book
    ws = book.sheet(DECISIONS)
    styles.title(ws, f"决策记录 — 截至 {ctx.today.isoformat()}")
    rows = decision_rows(ctx.project)
    styles.note(
        ws,
        2,
        1,
        f"共 {len(rows)} 条决定（入围、批准、否决及其理由）。“原状态”为“未记录”的，是旧版本保存的记录。",
    )
    styles.header_row(ws, HEADER_ROW, HEADERS)
    widths: dict[int, list[object]] = {i: [h] for i, h in enumerate(HEADERS, start=1)}
    r = HEADER_ROW + 1
    for d in rows:
        values = (
            d.candidate_id,
            d.candidate_name,
            ctx.region_name(d.region_code),
            d.date,
            d.by,
            d.previous.zh if d.previous is not None else "未记录",
            d.status.zh,
            d.reason,
        )
        for col, v in enumerate(values, start=1):
            book.text(ws, r, col, v)
            if r < HEADER_ROW + 300:
                widths[col].append(v)
        r += 1
    if not rows:
        ws.cell(r, 1, "尚无决定记录 / no decisions recorded yet")
        r += 1
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
    ws.auto_filter.ref = f"A{HEADER_ROW}:H{max(r - 1, HEADER_ROW + 1)}"
    styles.fit_widths(ws, widths)
    styles.print_setup(ws, f"{HEADER_ROW}:{HEADER_ROW}")
