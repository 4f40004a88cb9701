"""净效益 (gross and net): for the last plan year, gross, each additionality adjustment and net side
by side — the circle first, one row per metric and basis, then every city — with units.

Numbers come from ``core.projections.net_view`` (the engine run once per adjustment step); the net
column is a formula (gross + the adjustments, which are negative) holding the app's value, so the
identity can be seen in Excel. The circle rows follow the vocabulary's summable rule: a figure a
city records in full under a 全额双核算 park enters the circle once, as recorded by location; the
rest is a separate row marked 不可加总 and never added. City rows of such figures say 否.
"""

from __future__ import annotations

import numpy as np
from openpyxl.utils import get_column_letter

from workbench.core.model import PLAN_YEARS
from workbench.core.projections import vocabulary as voc
from workbench.core.projections.net_view import COLUMNS, NetSplit, column_label
from workbench.io.excel import styles
from workbench.io.excel.context import ExportContext
from workbench.io.excel.layout import NET
from workbench.io.excel.projections import ProjectionTables

YEAR = PLAN_YEARS[-1]
CUMULATIVE = f"{PLAN_YEARS[0]}–{PLAN_YEARS[-1]} 累计净效益"
SUMMARY_TITLE_ROW = 4
SUMMARY_HEADER_ROW = 5
_LEAD = ("城市代码", "城市", "指标", "口径", "单位")
CIRCLE = "经济圈合计"
SHARE = "0.0000"  # % of the baseline: small numbers
_EXCESS = "考核口径不可加总部分（不计入合计）"


def _value_headers() -> tuple[str, ...]:
    return (*(f"{column_label(k, 'zh')}（{YEAR}年）" for k in COLUMNS), CUMULATIVE)


def _fmt(unit: str) -> str:
    return {voc.PEOPLE: styles.PEOPLE, voc.PERCENT: SHARE}.get(unit, styles.MONEY)


def _unit_label(unit: str) -> str:
    return "%（占基线）" if unit == voc.PERCENT else unit


def _cumulative(split: NetSplit, values: np.ndarray) -> float | None:
    """Net summed over the plan years: money only (jobs are yearly, shares never add)."""
    if split.unit != voc.MONEY:
        return None
    plan = [split.years.index(y) for y in PLAN_YEARS]
    return float(np.sum(values[..., plan], axis=-1))


def _row(ctx, ws, r: int, col: int, split: NetSplit, figures: dict[str, float], cum) -> None:
    """Gross, each step and net (a formula: gross + steps) from ``col``; then the cumulative."""
    book, fmt, L = ctx.book, _fmt(split.unit), get_column_letter
    for j, key in enumerate(COLUMNS[:-1]):
        v = figures[key]
        book.number(ws, r, col + j, None if not np.isfinite(v) else float(v), fmt)
    net = figures[voc.NET.key]
    first, last = L(col), L(col + len(COLUMNS) - 2)
    book.formula(
        ws,
        r,
        col + len(COLUMNS) - 1,
        f"{first}{r}+SUM({L(col + 1)}{r}:{last}{r})",
        float(net) if np.isfinite(net) else None,
        fmt,
    )
    if cum is not None:
        book.number(ws, r, col + len(COLUMNS), cum, fmt)


def write_net(ctx: ExportContext, tables: ProjectionTables) -> None:
    book = ctx.book
    ws = book.sheet(NET)
    styles.title(ws, f"毛效益与净效益 — 方案：{ctx.scenario.name}")
    styles.note(
        ws,
        2,
        1,
        f"{YEAR} 年。净效益 = 毛效益 + 各项扣减（扣减为负数，依次为漏出、替代、挤出社会资本、无谓效应，"
        "按《Additionality Guide》的顺序，比例均为假设，见参数表）；各项扣减之和即“预测”表的额外性扣减。"
        "统计口径中由各方全额计入的园区 GDP（全额双核算）在经济圈合计中只按属地计一次，"
        "重复部分单列且不计入合计；“占基线比重”为百分比，合计行为有统计地区的整体比重。",
    )
    ws.cell(SUMMARY_TITLE_ROW, 1, f"{CIRCLE}（{YEAR} 年）").font = styles.BOLD_FONT
    heads = (*_LEAD, *_value_headers(), "可加总")
    # The note wraps within the table's width (a long single line would widen the printed page).
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(heads))
    ws.cell(2, 1).alignment = styles.WRAP
    ws.row_dimensions[2].height = 48
    styles.header_row(ws, SUMMARY_HEADER_ROW, heads)
    r = SUMMARY_HEADER_ROW + 1
    splits = [tables.net[k] for k in voc.BLOCKS if k in tables.net]
    for split in splits:
        _units, circle, excess = split.at(YEAR)
        lead = (
            voc.label(split.metric, "zh"),
            voc.label(split.basis, "zh"),
            _unit_label(split.unit),
        )
        book.label(ws, r, 2, CIRCLE)
        for c, text in enumerate(lead, start=3):
            book.label(ws, r, c, text)
        cum = _cumulative(split, np.array([split.circle[k] for k in COLUMNS])[-1])
        _row(ctx, ws, r, len(_LEAD) + 1, split, circle, cum)
        book.label(ws, r, len(heads), "是")
        styles.total_style(ws, r, 1, len(heads))
        r += 1
        if any(abs(v) > 0 for v in excess.values() if np.isfinite(v)):
            book.label(ws, r, 2, _EXCESS)
            for c, text in enumerate(lead, start=3):
                book.label(ws, r, c, text)
            cum = _cumulative(split, np.array([split.excess[k] for k in COLUMNS])[-1])
            _row(ctx, ws, r, len(_LEAD) + 1, split, excess, cum)
            book.label(ws, r, len(heads), "否（不可加总）")
            r += 1
    _cities(ctx, ws, splits, r + 2)
    widths: dict[int, list[object]] = {i: [h] for i, h in enumerate(heads, 1)}
    widths[2].append(_EXCESS)
    widths[3].append(voc.METRIC["revenue_pct_baseline"].zh[:14])
    widths[4].append(voc.BASIS["fiscal_province"].zh)
    for c in range(len(_LEAD) + 1, len(_LEAD) + len(COLUMNS) + 2):
        widths[c].append(12345.67)
    widths[len(heads)].append("否（不可加总）")
    styles.fit_widths(ws, widths)
    ws.freeze_panes = ws.cell(SUMMARY_HEADER_ROW + 1, len(_LEAD) + 1)
    styles.print_setup(ws, f"{SUMMARY_HEADER_ROW}:{SUMMARY_HEADER_ROW}")


def _cities(ctx: ExportContext, ws, splits: list[NetSplit], header: int) -> None:
    """Every city under every metric and basis, with whether its figures may be summed."""
    book = ctx.book
    heads = (*_LEAD, *_value_headers(), "可加总")
    ws.cell(header - 1, 1, f"各城市（{YEAR} 年）").font = styles.BOLD_FONT
    styles.header_row(ws, header, heads)
    r = header + 1
    for split in splits:
        units, _circle, _excess = split.at(YEAR)
        additive = voc.METRIC[split.metric].additive
        for i, (code, name) in enumerate(zip(split.codes, split.names, strict=True)):
            figures = {k: float(v[i]) for k, v in units.items()}
            if not any(abs(v) > 0 for v in figures.values() if np.isfinite(v)):
                continue
            book.text(ws, r, 1, code)
            book.text(ws, r, 2, name)
            book.label(ws, r, 3, voc.label(split.metric, "zh"))
            book.label(ws, r, 4, voc.label(split.basis, "zh"))
            book.label(ws, r, 5, _unit_label(split.unit))
            cum = _cumulative(split, split.values[voc.NET.key][i])
            _row(ctx, ws, r, len(_LEAD) + 1, split, figures, cum)
            ok = bool(split.summable[i])
            text = "是" if ok else ("否（比重）" if not additive else "否（不可加总）")
            book.label(ws, r, len(heads), text)
            r += 1
    last = max(r - 1, header + 1)
    ws.auto_filter.ref = f"A{header}:{get_column_letter(len(heads))}{last}"
