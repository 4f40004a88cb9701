"""Which importer a dropped table goes to: does the workbook have a sheet of that name?"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from workbench.io.excel.layout import ALLOCATIONS
from workbench.io.excel.reading import workbook_has_sheet


def test_workbook_has_sheet(tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.title = ALLOCATIONS
    wb.create_sheet("城市收支")
    good = tmp_path / "edited.xlsx"
    wb.save(good)
    assert workbook_has_sheet(good, ALLOCATIONS)
    assert workbook_has_sheet(str(good), "城市收支")
    assert not workbook_has_sheet(good, "申报表")


def test_csv_missing_and_broken_files_have_no_sheets(tmp_path: Path) -> None:
    csv = tmp_path / "资金分配.csv"
    csv.write_text("a,b\n", encoding="utf-8")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    for path in (csv, broken, tmp_path / "missing.xlsx"):
        assert not workbook_has_sheet(path, ALLOCATIONS)
