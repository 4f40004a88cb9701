"""资金分配 (allocations): one row per funded candidate and instrument, with live rule checks.

Amounts per year are values (the cells a planner edits); row totals, shares of the fund, the
candidate's total across instruments and the committee-rule checks are formulas, so an edit in
Excel recomputes them and a breach turns red there too. The figures the app computed are stored
as the formulas' cached results.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from openpyxl.formatting.rule import FormulaRule
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from workbench.core.allocation_sums import allocation_sums
from workbench.core.enums import Instrument, UnitType
from workbench.core.model import PLAN_YEARS
from workbench.core.validation import TOLERANCE
from workbench.io.excel import styles
from workbench.io.excel.context import ExportContext
from workbench.io.excel.layout import (
    ALLOC_CAND_TOTAL,
    ALLOC_CHECK,
    ALLOC_COL,
    ALLOC_FIRST_ROW,
    ALLOC_HEADER_ROW,
    ALLOC_HEADERS,
    ALLOC_SHARE,
    ALLOC_TOTAL,
    ALLOCATIONS,
    TOTAL_LABEL,
    YEAR_COL,
)

CAP_BREACH = "超过单个项目上限"
FUND_BREACH = "超过基金规模"
TYPE_BREACH = "超过类型上限"
TRANCHE_BREACH = "超过已开放分期"
_EPS = f"{TOLERANCE:.6f}"

_C = {h: get_column_letter(i) for h, i in ALLOC_COL.items()}
_FIRST_YEAR = get_column_letter(YEAR_COL[PLAN_YEARS[0]])
_LAST_YEAR = get_column_letter(YEAR_COL[PLAN_YEARS[-1]])
_TOT, _SHARE, _CAND, _CHECK = (
    _C[ALLOC_TOTAL],
    _C[ALLOC_SHARE],
    _C[ALLOC_CAND_TOTAL],
    _C[ALLOC_CHECK],
)
_ID, _TYPE = _C["候选编号"], _C["单元类型"]
_INSTRUMENT_ORDER = {m: i for i, m in enumerate(Instrument)}


@dataclass
class AllocationRow:
    candidate_id: str
    instrument: Instrument
    amounts: dict[int, float] = field(default_factory=dict)

    @cached_property
    def total(self) -> float:
        """Read only once ``amounts`` is complete (after grouping); used several times per row."""
        return sum(self.amounts.get(y, 0.0) for y in PLAN_YEARS)


def allocation_rows(ctx: ExportContext) -> list[AllocationRow]:
    """Group the scenario's allocations into sheet rows, ordered by city, candidate, instrument."""
    rows: dict[tuple[str, Instrument], AllocationRow] = {}
    for (cid, year, inst), amount in allocation_sums(ctx.scenario).amounts.items():
        row = rows.setdefault((cid, inst), AllocationRow(cid, inst))
        row.amounts[year] = amount
    cands = {c.id: c for c in ctx.project.candidates}

    def order(r: AllocationRow) -> tuple[str, str, int]:
        c = cands.get(r.candidate_id)
        city = ctx.units.get(c.region_code, c.region_code) if c else "~"
        return (city, r.candidate_id, _INSTRUMENT_ORDER[r.instrument])

    return sorted(rows.values(), key=order)


def write_allocations(ctx: ExportContext) -> None:
    ws = ctx.book.sheet(ALLOCATIONS)
    styles.title(ws, f"资金分配 — 方案：{ctx.scenario.name}")
    _rule_parameters(ctx)
    styles.note(
        ws,
        3,
        1,
        "年度金额（黄色）可直接修改后用“导入分配”导回；合计、占比、规则检查为公式。红色行：超过委员会规则上限。"
        " / Edit the yearly amounts and import back; red rows break a committee rule.",
    )
    styles.header_row(ws, ALLOC_HEADER_ROW, ALLOC_HEADERS)

    rows = allocation_rows(ctx)
    cands = {c.id: c for c in ctx.project.candidates}
    first = ALLOC_FIRST_ROW
    last = first + max(len(rows), 1) - 1
    ctx.alloc_last_row = last
    _data_rows(ctx, rows, cands, first, last)
    total_row = _totals(ctx, rows, first, last)
    next_row = _type_block(ctx, total_row + 3, first, last, rows)
    _tranche_block(ctx, next_row + 1, total_row)
    _checks_and_validation(ctx, first, last, total_row)

    ws.freeze_panes = ws.cell(first, ALLOC_COL[ALLOC_HEADERS[3]])  # ID/name/type stay visible
    ws.auto_filter.ref = f"A{ALLOC_HEADER_ROW}:{_CHECK}{last}"
    _fit_widths(ctx, rows, cands)
    styles.print_setup(ws, f"{ALLOC_HEADER_ROW}:{ALLOC_HEADER_ROW}")


def _project_cap(ctx: ExportContext) -> float | None:
    """The single-project cap in 亿元, None when the committee sets none."""
    fund = ctx.project.fund
    cap_pct = fund.rules.max_project_share
    return fund.size * cap_pct / 100 if cap_pct is not None else None


def _rule_parameters(ctx: ExportContext) -> None:
    """Row 2: the fund size and project cap that the check formulas below read."""
    book, fund = ctx.book, ctx.project.fund
    ws = book.wb[ALLOCATIONS]
    cap_pct = fund.rules.max_project_share
    ws.cell(2, 1, "基金规模（亿元）").font = styles.BOLD_FONT
    book.formula(ws, 2, 3, ctx.fund_size_ref, fund.size, styles.MONEY)
    ws.cell(2, 5, "单个项目上限（% 基金）").font = styles.BOLD_FONT
    ws.cell(2, 8, "单个项目上限（亿元）").font = styles.BOLD_FONT
    if cap_pct is not None:
        book.number(ws, 2, 6, cap_pct / 100, styles.PERCENT).fill = styles.INPUT_FILL
        book.formula(ws, 2, 9, "C2*F2", _project_cap(ctx) or 0.0, styles.MONEY)
    else:
        ws.cell(2, 6, "不限")


def _data_rows(
    ctx: ExportContext, rows: list[AllocationRow], cands: dict, first: int, last: int
) -> None:
    """One row per (candidate, instrument): yearly inputs, totals, shares and the cap check."""
    book, ws = ctx.book, ctx.book.wb[ALLOCATIONS]
    size = ctx.project.fund.size
    cap = _project_cap(ctx)
    by_cand: dict[str, float] = defaultdict(float)
    for row in rows:
        by_cand[row.candidate_id] += row.total

    col_id, col_name, col_type, col_region = (ALLOC_COL[h] for h in ALLOC_HEADERS[:4])
    col_city, col_city_code, col_sector, col_instr = (ALLOC_COL[h] for h in ALLOC_HEADERS[4:8])
    col_tot, col_share, col_cand, col_check = (ALLOC_COL[h] for h in ALLOC_HEADERS[-4:])
    input_fill = styles.INPUT_FILL
    money = styles.MONEY
    for r, row in enumerate(rows, start=first):
        c = cands.get(row.candidate_id)
        book.text(ws, r, col_id, row.candidate_id)
        if c is not None:
            city = ctx.units.get(c.region_code, c.region_code)
            book.text(ws, r, col_name, c.name)
            book.label(ws, r, col_type, c.unit_type.zh)
            book.text(ws, r, col_region, ctx.region_name(c.region_code))
            book.text(ws, r, col_city, ctx.region_name(city))
            book.text(ws, r, col_city_code, city)
            book.text(ws, r, col_sector, c.sector)
        else:
            ws.cell(r, col_name, "（项目中没有此候选）")
        book.label(ws, r, col_instr, row.instrument.zh)
        for y, col in YEAR_COL.items():
            book.number(ws, r, col, row.amounts.get(y), money, input_fill)
        total = row.total
        book.formula(ws, r, col_tot, f"SUM({_FIRST_YEAR}{r}:{_LAST_YEAR}{r})", total, money)
        book.formula(
            ws,
            r,
            col_share,
            f"IF($C$2>0,{_TOT}{r}/$C$2,0)",
            total / size if size > 0 else 0.0,
            styles.PERCENT,
        )
        cand_total = by_cand[row.candidate_id]
        book.formula(
            ws,
            r,
            col_cand,
            f"SUMIFS(${_TOT}${first}:${_TOT}${last},${_ID}${first}:${_ID}${last},{_ID}{r})",
            cand_total,
            money,
        )
        if cap is not None:
            breach = size > 0 and cand_total > cap + TOLERANCE
            book.formula(
                ws,
                r,
                col_check,
                f'IF(AND($C$2>0,{_CAND}{r}>$I$2+{_EPS}),"{CAP_BREACH}","")',
                CAP_BREACH if breach else "",
            )
    if not rows:
        ws.cell(first, col_name, "（本方案尚无分配）")


def _totals(ctx: ExportContext, rows: list[AllocationRow], first: int, last: int) -> int:
    """The totals row (with the whole-fund check) and the unallocated line; returns its row."""
    book, ws = ctx.book, ctx.book.wb[ALLOCATIONS]
    size, money = ctx.project.fund.size, styles.MONEY
    col_name = ALLOC_COL[ALLOC_HEADERS[1]]
    col_tot, col_share, _col_cand, col_check = (ALLOC_COL[h] for h in ALLOC_HEADERS[-4:])
    total_row = last + 1
    ws.cell(total_row, col_name, TOTAL_LABEL)
    grand = sum(r.total for r in rows)
    for y, col in YEAR_COL.items():
        L = get_column_letter(col)
        book.formula(
            ws,
            total_row,
            col,
            f"SUM({L}{first}:{L}{last})",
            sum(r.amounts.get(y, 0.0) for r in rows),
            money,
        )
    book.formula(ws, total_row, col_tot, f"SUM({_TOT}{first}:{_TOT}{last})", grand, money)
    book.formula(
        ws,
        total_row,
        col_share,
        f"IF($C$2>0,{_TOT}{total_row}/$C$2,0)",
        grand / size if size > 0 else 0.0,
        styles.PERCENT,
    )
    book.formula(
        ws,
        total_row,
        col_check,
        f'IF({_TOT}{total_row}>$C$2+{_EPS},"{FUND_BREACH}","")',
        FUND_BREACH if grand > size + TOLERANCE else "",
    )
    styles.total_style(ws, total_row, 1, len(ALLOC_HEADERS))
    ws.cell(total_row + 1, col_name, "基金未分配（亿元）")
    book.formula(ws, total_row + 1, col_tot, f"$C$2-{_TOT}{total_row}", size - grand, money)
    return total_row


def _checks_and_validation(ctx: ExportContext, first: int, last: int, total_row: int) -> None:
    """Red rows where a check cell says something (recomputed by Excel on edit), and input
    validation on the amounts and instruments the user may edit."""
    ws = ctx.book.wb[ALLOCATIONS]
    rng = f"A{first}:{_CHECK}{last}"
    ws.conditional_formatting.add(
        rng,
        FormulaRule(
            formula=[f"LEN(${_CHECK}{first})>0"], fill=styles.BREACH_FILL, font=styles.BREACH_FONT
        ),
    )
    ws.conditional_formatting.add(
        f"{_CHECK}{total_row}",
        FormulaRule(
            formula=[f"LEN({_CHECK}{total_row})>0"],
            fill=styles.BREACH_FILL,
            font=styles.BREACH_FONT,
        ),
    )
    amounts = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="金额无效",
        error="金额（亿元）不能为负数 / amount must not be negative",
    )
    amounts.add(f"{_FIRST_YEAR}{first}:{_LAST_YEAR}{last}")
    instruments = DataValidation(
        type="list",
        formula1='"' + ",".join(m.zh for m in Instrument) + '"',
        allow_blank=False,
        showErrorMessage=True,
        errorTitle="投资方式无效",
        error="请从下拉列表选择投资方式 / choose an instrument from the list",
    )
    L = get_column_letter(ALLOC_COL[ALLOC_HEADERS[7]])
    instruments.add(f"{L}{first}:{L}{last}")
    ws.add_data_validation(amounts)
    ws.add_data_validation(instruments)


def _fit_widths(ctx: ExportContext, rows: list[AllocationRow], cands: dict) -> None:
    """Column widths from the headers and the first 300 rows (enough to see the long names)."""
    col_id, col_name, _col_type, col_region = (ALLOC_COL[h] for h in ALLOC_HEADERS[:4])
    col_city, _col_city_code, col_sector, col_instr = (ALLOC_COL[h] for h in ALLOC_HEADERS[4:8])
    col_tot, _col_share, col_cand, col_check = (ALLOC_COL[h] for h in ALLOC_HEADERS[-4:])
    widths: dict[int, list[object]] = {i: [h] for i, h in enumerate(ALLOC_HEADERS, start=1)}
    for row in rows[:300]:
        c = cands.get(row.candidate_id)
        widths[col_id].append(row.candidate_id)
        if c is not None:
            widths[col_name].append(c.name)
            widths[col_region].append(ctx.region_name(c.region_code))
            widths[col_city].append(ctx.region_name(ctx.units.get(c.region_code, c.region_code)))
            widths[col_sector].append(c.sector)
        widths[col_instr].append(row.instrument.zh)
    widths[col_check].append(CAP_BREACH)
    widest = max((r.total for r in rows), default=0.0) + 0.0
    for col in (*YEAR_COL.values(), col_tot, col_cand):
        widths[col].append(widest)
    styles.fit_widths(ctx.book.wb[ALLOCATIONS], widths)


def _type_block(
    ctx: ExportContext, top: int, first: int, last: int, rows: list[AllocationRow]
) -> int:
    """Totals per unit type against the committee's type limits. Returns the next free row."""
    book, fund = ctx.book, ctx.project.fund
    ws = book.wb[ALLOCATIONS]
    ws.cell(top, 1, "按单元类型 By unit type").font = styles.BOLD_FONT
    styles.header_row(
        ws, top + 1, ("单元类型", "合计（亿元）", "上限（% 基金）", "上限（亿元）", "规则检查")
    )
    cands = {c.id: c for c in ctx.project.candidates}
    by_type: dict[UnitType, float] = defaultdict(float)
    for row in rows:
        c = cands.get(row.candidate_id)
        if c is not None:
            by_type[c.unit_type] += row.total
    r = top + 2
    for t in UnitType:
        ws.cell(r, 1, t.zh)
        amount = by_type.get(t, 0.0)
        book.formula(
            ws,
            r,
            2,
            f"SUMIFS(${_TOT}${first}:${_TOT}${last},${_TYPE}${first}:${_TYPE}${last},A{r})",
            amount,
            styles.MONEY,
        )
        limit = fund.rules.type_limits.get(t.value)
        if limit is None:
            ws.cell(r, 3, "不限")
        else:
            book.number(ws, r, 3, limit / 100, styles.PERCENT).fill = styles.INPUT_FILL
            book.formula(ws, r, 4, f"$C$2*C{r}", fund.size * limit / 100, styles.MONEY)
            breach = fund.size > 0 and amount > fund.size * limit / 100 + TOLERANCE
            book.formula(
                ws,
                r,
                5,
                f'IF(AND($C$2>0,B{r}>D{r}+{_EPS}),"{TYPE_BREACH}","")',
                TYPE_BREACH if breach else "",
            )
        r += 1
    ws.conditional_formatting.add(
        f"A{top + 2}:E{r - 1}",
        FormulaRule(
            formula=[f"LEN($E{top + 2})>0"], fill=styles.BREACH_FILL, font=styles.BREACH_FONT
        ),
    )
    return r


def _tranche_block(ctx: ExportContext, top: int, total_row: int) -> None:
    """Cumulative allocations by year against the tranches opened so far."""
    book, rules = ctx.book, ctx.project.fund.rules
    if not rules.tranches:
        return
    ws = book.wb[ALLOCATIONS]
    ws.cell(top, 1, "分期投放 By tranche").font = styles.BOLD_FONT
    styles.header_row(
        ws,
        top + 1,
        (
            "年份",
            "当年分配（亿元）",
            "累计分配（亿元）",
            "当年开放分期（亿元）",
            "累计开放（亿元）",
            "规则检查",
        ),
    )
    opened = {t.year: 0.0 for t in rules.tranches}
    for t in rules.tranches:
        opened[t.year] += t.amount
    first = top + 2
    spent_cum = available_cum = 0.0
    by_year = defaultdict(float)
    for a in ctx.scenario.allocations:
        by_year[a.year] += a.amount
    for i, y in enumerate(PLAN_YEARS):
        r = first + i
        ws.cell(r, 1, y)
        spent_cum += by_year.get(y, 0.0)
        available_cum += opened.get(y, 0.0)
        L = get_column_letter(YEAR_COL[y])
        book.formula(ws, r, 2, f"{L}{total_row}", by_year.get(y, 0.0), styles.MONEY)
        book.formula(ws, r, 3, f"SUM($B${first}:B{r})", spent_cum, styles.MONEY)
        book.number(ws, r, 4, opened.get(y, 0.0), styles.MONEY).fill = styles.INPUT_FILL
        book.formula(ws, r, 5, f"SUM($D${first}:D{r})", available_cum, styles.MONEY)
        book.formula(
            ws,
            r,
            6,
            f'IF(C{r}>E{r}+{_EPS},"{TRANCHE_BREACH}","")',
            TRANCHE_BREACH if spent_cum > available_cum + TOLERANCE else "",
        )
    last = first + len(PLAN_YEARS) - 1
    ws.conditional_formatting.add(
        f"A{first}:F{last}",
        FormulaRule(
            formula=[f"LEN($F{first})>0"], fill=styles.BREACH_FILL, font=styles.BREACH_FONT
        ),
    )
