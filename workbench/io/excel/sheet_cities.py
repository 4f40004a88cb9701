"""城市收支 (by city): what each city put in against what was invested there.

Contributions and investments are SUMIFS over 资金来源 and 资金分配, so an amount edited in Excel
flows through; city caps and the minimum-return rule are checked in the sheet.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from openpyxl.formatting.rule import FormulaRule
from openpyxl.utils import get_column_letter

from workbench.core.model import PLAN_YEARS, CommitteeRules
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
    book, fund = ctx.book, ctx.project.fund
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

    contributed, invested = _city_sums(ctx)
    total_contrib = sum(contributed.values())
    codes = sorted(set(contributed) | set(invested))
    headers = _headers(fund.rules, benefits is not None)
    styles.header_row(ws, HEADER_ROW, headers)
    col_check = headers.index("规则检查") + 1
    refs = _SumRefs.of(ctx)
    for r, code in enumerate(codes, start=FIRST_ROW):
        con, inv = contributed.get(code, 0.0), invested.get(code, 0.0)
        _city_row(ctx, r, code, con, inv, total_contrib, refs, col_check)
        if benefits is not None:
            _benefit_cells(ctx, r, col_check + 1, benefits.get(code))
    if not codes:
        ws.cell(FIRST_ROW, 2, "（无出资也无分配）")
    last = FIRST_ROW + max(len(codes), 1) - 1
    inv_total = sum(invested.get(c, 0.0) for c in codes)
    _totals(ctx, last, total_contrib, inv_total, len(headers))
    _finish(ctx, codes, headers, col_check, last)


def _city_sums(ctx: ExportContext) -> tuple[dict[str, float], dict[str, float]]:
    """Contributed and invested amounts per city (invested counted at the candidate's unit)."""
    contributed: dict[str, float] = defaultdict(float)
    for c in ctx.project.fund.contributions:
        contributed[c.region_code] += c.amount
    cands = {c.id: c for c in ctx.project.candidates}
    invested: dict[str, float] = defaultdict(float)
    for a in ctx.scenario.allocations:
        c = cands.get(a.candidate_id)
        if c is not None and a.year in PLAN_YEARS:
            invested[ctx.units.get(c.region_code, c.region_code)] += a.amount
    return contributed, invested


def _headers(rules: CommitteeRules, with_benefits: bool) -> list[str]:
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
    if with_benefits:
        headers.extend(BENEFIT_HEADERS)
    return headers


@dataclass(frozen=True)
class _SumRefs:
    """The ranges on 资金来源 and 资金分配 that each city's SUMIFS read."""

    src_amount: str
    src_ratio: str
    src_code: str
    alloc_amount: str
    alloc_city: str

    @classmethod
    def of(cls, ctx: ExportContext) -> _SumRefs:
        s_first, s_last = ctx.sources_rows
        a_first, a_last = ALLOC_FIRST_ROW, ctx.alloc_last_row
        tot = get_column_letter(ALLOC_COL[ALLOC_TOTAL])
        city = get_column_letter(ALLOC_COL[ALLOC_CITY_CODE])
        return cls(
            src_amount=sheet_ref(SOURCES, f"$C${s_first}:$C${s_last}"),
            src_ratio=sheet_ref(SOURCES, f"$D${s_first}:$D${s_last}"),
            src_code=sheet_ref(SOURCES, f"$A${s_first}:$A${s_last}"),
            alloc_amount=sheet_ref(ALLOCATIONS, f"${tot}${a_first}:${tot}${a_last}"),
            alloc_city=sheet_ref(ALLOCATIONS, f"${city}${a_first}:${city}${a_last}"),
        )


def _city_row(
    ctx: ExportContext,
    r: int,
    code: str,
    con: float,
    inv: float,
    total_contrib: float,
    refs: _SumRefs,
    col_check: int,
) -> None:
    """One city: sums as formulas, its limit and return floor, and the rule check."""
    book, ws, rules = ctx.book, ctx.book.wb[CITIES], ctx.project.fund.rules
    size = ctx.project.fund.size
    book.text(ws, r, 1, code)
    book.text(ws, r, 2, ctx.region_name(code))
    book.formula(ws, r, 3, f"SUMIFS({refs.src_amount},{refs.src_code},A{r})", con, styles.MONEY)
    book.formula(
        ws,
        r,
        4,
        f"SUMIFS({refs.src_ratio},{refs.src_code},A{r})",
        con / total_contrib if total_contrib else 0.0,
        styles.PERCENT,
    )
    book.formula(ws, r, 5, f"SUMIFS({refs.alloc_amount},{refs.alloc_city},A{r})", inv, styles.MONEY)
    book.formula(
        ws, r, 6, f"IF($C$2>0,E{r}/$C$2,0)", inv / size if size > 0 else 0.0, styles.PERCENT
    )
    book.formula(ws, r, 7, f'IF(C{r}>0,E{r}/C{r},"")', inv / con if con > 0 else "", styles.RATIO)
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


def _totals(
    ctx: ExportContext, last: int, total_contrib: float, inv_total: float, width: int
) -> None:
    book, ws, size = ctx.book, ctx.book.wb[CITIES], ctx.project.fund.size
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
    book.formula(ws, total_row, 5, f"SUM(E{FIRST_ROW}:E{last})", inv_total, styles.MONEY)
    book.formula(
        ws,
        total_row,
        6,
        f"IF($C$2>0,E{total_row}/$C$2,0)",
        inv_total / size if size > 0 else 0.0,
        styles.PERCENT,
    )
    styles.total_style(ws, total_row, 1, width)


def _finish(
    ctx: ExportContext, codes: list[str], headers: list[str], col_check: int, last: int
) -> None:
    """Breach highlighting, freeze, filter, widths and print setup."""
    ws, rules = ctx.book.wb[CITIES], ctx.project.fund.rules
    chk = get_column_letter(col_check)
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
