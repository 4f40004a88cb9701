"""园区: list and editor — model, host and partners, GDP and tax rules, the yearly ratio schedule,
joint-company shares; every change one undoable step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from workbench.core.enums import GdpRule, ParkModel
from workbench.io.codec import encode
from workbench.ui.models.agreements import ShareGridModel
from workbench.ui.models.parks import ParkGridModel, ParksListModel
from workbench.ui.panels.parks import ParksPanel

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen, shown widgets


@pytest.fixture
def panel(qtbot, settings, session) -> ParksPanel:
    p = ParksPanel(session)
    qtbot.addWidget(p)
    return p


def test_models_pass_model_tester(qtmodeltester, session) -> None:
    qtmodeltester.check(ParksListModel(session))
    for kind in ("investment", "equity"):
        m = ParkGridModel(session, kind)
        m.set_park("P-01")
        qtmodeltester.check(m)
    for kind in ("gdp_split", "tax_split"):  # the park's agreement
        s = ShareGridModel(session, kind)
        s.set_park("P-01")
        qtmodeltester.check(s)


def test_list_and_editor_show_the_first_park(panel: ParksPanel, session) -> None:
    park = session.project.parks[0]
    assert panel.park_id == park.id
    assert panel.name_edit.text() == park.name
    assert "虚构" in panel.illustrative.text()
    assert panel.model_combo.currentData() == park.model.value
    assert panel.host_combo.currentData() == park.host
    assert panel.existing_tax.suffix() == " 亿元/年"
    assert panel.list_model.index(0, 3).data() == "✓"  # in 基准方案


def test_tax_split_schedule_with_sum_row(panel: ParksPanel, session) -> None:
    m = panel.grids["tax_split"]
    park = session.project.agreement("AG-P-01")  # the park's GDP and tax rules
    assert m.rowCount() == len(park.parties) + 1
    sum_row = m.rowCount() - 1
    assert m.index(sum_row, 0).data() == "合计"
    assert m.index(sum_row, 1).data() == "100.0"
    r = m.parties.index("510100")
    assert m.setData(m.index(r, 4), "70")  # 2029
    assert park.tax_split[2029]["510100"] == 70.0
    assert m.index(sum_row, 4).data() == "120.0"
    assert m.index(sum_row, 4).data(Qt.ItemDataRole.ForegroundRole) is not None  # off 100 %
    assert any(p.code == "sharing.tax_split_sum" for p in session.problems())
    assert not m.flags(m.index(sum_row, 4)) & Qt.ItemFlag.ItemIsEditable
    assert not m.setData(m.index(r, 4), "130")  # a share above 100 % is refused
    session.undo_stack.undo()
    assert park.tax_split[2029]["510100"] == 50.0


def test_form_fields_push_edits(panel: ParksPanel, session) -> None:
    before = encode(session.project)
    park = session.project.parks[0]
    panel.model_combo.setCurrentIndex(panel.model_combo.findData(ParkModel.FUND_PARK.value))
    panel.model_combo.activated.emit(panel.model_combo.currentIndex())
    assert park.model is ParkModel.FUND_PARK
    panel.gdp_combo.setCurrentIndex(panel.gdp_combo.findData(GdpRule.LOCATION.value))
    panel.gdp_combo.activated.emit(panel.gdp_combo.currentIndex())
    assert session.project.agreement("AG-P-01").gdp_rule is GdpRule.LOCATION
    panel.area.setValue(15.5)
    assert park.area_km2 == 15.5
    assert panel.set_partners(["510100", "510300"])
    assert park.partners == ["510100", "510300"]
    assert panel.grids["equity"].rowCount() == 4  # host + 2 partners + sum
    panel.fixed_rate.setValue(panel.fixed_rate.minimum())
    assert park.fixed_return is None
    panel.in_scenario.setChecked(False)
    assert park.id not in session.current_scenario().park_ids
    assert session.undo_stack.count() == 6
    while session.undo_stack.canUndo():
        session.undo_stack.undo()
    assert encode(session.project) == before
    assert panel.area.value() == 12.0 and panel.in_scenario.isChecked()


def test_add_and_delete_park(panel: ParksPanel, session) -> None:
    pid = panel.add_park()
    assert pid == "P-03" and panel.park_id == pid
    assert panel.name_edit.text() == "新园区"
    assert panel.grids["gdp_split"].rowCount() == 2  # host + sum
    assert session.project.agreement("AG-P-03").park_id == pid  # its default agreement
    panel.select_park("P-01")
    assert panel.delete_park()
    assert session.project.park("P-01") is None and session.project.agreement("AG-P-01") is None
    assert all("P-01" not in sc.park_ids for sc in session.project.scenarios)
    session.undo_stack.undo()
    assert (
        session.project.park("P-01") is not None and "P-01" in session.project.scenarios[0].park_ids
    )
    assert session.project.agreement("AG-P-01") is not None


def test_partner_checklist_keeps_its_place_and_lists_checked_first(
    qtbot, panel: ParksPanel, session
) -> None:
    from PySide6.QtCore import Qt

    panel.resize(900, 800)
    panel.show()
    qtbot.waitExposed(panel)
    park = session.project.parks[0]
    lst = panel.partners.list
    assert lst.height() >= 170
    first = [lst.item(i).data(Qt.ItemDataRole.UserRole) for i in range(len(park.partners))]
    assert first == list(park.partners)  # checked partners are on top, in view
    bar = lst.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    item = lst.item(lst.count() - 1)
    code = item.data(Qt.ItemDataRole.UserRole)
    item.setCheckState(Qt.CheckState.Checked)  # a tick, as a click makes it
    assert code in park.partners
    assert bar.value() == bar.maximum() and lst.item(lst.count() - 1) is item
    panel.partners.filter.setText(session.project.region("510100").name)
    shown = [lst.item(i) for i in range(lst.count()) if not lst.item(i).isHidden()]
    assert [i.data(Qt.ItemDataRole.UserRole) for i in shown] == ["510100"]
    session.undo_stack.undo()
    assert code not in park.partners and item.checkState() == Qt.CheckState.Unchecked


def test_host_picker_is_grouped_by_city_and_searchable(panel: ParksPanel, session) -> None:
    from workbench.ui.panels.park_widgets import host_entries

    p = session.project
    groups = host_entries(p)
    chengdu = next(items for name, _h, items in groups if name == "成都市")
    assert chengdu[0][1] == "510100" and all("成都市 ›" in t for t, _c in chengdu[1:])
    assert any(name == "重庆市" and not head for name, head, _i in groups)
    combo = panel.host_combo
    wuhou = next(c for t, c in chengdu if "武侯区" in t)
    completer = combo.completer()
    completer.setCompletionPrefix("武侯")
    assert completer.completionCount() >= 1
    assert "武侯区" in completer.currentCompletion()
    completer.activated[str].emit(completer.currentCompletion())
    assert p.parks[0].host == wuhou and combo.currentData() == wuhou
    combo.setEditText("不存在的地方")
    combo.lineEdit().editingFinished.emit()
    assert combo.currentData() == wuhou and "武侯区" in combo.currentText()


def test_new_park_is_in_the_scenario_with_the_selected_city_as_one_step(
    panel: ParksPanel, session
) -> None:
    p = session.project
    panel.select_park("P-01")
    city = p.planning_units()[p.park("P-01").host]
    count = session.undo_stack.count()
    pid = panel.add_park()
    assert p.park(pid).host == city != p.park("P-01").host
    assert pid in session.current_scenario().park_ids and panel.in_scenario.isChecked()
    assert panel.list_model.index(len(p.parks) - 1, 3).data() == "✓"
    assert session.undo_stack.count() == count + 1
    session.undo_stack.undo()
    assert p.park(pid) is None and pid not in session.current_scenario().park_ids


def test_park_cell_undo_text_names_year_and_party(panel: ParksPanel, session) -> None:
    m = panel.grids["tax_split"]
    r = m.parties.index("510100")
    assert m.setData(m.index(r, 3), "55")  # 2028
    assert session.undo_stack.undoText() == "修改 P-01 2028年 成都市 税收分成"
    g = panel.grids["equity"]
    assert g.setData(g.index(g.parties.index("510100"), 1), "52")
    assert session.undo_stack.undoText() == "修改 P-01 成都市 股比"


def test_sector_is_shown_in_english_and_stored_by_its_chinese_name(
    qtbot, settings, session
) -> None:
    from workbench.ui import i18n

    i18n.set_language("en")
    try:
        p = ParksPanel(session)
        qtbot.addWidget(p)
        park = session.project.parks[0]
        combo = p.sector_combo
        shown = [combo.itemText(i) for i in range(combo.count())]
        assert shown and not any("\u4e00" <= ch <= "\u9fff" for t in shown for ch in t)
        assert combo.currentData() == park.sector  # the park's sector, in English
        other = next(i for i in range(combo.count()) if combo.itemData(i) != park.sector)
        combo.setCurrentIndex(other)
        combo.activated.emit(other)
        assert session.project.park(park.id).sector == combo.itemData(other)  # stored in Chinese
        session.undo_stack.undo()
        assert session.project.park(park.id).sector == park.sector
    finally:
        i18n.set_language("zh")
