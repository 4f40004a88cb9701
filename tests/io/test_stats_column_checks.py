"""Subtotal checks of tables printed with their regions across the top (``指标 | 全省 | 成都市 |
自贡市 …``, ``全市 | 锦江区 | 青羊区 …``) and indicators down the rows, as yearbooks and
statistical bulletins print them: the same rules and report lines as the same table transposed.
A complete list with a wrong figure fails; a total printed over only some of its parts does not
fail falsely when they fall short; a list that adds up passes; rates, gaps and functional areas
are not checked."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from stats_helpers import report_text, report_texts, rows_book

from workbench.core.gazetteer import default_gazetteer
from workbench.io.stats_import import read_table

# 2023 GDP (亿元) and its primary sector of Sichuan's 21 cities, as the provincial yearbook
# prints them (first-sector figures made up to one decimal)
CITIES: list[tuple[str, float, float]] = [
    ("成都市", 22074.7, 594.9),
    ("自贡市", 1750.6, 201.6),
    ("攀枝花市", 1322.0, 106.2),
    ("泸州市", 2656.0, 301.4),
    ("德阳市", 3014.5, 323.6),
    ("绵阳市", 4038.7, 432.4),
    ("广元市", 1238.7, 207.9),
    ("遂宁市", 1715.5, 231.8),
    ("内江市", 1725.3, 279.3),
    ("乐山市", 2422.0, 264.7),
    ("南充市", 2729.0, 499.4),
    ("眉山市", 1687.5, 233.9),
    ("宜宾市", 3806.3, 373.5),
    ("广安市", 1422.5, 216.5),
    ("达州市", 2627.8, 424.9),
    ("雅安市", 954.5, 138.1),
    ("巴中市", 807.2, 151.5),
    ("资阳市", 987.6, 181.4),
    ("阿坝藏族羌族自治州", 484.6, 76.9),
    ("甘孜藏族自治州", 510.7, 91.5),
    ("凉山彝族自治州", 2331.2, 481.3),
]


def _sum(k: int) -> float:
    return round(sum(c[k] for c in CITIES), 1)


def _across(path: Path, title: str, regions: list[str], rows: list[list[object]]) -> Path:
    """Regions across the top, indicators down the rows: title, unit line, a header row."""
    return rows_book(path, [[title], ["单位：亿元"], ["指  标", *regions], *rows], sheet="2-4")


def _down(path: Path, title: str, indicators: list[str], rows: list[list[object]]) -> Path:
    """The same table transposed: regions down the rows."""
    return rows_book(path, [[title], ["单位：亿元"], ["地  区", *indicators], *rows], sheet="2-4")


TITLE = "2-4 各市（州）地区生产总值（2023年）"
REGIONS = ["全  省", *(c[0] for c in CITIES)]


def test_province_over_all_its_cities_passes_when_it_adds_up(tmp_path):
    path = _across(
        tmp_path / "across.xlsx",
        TITLE,
        REGIONS,
        [
            ["地区生产总值", _sum(1), *(c[1] for c in CITIES)],
            ["#第一产业", _sum(2), *(c[2] for c in CITIES)],
        ],
    )
    rep = read_table(path).report
    assert rep.checks_passed == 2 and not rep.checks_failed
    assert "合计校验：通过 2 项，未通过 0 项" in report_text(rep, "zh")
    assert "Subtotal checks: 2 passed, 0 failed" in report_text(rep, "en")


def test_a_wrong_total_fails_with_the_line_the_transposed_table_gives(tmp_path):
    """The province's GDP misprinted (a digit dropped): the same failure, with its own cell,
    as the same table printed with regions down the rows."""
    wrong = _sum(1) - 900.0
    across = _across(
        tmp_path / "across.xlsx",
        TITLE,
        REGIONS,
        [
            ["地区生产总值", wrong, *(c[1] for c in CITIES)],
            ["第一产业", _sum(2), *(c[2] for c in CITIES)],
        ],
    )
    down = _down(
        tmp_path / "down.xlsx",
        TITLE,
        ["地区生产总值", "第一产业"],
        [["全  省", wrong, _sum(2)], *([c[0], c[1], c[2]] for c in CITIES)],
    )
    a, d = read_table(across).report, read_table(down).report
    assert (a.checks_passed, len(a.checks_failed)) == (1, 1)
    assert (d.checks_passed, len(d.checks_failed)) == (1, 1)
    fa, fd = a.checks_failed[0], d.checks_failed[0]
    assert (fa.total_cell, fd.total_cell) == ("B4", "B4")
    assert (fa.total_label, fa.indicator, fa.year, fa.children, fa.unit) == (
        fd.total_label,
        fd.indicator,
        fd.year,
        fd.children,
        fd.unit,
    )
    assert (fa.printed, fa.children_sum, fa.tolerance) == (
        pytest.approx(wrong),
        pytest.approx(_sum(1)),
        pytest.approx(fd.tolerance),
    )
    for lang in ("zh", "en"):
        la = [x for x in a.lines(lang) if x.startswith("  B4 ")]
        ld = [x for x in d.lines(lang) if x.startswith("  B4 ")]
        assert la == ld and len(la) == 1
    assert "  B4 全  省 地区生产总值 2023：印刷值 " in report_text(a, "zh")
    assert "合计校验：通过 1 项，未通过 1 项" in report_text(a, "zh")


# 成都's districts as a bulletin of the 中心城区 prints them: 全市 over five of its 20 units
DISTRICTS = [("锦江区", 1402.3), ("青羊区", 1671.2), ("金牛区", 1628.8), ("武侯区", 1379.5)]


def test_city_total_over_some_districts_is_no_failure_when_they_fall_short(tmp_path):
    path = _across(
        tmp_path / "bulletin.xlsx",
        "成都市中心城区主要经济指标（2023年）",
        ["全市", *(d[0] for d in DISTRICTS)],
        [["地区生产总值", 22074.7, *(d[1] for d in DISTRICTS)]],
    )
    rep = read_table(path).report
    assert rep.checks_passed == 0 and not rep.checks_failed
    zh, en = report_texts(rep)
    assert (
        "推断：“全市”列的下级合计不等于印刷值，未作为校验失败：表中只列出成都市（四川省）的 "
        "4/20 个下级地区"
    ) in zh
    assert (
        "'全市': its parts do not add up to it, not counted as a failed check: the table lists "
        "only 4 of the 20 units of"
    ) in en


def test_a_partial_list_that_adds_up_passes(tmp_path):
    """A 全市 column that is the sum of the districts printed (a 小计 of a group in all but
    name) passes, and no note is made."""
    path = _across(
        tmp_path / "bulletin.xlsx",
        "成都市中心城区主要经济指标（2023年）",
        ["全市", *(d[0] for d in DISTRICTS)],
        [["地区生产总值", round(sum(d[1] for d in DISTRICTS), 1), *(d[1] for d in DISTRICTS)]],
    )
    rep = read_table(path).report
    assert rep.checks_passed == 1 and not rep.checks_failed
    assert "未作为校验失败" not in report_text(rep, "zh")


def _zigong() -> list[str]:
    g = default_gazetteer()
    return [d.name for c, d in g.divisions.items() if d.parent == "510300"]


def test_a_complete_list_of_a_citys_counties_with_a_wrong_total_fails(tmp_path):
    counties = _zigong()
    assert len(counties) == 6  # 自流井区 … 富顺县: the whole of 自贡市
    figures = [480.1, 260.4, 230.0, 190.2, 300.5, 289.4]
    path = _across(
        tmp_path / "zigong.xlsx",
        "自贡市各区县主要经济指标（2023年）",
        ["全市", *counties],
        [
            ["地区生产总值", 1850.6, *figures],  # printed 100 too high
            ["一般公共预算收入", 131.2, 40.0, 20.1, 18.3, 16.8, 20.0, 16.0],
        ],
    )
    rep = read_table(path).report
    assert (rep.checks_passed, len(rep.checks_failed)) == (1, 1)
    f = rep.checks_failed[0]
    assert (f.total_cell, f.total_label, f.indicator, f.year, f.children) == (
        "B4",
        "全市",
        "gdp",
        2023,
        6,
    )
    assert (f.printed, f.children_sum) == (pytest.approx(1850.6), pytest.approx(1750.6))
    assert "未作为校验失败" not in report_text(rep, "zh")
    assert "  B4 全市 GDP 2023: printed 1850.6 亿元, 6 parts sum to 1750.6 亿元, off by -100" in (
        report_text(rep, "en")
    )


def test_years_over_regions_are_checked_year_by_year(tmp_path):
    """``2022年`` and ``2023年`` each merged over ``全市 | 自流井区 … 富顺县``: each year's block
    is its own group; a slip in one year fails there only."""
    counties = _zigong()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["自贡市各区县地区生产总值"])
    ws.append(["单位：亿元"])
    ws.append(["指标", "2022年", *[""] * 6, "2023年", *[""] * 6])
    ws.merge_cells("B3:H3")
    ws.merge_cells("I3:O3")
    ws.append(["", *(["全市", *counties] * 2)])
    f22 = [450.0, 250.0, 220.0, 180.0, 290.0, 211.3]
    f23 = [480.1, 260.4, 230.0, 190.2, 300.5, 289.4]
    ws.append(["地区生产总值", 1601.3, *f22, 1760.6, *f23])  # 2023 total off by 10
    path = tmp_path / "years.xlsx"
    wb.save(path)
    rep = read_table(path).report
    assert rep.checks_passed == 1
    assert [(f.total_cell, f.year) for f in rep.checks_failed] == [("I5", 2023)]


def test_rates_gaps_and_functional_areas_are_not_checked(tmp_path):
    """Growth rates do not add up; a region with a gap (…) leaves its row unchecked; a column
    for 成都高新区 (no division: its figures overlap the districts) leaves the table
    unchecked; a table of cities with no total column has nothing to check."""
    path = _across(
        tmp_path / "rates.xlsx",
        TITLE,
        REGIONS,
        [
            ["地区生产总值", _sum(1), *(c[1] for c in CITIES[:-1]), "…"],
            ["地区生产总值增速（%）", 6.0, *([5.0] * 21)],
            ["人均地区生产总值（元）", 64000.0, *([60000.0] * 21)],
        ],
    )
    rep = read_table(path).report
    assert rep.checks_passed == 0 and not rep.checks_failed
    assert "合计校验" not in report_text(rep, "zh")

    zones = _across(
        tmp_path / "zones.xlsx",
        "成都市各区主要经济指标（2023年）",
        ["全市", *(d[0] for d in DISTRICTS), "成都高新区"],
        [["地区生产总值", 9000.0, *(d[1] for d in DISTRICTS), 3200.0]],
    )
    rep = read_table(zones).report
    assert rep.checks_passed == 0 and not rep.checks_failed
    assert "未作为校验失败" not in report_text(rep, "zh")  # not grouped at all, not a partial list

    cities = _across(
        tmp_path / "cities.xlsx",
        TITLE,
        [c[0] for c in CITIES],
        [["地区生产总值", *(c[1] for c in CITIES)]],
    )
    rep = read_table(cities).report
    assert rep.checks_passed == 0 and not rep.checks_failed
    assert "合计校验" not in report_text(rep, "zh")
