"""Chapters 二 and 四 state the fund's own returns and each agreement's settlement: every table's
total is the core function's total, and the return parameters are said to be 假设."""

from __future__ import annotations

import pytest

from tests.core.test_sharing import _sample_with_all_kinds
from workbench.core.model import PLAN_YEARS
from workbench.core.projections import ProjectionEngine
from workbench.core.report import build_report
from workbench.core.sharing import fund_accounts, fund_performance, settlement_tables

SC = "基准方案"


def _num(text: str) -> float:
    return float(text.replace(",", ""))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_fund_account_table_totals_are_fund_accounts(sample_project, lang) -> None:
    p = sample_project
    p.fund.distribution_key = {c.region_code: 0.0 for c in p.fund.contributions}
    p.fund.distribution_key["510100"] = 100.0  # an agreed key: 成都 receives everything
    report = build_report(p, SC, lang=lang)
    fund = report.section("fund")
    table = next(t for t in fund.tables() if t.title in ("各城市基金账户", "Fund account by city"))
    acc = fund_accounts(p, SC)
    for col, name in enumerate(["paid_in", "invested_in", "received_back"], start=1):
        assert _num(table.total[col]) == pytest.approx(acc[name].sum(), abs=0.006)
    net = acc.received_back.sum() - acc.paid_in.sum()
    assert _num(table.total[4]) == pytest.approx(net, abs=0.006)
    chengdu = next(r for r in table.rows if r[0] == "成都市")
    got = acc[acc.region_code == "510100"].received_back.sum()
    assert _num(chengdu[3]) == pytest.approx(got, abs=0.006)
    assert _num(chengdu[3]) == pytest.approx(_num(table.total[3]), abs=0.006)  # the agreed key
    perf = fund_performance(p, SC).iloc[0]
    text = " ".join(b.text for b in fund.blocks if hasattr(b, "text"))
    assert f"{perf.dpi:,.2f}" in text and f"{perf.irr_pct:,.2f}%" in text
    assert ("约定比例" in text) if lang == "zh" else ("agreed key" in text)
    assert ("以下参数为假设" in text) if lang == "zh" else ("Assumptions" in text)


def test_settlement_tables_per_agreement_total_the_settlement_forms(sample_project) -> None:
    p = _sample_with_all_kinds(sample_project)
    eng = ProjectionEngine(p)
    report = build_report(p, SC, engine=eng)
    sec = next(s for s in report.section("parks").subsections if s.key == "settlement")
    t = settlement_tables(p, SC, engine=eng)
    stat = t["statistics"][t["statistics"].year.isin(PLAN_YEARS)]
    tax = t["tax"][t["tax"].year.isin(PLAN_YEARS) & (t["tax"].tax != "existing")]
    moves = t["transfers"][t["transfers"].year.isin(PLAN_YEARS)]
    tables = {tb.title.removeprefix("协议结算："): tb for tb in sec.tables()}
    ids = set(stat.agreement_id) | set(tax.agreement_id)
    assert len(tables) == len(ids) >= 4
    for aid in ids:
        st, tx = stat[stat.agreement_id == aid], tax[tax.agreement_id == aid]
        name = (st if len(st) else tx).agreement.iloc[0]
        tb = next(v for k, v in tables.items() if k.startswith(name))
        if st.summable.all():
            assert _num(tb.total[1]) == pytest.approx(st.booked_gdp.sum(), abs=0.006)
        else:  # 全额双核算: never added up
            assert tb.total[1] == "—" and tb.note
        assert _num(tb.total[2]) == pytest.approx(tx.collected.sum(), abs=0.006)
        assert _num(tb.total[3]) == pytest.approx(tx.owed.sum(), abs=0.006)
        assert _num(tb.total[4]) == pytest.approx(0.0, abs=0.006)  # transfers net to zero
        m = moves[moves.agreement_id == aid]
        for row in tb.rows:  # each party's net transfer is what it receives less what it pays
            code = (
                st[st.party == row[0]].party_code.iloc[0]
                if (st.party == row[0]).any()
                else (tx[tx.party == row[0]].party_code.iloc[0])
            )
            net = m[m.to_code == code].amount.sum() - m[m.from_code == code].amount.sum()
            assert _num(row[4]) == pytest.approx(net, abs=0.006)
    assert any("（假设）" in k or "假设" in k for k in tables)  # the default relocation is said
