"""Typed views of field paths and the ``Changes`` helpers built on them (no Qt)."""

from __future__ import annotations

import pytest

from workbench.core.addresses import (
    AgreementField,
    AllocationCell,
    AllocationTotal,
    AssumptionField,
    CandidateField,
    CriterionField,
    FundField,
    LinkField,
    OverrideField,
    ParkField,
    RegionField,
    ScenarioItem,
    exists,
    key_field_of,
    list_head,
    rekeyed,
    resolve,
)
from workbench.core.edits import (
    Compound,
    InsertItem,
    RemoveItem,
    SetAllocation,
    SetValue,
    change_status,
)
from workbench.core.enums import Instrument, Status

CELL = ("scenarios", "基准方案", "allocations", ("MC-0007", 2027, "equity"), "amount")

# (view, path) pairs: each view reads its path and writes it back unchanged.
ROUND_TRIPS = [
    (AllocationCell("基准方案", "MC-0007", 2027, "equity", "amount"), CELL),
    (AllocationCell("基准方案", "MC-0007", 2027, "equity"), CELL[:4]),
    (AllocationTotal("基准方案"), ("scenarios", "基准方案", "allocations")),
    (AllocationTotal("基准方案", "candidate", "MC-0007"), (*CELL[:3], "MC-0007")),
    (AllocationTotal("基准方案", "city", "510100"), (*CELL[:3], "city", "510100")),
    (AllocationTotal("基准方案", "type", "team"), (*CELL[:3], "type", "team")),
    (AllocationTotal("基准方案", "year", 2028), (*CELL[:3], "year", 2028)),
    (ScenarioItem("基准方案", "park_ids"), ("scenarios", "基准方案", "park_ids")),
    (ScenarioItem("基准方案"), ("scenarios", "基准方案")),
    (
        OverrideField("A", "network.decay_km"),
        ("scenarios", "A", "assumption_overrides", "network.decay_km"),
    ),
    (CandidateField("MC-0007", "status"), ("candidates", "MC-0007", "status")),
    (
        CandidateField("MC-0007", "criteria", "linkage"),
        ("candidates", "MC-0007", "criteria", "linkage"),
    ),
    (CandidateField("MC-0007"), ("candidates", "MC-0007")),
    (
        AgreementField("AG-P-01", "tax_split", None, 2028, "510100"),
        ("agreements", "AG-P-01", "tax_split", 2028, "510100"),
    ),
    (
        AgreementField("AG-1", "tax_split_by_tax", "cit", 2028, "510100"),
        ("agreements", "AG-1", "tax_split_by_tax", "cit", 2028, "510100"),
    ),
    (
        AgreementField("AG-P-01", "gdp_split", None, None, "510100"),
        ("agreements", "AG-P-01", "gdp_split", "510100"),
    ),
    (AgreementField("AG-P-01", "sunset_year"), ("agreements", "AG-P-01", "sunset_year")),
    (ParkField("P-01", "investment", 2028), ("parks", "P-01", "investment", 2028)),
    (ParkField("P-01", "equity", None, "510100"), ("parks", "P-01", "equity", "510100")),
    (ParkField("P-01", "host"), ("parks", "P-01", "host")),
    (FundField("size"), ("fund", "size")),
    (FundField("contributions", "510100", "amount"), ("fund", "contributions", "510100", "amount")),
    (FundField("rules", "tranches", 2027), ("fund", "rules", "tranches", 2027)),
    (LinkField("L-001", "strength"), ("links", "L-001", "strength")),
    (CriterionField("linkage", "weight"), ("criteria", "linkage", "weight")),
    (
        AssumptionField("tax.vat_central_share", "value"),
        ("assumptions", "tax.vat_central_share", "value"),
    ),
    (RegionField("510100"), ("regions", "510100")),
]


@pytest.mark.parametrize(("view", "path"), ROUND_TRIPS)
def test_a_view_reads_its_path_and_writes_it_back(view, path):
    assert type(view).of(path) == view
    assert view.path == path


@pytest.mark.parametrize(
    "view",
    [
        AllocationCell,
        AllocationTotal,
        OverrideField,
        CandidateField,
        ParkField,
        FundField,
        LinkField,
    ],
)
def test_views_answer_none_for_other_families(view):
    others = [p for v, p in ROUND_TRIPS if not isinstance(v, view)]
    if view in (AllocationCell, AllocationTotal, OverrideField):
        others = [p for p in others if ScenarioItem.of(p) is None]
    assert all(view.of(p) is None for p in others)
    assert view.of(()) is None


def test_a_cell_is_not_a_total_and_a_total_is_not_a_cell():
    assert AllocationTotal.of(CELL) is None and AllocationTotal.of(CELL[:4]) is None
    assert AllocationCell.of((*CELL[:3], "city", "510100")) is None
    assert AllocationCell.of(CELL).key == ("MC-0007", 2027, "equity")


def test_typed_paths_resolve_in_a_project(sample_project):
    sc = sample_project.scenarios[0]
    a = sc.allocations[0]
    cell = AllocationCell(sc.name, a.candidate_id, a.year, a.instrument.value, "amount")
    assert resolve(sample_project, cell.path) == a.amount
    cid = sample_project.candidates[0].id
    assert (
        resolve(sample_project, CandidateField(cid, "name").path)
        == sample_project.candidates[0].name
    )
    assert not exists(sample_project, CandidateField("MC-9999", "name").path)


def test_key_renames():
    assert key_field_of(("scenarios", "A", "name")) == "scenarios"
    assert key_field_of(("candidates", "MC-1", "id")) == "candidates"
    assert key_field_of(("candidates", "MC-1", "name")) is None
    assert rekeyed(("scenarios", "A", "name"), "B") == ("scenarios", "B", "name")
    assert list_head(()) == "project" and list_head(CELL) == "scenarios"


def test_changes_name_the_allocation_cells_of_a_scenario(sample_project):
    sc = sample_project.scenarios[0].name
    cid = sample_project.candidates[0].id
    _, changes = SetAllocation(sc, cid, 2029, Instrument.TALENT, 0.4).apply(sample_project)
    assert changes.allocation_cells(sc) == [AllocationCell(sc, cid, 2029, "talent", "amount")]
    assert changes.allocation_cells("no such scenario") == []
    assert changes.candidate_ids() == set()


def test_changes_report_key_renames_and_their_undo(sample_project):
    inverse, changes = SetValue(("scenarios", "基准方案", "name"), "新方案").apply(sample_project)
    assert changes.renamed("scenarios") == {"基准方案": "新方案"}
    assert changes.renamed("candidates") == {}
    _, back = inverse.apply(sample_project)
    assert back.renamed("scenarios") == {"新方案": "基准方案"}
    _, plain = SetValue(("scenarios", "基准方案", "description"), "x").apply(sample_project)
    assert plain.renamed("scenarios") == {}


def test_changes_name_candidates_lists_and_restructuring(sample_project):
    c = sample_project.candidates[0]
    _, changes = change_status(sample_project, c.id, Status.APPROVED).apply(sample_project)
    assert changes.candidate_ids() == {c.id}
    assert not changes.restructured("candidates")
    assert changes.touches_list("candidates") and not changes.touches_list("criteria")
    _, removed = RemoveItem(("candidates",), c.id).apply(sample_project)
    assert removed.restructured("candidates") and removed.candidate_ids() == {c.id}
    _, added = InsertItem(("candidates",), c).apply(sample_project)
    assert added.restructured("candidates")
    key = sample_project.criteria[0].key
    _, weights = Compound([SetValue(("criteria", key, "weight"), 2.0)]).apply(sample_project)
    assert weights.touches_list("criteria") and not weights.restructured("criteria")
