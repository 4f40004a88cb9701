"""Files the importer cannot read get one clear bilingual line — never a traceback; random junk
and random damage to real fixtures raise nothing but StatsImportError."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.cli import main
from workbench.io.stats_import import StatsImportError, list_sheets, read_table

DATA = Path(__file__).parents[1] / "data" / "stats"
BAD = DATA / "bad"

CASES = {
    "empty.xlsx": "文件为空",
    "image_named.xlsx": "不是电子表格",
    "pdf_named.xls": "不是电子表格",
    "web_page_named.xls": "网页",
    "truncated.xlsx": "损坏",
    "truncated.xls": "损坏",
    "zip_not_workbook.xlsx": "无法读取",
    "encrypted.xlsx": "加密",
    "no_table.xlsx": "没有找到",
    "binary_junk.csv": "二进制",
}


@pytest.mark.parametrize(("name", "zh"), sorted(CASES.items()))
def test_bad_file_raises_clear_error(name, zh):
    with pytest.raises(StatsImportError) as info:
        read_table(BAD / name)
    e = info.value
    assert zh in e.zh and e.en
    assert "\n" not in str(e) and name in str(e)


def test_missing_file_folder_and_sheet(tmp_path):
    with pytest.raises(StatsImportError, match="文件不存在"):
        read_table(tmp_path / "nope.xlsx")
    with pytest.raises(StatsImportError, match="文件夹"):
        read_table(tmp_path)
    with pytest.raises(StatsImportError, match="没有名为“无此表”的工作表"):
        read_table(DATA / "cq_gdp_notes_sheet.xlsx", sheet="无此表")
    assert list_sheets(DATA / "cq_gdp_notes_sheet.xlsx") == ["说明", "数据"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_cli_one_line_exit_2(name, capsys):
    assert main(["stats", str(BAD / name)]) == 2
    out = capsys.readouterr()
    assert out.out == "" and len(out.err.strip().splitlines()) == 1 and "Traceback" not in out.err


def _read_or_clean_error(path: Path) -> None:
    try:
        res = read_table(path)
    except StatsImportError as e:
        assert str(e) and "\n" not in str(e)
        return
    res.report.lines("zh")
    res.report.lines("en")


_SLOW_OK = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@_SLOW_OK
@given(data=st.binary(max_size=4096), suffix=st.sampled_from([".xlsx", ".xls", ".csv", ".xlsm"]))
def test_random_junk_only_raises_stats_import_error(tmp_path, data, suffix):
    p = tmp_path / f"junk{suffix}"
    p.write_bytes(data)
    _read_or_clean_error(p)


@_SLOW_OK
@given(text=st.text(max_size=600))
def test_random_text_tables_only_raise_stats_import_error(tmp_path, text):
    p = tmp_path / "t.csv"
    p.write_text(text, encoding="utf-8")
    _read_or_clean_error(p)


REAL = [
    "20_Major_GDP.xls",
    "20_Guangzhou_All.xls",
    "cq_2023_merged_header.xlsx",
    "cq_2023_merged_header.xls",
    "sc_2018_yearbook.xlsx",
    "cq_2010_census_indent.csv",
    "chengdu_indicators_by_years_gbk.csv",
]


@_SLOW_OK
@given(
    name=st.sampled_from(REAL),
    cut=st.floats(0, 1),
    flips=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=8),
)
def test_mutated_real_fixtures_only_raise_stats_import_error(tmp_path, name, cut, flips):
    data = bytearray((DATA / name).read_bytes())
    for where, byte in flips:
        data[int(where * (len(data) - 1))] = byte
    if cut < 0.3:
        data = data[: int(len(data) * cut / 0.3)]
    p = tmp_path / name
    p.write_bytes(bytes(data))
    _read_or_clean_error(p)


def test_csv_grid_mutations_only_raise_stats_import_error(tmp_path):
    """Cells of a real table replaced by awkward values: the import still completes."""
    src = (DATA / "cq_2010_census_indent.csv").read_text(encoding="utf-8").splitlines()
    awkward = [
        "",
        "—",
        "x",
        "1e308",
        "-0",
        "NaN",
        "inf",
        "2019年",
        "合计",
        "#",
        "（万人）",
        "１２",
        "12%",
    ]
    for k, junk in enumerate(awkward):
        lines = list(src)
        i = 4 + (k * 7) % (len(lines) - 5)
        cells = lines[i].split(",")
        cells[1 + k % 3] = junk
        lines[i] = ",".join(cells)
        p = tmp_path / f"m{k}.csv"
        p.write_text("\n".join(lines), encoding="utf-8")
        _read_or_clean_error(p)
    shutil.rmtree(tmp_path, ignore_errors=True)
