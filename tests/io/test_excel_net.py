"""净效益 sheet: gross, each adjustment and net side by side, read back from the saved file."""

from __future__ import annotations

from pathlib import Path

import pytest
import python_calamine

from workbench.core.model import Project
from workbench.core.projections import ProjectionEngine
from workbench.core.projections import vocabulary as voc
from workbench.core.projections.net_view import COLUMNS, net_split
from workbench.io.excel import export_workbook
from workbench.io.excel.layout import NET
from workbench.io.excel.sheet_net import CIRCLE

SCENARIO = "基准方案"
FIRST_VALUE = 5  # 0-based column of 毛效益 (after code, city, metric, basis, unit)


def _rows(project: Project, tmp_path: Path) -> list[list[object]]:
    path = tmp_path / "book.xlsx"
    export_workbook(project, SCENARIO, path)
    wb = python_calamine.CalamineWorkbook.from_path(str(path))
    return wb.get_sheet_by_name(NET).to_python()


def test_circle_rows_match_core_and_every_row_adds_up(sample_project, tmp_path):
    rows = _rows(sample_project, tmp_path)
    header = rows.index(next(r for r in rows if r[:1] == ["城市代码"]))
    heads = rows[header]
    assert heads[FIRST_VALUE].startswith("毛效益") and heads[FIRST_VALUE + 5].startswith("净效益")
    assert "亿元" in {r[4] for r in rows[header + 1 :]}  # units stated on every row
    engine = ProjectionEngine(sample_project)
    checked = 0
    for basis, metric in voc.BLOCKS:
        row = next(
            r
            for r in rows[header + 1 :]
            if r[1] == CIRCLE and r[2] == voc.label(metric, "zh") and r[3] == voc.label(basis, "zh")
        )
        _units, circle, _excess = net_split(engine, SCENARIO, basis, metric).at(2030)
        for j, key in enumerate(COLUMNS):
            assert row[FIRST_VALUE + j] == pytest.approx(circle[key], rel=1e-9, abs=1e-12)
        checked += 1
    assert checked == len(voc.BLOCKS)
    # Every row with figures: gross + the adjustments (negative) = net.
    n = 0
    for r in rows[header + 1 :]:
        vals = r[FIRST_VALUE : FIRST_VALUE + len(COLUMNS)]
        if all(isinstance(v, float) for v in vals):
            assert vals[0] + sum(vals[1:-1]) == pytest.approx(vals[-1], abs=1e-9)
            assert all(v <= 1e-12 for v in vals[1:-1])
            n += 1
    assert n > 50


def test_double_counted_park_gdp_is_a_separate_row_never_in_the_circle(sample_project, tmp_path):
    rows = _rows(sample_project, tmp_path)
    gdp, stat, loc = (
        voc.label("gdp", "zh"),
        voc.label("statistical", "zh"),
        voc.label("location", "zh"),
    )

    def circle(basis: str) -> list[object]:
        return next(r for r in rows if r[1] == CIRCLE and r[2] == gdp and r[3] == basis)

    excess = next(
        r
        for r in rows
        if r[1] != CIRCLE
        and r[2] == gdp
        and r[3] == stat
        and r[-1] == "否（不可加总）"
        and not r[0]
    )
    assert excess[FIRST_VALUE] > 0
    assert circle(stat)[FIRST_VALUE] == pytest.approx(circle(loc)[FIRST_VALUE])
    cities = [r for r in rows if r[0] and r[2] == gdp and r[3] == stat]
    assert any(r[-1] == "否（不可加总）" for r in cities)
    recorded = sum(r[FIRST_VALUE] for r in cities)
    assert recorded == pytest.approx(circle(stat)[FIRST_VALUE] + excess[FIRST_VALUE])
