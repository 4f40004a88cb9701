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


def _rd_book(path: Path, label: str, values: dict[str, float]) -> Path:
    """A bureau table of one indicator outside the catalogue, its unit in the header."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2023年各市（州）研究与试验发展经费"])
    ws.append(["地区", label])
    for name, v in values.items():
        ws.append([name, v])
    wb.save(path)
    return path


def _hold(project, code: str, indicator: str, value: float, unit: str) -> None:
    from workbench.core.model import StatValue

    project.region(code).statistics.append(StatValue(indicator, 2023, value, unit, "旧导入"))


def test_an_indicator_merged_by_an_earlier_version_keeps_its_key(sample_project, tmp_path):
    """Earlier versions kept an indicator outside the catalogue under its printed label with the
    unit (研究与试验发展经费（亿元）); the importer now names it without (研究与试验发展经费). A
    re-import of the same table must meet the figures already there: unchanged where equal, a
    conflict where not, never a second indicator beside the first; the plan says why."""
    p = sample_project
    old = "研究与试验发展经费（亿元）"
    _hold(p, "510100", old, 1020.5, "亿元")
    _hold(p, "510300", old, 19.0, "亿元")
    path = _rd_book(tmp_path / "rd.xlsx", old, {"成都市": 1020.5, "自贡市": 19.9, "德阳市": 98.3})
    tidy = read_table(path).tidy
    assert set(tidy["indicator"]) == {"研究与试验发展经费"}  # the new naming
    plan = plan_merge(p, tidy)
    assert [(i.region_code, i.indicator) for i in plan.unchanged] == [("510100", old)]
    assert [(c.region_code, c.indicator, c.existing.value) for c in plan.conflicts] == [
        ("510300", old, 19.0)
    ]
    assert [(i.region_code, i.indicator) for i in plan.new] == [("510600", old)]
    assert (
        len(plan.notes) == 1 and old in plan.notes[0][0] and "earlier versions" in plan.notes[0][1]
    )
    plan.to_edit(()).apply(p)
    keys = {s.indicator for r in p.regions for s in r.statistics if "研究" in s.indicator}
    assert keys == {old}  # one indicator, not two


def test_a_new_project_or_another_unit_takes_the_new_name(sample_project, tmp_path):
    """Only a key the project holds in the same unit is kept: in a project without it, or holding
    it in another unit, the indicator goes under its new name, with no note."""
    p = sample_project
    path = _rd_book(tmp_path / "rd.xlsx", "研究与试验发展经费（亿元）", {"成都市": 1020.5})
    tidy = read_table(path).tidy
    plan = plan_merge(p, tidy)
    assert [i.indicator for i in plan.new] == ["研究与试验发展经费"] and not plan.notes
    _hold(p, "510100", "研究与试验发展经费（亿元）", 10205000.0, "万元")
    plan = plan_merge(p, tidy)
    assert [i.indicator for i in plan.new] == ["研究与试验发展经费"] and not plan.notes


def test_catalogue_indicators_are_never_renamed(sample_project, tmp_path):
    """A catalogue indicator (gdp) printed as 地区生产总值 stays gdp even when the project holds
    an uncatalogued key spelled like its label."""
    p = sample_project
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["地区", "地区生产总值"])
    ws.append(["单位：亿元"])
    ws.append(["成都市", 22074.7])
    path = tmp_path / "gdp.xlsx"
    wb.save(path)
    tidy = read_table(path, year=2023).tidy
    _hold(p, "510100", str(tidy["indicator_label"].iloc[0]), 22074.7, "亿元")
    plan = plan_merge(p, tidy)
    assert {i.indicator for i in [*plan.new, *plan.unchanged]} | {
        c.indicator for c in plan.conflicts
    } == {"gdp"}
    assert not plan.notes


def test_cli_says_when_an_earlier_indicator_name_is_kept(tmp_path, capsys):
    from workbench.io.project_file import save

    p = load(SAMPLE_PROJECT)
    old = "研究与试验发展经费（亿元）"
    _hold(p, "510100", old, 1020.5, "亿元")
    proj = tmp_path / "p.wbp"
    save(p, proj)
    path = _rd_book(tmp_path / "rd.xlsx", old, {"成都市": 1020.5, "德阳市": 98.3})
    assert main(["stats", str(path), "--project", str(proj), "--apply", "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "1 new, 1 unchanged" in text and f"'{old}' merged under the name" in text
    merged = load(proj)
    assert {s.indicator for r in merged.regions for s in r.statistics if "研究" in s.indicator} == {
        old
    }
