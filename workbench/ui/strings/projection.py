"""UI strings of the 预测 panel: charts, tabs, titles and notes. key -> (Chinese, English)."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # projection views
    "proj.metric": ("指标", "Metric"),
    "proj.basis.tip": (
        "属地：计入所在地；统计：按园区 GDP 分计规则；财政：按税收分成",
        "Location: where it happens; statistical: park GDP rules; fiscal: tax sharing",
    ),
    "proj.year": ("年份", "Year"),
    "proj.year.tip": ("按城市图表所示年份", "Year shown in per-city charts"),
    "proj.compare": ("对比", "Compare"),
    "proj.compare.none": ("（不对比）", "(none)"),
    "proj.compare.vs": ("对比", "vs"),
    "proj.compare.legend": ("对比：{name} 合计", "{name} total"),
    "proj.tab.uplift": ("逐年增量", "Uplift by year"),
    "proj.tab.fund": ("出资·投资·效益", "Contributed · invested · benefit"),
    "proj.tab.spillover": ("直接与溢出", "Direct vs spillover"),
    "proj.tab.net": ("毛效益与净效益", "Gross and net"),
    "proj.tab.results": ("结果表", "Results table"),
    "proj.show.net": ("净效益", "Net"),
    "proj.show.gross": ("毛效益", "Gross"),
    "proj.show.tip": (
        "净效益：扣除额外性（漏出、替代、挤出、无谓效应）后的效益，默认；"
        "毛效益：扣除前，图中不显示“额外性扣减”，合计为毛效益",
        "Net: after additionality (leakage, displacement, crowding out, deadweight), the default;"
        " gross: before it — the additionality component is hidden and totals are gross",
    ),
    "proj.horizon": ("预测至", "Until"),
    "proj.horizon.tip": (
        "预测的最后一年：2030（规划期）或 2035（远景年，2030 年后为已投资金的持续效应）",
        "Last projection year: 2030 (plan period) or 2035 (outlook; after 2030 only the"
        " continuing effects of money already invested)",
    ),
    "proj.net.title": (
        "毛效益与净效益 · {metric} · {basis} · {year}",
        "Gross and net · {metric} · {basis} · {year}",
    ),
    "proj.net.city": ("城市", "City"),
    "proj.net.summable": ("可加总", "Summable"),
    "proj.net.circle": ("经济圈合计", "Circle total"),
    "proj.net.excess": (
        "考核口径（不可加总，不计入合计）",
        "Recorded twice (not summable, in no total)",
    ),
    "proj.net.yes": ("是", "yes"),
    "proj.net.no": ("否", "no"),
    "proj.net.share": ("否（比重）", "no (a share)"),
    "proj.net.copy": ("复制表格", "Copy table"),
    "proj.net.copied": (
        "已复制 {rows} 行（制表符分隔，可粘贴到 Excel）",
        "Copied {rows} rows (tab-separated, paste into Excel)",
    ),
    "proj.net.note": (
        "净效益 = 毛效益 + 各项扣减（负数）；各项扣减之和 = 额外性扣减。扣减比例均为假设（参数表 additionality.*）。",
        "Net = gross + each adjustment (negative); the adjustments add up to the additionality"
        " component. The shares are assumptions (parameters additionality.*).",
    ),
    "proj.computing": ("预测计算中…", "Computing projections…"),
    "proj.failed": ("无法计算预测：{error}", "Cannot compute projections: {error}"),
    "proj.nonfinite": (
        "预测结果含无效数值（NaN 或无穷大），图表不予绘制。原因：{cause}",
        "The projections hold values that are not finite numbers (NaN or infinity); nothing is"
        " drawn. Cause: {cause}",
    ),
    "proj.amount": ("金额", "Amount"),
    "proj.fund.title": (
        "各市出资、投资与效益 · {scenario}",
        "Contributed, invested and benefit per city · {scenario}",
    ),
    "proj.fund.none": ("没有出资或投资数据。", "No contributions or investments."),
    "proj.spill.title": ("直接与溢出 · {basis} · {year}", "Direct vs spillover · {basis} · {year}"),
}
