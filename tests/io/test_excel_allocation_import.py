"""Export → edit in a spreadsheet → import shows exactly the edits, and nothing is guessed."""

from __future__ import annotations

import copy
from pathlib import Path

import openpyxl
import pytest

from workbench.cli import main
from workbench.core.enums import Instrument
from workbench.core.model import Project
from workbench.io.excel import ExcelImportError, export_workbook, read_allocation_edits
from workbench.io.excel.layout import ALLOC_COL, ALLOC_FIRST_ROW, ALLOCATIONS, YEAR_COL
from workbench.io.project_file import load, save

SC = "基准方案"
INSTR = ALLOC_COL["投资方式"]


@pytest.fixture
def exported(sample_project: Project, tmp_path: Path) -> Path:
    path = tmp_path / "alloc.xlsx"
    export_workbook(sample_project, SC, path)
    return path


def _rows(ws) -> dict[tuple[str, str], int]:
    out, r = {}, ALLOC_FIRST_ROW
    while ws.cell(r, 1).value:
        out[(ws.cell(r, 1).value, ws.cell(r, INSTR).value)] = r
        r += 1
    return out


def _amounts(project: Project) -> dict[tuple[str, int, Instrument], float]:
    sc = project.scenario(SC)
    assert sc is not None
    return {(a.candidate_id, a.year, a.instrument): a.amount for a in sc.allocations}


def test_unchanged_workbook_means_no_changes(sample_project: Project, exported: Path) -> None:
    diff = read_allocation_edits(sample_project, SC, exported)
    assert diff.is_empty and diff.errors == []
    assert "没有修改" in "\n".join(diff.lines("zh"))


def test_round_trip_shows_exactly_the_edits(sample_project: Project, exported: Path) -> None:
    wb = openpyxl.load_workbook(exported)
    ws = wb[ALLOCATIONS]
    rows = _rows(ws)
    equity = Instrument.EQUITY.zh
    r1 = rows[("MC-0001", equity)]
    ws.cell(r1, YEAR_COL[2027]).value = 1.25  # changed 0.895 → 1.25
    ws.cell(r1, YEAR_COL[2030]).value = 0.5  # added
    ws.cell(r1, YEAR_COL[2028]).value = None  # removed
    removed_row = next(r for (cid, _), r in rows.items() if cid != "MC-0001")
    removed_key = next(k for k, r in rows.items() if r == removed_row)
    ws.delete_rows(removed_row)  # a whole row deleted: all its amounts go
    last = max(_rows(ws).values())
    ws.insert_rows(last + 1)  # a new row for an unfunded candidate, typed in text
    ws.cell(last + 1, 1).value = "MC-0012"
    ws.cell(last + 1, INSTR).value = "技术支持"
    ws.cell(last + 1, YEAR_COL[2029]).value = "0.7"
    wb.save(exported)

    before = _amounts(sample_project)
    diff = read_allocation_edits(sample_project, SC, exported)
    assert diff.errors == []
    changed = {(c.candidate_id, c.year, c.instrument): (c.old, c.new) for c in diff.changed}
    added = {(c.candidate_id, c.year, c.instrument): (c.old, c.new) for c in diff.added}
    removed = {(c.candidate_id, c.year, c.instrument): (c.old, c.new) for c in diff.removed}
    eq = Instrument.EQUITY
    assert changed == {("MC-0001", 2027, eq): (0.895, 1.25)}
    assert added == {
        ("MC-0001", 2030, eq): (0.0, 0.5),
        ("MC-0012", 2029, Instrument.TECHNOLOGY): (0.0, 0.7),
    }
    gone = {k: (v, 0.0) for k, v in before.items() if (k[0], k[2].zh) == removed_key}
    assert removed == {("MC-0001", 2028, eq): (0.895, 0.0), **gone}

    project = copy.deepcopy(sample_project)
    inverse, changes = diff.to_edit().apply(project)
    assert "allocations" in changes.parts
    after = _amounts(project)
    expected = dict(before)
    expected[("MC-0001", 2027, eq)] = 1.25
    expected[("MC-0001", 2030, eq)] = 0.5
    expected[("MC-0012", 2029, Instrument.TECHNOLOGY)] = 0.7
    for k in [("MC-0001", 2028, eq), *gone]:
        del expected[k]
    assert after == expected
    inverse.apply(project)
    assert _amounts(project) == before


def test_bad_rows_are_reported_and_keep_what_they_would_touch(
    sample_project: Project, exported: Path
) -> None:
    wb = openpyxl.load_workbook(exported)
    ws = wb[ALLOCATIONS]
    rows = _rows(ws)
    items = sorted(rows.items(), key=lambda kv: kv[1])
    (_, bad_num_row), (_, neg_row), (_, instr_row) = (
        items[0],
        items[1],
        items[2],
    )
    ws.cell(bad_num_row, YEAR_COL[2027]).value = "一点五"
    ws.cell(neg_row, YEAR_COL[2027]).value = -1
    ws.cell(instr_row, INSTR).value = "贷款"
    unknown_row = items[3][1]
    ws.cell(unknown_row, 1).value = "MC-9999"
    no_id_row = items[4][1]
    ws.cell(no_id_row, 1).value = None
    wb.save(exported)

    diff = read_allocation_edits(sample_project, SC, exported)
    by_row = {e.row: e for e in diff.errors}
    assert set(by_row) == {0, bad_num_row, neg_row, instr_row, unknown_row, no_id_row}
    assert "不是数字" in by_row[bad_num_row].zh and "亿元" in by_row[bad_num_row].zh
    assert "负数" in by_row[neg_row].zh
    assert "投资方式" in by_row[instr_row].zh
    assert "MC-9999" in by_row[unknown_row].zh
    assert "缺少候选编号" in by_row[no_id_row].zh
    assert f"第 {neg_row} 行" in by_row[neg_row].message("zh")
    assert f"row {neg_row}" in by_row[neg_row].message("en")
    # Nothing is changed for rows that could not be read, and because two rows could not be
    # matched (perhaps mistyped IDs), the candidates whose rows vanished are not removed either.
    assert diff.is_empty
    whole_sheet = [e for e in diff.errors if e.row == 0]
    assert len(whole_sheet) == 1 and "未删除" in whole_sheet[0].zh
    assert items[3][0][0] in whole_sheet[0].zh and items[4][0][0] in whole_sheet[0].zh


def test_amounts_over_a_rule_are_reported_not_clamped(
    sample_project: Project, exported: Path
) -> None:
    wb = openpyxl.load_workbook(exported)
    ws = wb[ALLOCATIONS]
    r = _rows(ws)[("MC-0001", Instrument.EQUITY.zh)]
    ws.cell(r, YEAR_COL[2029]).value = 30  # per-project cap is 10 亿元
    wb.save(exported)
    diff = read_allocation_edits(sample_project, SC, exported)
    assert [(c.candidate_id, c.year, c.new) for c in diff.added] == [("MC-0001", 2029, 30.0)]
    breaches = [e for e in diff.errors if "委员会规则" in e.zh]
    assert breaches and any(e.row == r and "单个项目上限" in e.zh for e in breaches)


def test_files_that_cannot_be_read_raise_one_clear_error(
    sample_project: Project, tmp_path: Path
) -> None:
    fake = tmp_path / "not.xlsx"
    fake.write_text("hello", encoding="utf-8")
    with pytest.raises(ExcelImportError) as e:
        read_allocation_edits(sample_project, SC, fake)
    assert "无法读取 Excel 文件" in str(e.value) and "Cannot read" in str(e.value)
    other = tmp_path / "other.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Sheet1"
    wb.save(other)
    with pytest.raises(ExcelImportError, match="找不到工作表“资金分配”"):
        read_allocation_edits(sample_project, SC, other)
    with pytest.raises(ExcelImportError, match="文件不存在"):
        read_allocation_edits(sample_project, SC, tmp_path / "missing.xlsx")


def test_cli_previews_then_applies_and_keeps_a_backup(
    sample_project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project_path = tmp_path / "p.wbp"
    save(sample_project, project_path)
    xlsx = tmp_path / "a.xlsx"
    assert main(["export", str(project_path), "--scenario", SC, "--out", str(xlsx)]) == 0
    wb = openpyxl.load_workbook(xlsx)
    ws = wb[ALLOCATIONS]
    ws.cell(_rows(ws)[("MC-0001", Instrument.EQUITY.zh)], YEAR_COL[2027]).value = 2.0
    wb.save(xlsx)
    original = project_path.read_bytes()
    assert main(["import-allocations", str(project_path), str(xlsx)]) == 0
    out = capsys.readouterr().out
    assert "0.90 → 2.00" in out and "--apply" in out
    assert project_path.read_bytes() == original
    assert main(["import-allocations", str(project_path), str(xlsx), "--apply"]) == 0
    assert _amounts(load(project_path))[("MC-0001", 2027, Instrument.EQUITY)] == 2.0
    assert (tmp_path / "p.wbp.bak").read_bytes() == original
    assert main(["import-allocations", str(project_path), str(tmp_path / "nope.xlsx")]) == 2
    assert "文件不存在" in capsys.readouterr().err
