"""``workbench compare``: the tidy CSV, and one line with exit 2 for bad input."""

from __future__ import annotations

import pandas as pd

from workbench.bundled import SAMPLE_PROJECT
from workbench.cli import main
from workbench.core.comparison import COLUMNS


def test_compare_writes_the_tidy_table(tmp_path, capsys):
    out = tmp_path / "diff.csv"
    assert (
        main(
            [
                "compare",
                str(SAMPLE_PROJECT),
                "--scenarios",
                "基准方案",
                "双核加力",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    df = pd.read_csv(out, encoding="utf-8-sig", dtype={"region_code": str})
    assert list(df.columns) == COLUMNS
    assert set(df["scenario_b"]) == {"双核加力"}
    assert (
        df["due_to_allocations"] + df["due_to_assumptions"] - df["difference"]
    ).abs().max() < 1e-9
    assert "已写入" in capsys.readouterr().out


def test_bad_input_exits_2(tmp_path, capsys):
    out = tmp_path / "diff.csv"
    for names in (["基准方案"], ["基准方案", "无此方案"], ["基准方案", "基准方案"]):
        assert main(["compare", str(SAMPLE_PROJECT), "--scenarios", *names, "--out", str(out)]) == 2
        err = capsys.readouterr().err.strip()
        assert err and "\n" not in err
    assert not out.exists()
