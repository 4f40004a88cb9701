"""预测's P10/P50/P90 columns and the 敏感性 sheet, and the project's optional draws/seed field."""

from __future__ import annotations

import json

import openpyxl

from workbench.core.model import UncertaintySettings
from workbench.io.excel import build_workbook, export_workbook
from workbench.io.excel.layout import PROJECTIONS, SENSITIVITY
from workbench.io.project_file import load, save

SC = "基准方案"


def test_export_with_draws_adds_band_columns_and_the_sensitivity_sheet(sample_project, tmp_path):
    path = tmp_path / "x.xlsx"
    export_workbook(sample_project, SC, path, uncertainty=UncertaintySettings(40, 3))
    wb = openpyxl.load_workbook(path)
    assert SENSITIVITY in wb.sheetnames
    assert wb.sheetnames.index(SENSITIVITY) > wb.sheetnames.index(PROJECTIONS)
    ws = wb[PROJECTIONS]
    heads = [c.value for c in ws[3]]
    assert "2030年 P10" in heads and "2030年 P90" in heads
    p10, p50, p90 = (heads.index(f"2030年 {p}") + 1 for p in ("P10", "P50", "P90"))
    rows = [r for r in ws.iter_rows(min_row=4, values_only=True) if r[0]]
    assert len(rows) > 100
    for r in rows:
        lo, mid, hi = r[p10 - 1], r[p50 - 1], r[p90 - 1]
        if lo is not None and mid is not None:
            assert lo <= mid + 1e-9 <= hi + 2e-9
    sens = wb[SENSITIVITY]
    assert sens["A4"].value == "排名" and sens["A5"].value == 1
    assert "40 次" in sens["A2"].value or "次拉丁超立方" in sens["A2"].value
    swings = [r[8] for r in sens.iter_rows(min_row=5, values_only=True) if r[0]]
    assert swings == sorted(swings, reverse=True)


def test_export_without_draws_is_unchanged(sample_project):
    book = build_workbook(sample_project, SC)
    assert SENSITIVITY not in book.wb.sheetnames
    heads = [c.value for c in book.wb[PROJECTIONS][3]]
    assert not any(isinstance(h, str) and "P10" in h for h in heads)


def test_old_files_load_with_default_draws_and_the_field_round_trips(sample_project, tmp_path):
    path = tmp_path / "p.wbp"
    save(sample_project, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data.get("project", data).pop("uncertainty", None)  # a file written before the field
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    old = load(path)
    assert old.uncertainty == UncertaintySettings(500, 20260101)
    old.uncertainty = UncertaintySettings(1200, 42)
    save(old, path)
    assert load(path).uncertainty == UncertaintySettings(1200, 42)
