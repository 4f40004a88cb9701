"""Hostile workbooks (issue 10, points 1 and 3): refused before any reader allocates, quickly and
in bounded memory; error cells are problems naming the cell, never blanks or zeros."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hostile_books import bomb_book, book, corner_book, hostile_xls

from workbench.core.model import Project
from workbench.io import sheet_guard
from workbench.io.excel import (
    ExcelImportError,
    export_workbook,
    read_allocation_edits,
    read_candidate_submissions,
    write_submission_template,
)
from workbench.io.excel.layout import ALLOC_FIRST_ROW, ALLOCATIONS, TEMPLATE_SHEET, YEAR_COL
from workbench.io.mrio import MrioError, _read_grid
from workbench.io.sheet_guard import SheetGuardError, check_workbook
from workbench.io.stats_import import read_table
from workbench.io.stats_import.errors import StatsImportError

ROOT = Path(__file__).resolve().parents[2]
SC = "基准方案"

# Each reader, run in a child process limited to 1 GiB of address space: if the guard regressed,
# calamine's 512 GiB request would abort the child, not pytest.
READERS = {
    "stats": "from workbench.io.stats_import import read_table as f; f(p)",
    "allocations": "from workbench.io.excel.reading import read_sheet as f; f(p, 'Sheet1')",
    "mrio": "from workbench.io.mrio import _read_grid as f; f(Path(p))",
}


def _run_limited(code: str, path: Path) -> subprocess.CompletedProcess[str]:
    script = textwrap.dedent(
        f"""
        import resource, sys
        from pathlib import Path
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        p = {str(path)!r}
        try:
            {code}
        except Exception as e:
            print("REFUSED", type(e).__name__, str(e).splitlines()[0])
            sys.exit(0)
        print("READ")
        """
    )
    return subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("kind", ["corner", "bomb", "xls_cell", "xls_dimension"])
def test_hostile_book_is_refused_in_bounded_memory(tmp_path: Path, reader: str, kind: str) -> None:
    if kind.startswith("xls"):
        path = hostile_xls(tmp_path / f"{kind}.xls", kind[4:])
    else:
        path = tmp_path / f"{kind}.xlsx"
        corner_book(path) if kind == "corner" else bomb_book(path)
    assert path.stat().st_size < 300_000
    t0 = time.perf_counter()
    done = _run_limited(READERS[reader], path)
    assert done.returncode == 0, done.stderr[-2000:]  # an abort would be -6 (SIGABRT)
    assert done.stdout.startswith("REFUSED"), done.stdout
    assert time.perf_counter() - t0 < 20
    line = done.stdout.strip()
    assert "\n" not in line
    assert ("过大" in line or "压缩比" in line) and path.name in line


@pytest.mark.parametrize("kind", ["corner", "bomb", "xls_cell"])
def test_routing_a_dropped_hostile_book_answers_without_reading_it(
    tmp_path: Path, kind: str
) -> None:
    """The window asks which importer a dropped file goes to before any real read; that question
    must not be where a hostile workbook takes the window down."""
    if kind.startswith("xls"):
        path = hostile_xls(tmp_path / f"{kind}.xls", kind[4:])
    else:
        path = tmp_path / f"{kind}.xlsx"
        corner_book(path) if kind == "corner" else bomb_book(path)
    code = (
        "from workbench.io.excel.reading import workbook_has_sheet as f; "
        "print('HAS' if f(p, '资金分配') else 'NO')"
    )
    done = _run_limited(code, path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("NO"), done.stdout


def test_every_import_command_refuses_the_corner_book(
    sample_project: Project, tmp_path: Path
) -> None:
    from workbench.cli import main
    from workbench.io.project_file import save

    proj = tmp_path / "p.wbp"
    save(sample_project, proj)
    bad = corner_book(tmp_path / "c.xlsx")
    before = proj.read_bytes()
    assert main(["import-allocations", str(proj), str(bad)]) == 2
    assert main(["import-candidates", str(proj), str(bad)]) == 2
    assert main(["stats", str(bad)]) == 2
    assert proj.read_bytes() == before


def test_declared_part_sizes_and_total_are_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    strings = "".join(f"<si><t>{i:08d}</t></si>" for i in range(80_000)).encode()  # ~1.6 MB
    path = book(tmp_path / "s.xlsx", "", extra={"xl/sharedStrings.xml": strings})
    check_workbook(path)  # fine with the real limits
    monkeypatch.setattr(sheet_guard, "MAX_SHARED_STRINGS_BYTES", 1024 * 1024)
    with pytest.raises(SheetGuardError, match="sharedStrings"):
        check_workbook(path)
    monkeypatch.setattr(sheet_guard, "MAX_SHARED_STRINGS_BYTES", 256 * 1024 * 1024)
    monkeypatch.setattr(sheet_guard, "MAX_TOTAL_BYTES", 1024 * 1024)
    with pytest.raises(SheetGuardError) as e:
        check_workbook(path)
    assert "总大小" in e.value.zh


def test_sheets_outside_the_usual_folder_xlsb_and_string_floods(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corner = '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="1048576">'
    corner += '<c r="XFD1048576"><v>2</v></c></row></sheetData></worksheet>'
    path = tmp_path / "moved.xlsx"
    corner_book(path)
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp_path / "m2.xlsx", "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"worksheets/sheet1.xml", b"elsewhere/data.xml")
            if info.filename == "xl/worksheets/sheet1.xml":
                zout.writestr("xl/elsewhere/data.xml", corner)
                continue
            zout.writestr(info, data)
    with pytest.raises(SheetGuardError, match="used range"):
        check_workbook(tmp_path / "m2.xlsx")
    xlsb = book(tmp_path / "b.xlsb", "", extra={"xl/worksheets/sheet2.bin": b"\x00" * 10})
    with pytest.raises(SheetGuardError, match="xlsb"):
        check_workbook(xlsb)
    strings = b"<sst>" + b"<si><t/></si>" * 5000 + b"</sst>"
    flood = book(tmp_path / "f.xlsx", "", extra={"xl/sharedStrings.xml": strings})
    monkeypatch.setattr(sheet_guard, "MAX_SHARED_STRINGS", 4000)
    with pytest.raises(SheetGuardError, match="shared strings"):
        check_workbook(flood)


def test_a_part_larger_than_it_declares_is_refused_as_damaged(tmp_path: Path) -> None:
    path = book(tmp_path / "lie.xlsx", '<row r="1"><c r="A1"><v>1</v></c></row>')
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    # patch the declared uncompressed size in the central directory (offset 24 of its entry)
    pos = data.rfind(info.filename.encode())
    entry = data.rfind(b"PK\x01\x02", 0, pos)
    assert entry >= 0
    data[entry + 24 : entry + 28] = (10).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(SheetGuardError) as e:
        check_workbook(path)
    assert "损坏" in e.value.zh


def test_a_declared_multi_gigabyte_part_is_refused_unread(tmp_path: Path) -> None:
    path = book(tmp_path / "big.xlsx", '<row r="1"><c r="A1"><v>1</v></c></row>')
    data = bytearray(path.read_bytes())
    pos = data.rfind(b"xl/worksheets/sheet1.xml")
    entry = data.rfind(b"PK\x01\x02", 0, pos)
    data[entry + 24 : entry + 28] = (3 << 30).to_bytes(4, "little")  # "inflates to 3 GiB"
    path.write_bytes(bytes(data))
    t0 = time.perf_counter()
    with pytest.raises(SheetGuardError) as e:
        check_workbook(path)
    assert "解压后过大" in e.value.zh and "sheet1.xml" in e.value.zh
    assert time.perf_counter() - t0 < 5


def test_cells_without_references_and_wide_rows_are_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    row = "<c><v>1</v></c>" * 3000  # cells may omit r=: they follow the previous one
    path = book(tmp_path / "w.xlsx", "".join(f"<row>{row}</row>" for _ in range(10)))
    scan = check_workbook(path).sheets["Sheet1"]
    assert (scan.rows, scan.cols, scan.cells) == (10, 3000, 30_000)
    monkeypatch.setattr(sheet_guard, "MAX_AREA", 20_000)
    with pytest.raises(SheetGuardError, match="used range"):
        check_workbook(path)
    monkeypatch.setattr(sheet_guard, "MAX_AREA", 10**9)
    monkeypatch.setattr(sheet_guard, "MAX_CELLS", 1000)
    with pytest.raises(SheetGuardError, match="too many cells"):
        check_workbook(path)


def test_fast_and_token_scans_agree_on_odd_orders(tmp_path: Path) -> None:
    """Cells in reverse order, rows whose cells name other rows, r-less cells: the scan's fast
    path must hand such pieces to the token scan and both must find the same extent."""
    body = "".join(
        f'<row r="{r}"><c r="{sheet_guard.cell_name(1, 600 - r)[:-1]}{4000 - r}"><v>1</v></c></row>'
        for r in range(1, 500)
    )
    body += '<row r="600"><c><v>1</v></c><c r="B600"><v>1</v></c><c><v>1</v></c></row>'
    path = book(tmp_path / "o.xlsx", body)
    scan = check_workbook(path).sheets["Sheet1"]
    assert (scan.rows, scan.cols, scan.cells) == (3999, 599, 502)


def test_a_forged_dimension_beyond_the_grid_is_refused(tmp_path: Path) -> None:
    path = book(
        tmp_path / "d.xlsx", '<row r="1"><c r="A1"><v>1</v></c></row>', dimension="A1:ZZZZ99999999"
    )
    with pytest.raises(SheetGuardError, match="beyond Excel"):
        check_workbook(path)


def test_ods_repeated_cells_are_bounded(tmp_path: Path) -> None:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body>'
        '<office:spreadsheet><table:table table:name="S"><table:table-row '
        'table:number-rows-repeated="1000000"><table:table-cell office:value-type="float" '
        'office:value="1" table:number-columns-repeated="16384"/></table:table-row>'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    path = tmp_path / "r.ods"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
    with pytest.raises(SheetGuardError, match="too large"):
        check_workbook(path)
    with pytest.raises(StatsImportError, match="过大"):
        read_table(path)


# ---- point 3: error cells ------------------------------------------------------------------


def _alloc_cell(path: Path) -> tuple[int, int, str]:
    """(row, column, candidate id) of the first allocation row with an amount in some year."""
    ws = openpyxl.load_workbook(path)[ALLOCATIONS]
    r = ALLOC_FIRST_ROW
    while ws.cell(r, 1).value:
        for col in YEAR_COL.values():
            if isinstance(ws.cell(r, col).value, (int, float)) and ws.cell(r, col).value:
                return r, col, ws.cell(r, 1).value
        r += 1
    raise AssertionError("no allocation in the export")


@pytest.mark.parametrize("bad", ["=1/0", "#DIV/0!", "#N/A", "#VALUE!"])
def test_error_cells_in_allocations_are_problems_not_deletions(
    sample_project: Project, tmp_path: Path, bad: str
) -> None:
    path = tmp_path / "a.xlsx"
    export_workbook(sample_project, SC, path)
    r, c, cid = _alloc_cell(path)
    wb = openpyxl.load_workbook(path)
    wb[ALLOCATIONS].cell(r, c).value = bad  # a formula saved without a result, or an error value
    wb.save(path)
    diff = read_allocation_edits(sample_project, SC, path)
    assert not [ch for ch in diff.removed + diff.changed if ch.candidate_id == cid]
    ref = f"{openpyxl.utils.get_column_letter(c)}{r}"
    msgs = [e.message("zh") for e in diff.errors]
    assert any(f"「{ALLOCATIONS}」表 {ref}" in m for m in msgs), msgs
    assert diff.lines("zh")[0].endswith(f"问题 {len(diff.errors)} 个") and diff.errors


def test_error_cells_in_submissions_are_not_zero(sample_project: Project, tmp_path: Path) -> None:
    path = tmp_path / "form.xlsx"
    write_submission_template(sample_project, path)
    wb = openpyxl.load_workbook(path)
    ws = wb[TEMPLATE_SHEET]
    from workbench.io.excel.layout import TEMPLATE_FIRST_ROW

    values = (
        "新单元甲",
        "街区",
        "锦江区（510104）",
        sample_project.sectors[0],
        "#DIV/0!",
        10,
        "=A1*0",
        1,
    )
    for j, v in enumerate(values, start=1):
        ws.cell(TEMPLATE_FIRST_ROW, j).value = v
    wb.save(path)
    subs = read_candidate_submissions(sample_project, path)
    assert not subs.new
    msgs = " ".join(e.message("zh") for e in subs.errors)
    assert f"「{TEMPLATE_SHEET}」表 E{TEMPLATE_FIRST_ROW}" in msgs and "#DIV/0!" in msgs
    assert f"G{TEMPLATE_FIRST_ROW}" in msgs and "公式" in msgs


def test_stats_import_skips_error_cells_with_a_reason(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "3-1"
    ws.append(["地区", "地区生产总值（亿元）"])
    ws.append(["成都市", 22074.7])
    ws.append(["绵阳市", "#DIV/0!"])
    ws.append(["德阳市", 2816.9])
    path = tmp_path / "s.xlsx"
    wb.save(path)
    result = read_table(path)
    values = {r.region_code: r.value for r in result.tidy.itertuples()} if len(result.tidy) else {}
    assert "510700" not in values  # 绵阳: no value at all, not 0
    notes = " ".join(zh for zh, _ in result.report.inferred)
    assert "B3" in notes and "#DIV/0!" in notes


def test_mrio_refuses_error_cells(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["", "成都市", "绵阳市"])
    ws.append(["成都市", 0.1, "#N/A"])
    ws.append(["绵阳市", 0.05, 0.2])
    path = tmp_path / "m.xlsx"
    wb.save(path)
    with pytest.raises(MrioError, match="C2"):
        _read_grid(path)


def test_guarded_reader_still_reads_normal_exports(sample_project: Project, tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    export_workbook(sample_project, SC, path)
    scan = check_workbook(path)
    assert ALLOCATIONS in scan.sheets and not scan.sheets[ALLOCATIONS].bad
    assert read_allocation_edits(sample_project, SC, path).is_empty
    with pytest.raises(ExcelImportError):
        read_allocation_edits(sample_project, SC, corner_book(tmp_path / "c.xlsx", ALLOCATIONS))


def test_sheet_names_for_a_dropped_file_never_raise(tmp_path: Path) -> None:
    from workbench.io.excel.reading import sheet_names

    assert sheet_names(book(tmp_path / "ok.xlsx", "", name="资金分配")) == ["资金分配"]
    assert sheet_names(corner_book(tmp_path / "c.xlsx")) == []
    assert sheet_names(bomb_book(tmp_path / "b.xlsx")) == []
    (tmp_path / "junk.xlsx").write_bytes(b"PK\x03\x04junk")
    assert sheet_names(tmp_path / "junk.xlsx") == []
