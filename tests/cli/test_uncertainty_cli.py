"""``workbench projections --draws`` and ``workbench sensitivity``: files written, bad input refused."""

from __future__ import annotations

import pandas as pd
import pytest

from workbench.bundled import SAMPLE_PROJECT
from workbench.cli import main

SAMPLE = str(SAMPLE_PROJECT)


def test_projections_with_draws_adds_band_columns_and_keeps_value(tmp_path, capsys):
    plain, banded = tmp_path / "a.csv", tmp_path / "b.csv"
    base = ["projections", SAMPLE, "--scenario", "基准方案"]
    assert main([*base, "--out", str(plain)]) == 0
    assert main([*base, "--draws", "30", "--seed", "5", "--out", str(banded)]) == 0
    a = pd.read_csv(plain, encoding="utf-8-sig", dtype={"region_code": str})
    b = pd.read_csv(banded, encoding="utf-8-sig", dtype={"region_code": str})
    assert list(b.columns) == [*a.columns, "p10", "p50", "p90"]
    pd.testing.assert_series_equal(a["value"], b["value"])
    ok = b["p50"].isna() | ((b["p10"] <= b["p50"]) & (b["p50"] <= b["p90"]))
    assert ok.all()
    assert "20260101" not in capsys.readouterr().err  # the seed given is the seed used


def test_sensitivity_writes_the_tornado(tmp_path, capsys):
    out = tmp_path / "t.csv"
    args = ["sensitivity", SAMPLE, "--metric", "gdp", "--year", "2030", "--out", str(out)]
    assert main(args) == 0
    df = pd.read_csv(out, encoding="utf-8-sig")
    assert list(df.columns[:3]) == ["parameter", "label_zh", "label_en"]
    assert {"low_value", "high_value", "output_low", "output_high", "swing", "rank"} <= set(df)
    assert df["rank"].tolist() == sorted(df["rank"])
    assert "已写入" in capsys.readouterr().out


@pytest.mark.parametrize(
    "extra",
    [
        ["projections", SAMPLE, "--draws", "abc"],
        ["projections", SAMPLE, "--draws", "0"],
        ["projections", SAMPLE, "--draws", "10", "--seed", "-1"],
        ["sensitivity", SAMPLE, "--metric", "happiness"],
        ["sensitivity", SAMPLE, "--year", "twenty"],
        ["sensitivity", SAMPLE, "--year", "2020"],
        ["sensitivity", SAMPLE, "--region", "999999"],
        ["sensitivity", SAMPLE, "--basis", "moon"],
        ["sensitivity", SAMPLE, "--scenario", "没有"],
        ["sensitivity", SAMPLE, "--sobol", "100"],
        ["sensitivity", "/nonexistent/x.wbp"],
    ],
)
def test_bad_arguments_are_one_line_and_exit_2(tmp_path, capsys, extra):
    assert main([*extra, "--out", str(tmp_path / "x.csv")]) == 2
    err = capsys.readouterr().err.strip()
    assert err and len(err.splitlines()) == 1
    assert not (tmp_path / "x.csv").exists()
