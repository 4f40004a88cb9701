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
from workbench.io.excel.list_sheet import ListSheet

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
    table = ListSheet(book, ws, HEADER_ROW, HEADERS)
    for d in rows:
        table.add(
            (
                d.candidate_id,
                d.candidate_name,
                ctx.region_name(d.region_code),
                d.date,
                d.by,
                d.previous.zh if d.previous is not None else "未记录",
                d.status.zh,
                d.reason,
            )
        )
    table.finish("尚无决定记录 / no decisions recorded yet")
