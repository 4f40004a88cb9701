"""A big worksheet parsed by calamine on several threads (``xlsx_parallel``) must give exactly
the grid and merged ranges of calamine's one-thread read, however the sheet is written, and
must step aside (None: the one-thread read decides) for any sheet it cannot cut safely."""

from __future__ import annotations

import datetime as dt
import random
import re
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import python_calamine as calamine

from workbench.io import sheet_guard, sheet_guard_fast, xlsx_parallel
from workbench.io.stats_import import read_table

PART = "xl/worksheets/sheet1.xml"


@pytest.fixture(autouse=True, params=["memfd", "file object"])
def _small_parts(monkeypatch, request):
    """Fixtures of a few KB stand for the megabytes the cut pays off on. Each test runs with
    the runs' workbooks handed to calamine as in-memory files (Linux) and as Python file
    objects (elsewhere)."""
    if request.param == "file object":
        monkeypatch.setattr(xlsx_parallel, "_MEMFD", False)
    elif not xlsx_parallel._MEMFD:
        pytest.skip("no memfd_create here")
    monkeypatch.setattr(xlsx_parallel, "MIN_PART_BYTES", 512)
    monkeypatch.setattr(xlsx_parallel, "_OTHER_BYTES", 100.0)
    sheet_guard.clear_cache()
    yield
    sheet_guard.clear_cache()


def one_thread(path: Path, sheet: str = "S") -> tuple[list, list]:
    ws = calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet)
    return ws.to_python(skip_empty_area=False), list(ws.merged_cell_ranges or [])


def assert_same(path: Path, sheet: str = "S", threads=(2, 3, 4)) -> None:
    want_rows, want_merged = one_thread(path, sheet)
    for n in threads:
        got = xlsx_parallel.read_sheet(path, sheet, PART, runs=n)
        assert got is not None, f"{path.name}: not read in parallel ({n} runs)"
        assert got.runs >= 2
        assert got.rows == want_rows, f"{path.name}, {n} runs"
        assert got.merged == want_merged


def built(tmp_path: Path, name: str, fill) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    fill(ws)
    p = tmp_path / name
    wb.save(p)
    return p


def with_sheet_xml(tmp_path: Path, name: str, sheet_data: str, extra: str = "") -> Path:
    """A workbook whose sheet part is the given ``<sheetData>`` body (hand-written XML, as
    other programs write it), other parts as openpyxl writes them."""
    base = built(tmp_path, "base-" + name, lambda ws: ws.append(["x"]))
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{sheet_data}</sheetData>{extra}</worksheet>"
    )
    out = tmp_path / name
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = xml.encode() if info.filename == PART else src.read(info)
            dst.writestr(info.filename, data)
    return out


def test_a_yearbook_table_with_text_numbers_dates_and_merges(tmp_path: Path) -> None:
    def fill(ws):
        ws.append(["各县（市、区）主要经济指标"])
        ws.merge_cells("A1:F1")
        ws.append(["地区", "2021年", "2022年", "日期", "是否", "备注 <&> \"'"])
        for k in range(400):
            ws.append(
                [f"县{k}", k * 1.5, -k, dt.date(2020, 1, 1) + dt.timedelta(days=k), k % 2 == 0]
            )
        ws.merge_cells("A200:B201")

    assert_same(built(tmp_path, "yearbook.xlsx", fill))


@pytest.mark.parametrize("seed", range(6))
def test_sparse_sheets_with_gaps_late_wide_rows_and_leading_blanks(tmp_path: Path, seed) -> None:
    rnd = random.Random(seed)

    def fill(ws):
        for _ in range(rnd.randint(200, 700)):
            r, c = rnd.randint(3, 600), rnd.randint(2, 40)
            ws.cell(r, c, rnd.choice([rnd.random() * 1e6, f"t{rnd.randint(0, 50)}", 7, True]))
        if seed % 2:
            ws.cell(rnd.randint(500, 650), 60, "far right, late")  # the widest row at the end
        if seed % 3 == 0:
            ws.cell(2, 1, "top left")

    assert_same(built(tmp_path, f"sparse{seed}.xlsx", fill))


def test_cells_and_rows_without_references_keep_their_places(tmp_path: Path) -> None:
    rows = []
    for r in range(1, 301):
        if r % 7 == 0:
            rows.append(f'<row r="{r}"/>')  # an empty row tag: calamine skips it
            continue
        ref = f' r="{r}"' if r % 5 else ""  # some rows without r: they follow the row before
        cells = "".join(
            f"<c{f' r={chr(34)}{chr(65 + c)}{r}{chr(34)}' if (r + c) % 3 else ''}><v>{r * 100 + c}</v></c>"
            for c in range(6)
        )
        rows.append(f"<row{ref}>{cells}</row>")
    p = with_sheet_xml(tmp_path, "norefs.xlsx", "".join(rows))
    assert_same(p)


def test_inline_strings_spans_whitespace_and_a_merge_footer(tmp_path: Path) -> None:
    rows = "\n  ".join(
        f'<row r="{r}" spans="1:3"><c r="A{r}" t="inlineStr"><is><t>第{r}行 &lt;x&gt;</t></is></c>'
        f'<c r="C{r}" s="0"><v>{r / 3}</v></c></row>'
        for r in range(2, 400)
    )
    extra = '<mergeCells count="2"><mergeCell ref="A2:B3"/><mergeCell ref="C10:C20"/></mergeCells>'
    assert_same(with_sheet_xml(tmp_path, "inline.xlsx", rows, extra))


@pytest.mark.parametrize(
    "body",
    [
        '<row r="1"><c r="A1"><v>1</v></c></row><!-- <row r="2"><c r="A2"><v>2</v></c></row> -->',
        '<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[</row><row r="9">]]></t></is></c></row>',
        '<row r="1"><c r="A1"><v>1</v></c></row><?pi </row><row r="5"> ?>',
    ],
    ids=["comment", "cdata", "processing-instruction"],
)
def test_markup_that_could_hide_a_row_tag_is_left_to_one_thread(tmp_path: Path, body) -> None:
    filler = "".join(f'<row r="{r}"><c r="B{r}"><v>{r}</v></c></row>' for r in range(10, 200))
    p = with_sheet_xml(tmp_path, "hidden.xlsx", body + filler)
    assert xlsx_parallel.read_sheet(p, "S", PART, runs=2) is None


def test_namespace_prefixed_sheets_and_small_sheets_are_left_to_one_thread(
    tmp_path: Path, monkeypatch
) -> None:
    rows = "".join(
        f'<x:row r="{r}"><x:c r="A{r}"><x:v>{r}</x:v></x:c></x:row>' for r in range(1, 300)
    )
    base = built(tmp_path, "base.xlsx", lambda ws: ws.append(["x"]))
    xml = (
        '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<x:sheetData>{rows}</x:sheetData></x:worksheet>"
    )
    p = tmp_path / "prefixed.xlsx"
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(p, "w") as dst:
        for info in src.infolist():
            dst.writestr(info.filename, xml.encode() if info.filename == PART else src.read(info))
    assert xlsx_parallel.read_sheet(p, "S", PART, runs=2) is None
    assert one_thread(p)[0][5] == [6.0]  # calamine itself reads it

    monkeypatch.setattr(xlsx_parallel, "MIN_PART_BYTES", 1 << 20)
    small = built(tmp_path, "small.xlsx", lambda ws: [ws.append([k]) for k in range(300)])
    assert xlsx_parallel.read_sheet(small, "S", PART, runs=2) is None


def test_a_run_calamine_refuses_hands_the_sheet_back_without_raising(tmp_path: Path) -> None:
    good = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, 300))
    bad = '<row r="300"><c r="A300" t="n"><v>not a number</v></c></row>'
    p = with_sheet_xml(tmp_path, "badcell.xlsx", good + bad)
    assert xlsx_parallel.read_sheet(p, "S", PART, runs=2) is None


def test_the_sheet_is_found_by_name_among_several(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "封面"
    wb.active.append(["说明"])
    ws = wb.create_sheet("S")
    for k in range(500):
        ws.append([f"县{k}", k, k * 2.5])
    wb.create_sheet("后面").append(["其他"])
    p = tmp_path / "three.xlsx"
    wb.save(p)
    part = sheet_guard.check_workbook(p).sheets["S"].part
    want = one_thread(p)
    got = xlsx_parallel.read_sheet(p, "S", part, runs=3)
    assert got is not None and (got.rows, got.merged) == want


def test_the_guard_hands_its_inflated_sheet_to_one_read_of_the_unchanged_file(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(sheet_guard, "KEEP_BYTES", 512)
    monkeypatch.setattr(sheet_guard_fast, "QUICK_BYTES", 512)  # read whole, as big parts are
    p = built(tmp_path, "kept.xlsx", lambda ws: [ws.append([k, f"v{k}"]) for k in range(2000)])
    with zipfile.ZipFile(p) as zf:
        want = zf.read(PART)
    sheet_guard.check_workbook(p)
    assert bytes(sheet_guard.take_inflated(p, PART)) == want
    assert sheet_guard.take_inflated(p, PART) is None  # handed over once

    sheet_guard.clear_cache()
    sheet_guard.check_workbook(p)
    p.write_bytes(p.read_bytes())  # rewritten: a new ctime, whatever the content
    assert sheet_guard.take_inflated(p, PART) is None


def test_the_importer_reads_the_same_table_on_one_thread_and_on_several(
    tmp_path: Path, monkeypatch
) -> None:
    names = ["锦江区", "青羊区", "金牛区", "武侯区", "成华区", "龙泉驿区", "青白江区", "新都区"]

    def fill(ws):
        ws.append(["各区主要经济指标"])
        ws.append(["单位：亿元"])
        ws.append(["地区", "2021年", "2022年", "2023年"])
        for k in range(400):
            ws.append([names[k % len(names)] if k < len(names) else f"合计{k}", k, k + 0.5, None])

    p = built(tmp_path, "table.xlsx", fill)
    calls = []
    real = xlsx_parallel.read_sheet

    def spy(*a, **k):
        got = real(*a, **k)
        calls.append(got is not None)
        return got

    monkeypatch.setattr(xlsx_parallel, "read_sheet", spy)
    several = read_table(p)
    assert calls == [True]
    monkeypatch.setattr(xlsx_parallel, "usable_cores", lambda: 1)
    sheet_guard.clear_cache()
    one = read_table(p)
    assert calls == [True, False]
    pd.testing.assert_frame_equal(several.tidy, one.tidy)
    assert several.preview == one.preview
    assert several.report.lines("zh") == one.report.lines("zh")


def test_cut_points_fall_just_before_a_row_that_follows_a_row_end() -> None:
    xml = (
        b'<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row>\n'
        b'<row r="2"/><row r="3" spans="1:1"><c r="A3"><v>3</v></c></row>'
        b'<row r="4"><c r="A4"><v>4</v></c></row></sheetData></worksheet>'
    )
    start, end, cuts = xlsx_parallel.cut_points(xml, 4)
    assert xml[start:].startswith(b'<row r="1">') and xml[end:].startswith(b"</sheetData>")
    for at in cuts:
        assert re.match(rb'<row r="\d+"[ >]', xml[at:]), xml[at:]
        assert xml[:at].rstrip().endswith(b"</row>")


def test_a_sandbox_refusing_in_memory_files_still_gets_the_parallel_read(
    tmp_path: Path, monkeypatch
) -> None:
    def refuse(*_a, **_k):
        raise PermissionError("memfd_create blocked")

    monkeypatch.setattr(xlsx_parallel, "_MEMFD", True)
    monkeypatch.setattr(xlsx_parallel.os, "memfd_create", refuse, raising=False)
    p = built(tmp_path, "sandbox.xlsx", lambda ws: [ws.append([k, f"v{k}"]) for k in range(500)])
    assert_same(p, threads=(2,))


def test_reads_in_several_threads_at_once_each_get_their_own_grid(tmp_path: Path) -> None:
    """The wizard reads in a worker thread while the window may read too: each read's runs,
    in-memory workbooks and GIL switch interval must not cross another's."""
    import sys
    import threading

    paths = [
        built(
            tmp_path,
            f"t{k}.xlsx",
            lambda ws, k=k: [ws.append([k, r, f"{k}-{r}"]) for r in range(800)],
        )
        for k in range(4)
    ]
    want = {p: one_thread(p) for p in paths}
    got: dict[Path, object] = {}
    interval = sys.getswitchinterval()

    def read(p: Path) -> None:
        for _ in range(3):
            r = xlsx_parallel.read_sheet(p, "S", PART, runs=2)
            got[p] = r if r is None else (r.rows, r.merged)

    threads = [threading.Thread(target=read, args=(p,)) for p in paths]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert got == want
    assert sys.getswitchinterval() == interval
