"""Hostile numbers at the command line: ``validate`` and ``info`` show them; ``projections`` never
writes a non-finite value silently (one line, exit 2, no file)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest

from workbench.bundled import SAMPLE_PROJECT
from workbench.cli import main


def write(tmp_path: Path, **fund: float) -> Path:
    doc = json.loads(SAMPLE_PROJECT.read_text("utf-8"))
    doc["project"]["fund"].update(fund)
    doc["project"]["criteria"][0]["weight"] = math.nan
    path = tmp_path / "hostile.wbp"
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    return path


def test_validate_and_info_show_non_finite_and_absurd_numbers(tmp_path, capsys) -> None:
    path = write(tmp_path, leverage=1e308)
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "权重：取值 nan 不是有效数字" in out and "社会资本撬动倍数：取值 1e+308" in out
    assert main(["info", str(path)]) == 0
    out = capsys.readouterr().out
    assert "2 个错误" in out and "无效数值 Invalid numbers: 2 个（首个：" in out


@pytest.mark.parametrize("leverage", [1e308, math.inf])
def test_projections_refuse_to_write_non_finite_values(tmp_path, capsys, leverage) -> None:
    out = tmp_path / "p.csv"
    assert main(["projections", str(write(tmp_path, leverage=leverage)), "--out", str(out)]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert "社会资本撬动倍数" in line and "leverage" in line and "未写出" in line
    assert not out.exists()


def test_a_nan_weight_alone_does_not_reach_the_projections(tmp_path, capsys) -> None:
    out = tmp_path / "p.csv"
    assert main(["projections", str(write(tmp_path)), "--out", str(out)]) == 0
    df = pd.read_csv(out, encoding="utf-8-sig")
    # NaN only as a share of a baseline a region has no statistics for (a note says so)
    share = df["basis"].eq("baseline")
    assert df.loc[~share, "value"].notna().all() and df.loc[share, "value"].notna().any()
    assert not df["value"].abs().eq(math.inf).any()
