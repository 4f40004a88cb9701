"""More yearbook layouts, each written as the yearbook prints it and read value by value against
the truth table it was written from, with the report in both languages and what must not be
imported or guessed: halves side by side holding different indicators named only above each
half, a second table opened by a bare header row, hidden rows and columns, growth columns of
indicators other than GDP, and regions across the columns over indicators down the rows."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from stats_helpers import report_text, report_texts, save_book, truth

from workbench.io.stats_import import read_table

Truth = dict[tuple[str, str, int], tuple[object, str]]

CITIES = [("成都市", "510100"), ("自贡市", "510300"), ("攀枝花市", "510400")]
GDP = {"510100": (20817.5, 22074.7), "510300": (1601.3, 1680.0), "510400": (1220.5, 1300.0)}
POP = {"510100": (2126.8, 2140.3), "510300": (244.0, 243.0), "510400": (122.0, 121.0)}


# ------------------------------------- halves side by side, one indicator named over each


def _two_indicator_halves(path: Path, *, unit_lines: bool, gap: bool) -> Path:
    """2-4 主要指标: GDP on the left, population on the right, each half's indicator merged over
    its ``地区 | 2022年 | 2023年``; its unit in the title cell or on a unit line of its own."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2-4"
    pad = [None] if gap else []
    right = 4 + len(pad)  # the right half's first column (1-based)
    ws.append(["2-4 主要指标"])
    if unit_lines:
        ws.append(["地区生产总值", None, None, *pad, "年末常住人口"])
    else:
        ws.append(["地区生产总值（亿元）", None, None, *pad, "年末常住人口（万人）"])
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=3)
    ws.merge_cells(start_row=2, start_column=right, end_row=2, end_column=right + 2)
    if unit_lines:
        ws.append(["单位：亿元", None, None, *pad, "单位：万人"])
    ws.append(["地区", "2022年", "2023年", *pad, "地区", "2022年", "2023年"])
    for name, code in CITIES:
        ws.append([name, *GDP[code], *pad, name, *POP[code]])
    return save_book(wb, path)


@pytest.mark.parametrize(("unit_lines", "gap"), [(False, False), (False, True), (True, False)])
def test_halves_side_by_side_with_an_indicator_over_each(tmp_path, unit_lines, gap):
    res = read_table(
        _two_indicator_halves(tmp_path / "halves.xlsx", unit_lines=unit_lines, gap=gap)
    )
    want: Truth = {}
    for code, (a, b) in GDP.items():
        want |= {(code, "gdp", 2022): (pytest.approx(a), "亿元")}
        want |= {(code, "gdp", 2023): (pytest.approx(b), "亿元")}
    for code, (a, b) in POP.items():
        want |= {(code, "population", 2022): (pytest.approx(a), "万人")}
        want |= {(code, "population", 2023): (pytest.approx(b), "万人")}
    assert truth(res, "unit", approx=True) == want
    rep = res.report
    assert len(rep.parts) == 2 and not rep.warnings
    # each half has its own title (and unit), never the other half's
    assert "地区生产总值" in rep.parts[0].title and "常住人口" not in rep.parts[0].title
    assert "年末常住人口" in rep.parts[1].title and "地区生产总值" not in rep.parts[1].title
    left = "A–C"
    right = "E–G" if gap else "D–F"
    zh, en = report_texts(rep)
    assert f"工作表“2-4”中有 2 张表，分别读取：{left} 列；{right} 列" in zh
    assert (
        f"sheet '2-4' holds 2 tables, each read on its own: columns {left}; columns {right}" in en
    )
    assert "指标未知" not in zh and "indicator unknown" not in en
    # population cells are the right half's, never a GDP figure
    pop_cols = {c[0] for c in res.tidy[res.tidy.indicator == "population"].cell}
    assert pop_cols == ({"F", "G"} if gap else {"E", "F"})


def test_halves_whose_indicators_print_no_unit_are_not_guessed(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["地区生产总值", None, None, "年末常住人口"])
    ws.merge_cells("A1:C1")
    ws.merge_cells("D1:F1")
    ws.append(["地区", "2022年", "2023年", "地区", "2022年", "2023年"])
    for name, code in CITIES:
        ws.append([name, *GDP[code], name, *POP[code]])
    res = read_table(save_book(wb, tmp_path / "no_unit.xlsx"))
    assert res.tidy.empty
    # each half knows its indicator; only the unit is missing (said, not guessed)
    assert [p.skipped_counts.get("unit_ambiguous") for p in res.report.parts] == [6, 6]
    assert "指标未知" not in report_text(res.report, "zh")


# --------------------------------------------- a second table opened by a bare header row


def _bare_header_book(path: Path, *, second_head: list[str]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2-1"
    ws.append(["2-1 各市（州）主要指标（2023年）"])
    ws.append(["地区", "地区生产总值（亿元）"])
    for name, code in CITIES:
        ws.append([name, GDP[code][1]])
    ws.append([])
    ws.append(second_head)
    for name, code in CITIES:
        ws.append([name, POP[code][1]])
    return save_book(wb, path)


@pytest.mark.parametrize(
    "head", [["地区", "年末常住人口（万人）"], ["地  区", "年末常住人口（万人）"]]
)
def test_a_second_table_opened_by_a_bare_header_row(tmp_path, head):
    path = _bare_header_book(tmp_path / "bare.xlsx", second_head=head)
    res = read_table(path)
    gdp: Truth = {(c, "gdp", 2023): (pytest.approx(GDP[c][1]), "亿元") for _n, c in CITIES}
    # the second table names no year of its own: it waits for the planner's, never the title's
    assert truth(res, "unit", approx=True) == gdp
    rep = res.report
    assert len(rep.parts) == 2
    assert rep.parts[1].skipped_counts["no_year"] == 3
    zh, en = report_texts(rep)
    assert "工作表“2-1”中有 2 张表，分别读取：第 2–5 行；第 7–10 行" in zh
    assert "sheet '2-1' holds 2 tables, each read on its own: rows 2–5; rows 7–10" in en
    assert "第 7–10 行：表中没有找到年份" in zh
    # the header is no region and its figures no second GDP value
    assert "不是数字" not in zh and "not a number" not in en
    assert "地区" not in set(res.tidy.region)
    got = read_table(path, year=2023)
    pop: Truth = {(c, "population", 2023): (pytest.approx(POP[c][1]), "万人") for _n, c in CITIES}
    assert truth(got, "unit", approx=True) == gdp | pop
    assert set(got.tidy[got.tidy.indicator == "population"].cell) == {"B8", "B9", "B10"}
    assert not got.report.warnings


def test_a_header_repeated_after_a_blank_row_is_still_a_page_break(tmp_path):
    path = _bare_header_book(tmp_path / "repeat.xlsx", second_head=["地区", "地区生产总值（亿元）"])
    res = read_table(path)
    assert not res.report.parts  # one table: the header printed again is skipped
    assert len(res.tidy) == 6 and set(res.tidy.indicator) == {"gdp"}


def test_a_blank_row_then_a_label_with_missing_figures_is_data(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["各市地区生产总值（2023年）"])
    ws.append(["单位：亿元"])
    ws.append(["地区", "地区生产总值", "第一产业"])
    ws.append(["成都市", 22074.7, 600.0])
    ws.append([])
    ws.append(["自贡市", "—", "…"])  # text cells after a blank row, but no header word
    ws.append(["攀枝花市", 1300.0, 100.0])
    res = read_table(save_book(wb, tmp_path / "gap.xlsx"))
    assert not res.report.parts
    assert truth(res, "unit", approx=True) == {
        ("510100", "gdp", 2023): (pytest.approx(22074.7), "亿元"),
        ("510100", "gdp_primary", 2023): (pytest.approx(600.0), "亿元"),
        ("510400", "gdp", 2023): (pytest.approx(1300.0), "亿元"),
        ("510400", "gdp_primary", 2023): (pytest.approx(100.0), "亿元"),
    }


# ------------------------------------------------------------ hidden rows and columns


def _hidden_book(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2023"
    ws.append(["各市地区生产总值（2023年）"])
    ws.append(["单位：亿元"])
    ws.append(["地区", "地区生产总值", "辅助列", "第一产业"])
    ws.append(["成都市", 22074.7, 1, 600.0])
    ws.append(["自贡市", 9999.0, 2, 9.0])  # a superseded line the bureau hid
    ws.append(["自贡市", 1680.0, 3, 200.0])
    ws.append(["攀枝花市", 1300.0, 4, 100.0])
    ws.row_dimensions[5].hidden = True
    ws.column_dimensions["C"].hidden = True
    return save_book(wb, path)


def test_hidden_rows_and_columns_are_left_out_and_said(tmp_path):
    res = read_table(_hidden_book(tmp_path / "hidden.xlsx"))
    assert truth(res, "unit", approx=True) == {
        ("510100", "gdp", 2023): (pytest.approx(22074.7), "亿元"),
        ("510100", "gdp_primary", 2023): (pytest.approx(600.0), "亿元"),
        ("510300", "gdp", 2023): (pytest.approx(1680.0), "亿元"),
        ("510300", "gdp_primary", 2023): (pytest.approx(200.0), "亿元"),
        ("510400", "gdp", 2023): (pytest.approx(1300.0), "亿元"),
        ("510400", "gdp_primary", 2023): (pytest.approx(100.0), "亿元"),
    }
    # nothing from the hidden row (no duplicate 自贡市) or the hidden column
    assert not any(c.startswith("C") or c.endswith("5") for c in res.tidy.cell)
    assert "辅助列" not in set(res.tidy.indicator)
    assert not res.report.warnings
    zh, en = report_texts(res.report)
    assert "隐藏的第 5 行、C 列在 Excel 中不显示，其中的内容未导入" in zh
    assert "hidden row 5 and column C (not shown by Excel) were not imported" in en


def test_a_sheet_without_hidden_rows_says_nothing_of_them(tmp_path):
    path = _hidden_book(tmp_path / "shown.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws.row_dimensions[5].hidden = False
    ws.column_dimensions["C"].hidden = False
    ws.delete_rows(5)
    res = read_table(save_book(wb, tmp_path / "shown2.xlsx"))
    assert "辅助列" in set(res.tidy.indicator)  # a visible column is read as printed
    assert "隐藏" not in report_text(res.report, "zh")


def test_hidden_rows_in_each_table_of_a_sheet(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2-1"
    ws.append(["2-1 各市（州）地区生产总值（2023年）"])
    ws.append(["单位：亿元"])
    ws.append(["地区", "地区生产总值"])
    for name, code in CITIES:
        ws.append([name, GDP[code][1]])
    ws.append(["2-2 各市（州）年末常住人口（2023年）"])
    ws.append(["单位：万人"])
    ws.append(["地区", "年末常住人口"])
    for name, code in CITIES:
        ws.append([name, POP[code][1]])
    ws.row_dimensions[11].hidden = True  # 自贡市 in the second table
    res = read_table(save_book(wb, tmp_path / "two.xlsx"))
    got = truth(res, "unit", approx=True)
    assert ("510300", "population", 2023) not in got
    assert got[("510400", "population", 2023)] == (pytest.approx(121.0), "万人")
    assert len([k for k in got if k[1] == "gdp"]) == 3
    assert all("隐藏的第 11 行" in report_text(p, "zh") for p in res.report.parts)


# --------------------------------------------- growth columns of indicators beyond GDP


def test_growth_columns_of_catalogued_indicators_have_one_key(tmp_path):
    # a growth column beside its indicator in one file ...
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["各市主要指标（2023年）"])
    ws.append(
        [
            "地区",
            "一般公共预算收入（亿元）",
            "比上年增长（%）",
            "社会消费品零售总额（亿元）",
            "增长%",
            "规模以上工业增加值（亿元）",
            "增速",
        ]
    )
    ws.append(["成都市", 1929.3, 5.6, 10001.6, 10.0, 5000.0, 4.6])
    ws.append(["自贡市", 80.1, 7.0, 800.0, 9.0, 500.0, 5.0])
    beside = read_table(save_book(wb, tmp_path / "beside.xlsx"))
    # ... and a two-row header (绝对额 | 比上年增长) in another, and named growth in a third
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["各市主要指标（2023年）"])
    ws.append(["地区", "一般公共预算收入", None, "社会消费品零售总额", None])
    ws.append([None, "绝对额（亿元）", "比上年增长（%）", "绝对额（亿元）", "增长%"])
    ws.merge_cells("A2:A3")
    ws.merge_cells("B2:C2")
    ws.merge_cells("D2:E2")
    ws.append(["成都市", 1929.3, 5.6, 10001.6, 10.0])
    ws.append(["自贡市", 80.1, 7.0, 800.0, 9.0])
    grouped = read_table(save_book(wb, tmp_path / "grouped.xlsx"))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["各市主要指标增速（2023年）"])
    ws.append(["地区", "一般公共预算收入增速（%）", "规模以上工业增加值比上年增长（%）"])
    ws.append(["成都市", 5.6, 4.6])
    ws.append(["自贡市", 7.0, 5.0])
    named = read_table(save_book(wb, tmp_path / "named.xlsx"))

    growth: Truth = {
        ("510100", "fiscal_revenue_growth", 2023): (pytest.approx(5.6), "%"),
        ("510300", "fiscal_revenue_growth", 2023): (pytest.approx(7.0), "%"),
        ("510100", "retail_sales_growth", 2023): (pytest.approx(10.0), "%"),
        ("510300", "retail_sales_growth", 2023): (pytest.approx(9.0), "%"),
    }
    amounts: Truth = {
        ("510100", "fiscal_revenue", 2023): (pytest.approx(1929.3), "亿元"),
        ("510300", "fiscal_revenue", 2023): (pytest.approx(80.1), "亿元"),
        ("510100", "retail_sales", 2023): (pytest.approx(10001.6), "亿元"),
        ("510300", "retail_sales", 2023): (pytest.approx(800.0), "亿元"),
    }
    industry: Truth = {
        ("510100", "规模以上工业增加值增速", 2023): (pytest.approx(4.6), "%"),
        ("510300", "规模以上工业增加值增速", 2023): (pytest.approx(5.0), "%"),
    }
    got = truth(beside, "unit", approx=True)
    assert got == growth | amounts | industry | {
        ("510100", "规模以上工业增加值", 2023): (pytest.approx(5000.0), "亿元"),
        ("510300", "规模以上工业增加值", 2023): (pytest.approx(500.0), "亿元"),
    }
    assert truth(grouped, "unit", approx=True) == growth | amounts
    assert truth(named, "unit", approx=True) == {
        k: v for k, v in (growth | industry).items() if k[1] != "retail_sales_growth"
    }
    # no growth under a printed path label
    for res in (beside, grouped, named):
        assert not any("/" in k for k in res.tidy.indicator)
    zh, en = report_texts(beside.report)
    assert "C2 比上年增长（%） → 一般公共预算收入增速, 2023, %" in zh
    assert "C2 比上年增长（%） → general public budget revenue growth, 2023, %" in en
    assert "列“比上年增长（%）”视为左侧“一般公共预算收入（亿元）”的增速" in zh


def test_a_change_or_a_rate_is_no_growth(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["各市主要指标（2023年）"])
    ws.append(["地区", "实际利用外资（亿美元）", "增减", "人口自然增长率（‰）"])
    ws.append(["成都市", 30.0, -1.5, 2.1])
    res = read_table(save_book(wb, tmp_path / "change.xlsx"))
    keys = set(res.tidy.indicator)
    assert "人口自然增长率" in keys  # a rate kept as printed, not a growth of 人口自然
    assert not any(k.endswith("增速") or k.endswith("_growth") for k in keys)


# ------------------------------------------- regions across the columns, indicators down


def _regions_across(path: Path, total: str, places: list[tuple[str, float, float]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2023"
    ws.append(["主要经济指标（2023年）"])
    ws.append(["指标", "单位", total, *(n for n, _g, _p in places)])
    ws.append(["地区生产总值", "亿元", None, *(g for _n, g, _p in places)])
    ws.append(["年末常住人口", "万人", None, *(p for _n, _g, p in places)])
    return save_book(wb, path)


@pytest.mark.parametrize(
    ("total", "places", "codes"),
    [
        (
            "全省",
            [("成都市", 22074.7, 2140.3), ("自贡市", 1680.0, 243.0), ("攀枝花市", 1300.0, 121.0)],
            ["510100", "510300", "510400"],
        ),
        (
            "全市",
            [("锦江区", 1500.0, 90.0), ("青羊区", 1600.0, 95.0), ("金牛区", 1700.0, 100.0)],
            ["510104", "510105", "510106"],
        ),
    ],
)
def test_regions_across_the_columns_over_a_partial_list(tmp_path, total, places, codes):
    path = _regions_across(tmp_path / "across.xlsx", total, places)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws["C3"], ws["C4"] = 60132.9, 8368.0  # the whole unit's figures: more than the listed parts
    res = read_table(save_book(wb, tmp_path / "across2.xlsx"))
    want: Truth = {}
    for code, (_n, g, p) in zip(codes, places, strict=True):
        want[(code, "gdp", 2023)] = (pytest.approx(g), "亿元")
        want[(code, "population", 2023)] = (pytest.approx(p), "万人")
    assert truth(res, "unit", approx=True, matched_only=True) == want
    agg = res.tidy[res.tidy.level == "aggregate"]
    assert set(agg.region) == {total} and set(agg.region_code) == {""}
    assert sorted(agg.value) == [8368.0, 60132.9]
    rep = res.report
    assert not rep.warnings and not rep.unmatched
    zh, en = report_texts(rep)
    assert f"汇总/分组行（不作为地区导入）：{total}[合计]" in zh
    assert f"Totals and groups (not imported as regions): {total}[total]" in en
    # checked as the same table with regions down the rows is: a whole over some of its
    # parts that falls short is no failed check, and the report says why
    assert not rep.checks_failed and rep.checks_passed == 0
    assert f"推断：“{total}”列的下级合计不等于印刷值，未作为校验失败：表中只列出" in zh
    assert f"'{total}': its parts do not add up to it, not counted as a failed check" in en
