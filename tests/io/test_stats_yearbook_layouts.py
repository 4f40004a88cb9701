"""Yearbook sheets laid out as 四川统计年鉴, 重庆统计年鉴, city yearbooks and 统计公报 tables
print them: several tables on one page (one under another, or one table in two halves side by
side), the header printed again at a page break, a 全省 total over only some cities, and a
heading that groups the region columns. Each workbook is written as the yearbook prints it and
read value by value against the truth table it was written from; the report is read in both
languages, and what must not be imported or guessed is asserted too."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from stats_helpers import report_text, report_texts, save_book, truth

from workbench.io.stats_import import read_table

Truth = dict[tuple[str, str, int], tuple[float, str]]

GDP = [("成都市", "510100", 22074.7), ("自贡市", "510300", 1680.0), ("攀枝花市", "510400", 1300.0)]
POP = {"510100": 2140.3, "510300": 243.0, "510400": 121.0}


# ------------------------------------------------------------ tables one under another


def _stacked(path: Path, *, blank: bool, second_title: str) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2-1"
    ws.append(["2-1 各市（州）地区生产总值（2023年）"])
    ws.append(["单位：亿元"])
    ws.append(["地  区", "地区生产总值"])
    for name, _code, gdp in GDP:
        ws.append([name, gdp])
    if blank:
        ws.append([])
    ws.append([second_title])
    ws.append(["单位：万人"])
    ws.append(["地  区", "年末常住人口"])
    for name, code, _gdp in GDP:
        ws.append([name, POP[code]])
    return save_book(wb, path)


@pytest.mark.parametrize("blank", [True, False])
def test_a_second_table_under_the_first_is_read_as_its_own_table(tmp_path, blank):
    path = _stacked(
        tmp_path / "stacked.xlsx", blank=blank, second_title="2-2 各市（州）年末常住人口（2023年）"
    )
    res = read_table(path)
    want: Truth = {(c, "gdp", 2023): (pytest.approx(v), "亿元") for _n, c, v in GDP}
    want |= {(c, "population", 2023): (pytest.approx(v), "万人") for c, v in POP.items()}
    assert truth(res, "unit", approx=True) == want
    # the population figures are never a second GDP figure of the same city
    gdp = res.tidy[res.tidy.indicator == "gdp"]
    assert sorted(gdp.value) == sorted(v for *_x, v in GDP)
    pop_cells = set(res.tidy[res.tidy.indicator == "population"].cell)
    first = 8 if blank else 7  # the second table's title row
    assert pop_cells == {f"B{first + 3 + k}" for k in range(3)}
    rep = res.report
    assert rep.tables and len(rep.parts) == 2 and not rep.warnings
    assert (rep.parts[1].table_number, rep.parts[1].title) == (
        "2-2",
        "各市(州)年末常住人口(2023年)",
    )
    assert rep.parts[1].unit == "单位：万人"
    zh, en = report_texts(rep)
    assert f"工作表“2-1”中有 2 张表，分别读取：第 3–6 行；第 {first}–{first + 5} 行" in zh
    assert (
        f"sheet '2-1' holds 2 tables, each read on its own: rows 3–6; rows {first}–{first + 5}"
    ) in en
    assert f"—— 表：第 {first}–{first + 5} 行 ——" in zh
    assert "表注" not in zh  # the second table is no note of the first


def test_a_second_table_naming_no_year_waits_for_the_planners_year(tmp_path):
    # a short numbered title right under the first table's last row, no year in it
    path = _stacked(tmp_path / "no_year.xlsx", blank=False, second_title="2-2 年末常住人口")
    res = read_table(path)
    assert set(res.tidy.indicator) == {"gdp"}  # not the first table's year, not GDP
    second = res.report.parts[1]
    assert second.skipped_counts["no_year"] == 3
    assert "第 7–12 行：表中没有找到年份" in report_text(res.report, "zh")
    assert "rows 7–12: no year found in the table" in report_text(res.report, "en")
    got = read_table(path, year=2023).tidy
    assert set(got[got.indicator == "population"].value) == set(POP.values())


def test_notes_followed_by_text_only_stay_notes(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2-1 各市（州）地区生产总值（2023年）"])
    ws.append(["单位：亿元"])
    ws.append(["地区", "地区生产总值"])
    for name, _code, gdp in GDP:
        ws.append([name, gdp])
    ws.append(["注：本表按当年价格计算。"])
    ws.append(["全省数据为统一核算数，各市（州）数据为地区核算数。"])
    res = read_table(save_book(wb, tmp_path / "notes.xlsx"))
    assert not res.report.parts and len(res.tidy) == 3
    assert len(res.report.footer) == 2


# ------------------------------------------------------ one table in halves side by side


def test_a_table_printed_in_two_halves_side_by_side(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2-3"
    ws.append(["2-3 各市（州）地区生产总值（2023年）"])
    ws.merge_cells("A1:D1")
    ws.append(["单位：亿元"])
    ws.append(["地区", "地区生产总值", "地区", "地区生产总值"])
    ws.append(["成都市", 22074.7, "德阳市", 2900.0])
    ws.append(["自贡市", 1680.0, "绵阳市", 4038.7])
    ws.append(["攀枝花市", 1300.0, "广元市", 1200.0])
    ws.append(["泸州市", 2750.0, None, None])
    res = read_table(save_book(wb, tmp_path / "halves.xlsx"))
    want = {
        "510100": (22074.7, "B4"),
        "510300": (1680.0, "B5"),
        "510400": (1300.0, "B6"),
        "510500": (2750.0, "B7"),
        "510600": (2900.0, "D4"),
        "510700": (4038.7, "D5"),
        "510800": (1200.0, "D6"),
    }
    got = {r.region_code: (r.value, r.cell) for r in res.tidy.itertuples()}
    assert got == want  # 成都's 22074.7 is never 德阳's
    assert set(res.tidy.indicator) == {"gdp"} and set(res.tidy.year) == {2023}
    rep = res.report
    assert rep.tables and not rep.warnings and not rep.unmatched
    assert "工作表“2-3”中有 2 张表，分别读取：A–B 列；C–D 列" in report_text(rep, "zh")
    assert "each read on its own: columns A–B; columns C–D" in report_text(rep, "en")


def test_a_unit_column_right_of_the_figures_is_no_second_half(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["主要指标（2023年）"])
    ws.append(["指标", "成都市", "自贡市", "计量单位"])
    ws.append(["地区生产总值", 22074.7, 1680.0, "亿元"])
    ws.append(["年末常住人口", 2140.3, 243.0, "万人"])
    res = read_table(save_book(wb, tmp_path / "unit_right.xlsx"))
    assert not res.report.parts
    assert truth(res, "unit", approx=True) == {
        ("510100", "gdp", 2023): (pytest.approx(22074.7), "亿元"),
        ("510300", "gdp", 2023): (pytest.approx(1680.0), "亿元"),
        ("510100", "population", 2023): (pytest.approx(2140.3), "万人"),
        ("510300", "population", 2023): (pytest.approx(243.0), "万人"),
    }


# ------------------------------------------------------- header repeated at a page break


def test_the_header_printed_again_at_a_page_break_is_skipped(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "3-1"
    ws.append(["3-1 各区县地区生产总值（2023年）"])
    ws.append(["单位：亿元"])
    header = ["区  县", "地区生产总值", None, "第一产业"]  # an empty spacer column
    ws.append(header)
    rows = [("渝中区", 1600.0, 0.0), ("江北区", 1700.0, 1.2), ("万州区", 1200.0, 110.0)]
    rows += [("黔江区", 300.0, 40.0), ("石柱土家族自治县", 200.0, 30.0)]
    codes = ["500103", "500105", "500101", "500114", "500240"]
    for k, (name, gdp, primary) in enumerate(rows):
        if k == 3:
            ws.append(["区 县", "地区生产总值", None, "第一产业"])  # the next page's header
        ws.append([name, gdp, None, str(primary) if k == 4 else primary])
    res = read_table(save_book(wb, tmp_path / "page_break.xlsx"))
    want: Truth = {}
    for code, (_n, gdp, primary) in zip(codes, rows, strict=True):
        want[(code, "gdp", 2023)] = (pytest.approx(gdp), "亿元")
        want[(code, "gdp_primary", 2023)] = (pytest.approx(primary), "亿元")
    assert truth(res, "unit", approx=True) == want
    rep = res.report
    assert not rep.skipped_counts.get("not_a_number") and not rep.unmatched
    assert "推断：第 7 行：重复的表头行，已跳过" in report_text(rep, "zh")
    assert "Inferred: row 7: repeated header row, skipped" in report_text(rep, "en")


# ------------------------------------------------- a whole over only some of its parts


def _gdp_book(path: Path, title: str, rows: list[tuple[str, float]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([title])
    ws.append(["单位：亿元"])
    ws.append(["地区", "地区生产总值"])
    for r in rows:
        ws.append(list(r))
    return save_book(wb, path)


def test_a_province_total_over_some_cities_is_no_failed_check(tmp_path):
    # a 统计公报 table: 全省 and its main cities only; then 成都市 with two of its districts
    rows = [("全  省", 60132.9), ("成都市", 22074.7), ("　　锦江区", 1300.0)]
    rows += [("　　武侯区", 1400.0), ("绵阳市", 4038.7), ("宜宾市", 3806.1)]
    rows += [("　　涪城区", 900.0), ("　　游仙区", 700.0)]  # 绵阳's districts under 宜宾市: a slip
    res = read_table(_gdp_book(tmp_path / "partial.xlsx", "主要城市地区生产总值（2023年）", rows))
    rep = res.report
    assert not rep.checks_failed
    assert len(res.tidy[res.tidy.region_code != ""]) == 7
    zh, en = report_texts(rep)
    assert (
        "“全  省”行的下级合计不等于印刷值，未作为校验失败：表中只列出四川省的 3/21 个下级地区"
    ) in zh
    assert (
        "'全  省': its parts do not add up to it, not counted as a failed check: the table "
        "lists only 3 of the 21 units of 四川省"
    ) in en
    assert "“成都市”行的下级合计不等于印刷值" in zh


def test_a_total_over_all_cities_still_fails_on_a_slip(tmp_path):
    # every Chongqing district and county listed, one figure mistyped: a real failure
    from workbench.core.gazetteer import default_gazetteer

    g = default_gazetteer()
    units = sorted(
        c for c, d in g.divisions.items() if d.level.value == "county" and g.is_within(c, "500000")
    )
    rows = [(g.divisions[c].name, 100.0) for c in units]
    total = 100.0 * len(units)
    rows.insert(0, ("全市", total))
    rows[5] = (rows[5][0], 150.0)  # the slip
    res = read_table(_gdp_book(tmp_path / "slip.xlsx", "各区县地区生产总值（2023年）", rows))
    [fail] = res.report.checks_failed
    assert fail.total_label == "全市" and fail.children == len(units)
    assert fail.difference == pytest.approx(50.0)


def test_a_group_sum_that_adds_up_over_a_partial_list_passes(tmp_path):
    # 全市 over the districts of one group that happen to make it up: parts adding up pass
    rows = [("全市", 3300.0), ("渝中区", 1600.0), ("江北区", 1700.0)]
    rep = read_table(_gdp_book(tmp_path / "adds.xlsx", "GDP（2023年）", rows)).report
    assert rep.checks_passed == 1 and not rep.checks_failed


# --------------------------------------------------- a heading grouping region columns


@pytest.mark.parametrize("heading", ["按经济区分", "其中：", "各市（州）"])
def test_a_heading_over_region_columns_is_no_part_of_the_indicator(tmp_path, heading):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2023年各市（州）主要指标"])
    ws.append(["单位：亿元"])
    ws.append(["指标", "全省", heading, None, None])
    ws.merge_cells("C3:E3")
    ws.merge_cells("A3:A4")
    ws.merge_cells("B3:B4")
    ws.append([None, None, "成都市", "自贡市", "攀枝花市"])
    ws.append(["地区生产总值", 60132.9, 22074.7, 1680.0, 1300.0])
    ws.append(["第一产业", 6000.0, 600.0, 200.0, 100.0])
    res = read_table(save_book(wb, tmp_path / "grouped.xlsx"))
    want: Truth = {(c, "gdp", 2023): (pytest.approx(v), "亿元") for _n, c, v in GDP}
    want |= {
        ("510100", "gdp_primary", 2023): (pytest.approx(600.0), "亿元"),
        ("510300", "gdp_primary", 2023): (pytest.approx(200.0), "亿元"),
        ("510400", "gdp_primary", 2023): (pytest.approx(100.0), "亿元"),
    }
    assert truth(res, "unit", approx=True, matched_only=True) == want
    assert not any(heading.rstrip("：") in i for i in res.tidy.indicator)
    zh, en = report_texts(res.report)
    assert f"地区列上方的分组标题（{heading}）只是地区的分组，不作为指标名称" in zh
    assert f"the heading over region columns ({heading}) groups the regions" in en


def test_an_indicator_over_region_columns_is_kept(tmp_path):
    # 地区生产总值 merged over the cities names the figures: it stays the indicator
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["各市（州）地区生产总值（2023年）"])
    ws.append(["单位：亿元"])
    ws.append(["年份", "地区生产总值", None, None])
    ws.merge_cells("B3:D3")
    ws.append([None, "成都市", "自贡市", "攀枝花市"])
    ws.append(["2023", 22074.7, 1680.0, 1300.0])
    res = read_table(save_book(wb, tmp_path / "indicator_over.xlsx"))
    assert truth(res, "unit", approx=True) == {
        (c, "gdp", 2023): (pytest.approx(v), "亿元") for _n, c, v in GDP
    }
    assert "分组标题" not in report_text(res.report, "zh")
