"""Blank keys, region codes nothing defines and parameter keys the engine never reads: each is a
problem with its location in words (issue 10, point 11), built from a generated hostile file."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from workbench.bundled import SAMPLE_PROJECT
from workbench.core.enums import Severity
from workbench.core.locations import describe
from workbench.core.validation import validate
from workbench.io.project_file import load

Doc = dict[str, Any]


def load_hostile(tmp_path: Path, mutate: Callable[[Doc], None]):
    doc = json.loads(SAMPLE_PROJECT.read_text("utf-8"))
    mutate(doc)
    path = tmp_path / "hostile.wbp"
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    return load(path)


def problems(project, code: str):
    found = [p for p in validate(project) if p.code == code]
    assert found, f"no {code}: {sorted({p.code for p in validate(project)})}"
    return found


@pytest.mark.parametrize("blank", ["", "   ", "\t"])
def test_blank_candidate_id_and_scenario_name(tmp_path, blank) -> None:
    def mutate(doc: Doc) -> None:
        doc["project"]["candidates"][2]["id"] = blank
        doc["project"]["scenarios"][1]["name"] = blank

    project = load_hostile(tmp_path, mutate)
    (c,) = problems(project, "candidates.blank_key")
    assert c.severity is Severity.ERROR and "第 3 个候选编号为空白" in c.zh
    (s,) = problems(project, "scenarios.blank_key")
    assert "第 2 个方案名称为空白" in s.zh and "scenario name no. 2" in s.en


def test_unknown_adjacency_code(tmp_path) -> None:
    def mutate(doc: Doc) -> None:
        doc["project"]["adjacency"].append(
            {"code_a": "510100", "code_b": "519999", "shared_border_km": 12.0}
        )

    project = load_hostile(tmp_path, mutate)
    (p,) = problems(project, "adjacency.unknown_region")
    assert "519999" in p.zh and "成都市—519999" in describe(project, p.path)


def test_a_renamed_region_code_still_referenced_is_reported(tmp_path) -> None:
    """成都 510100 becomes 510199 in the regions table; its districts, its adjacency, its
    contribution and a park still say 510100."""

    def mutate(doc: Doc) -> None:
        r = next(r for r in doc["project"]["regions"] if r["code"] == "510100")
        r["code"] = "510199"
        doc["project"]["adjacency"].append(
            {"code_a": "510100", "code_b": "510600", "shared_border_km": 40.0}
        )
        doc["project"]["fund"]["rules"]["city_limits"] = {"510100": 30.0}
        doc["project"]["candidates"][0]["origin_region"] = "510100"

    project = load_hostile(tmp_path, mutate)
    codes = {p.code for p in validate(project)}
    assert {
        "region.unknown_parent",
        "adjacency.unknown_region",
        "reference.unknown_region",
        "fund.unknown_region",
    } <= codes
    parents = problems(project, "region.unknown_parent")
    assert len(parents) >= 10 and all("已更改或已撤销" in p.zh for p in parents)
    refs = {p.path for p in problems(project, "reference.unknown_region")}
    assert ("fund", "rules", "city_limits", "510100") in refs
    assert ("candidates", project.candidates[0].id, "origin_region") in refs


def test_a_mangled_parameter_key_is_an_error_naming_the_meant_one(tmp_path) -> None:
    def mutate(doc: Doc) -> None:
        params = doc["project"]["assumptions"]
        a = params.pop("tax.vat_rate")
        a["key"] = "tax.vat_rat"
        params["tax.vat_rat"] = a

    project = load_hostile(tmp_path, mutate)
    (p,) = problems(project, "assumption.unknown_key")
    assert p.severity is Severity.ERROR and "tax.vat_rate" in p.zh and "默认值" in p.zh
    assert p.path == ("assumptions", "tax.vat_rat", "key")


def test_a_parameter_of_the_planners_own_is_only_a_warning(sample_project) -> None:
    from workbench.core.model import Assumption

    sample_project.assumptions["my.note"] = Assumption("my.note", 1.0, "", "备注参数")
    (p,) = problems(sample_project, "assumption.unknown_key")
    assert p.severity is Severity.WARNING


def test_a_parameter_filed_under_another_key(sample_project) -> None:
    sample_project.assumptions["tax.vat_rate"].key = "tax.cit_rate"
    (p,) = problems(sample_project, "assumption.key_mismatch")
    assert "tax.cit_rate" in p.zh
