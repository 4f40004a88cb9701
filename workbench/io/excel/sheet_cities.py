"""城市收支 (by city): what each city put in against what was invested there.

Contributions and investments are SUMIFS over 资金来源 and 资金分配, so an amount edited in Excel
flows through; city caps and the minimum-return rule are checked in the sheet.
"""

from __future__ import annotations

from collections import defaultdict

from openpyxl.formatting.rule import FormulaRule
from openpyxl.utils import get_column_letter

from workbench.core.model import PLAN_YEARS
from workbench.core.validation import TOLERANCE
from workbench.io.excel import styles
from workbench.io.excel.context import ExportContext, sheet_ref
from workbench.io.excel.layout import (
    ALLOC_CITY_CODE,
    ALLOC_COL,
    ALLOC_FIRST_ROW,
    ALLOC_TOTAL,
    ALLOCATIONS,
    CITIES,
    SOURCES,
    TOTAL_LABEL,
)
from workbench.io.excel.projections import CityBenefit

HEADER_ROW = 4
FIRST_ROW = 5
CITY_BREACH = "超过单个城市上限"
RETURN_SHORT = "低于返投比例"
_EPS = f"{TOLERANCE:.6f}"


BENEFIT_HEADERS = (
    "预计 GDP 效益（亿元，2026–2030 累计）",
    "预计地方税收效益（亿元，2026–2030 累计）",
    "预计就业效益（人，2030 年）",
    "效益占比（%）",
    "公平性比值（效益占比 ÷ 出资比例）",
)


def write_cities(ctx: ExportContext, benefits: dict[str, CityBenefit] | None = None) -> None:
    """``benefits`` (from the projection engine) adds the benefit columns; the fairness ratio is a
    formula over the benefit share and the contribution ratio, with the engine's value cached."""
    book, project, fund = ctx.book, ctx.project, ctx.project.fund
    ws = book.sheet(CITIES)
    styles.title(ws, f"城市收支 — 方案：{ctx.scenario.name}")
    ws.cell(2, 1, "基金规模（亿元）").font = styles.BOLD_FONT
    book.formula(ws, 2, 3, ctx.fund_size_ref, fund.size, styles.MONEY)
    styles.note(
        ws,
        3,
        1,
        "出资、获投均为公式（引用“资金来源”“资金分配”）；红色行：超过城市上限或低于返投比例。",
    )

    contributed: dict[str, float] = defaultdict(float)
    for c in fund.contributions:
        contributed[c.region_code] += c.amount
    total_contrib = sum(contributed.values())
    cands = {c.id: c for c in project.candidates}
    invested: dict[str, float] = defaultdict(float)
    for a in ctx.scenario.allocations:
        c = cands.get(a.candidate_id)
        if c is not None and a.year in PLAN_YEARS:
            invested[ctx.units.get(c.region_code, c.region_code)] += a.amount
    codes = sorted(set(contributed) | set(invested))

    rules = fund.rules
    headers = [
        "城市代码",
        "城市",
        "出资（亿元）",
        "出资比例（%）",
        "获投（亿元）",
        "获投占基金（%）",
        "获投 ÷ 出资（倍）",
        "城市上限（% 基金）",
        "城市上限（亿元）",
    ]
    if rules.min_return_share is not None:
        headers.append(f"返投下限（亿元，出资的 {rules.min_return_share:g}%）")
    headers.append("规则检查")
    if benefits is not None:
        headers.extend(BENEFIT_HEADERS)
    styles.header_row(ws, HEADER_ROW, headers)
    col_check = headers.index("规则检查") + 1
    chk = get_column_letter(col_check)

    s_first, s_last = ctx.sources_rows
    src_amount = sheet_ref(SOURCES, f"$C${s_first}:$C${s_last}")
    src_ratio = sheet_ref(SOURCES, f"$D${s_first}:$D${s_last}")
    src_code = sheet_ref(SOURCES, f"$A${s_first}:$A${s_last}")
    a_first, a_last = ALLOC_FIRST_ROW, ctx.alloc_last_row
    tot = get_column_letter(ALLOC_COL[ALLOC_TOTAL])
    city = get_column_letter(ALLOC_COL[ALLOC_CITY_CODE])
    alloc_amount = sheet_ref(ALLOCATIONS, f"${tot}${a_first}:${tot}${a_last}")
    alloc_city = sheet_ref(ALLOCATIONS, f"${city}${a_first}:${city}${a_last}")
    size = fund.size
    last = FIRST_ROW + max(len(codes), 1) - 1
    for r, code in enumerate(codes, start=FIRST_ROW):
        book.text(ws, r, 1, code)
        book.text(ws, r, 2, ctx.region_name(code))
        con, inv = contributed.get(code, 0.0), invested.get(code, 0.0)
        book.formula(ws, r, 3, f"SUMIFS({src_amount},{src_code},A{r})", con, styles.MONEY)
        book.formula(
            ws,
            r,
            4,
            f"SUMIFS({src_ratio},{src_code},A{r})",
            con / total_contrib if total_contrib else 0.0,
            styles.PERCENT,
        )
        book.formula(ws, r, 5, f"SUMIFS({alloc_amount},{alloc_city},A{r})", inv, styles.MONEY)
        book.formula(
            ws, r, 6, f"IF($C$2>0,E{r}/$C$2,0)", inv / size if size > 0 else 0.0, styles.PERCENT
        )
        book.formula(
            ws, r, 7, f'IF(C{r}>0,E{r}/C{r},"")', inv / con if con > 0 else "", styles.RATIO
        )
        limit = rules.city_limits.get(code, rules.default_city_limit)
        checks_f: list[str] = []
        breaches: list[str] = []
        if limit is not None:
            book.number(ws, r, 8, limit / 100, styles.PERCENT).fill = styles.INPUT_FILL
            book.formula(ws, r, 9, f"$C$2*H{r}", size * limit / 100, styles.MONEY)
            checks_f.append(f'IF(AND($C$2>0,E{r}>I{r}+{_EPS}),"{CITY_BREACH}","")')
            if size > 0 and inv > size * limit / 100 + TOLERANCE:
                breaches.append(CITY_BREACH)
        else:
            ws.cell(r, 8, "不限")
        if rules.min_return_share is not None:
            book.formula(
                ws,
                r,
                10,
                f"C{r}*{rules.min_return_share / 100!r}",
                con * rules.min_return_share / 100,
                styles.MONEY,
            )
            checks_f.append(f'IF(AND(C{r}>0,E{r}+{_EPS}<J{r}),"{RETURN_SHORT}","")')
            if con > 0 and inv + TOLERANCE < con * rules.min_return_share / 100:
                breaches.append(RETURN_SHORT)
        if checks_f:
            formula = checks_f[0] if len(checks_f) == 1 else "&".join(checks_f)
            book.formula(ws, r, col_check, formula, "".join(breaches))
        if benefits is not None:
            _benefit_cells(ctx, r, col_check + 1, benefits.get(code))
    if not codes:
        ws.cell(FIRST_ROW, 2, "（无出资也无分配）")
    total_row = last + 1
    ws.cell(total_row, 2, TOTAL_LABEL)
    book.formula(ws, total_row, 3, f"SUM(C{FIRST_ROW}:C{last})", total_contrib, styles.MONEY)
    book.formula(
        ws,
        total_row,
        4,
        f"SUM(D{FIRST_ROW}:D{last})",
        1.0 if total_contrib else 0.0,
        styles.PERCENT,
    )
    inv_total = sum(invested.get(c, 0.0) for c in codes)
    book.formula(ws, total_row, 5, f"SUM(E{FIRST_ROW}:E{last})", inv_total, styles.MONEY)
    book.formula(
        ws,
        total_row,
        6,
        f"IF($C$2>0,E{total_row}/$C$2,0)",
        inv_total / size if size > 0 else 0.0,
        styles.PERCENT,
    )
    styles.total_style(ws, total_row, 1, len(headers))
    ws.conditional_formatting.add(
        f"A{FIRST_ROW}:{chk}{last}",
        FormulaRule(
            formula=[f"LEN(${chk}{FIRST_ROW})>0"], fill=styles.BREACH_FILL, font=styles.BREACH_FONT
        ),
    )
    ws.freeze_panes = ws.cell(FIRST_ROW, 3)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(headers))}{last}"
    widths: dict[int, list[object]] = {i: [h] for i, h in enumerate(headers, start=1)}
    widths[2].extend(ctx.region_name(c) for c in codes)
    widths[col_check].append(
        CITY_BREACH + RETURN_SHORT if rules.min_return_share is not None else CITY_BREACH
    )
    styles.fit_widths(ws, widths, minimum=10)
    styles.print_setup(ws, f"{HEADER_ROW}:{HEADER_ROW}")


def _benefit_cells(ctx: ExportContext, r: int, col: int, b: CityBenefit | None) -> None:
    book, ws = ctx.book, ctx.book.wb[CITIES]
    if b is None:
        ws.cell(r, col, "—（非出资方，见“预测”表）")
        return
    book.number(ws, r, col, b.gdp, styles.MONEY)
    book.number(ws, r, col + 1, b.tax, styles.MONEY)
    book.number(ws, r, col + 2, b.jobs, styles.PEOPLE)
    share = get_column_letter(col + 3)
    book.number(ws, r, col + 3, b.share, styles.PERCENT)
    book.formula(
        ws,
        r,
        col + 4,
        f'IF(OR(D{r}=0,{share}{r}=""),"",{share}{r}/D{r})',
        b.fairness if b.fairness is not None else "",
        styles.RATIO,
    )
