"""利益分享: agreements list and editor, share grids, settlement tabs; every change one undoable
step, in Chinese and in English."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from workbench.core.enums import Coverage, GdpRule, SettlementMethod
from workbench.io.codec import encode
from workbench.ui.models.agreements import AgreementsListModel, FrameModel, ShareGridModel
from workbench.ui.panels.sharing import NO_YEAR, SharingPanel

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def panel(qtbot, settings, session) -> SharingPanel:
    p = SharingPanel(session)
    qtbot.addWidget(p)
    return p


def test_models_pass_model_tester(qtmodeltester, session) -> None:
    qtmodeltester.check(AgreementsListModel(session))
    for kind in ("gdp_split", "tax_split"):
        m = ShareGridModel(session, kind)
        m.set_agreement("AG-P-01")
        qtmodeltester.check(m)
    f = FrameModel([("year", "share.year", None), ("owed", "share.col.owed", 2)])
    from workbench.core.sharing import settlement_tables

    f.set_frame(settlement_tables(session.project, "基准方案")["tax"])
    qtmodeltester.check(f)


def test_list_and_editor_show_the_first_agreement(panel: SharingPanel, session) -> None:
    deal = session.project.agreements[0]
    assert panel.agreement_id == deal.id and panel.name_edit.text() == deal.name
    assert panel.list_model.index(0, 1).data() == "园区"
    assert panel.gdp_rule.currentData() == GdpRule.SPLIT.value
    assert panel.park_combo.currentData() == "P-01" and not panel.units.isEnabled()
    assert sorted(panel.parties.chosen()) == sorted(deal.parties)
    assert panel.start.text() == "不限" and panel.existing.value() == pytest.approx(0.4)
    assert "中央分享部分" in panel.note.text()


def test_form_fields_push_one_undoable_edit_each(panel: SharingPanel, session) -> None:
    before = encode(session.project)
    deal = session.project.agreements[0]
    panel.settlement.setCurrentIndex(panel.settlement.findData(SettlementMethod.TRANSFER.value))
    panel.settlement.activated.emit(panel.settlement.currentIndex())
    assert deal.settlement is SettlementMethod.TRANSFER
    panel.sunset.setValue(2028)
    assert deal.sunset_year == 2028
    panel.sunset.setValue(NO_YEAR)
    assert deal.sunset_year is None
    m = panel.grids["tax_split"]
    r = m.parties.index("510100")
    assert m.setData(m.index(r, 5), "70")  # 2030
    assert deal.tax_split[2030]["510100"] == 70.0
    assert m.index(m.rowCount() - 1, 5).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert any(p.code == "sharing.tax_split_sum" for p in session.problems())
    assert (
        session.undo_stack.undoText()
        == "修改 示例·成都—资阳飞地产业园利益分享 2030年 成都市 税收分成"
    )
    assert session.undo_stack.count() == 3  # the two sunset edits merge into one step
    while session.undo_stack.canUndo():
        session.undo_stack.undo()
    assert encode(session.project) == before


def test_add_a_relocation_agreement_then_delete_it(panel: SharingPanel, session) -> None:
    cid = session.project.scenarios[0].allocations[0].candidate_id
    host = session.project.candidate(cid).region_code
    aid = panel.add_agreement()
    assert (
        panel.agreement_id == aid and session.project.agreement(aid).coverage is Coverage.RELOCATION
    )
    panel.units.setText(cid)
    panel.units.editingFinished.emit()
    assert session.project.agreement(aid).candidate_ids == [cid]
    assert panel._set_origin("500103") and session.project.candidate(cid).origin_region == "500103"
    assert panel.origin.currentData() == "500103"
    panel._set("parties", ["500103", host])
    m = panel.grids["tax_split"]
    assert m.setData(m.index(0, 1), "30") and m.setData(m.index(1, 1), "70")
    assert session.project.agreement(aid).tax_split[2026] == {"500103": 30.0, host: 70.0}
    panel.results.recompute()
    tax = panel.results.tables["tax"]
    owed = tax[(tax.agreement_id == aid) & (tax.party_code == "500103")]
    assert len(owed) and (owed.share_pct == 30.0).all()
    assert panel.results.models["transfers"].rowCount() > 0
    assert panel.delete_agreement() and session.project.agreement(aid) is None
    # without its agreement the relocated unit falls back to the default, labelled 假设
    assert "默认协议（假设）" in panel.note.text() and "40%" in panel.note.text()
    session.undo_stack.undo()
    assert session.project.agreement(aid) is not None
    assert "假设" not in panel.note.text()


def test_settlement_tabs_filter_by_year_and_show_the_fund(panel: SharingPanel, session) -> None:
    panel.results.recompute()
    assert "DPI" in panel.results.performance.text() and "假设" in panel.results.performance.text()
    every = panel.results.models["tax"].rowCount()
    panel.results.year.setCurrentIndex(panel.results.year.findData(2029))
    assert 0 < panel.results.models["tax"].rowCount() < every
    assert panel.results.models["fund"].rowCount() > 0
    stat = panel.results.models["statistics"]
    assert {stat.index(r, 7).data() for r in range(stat.rowCount())} == {"是", "否"}  # 高竹: 否
    assert stat.index(0, 3).data() == "按比例分计"


def test_jump_to_an_agreement_field(panel: SharingPanel, session) -> None:
    assert SharingPanel.owns(("agreements", "AG-P-02", "tax_split", 2027))
    assert not SharingPanel.owns(("parks", "P-02"))
    panel.show()
    assert panel.jump_to(("agreements", "AG-P-02", "sunset_year"))
    assert panel.agreement_id == "AG-P-02"


def test_screenshots_in_chinese_and_english(qtbot, settings, session, tmp_path) -> None:
    """Both languages render (looked at by hand; the files are not kept)."""
    from workbench.ui import i18n

    for lang in ("zh", "en"):
        i18n.set_language(lang)
        try:
            p = SharingPanel(session)
            qtbot.addWidget(p)
            p.resize(1200, 800)
            p.show()
            p.results.recompute()
            assert p.grab().save(str(tmp_path / f"sharing_{lang}.png"))
            if lang == "en":
                assert p.list_model.index(0, 1).data() == "park"
                assert "central share" in p.note.text()
        finally:
            i18n.set_language("zh")
