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
