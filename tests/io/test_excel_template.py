"""The submission template districts fill in, and reading it back."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from workbench.cli import main
from workbench.core.enums import Status, UnitType
from workbench.core.model import Project
from workbench.io.excel import (
    ExcelImportError,
    read_candidate_submissions,
    write_submission_template,
)
from workbench.io.excel.layout import (
    SUB_HEADERS,
    TEMPLATE_FIRST_ROW,
    TEMPLATE_HEADER_ROW,
    TEMPLATE_HELP,
    TEMPLATE_LISTS,
    TEMPLATE_SHEET,
)
from workbench.io.project_file import load, save


@pytest.fixture
def template(sample_project: Project, tmp_path: Path) -> Path:
    path = tmp_path / "form.xlsx"
    write_submission_template(sample_project, path)
    return path


def _fill(path: Path, rows: list[tuple[object, ...]]) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb[TEMPLATE_SHEET]
    for i, values in enumerate(rows):
        for j, v in enumerate(values, start=1):
            cell = ws.cell(TEMPLATE_FIRST_ROW + i, j)
            cell.value = v
            if isinstance(v, str) and v.startswith("="):
                cell.data_type = "s"  # what Excel does in a text-formatted (@) column
    wb.save(path)


def test_template_has_units_dropdowns_and_instructions(
    sample_project: Project, template: Path
) -> None:
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames == [TEMPLATE_SHEET, TEMPLATE_HELP, TEMPLATE_LISTS]
    ws = wb[TEMPLATE_SHEET]
    headers = [ws.cell(TEMPLATE_HEADER_ROW, c).value for c in range(1, len(SUB_HEADERS) + 1)]
    assert headers == list(SUB_HEADERS)
    assert any("亿元" in h for h in headers) and any("人" in h for h in headers)
    lists = {dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"}
    assert lists == {
        f"'{TEMPLATE_LISTS}'!$A$2:$A$5",
        f"'{TEMPLATE_LISTS}'!$B$2:$B${len(_regions(sample_project)) + 1}",
        f"'{TEMPLATE_LISTS}'!$C$2:$C${len(sample_project.sectors) + 1}",
    }
    numeric = [dv for dv in ws.data_validations.dataValidation if dv.type in ("decimal", "whole")]
    assert len(numeric) == 4 and all(
        dv.operator == "greaterThanOrEqual" and dv.formula1 == "0" for dv in numeric
    )
    codes = wb[TEMPLATE_LISTS]
    assert [codes.cell(i, 1).value for i in range(2, 6)] == [t.zh for t in UnitType]
    assert codes.cell(2, 3).value == sample_project.sectors[0]
    help_text = "\n".join(
        str(c.value) for row in wb[TEMPLATE_HELP].iter_rows() for c in row if c.value
    )
    assert "亿元" in help_text and "重复" in help_text
    assert ws.freeze_panes and ws.print_title_rows


def _regions(project: Project) -> list[str]:
    return [r.code for r in project.regions if r.level.value != "province"]


def test_filled_template_gives_new_duplicates_and_errors(
    sample_project: Project, template: Path
) -> None:
    existing = sample_project.candidates[0]
    region = next(r for r in sample_project.regions if r.code == existing.region_code)
    _fill(
        template,
        [
            (
                "锦江数字文创街区",
                "街区",
                "锦江区（510104）",
                "数字经济",
                1.2,
                300,
                0.1,
                2.5,
                '=HYPERLINK("x")',
            ),
            (
                "高新区楼宇",
                "楼宇",
                "武侯区",
                "电子信息",
                None,
                None,
                None,
                None,
                "区名无代码，由地名识别",
            ),
            (
                existing.name,
                existing.unit_type.zh,
                f"{region.name}（{region.code}）",
                existing.sector,
                1,
                1,
                1,
                1,
                "",
            ),
            ("", "园区", "锦江区（510104）", "数字经济", 1, 1, 1, 1, ""),  # no name
            ("某团队", "小组", "不存在区", "航天", -1, "很多", 0, 0, ""),  # four problems
            (
                "锦江数字文创街区",
                "街区",
                "锦江区（510104）",
                "数字经济",
                1,
                1,
                1,
                1,
                "",
            ),  # repeats row 1
            (None,) * 9,  # blank rows are skipped
        ],
    )
    subs = read_candidate_submissions(sample_project, template)
    first = TEMPLATE_FIRST_ROW
    assert [c.name for c in subs.new] == ["锦江数字文创街区", "高新区楼宇"]
    assert subs.new_rows == [first, first + 1]
    a, b = subs.new
    assert (a.unit_type, a.region_code, a.sector) == (UnitType.STREET, "510104", "数字经济")
    assert (a.baseline_output, a.baseline_jobs, a.baseline_tax, a.requested_funding) == (
        1.2,
        300,
        0.1,
        2.5,
    )
    assert a.notes == '=HYPERLINK("x")' and a.status is Status.CANDIDATE and not a.illustrative
    assert b.region_code == "510107"
    assert (
        len({a.id, b.id} | {c.id for c in sample_project.candidates})
        == len(sample_project.candidates) + 2
    )
    assert [(d.row, d.existing_id) for d in subs.duplicates] == [(first + 2, existing.id)]
    rows = {}
    for e in subs.errors:
        rows.setdefault(e.row, []).append(e)
    assert set(rows) == {first + 3, first + 4, first + 5}
    assert [e.column for e in rows[first + 3]] == ["单元名称"]
    assert {e.column for e in rows[first + 4]} == {
        "单元类型",
        "所在地区",
        "产业",
        "现状年产出（亿元/年）",
        "现状就业（人）",
    }
    assert "与本表第" in rows[first + 5][0].zh
    text = "\n".join(subs.lines("zh"))
    assert f"第 {first + 4} 行" in text and "重复" in text


def test_applying_adds_the_candidates_and_undo_removes_them(
    sample_project: Project, template: Path
) -> None:
    _fill(
        template, [("新申报单元", "团队", "万州区（500101）", "文化旅游", 0.1, 20, 0.01, 0.3, "")]
    )
    subs = read_candidate_submissions(sample_project, template)
    n = len(sample_project.candidates)
    inverse, changes = subs.to_edit().apply(sample_project)
    assert len(sample_project.candidates) == n + 1 and "candidates" in changes.parts
    assert sample_project.candidates[-1].name == "新申报单元"
    inverse.apply(sample_project)
    assert len(sample_project.candidates) == n


def test_not_a_template_is_a_clear_error(sample_project: Project, tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = TEMPLATE_SHEET
    wb.active["A1"] = "名称"
    wb.save(path)
    with pytest.raises(ExcelImportError, match="找不到表头"):
        read_candidate_submissions(sample_project, path)


def test_cli_template_then_import_with_apply(
    sample_project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project_path = tmp_path / "p.wbp"
    save(sample_project, project_path)
    form = tmp_path / "form.xlsx"
    assert main(["template", str(project_path), "--out", str(form)]) == 0
    _fill(
        form,
        [
            ("新申报单元", "团队", "万州区（500101）", "文化旅游", 0.1, 20, 0.01, 0.3, ""),
            ("坏行", "团队", "万州区（500101）", "文化旅游", -5, 20, 0.01, 0.3, ""),
        ],
    )
    original = project_path.read_bytes()
    assert main(["import-candidates", str(project_path), str(form)]) == 1  # a row has an error
    assert project_path.read_bytes() == original
    assert "--apply" in capsys.readouterr().out
    assert main(["import-candidates", str(project_path), str(form), "--apply"]) == 1
    names = [c.name for c in load(project_path).candidates]
    assert "新申报单元" in names and "坏行" not in names
