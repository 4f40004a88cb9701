"""候选库: filters, sorting, live weighted score, status decisions, add/edit/delete, chain links."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from workbench.core.enums import Status, UnitType
from workbench.core.scoring import weighted_scores
from workbench.io.codec import encode
from workbench.ui.models.candidates import CandidateTableModel
from workbench.ui.models.common import SORT_ROLE
from workbench.ui.models.links import LinksModel
from workbench.ui.panels.catalogue import CataloguePanel, next_id


@pytest.fixture
def panel(qtbot, settings, session) -> CataloguePanel:
    p = CataloguePanel(session)
    qtbot.addWidget(p)
    return p


def _visible_ids(panel: CataloguePanel) -> list[str]:
    return [
        panel.model.candidate_id(panel.proxy.mapToSource(panel.proxy.index(r, 0)).row())
        for r in range(panel.proxy.rowCount())
    ]


def test_models_pass_qt_model_tester(qtmodeltester, session) -> None:
    model = CandidateTableModel(session)
    qtmodeltester.check(model)
    qtmodeltester.check(LinksModel(session))


def test_proxy_passes_model_tester_while_filtering(qtmodeltester, panel: CataloguePanel) -> None:
    panel.set_filters(unit_type="park")
    qtmodeltester.check(panel.proxy)


def test_filters_by_type_sector_status_city_and_text(panel: CataloguePanel, session) -> None:
    cands = session.project.candidates
    panel.set_filters(unit_type=UnitType.TEAM.value)
    assert set(_visible_ids(panel)) == {c.id for c in cands if c.unit_type is UnitType.TEAM}
    assert 0 < panel.proxy.rowCount() < 60
    panel.set_filters(sector="汽车", status=Status.APPROVED.value)
    expected = {c.id for c in cands if c.sector == "汽车" and c.status is Status.APPROVED}
    assert expected and set(_visible_ids(panel)) == expected
    target = cands[10]
    panel.set_filters(text=target.id.lower())
    assert _visible_ids(panel) == [target.id]
    panel.search.setText(target.name[3:7])  # part of the name, typed in the search box
    assert target.id in _visible_ids(panel)
    units = session.project.planning_units()
    panel.set_filters(city="500112")  # 渝北区 acts as a city
    in_yubei = {c.id for c in cands if units[c.region_code] == "500112"}
    assert in_yubei and set(_visible_ids(panel)) == in_yubei
    assert panel.count_label.text() == f"显示 {panel.proxy.rowCount()} / 60 个候选"


def test_sort_by_score_descending(panel: CataloguePanel, session) -> None:
    col = panel.model.column_of("score")
    panel.table.sortByColumn(col, Qt.SortOrder.DescendingOrder)
    shown = [panel.proxy.index(r, col).data(SORT_ROLE) for r in range(panel.proxy.rowCount())]
    assert shown == sorted(shown, reverse=True)
    assert panel.proxy.index(0, col).data() == f"{max(weighted_scores(session.project)):,.1f}"


def test_weights_update_scores_live_and_undo(panel: CataloguePanel, session, qtbot) -> None:
    col = panel.model.column_of("score")
    before = [panel.model.value(r, "score") for r in range(panel.model.rowCount())]
    with qtbot.waitSignal(panel.model.dataChanged) as blocker:
        panel.weight_spins["jobs"].setValue(4.0)
    top_left, bottom_right = blocker.args[:2]
    assert (top_left.column(), bottom_right.column()) == (col, col)
    assert (top_left.row(), bottom_right.row()) == (0, 59)
    c0 = session.project.candidates[0]
    w = {"linkage": 1, "innovation": 1, "jobs": 4, "synergy": 1, "risk": 1}
    expected = sum(c0.criteria[k] * w[k] for k in w) / sum(w.values())
    assert math.isclose(panel.model.value(0, "score"), expected)
    panel.weight_spins["jobs"].setValue(5.0)
    assert session.undo_stack.count() == 1  # repeated edits of one weight merge
    session.undo_stack.undo()
    assert session.project.criteria[2].weight == 1.0
    assert panel.weight_spins["jobs"].value() == 1.0
    assert np.allclose([panel.model.value(r, "score") for r in range(60)], before)


def test_edit_cell_pushes_named_edit_with_exact_change(
    panel: CataloguePanel, session, qtbot
) -> None:
    model = panel.model
    col = model.column_of("requested_funding")
    idx = model.index(5, col)
    with qtbot.waitSignal(model.dataChanged) as blocker:
        assert model.setData(idx, "2.5")
    assert blocker.args[0] == idx and blocker.args[1] == idx
    cand = session.project.candidates[5]
    assert cand.requested_funding == 2.5
    assert session.undo_stack.undoText() == f"修改“{cand.name}”的申请资金（亿元）"
    assert idx.data() == "2.50"
    # a criterion score must stay within 0–100; refused with a message, nothing changes
    messages = []
    session.editFailed.connect(messages.append)
    assert not model.setData(model.index(5, model.column_of("criteria:jobs")), "120")
    assert "0–100" in messages[-1] and cand.criteria["jobs"] != 120
    assert not model.setData(model.index(5, col), "-1")
    assert "不能为负数" in messages[-1] and cand.requested_funding == 2.5


def test_type_and_region_edits_use_choices(panel: CataloguePanel, session) -> None:
    model = panel.model
    idx = model.index(0, model.column_of("region_code"))
    choices = idx.data(SORT_ROLE + 1)
    assert ("武侯区（510107）", "510107") in choices
    assert model.setData(idx, "500112")
    assert session.project.candidates[0].region_code == "500112"
    assert model.index(0, model.column_of("city")).data() == "渝北区"
    assert model.setData(model.index(0, model.column_of("unit_type")), "团队")
    assert session.project.candidates[0].unit_type is UnitType.TEAM
    assert not model.setData(idx, "999999")  # unknown region code


def test_shortlist_approve_reject_with_reason(panel: CataloguePanel, session, monkeypatch) -> None:
    ids = [c.id for c in session.project.candidates if c.status is Status.CANDIDATE][:2]
    panel.select_ids(ids)
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("评分靠前", True)))
    panel.shortlist_button.click()
    for cid in ids:
        c = session.project.candidate(cid)
        assert c.status is Status.SHORTLISTED and c.decisions[-1].reason == "评分靠前"
    assert session.undo_stack.undoText() == "设置 2 个候选为入围"
    assert panel.set_status(Status.REJECTED, "与已批准项目重复")
    assert session.project.candidate(ids[0]).decisions[-1].status is Status.REJECTED
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert all(session.project.candidate(i).status is Status.CANDIDATE for i in ids)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("", False)))
    assert not panel.set_status(Status.APPROVED)  # cancelled dialog: nothing happens
    assert session.undo_stack.index() == 0


def test_add_and_delete_candidate_with_links_and_allocations(
    panel: CataloguePanel, session, dialogs
) -> None:
    before = encode(session.project)
    cid = panel.add_candidate()
    assert cid == "MC-0061" and session.project.candidate(cid).name == "新候选"
    assert panel.selected_ids() == [cid]
    session.undo_stack.undo()
    victim = session.project.candidates[0]
    linked = [ln.id for ln in session.project.links if victim.id in (ln.source, ln.target)]
    assert linked
    panel.select_ids([victim.id])
    dialogs.answers["question"] = QMessageBox.StandardButton.Yes
    assert panel.delete_selected()
    assert session.project.candidate(victim.id) is None
    assert not any(ln.id in linked for ln in session.project.links)
    assert not any(
        a.candidate_id == victim.id for sc in session.project.scenarios for a in sc.allocations
    )
    assert panel.model.rowCount() == 59
    session.undo_stack.undo()
    assert encode(session.project) == before
    assert panel.model.rowCount() == 60


def test_links_follow_selection_and_are_editable(panel: CataloguePanel, session) -> None:
    c = session.project.candidates[0]
    panel.select_ids([c.id])
    lm = panel.links_model
    assert lm.rowCount() == sum(1 for ln in session.project.links if c.id in (ln.source, ln.target))
    assert lm.setData(lm.index(0, 4), "0.4")
    lid = lm.link_ids[0]
    assert next(ln for ln in session.project.links if ln.id == lid).strength == 0.4
    assert not lm.setData(lm.index(0, 4), "1.5")  # strength is a share 0–1
    other = session.project.candidates[1]
    panel.select_ids([c.id, other.id])
    new = panel.add_link()
    assert new == next_id({ln.id for ln in session.project.links} - {new}, "L-", 3)
    link = next(ln for ln in session.project.links if ln.id == new)
    assert (link.source, link.target, link.strength) == (c.id, other.id, 0.0)
    panel.links_table.selectRow(lm.link_ids.index(new))
    assert panel.delete_link()
    assert all(ln.id != new for ln in session.project.links)


def test_illustrative_rows_are_marked(panel: CataloguePanel) -> None:
    m = panel.model
    assert m.index(0, m.column_of("illustrative")).data() == "示例"
    assert "虚构" in m.index(0, m.column_of("name")).data(Qt.ItemDataRole.ToolTipRole)


def test_score_leaves_out_unscored_criteria(sample_project) -> None:
    c = sample_project.candidates[0]
    c.criteria = {"jobs": 80.0, "risk": 40.0}
    for crit in sample_project.criteria:
        crit.weight = 3.0 if crit.key == "jobs" else 1.0
    assert weighted_scores(sample_project)[0] == pytest.approx((80 * 3 + 40) / 4)
    c.criteria = {}
    assert math.isnan(weighted_scores(sample_project)[0])
    for crit in sample_project.criteria:
        crit.weight = 0.0
    assert np.isnan(weighted_scores(sample_project)).all()


def test_decision_record_follows_selection_decisions_and_undo(
    panel: CataloguePanel, session, qtmodeltester
) -> None:
    from workbench.ui.models.decisions import DecisionLogModel

    qtmodeltester.check(DecisionLogModel(session))
    cand = next(c for c in session.project.candidates if c.status is Status.CANDIDATE)
    before = len(cand.decisions)
    log = panel.decisions_model
    panel.select_ids([cand.id])
    assert log.candidate_id == cand.id and log.rowCount() == before
    assert panel.set_status(Status.SHORTLISTED, "产业链补链")
    assert panel.set_status(Status.REJECTED, "尽调发现风险")
    assert log.rowCount() == before + 2
    last = [log.index(before + 1, c).data() for c in range(log.columnCount())]
    assert last[2:] == ["入围", "否决", "尽调发现风险"]  # from → to, why
    assert last[0] and last[1]  # when, who
    assert "决策记录（" in panel.details.decisions_title.text()
    session.undo_stack.undo()
    assert log.rowCount() == before + 1
    assert log.index(before, 4).data() == "产业链补链"
    other = next(c for c in session.project.candidates if c.decisions and c.id != cand.id)
    panel.select_ids([other.id])
    assert log.candidate_id == other.id and log.rowCount() == len(other.decisions)
