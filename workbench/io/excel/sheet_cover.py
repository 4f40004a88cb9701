"""说明 (cover): what this workbook is, the assumptions behind it and what is illustrative."""

from __future__ import annotations

from workbench import __version__
from workbench.io.excel import styles
from workbench.io.excel.context import ExportContext
from workbench.io.excel.layout import (
    ALLOCATIONS,
    CHECKS,
    CITIES,
    COMPARE,
    COVER,
    DECISIONS,
    NET,
    PARKS,
    PROJECTIONS,
    REGIONS,
    SOURCES,
)

SHEET_GUIDE = (
    (SOURCES, "各市出资额、出资比例与合计（公式）", "contributions, ratios and total (formulas)"),
    (
        ALLOCATIONS,
        "每个获投候选一行；合计、占比与委员会规则检查均为公式，可在 Excel 中修改金额后导回",
        "one row per funded candidate; totals, shares and rule checks are formulas; edit and import back",
    ),
    (
        CITIES,
        "各市出资、获投与对比（公式引用前两张表）",
        "contributed vs invested per city (formulas)",
    ),
    (PARKS, "园区共建安排、GDP 统计与税收分成规则", "park arrangements, GDP and tax-sharing rules"),
    (
        "统计分算",
        "各利益分享协议逐年 GDP 分算（公式）",
        "GDP booked per agreement, party and year (formulas)",
    ),
    (
        "税收结算",
        "地方税收在何处征收、应归谁、各财政间净转移（公式）",
        "local tax collected, owed and net transfers between treasuries (formulas)",
    ),
    (PROJECTIONS, "按城市、年份、构成的效益预测", "projected effects by city, year and component"),
    (
        NET,
        "毛效益、各项额外性扣减（漏出、替代、挤出、无谓）与净效益并列，经济圈合计与各城市",
        "gross, each additionality adjustment and net side by side, circle and cities",
    ),
    (
        REGIONS,
        "各县（区、市）GDP、增速、收入、预测增量与千亿县年份；产业同构与网络结构指标",
        "counties and districts compared: GDP, growth, revenue, uplift, 100bn year; structure",
    ),
    (
        DECISIONS,
        "入围、批准、否决的决定记录：日期、决定人、原状态→新状态、理由",
        "committee decisions: date, by, from → to, reason",
    ),
    (
        COMPARE,
        "方案对比：各城市各年的差异及其来自分配与来自参数的部分（导出时选择方案才有）",
        "scenario comparison: differences by city and year, split into allocations and assumptions",
    ),
    (CHECKS, "导出时的校验问题", "validation problems at export time"),
)


def write_cover(ctx: ExportContext, *, has_projections: bool, has_compare: bool = False) -> None:
    book, project, sc = ctx.book, ctx.project, ctx.scenario
    ws = book.sheet(COVER)
    styles.title(ws, f"{project.name} — 资金分配工作簿")
    rows: list[tuple[str, object]] = [
        ("项目 Project", project.name),
        ("项目说明 Description", project.description),
        ("方案 Scenario", sc.name),
        ("方案说明 Scenario description", sc.description),
        ("基金 Fund", f"{project.fund.name}，规模 {project.fund.size:,.2f} 亿元"),
        ("导出日期 Exported on", ctx.today.isoformat()),
        ("软件版本 App version", f"成渝微核规划工作台 workbench {__version__}"),
        ("金额单位 Money unit", "亿元（1 亿元 = 100,000,000 元）；比例为 %；就业为 人"),
    ]
    r = 3
    for label, value in rows:
        ws.cell(r, 1, label).font = styles.BOLD_FONT
        book.text(ws, r, 2, value).alignment = styles.WRAP
        r += 1

    r += 1
    ws.cell(r, 1, "示例说明 Illustrative figures").font = styles.BOLD_FONT
    illustrative = _illustrative_summary(ctx)
    book.text(ws, r, 2, illustrative).alignment = styles.WRAP
    r += 2

    ws.cell(r, 1, "工作表 Sheets").font = styles.BOLD_FONT
    r += 1
    for name, zh, en in SHEET_GUIDE:
        if (name == NET and not has_projections) or (name == COMPARE and not has_compare):
            continue
        if name == PROJECTIONS and not has_projections:
            zh, en = (
                "本版本未包含效益预测（预测模块尚未提供）",
                "not included: projections unavailable",
            )
        ws.cell(r, 1, name)
        ws.cell(r, 2, f"{zh} / {en}").alignment = styles.WRAP
        r += 1
    r += 1

    ws.cell(r, 1, "参数与来源 Assumptions used").font = styles.BOLD_FONT
    r += 1
    header = (
        "参数 Key",
        "名称 Parameter",
        "取值 Value",
        "单位 Unit",
        "来源 Source",
        "本方案覆盖 Overridden",
    )
    styles.header_row(ws, r, header)
    header_at = r
    r += 1
    for key, a in sorted(project.assumptions.items()):
        overridden = key in sc.assumption_overrides
        value = project.assumption_value(key, sc)
        book.text(ws, r, 1, key)
        book.text(ws, r, 2, a.label_zh + (f" / {a.label_en}" if a.label_en else ""))
        book.number(ws, r, 3, value, "#,##0.####")
        book.text(ws, r, 4, a.unit)
        src = (
            a.source.strip()
            or "假设（无公开来源，团队设定，可在程序中修改） / assumption, no public source"
        )
        book.text(ws, r, 5, src).alignment = styles.WRAP
        ws.cell(r, 6, "是 yes" if overridden else "否 no")
        r += 1
    if not project.assumptions:
        ws.cell(r, 1, "（项目没有参数）")
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 12
    ws.column_dimensions["D"].width = 8
    ws.column_dimensions["E"].width = 60
    ws.column_dimensions["F"].width = 14
    styles.print_setup(ws, f"{header_at}:{header_at}", landscape=False)


def _illustrative_summary(ctx: ExportContext) -> str:
    project = ctx.project
    funded = {a.candidate_id for a in ctx.scenario.allocations}
    cands = [c for c in project.candidates if c.illustrative]
    funded_ill = [c for c in cands if c.id in funded]
    parks = [p.name for p in project.parks if p.illustrative]
    parts = []
    if project.illustrative_note:
        parts.append(project.illustrative_note)
    if cands or parks:
        parts.append(
            f"标为示例（虚构）的：候选单元 {len(cands)} 个（其中本方案获投 {len(funded_ill)} 个）"
            + (f"；园区 {len(parks)} 个（{'、'.join(parks)}）" if parks else "")
            + "。这些数字仅用于演示，不是真实项目。"
        )
    if not parts:
        parts.append(
            "本项目中没有标为示例的数据。/ Nothing in this project is marked illustrative."
        )
    return "\n".join(parts)
