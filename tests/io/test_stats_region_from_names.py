"""A table about one place with no region column names it in its title, or else only in its
sheet's name (a workbook of one sheet per city) or its file's name (成都市2023年主要指标.csv):
the values go to that place and the report says where the place was read from."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from stats_helpers import report_text, truth

from workbench.io.stats_import import read_table, read_workbook

ROWS = [
    ["主要经济指标"],
    ["指标", "单位", "2022年", "2023年"],
    ["地区生产总值", "亿元", 20817.5, 22074.7],
    ["常住人口", "万人", 2126.8, 2140.3],
]


def test_one_sheet_per_city_each_sheet_names_its_place(tmp_path: Path) -> None:
    path = tmp_path / "各市主要指标.xlsx"
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for city, gdp in (("成都市", 20817.5), ("德阳", 2816.9)):
        ws = wb.create_sheet(city)
        for row in ROWS:
            ws.append([gdp if v == 20817.5 else v for v in row])
    wb.save(path)
    res = read_workbook(path)
    got = truth(res)
    assert got[("510100", "gdp", 2022)] == 20817.5
    assert got[("510600", "gdp", 2022)] == 2816.9
    assert got[("510600", "population", 2023)] == 2140.3
    assert len(got) == 8
    zh = report_text(res, "zh")
    en = report_text(res, "en")
    assert "整表地区：成都市（510100），取自工作表名" in zh
    assert "whole table is about 德阳市 (510600), from the sheet's name" in en


def test_csv_whose_file_name_names_its_city(tmp_path: Path) -> None:
    path = tmp_path / "成都市2023年主要指标.csv"
    path.write_text("\n".join(",".join(str(v) for v in r) for r in ROWS), encoding="utf-8")
    res = read_table(path)
    assert set(res.tidy["region_code"]) == {"510100"}
    assert "整表地区：成都市（510100），取自文件名" in report_text(res, "zh")


def test_a_title_naming_its_place_wins_over_the_sheet_name(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "成都市"
    ws.append(["德阳市主要经济指标"])
    for row in ROWS[1:]:
        ws.append(row)
    wb.save(path)
    res = read_table(path)
    assert set(res.tidy["region_code"]) == {"510600"}


def test_names_that_name_no_place_leave_the_table_without_one(tmp_path: Path) -> None:
    path = tmp_path / "四川统计年鉴2024.xlsx"  # a yearbook's name: no place to take
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    for row in ROWS:
        ws.append(row)
    wb.save(path)
    res = read_table(path)
    assert res.tidy.empty
    assert res.report.skipped_counts.get("no_table_region") == 4
