"""The 方案对比 sheet: only when asked, with the numbers of ``core.comparison``."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from workbench.bundled import SAMPLE_PROJECT
from workbench.cli import main
from workbench.core.comparison import compare
from workbench.io.excel import export_workbook
from workbench.io.excel.layout import COMPARE
from workbench.io.excel.sheet_compare import HEADER_ROW, HEADERS


def test_sheet_only_when_asked_and_its_values(sample_project, tmp_path):
    plain = tmp_path / "plain.xlsx"
    export_workbook(sample_project, "基准方案", plain)
    assert COMPARE not in load_workbook(plain).sheetnames
    out = tmp_path / "cmp.xlsx"
    export_workbook(sample_project, "基准方案", out, compare=["基准方案", "双核加力"])
    wb = load_workbook(out)
    assert wb.sheetnames.index(COMPARE) == wb.sheetnames.index("决策记录") + 1
    assert wb.sheetnames[-1] == "校验"
    cover = [c.value for c in wb["说明"]["A"]]
    assert COMPARE in cover
    ws = wb[COMPARE]
    assert [c.value for c in ws[HEADER_ROW]] == list(HEADERS)
    rows = list(ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    df = compare(sample_project, ["基准方案", "双核加力"])
    df = df[df.component.isin(["total", "gross"])]
    assert len(rows) == len(df)
    first = df.iloc[0]
    assert rows[0][8] == pytest.approx(first.value_a) and rows[0][10] == pytest.approx(
        first.difference
    )
    for r in rows[:200]:
        assert r[11] + r[12] == pytest.approx(r[10], abs=1e-9)


def test_cli_export_compare(tmp_path, capsys):
    out = tmp_path / "x.xlsx"
    args = ["export", str(SAMPLE_PROJECT), "--scenario", "基准方案", "--out", str(out)]
    assert main([*args, "--compare", "双核加力"]) == 0
    assert COMPARE in load_workbook(out).sheetnames
    assert main([*args, "--compare", "无此方案"]) == 2
    assert "无此方案" in capsys.readouterr().err
