"""``workbench settlement``: the same tables as the panel, as CSV files or a workbook."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from workbench.bundled import SAMPLE_PROJECT
from workbench.cli import main
from workbench.core.sharing import settlement_tables
from workbench.io.project_file import load


def test_csv_writes_the_three_tables_beside_the_name(tmp_path, capsys):
    out = tmp_path / "s.csv"
    assert (
        main(["settlement", str(SAMPLE_PROJECT), "--scenario", "基准方案", "--out", str(out)]) == 0
    )
    want = settlement_tables(load(SAMPLE_PROJECT), "基准方案")
    for key, zh in (("statistics", "统计分算"), ("tax", "税收结算"), ("transfers", "财政转移")):
        path = tmp_path / f"s-{zh}.csv"
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")
        df = pd.read_csv(
            path, encoding="utf-8-sig", dtype={"party_code": str, "from_code": str, "to_code": str}
        )
        assert len(df) == len(want[key]) > 0
    tax = pd.read_csv(tmp_path / "s-税收结算.csv", encoding="utf-8-sig")
    assert tax["owed"].sum() == pytest.approx(want["tax"]["owed"].sum())
    assert "已写入" in capsys.readouterr().out


def test_xlsx_for_one_year_has_both_sheets(tmp_path):
    out = tmp_path / "s.xlsx"
    assert main(["settlement", str(SAMPLE_PROJECT), "--year", "2029", "--out", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["统计分算", "税收结算"]
    years = {c.value for c in wb["税收结算"]["C"][3:] if isinstance(c.value, int)}
    assert years == {2029}
    assert str(wb["统计分算"]["K4"].value).startswith("=I4*J4")


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        (["--out", "x.txt"], "应为 .csv 或 .xlsx"),
        (["--year", "2040", "--out", "x.csv"], "--year 应在"),
        (["--scenario", "没有", "--out", "x.csv"], "没有名为“没有”的方案"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys, monkeypatch, extra, says):
    monkeypatch.chdir(tmp_path)
    assert main(["settlement", str(SAMPLE_PROJECT), *extra]) == 2
    err = capsys.readouterr().err.strip()
    assert says in err and len(err.splitlines()) == 1
