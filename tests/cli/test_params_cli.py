"""``workbench params`` and the ``--set KEY=VALUE`` option of params, projections and export."""

from __future__ import annotations

import pandas as pd
import pytest

from workbench.bundled import SAMPLE_PROJECT
from workbench.cli import main


def test_params_prints_an_aligned_table(capsys):
    assert main(["params", str(SAMPLE_PROJECT)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("键") and "来源" in out[0]
    line = next(x for x in out if x.startswith("additionality.instrument.equity.deadweight "))
    assert line.endswith("假设") and "三角分布" in line
    assert any("2020年第23号" in x for x in out if x.startswith("tax.cit_rate_western"))


def test_params_csv_with_scenario_and_set(tmp_path, capsys):
    out = tmp_path / "p.csv"
    args = ["params", str(SAMPLE_PROJECT), "--scenario", "基准方案", "--out", str(out)]
    assert main([*args, "--set", "network.decay_km=80", "--set", "tax.profit_share=50"]) == 0
    assert "超出参考范围" in capsys.readouterr().err  # 50 % is outside 10–40 %: a warning only
    df = pd.read_csv(out, encoding="utf-8-sig").set_index("key")
    assert df.loc["network.decay_km", "value"] == 80.0
    assert bool(df.loc["network.decay_km", "overridden"])
    assert df.loc["network.decay_km", "project_value"] == 100.0
    assert bool(df.loc["park.rent_yield", "is_assumption"])


@pytest.mark.parametrize(
    ("setting", "needle"),
    [("nope=1", "unknown parameter"), ("tax.profit_share=x", "not a number"), ("a", "KEY=VALUE")],
)
def test_bad_set_exits_2_with_one_line_on_every_command(tmp_path, capsys, setting, needle):
    commands = [
        ["params", str(SAMPLE_PROJECT)],
        ["projections", str(SAMPLE_PROJECT), "--out", str(tmp_path / "p.csv")],
        ["export", str(SAMPLE_PROJECT), "--out", str(tmp_path / "p.xlsx")],
    ]
    for cmd in commands:
        assert main([*cmd, "--set", setting]) == 2
        err = capsys.readouterr().err.strip()
        assert needle in err and "\n" not in err
    assert not (tmp_path / "p.csv").exists() and not (tmp_path / "p.xlsx").exists()


def test_set_changes_the_projection_without_touching_the_file(tmp_path):
    before = SAMPLE_PROJECT.read_bytes()
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    base = ["projections", str(SAMPLE_PROJECT), "--scenario", "基准方案"]
    assert main([*base, "--out", str(a)]) == 0
    assert main([*base, "--out", str(b), "--set", "network.spillover_share=0"]) == 0
    da, db = (pd.read_csv(f, encoding="utf-8-sig") for f in (a, b))
    gdp_a = da.loc[da["metric"] == "gdp", "value"].sum()
    gdp_b = db.loc[db["metric"] == "gdp", "value"].sum()
    assert gdp_b < gdp_a  # no neighbour spillover: less GDP in total
    assert SAMPLE_PROJECT.read_bytes() == before
