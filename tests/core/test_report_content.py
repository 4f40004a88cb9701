"""The plan draft's content (core.report): chapters in order, the engine's numbers, one formatter."""

from __future__ import annotations

import numpy as np
import pytest

from workbench.core.projections import ProjectionEngine, ScenarioNotFound
from workbench.core.report import Fmt, Paragraph, Table, build_report
from workbench.core.report.model import FigureSlot

CHAPTERS = ["approach", "fund", "units", "parks", "effects", "risks", "annex", "notes"]


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _texts(section) -> str:
    out = [b.text for b in section.blocks if isinstance(b, Paragraph)]
    for sub in section.subsections:
        out.append(sub.heading)
        out.append(_texts(sub))
    return "\n".join(out)


def test_chapters_in_order_with_headings_in_both_languages(sample_project) -> None:
    zh = build_report(sample_project, "基准方案", "zh")
    en = build_report(sample_project, "基准方案", "en")
    assert [s.key for s in zh.sections] == CHAPTERS
    assert [s.heading for s in zh.sections][:6] == [
        "一、总体思路",
        "二、微核股权基金方案",
        "三、微核单元清单",
        "四、园区共建与利益分享",
        "五、预期成效",
        "六、风险与不确定性",
    ]
    assert en.sections[4].heading == "5. Expected effects"
    assert not any("亿元" in s.heading for s in en.sections)
    # Each park of the scenario has its own part of chapter 四.
    parks = [s for s in zh.section("parks").subsections if s.key != "settlement"]
    assert [s.heading.split()[0] for s in parks] == ["P-01", "P-02"]
    assert zh.section("parks").subsections[-1].key == "settlement"  # then what they settle


def test_annex_totals_are_the_engines_sums(sample_project) -> None:
    engine = ProjectionEngine(sample_project)
    report = build_report(sample_project, "基准方案", "zh", engine=engine)
    table = engine.results("基准方案")
    annex = report.section("annex").tables()
    gdp_net = next(t for t in annex if "净效益" in t.title and "GDP" in t.title)
    rows = table[
        (table.basis == "location") & (table.metric == "gdp") & (table.component == "total")
    ]
    expected = rows.groupby("year").value.sum().to_numpy()
    assert gdp_net.total is not None
    got = np.array([_number(x) for x in gdp_net.total[1:]])
    np.testing.assert_allclose(got, expected, atol=0.005)
    # Every unit is listed once, and its rounded row adds up to the total within rounding.
    assert len(gdp_net.rows) == rows.region_code.nunique()
    col_sums = np.array([[_number(x) for x in r[1:]] for r in gdp_net.rows]).sum(axis=0)
    np.testing.assert_allclose(col_sums, expected, atol=0.005 * len(gdp_net.rows))


def test_jobs_are_in_ten_thousands_and_text_says_the_unit(sample_project) -> None:
    engine = ProjectionEngine(sample_project)
    report = build_report(sample_project, "基准方案", "zh", engine=engine)
    jobs = engine.block("基准方案", "location", "jobs").total()[:, -1].sum()
    assert f"就业增加 {jobs / 10_000:,.2f} 万人" in _texts(report.section("effects"))
    annex_jobs = next(t for t in report.section("annex").tables() if "就业" in t.title)
    assert annex_jobs.unit == "万人"  # the caption's unit is the one the numbers are in
    assert _number(annex_jobs.total[-1]) == pytest.approx(jobs / 10_000, abs=0.005)


def test_formatter_units_and_rounding() -> None:
    zh, en = Fmt("zh"), Fmt("en")
    assert zh.value(12.345) == "12.35 亿元"
    assert zh.value(25_000, "人") == "2.50 万人"
    assert zh.value(3.5, "%") == "3.50%"
    assert zh.number(-0.001) == "0.00"  # never -0.00
    assert zh.number(float("nan")) == "—"
    assert en.value(19.13) == "CNY 1.91 bn"
    assert en.value(0.61) == "CNY 61 m"
    assert en.value(5400, "人") == "5,400 persons"
    assert en.header("Amount", "亿元") == "Amount (100M yuan)"


def test_approach_is_the_planners_text(sample_project) -> None:
    sc = sample_project.scenario("基准方案")
    sc.approach = "第一段思路。\n\n第二段思路。"
    report = build_report(sample_project, "基准方案", "zh")
    paras = [b.text for b in report.section("approach").blocks if isinstance(b, Paragraph)]
    assert paras[:2] == ["第一段思路。", "第二段思路。"]
    sc.approach = ""
    empty = build_report(sample_project, "基准方案", "zh").section("approach")
    assert empty.blocks[0].style == "note" and "编辑总体思路" in empty.blocks[0].text


def test_fund_chapter_states_size_contributions_and_rules(sample_project) -> None:
    fund = build_report(sample_project, "基准方案", "zh").section("fund")
    contrib = fund.tables()[0]
    assert contrib.total is not None and _number(contrib.total[1]) == pytest.approx(200.0)
    assert len(contrib.rows) == len(sample_project.fund.contributions)
    text = _texts(fund)
    assert "规模 200.00 亿元" in text and "5.00%" in text  # size, the per-unit cap
    assert FigureSlot("fund") in fund.blocks


def test_risks_name_sources_or_assumption_and_take_more_blocks(sample_project) -> None:
    report = build_report(sample_project, "基准方案", "zh")
    main = report.section("risks").tables()[0]
    assert 1 <= len(main.rows) <= 10 and all(r[3] for r in main.rows)
    notes = report.section("notes").tables()[0]
    assert any(r[3] == "假设" for r in notes.rows) and any(r[3] != "假设" for r in notes.rows)
    tornado = Table("龙卷风图数据", ["参数", "P10", "P90"], [["x", "1", "2"]])
    report.extend("risks", tornado)
    assert report.section("risks").tables()[-1] is tornado
    assert FigureSlot("risks") in report.section("risks").blocks


def test_figures_asked_for_and_unknown_scenario(sample_project) -> None:
    report = build_report(sample_project, "基准方案", "zh")
    assert len(report.figures) >= 3
    assert {f.chapter for f in report.figures} <= {s.key for s in report.sections}
    with pytest.raises(ScenarioNotFound):
        build_report(sample_project, "没有这个方案", "zh")


def test_park_rules_come_from_the_agreements_and_relocations_are_listed(sample_project) -> None:
    from workbench.core.enums import GdpRule
    from workbench.core.sharing.rules import park_agreement

    deal = park_agreement(sample_project, "P-01")
    assert deal is not None
    deal.gdp_rule = GdpRule.SPLIT
    deal.gdp_split = {deal.parties[0]: 70.0, deal.parties[1]: 30.0}
    parks = build_report(sample_project, "基准方案", "zh").section("parks")
    p01 = next(s for s in parks.subsections if s.heading.startswith("P-01"))
    text = _texts(p01)
    assert "GDP 统计规则：按比例分计" in text and "70.00%" in text and "30.00%" in text
    # A candidate found by one city and landing in another gets the default (假设) agreement.
    sc = sample_project.scenario("基准方案")
    funded = {a.candidate_id for a in sc.allocations}
    cand = next(c for c in sample_project.candidates if c.id in funded)
    origin = next(r.code for r in sample_project.regions if r.code != cand.region_code)
    cand.origin_region = origin
    parks = build_report(sample_project, "基准方案", "zh").section("parks")
    assert [s.key for s in parks.subsections[-2:]] == ["agreements", "settlement"]
    other = _texts(parks.subsections[-2])
    assert "假设" in other and "异地流转" in other and other.count("假设") == 1
