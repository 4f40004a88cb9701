"""The one command path: every edit returns an inverse that restores the project exactly."""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.core.addresses import exists, resolve
from workbench.core.edits import (
    DELETE,
    Compound,
    InsertItem,
    RemoveItem,
    SetAllocation,
    SetValue,
    change_status,
)
from workbench.core.enums import Instrument, Status
from workbench.core.model import Candidate, UnitType


def roundtrip(project, edit):
    before = copy.deepcopy(project)
    inverse, changes = edit.apply(project)
    after = copy.deepcopy(project)
    assert after != before
    redo, _ = inverse.apply(project)
    assert project == before
    redo.apply(project)
    assert project == after
    return changes


def test_set_value_by_key_path(sample_project):
    cid = sample_project.candidates[5].id
    changes = roundtrip(sample_project, SetValue(("candidates", cid, "baseline_output"), 99.5))
    assert changes.parts == {"candidates"}
    assert resolve(sample_project, ("candidates", cid, "baseline_output")) == 99.5


def test_set_and_delete_dict_entries(sample_project):
    path = ("fund", "rules", "city_limits", "510100")
    roundtrip(sample_project, SetValue(path, 20.0))
    assert exists(sample_project, path)
    roundtrip(sample_project, SetValue(path, DELETE))
    assert not exists(sample_project, path)


def test_nested_year_keys_in_agreement_schedules(sample_project):
    roundtrip(
        sample_project, SetValue(("agreements", "AG-P-02", "tax_split", 2028, "500112"), 60.0)
    )
    path = ("agreements", "AG-P-02", "tax_split_by_tax", "cit")
    changes = roundtrip(sample_project, SetValue(path, {2027: {"500112": 70.0, "511623": 30.0}}))
    assert changes.parts == {"agreements"}


def test_insert_and_remove_candidate(sample_project):
    c = Candidate("MC-9000", "新增单元", UnitType.TEAM, "510104", "数字经济")
    changes = roundtrip(sample_project, InsertItem(("candidates",), c))
    assert changes.paths == (("candidates", "MC-9000"),)
    cid = sample_project.candidates[0].id
    roundtrip(sample_project, RemoveItem(("candidates",), cid))


def test_insert_duplicate_key_is_refused_and_project_unchanged(sample_project):
    before = copy.deepcopy(sample_project)
    dup = copy.deepcopy(sample_project.candidates[0])
    with pytest.raises(ValueError):
        InsertItem(("candidates",), dup).apply(sample_project)
    assert sample_project == before


def test_remove_restores_at_same_position(sample_project):
    ids = [c.id for c in sample_project.candidates]
    inv, _ = RemoveItem(("candidates",), ids[7]).apply(sample_project)
    inv.apply(sample_project)
    assert [c.id for c in sample_project.candidates] == ids


def test_set_allocation_adds_changes_and_removes(sample_project):
    sc = sample_project.scenarios[0].name
    cid = sample_project.candidates[0].id
    changes = roundtrip(sample_project, SetAllocation(sc, cid, 2030, Instrument.TALENT, 0.25))
    assert changes.parts == {"allocations"}
    assert changes.paths[0][:3] == ("scenarios", sc, "allocations")
    existing = sample_project.scenarios[0].allocations[0]
    roundtrip(
        sample_project,
        SetAllocation(sc, existing.candidate_id, existing.year, existing.instrument, 0.0),
    )


def test_set_allocation_rejects_nan(sample_project):
    with pytest.raises(ValueError):
        SetAllocation(
            sample_project.scenarios[0].name, "MC-0001", 2027, Instrument.EQUITY, float("nan")
        ).apply(sample_project)


def test_compound_failure_rolls_back(sample_project):
    before = copy.deepcopy(sample_project)
    edit = Compound([SetValue(("name",), "改名"), SetValue(("candidates", "missing", "name"), "x")])
    with pytest.raises(KeyError):
        edit.apply(sample_project)
    assert sample_project == before


def test_status_change_logs_the_decision(sample_project):
    c = next(c for c in sample_project.candidates if c.status is Status.CANDIDATE)
    edit = change_status(
        sample_project, c.id, Status.SHORTLISTED, "初审通过", "张三", on="2026-06-01"
    )
    assert c.name in edit.text("zh") and "入围" in edit.text("zh")
    roundtrip(sample_project, edit)
    assert c.status is Status.SHORTLISTED
    assert c.decisions[-1].reason == "初审通过" and c.decisions[-1].date == "2026-06-01"


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 59),
            st.sampled_from([2026, 2027, 2028, 2029, 2030]),
            st.sampled_from(list(Instrument)),
            st.floats(0, 5),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_any_sequence_of_allocation_edits_undoes_to_the_start(sample_project, steps):
    sample_project = copy.deepcopy(sample_project)  # the fixture is shared across examples
    before = copy.deepcopy(sample_project)
    sc = sample_project.scenarios[1].name
    inverses = []
    for idx, year, inst, amount in steps:
        inv, _ = SetAllocation(sc, sample_project.candidates[idx].id, year, inst, amount).apply(
            sample_project
        )
        inverses.append(inv)
    for inv in reversed(inverses):
        inv.apply(sample_project)
    assert sample_project == before


def test_renaming_a_key_undoes(sample_project):
    old = sample_project.scenarios[1].name
    roundtrip(sample_project, SetValue(("scenarios", old, "name"), "新方案名"))
    cid = sample_project.candidates[2].id
    roundtrip(sample_project, SetValue(("candidates", cid, "id"), "MC-NEW"))
