"""Pieces of chapters 二 and 四 on what the plan's sharing arrangements pay out: the fund's own
returns by city (``sharing.fund_accounts`` / ``fund_performance``) and, per agreement, what the
settlement forms (``sharing.settlement_tables``) book and owe over the plan years.

Kept apart from ``plan_chapters`` (which states the arrangements) because these are results of
the cash and settlement models: every figure is a sum of a core table's column, so a table's
total is the core function's total (a test checks it), and the return parameters are named as
the 假设 they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.core.assumptions import parameter_value
from workbench.core.enums import UnitType
from workbench.core.model import PLAN_YEARS, Project, Scenario
from workbench.core.projections import vocabulary as voc
from workbench.core.report.fmt import Fmt
from workbench.core.report.model import Block, Paragraph, Section, Table

if TYPE_CHECKING:
    import pandas as pd

    from workbench.core.projections import ProjectionEngine

MONEY = voc.MONEY
PCT = voc.PERCENT


def fund_return_blocks(project: Project, sc: Scenario, f: Fmt) -> list[Block]:
    """二: how returns are distributed, IRR and DPI (with their 假设), each city's account."""
    from workbench.core.sharing import fund_accounts, fund_performance

    key = project.fund.distribution_key
    perf = fund_performance(project, sc.name).iloc[0]
    acc = fund_accounts(project, sc.name)
    how = (
        f.pick("按约定比例分配给各城市", "distributed to the cities by an agreed key")
        if key
        else f.pick("按各城市出资比例分配", "distributed to the cities by contribution ratio")
    )
    irr = perf.irr_pct if perf.irr_pct == perf.irr_pct else None  # NaN: no return yet
    out: list[Block] = [
        Paragraph(
            f.pick(
                f"基金自身收益（分红、退出回款与回收资金）{how}。按本方案测算，至 {int(perf.last_year)} 年"
                f"各城市实缴 {f.value(perf.paid_in)}，获分配 {f.value(perf.distributed)}，"
                f"DPI {f.number(perf.dpi, '')}，内部收益率（IRR）{f.value(irr, PCT)}。",
                f"The fund's own returns (dividends, exit proceeds and recycled capital) are {how}. "
                f"In this scenario, to {int(perf.last_year)} the cities pay in {f.value(perf.paid_in)} "
                f"and receive {f.value(perf.distributed)}: DPI {f.number(perf.dpi, '')}, IRR "
                f"{f.value(irr, PCT)}.",
            )
        ),
        Paragraph(_assumed_line(project, sc, f), "note"),
    ]
    by_city = (
        acc.groupby(["region_code", "region"], sort=False)[
            ["paid_in", "invested_in", "received_back"]
        ]
        .sum()
        .reset_index()
    )
    rows = [
        [
            r.region,
            f.number(r.paid_in),
            f.number(r.invested_in),
            f.number(r.received_back),
            f.number(r.received_back - r.paid_in),
        ]
        for r in by_city.itertuples()
    ]
    paid, inv, got = (float(acc[c].sum()) for c in ("paid_in", "invested_in", "received_back"))
    out.append(
        Table(
            f.pick("各城市基金账户", "Fund account by city"),
            [
                f.pick("城市", "City"),
                f.header(f.pick("实缴", "Paid in"), MONEY),
                f.header(f.pick("投入本地", "Invested in it"), MONEY),
                f.header(f.pick("收回", "Received back"), MONEY),
                f.header(f.pick("净头寸", "Net position"), MONEY),
            ],
            rows,
            MONEY,
            total=[f.total, f.number(paid), f.number(inv), f.number(got), f.number(got - paid)],
            note=f.pick(
                f"{PLAN_YEARS[0]}—{int(perf.last_year)} 年合计；净头寸 = 收回 − 实缴。",
                f"Sums {PLAN_YEARS[0]}–{int(perf.last_year)}; net position = received − paid in.",
            ),
        )
    )
    return out


def _assumed_line(project: Project, sc: Scenario, f: Fmt) -> str:
    def v(k: str) -> float | None:
        return parameter_value(project, k, sc)

    types = [
        f.pick(
            f"{t.label('zh')}类 {f.number(v(f'fund.exit_years.{t.value}'), '', 0)} 年退出"
            f"（{f.number(v(f'fund.exit_multiple.{t.value}'), '')} 倍）",
            f"{t.label('en')}: exit after {f.number(v(f'fund.exit_years.{t.value}'), '', 0)} "
            f"years at {f.number(v(f'fund.exit_multiple.{t.value}'), '')}×",
        )
        for t in UnitType
    ]
    return f.pick(
        f"以下参数为假设（可在参数表修改）：持有期分红率 {f.value(v('fund.dividend_yield'), PCT)}/年，"
        f"投资期回收再投资比例 {f.value(v('fund.recycle_share'), PCT)}，{f.join(types)}。",
        f"Assumptions (editable in the parameter table): dividends "
        f"{f.value(v('fund.dividend_yield'), PCT)} a year while held, "
        f"{f.value(v('fund.recycle_share'), PCT)} of proceeds recycled in the investment period; "
        f"{f.join(types)}.",
    )


def settlement_section(
    project: Project, sc: Scenario, engine: ProjectionEngine, f: Fmt
) -> Section | None:
    """四: per agreement, the plan years' settlement by party (None without any agreement)."""
    from workbench.core.sharing import settlement_tables

    t = settlement_tables(project, sc.name, engine=engine)
    stat, tax = _plan_years(t["statistics"]), _plan_years(t["tax"])
    if stat.empty and tax.empty:
        return None
    s = Section(
        "settlement",
        f.pick(
            f"利益分享结算（{PLAN_YEARS[0]}—{PLAN_YEARS[-1]} 年合计）",
            f"Benefit-sharing settlement ({PLAN_YEARS[0]}–{PLAN_YEARS[-1]} totals)",
        ),
    )
    s.add(
        Paragraph(
            f.pick(
                "各协议下计入各方的 GDP、各方辖区内征收的地方税收、按协议应得的地方税收，以及财政间净转移"
                "（应得 − 征收，正数为收入）。只分配地方分享部分，中央分享部分不变；存量税收留属地。",
                "Under each agreement: GDP booked to each party, local tax collected in each "
                "party's jurisdiction, local tax owed to it under the agreement, and the net "
                "transfer between treasuries (owed − collected; positive = received). Only the "
                "local share is divided; existing tax stays where it is raised.",
            )
        )
    )
    ids = list(dict.fromkeys([*stat.agreement_id, *tax.agreement_id]))
    s.add(*(agreement_table(i, stat, tax, f) for i in ids))
    return s


def _plan_years(df: pd.DataFrame) -> pd.DataFrame:
    return df[df.year.isin(PLAN_YEARS)]


def agreement_table(aid: str, stat: pd.DataFrame, tax: pd.DataFrame, f: Fmt) -> Table:
    """One agreement's plan-year totals by party; GDP counted in full by both is not added."""
    st, tx = stat[stat.agreement_id == aid], tax[tax.agreement_id == aid]
    new = tx[tx.tax != "existing"]
    name = (st.agreement.iloc[0] if len(st) else tx.agreement.iloc[0]) + (
        f.pick("（假设）", " (assumed)")
        if (st.assumed.any() if len(st) else tx.assumed.any())
        and "假设" not in (st.agreement.iloc[0] if len(st) else tx.agreement.iloc[0])
        else ""
    )
    booked = st.groupby("party_code", sort=False)["booked_gdp"].sum()
    collected = new.groupby("party_code", sort=False)["collected"].sum()
    owed = new.groupby("party_code", sort=False)["owed"].sum()
    names = dict(zip([*st.party_code, *tx.party_code], [*st.party, *tx.party], strict=True))
    parties = list(dict.fromkeys([*st.party_code, *tx.party_code]))
    rows = [
        [
            names[p],
            f.number(float(booked.get(p, 0.0))),
            f.number(float(collected.get(p, 0.0))),
            f.number(float(owed.get(p, 0.0))),
            f.number(float(owed.get(p, 0.0) - collected.get(p, 0.0))),
        ]
        for p in parties
    ]
    full = len(st) and not st.summable.all()
    summed = float(st[st.summable].booked_gdp.sum())
    return Table(
        f.pick(f"协议结算：{name}", f"Settlement: {name}"),
        [
            f.pick("参与方", "Party"),
            f.header(f.pick("计入 GDP", "GDP booked"), MONEY),
            f.header(f.pick("本地征收地方税", "Local tax collected"), MONEY),
            f.header(f.pick("应得地方税", "Local tax owed"), MONEY),
            f.header(f.pick("净转移", "Net transfer"), MONEY),
        ],
        rows,
        MONEY,
        total=[
            f.total,
            "—" if full else f.number(summed),
            f.number(float(new.collected.sum())),
            f.number(float(new.owed.sum())),
            f.number(float(new.net.sum())),
        ],
        note=f.pick(
            "全额双核算：各方均计入全额，仅用于考核，GDP 不加总。",
            "Counted in full by both: each party books the whole GDP, for assessment only; not "
            "added up.",
        )
        if full
        else "",
    )
