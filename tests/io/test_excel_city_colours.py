"""The 预测 sheet's city chart: the screen's colour per city, and figures equal to the engine's."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import numpy as np
import openpyxl

from workbench.core.colours import region_colour
from workbench.core.projections import ProjectionEngine
from workbench.io.excel import export_workbook


def test_city_chart_uses_each_citys_fixed_colour(sample_project, tmp_path: Path) -> None:
    out = tmp_path / "x.xlsx"
    export_workbook(sample_project, "基准方案", out)
    ws = openpyxl.load_workbook(out)["预测"]
    head = next(
        (r, c)
        for r in range(1, 6)
        for c in range(1, ws.max_column + 1)
        if str(ws.cell(r, c).value or "").startswith("主要城市")
    )
    row, col = head[0] + 1, head[1]
    names = []
    c = col + 1
    while ws.cell(row, c).value and not str(ws.cell(row, c).value).startswith(("其他", "合计")):
        names.append(ws.cell(row, c).value)
        c += 1
    codes = {r.name: r.code for r in sample_project.regions}
    block = ProjectionEngine(sample_project).block("基准方案", "location", "gdp")
    totals = dict(zip(block.names, block.total().sum(axis=1), strict=True))
    ranked = sorted((n for n in totals if totals[n]), key=lambda n: -abs(totals[n]))
    assert names == ranked[: len(names)] and len(names) == 8
    # the chart's series colours, in the order of the columns, are the cities' own colours
    with zipfile.ZipFile(out) as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    city_chart = next(x for x in charts if "按城市" in x)
    fills = [
        re.search(r'srgbClr val="([0-9a-fA-F]{6})"', ser).group(1).lower()
        for ser in re.split(r"<(?:c:)?ser>", city_chart)[1:]
    ]
    expected = [region_colour(codes[n]).lstrip("#") for n in names] + ["c8c8c8"]
    assert fills == expected
    # the 合计 column of 2030 is the circle's location GDP total
    last_year = row + 5
    total_col = col + len(names) + 2
    assert ws.cell(row, total_col).value.startswith("合计")
    assert str(ws.cell(last_year, total_col).value).startswith("=SUMIFS(")
    values = openpyxl.load_workbook(out, data_only=True)["预测"]
    np.testing.assert_allclose(
        values.cell(last_year, total_col).value, block.total().sum(axis=0)[-1], rtol=1e-9
    )
