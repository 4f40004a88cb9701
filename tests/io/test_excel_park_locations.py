"""The 园区共建 sheet lists where each park lies: P-02 高竹 in 邻水 60 % and 渝北 40 %, and a park
with no locations set at its host, 100 %, saying so."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from workbench.core.model import Project
from workbench.io.excel import export_workbook
from workbench.io.excel.layout import PARKS
from workbench.io.excel.sheet_parks import LOCATION_HEADERS, LOCATION_TITLE


def _location_block(path: Path) -> list[tuple[object, ...]]:
    ws = openpyxl.load_workbook(path)[PARKS]
    rows = list(ws.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] == LOCATION_TITLE)
    assert tuple(rows[start + 1][: len(LOCATION_HEADERS)]) == LOCATION_HEADERS
    block = []
    for r in rows[start + 2 :]:
        if r[0] is None:
            break
        block.append(tuple(r[: len(LOCATION_HEADERS)]))
    return block


def test_parks_sheet_shows_locations_and_shares(sample_project: Project, tmp_path: Path) -> None:
    out = tmp_path / "export.xlsx"
    export_workbook(sample_project, "基准方案", out)
    block = _location_block(out)
    p02 = [r for r in block if r[0] == "P-02"]
    assert [(r[2], r[3], r[4]) for r in p02] == [
        ("511623", "邻水县", 0.6),
        ("500112", "渝北区", 0.4),
    ]
    assert all(r[5] in ("", None) for r in p02)
    p01 = sample_project.park("P-01")
    assert p01 is not None and not p01.locations
    implied = [r for r in block if r[0] == "P-01"]
    assert [(r[2], r[4]) for r in implied] == [(p01.host, 1.0)]
    assert "所在地" in str(implied[0][5])
