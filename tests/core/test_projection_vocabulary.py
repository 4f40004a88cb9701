"""The projection vocabulary is complete and is what every reader shows (no Qt here)."""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import openpyxl
import pytest

import workbench
from workbench.core.projections import ProjectionEngine
from workbench.core.projections import vocabulary as voc
from workbench.core.projections.table import Block

ROOT = Path(workbench.__file__).parents[1]


def test_every_term_has_both_labels_a_colour_and_metrics_a_unit():
    for t in (*voc.METRICS, *voc.BASES, *voc.COMPONENTS):
        assert t.zh.strip() and t.en.strip() and t.zh != t.en, t.key
        assert t.label("zh") == t.zh and t.label("en") == t.en
    for m in voc.METRICS:
        assert m.unit in voc.UNIT_EN and m.uplift_zh and m.uplift_en
    for c in (*voc.METRICS, *voc.COMPONENTS):
        assert c.colour.startswith("#") and len(c.colour) == 7
    colours = [c.colour for c in voc.COMPONENTS]
    assert len(set(colours)) == len(colours), "each component its own colour"
    keys = [t.key for t in (*voc.METRICS, *voc.BASES, *voc.COMPONENTS)]
    assert len(set(keys)) == len(keys), "one key names one term"
    assert sorted(voc.METRIC_MENU) == sorted(voc.METRIC)
    assert [c for c in voc.COMPONENTS if c.is_total] == [voc.COMPONENT[voc.TOTAL]]
    with pytest.raises(KeyError):
        voc.label("no_such_term", "zh")


def test_summability_rule():
    full = np.array([True, False])
    assert voc.summable("statistical", "total", full).tolist() == [False, True]
    assert voc.summable("statistical", "park_share", full).tolist() == [False, True]
    assert voc.summable("statistical", "direct", full).tolist() == [True, True]
    for basis in ("location", "fiscal"):
        for comp in voc.COMPONENT:
            assert voc.summable(basis, comp, full).all()


def test_engine_emits_only_declared_terms_with_declared_units(sample_project):
    table = ProjectionEngine(sample_project).results()
    assert set(table["component"]) == set(voc.COMPONENT)
    assert set(zip(table["basis"], table["metric"], strict=True)) == set(voc.BLOCKS)
    units = table["metric"].map(voc.UNITS)
    assert (units == table["unit"]).all()
    with pytest.raises(KeyError):  # a pair no basis reports
        ProjectionEngine(sample_project).block(sample_project.scenarios[0].name, "fiscal", "gdp")


def test_the_workbook_and_the_docs_use_the_vocabulary_labels(sample_project, tmp_path):
    """One label per key: the 预测 sheet shows the vocabulary's labels (区域网络溢出 for the
    network spillover, as on screen), and docs/model.md spells every key with its label."""
    from workbench.io.excel import export_workbook
    from workbench.io.excel.layout import PROJECTIONS
    from workbench.io.excel.sheet_projections import HEADER_ROW

    out = tmp_path / "x.xlsx"
    export_workbook(sample_project, sample_project.scenarios[0].name, out)
    book = openpyxl.load_workbook(out, read_only=True)
    rows = list(book[PROJECTIONS].iter_rows(min_row=HEADER_ROW + 1, max_col=6, values_only=True))
    book.close()
    assert {r[2] for r in rows} == {m.zh for m in voc.METRICS}
    assert {r[3] for r in rows} == {b.zh for b in voc.BASES}
    assert {r[4] for r in rows} == {c.zh for c in voc.COMPONENTS}
    assert "区域网络溢出" in {r[4] for r in rows}
    assert {(r[2], r[5]) for r in rows} == {(m.zh, m.unit) for m in voc.METRICS}
    docs = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    for t in (*voc.METRICS, *voc.BASES, *voc.COMPONENTS):
        assert f"`{t.key}` {t.zh}" in docs, t.key


def test_no_reader_keeps_its_own_component_labels():
    """The labels live in the vocabulary only: no other module spells a component's label."""
    offenders = []
    labels = {c.zh for c in voc.COMPONENTS if not c.is_total} | {c.en for c in voc.COMPONENTS}
    for p in (ROOT / "workbench").rglob("*.py"):
        if p.name == "vocabulary.py":
            continue
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in labels:
                offenders.append(f"{p.relative_to(ROOT)}: {node.value}")
    assert offenders == []


def test_block_total_is_the_sum_of_its_parts():
    parts = [np.full((2, 5), float(i + 1)) for i in range(len(voc.PARTS))]
    b = Block("location", "gdp", ["a", "b"], ["A", "B"], parts, np.zeros(2, bool))
    np.testing.assert_allclose(b.total(), sum(range(1, len(voc.PARTS) + 1)))
    assert b.unit == "亿元"


def test_no_projection_module_imports_the_engine_back():
    """The engine uses fund, parks, table, views' blocks…; none of them may import the engine."""
    pkg = ROOT / "workbench" / "core" / "projections"
    offenders = []
    for p in pkg.glob("*.py"):
        if p.name in ("engine.py", "__init__.py"):
            continue
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").endswith(".engine"):
                offenders.append(p.name)
    assert offenders == []
