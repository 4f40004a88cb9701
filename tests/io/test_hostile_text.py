"""Text that attacks or trips spreadsheets (issue 10, points 4 and 11): no live formulas in any CSV
the app writes, IDs and CRs survive the app's own round trip, odd input is reported."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from workbench.cli import main
from workbench.core.model import Project
from workbench.io.csv_out import safe_frame, write_csv
from workbench.io.excel import (
    export_workbook,
    read_allocation_edits,
    read_candidate_submissions,
    write_submission_template,
)
from workbench.io.excel.layout import TEMPLATE_FIRST_ROW, TEMPLATE_SHEET
from workbench.io.excel.reading import read_sheet
from workbench.io.excel.safe_text import TRIGGERS, csv_text, put_text
from workbench.io.project_file import save
from workbench.io.stats_import import ImportOverrides, read_table

SC = "基准方案"
PAYLOADS = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=1", "\r=1", '=HYPERLINK("http://x")']


def _cells(path: Path) -> list[list[str]]:
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def _assert_inert(rows: list[list[str]]) -> None:
    for row in rows:
        for v in row:
            assert not v.startswith(TRIGGERS) or _number(v), v


def _number(v: str) -> bool:
    try:
        float(v)
    except ValueError:
        return False
    return True


def test_write_csv_neutralises_text_and_keeps_numbers(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {"name": PAYLOADS, "value": [-1.5, 2, -3, 0, 1e9, -7, 8], "=col": ["ok"] * 7}
    )
    path = tmp_path / "x.csv"
    write_csv(frame, path)
    rows = _cells(path)
    _assert_inert(rows)
    assert rows[0] == ["name", "value", "'=col"]
    assert [r[0] for r in rows[1:]] == ["'" + p for p in PAYLOADS]
    back = pd.read_csv(path, encoding="utf-8-sig")
    assert back["value"].tolist() == [-1.5, 2, -3, 0, 1e9, -7, 8]  # still numbers
    assert csv_text(-5) == -5 and csv_text("a=b") == "a=b"
    assert safe_frame(frame)["value"].dtype == frame["value"].dtype


def test_projections_csv_has_no_live_formulas(
    sample_project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample_project.scenarios[0].name = "=cmd|' /C calc'!A0"
    sample_project.regions[3].name = "+1+1"
    proj = tmp_path / "p.wbp"
    save(sample_project, proj)
    out = tmp_path / "proj.csv"
    assert main(["projections", str(proj), "--out", str(out)]) == 0
    rows = _cells(out)
    _assert_inert(rows)
    assert any(v == "'=cmd|' /C calc'!A0" for r in rows for v in r)
    numeric = pd.read_csv(out, encoding="utf-8-sig").select_dtypes("number")
    assert len(numeric.columns) >= 3  # values stayed numeric


def test_stats_tidy_csv_has_no_live_formulas(tmp_path: Path) -> None:
    src = tmp_path / "=HYPERLINK(1).csv"
    src.write_text("地区,=地区生产总值（亿元）\n成都市,22074.7\n绵阳市,3350.3\n", encoding="utf-8")
    out = tmp_path / "tidy.csv"
    assert main(["stats", str(src), "--year", "2023", "--out", str(out)]) == 0
    rows = _cells(out)
    _assert_inert(rows)
    assert any(v.startswith("'=") for r in rows for v in r)


# ---- point 11: the app's own round trip ---------------------------------------------------


def test_tab_prefixed_id_and_cr_survive_export_and_reimport(
    sample_project: Project, tmp_path: Path
) -> None:
    c = sample_project.candidates[0]
    old_id = c.id
    new_id = "\t" + old_id
    c.id = new_id
    for sc in sample_project.scenarios:
        for a in sc.allocations:
            if a.candidate_id == old_id:
                a.candidate_id = new_id
    c.name = "第一行\r第二行"
    path = tmp_path / "a.xlsx"
    export_workbook(sample_project, SC, path)
    diff = read_allocation_edits(sample_project, SC, path)
    assert diff.is_empty and not diff.errors, diff.lines()
    rows = read_sheet(path, "资金分配")
    assert any("第一行\r第二行" in r for r in rows)  # CR kept, not turned into LF


def test_put_text_round_trips_awkward_text(tmp_path: Path) -> None:
    texts = ["a\rb", "\r=1", "x_x000D_y", "_x0041_", "tab\there", "=1", "坏\ud800", "\x01ctl"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "T"
    for i, t in enumerate(texts, 1):
        put_text(ws.cell(i, 1), t)
    path = tmp_path / "t.xlsx"
    wb.save(path)
    got = [r[0] for r in read_sheet(path, "T")]
    assert got == [
        "a\rb",
        "\r=1",
        "x_x000D_y",
        "_x0041_",
        "tab\there",
        "=1",
        "坏\ufffd",
        "\ufffdctl",
    ]


def test_candidate_import_reports_trimmed_blanks_and_absurd_values(
    sample_project: Project, tmp_path: Path
) -> None:
    path = tmp_path / "form.xlsx"
    write_submission_template(sample_project, path)
    wb = openpyxl.load_workbook(path)
    ws = wb[TEMPLATE_SHEET]
    sector = sample_project.sectors[0]
    rows = [
        ("\t新单元甲", "街区", "锦江区（510104）", sector, 1e308, 10, 0.1, 1),
        ("名" * 1_000_000, "街区", "锦江区（510104）", sector, 1, 10, 0.1, 1),
    ]
    for i, values in enumerate(rows):
        for j, v in enumerate(values, start=1):
            ws.cell(TEMPLATE_FIRST_ROW + i, j).value = v
    wb.save(path)
    subs = read_candidate_submissions(sample_project, path)
    assert len(subs.new) == 2
    text = "\n".join(subs.lines("zh"))
    assert "开头的空白字符 '\\t'" in text
    assert "异常大" in text and "个字符，异常" in text


def test_stats_import_warns_on_absurd_values(tmp_path: Path) -> None:
    src = tmp_path / "s.csv"
    src.write_text(
        "地区,地区生产总值（亿元）\n成都市,1e308\n绵阳市,-5\n德阳市,2816.9\n", encoding="utf-8"
    )
    result = read_table(src, overrides=ImportOverrides(year=2023))
    warn = " ".join(zh for zh, _ in result.report.warnings)
    assert "数值异常" in warn and "-5" in warn


def test_safe_frame_finds_the_one_risky_cell_in_a_long_column_and_leaves_the_input_alone() -> None:
    """Columns are screened as a whole; whichever cell starts like a formula (first, last, after
    a cell holding NUL, among numbers and gaps) or holds a lone surrogate is still made safe,
    and the frame passed in keeps its cells."""
    n = 50_000
    plain = [f"B{k}" for k in range(n)]
    cases = {
        "last": [*plain[:-1], "=HYPERLINK(1)"],
        "first": ["+1", *plain[1:]],
        "mixed": [None, float("nan"), 3, *plain[3:-1], "-2"],
        "nul": ["a\x00=b", *plain[1:]],  # looks like a trigger after NUL: a false alarm
        "surrogate": [*plain[:-1], "x\ud800y"],
        "clean": plain,
    }
    frame = pd.DataFrame(cases)
    before = frame.copy(deep=True)
    out = safe_frame(frame)
    assert out["last"].iloc[-1] == "'=HYPERLINK(1)" and out["first"].iloc[0] == "'+1"
    assert out["mixed"].iloc[-1] == "'-2" and out["mixed"].iloc[2] == 3
    assert out["mixed"].iloc[0] is None and math.isnan(out["mixed"].iloc[1])
    assert out["nul"].iloc[0] == "a\x00=b" and out["surrogate"].iloc[-1] == "x\ufffdy"
    for col in cases:
        assert out[col].iloc[1:-1].tolist() == plain[1:-1] or col == "mixed"
    pd.testing.assert_frame_equal(frame, before)


def test_csv_numbers_carry_no_binary_noise_and_keep_their_figures(tmp_path: Path) -> None:
    """A unit conversion leaves binary noise (0.01 万元 in 亿元 is 1.0000000000000002e-06):
    a statistics bureau's CSV shows 1e-06, while every figure a table can hold (15
    significant digits) and whole years stay as they are."""
    frame = pd.DataFrame(
        {
            "value": [0.01 * 1e-4, 0.1 + 0.2, 123456789.123456, 2023.0, -0.5, float("nan")],
            "year": [2021, 2022, 2023, 2024, 2025, 2026],
        }
    )
    path = tmp_path / "n.csv"
    write_csv(frame, path)
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == ["1e-06", "0.3", "123456789.123456", "2023", "-0.5", ""]
    assert [r[1] for r in rows[1:]] == ["2021", "2022", "2023", "2024", "2025", "2026"]
    back = pd.read_csv(path, encoding="utf-8-sig")
    assert back["value"].iloc[2] == 123456789.123456
