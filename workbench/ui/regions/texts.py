"""The regions dock's words, (Chinese, English), read with ``t(key)`` in the UI language.

Kept beside the dock rather than in ``ui/strings/`` so the shared table stays under its size
limit and this dock's wording changes in one place.
"""

from __future__ import annotations

from workbench.ui.i18n import pick

TEXTS: dict[str, tuple[str, str]] = {
    "dock": ("地区", "Regions"),
    "pick": ("地区：", "Region:"),
    "pick.tip": (
        "输入名称或代码查找；在任意表格中双击地区名也可打开",
        "Type a name or code; double-click a region name in any table to open it",
    ),
    "tab.profile": ("概况", "Profile"),
    "tab.compare": ("地区比较", "Compare"),
    "tab.stats": ("统计数据", "Statistics"),
    "tab.structure": ("结构指标", "Structure"),
    "members": ("范围：", "Members:"),
    "members.all": ("全部县（区、市）", "All counties and districts"),
    "members.chengdu": ("成都都市圈", "Chengdu metro area"),
    "members.chongqing": ("重庆都市圈", "Chongqing metro area"),
    "members.units": ("全部规划单元", "All planning units"),
    "copy": ("复制表格", "Copy table"),
    "copied": ("已复制 {n} 行", "{n} rows copied"),
    "col.rank": ("排名", "Rank"),
    "col.region": ("地区", "Region"),
    "col.parent": ("上级", "Parent"),
    "col.metro": ("都市圈", "Metro area"),
    "col.year": ("年份", "Year"),
    "col.gdp": ("GDP（亿元）", "GDP (100m yuan)"),
    "col.growth": ("基线增速（%）", "Baseline growth (%)"),
    "col.revenue": ("一般公共预算收入（亿元）", "Budget revenue (100m yuan)"),
    "col.per_capita": ("人均GDP（万元）", "GDP per capita (10k yuan)"),
    "col.uplift": ("预测增量（亿元）", "Projected uplift (100m yuan)"),
    "col.uplift_pct": ("增量占基线（%）", "Uplift of baseline (%)"),
    "col.qianyi": ("千亿", "100bn+"),
    "col.q_base": ("达千亿年份·基线", "100bn year, baseline"),
    "col.q_draft": ("达千亿年份·方案", "100bn year, draft"),
    "col.indicator": ("指标", "Indicator"),
    "col.value": ("数值", "Value"),
    "col.unit": ("单位", "Unit"),
    "col.vintage": ("口径/版本", "Vintage"),
    "col.provenance": ("来源（文件·工作表·单元格）", "Provenance (file, sheet, cell)"),
    "col.used": ("基线采用", "Used"),
    "col.file": ("文件", "File"),
    "col.imported": ("导入日期", "Imported"),
    "col.values": ("数值个数", "Values"),
    "col.regions": ("地区数", "Regions"),
    "qianyi.yes": ("已达千亿", "past 100bn"),
    "filter.region": ("地区筛选…", "Filter region..."),
    "filter.indicator.all": ("全部指标", "All indicators"),
    "filter.conflicts": ("只看冲突", "Conflicts only"),
    "stats.delete": ("删除所选", "Delete selected"),
    "stats.prefer": ("采用所选数值", "Use selected figure"),
    "stats.history": ("导入记录", "Import history"),
    "stats.history.none": (
        "尚无从文件导入的数据（随项目提供的数据只有来源说明）",
        "No figures imported from files yet (figures shipped with the project carry a source note only)",
    ),
    "conflict": ("冲突", "conflict"),
    "yes": ("是", "yes"),
    "level": ("四川规划层级：", "Sichuan planning level:"),
    "level.prefecture": ("地级市（默认）", "Prefecture (default)"),
    "level.county": ("县（区、市）", "County"),
    "level.tip": (
        "重庆始终按区县规划；四川可按地级市或县（区、市）。改为县级时，预测、基金视图与导出按县给出，并可精确汇总到地级市和经济圈。",
        "Chongqing always plans by district/county; Sichuan by prefecture or county. At county level projections, fund views and exports are by county and roll up exactly to prefectures and the circle.",
    ),
    "none": ("（无）", "(none)"),
}


def t(key: str, **fmt: object) -> str:
    zh, en = TEXTS[key]
    text = pick(zh, en)
    return text.format(**fmt) if fmt else text
