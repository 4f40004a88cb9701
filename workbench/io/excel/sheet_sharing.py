"""统计分算 and 税收结算: the benefit-sharing settlement forms (core.sharing) with live formulas.

统计分算: one row per agreement, year and party; 计入 GDP = 单元 GDP × 分算比例, and a circle total
that adds only summable rows (全额双核算 serves assessment and never enters it). 税收结算: the
local tax collected in each party's jurisdiction (the app's figure), the party's share, 应得 =
SUMIFS(collected of the same agreement, year and tax) × share, 净额 = 应得 − 征收; a block of each
treasury's net per agreement and year (SUMIFS of 净额); and the transfers between treasuries,
each = payer's excess × receiver's need ÷ the year's total need. Edit a share and every figure
that depends on it follows. Each formula cell also stores the app's value (``Book.formula``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.io.excel import styles
from workbench.io.excel.book import Book

if TYPE_CHECKING:
    import pandas as pd

STATISTICS = "统计分算"
TAX = "税收结算"
HEADER_ROW = 3
STAT_HEADERS = (
    "协议编号", "协议名称", "覆盖对象", "年份", "参与方代码", "参与方", "统计规则",
    "协议期内", "单元 GDP（亿元）", "分算比例", "计入 GDP（亿元）", "可加总",
)  # fmt: skip
TAX_HEADERS = (
    "协议编号", "协议名称", "年份", "税种", "参与方代码", "参与方", "本地征收地方税收（亿元）",
    "分享比例", "应得（亿元）", "净额（亿元，正数应收）", "结算方式",
)  # fmt: skip
NET_HEADERS = ("协议编号", "年份", "参与方代码", "参与方", "净额（亿元）")
MOVE_HEADERS = (
    "协议编号",
    "年份",
    "付出方代码",
    "付出方",
    "收入方代码",
    "收入方",
    "转移金额（亿元）",
)
_COVERAGE = {
    "park": "园区",
    "candidates": "基金投资项目",
    "relocation": "异地流转",
    "innovation": "创新转化",
}
_SETTLE = {"direct": "直接划分", "transfer": "财政转移支付结算"}


def write_sharing(book: Book, tables: dict[str, pd.DataFrame], scenario: str) -> None:
    """Both sheets for one scenario's ``settlement_tables``."""
    _statistics(book, tables["statistics"], scenario)
    _tax(book, tables["tax"], tables["transfers"], scenario)


def _statistics(book: Book, df: pd.DataFrame, scenario: str) -> None:
    ws = book.sheet(STATISTICS)
    styles.title(ws, f"统计分算表（方案：{scenario}）")
    styles.note(
        ws, 2, 1,
        "计入 GDP = 单元 GDP × 分算比例（公式）；全额双核算各方均计入 100%，仅用于考核，不可加总，"
        "不计入经济圈合计。单位：亿元。",
    )  # fmt: skip
    styles.header_row(ws, HEADER_ROW, STAT_HEADERS)
    widths: dict[int, list[object]] = {i: [h] for i, h in enumerate(STAT_HEADERS, start=1)}
    r = HEADER_ROW + 1
    for row in df.itertuples(index=False):
        texts = (row.agreement_id, row.agreement, _COVERAGE.get(row.coverage, row.coverage))
        for c, v in enumerate(texts, start=1):
            book.text(ws, r, c, v)
            widths[c].append(v)
        book.number(ws, r, 4, int(row.year), styles.INTEGER)
        book.text(ws, r, 5, row.party_code)
        book.text(ws, r, 6, row.party)
        book.label(ws, r, 7, row.rule_zh)
        book.label(ws, r, 8, "是" if row.in_force else "否（按属地）")
        book.number(ws, r, 9, float(row.unit_gdp), styles.MONEY)
        book.number(ws, r, 10, float(row.share_pct) / 100, styles.PERCENT, styles.INPUT_FILL)
        book.formula(ws, r, 11, f"I{r}*J{r}", float(row.booked_gdp), styles.MONEY)
        book.label(ws, r, 12, "是" if row.summable else "否")
        for c in (6, 7):
            widths[c].append(ws.cell(r, c).value)
        r += 1
    last = max(r - 1, HEADER_ROW + 1)
    if df.empty:
        styles.note(ws, r, 1, "（本方案没有需要分算的协议单元）")
        r += 1
    total = float(df.loc[df.summable, "booked_gdp"].sum()) if len(df) else 0.0
    book.label(ws, r, 10, "经济圈合计（不含全额双核算）")
    book.formula(
        ws, r, 11, f'SUMIFS(K{HEADER_ROW + 1}:K{last},L{HEADER_ROW + 1}:L{last},"是")', total,
        styles.MONEY,
    )  # fmt: skip
    styles.total_style(ws, r, 10, 11)
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 3)
    styles.fit_widths(ws, widths, minimum=9)
    styles.print_setup(ws, f"{HEADER_ROW}:{HEADER_ROW}")


def _tax(book: Book, df: pd.DataFrame, moves: pd.DataFrame, scenario: str) -> None:
    ws = book.sheet(TAX)
    styles.title(ws, f"税收分享结算表（方案：{scenario}）")
    styles.note(
        ws, 2, 1,
        "只分配地方分享部分（中央分享部分不变）。应得 = 同一协议、年份、税种的本地征收合计 × 分享比例；"
        "净额 = 应得 − 本地征收；存量税收留属地。单位：亿元。",
    )  # fmt: skip
    styles.header_row(ws, HEADER_ROW, TAX_HEADERS)
    widths: dict[int, list[object]] = {i: [h] for i, h in enumerate(TAX_HEADERS, start=1)}
    first = HEADER_ROW + 1
    last = first + max(len(df), 1) - 1
    rng = {c: f"${c}${first}:${c}${last}" for c in "ACDEGJ"}
    r = first
    for row in df.itertuples(index=False):
        for c, v in (
            (1, row.agreement_id),
            (2, row.agreement),
            (5, row.party_code),
            (6, row.party),
        ):
            book.text(ws, r, c, v)
            widths[c].append(v)
        book.number(ws, r, 3, int(row.year), styles.INTEGER)
        book.label(ws, r, 4, row.tax_zh)
        book.number(ws, r, 7, float(row.collected), styles.MONEY)
        book.number(ws, r, 8, float(row.share_pct) / 100, styles.PERCENT, styles.INPUT_FILL)
        same = f"SUMIFS({rng['G']},{rng['A']},A{r},{rng['C']},C{r},{rng['D']},D{r})"
        book.formula(ws, r, 9, f"{same}*H{r}", float(row.owed), styles.MONEY)
        book.formula(ws, r, 10, f"I{r}-G{r}", float(row.net), styles.MONEY)
        book.label(ws, r, 11, _SETTLE.get(row.settlement, row.settlement))
        widths[4].append(row.tax_zh)
        r += 1
    if df.empty:
        styles.note(ws, r, 1, "（本方案没有需要结算的协议税收）")
    net_at = _nets(book, ws, df, last + 3, rng)
    _moves(book, ws, moves, net_at)
    ws.freeze_panes = ws.cell(first, 3)
    styles.fit_widths(ws, widths, minimum=9)
    styles.print_setup(ws, f"{HEADER_ROW}:{HEADER_ROW}")


def _nets(book: Book, ws, df: pd.DataFrame, r: int, rng: dict[str, str]) -> dict:
    """Each treasury's net per agreement and year; returns (agreement, year, code) -> row and
    the block's bounds under key None."""
    ws.cell(r - 1, 1, "各方净额 Net per treasury").font = styles.BOLD_FONT
    styles.header_row(ws, r, NET_HEADERS)
    r += 1
    first = r
    at: dict = {}
    if len(df):
        nets = df.groupby(["agreement_id", "year", "party_code"], sort=False).agg(
            party=("party", "first"), net=("net", "sum")
        )
        for (aid, year, code), row in nets.iterrows():
            book.text(ws, r, 1, aid)
            book.number(ws, r, 2, int(year), styles.INTEGER)
            book.text(ws, r, 3, code)
            book.text(ws, r, 4, row.party)
            f = f"SUMIFS({rng['J']},{rng['A']},A{r},{rng['C']},B{r},{rng['E']},C{r})"
            book.formula(ws, r, 5, f, float(row.net), styles.MONEY)
            at[(aid, int(year), code)] = r
            r += 1
    at[None] = (first, max(r - 1, first))
    return at


def _moves(book: Book, ws, moves: pd.DataFrame, net_at: dict) -> None:
    first_net, last_net = net_at[None]
    r = last_net + 3
    ws.cell(r - 1, 1, "财政间转移 Transfers between treasuries").font = styles.BOLD_FONT
    styles.header_row(ws, r, MOVE_HEADERS)
    r += 1
    a, b, e = (f"${c}${first_net}:${c}${last_net}" for c in "ABE")
    for row in moves.itertuples(index=False):
        y = int(row.year)
        pay, get = (
            net_at.get((row.agreement_id, y, row.from_code)),
            net_at.get((row.agreement_id, y, row.to_code)),
        )
        book.text(ws, r, 1, row.agreement_id)
        book.number(ws, r, 2, y, styles.INTEGER)
        book.text(ws, r, 3, row.from_code)
        book.text(ws, r, 4, row.from_party)
        book.text(ws, r, 5, row.to_code)
        book.text(ws, r, 6, row.to_party)
        if pay is None or get is None:
            book.number(ws, r, 7, float(row.amount), styles.MONEY)
        else:
            due = f'SUMIFS({e},{a},A{r},{b},B{r},{e},">0")'
            book.formula(ws, r, 7, f"-E{pay}*E{get}/{due}", float(row.amount), styles.MONEY)
        r += 1
    if moves.empty:
        styles.note(ws, r, 1, "（无需财政间转移）")
