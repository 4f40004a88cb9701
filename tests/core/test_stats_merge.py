"""Merging an imported table into a project: new values added, conflicts chosen, one undo step."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pandas as pd
import pytest

from workbench.bundled import SAMPLE_PROJECT
from workbench.cli import main
from workbench.core.edits import Compound
from workbench.core.stats_merge import plan_merge
from workbench.io.project_file import load
from workbench.io.stats_import import read_table

DATA = Path(__file__).parents[1] / "data" / "stats"


def _gdp(project, code, year):
    return [s for s in project.region(code).statistics if s.indicator == "gdp" and s.year == year]


def test_same_values_are_unchanged(sample_project):
    tidy = read_table(DATA / "sc_2018_yearbook.xlsx").tidy
    plan = plan_merge(sample_project, tidy)
    # the sample holds the same transcription: all 84 city values agree after 万元 → 亿元
    assert len(plan.unchanged) == 84 and not plan.new and not plan.conflicts
    assert len(plan.skipped) == 3  # the 合计 row


def test_new_and_conflicting_values_one_undo_step(sample_project):
    p = sample_project
    _gdp(p, "500112", 2022)[0].value = 1.0  # a wrong value in the project
    r = p.region("500112")
    r.statistics = [s for s in r.statistics if not (s.indicator == "gdp" and s.year == 2021)]
    tidy = read_table(DATA / "cq_gdp_notes_sheet.xlsx").tidy
    plan = plan_merge(p, tidy, vintage="测试导入")
    assert [(i.region_code, i.year) for i in plan.new] == [("500112", 2021)]
    (c,) = plan.conflicts
    assert (c.region, c.indicator, c.year) == ("渝北区", "gdp", 2022)
    assert c.existing.value == 1.0 and c.incoming.value == 2297.11
    assert c.incoming.source == "cq_gdp_notes_sheet.xlsx · 数据 · B5"
    before = copy.deepcopy(p)

    # without a choice, the conflict keeps the project's value
    edit = plan.to_edit()
    assert isinstance(edit, Compound)
    inverse, changes = edit.apply(p)
    assert "regions" in changes.parts
    assert _gdp(p, "500112", 2022)[0].value == 1.0
    (added,) = _gdp(p, "500112", 2021)
    assert (added.value, added.unit, added.vintage) == (2235.61, "亿元", "测试导入")
    inverse.apply(p)
    assert p == before

    # choosing the conflict replaces it, still one edit, and undo restores everything
    edit = plan.to_edit([("500112", "gdp", 2022)])
    inverse, _ = edit.apply(p)
    assert [s.value for s in _gdp(p, "500112", 2022)] == [2297.11]
    assert "替换 1" in edit.text_zh and "1 replaced" in edit.text_en
    inverse.apply(p)
    assert p == before
    assert plan.to_edit([0]).edits == edit.edits  # by index or by key


def test_aggregates_unknown_regions_and_clashes_are_not_merged(sample_project):
    tidy = pd.DataFrame(
        [
            {
                "region_code": "",
                "region": "全市",
                "level": "aggregate",
                "indicator": "gdp",
                "year": 2030,
                "value": 1.0,
                "unit": "亿元",
            },
            {
                "region_code": "110000",
                "region": "北京市",
                "level": "province",
                "indicator": "gdp",
                "year": 2030,
                "value": 1.0,
                "unit": "亿元",
            },
            {
                "region_code": "510100",
                "region": "成都市",
                "level": "prefecture",
                "indicator": "gdp",
                "year": 2030,
                "value": 1.0,
                "unit": "亿元",
            },
            {
                "region_code": "510100",
                "region": "成都市",
                "level": "prefecture",
                "indicator": "gdp",
                "year": 2030,
                "value": 2.0,
                "unit": "亿元",
            },
        ]
    )
    plan = plan_merge(sample_project, tidy)
    assert not plan.new and not plan.conflicts
    reasons = [en for _, _, en in plan.skipped]
    assert any("total or group" in r for r in reasons)
    assert any("no region 110000" in r for r in reasons)
    assert any("different values" in r for r in reasons)


def test_cli_writes_bom_csv_and_applies_new_values_only(tmp_path, capsys):
    proj = tmp_path / "p.wbp"
    shutil.copy(SAMPLE_PROJECT, proj)
    out = tmp_path / "tidy.csv"
    rc = main(["stats", str(DATA / "20_Guangzhou_All.xls"), "--out", str(out)])
    assert rc == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfregion_code,region,level,indicator")
    assert len(pd.read_csv(out, encoding="utf-8-sig")) == 50
    text = capsys.readouterr().out
    assert "方向：行为指标，列为年份" in text

    rc = main(
        [
            "stats",
            str(DATA / "chengdu_indicators_by_years_gbk.csv"),
            "--project",
            str(proj),
            "--apply",
            "--vintage",
            "测试",
            "--lang",
            "en",
        ]
    )
    assert rc == 0
    text = capsys.readouterr().out
    assert "conflicts" in text and "Merged" in text
    merged = load(proj)
    added = [s for s in merged.region("510100").statistics if s.vintage == "测试"]
    assert {(s.indicator, s.year) for s in added} >= {
        ("registered_population", 2019),
        ("trade_total", 2022),
    }
    # a value the project already held differently is listed, not applied
    before = load(SAMPLE_PROJECT)
    for s in before.region("510100").statistics:
        if s.indicator == "gdp" and s.year == 2022:
            assert s in merged.region("510100").statistics


@pytest.mark.parametrize("args", [["--header-rows", "x"], ["--match", "no-equals-sign"]])
def test_cli_bad_arguments_exit_2(args, capsys):
    assert main(["stats", str(DATA / "20_Guangzhou_All.xls"), *args]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
