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


def _wide_or_long(rnd: random.Random) -> str:
    """Sheets near the quick verdict's edges: up to 1- to 3-letter columns and 4- to 7-digit
    rows; in some, errors, formulas with and without results, rows without r=."""
    top_row, top_col = rnd.choice([999, 9_000, 99_999, 2_000_000]), rnd.choice([26, 702, 900])
    odd = rnd.random() < 0.4
    out = []
    for r in sorted(rnd.sample(range(1, top_row), 30)):
        kind = rnd.random() if odd else 1.0
        cells = []
        for c in sorted(rnd.sample(range(1, top_col), 5)):
            if kind < 0.1:
                cells.append(f'<c r="{cell_name(r, c)}" t="e"><v>#N/A</v></c>')
            elif kind < 0.2:
                cells.append(f'<c r="{cell_name(r, c)}"><f>A1</f></c>')
            elif kind < 0.3:
                cells.append(f'<c r="{cell_name(r, c)}"><f>A1</f><v>3</v></c>')
            else:
                cells.append(f'<c r="{cell_name(r, c)}"><v>{c}</v></c>')
        tag = "<row>" if kind < 0.35 else f'<row r="{r}">'
        out.append(f"{tag}{''.join(cells)}</row>")
    return "".join(out)


@pytest.mark.parametrize("seed", range(60))
def test_the_quick_verdict_passes_only_what_the_exact_scan_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    """Issue 16: the quick verdict (bounds from a few whole-part searches) accepts a sheet only
    when the exact scan does, with no bad cells, and its bounds hold the exact extent."""
    rnd = random.Random(seed)
    data = _layout(rnd, odd=seed % 3 == 0) if seed % 2 else _wide_or_long(rnd)
    path = two_sheets(tmp_path / "q.xlsx", data, _TIDY)
    monkeypatch.setattr(sheet_guard, "MAX_AREA", rnd.choice([2_000_000, 12_000_000]))

    def verdict(quick: bool):
        sheet_guard.clear_cache()
        monkeypatch.setattr(sheet_guard_fast, "QUICK_BYTES", 0 if quick else 1 << 60)
        try:
            return check_workbook(path).sheets["Data"]
        except SheetGuardError as e:
            return e.en

    quick, exact = verdict(True), verdict(False)
    assert isinstance(exact, str) or exact.exact
    if isinstance(quick, str) or quick.exact:
        assert quick == exact  # not vouched for: the exact scan decided, as before
    else:
        assert not isinstance(exact, str) and not exact.bad and not exact.bad_count
        assert exact.rows <= quick.rows and exact.cols <= quick.cols
        assert exact.cells <= quick.cells and exact.rows * exact.cols <= sheet_guard.MAX_AREA


def _big_tidy(rows: int) -> str:
    return "".join(
        f'<row r="{r}">'
        + "".join(f'<c r="{cell_name(r, c)}"><v>{r * c}</v></c>' for c in range(1, 21))
        + "</row>"
        for r in range(1, rows + 1)
    )


def test_a_big_tidy_sheet_takes_the_quick_verdict(tmp_path: Path) -> None:
    path = two_sheets(tmp_path / "big.xlsx", _big_tidy(2_000), _TIDY)
    scan = check_workbook(path, ["Data"]).sheets["Data"]
    assert not scan.exact and scan.rows * scan.cols <= sheet_guard.MAX_AREA
    assert scan.rows >= 2_000 and scan.cols >= 20 and scan.cells >= 40_000


def test_a_long_narrow_export_takes_the_quick_verdict_too(tmp_path: Path) -> None:
    """A database export: 12,000 rows in columns A to F is vouched for by bounds (A–Z, up to
    row 99,999), not scanned cell by cell; one cell in column AA sends it to the exact scan."""
    long = "".join(
        f'<row r="{r}">'
        + "".join(f'<c r="{cell_name(r, c)}"><v>{r * c}</v></c>' for c in range(1, 7))
        + "</row>"
        for r in range(1, 12_001)
    )
    path = two_sheets(tmp_path / "long.xlsx", long, _TIDY)
    scan = check_workbook(path, ["Data"]).sheets["Data"]
    assert not scan.exact and (scan.rows, scan.cols) == (99_999, 26)
    assert scan.cells >= 72_000 and scan.rows * scan.cols <= sheet_guard.MAX_AREA
    sheet_guard.clear_cache()
    wide = two_sheets(
        tmp_path / "wider.xlsx", long + '<row r="12001"><c r="AA12001"><v>1</v></c></row>', _TIDY
    )
    scan = check_workbook(wide, ["Data"]).sheets["Data"]
    assert scan.exact and (scan.rows, scan.cols) == (12_001, 27)


@pytest.mark.parametrize(
    "tail, refusal",
    [
        (_CORNER, "used range"),  # a cell in the grid's far corner after 40,000 tidy ones
        ('<row r="3000"><c r="AAA3000"><v>1</v></c></row>', None),  # wide, within the limits
        ('<row r="2000000"><c r="A2000000"><v>1</v></c></row>', "last row"),
        ('<row r="2000000"><c><v>1</v></c></row>', "last row"),  # placed by its row tag
        ('<row r="3000"><c r="A3000" t="e"><v>#REF!</v></c></row>', None),
        ('<row r="3000"><c r="A3000"><f>B1</f></c></row>', None),
        ('<row r="3000"><x:c r="XFD3000"><v>1</v></x:c></row>', "used range"),
        ("<row><c><v>1</v></c></row>", None),
    ],
)
def test_a_big_sheet_with_one_odd_cell_is_scanned_exactly(
    tmp_path: Path, tail: str, refusal: str | None
) -> None:
    """One cell the quick verdict cannot vouch for sends the whole sheet to the exact scan,
    which refuses the bombs and records the error cells and formulas without results."""
    path = two_sheets(tmp_path / "odd.xlsx", _big_tidy(2_000) + tail, _TIDY)
    if refusal:
        with pytest.raises(SheetGuardError, match=refusal):
            check_workbook(path)
        return
    scan = check_workbook(path).sheets["Data"]
    assert scan.exact
    if "t=" in tail or "<f>" in tail:
        assert scan.bad_count == 1 and (3000, 1) in scan.bad


def test_a_row_tag_beyond_the_grid_without_cells_is_harmless(tmp_path: Path) -> None:
    """calamine places a cell with a reference by that reference, so a row tag far down (or
    one without r=) holding referenced cells moves nothing: both verdicts pass the sheet, and
    the cells are read where their references say."""
    import python_calamine

    tail = '<row r="2000000"></row><row><c r="B2001"><v>7</v></c></row>'
    path = two_sheets(tmp_path / "rows.xlsx", _big_tidy(2_000) + tail, _TIDY)
    for quick in (True, False):
        sheet_guard.clear_cache()
        big = 0 if quick else 1 << 60
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(sheet_guard_fast, "QUICK_BYTES", big)
            scan = check_workbook(path).sheets["Data"]
        assert scan.exact is not quick and scan.rows >= 2_001
    with zipfile.ZipFile(path, "a") as z:  # what calamine needs besides the guard's parts
        z.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_R}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
    rows = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Data")
    assert rows.height == 2_001 and rows.to_python()[2_000][1] == 7


def test_lowered_limits_still_refuse_a_big_tidy_sheet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = two_sheets(tmp_path / "lim.xlsx", _big_tidy(2_000), _TIDY)
    monkeypatch.setattr(sheet_guard, "MAX_AREA", 30_000)
    with pytest.raises(SheetGuardError, match="used range"):
        check_workbook(path)
    sheet_guard.clear_cache()
    monkeypatch.setattr(sheet_guard, "MAX_AREA", 12_000_000)
    monkeypatch.setattr(sheet_guard, "MAX_CELLS", 30_000)
    with pytest.raises(SheetGuardError, match="too many cells"):
        check_workbook(path)


def test_inflate_reads_a_part_as_zipfile_does(tmp_path: Path) -> None:
    path = two_sheets(tmp_path / "z.xlsx", _big_tidy(2_000), _TIDY)
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
        assert sheet_guard_fast.inflate(zf, info) == zf.read(info)
    stored = tmp_path / "stored.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as dst:
        for i in src.infolist():
            dst.writestr(i.filename, src.read(i))
    with zipfile.ZipFile(stored) as zf:  # not deflated: read by zipfile, as before
        assert sheet_guard_fast.inflate(zf, zf.getinfo("xl/worksheets/sheet1.xml")) is None
    sheet_guard.clear_cache()
    assert not check_workbook(stored).sheets["Data"].exact


@pytest.mark.parametrize("field, value", [(24, -100), (24, +100), (16, +1)])
def test_a_big_part_that_lies_about_its_size_or_crc_is_damaged(
    tmp_path: Path, field: int, value: int
) -> None:
    """The quick path's own inflating refuses what zipfile refuses: more or fewer bytes than
    the central directory declares, or another CRC."""
    path = two_sheets(tmp_path / "lie.xlsx", _big_tidy(2_000), _TIDY)
    data = bytearray(path.read_bytes())
    pos = data.rfind(b"xl/worksheets/sheet1.xml")
    entry = data.rfind(b"PK\x01\x02", 0, pos)
    old = int.from_bytes(data[entry + field : entry + field + 4], "little")
    data[entry + field : entry + field + 4] = ((old + value) % (1 << 32)).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(SheetGuardError) as e:
        check_workbook(path)
    assert "损坏" in e.value.zh


@pytest.fixture(params=["isal", "zlib"])
def inflater(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The guard's inflating with ISA-L (installed with the workbench) and with the standard
    zlib (where ISA-L is missing): both must give the same verdicts."""
    import zlib

    from workbench.io import deflate

    if request.param == "zlib":
        monkeypatch.setattr(deflate, "_impl", zlib)
    else:
        pytest.importorskip("isal")
    return request.param


def test_either_inflater_reads_the_part_as_zipfile_does(tmp_path: Path, inflater: str) -> None:
    path = two_sheets(tmp_path / "z.xlsx", _big_tidy(2_000), _TIDY)
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
        assert sheet_guard_fast.inflate(zf, info) == zf.read(info)
    assert not check_workbook(path).sheets["Data"].exact


def test_a_big_part_with_broken_deflate_data_is_damaged(tmp_path: Path, inflater: str) -> None:
    """Bytes changed inside the compressed sheet (a bad disk, a cut download): refused as a
    damaged package in the user's words, whichever inflater meets it (ISA-L's error is no
    zlib.error)."""
    path = two_sheets(tmp_path / "broken.xlsx", _big_tidy(2_000), _TIDY)
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
        start = info.header_offset + 30 + len(info.filename.encode())
    data = bytearray(path.read_bytes())
    data[start + 10 : start + 18] = b"\xff" * 8  # an invalid block: the inflater's own error
    path.write_bytes(bytes(data))
    with pytest.raises(SheetGuardError) as e:
        check_workbook(path)
    assert "损坏" in e.value.zh and "damaged" in e.value.en
