"""The size guard's cheap paths (issue 10 point 1 kept within issue 4's budget): scanning only
the sheets a caller reads, reusing a scan of an unchanged file, and the C-speed path agreeing
exactly with the token scan."""

from __future__ import annotations

import os
import random
import zipfile
from pathlib import Path

import pytest

from workbench.io import sheet_guard, sheet_guard_fast
from workbench.io.sheet_guard import SheetGuardError, cell_name, check_workbook

_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CORNER = (
    '<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>'
)
_TIDY = '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row>'


def two_sheets(path: Path, first: str, second: str, *, rels_extra: str = "") -> Path:
    """A workbook with sheets "Data" (``first``) and "Bomb" (``second``), each the inside of
    <sheetData>; ``rels_extra`` adds relationships (to make the mapping ambiguous)."""
    wb = (
        f'<workbook xmlns="{_NS}" xmlns:r="{_R}"><sheets>'
        '<sheet name="Data" sheetId="1" r:id="rId1"/><sheet name="Bomb" sheetId="2" r:id="rId2"/>'
        "</sheets></workbook>"
    )
    rel = '<Relationship Id="{}" Type="{}/worksheet" Target="worksheets/{}"/>'
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + rels_extra
        + rel.format("rId1", _R, "sheet1.xml")
        + rel.format("rId2", _R, "sheet2.xml")
        + "</Relationships>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", wb)
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        for i, data in ((1, first), (2, second)):
            z.writestr(
                f"xl/worksheets/sheet{i}.xml",
                f'<worksheet xmlns="{_NS}"><sheetData>{data}</sheetData></worksheet>',
            )
    return path


@pytest.fixture(autouse=True)
def _fresh_cache():
    sheet_guard.clear_cache()
    yield
    sheet_guard.clear_cache()


def test_only_the_sheets_read_are_scanned(tmp_path: Path) -> None:
    path = two_sheets(tmp_path / "two.xlsx", _TIDY, _CORNER)
    scan = check_workbook(path, ["Data"])
    assert list(scan.sheets) == ["Data"] and scan.sheets["Data"].cols == 2
    assert check_workbook(path, []).sheets == {}
    for sheets in (["Bomb"], ["Data", "Bomb"], None, ["NoSuchSheet"]):
        with pytest.raises(SheetGuardError, match="used range"):
            check_workbook(path, sheets)


def test_an_ambiguous_sheet_mapping_scans_every_sheet(tmp_path: Path) -> None:
    """rId2 given twice: calamine may take either target for "Bomb", so no part is skipped."""
    rel = f'<Relationship Id="rId2" Type="{_R}/worksheet" Target="worksheets/sheet1.xml"/>'
    path = two_sheets(tmp_path / "dup.xlsx", _TIDY, _CORNER, rels_extra=rel)
    with pytest.raises(SheetGuardError, match="used range"):
        check_workbook(path, ["Data"])


def test_an_unchanged_file_is_not_scanned_again_and_a_changed_one_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = two_sheets(tmp_path / "c.xlsx", _TIDY, _TIDY)
    calls = []
    real = sheet_guard._scan_sheet
    monkeypatch.setattr(
        sheet_guard, "_scan_sheet", lambda zf, info: calls.append(info.filename) or real(zf, info)
    )
    first = check_workbook(path)
    assert check_workbook(path) is first and check_workbook(path, ["Data"]) is first
    assert len(calls) == 2
    stat = path.stat()
    two_sheets(path, _TIDY, _CORNER)  # rewritten in place, mtime put back: ctime still moves
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    with pytest.raises(SheetGuardError, match="used range"):
        check_workbook(path)


def _layout(rnd: random.Random, odd: bool) -> str:
    """Sheet XML the fast path must vouch for or hand back: rows in or out of order, wide and
    ragged rows, cells naming other rows, r-less cells, errors and formulas."""
    rows = sorted(rnd.sample(range(1, 3000), rnd.randint(1, 40)))
    if rnd.random() < 0.3:
        rnd.shuffle(rows)
    out = []
    for r in rows:
        cols = sorted(rnd.sample(range(1, 800), rnd.randint(1, 30)))
        if rnd.random() < 0.2:
            cols.reverse()
        cells = []
        for c in cols:
            row = r if rnd.random() < 0.95 else rnd.randint(1, 5000)
            kind = rnd.random() if odd else 1.0
            if kind < 0.03:
                cells.append("<c><v>1</v></c>")
            elif kind < 0.06:
                cells.append(f'<c r="{cell_name(row, c)}" t="e"><v>#N/A</v></c>')
            elif kind < 0.09:
                cells.append(f'<c r="{cell_name(row, c)}"><f>A1</f></c>')
            else:
                cells.append(f'<c r="{cell_name(row, c)}"><v>{c}</v></c>')
        out.append(f'<row r="{r}">{"".join(cells)}</row>')
    return "".join(out)


@pytest.mark.parametrize("seed", range(40))
def test_fast_path_agrees_with_the_token_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    path = two_sheets(tmp_path / "f.xlsx", _layout(random.Random(seed), odd=seed % 4 == 0), _TIDY)
    fast = check_workbook(path).sheets["Data"]
    sheet_guard.clear_cache()
    monkeypatch.setattr(sheet_guard_fast, "fast_piece", lambda piece, st: False)
    slow = check_workbook(path).sheets["Data"]
    assert (fast.rows, fast.cols, fast.cells, fast.bad) == (
        slow.rows,
        slow.cols,
        slow.cells,
        slow.bad,
    )
