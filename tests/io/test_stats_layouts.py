"""Each yearbook layout from issue 4 read into the expected tidy table, value by value."""

from __future__ import annotations

import csv
import importlib.util
import math
from pathlib import Path

import pytest
from stats_helpers import truth

from workbench.io.stats_import import TIDY_COLUMNS, ImportOverrides, read_table

DATA = Path(__file__).parents[1] / "data" / "stats"


def _fixture_source():  # the generator holds the numbers each fixture was written from
    spec = importlib.util.spec_from_file_location("make_fixtures", DATA / "make_fixtures.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


SRC = _fixture_source()


def _values(tidy, code):  # {(indicator, year): (value, unit, original_unit)} of one place
    got = truth(tidy, "unit", "original_unit")
    return {(indicator, year): v for (c, indicator, year), v in got.items() if c == code}


def test_tidy_columns_and_provenance():
    res = read_table(DATA / "sc_2018_yearbook.xlsx")
    assert tuple(res.tidy.columns) == TIDY_COLUMNS
    row = res.tidy[
        (res.tidy.region_code == "510100") & (res.tidy.indicator == "fiscal_revenue")
    ].iloc[0]
    assert (row.source_file, row.sheet, row.cell, row.original_unit) == (
        "sc_2018_yearbook.xlsx",
        "2-10",
        "D8",
        "万元",
    )


def test_sichuan_yearbook_regions_by_indicators_value_by_value():
    res = read_table(DATA / "sc_2018_yearbook.xlsx")
    tidy, rep = res.tidy, res.report
    codes = {
        "成都": "510100",
        "自　贡": "510300",
        "攀枝花": "510400",
        "泸　州": "510500",
        "德　阳": "510600",
        "绵　阳": "510700",
        "广　元": "510800",
        "遂　宁": "510900",
        "内　江": "511000",
        "乐　山": "511100",
        "南　充": "511300",
        "眉　山": "511400",
        "宜　宾": "511500",
        "广　安": "511600",
        "达　州": "511700",
        "雅　安": "511800",
        "巴　中": "511900",
        "资　阳": "512000",
        "阿坝州": "513200",
        "甘孜州": "513300",
        "凉山州": "513400",
    }
    for name, gdp, idx, rev, exp in SRC.SC_2018:
        got = _values(tidy, codes[name])
        assert got == {
            ("gdp", 2018): (pytest.approx(gdp), "亿元", "亿元"),
            ("gdp_index", 2018): (pytest.approx(idx), "上年=100", "上年=100"),
            ("fiscal_revenue", 2018): (pytest.approx(rev / 1e4, rel=1e-12), "亿元", "万元"),
            ("fiscal_expenditure", 2018): (pytest.approx(exp / 1e4, rel=1e-12), "亿元", "万元"),
        }, name
    assert set(tidy.level) == {"prefecture", "aggregate"}
    total = tidy[tidy.level == "aggregate"]
    assert set(total.region) == {"合计"} and set(total.region_code) == {""}
    assert len(tidy) == 21 * 4 + 3  # the total's index is "…"
    assert rep.year == 2018 and rep.year_source == "title"
    assert rep.table_number == "2-10"
    assert rep.header_rows == [3, 4, 5]  # two header rows and the English line
    assert rep.orientation == "regions_by_indicators"
    assert rep.checks_passed == 3 and not rep.checks_failed
    assert rep.skipped_counts["missing"] == 1 and not rep.unmatched
    assert any("资料来源" in f for f in rep.footer)


def test_ods_reads_the_same_tidy_table_as_the_xlsx_it_was_converted_from():
    # LibreOffice's conversion of the xlsx fixture: calamine gives no merged ranges for .ods,
    # so the merged 地区生产总值 over 总量/增长 must come from the file's own span attributes.
    xlsx = read_table(DATA / "cq_2023_merged_header.xlsx")
    ods = read_table(DATA / "cq_2023_merged_header.ods")
    assert ods.report.format == "ods"
    assert list(ods.tidy.source_file.unique()) == ["cq_2023_merged_header.ods"]
    a = xlsx.tidy.drop(columns="source_file")
    b = ods.tidy.drop(columns="source_file")
    assert a.to_dict("records") == b.to_dict("records")
    assert "增长（%）" not in set(ods.tidy.indicator)


@pytest.mark.parametrize(
    "name",
    [
        "cq_2023_merged_header.xlsx",
        "cq_2023_merged_header.xls",
        "cq_2023_merged_header.xlsm",
        "cq_2023_merged_header.ods",
    ],
)
def test_merged_two_row_header_with_groups_and_indentation(name):
    res = read_table(DATA / name)
    tidy, rep = res.tidy, res.report
    keys = (
        "gdp",
        "gdp_growth",
        "gdp_primary",
        "gdp_secondary",
        "gdp_industry",
        "gdp_tertiary",
        "population",
    )
    codes = {
        "渝中区": "500103",
        "江北区": "500105",
        "渝北区": "500112",
        "万州区": "500101",
        "开州区": "500154",
        "黔江区": "500114",
        "石柱县": "500240",
    }
    for _group, members in SRC.CQ_GROUPS:
        for m in members:
            got = _values(tidy, codes[m[0]])
            want = {}
            for key, v in zip(keys, m[1:], strict=True):
                if isinstance(v, float):
                    unit = (
                        "%" if key == "gdp_growth" else ("万人" if key == "population" else "亿元")
                    )
                    want[(key, 2023)] = (pytest.approx(v), unit, unit)
            assert got == want, m[0]
    groups = tidy[tidy.level == "aggregate"]
    assert set(groups.region) == {
        "全市",
        "主城都市区",
        "中心城区",
        "渝东北三峡库区城镇群",
        "渝东南武陵山区城镇群",
    }
    assert (groups.region_code == "").all()
    全市 = groups[groups.region == "全市"].set_index("indicator").value
    assert 全市["gdp_growth"] == pytest.approx(6.1)  # printed as "6.1%"
    kinds = {a.label: a.kind for a in rep.aggregates}
    assert kinds["全　市"] == "total" and kinds["主城都市区"] == "group"
    assert rep.unit.startswith("单位:亿元")
    assert rep.header_rows == [3, 4, 5]
    # groups = indented children; the #中心城区 row is "of which" and not summed
    assert rep.checks_passed > 0 and not rep.checks_failed


def test_indicators_by_years_with_unit_column_gbk_csv():
    res = read_table(DATA / "chengdu_indicators_by_years_gbk.csv")
    tidy, rep = res.tidy, res.report
    assert rep.encoding == "GB18030/GBK" and rep.orientation == "indicators_by_years"
    assert set(tidy.region_code) == {"510100"}  # from the title
    got = _values(tidy, "510100")
    expect = {
        ("gdp", 2019): (17012.65, "亿元", "亿元"),
        ("gdp", 2022): (20817.5, "亿元", "亿元"),
        ("population", 2020): (2094.7, "万人", "万人"),
        ("registered_population", 2019): (1500.0, "万人", "人"),
        ("urbanization_rate", 2021): (79.5, "%", "%"),
        ("fiscal_revenue", 2019): (1482.96, "亿元", "万元"),
        ("gdp_per_capita", 2019): (103386.0, "元", "元"),
        ("规模以上工业企业数", 2021): (4100.0, "个", "个"),
        ("trade_total", 2022): (1253.1, "亿美元", "亿美元"),
    }
    for k, (v, u, ou) in expect.items():
        assert got[k][0] == pytest.approx(v) and got[k][1:] == (u, ou), k
    assert ("规模以上工业企业数", 2022) not in got  # "—"
    assert not any(y == 2023 for _, y in got)  # the empty latest-year column
    assert len(tidy) == 8 * 4 - 1
    assert any("2023年" in a and "为空" in a for a, _ in rep.inferred)


def test_long_table_utf8_bom():
    res = read_table(DATA / "long_table_utf8bom.csv")
    tidy, rep = res.tidy, res.report
    assert rep.orientation == "long" and rep.encoding == "UTF-8 (BOM)"
    rows = {
        (r.region_code, r.indicator, r.year): (r.value, r.unit, r.original_unit)
        for r in tidy.itertuples()
    }
    assert rows == {
        ("510100", "gdp", 2022): (20817.5, "亿元", "亿元"),
        ("510117", "population", 2015): (76.2, "万人", "万人"),  # 郫县, an old name
        ("510300", "urbanization_rate", 2022): (56.3, "%", "%"),  # "56.3%"
        ("510600", "fixed_asset_investment", 2022): (pytest.approx(1234.5678), "亿元", "万元"),
        ("510400", "gdp", 2022): (1220.5, "亿元", "亿元"),  # "1220.5*"
        ("511500", "retail_sales", 2021): (1234.6, "亿元", "亿元"),  # a full-width digit inside
    }
    assert [u.label for u in rep.unmatched] == ["天府新城"]
    assert rep.unmatched[0].suggestions
    assert rep.skipped_counts["unit_mismatch"] == 1  # GDP given in 人
    assert rep.skipped_counts["missing"] == 1


def test_census_indentation_subtotals_and_old_names():
    res = read_table(DATA / "cq_2010_census_indent.csv")
    tidy, rep = res.tidy, res.report
    with (DATA / "cq_2010_census_indent.csv").open(encoding="utf-8") as fh:
        raw = {r[0].strip(): r[1:] for r in csv.reader(fh) if len(r) == 4 and r[1].isdigit()}
    # 万州区: total, male, female in 人 → 万人
    got = _values(tidy, "500101")
    assert got[("人口数/合计", 2010)] == (pytest.approx(int(raw["万州区"][0]) / 1e4), "万人", "人")
    # "人口数" is typed once over 合计/男/女 (a csv has no merged cells): the group title is carried
    # right, and the report says it inferred that
    assert got[("人口数/男", 2010)][0] == pytest.approx(int(raw["万州区"][1]) / 1e4)
    assert any("分组标题补齐" in line for line in rep.lines("zh"))
    # pre-2011 units merged into today's districts are not stored as the successor's figure
    unmatched = {u.label: u for u in rep.unmatched}
    assert {"万盛区", "双桥区"} <= set(unmatched)
    assert "綦江区" in unmatched["万盛区"].suggestions[0]
    assert "500110" in set(tidy.region_code)  # 綦江县, a former name of 綦江区
    assert _values(tidy, "500110")[("人口数/合计", 2010)][0] == pytest.approx(
        int(raw["綦江县"][0]) / 1e4
    )
    # 合计 = 市辖区 + 县 and 市辖区 = its 19 districts pass; 县 fails (the transcription stops at 忠县)
    assert rep.checks_passed == 6
    assert {(f.total_label, f.indicator) for f in rep.checks_failed} == {
        ("县", "人口数/合计"),
        ("县", "人口数/男"),
        ("县", "人口数/女"),
    }
    f = next(f for f in rep.checks_failed if f.indicator == "人口数/合计")
    assert f.printed == pytest.approx(1315.268) and f.children == 12
    assert {a.label: a.kind for a in rep.aggregates} == {
        "合计": "total",
        "市辖区": "subtotal",
        "县": "subtotal",
    }


def test_notes_sheet_skipped_and_years_newest_first():
    res = read_table(DATA / "cq_gdp_notes_sheet.xlsx")
    rep = res.report
    assert rep.sheet == "数据" and rep.sheets_skipped[0][0] == "说明"
    assert rep.orientation == "regions_by_years"
    got = _values(res.tidy, "500112")  # 渝北区
    assert got == {
        (("gdp", y)): (v, "亿元", "亿元")
        for y, v in zip(
            (2022, 2021, 2020, 2019, 2018),
            (2297.11, 2235.61, 2002.34, 1908.74, 1752.83),
            strict=True,
        )
    }
    assert _values(res.tidy, "500000")[("gdp", 2022)][0] == 29129.03
    assert len(res.tidy) == 23 * 5
    assert not rep.checks_failed  # a partial list under 重庆市 is not checked …
    assert any("22/38" in a for a, _ in rep.inferred)  # … and the report says why


def test_nbs_export_regions_by_years():
    res = read_table(DATA / "20_Major_GDP.xls")
    tidy, rep = res.tidy, res.report
    assert rep.format == "xls" and rep.meta["指标"] == "国内生产总值(亿元)"
    assert rep.header_rows == [3] and rep.orientation == "regions_by_years"
    cq = _values(tidy, "500000")
    assert cq[("gdp", 2017)] == (19424.73, "亿元", "亿元")
    assert cq[("gdp", 1999)] == (1663.2, "亿元", "亿元")
    assert len(cq) == 19 and ("gdp", 2018) not in cq  # 2018 column empty
    cd = _values(tidy, "510100")
    assert cd[("gdp", 2017)][0] == 13889.39 and cd[("gdp", 2001)][0] == 1492.04
    assert ("gdp", 2000) not in cd
    assert tidy.region_code.str.len().eq(6).all() and len(set(tidy.region_code)) == 36
    assert (
        _values(tidy, "650100")[("gdp", 2017)][0] == 2743.82
    )  # 乌鲁木齐: the prefecture, by level
    assert len(tidy) == 618 and rep.skipped_counts["empty"] == 102
    assert rep.footer == ["数据来源：国家统计局"]
    assert any("2018年" in a for a, _ in rep.inferred)


def test_nbs_export_indicators_by_years_for_one_region():
    res = read_table(DATA / "20_Guangzhou_All.xls")
    tidy = res.tidy
    assert set(tidy.region_code) == {"440100"}  # from 地区：广州
    got = _values(tidy, "440100")
    assert got[("gdp", 2017)] == (21503.15, "亿元", "亿元")
    assert got[("gdp_primary", 2017)][0] == 233.49
    assert got[("gdp_secondary", 2007)][0] == 2806.76
    assert got[("gdp_tertiary", 2016)][0] == 13556.57
    assert ("gdp_primary", 2006) not in got
    assert len(tidy) == 50 and res.report.orientation == "indicators_by_years"


def test_year_override_selects_one_year_and_preview_is_raw_grid():
    res = read_table(DATA / "20_Major_GDP.xls", year=2010)
    assert set(res.tidy.year) == {2010} and len(res.tidy) == 35  # 拉萨 2010 is empty
    assert res.preview[1][0] == "指标：国内生产总值(亿元)" and res.preview[4][2] == 28014.94


def test_overrides_unit_region_match_and_header_rows():
    # the long table's unmatched 天府新城, matched by hand to 成都市 (a test of the mechanism)
    res = read_table(
        DATA / "long_table_utf8bom.csv",
        overrides=ImportOverrides(region_matches={"天府新城": "510100"}),
    )
    assert not res.report.unmatched
    assert ((res.tidy.region_code == "510100") & (res.tidy.value == 100.0)).any()
    # the Chengdu table read with an explicit header row gives the same result
    a = read_table(DATA / "chengdu_indicators_by_years_gbk.csv").tidy
    b = read_table(
        DATA / "chengdu_indicators_by_years_gbk.csv", overrides=ImportOverrides(header_rows=[1])
    ).tidy
    assert a.equals(b)


def test_missing_year_and_unit_are_reported_not_guessed(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("地区,地区生产总值\n成都市,100\n绵阳市,50\n", encoding="utf-8")
    res = read_table(p)
    assert res.tidy.empty
    assert res.report.skipped_counts["no_year"] == 2
    assert any("年份" in a for a, _ in res.report.warnings)
    res = read_table(p, year=2022)
    assert res.tidy.empty and res.report.skipped_counts["unit_ambiguous"] == 2
    res = read_table(p, overrides=ImportOverrides(year=2022, unit="万元"))
    assert list(res.tidy.value) == [pytest.approx(0.01), pytest.approx(0.005)]
    assert all(math.isfinite(v) for v in res.tidy.value)
