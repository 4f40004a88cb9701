"""Every number has a valid range (core.ranges): hostile files with NaN, ±Infinity and absurd
numbers still load, and validation names each one where it is, in words; edits refuse them."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from workbench.bundled import SAMPLE_PROJECT
from workbench.core.edits import InsertItem, SetAllocation, SetValue
from workbench.core.enums import Instrument, Severity
from workbench.core.model import Criterion
from workbench.core.projections import ProjectionEngine
from workbench.core.projections.finite import nonfinite_message
from workbench.core.ranges import RANGES, RangeError, check_edit, numbers, violation
from workbench.core.validation import Validator, validate
from workbench.io.project_file import load

Doc = dict[str, Any]


def _region(doc: Doc, code: str) -> Doc:
    return next(r for r in doc["project"]["regions"] if r["code"] == code)


# (what the file gets, the field path validation must report, problem code, words in the message)
HOSTILE: list[tuple[str, Callable[[Doc], None], tuple, str, str]] = [
    (
        "criterion weight NaN",
        lambda d: d["project"]["criteria"][0].update(weight=math.nan),
        ("criteria", "linkage", "weight"),
        "number.non_finite",
        "评分项「产业带动」 · 权重",
    ),
    (
        "statistic value Infinity",
        lambda d: _region(d, "510100")["statistics"][0].update(value=math.inf),
        ("regions", "510100", "statistics", ("gdp", 2018, None), "value"),
        "number.non_finite",
        "成都市 · 统计数据 · gdp · 2018年",
    ),
    (
        "adjacency km -Infinity",
        lambda d: d["project"]["adjacency"][0].update(shared_border_km=-math.inf),
        ("adjacency", ("500101", "500154"), "shared_border_km"),
        "number.non_finite",
        "万州区—开州区 · 共同边界长度",
    ),
    (
        "longitude 909",
        lambda d: _region(d, "510100").update(lon=909.0),
        ("regions", "510100", "lon"),
        "number.range",
        "成都市 · 经度",
    ),
    (
        "statistic year 6018",
        lambda d: _region(d, "510100")["statistics"][0].update(year=6018),
        ("regions", "510100", "statistics", ("gdp", 6018, None), "year"),
        "number.range",
        "6018",
    ),
    (
        "fund leverage 1e308",
        lambda d: d["project"]["fund"].update(leverage=1e308),
        ("fund", "leverage"),
        "number.range",
        "社会资本撬动倍数",
    ),
    (
        "parameter low bound NaN",
        lambda d: d["project"]["assumptions"]["tax.vat_rate"].update(low=math.nan),
        ("assumptions", "tax.vat_rate", "low"),
        "number.non_finite",
        "参数",
    ),
]


def hostile_file(tmp_path: Path, mutate: Callable[[Doc], None]) -> Path:
    doc = json.loads(SAMPLE_PROJECT.read_text("utf-8"))
    mutate(doc)
    path = tmp_path / "hostile.wbp"
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")  # NaN/Infinity tokens
    return path


@pytest.mark.parametrize(("name", "mutate", "path", "code", "words"), HOSTILE, ids=lambda x: x)
def test_a_hostile_number_loads_and_is_reported_where_it_is(
    tmp_path, name, mutate, path, code, words
) -> None:
    project = load(hostile_file(tmp_path, mutate))  # loads: the planner can fix it
    found = [p for p in validate(project) if p.code == code]
    assert found, f"{name}: no {code} in {[p.code for p in validate(project)]}"
    (p,) = found
    assert p.severity is Severity.ERROR
    want = path
    if path[0] == "regions" and len(path) > 3:  # the statistic's vintage comes from the sample
        assert p.path[:3] == path[:3] and p.path[3][:2] == path[3][:2] and p.path[4] == path[4]
    else:
        assert p.path == want
    assert words in p.zh and "(" not in p.zh.split("：")[0]  # location in words, not a tuple


def test_absurd_but_possible_numbers_are_warnings(sample_project) -> None:
    sample_project.fund.leverage = 50  # possible, implausible
    sample_project.regions[0].lon = 10.0  # on Earth, not in China
    found = {p.path: p for p in validate(sample_project) if p.code == "number.implausible"}
    assert found[("fund", "leverage")].severity is Severity.WARNING
    assert ("regions", sample_project.regions[0].code, "lon") in found


def test_topic_rules_are_not_repeated_by_the_range_rule(sample_project) -> None:
    sample_project.fund.size = math.nan  # fund.size reports it
    sample_project.scenarios[0].allocations[0].amount = -1.0  # alloc.negative reports it
    problems = validate(sample_project)
    codes = {p.code for p in problems}
    assert {"fund.size", "alloc.negative"} <= codes
    assert [p for p in problems if p.code.startswith("number.")] == []


def test_every_declared_range_names_a_real_field() -> None:
    import dataclasses

    import workbench.core.model as model

    for owner, field in RANGES:
        cls = getattr(model, owner)
        assert field in {f.name for f in dataclasses.fields(cls)}, (owner, field)


def test_the_walker_finds_every_number_of_the_sample_and_all_are_valid(sample_project) -> None:
    found = list(numbers(sample_project))
    assert len(found) > 1000
    assert [n for n in found if violation(n) and violation(n)[0] != "absurd"] == []


def test_incremental_validation_agrees_after_numeric_edits(sample_project) -> None:
    v = Validator(sample_project)
    for e in [
        SetValue(("fund", "leverage"), 5000.0),
        SetValue(("criteria", "linkage", "weight"), -1.0),
        SetValue(("regions", "510100", "lat"), 95.0),
    ]:
        _, changes = e.apply(sample_project)
        assert v.update(changes.parts) == validate(sample_project)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_edits_refuse_non_finite_numbers(sample_project, bad) -> None:
    before = sample_project.fund.leverage
    with pytest.raises(RangeError):
        SetValue(("fund", "leverage"), bad).apply(sample_project)
    assert sample_project.fund.leverage == before
    with pytest.raises(RangeError):
        InsertItem(("criteria",), Criterion("x", "新", "new", bad)).apply(sample_project)
    assert all(c.key != "x" for c in sample_project.criteria)
    with pytest.raises(ValueError):
        sc, cid = sample_project.scenarios[0].name, sample_project.candidates[0].id
        SetAllocation(sc, cid, 2027, Instrument.EQUITY, bad).apply(sample_project)
    with pytest.raises(RangeError):
        check_edit(("parks", "P-01", "tax_split", 2028), {"510100": bad})


def test_projection_overflow_is_named_not_written(sample_project) -> None:
    sample_project.fund.leverage = 1e308
    with np.errstate(all="ignore"):
        table = ProjectionEngine(sample_project).results()
    message = nonfinite_message(sample_project, table)
    assert message is not None
    zh, en = message
    assert "社会资本撬动倍数" in zh and "leverage" in en and "\n" not in zh + en
    assert "基准方案" in zh


def test_finite_projections_have_no_message(sample_project) -> None:
    table = ProjectionEngine(sample_project).results()
    assert nonfinite_message(sample_project, table) is None


def test_an_mrio_table_is_walked_and_its_cells_named(sample_project) -> None:
    from workbench.core.model import MrioTable

    table = MrioTable("t", ["510100", "510600"], [[0.1, math.nan], [0.0, 1.5]], year=2017)
    SetValue(("mrio",), MrioTable("ok", ["510100"], [[0.1]])).apply(sample_project)
    sample_project.mrio = table
    found = {p.path: p for p in validate(sample_project) if p.code.startswith("number.")}
    assert found[("mrio", "coefficients", 0, 1)].code == "number.non_finite"
    assert "成都市 → 德阳市" in found[("mrio", "coefficients", 0, 1)].zh
    assert found[("mrio", "coefficients", 1, 1)].code == "number.range"


def test_undo_restores_a_non_finite_value_a_file_held(sample_project) -> None:
    """Edits refuse NaN going in, but undo puts back what was there, NaN included."""
    from workbench.core.edits import RemoveItem

    sample_project.fund.leverage = math.nan
    inverse, _ = SetValue(("fund", "leverage"), 2.0).apply(sample_project)
    inverse.apply(sample_project)
    assert math.isnan(sample_project.fund.leverage)
    c = sample_project.candidates[0]
    c.baseline_output = math.inf
    inverse, _ = RemoveItem(("candidates",), c.id).apply(sample_project)
    inverse.apply(sample_project)
    assert sample_project.candidates[0].baseline_output == math.inf
