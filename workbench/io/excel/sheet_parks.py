"""园区共建 (parks): each arrangement, its GDP and tax rules, the yearly splits per party, and the
jurisdictions each park lies in with their shares (高竹新区: 邻水 and 渝北)."""

from __future__ import annotations

from openpyxl.utils import get_column_letter

from workbench.core.enums import GdpRule
from workbench.core.model import PLAN_YEARS
from workbench.core.sharing.rules import park_agreement
from workbench.io.excel import styles
from workbench.io.excel.context import ExportContext
from workbench.io.excel.layout import PARKS

HEADER_ROW = 3
SUMMARY_HEADERS = (
    "园区编号",
    "园区名称",
    "模式",
    "所在地（飞入地）",
    "合作方",
    "面积（km²）",
    "主导产业",
    "GDP 统计规则",
    "存量税收（亿元/年，归所在地）",
    *(f"{y}年投资（亿元）" for y in PLAN_YEARS),
    "投资合计（亿元）",
    "固定回报",
    "纳入本方案",
    "示例",
    "备注",
)
SPLIT_HEADERS = (
    "园区编号",
    "园区名称",
    "地区代码",
    "地区",
    "角色",
    "GDP 分计（%）",
    "合资公司股比（%）",
    *(f"{y}年新增税收分成（%）" for y in PLAN_YEARS),
)
LOCATION_TITLE = "所在地及占比 Locations (%)"
LOCATION_HEADERS = ("园区编号", "园区名称", "地区代码", "地区", "占比（%）", "说明")


def write_parks(ctx: ExportContext) -> None:
    ws = ctx.book.sheet(PARKS)
    styles.title(ws, "园区共建安排")
    styles.note(ws, 2, 1, "投资合计为公式；税收分成仅适用于新增税收，存量税收归所在地。比例单位：%")
    styles.header_row(ws, HEADER_ROW, SUMMARY_HEADERS)
    first = HEADER_ROW + 1
    widths: dict[int, list[object]] = {i: [h] for i, h in enumerate(SUMMARY_HEADERS, start=1)}
    last_summary = _summary_rows(ctx, first, widths)
    widths[len(SUMMARY_HEADERS)] = [SUMMARY_HEADERS[-1], "x" * 40]
    last_split = _split_rows(ctx, last_summary + 3)
    _location_rows(ctx, last_split + 3)

    ws.freeze_panes = ws.cell(first, 3)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(SUMMARY_HEADERS))}{last_summary}"
    styles.fit_widths(ws, widths, minimum=10)
    styles.print_setup(ws, f"{HEADER_ROW}:{HEADER_ROW}")


def _summary_rows(ctx: ExportContext, first: int, widths: dict[int, list[object]]) -> int:
    """One row per park (its terms and yearly investment); returns the last row used."""
    book, project = ctx.book, ctx.project
    ws = book.wb[PARKS]
    in_scenario = set(ctx.scenario.park_ids)
    year0 = 10  # first investment-year column (J)
    r = first
    for p in project.parks:
        partners = "、".join(ctx.region_name(c) for c in p.partners)
        values = (p.id, p.name, p.model.zh, ctx.region_name(p.host), partners)
        for col, v in enumerate(values, start=1):
            book.text(ws, r, col, v)
            widths[col].append(v)
        book.number(ws, r, 6, p.area_km2, styles.KM2)
        book.text(ws, r, 7, p.sector)
        deal = park_agreement(project, p.id)  # the park's GDP and tax rules
        rule = (deal.gdp_rule if deal is not None else GdpRule.LOCATION).zh
        ws.cell(r, 8, rule)
        widths[8].append(rule)
        book.number(ws, r, 9, deal.existing_tax_base if deal else 0.0, styles.MONEY)
        for i, y in enumerate(PLAN_YEARS):
            book.number(ws, r, year0 + i, p.investment.get(y), styles.MONEY)
        a, b = get_column_letter(year0), get_column_letter(year0 + len(PLAN_YEARS) - 1)
        book.formula(
            ws,
            r,
            year0 + len(PLAN_YEARS),
            f"SUM({a}{r}:{b}{r})",
            sum(p.investment.get(y, 0.0) for y in PLAN_YEARS),
            styles.MONEY,
        )
        fr = p.fixed_return
        fixed = (
            f"前 {fr.years} 年每年 {fr.rate_pct:g}%（按投入资本），之后按股比分红" if fr else "无"
        )
        col = year0 + len(PLAN_YEARS) + 1
        ws.cell(r, col, fixed)
        widths[col].append(fixed)
        ws.cell(r, col + 1, "是" if p.id in in_scenario else "否")
        ws.cell(r, col + 2, "示例（虚构）" if p.illustrative else "")
        book.text(ws, r, col + 3, p.notes).alignment = styles.WRAP
        r += 1
    if not project.parks:
        ws.cell(first, 2, "（项目没有园区共建安排）")
        r += 1
    return max(r - 1, first)


def _split_rows(ctx: ExportContext, r: int) -> int:
    """Splits: one row per park and party, under a title and header starting at row ``r``;
    returns the last row used."""
    book, project = ctx.book, ctx.project
    ws = book.wb[PARKS]
    ws.cell(r - 1, 1, "分计与分成 Splits by party（%）").font = styles.BOLD_FONT
    styles.header_row(ws, r, SPLIT_HEADERS)
    r += 1
    for p in project.parks:
        deal = park_agreement(project, p.id)
        gdp_rule = deal.gdp_rule if deal is not None else GdpRule.LOCATION
        gdp_split = deal.gdp_split if deal is not None else {}
        tax_split = deal.tax_split if deal is not None else {}
        for code in p.parties:
            role = "所在地" if code == p.host else "合作方"
            book.text(ws, r, 1, p.id)
            book.text(ws, r, 2, p.name)
            book.text(ws, r, 3, code)
            book.text(ws, r, 4, ctx.region_name(code))
            ws.cell(r, 5, role)
            if gdp_rule is GdpRule.SPLIT:
                book.number(ws, r, 6, _pct(gdp_split.get(code)), styles.PERCENT)
            else:
                ws.cell(
                    r,
                    6,
                    "100%（所在地）"
                    if gdp_rule is GdpRule.LOCATION and code == p.host
                    else "0%"
                    if gdp_rule is GdpRule.LOCATION
                    else "全额计入",
                )
            book.number(ws, r, 7, _pct(p.equity.get(code)), styles.PERCENT)
            for i, y in enumerate(PLAN_YEARS):
                book.number(ws, r, 8 + i, _pct(tax_split.get(y, {}).get(code)), styles.PERCENT)
            r += 1
    return r - 1


def _location_rows(ctx: ExportContext, r: int) -> None:
    """Where each park lies: one row per jurisdiction and share, under a title and header at row
    ``r``. A park with no locations set shows its host at 100 %, saying it is implied."""
    book, project = ctx.book, ctx.project
    ws = book.wb[PARKS]
    ws.cell(r - 1, 1, LOCATION_TITLE).font = styles.BOLD_FONT
    styles.header_row(ws, r, LOCATION_HEADERS)
    r += 1
    for p in project.parks:
        note = "" if p.locations else "未单独设置，全部按所在地计"
        for loc in p.location_shares():
            book.text(ws, r, 1, p.id)
            book.text(ws, r, 2, p.name)
            book.text(ws, r, 3, loc.code)
            book.text(ws, r, 4, ctx.region_name(loc.code))
            book.number(ws, r, 5, _pct(loc.share_pct), styles.PERCENT)
            ws.cell(r, 6, note)
            r += 1


def _pct(v: float | None) -> float | None:
    return None if v is None else v / 100
