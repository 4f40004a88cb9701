"""``workbench projections`` and the MRIO table loader, on good and bad input."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from workbench.bundled import SAMPLE_PROJECT
from workbench.cli import main
from workbench.io.mrio import MrioError, load_mrio


def test_projections_writes_csv_with_bom_for_excel(tmp_path, capsys):
    out = tmp_path / "p.csv"
    assert (
        main(["projections", str(SAMPLE_PROJECT), "--scenario", "基准方案", "--out", str(out)]) == 0
    )
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    df = pd.read_csv(out, encoding="utf-8-sig", dtype={"region_code": str})
    assert set(df["scenario"]) == {"基准方案"}
    assert "成都市" in set(df["region"]) and set(df["unit"]) == {"亿元", "人", "%"}
    assert "已写入" in capsys.readouterr().out


def test_until_2035_and_the_baseline_shares_in_the_csv(tmp_path, capsys):
    out = tmp_path / "p.csv"
    args = ["projections", str(SAMPLE_PROJECT), "--scenario", "基准方案", "--until", "2035"]
    assert main([*args, "--out", str(out)]) == 0
    df = pd.read_csv(out, encoding="utf-8-sig", dtype={"region_code": str})
    assert df["year"].min() == 2026 and df["year"].max() == 2035
    share = df[(df.metric == "gdp_pct_baseline") & (df.component == "total") & (df.year == 2030)]
    by = share.set_index("region_code")["value"]
    assert by["510100"] > 0 and by.notna().all()  # every unit of the sample has GDP figures
    rev = df[(df.metric == "revenue_pct_baseline") & (df.component == "total")]
    assert rev["value"].isna().any()  # units without revenue figures say so: empty, not 0 %
    assert rev.set_index(["region_code", "year"])["value"]["510100", 2030] > 0
    assert not share["summable"].any()
    # total is net: gross = total − additionality, and additionality is never positive.
    adj = df[(df.component == "additionality") & (df.basis != "baseline")]["value"]
    assert (adj <= 1e-12).all() and (adj < 0).any()
    err = capsys.readouterr().err
    assert "占基线比重显示为空" in err
    assert main([*args[:-1], "2029", "--out", str(out)]) == 2


def test_unknown_scenario_and_bad_project_exit_2_with_one_line(tmp_path, capsys):
    out = tmp_path / "p.csv"
    assert (
        main(["projections", str(SAMPLE_PROJECT), "--scenario", "无此方案", "--out", str(out)]) == 2
    )
    err = capsys.readouterr().err.strip()
    assert "无此方案" in err and "no scenario" in err and "\n" not in err
    assert not out.exists()
    bad = tmp_path / "bad.wbp"
    bad.write_text("not json", encoding="utf-8")
    assert main(["projections", str(bad), "--out", str(out)]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_mrio_table_by_names_codes_and_reordered_columns(tmp_path, sample_project):
    f = tmp_path / "mrio.csv"
    f.write_text(",德阳,成都市\n510100,0.05,0.1\n德阳市,0.1,0.2\n", encoding="utf-8")
    t = load_mrio(f, sample_project)
    assert t.regions == ["510100", "510600"]
    assert t.coefficients == [[0.1, 0.05], [0.2, 0.1]]  # columns put in row order


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        (",成都,德阳\n成都,0.1,abc\n德阳,0.1,0.1\n", "C2"),
        (",成都,德阳\n成都,0.1,-0.2\n德阳,0.1,0.1\n", "为负数"),
        (",成都,德阳\n成都,0.1,0.2\n绵阳,0.1,0.1\n", "不一致"),
        (",成都,武侯区\n成都,0.1,0.2\n武侯区,0.1,0.1\n", "不是本项目的规划单元"),
        (",成都,火星市\n成都,0.1,0.2\n火星市,0.1,0.1\n", "无法识别"),
        ("", "为空"),
    ],
)
def test_bad_mrio_tables_say_what_and_where(tmp_path, sample_project, text, needle):
    f = tmp_path / "m.csv"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(MrioError) as info:
        load_mrio(f, sample_project)
    assert needle in info.value.message("zh")
    en = info.value.message("en")
    # English text: no Chinese outside the user's own labels it quotes and the names it suggests
    bare = re.sub(r"'[^']*'|\(did you mean [^)]*\)", "", en)
    assert not re.search(r"[\u4e00-\u9fff]", bare), en


def test_projections_with_an_mrio_table(tmp_path, capsys):
    m = tmp_path / "m.xlsx"
    pd.DataFrame([["成都", 0.1, 0.2], ["德阳", 0.05, 0.1]], columns=["", "成都", "德阳"]).to_excel(
        m, index=False
    )
    out = tmp_path / "p.csv"
    assert main(["projections", str(SAMPLE_PROJECT), "--out", str(out), "--mrio", str(m)]) == 0
    m2 = tmp_path / "m2.csv"
    m2.write_text(",成都,德阳\n成都,0.1,x\n德阳,0.05,0.1\n", encoding="utf-8")
    assert main(["projections", str(SAMPLE_PROJECT), "--out", str(out), "--mrio", str(m2)]) == 2
    assert "C2" in capsys.readouterr().err
