"""The decision record: who decided what, when, from which status to which, and why."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from workbench.core.decisions import decision_rows
from workbench.core.enums import Status
from workbench.core.model import Decision, Project
from workbench.io.excel import export_workbook
from workbench.io.excel.layout import DECISIONS


def _first_candidate(project: Project) -> str:
    return project.candidates[0].id


def test_a_status_change_records_from_to_who_and_why(sample_project: Project) -> None:
    from workbench.core.edits import change_status

    cid = _first_candidate(sample_project)
    before = sample_project.candidate(cid).status
    n = len(sample_project.candidate(cid).decisions)
    change_status(sample_project, cid, Status.REJECTED, "重复申报", "张三", on="2026-03-02").apply(
        sample_project
    )
    rows = decision_rows(sample_project, cid)
    assert len(rows) == n + 1
    last = rows[-1]
    assert (last.date, last.by, last.previous, last.status, last.reason) == (
        "2026-03-02",
        "张三",
        before,
        Status.REJECTED,
        "重复申报",
    )


def test_older_entries_take_from_the_previous_entry_and_never_guess_the_first(
    sample_project: Project,
) -> None:
    c = sample_project.candidates[1]
    c.decisions = [
        Decision("2026-01-05", Status.SHORTLISTED, "评分靠前"),
        Decision("2026-02-01", Status.APPROVED, "尽调通过"),
    ]
    rows = decision_rows(sample_project, c.id)
    assert [r.previous for r in rows] == [None, Status.SHORTLISTED]


def test_the_workbook_lists_every_decision_with_its_reason(
    sample_project: Project, tmp_path: Path
) -> None:
    c = sample_project.candidates[2]
    c.decisions = [
        Decision("2026-01-05", Status.SHORTLISTED, "=cmd|' /C calc'!A0", "李四", Status.CANDIDATE)
    ]
    out = tmp_path / "d.xlsx"
    export_workbook(sample_project, "基准方案", out)
    ws = openpyxl.load_workbook(out)[DECISIONS]
    cells = {
        ws.cell(r, 1).value: ws.cell(r, 8) for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value
    }
    found = [
        [ws.cell(r, col).value for col in range(1, 9)]
        for r in range(4, ws.max_row + 1)
        if ws.cell(r, 1).value == c.id
    ]
    assert len(found) == 1
    row = found[0]
    assert row[1] == c.name and row[3] == "2026-01-05" and row[4] == "李四"
    assert (row[5], row[6]) == ("候选", "入围")
    # A reason is user text: kept exactly, as a quote-prefixed text cell, never a live formula.
    assert row[7] == "=cmd|' /C calc'!A0"
    assert cells[c.id].data_type == "s" and cells[c.id].quotePrefix
