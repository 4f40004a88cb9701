"""``workbench stats``: --all-sheets keeps each value's sheet; a run importing nothing exits 1."""

from __future__ import annotations

import csv
from pathlib import Path

from workbench.cli import main

DATA = Path(__file__).parents[1] / "data" / "stats"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_all_sheets_imports_every_sheet_of_the_layout(tmp_path, capsys):
    out = tmp_path / "tidy.csv"
    assert (
        main(["stats", str(DATA / "sheets_per_year.xlsx"), "--all-sheets", "--out", str(out)]) == 0
    )
    rows = _rows(out)
    assert {(r["sheet"], r["year"]) for r in rows} == {("2022年", "2022"), ("2021年", "2021")}
    assert len(rows) == 8
    text = capsys.readouterr().out
    assert "共读取 2 个同版式工作表" in text and "跳过工作表“附表”" in text


def test_without_all_sheets_only_the_first_table_is_read(tmp_path):
    out = tmp_path / "tidy.csv"
    assert main(["stats", str(DATA / "sheets_per_year.xlsx"), "--out", str(out)]) == 0
    assert {r["sheet"] for r in _rows(out)} == {"2022年"}


def test_all_sheets_and_sheet_exclude_each_other():
    argv = ["stats", str(DATA / "sheets_per_year.xlsx"), "--all-sheets", "--sheet", "2021年"]
    assert main(argv) == 2


def test_nothing_imported_exits_1_with_the_reason(tmp_path, capsys):
    path = tmp_path / "no_year.csv"  # no year in the table, the sheet or the file's name
    path.write_text("地区,地区生产总值（亿元）\n成都市,20817.5\n德阳市,2816.9\n", encoding="utf-8")
    assert main(["stats", str(path), "--lang", "en"]) == 1
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("No value imported: no year found in the table")
    assert main(["stats", str(path), "--year", "2022"]) == 0


def test_unreadable_file_still_exits_2(tmp_path):
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"%PDF-1.4 not a sheet")
    assert main(["stats", str(bad), "--all-sheets"]) == 2
