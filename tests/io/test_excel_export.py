"""The allocation workbook as a reader opens it: sheets, units, formats, formulas and their values."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
import python_calamine

from workbench.core.enums import Instrument
from workbench.core.model import Allocation, Project, Scenario
from workbench.io.excel import ExportCancelled, build_workbook, export_workbook
from workbench.io.excel.layout import (
    ALLOC_COL,
    ALLOC_FIRST_ROW,
    ALLOC_HEADER_ROW,
    ALLOC_HEADERS,
    ALLOCATIONS,
    CITIES,
    SOURCES,
    YEAR_COL,
)

SHEETS = [
    "说明",
    "资金来源",
    "资金分配",
    "城市收支",
    "园区共建",
    "统计分算",
    "税收结算",
    "预测",
    "净效益",
    "地区",
    "决策记录",
    "校验",
]


def _export(project: Project, tmp_path: Path, scenario: str = "基准方案") -> Path:
    out = tmp_path / "alloc.xlsx"
    export_workbook(project, scenario, out)
    return out


def _calamine(path: Path, sheet: str) -> list[list[object]]:
    wb = python_calamine.CalamineWorkbook.from_path(str(path))
    return wb.get_sheet_by_name(sheet).to_python(skip_empty_area=False)


def _alloc_rows(ws) -> dict[tuple[str, str], int]:
    out = {}
    r = ALLOC_FIRST_ROW
    while ws.cell(r, 1).value:
        out[(ws.cell(r, 1).value, ws.cell(r, ALLOC_COL["投资方式"]).value)] = r
        r += 1
    return out


def test_sheets_headers_units_and_layout(sample_project: Project, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(_export(sample_project, tmp_path))
    assert wb.sheetnames == SHEETS
    ws = wb[ALLOCATIONS]
    headers = [ws.cell(ALLOC_HEADER_ROW, c).value for c in range(1, len(ALLOC_HEADERS) + 1)]
    assert headers == list(ALLOC_HEADERS)
    assert all("亿元" in ws.cell(ALLOC_HEADER_ROW, YEAR_COL[y]).value for y in YEAR_COL)
    assert ws.freeze_panes == f"D{ALLOC_FIRST_ROW}"
    assert ws.auto_filter.ref.startswith(f"A{ALLOC_HEADER_ROW}:")
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == f"${ALLOC_HEADER_ROW}:${ALLOC_HEADER_ROW}"
    # A name column wide enough for Chinese names (two width units per character).
    longest = max(len(c.name) for c in sample_project.candidates)
    assert ws.column_dimensions["B"].width >= 2 * min(longest, 25)
    r = ALLOC_FIRST_ROW
    assert ws.cell(r, YEAR_COL[2027]).number_format == "#,##0.00"
    assert ws.cell(r, ALLOC_COL["占基金比例（%）"]).number_format == "0.00%"
    for name in SHEETS[1:]:
        assert wb[name].freeze_panes, name


def test_totals_are_formulas_with_the_apps_values(sample_project: Project, tmp_path: Path) -> None:
    path = _export(sample_project, tmp_path)
    ws = openpyxl.load_workbook(path)[ALLOCATIONS]
    rows = _alloc_rows(ws)
    values = _calamine(path, ALLOCATIONS)
    sc = sample_project.scenario("基准方案")
    assert sc is not None
    expected: dict[tuple[str, str], float] = {}
    for a in sc.allocations:
        k = (a.candidate_id, a.instrument.zh)
        expected[k] = expected.get(k, 0.0) + a.amount
    assert set(rows) == set(expected)
    tot = ALLOC_COL["合计（亿元）"]
    for k, r in rows.items():
        assert ws.cell(r, tot).value == f"=SUM(I{r}:M{r})"
        assert values[r - 1][tot - 1] == pytest.approx(expected[k])
    total_row = ALLOC_FIRST_ROW + len(rows)
    assert ws.cell(total_row, 2).value == "合计"
    assert ws.cell(total_row, tot).value.startswith("=SUM(")
    assert values[total_row - 1][tot - 1] == pytest.approx(sum(a.amount for a in sc.allocations))
    cand = ws.cell(ALLOC_FIRST_ROW, ALLOC_COL["该候选合计（亿元）"]).value
    assert cand.startswith("=SUMIFS(")


def _formulas_without_value(path: Path) -> list[str]:
    """Formula cells whose stored value is missing, read from the sheet XML itself (openpyxl's
    data_only reader reports an empty-string result as None, so it cannot tell)."""
    bad = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                xml = z.read(name).decode()
                bad += [
                    f"{name}:{m}"
                    for m in re.findall(r'<c r="([A-Z]+\d+)"[^>]*><f>[^<]*</f><v\s*/>', xml)
                ]
                bad += [
                    f"{name}:{m}"
                    for m in re.findall(r'<c r="([A-Z]+\d+)"[^>]*><f>[^<]*</f></c>', xml)
                ]
    return bad


def test_every_formula_cell_stores_a_value(sample_project: Project, tmp_path: Path) -> None:
    path = _export(sample_project, tmp_path)
    wb = openpyxl.load_workbook(path)
    formulas = sum(
        1 for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"
    )
    assert formulas > 300
    assert _formulas_without_value(path) == []
    # A reader that does not recalculate sees the numbers.
    cached = openpyxl.load_workbook(path, data_only=True)[ALLOCATIONS]
    assert isinstance(cached.cell(ALLOC_FIRST_ROW, ALLOC_COL["合计（亿元）"]).value, float)


def test_sources_ratio_matches_the_fund(sample_project: Project, tmp_path: Path) -> None:
    path = _export(sample_project, tmp_path)
    rows = _calamine(path, SOURCES)
    fund = sample_project.fund
    by_code = {r[0]: r for r in rows[3:] if isinstance(r[0], str) and r[0].isdigit()}
    assert set(by_code) == {c.region_code for c in fund.contributions}
    for c in fund.contributions:
        assert by_code[c.region_code][3] == pytest.approx(fund.ratio_of(c.region_code) / 100)
    ws = openpyxl.load_workbook(path)[SOURCES]
    assert ws.cell(4, 4).value.startswith("=IF(")


def test_cap_breach_is_flagged_and_highlighted(sample_project: Project, tmp_path: Path) -> None:
    sc = sample_project.scenario("基准方案")
    assert sc is not None
    sc.allocations.append(
        Allocation("MC-0001", 2029, 25.0, Instrument.EQUITY)
    )  # cap is 5% of 200 = 10
    path = _export(sample_project, tmp_path)
    ws = openpyxl.load_workbook(path)[ALLOCATIONS]
    r = _alloc_rows(ws)[("MC-0001", Instrument.EQUITY.zh)]
    check = ALLOC_COL["规则检查"]
    assert "超过单个项目上限" in ws.cell(r, check).value  # the formula
    assert _calamine(path, ALLOCATIONS)[r - 1][check - 1] == "超过单个项目上限"
    values = _calamine(path, ALLOCATIONS)
    others = [row for (cid, _), row in _alloc_rows(ws).items() if cid != "MC-0001"]
    assert others and all(values[row - 1][check - 1] == "" for row in others)
    rules = [rule for cf in ws.conditional_formatting for rule in cf.rules]
    assert any("LEN(" in rule.formula[0] and rule.dxf.fill is not None for rule in rules)


def test_by_city_sums_allocations_and_contributions(
    sample_project: Project, tmp_path: Path
) -> None:
    path = _export(sample_project, tmp_path)
    rows = _calamine(path, CITIES)
    sc = sample_project.scenario("基准方案")
    assert sc is not None
    units = sample_project.planning_units()
    cands = {c.id: c for c in sample_project.candidates}
    invested: dict[str, float] = {}
    for a in sc.allocations:
        u = units[cands[a.candidate_id].region_code]
        invested[u] = invested.get(u, 0.0) + a.amount
    data = {r[0]: r for r in rows[4:] if isinstance(r[0], str) and r[0].isdigit()}
    for code, amount in invested.items():
        assert data[code][4] == pytest.approx(amount)
    for c in sample_project.fund.contributions:
        assert data[c.region_code][2] == pytest.approx(c.amount)
    ws = openpyxl.load_workbook(path)[CITIES]
    assert ws.cell(5, 5).value.startswith("=SUMIFS('资金分配'!")


INJECTIONS = ['=HYPERLINK("http://evil.example","点我")', "+1+2", "-3-4", "@SUM(1,2)", "=1+1"]


def test_user_text_is_never_a_formula(sample_project: Project, tmp_path: Path) -> None:
    sample_project.name = "=cmd|' /C calc'!A0"
    sc = sample_project.scenario("基准方案")
    assert sc is not None
    funded = [a.candidate_id for a in sc.allocations]
    for cid, text in zip(dict.fromkeys(funded), INJECTIONS, strict=False):
        c = sample_project.candidate(cid)
        assert c is not None
        c.name = text
        c.sector = text
    path = _export(sample_project, tmp_path)
    wb = openpyxl.load_workbook(path)
    found: set[str] = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value in [*INJECTIONS, sample_project.name]:
                    assert cell.data_type == "s", (ws.title, cell.coordinate)
                    found.add(cell.value)
                elif cell.data_type == "f":
                    assert "evil" not in cell.value and "cmd" not in cell.value
    assert found >= {*INJECTIONS, sample_project.name}
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/worksheets/sheet3.xml").decode()
    assert "<f>HYPERLINK" not in xml and "evil.example" in xml
    ws = wb[ALLOCATIONS]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == INJECTIONS[0])
    assert cell.quotePrefix


def test_a_scenario_without_allocations_exports_a_valid_workbook(
    sample_project: Project, tmp_path: Path
) -> None:
    sample_project.scenarios.append(Scenario("空方案"))
    path = _export(sample_project, tmp_path, "空方案")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == SHEETS
    rows = _calamine(path, ALLOCATIONS)
    total = next(r for r in rows if r[1] == "合计")
    assert total[ALLOC_COL["合计（亿元）"] - 1] == 0
    assert _formulas_without_value(path) == []


def test_progress_and_cancel_leave_an_existing_file_alone(
    sample_project: Project, tmp_path: Path
) -> None:
    out = tmp_path / "keep.xlsx"
    out.write_bytes(b"previous export")
    seen: list[tuple[float, str]] = []
    export_workbook(
        sample_project, "基准方案", tmp_path / "ok.xlsx", progress=lambda f, t: seen.append((f, t))
    )
    assert seen[0][0] == 0 and seen[-1][0] == 1.0
    assert [f for f, _ in seen] == sorted(f for f, _ in seen)
    calls = iter([False, False, True])
    with pytest.raises(ExportCancelled):
        export_workbook(sample_project, "基准方案", out, cancel=lambda: next(calls))
    assert out.read_bytes() == b"previous export"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_cover_lists_assumptions_with_sources_and_illustrative_note(
    sample_project: Project,
) -> None:
    book = build_workbook(sample_project, "基准方案")
    ws = book.wb["说明"]
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)
    for a in sample_project.assumptions.values():
        assert a.key in text
        if a.source:
            assert a.source in text
    assert "假设（无公开来源" in text or all(a.source for a in sample_project.assumptions.values())
    assert "示例" in text
    assert "workbench" in text


def test_unknown_scenario_is_a_clear_error(sample_project: Project, tmp_path: Path) -> None:
    with pytest.raises(KeyError, match="没有方案"):
        export_workbook(sample_project, "不存在", tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


def test_control_characters_in_user_text_do_not_break_the_file(
    sample_project: Project, tmp_path: Path
) -> None:
    sc = sample_project.scenario("基准方案")
    assert sc is not None
    c = sample_project.candidate(sc.allocations[0].candidate_id)
    assert c is not None
    c.name = "复制自\x01旧系统\x1f的名称"
    path = _export(sample_project, tmp_path)
    names = [row[1] for row in _calamine(path, ALLOCATIONS)]
    assert "复制自\ufffd旧系统\ufffd的名称" in names


def test_checks_sheet_says_where_in_words(sample_project: Project, tmp_path: Path) -> None:
    sc = sample_project.scenario("基准方案")
    assert sc is not None
    sc.allocations.append(Allocation("MC-0001", 2029, -1.0, Instrument.TALENT))
    rows = _calamine(_export(sample_project, tmp_path), "校验")
    header = next(i for i, row in enumerate(rows) if row[:3] == ["严重程度", "规则", "位置"])
    where = {row[1]: row[2] for row in rows[header + 1 :] if row[1]}
    name = sample_project.candidate("MC-0001").name
    assert where["alloc.negative"] == (
        f"方案「基准方案」 · 成都市 · 候选 MC-0001 {name} · 2029年 · {Instrument.TALENT.zh}"
    )
    assert all("(" not in w and "scenarios." not in w for w in where.values())
