"""Figures imported from a printed form other than a plain number are named in the report: the
number stored is not the one on the page, and the planner checks it there."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from workbench.io.stats_import import read_table


def _lines(res) -> tuple[str, str]:
    rep = res.report
    return "\n".join(rep.lines("zh")), "\n".join(rep.lines("en"))


def test_magnitude_words_are_named_with_an_example(tmp_path: Path) -> None:
    path = tmp_path / "mag.csv"
    path.write_text(
        "地区,地区生产总值（亿元）,一般公共预算收入（万元）,常住人口（万人）,城镇化率（%）\n"
        '成都市,"2,207.47亿",1.2亿,2140.3,80.5\n'
        '绵阳市,"4,038.7",3626.9万,498.6万人,3.2万\n'
        "德阳市,3014.4,1520.3,345.7,61.2\n",
        encoding="utf-8",
    )
    zh, en = _lines(read_table(path, year=2023))
    # B2, C2 and C3 were converted; E3 (a rate) and D3 (a unit in the cell) were skipped
    assert "3 个数值带数量级文字（如 B2“2,207.47亿”），已换算为所在列的单位" in zh
    assert "3 values printed with a magnitude word (e.g. B2 '2,207.47亿')" in en


def test_accounting_brackets_are_named_with_an_example(tmp_path: Path) -> None:
    path = tmp_path / "acc.csv"
    path.write_text(
        "地区,一般公共预算收入（亿元）,一般公共预算支出（亿元）\n"
        '成都市,"(1,234.5)",（234.5）\n绵阳市,(12),80.1\n'
        "德阳市,210.6,312.9\n",
        encoding="utf-8",
    )
    zh, en = _lines(read_table(path, year=2023))
    assert "2 个数值按会计格式的括号读作负数（如 B2“(1,234.5)”）" in zh
    assert "2 values in accounting brackets were read as negatives (e.g. B2 '(1,234.5)')" in en


def test_plain_figures_and_signed_negatives_get_no_such_line(tmp_path: Path) -> None:
    """A workbook of numbers (and a text '-12.5', a minus sign as printed) says nothing of it."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["地区", "地区生产总值（亿元）", "一般公共预算收入（亿元）"])
    ws.append(["成都市", 22074.7, "-12.5"])
    ws.append(["德阳市", 3014.4, 210.6])
    path = tmp_path / "plain.xlsx"
    wb.save(path)
    res = read_table(path, year=2023)
    zh, en = _lines(res)
    assert res.report.imported == 4
    assert "数量级文字" not in zh and "会计格式" not in zh
    assert "magnitude word" not in en and "accounting" not in en
