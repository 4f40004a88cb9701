"""Issue 16, a first read in a fresh process: what a read prepares while calamine parses (the
gazetteer, cell formats, the cells' names) and the collector held back during a read must
never change what is read, whatever the sheet declares about itself."""

from __future__ import annotations

import gc
import re
import sys
import threading
import zipfile
from pathlib import Path

import openpyxl
import pytest

from workbench.io import sheet_guard, sheet_guard_fast
from workbench.io.bulk_work import bulk_work, keep_freed_memory
from workbench.io.stats_import import read_table, reader
from workbench.io.stats_import.tidy_frame import MAX_GRID

REGIONS = ["锦江区", "青羊区", "金牛区", "武侯区", "成华区", "龙泉驿区", "青白江区", "新都区"]


@pytest.fixture(autouse=True)
def _fresh_scans():
    sheet_guard.clear_cache()
    yield
    sheet_guard.clear_cache()


def test_the_collector_is_paused_and_restored_across_nesting_and_threads() -> None:
    was = gc.isenabled()
    gc.enable()
    try:
        with bulk_work():
            assert not gc.isenabled()
            with bulk_work():
                assert not gc.isenabled()
            assert not gc.isenabled()  # the inner pause ending does not switch it back on
        assert gc.isenabled()

        inside, leave = threading.Event(), threading.Event()

        def other() -> None:
            with bulk_work():
                inside.set()
                leave.wait(5)

        t = threading.Thread(target=other)
        interval = sys.getswitchinterval()
        with bulk_work():
            assert sys.getswitchinterval() <= 0.0005  # a read's threads get the GIL promptly
            t.start()
            assert inside.wait(5)
        assert not gc.isenabled()  # the other thread's read is still running
        assert sys.getswitchinterval() <= 0.0005
        leave.set()
        t.join(5)
        assert gc.isenabled()
        assert sys.getswitchinterval() == interval  # the last read to end restores it

        gc.disable()
        with bulk_work():
            pass
        assert not gc.isenabled()  # off before: left off
    finally:
        (gc.enable if was else gc.disable)()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc only")
def test_a_bulk_read_reuses_freed_memory_instead_of_faulting_in_fresh_pages() -> None:
    """After a read has freed a large block, the next one of that size comes from the heap:
    almost no page is faulted in again (glibc's default unmaps and maps it afresh)."""
    import resource

    import numpy as np

    with bulk_work():
        if not keep_freed_memory():
            pytest.skip("not glibc, or malloc tuned by the environment")
        np.ones(1 << 20).sum()  # 8 MB, touched, then freed
        before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        np.ones(1 << 20).sum()
        faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before
    assert faults < 200  # 8 MB of fresh pages would be ~2,000 faults


def _yearbook(path: Path, rows: int) -> dict[tuple[str, int], str]:
    """A county table (regions × 2 years); returns (region, year) -> the cell holding it."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "3-1"
    ws.append(["各县（市、区）地区生产总值"])
    ws.append(["单位：亿元"])
    ws.append(["地区", "2022年", "2023年"])
    where = {}
    for k in range(rows):
        name = REGIONS[k % len(REGIONS)]
        ws.append([name, 100.0 + k, 110.0 + k])
        if k < len(REGIONS):
            r = ws.max_row
            where[(name, 2022)] = f"B{r}"
            where[(name, 2023)] = f"C{r}"
    wb.save(path)
    return where


def _declare(path: Path, ref: str | None) -> None:
    """Rewrite (or drop, None) the sheet's declared <dimension>: a file may say anything."""
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    name = "xl/worksheets/sheet1.xml"
    xml = parts[name].decode()
    new = "" if ref is None else f'<dimension ref="{ref}"/>'
    parts[name] = re.sub(r"<dimension [^>]*/>", new, xml).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for k, v in parts.items():
            z.writestr(k, v)


@pytest.mark.parametrize("quick", [False, True])
@pytest.mark.parametrize("declared", ["A1:C11", "A1:B2", "A1:XFD1048576", None])
def test_cell_provenance_is_right_whatever_the_sheet_declares(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quick: bool, declared: str | None
) -> None:
    """The names made ahead come from the guard's count or the sheet's own claims (a dimension
    that is right, too small, too large or absent): the tidy table's cells are the
    cells the values were read from, every time."""
    path = tmp_path / "book.xlsx"
    where = _yearbook(path, len(REGIONS))
    if declared != "A1:C11":
        _declare(path, declared)
    monkeypatch.setattr(sheet_guard_fast, "QUICK_BYTES", 0 if quick else 1 << 60)
    tidy = read_table(path).tidy
    got = {(r.region, r.year): r.cell for r in tidy.itertuples()}
    assert got == where


def test_the_names_are_made_ahead_for_the_range_the_guard_saw(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    _yearbook(path, 40)
    sheet_guard.check_workbook(path)
    reader.clear_caches()
    ahead = reader.Prefetch(path, "book")
    ahead("3-1")
    grid = ahead.names["3-1"]
    assert grid.shape == (43, 3) and grid[0, 0] == "A1" and grid[42, 2] == "C43"
    again = reader.Prefetch(path, "book")  # the wizard's next read of the file
    again("3-1")
    assert again.names["3-1"] is grid

    huge = tmp_path / "huge.xlsx"
    _yearbook(huge, 3)
    _declare(huge, "A1:ZZ99999")  # claims far more cells than are worth naming ahead
    sheet_guard.clear_cache()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sheet_guard_fast, "QUICK_BYTES", 0)
        sheet_guard.check_workbook(huge)
        ahead = reader.Prefetch(huge, "book")
        ahead("3-1")
    assert MAX_GRID < 702 * 99_999 and "3-1" not in ahead.names


def test_a_failing_prefetch_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "book.xlsx"
    _yearbook(path, 12)
    before = read_table(path).tidy

    def broken(self: reader.Prefetch, sheet: str) -> None:
        raise RuntimeError("prefetch failed")

    monkeypatch.setattr(reader.Prefetch, "__call__", broken)
    after = read_table(path).tidy
    assert after.equals(before)


def test_the_first_table_of_a_workbook_does_not_wait_for_the_other_sheets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a sheet named, sheets are parsed one by one until one holds a table: the
    yearbook's later sheets are not parsed, and one that cannot be parsed does not stop the
    first table from being read."""
    from workbench.io.stats_import import cells

    path = tmp_path / "book.xlsx"
    where = _yearbook(path, len(REGIONS))
    wb = openpyxl.load_workbook(path)
    notes = wb.create_sheet("说明", 0)
    notes["A1"] = "本表数据来源：统计年鉴"
    for k in range(3):
        extra = wb.create_sheet(f"3-{k + 2}")
        extra.append(["地区", "2022年"])
        extra.append(["锦江区", 1.0])
    wb.save(path)
    with zipfile.ZipFile(path) as z:  # the last sheet's XML broken off mid-row
        parts = {i.filename: z.read(i) for i in z.infolist()}
    last = "xl/worksheets/sheet5.xml"
    parts[last] = parts[last][: parts[last].index(b"<sheetData>") + 30]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for k, v in parts.items():
            z.writestr(k, v)

    parsed: list[str] = []
    real = cells._read_book_sheet

    def counting(p, book, name, meanwhile=None, part=None):
        parsed.append(name)
        return real(p, book, name, meanwhile, part)

    monkeypatch.setattr(cells, "_read_book_sheet", counting)
    res = read_table(path)
    assert res.report.sheet == "3-1" and parsed == ["说明", "3-1"]
    assert {(r.region, r.year): r.cell for r in res.tidy.itertuples()} == where
    assert any(s[0] == "说明" for s in res.report.sheets_skipped)


def test_reads_in_several_threads_at_once_each_get_their_own_cells(tmp_path: Path) -> None:
    """The wizard reads in a worker while the window may export or read another file: reads
    running at once (each with its own prefetch thread, sharing the memos and the kept cell
    names) return exactly what each reads alone, and the collector is back on afterwards."""
    files = []
    for k, rows in enumerate((8, 40, 200, 16)):
        path = tmp_path / f"book{k}.xlsx"
        _yearbook(path, rows)
        files.append(path)
    alone = {p: read_table(p).tidy for p in files}
    reader.clear_caches()
    sheet_guard.clear_cache()
    got: dict[Path, object] = {}
    errors: list[BaseException] = []

    def read(p: Path) -> None:
        try:
            for _ in range(3):
                got[p] = read_table(p).tidy
        except BaseException as e:  # reported below, in the test's thread
            errors.append(e)

    was = gc.isenabled()
    threads = [threading.Thread(target=read, args=(p,)) for p in files]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    for p in files:
        assert got[p].equals(alone[p])
    assert gc.isenabled() == was


@pytest.mark.parametrize("gap", ["header repeated", "note column", "both"])
def test_provenance_is_right_when_the_table_has_gaps(tmp_path: Path, gap: str) -> None:
    """The names made ahead are copied as one view when the table's rows and columns follow
    each other; a header printed again at a page break (a row left out) or a notes column
    between the years (a column left out) must still name each value's own cell."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "3-1"
    ws.append(["各县（市、区）地区生产总值"])
    ws.append(["单位：亿元"])
    notes = gap in ("note column", "both")
    ws.append(["地区", "2022年", *(["备注"] if notes else []), "2023年"])
    where = {}
    for k, name in enumerate(REGIONS):
        if k == 4 and gap in ("header repeated", "both"):
            ws.append(["地区", "2022年", *(["备注"] if notes else []), "2023年"])
        ws.append([name, 100.0 + k, *(["初步数"] if notes else []), 110.0 + k])
        r = ws.max_row
        where[(name, 2022)] = (f"B{r}", 100.0 + k)
        where[(name, 2023)] = (f"{'D' if notes else 'C'}{r}", 110.0 + k)
    path = tmp_path / "gaps.xlsx"
    wb.save(path)
    tidy = read_table(path).tidy
    got = {(r.region, r.year): (r.cell, r.value) for r in tidy.itertuples()}
    assert got == where
