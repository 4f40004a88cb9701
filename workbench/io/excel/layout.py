"""Sheet names and column layouts shared by the writers and the readers.

The importers find columns by these header texts (not by position), so a user who inserts or
moves a column in Excel does not break the round trip; keeping writer and reader on one list keeps
them from drifting apart.
"""

from __future__ import annotations

from workbench.core.model import PLAN_YEARS

COVER = "说明"
SOURCES = "资金来源"
ALLOCATIONS = "资金分配"
CITIES = "城市收支"
PARKS = "园区共建"
PROJECTIONS = "预测"
NET = "净效益"
REGIONS = "地区"
DECISIONS = "决策记录"
CHECKS = "校验"
COMPARE = "方案对比"  # only when the export is asked to compare scenarios

# 资金分配: the header row and the data start. Rows 2–3 hold the rule parameters the formulas use.
ALLOC_HEADER_ROW = 4
ALLOC_FIRST_ROW = 5
ALLOC_ID = "候选编号"
ALLOC_NAME = "单元名称"
ALLOC_TYPE = "单元类型"
ALLOC_REGION = "所在地区"
ALLOC_CITY = "所属城市"
ALLOC_CITY_CODE = "城市代码"
ALLOC_SECTOR = "产业"
ALLOC_INSTRUMENT = "投资方式"
ALLOC_TOTAL = "合计（亿元）"
ALLOC_SHARE = "占基金比例（%）"
ALLOC_CAND_TOTAL = "该候选合计（亿元）"
ALLOC_CHECK = "规则检查"
TOTAL_LABEL = "合计"


def year_header(year: int) -> str:
    return f"{year}年（亿元）"


ALLOC_HEADERS: tuple[str, ...] = (
    ALLOC_ID,
    ALLOC_NAME,
    ALLOC_TYPE,
    ALLOC_REGION,
    ALLOC_CITY,
    ALLOC_CITY_CODE,
    ALLOC_SECTOR,
    ALLOC_INSTRUMENT,
    *(year_header(y) for y in PLAN_YEARS),
    ALLOC_TOTAL,
    ALLOC_SHARE,
    ALLOC_CAND_TOTAL,
    ALLOC_CHECK,
)
ALLOC_COL = {h: i for i, h in enumerate(ALLOC_HEADERS, start=1)}
YEAR_COL = {y: ALLOC_COL[year_header(y)] for y in PLAN_YEARS}

# 申报表 (candidate submission template)
TEMPLATE_SHEET = "申报表"
TEMPLATE_HELP = "填表说明"
TEMPLATE_LISTS = "代码表"
TEMPLATE_HEADER_ROW = 3
TEMPLATE_FIRST_ROW = 4
SUB_NAME = "单元名称*"
SUB_TYPE = "单元类型*"
SUB_REGION = "所在地区*"
SUB_SECTOR = "产业*"
SUB_OUTPUT = "现状年产出（亿元/年）"
SUB_JOBS = "现状就业（人）"
SUB_TAX = "现状年税收（亿元/年）"
SUB_REQUEST = "申请资金（亿元，2026–2030 合计）"
SUB_NOTES = "备注（申报单位、联系人等）"
SUB_HEADERS: tuple[str, ...] = (
    SUB_NAME,
    SUB_TYPE,
    SUB_REGION,
    SUB_SECTOR,
    SUB_OUTPUT,
    SUB_JOBS,
    SUB_TAX,
    SUB_REQUEST,
    SUB_NOTES,
)
