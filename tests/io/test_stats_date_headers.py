"""Statistical databases label annual columns with the year-end date (2023-12-31), as a date
cell or as text; a table so labelled is read by year, and any other date is part of a year,
never taken as the whole year's figure."""

from __future__ import annotations

import csv
from datetime import date, datetime

import openpyxl
import pytest
from stats_helpers import report_text, truth

from workbench.io.stats_import import read_table
from workbench.io.stats_import.values import partial_period, year_of


@pytest.mark.parametrize(
    ("cell", "year"),
    [
        (datetime(2023, 12, 31), 2023),
        (date(2022, 12, 31), 2022),
        ("2023-12-31", 2023),
        ("2023/12/31", 2023),
        ("2023.12.31", 2023),
        ("2023年12月31日", 2023),
        ("2023-12-31 00:00:00", 2023),
        (datetime(2023, 6, 30), None),
        ("2023-06-30", None),
        ("2023-01-01", None),
        ("2023-12-30", None),
    ],
)
def test_year_of_a_date_header(cell, year):
    assert year_of(cell) == year


def test_a_date_other_than_the_year_end_is_part_of_a_year():
    assert partial_period("2023-06-30") == "2023-06-30"
    assert partial_period("截至2023/9/30") == "2023/9/30"
    assert partial_period("2023-12-31") == ""


def test_database_export_with_year_end_date_cells(tmp_path):
    path = tmp_path / "db.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["地区生产总值（亿元）"])
    ws.append(["地区", datetime(2021, 12, 31), datetime(2022, 12, 31), datetime(2023, 12, 31)])
    ws.append(["成都市", 19917.0, 20817.5, 22074.7])
    ws.append(["德阳市", 2656.6, 2816.9, 2987.0])
    for c in ws[2][1:]:
        c.number_format = "yyyy-mm-dd"
    wb.save(path)
    res = read_table(path)
    assert truth(res, "unit") == {
        ("510100", "gdp", 2021): (19917.0, "亿元"),
        ("510100", "gdp", 2022): (20817.5, "亿元"),
        ("510100", "gdp", 2023): (22074.7, "亿元"),
        ("510600", "gdp", 2021): (2656.6, "亿元"),
        ("510600", "gdp", 2022): (2816.9, "亿元"),
        ("510600", "gdp", 2023): (2987.0, "亿元"),
    }


def test_text_dates_in_a_csv_half_year_column_is_not_a_year(tmp_path):
    path = tmp_path / "db.csv"
    with path.open("w", encoding="gbk", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["指标：地区生产总值(亿元)"])
        w.writerow(["地区", "2023-06-30", "2022-12-31", "2021-12-31"])
        w.writerow(["成都市", "10400.1", "20817.5", "19917.0"])
    res = read_table(path)
    assert truth(res) == {("510100", "gdp", 2022): 20817.5, ("510100", "gdp", 2021): 19917.0}
    assert res.report.skipped_counts.get("part_year") == 1
    assert "2023-06-30" in report_text(res, "zh")
