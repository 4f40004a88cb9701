"""The planning level and the statistics' provenance are optional fields: files saved before them
load unchanged, and they survive a save and load."""

from __future__ import annotations

import json

from workbench.bundled import SAMPLE_PROJECT
from workbench.core.enums import Level
from workbench.io.project_file import load, save


def test_old_file_loads_with_todays_levels():
    raw = json.loads(SAMPLE_PROJECT.read_text(encoding="utf-8"))
    assert "planning_levels" not in raw["project"]
    p = load(SAMPLE_PROJECT)
    assert p.planning_levels == {}
    assert p.planning_unit("510112") == "510100"
    s = p.region("510100").statistics[0]
    assert (s.file, s.sheet, s.cell, s.imported, s.preferred) == ("", "", "", "", False)


def test_levels_and_provenance_round_trip(tmp_path, sample_project):
    p = sample_project
    p.planning_levels = {"510000": Level.COUNTY}
    s = p.region("500112").statistics[0]
    s.file, s.sheet, s.cell, s.imported, s.preferred = "a.xlsx", "表1", "C7", "2026-12-01", True
    target = tmp_path / "p.wbp"
    save(p, target)
    q = load(target)
    assert q.planning_levels == {"510000": Level.COUNTY}
    assert q.planning_unit("510112") == "510112"
    t = q.region("500112").statistics[0]
    assert (t.file, t.sheet, t.cell, t.imported, t.preferred) == (
        "a.xlsx",
        "表1",
        "C7",
        "2026-12-01",
        True,
    )
    assert q == p


def test_regions_sheet_lists_counties_ranked_with_qianyi(sample_project):
    from workbench.core.regions.levels import set_levels_edit
    from workbench.io.excel.export import build_workbook

    set_levels_edit(sample_project, {"510000": Level.COUNTY}).apply(sample_project)
    book = build_workbook(sample_project, "基准方案")
    ws = book.wb["地区"]
    assert "县（区、市）" in ws.cell(2, 1).value
    head = [ws.cell(4, c).value for c in range(1, 16)]
    assert head[:3] == ["排名", "地区代码", "地区"] and head[12] == "千亿县"
    first = [ws.cell(5, c).value for c in range(1, 16)]
    assert first[0] == 1 and first[1] == "500112" and first[12] == "是"
    gdps = [ws.cell(r, 7).value for r in range(5, 40) if ws.cell(r, 7).value is not None]
    assert gdps == sorted(gdps, reverse=True)
    # at county level a Sichuan county has its own uplift (0 when nothing is funded there)
    rows = {ws.cell(r, 2).value: r for r in range(5, ws.max_row + 1) if ws.cell(r, 2).value}
    assert ws.cell(rows["510112"], 11).value is not None
    texts = [str(ws.cell(r, 1).value or "") for r in range(1, ws.max_row + 1)]
    assert any(t.startswith("产业同构：") for t in texts)
