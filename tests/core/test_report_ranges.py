"""Ranges in the plan draft: the P10–P90 sentence and table in 五, the tornado in 六, with the
uncertainty package's own numbers."""

from __future__ import annotations

import re

import pytest

from workbench.bundled import SAMPLE_PROJECT
from workbench.core.report import Paragraph
from workbench.core.report.ranges import TOP_PARAMETERS, YEAR, draft
from workbench.core.uncertainty import run_draws, tornado
from workbench.io.project_file import load

SCENARIO = "基准方案"
DRAWS, SEED = 64, 7


def _number(text: str) -> float:
    return float(text.replace(",", ""))


@pytest.fixture(scope="module")
def drafted():
    project = load(SAMPLE_PROJECT)
    return project, {
        lang: draft(project, SCENARIO, lang, draws=DRAWS, seed=SEED) for lang in ("zh", "en")
    }


def _paragraphs(section) -> list[str]:
    return [b.text for b in section.blocks if isinstance(b, Paragraph)]


def test_city_table_equals_run_draws(drafted) -> None:
    project, reports = drafted
    bands = run_draws(project, SCENARIO, draws=DRAWS, seed=SEED)
    rows = bands[
        (bands.basis == "location")
        & (bands.metric == "gdp")
        & (bands.component == "total")
        & (bands.year == YEAR)
    ].set_index("region")
    table = next(t for t in reports["zh"].section("effects").tables() if t.columns[1] == "P10")
    assert table.columns == ["城市（区县）", "P10", "P50", "P90"] and table.unit == "亿元"
    assert len(table.rows) >= 3
    for name, p10, p50, p90 in table.rows:
        want = rows.loc[name]
        for got, col in ((p10, "p10"), (p50, "p50"), (p90, "p90")):
            assert _number(got) == pytest.approx(want[col], abs=0.006)
        assert _number(p10) <= _number(p50) <= _number(p90)


def test_headline_sentence_is_the_circle_band_with_units(drafted) -> None:
    _project, reports = drafted
    zh = next(t for t in _paragraphs(reports["zh"].section("effects")) if t.startswith("区间"))
    m = re.search(r"在 ([\d.,]+) 亿元至 ([\d.,]+) 亿元之间.*最可能为 ([\d.,]+) 亿元", zh)
    assert m, zh
    lo, hi, mid = (_number(x) for x in m.groups())
    assert lo <= mid <= hi
    table = next(t for t in reports["zh"].section("effects").tables() if t.columns[1] == "P10")
    assert [lo, mid, hi] == [_number(x) for x in table.total[1:]]
    assert f"{DRAWS} 次" in zh and str(SEED) in zh
    en = next(t for t in _paragraphs(reports["en"].section("effects")) if t.startswith("Ranges"))
    assert re.search(r"between CNY [\d.,]+ \w+ and CNY [\d.,]+ \w+ \(P10–P90\), most likely", en)


def test_tornado_table_equals_tornado(drafted) -> None:
    project, reports = drafted
    want = tornado(project, SCENARIO, metric="gdp", year=YEAR, basis="location", net=True)
    report = reports["zh"]
    table = next(t for t in report.section("risks").tables() if t.columns[0] == "参数（单位）")
    assert len(table.rows) == min(TOP_PARAMETERS, len(want))
    for row, x in zip(table.rows, want.itertuples(), strict=False):
        assert row[0].startswith(x.label_zh)  # in rank order
        low, high = (float(v) for v in row[1].split("–"))
        assert low == pytest.approx(x.low_value, rel=1e-3)
        assert high == pytest.approx(x.high_value, rel=1e-3)
        assert _number(row[2]) == pytest.approx(x.output_low, abs=0.006)
        assert _number(row[3]) == pytest.approx(x.output_high, abs=0.006)
        assert _number(row[4]) == pytest.approx(x.swing, abs=0.006)
    assert report.data["tornado"].equals(want)
    assert [s.key for s in report.figures if s.chapter == "risks"] == ["tornado"]
    en = next(
        t for t in reports["en"].section("risks").tables() if t.columns[0] == "Parameter (unit)"
    )
    assert en.columns[-1] == "Swing (100M yuan)"


def test_without_draws_the_draft_says_point_estimate(sample_project) -> None:
    report = draft(sample_project, SCENARIO, "zh")
    text = "\n".join(_paragraphs(report.section("effects")))
    assert "单点测算" in text and "P50" not in text
    assert not any(t.columns[1:2] == ["P10"] for t in report.section("effects").tables())
    assert "tornado" not in {s.key for s in report.figures}
