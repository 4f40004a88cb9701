"""The 地区 dock: a region's profile shows its imported statistics with their cell provenance;
the statistics table corrects, deletes and prefers figures through undoable edits; the comparison
table is ranked and copyable; a double-click on a region's name elsewhere opens it."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from workbench.core.model import StatValue
from workbench.ui.i18n import set_language
from workbench.ui.regions.actions import region_at, show_region
from workbench.ui.regions.panel import RegionsPanel

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _imported(session) -> None:
    r = session.project.region("500112")
    r.statistics = [
        StatValue(
            "gdp",
            2022,
            2297.11,
            "亿元",
            "cq.xlsx · 表2 · D14",
            "2023年鉴",
            "cq.xlsx",
            "表2",
            "D14",
            "2026-11-30",
        ),
        StatValue("gdp", 2022, 2290.0, "亿元", "快报", "初步核算"),
        StatValue(
            "gdp",
            2021,
            2180.0,
            "亿元",
            "cq.xlsx · 表2 · D13",
            "2023年鉴",
            "cq.xlsx",
            "表2",
            "D13",
            "2026-11-30",
        ),
    ]


@pytest.fixture
def panel(qtbot, session):
    _imported(session)
    p = RegionsPanel(session)
    qtbot.addWidget(p)
    p.resize(900, 700)
    p.show()
    return p


def test_profile_shows_imported_statistics_with_cell_provenance(panel):
    assert panel.show_region("500112")
    text = panel.profile.toPlainText()
    assert "渝北区" in text
    assert "cq.xlsx · 表2 · D14 (2026-11-30)" in text
    assert "cq.xlsx · 表2 · D13" in text and "2023年鉴" in text and "初步核算" in text
    assert "重庆都市圈" in text  # membership
    assert "北碚区" in text  # a neighbour
    assert "示例·川渝高竹新区共建园" in text  # a park where it is partner


def test_profile_in_english(panel):
    set_language("en")
    try:
        panel.show_region("510112")
        text = panel.profile.toPlainText()
        assert "Statistics by year" in text and "planning unit" in text
    finally:
        set_language("zh")


def test_links_in_the_profile_open_regions(panel):
    from PySide6.QtCore import QUrl

    panel.show_region("500112")
    panel._link(QUrl("region:500109"))
    assert panel.code == "500109" and "北碚区" in panel.profile.toPlainText()


def test_statistics_models_pass_qtmodeltester(panel, qtmodeltester):
    panel.tabs.setCurrentWidget(panel.statistics)
    qtmodeltester.check(panel.statistics.model)
    panel.tabs.setCurrentWidget(panel.compare)
    qtmodeltester.check(panel.compare.model)
    qtmodeltester.check(panel.statistics.history)


def _row(tab, vintage: str, year: int) -> int:
    return next(
        i
        for i, r in enumerate(tab.model.source_rows)
        if r.code == "500112" and r.stat.vintage == vintage and r.stat.year == year
    )


def test_correct_prefer_delete_with_undo(panel, session):
    tab = panel.statistics
    panel.tabs.setCurrentWidget(tab)
    tab.region_filter.setText("500112")
    assert len(tab.model.source_rows) == 3
    tab.conflicts.setChecked(True)
    assert len(tab.model.source_rows) == 2
    tab.conflicts.setChecked(False)
    i = _row(tab, "初步核算", 2022)
    assert tab.model.setData(tab.model.index(i, tab.model.VALUE), "2291.5")
    assert session.project.region("500112").statistics[1].value == 2291.5
    session.undo_stack.undo()
    assert session.project.region("500112").statistics[1].value == 2290.0
    # prefer the preliminary figure: the baseline then reads it
    i = _row(tab, "初步核算", 2022)
    tab.view.selectRow(tab.proxy.mapFromSource(tab.model.index(i, 0)).row())
    tab.prefer_button.click()
    assert tab.model.source_rows[_row(tab, "初步核算", 2022)].used
    session.undo_stack.undo()
    assert not tab.model.source_rows[_row(tab, "初步核算", 2022)].used
    i = _row(tab, "2023年鉴", 2021)
    tab.view.selectRow(tab.proxy.mapFromSource(tab.model.index(i, 0)).row())
    tab.delete_button.click()
    assert len(session.project.region("500112").statistics) == 2
    session.undo_stack.undo()
    assert len(session.project.region("500112").statistics) == 3


def test_bad_value_is_refused(panel, session):
    tab = panel.statistics
    tab.region_filter.setText("500112")
    msgs = []
    session.editFailed.connect(msgs.append)
    assert not tab.model.setData(tab.model.index(0, tab.model.VALUE), "1,5")
    assert msgs and session.project.region("500112").statistics[0].value == 2297.11


def test_compare_table_ranked_and_copyable(panel):
    panel.tabs.setCurrentWidget(panel.compare)
    m = panel.compare.model
    assert m.rowCount() > 30
    assert m.codes[0] == "500112"  # the largest GDP first
    panel.compare.copy()
    text = QApplication.clipboard().text()
    assert text.splitlines()[0].startswith("排名\t地区") and "渝北区" in text
    panel.compare.members.setCurrentIndex(panel.compare.members.findData("members.chengdu"))
    panel.compare.refresh()
    assert "500112" not in m.codes and "510112" in m.codes


def test_double_click_route_reads_region_cells(window):
    from workbench.ui.models.fund import ContributionsModel

    model = ContributionsModel(window.session)
    code = region_at(window.session.project, model.index(0, 0))
    assert code == model.codes[0]
    assert show_region(window, "511623")
    assert window.docks["regionsDock"].isVisibleTo(window)
    assert window.regions.code == "511623"
    assert window.regions.profile.toPlainText().startswith("邻水县")


def test_structure_tab_reads(panel):
    panel.tabs.setCurrentWidget(panel.structure)
    text = panel.structure.toPlainText()
    assert "产业同构" in text and "介数中心性" in text and "docs/regions.md" in text


def test_settings_dialog_sets_the_planning_level_with_undo(window, monkeypatch):
    from PySide6.QtWidgets import QComboBox, QDialog

    from workbench.ui.dialogs.settings_dialog import SettingsDialog

    def choose_county(self: SettingsDialog) -> int:
        combo = self.findChild(QComboBox, "planningLevelCombo")
        combo.setCurrentIndex(combo.findData("county"))
        self.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SettingsDialog, "exec", choose_county)
    p = window.session.project
    assert p.planning_unit("510112") == "510100"
    window.actions_by_name["actionSettings"].trigger()
    assert p.planning_unit("510112") == "510112"
    assert p.planning_levels == {"510000": "county"}
    window.session.undo_stack.undo()
    assert p.planning_unit("510112") == "510100" and p.planning_levels == {}


def test_double_click_on_a_read_only_region_cell_opens_the_region(window, qtbot):
    """A real double-click on a table of another panel (built before the 地区 dock) opens the
    region; a double-click on a cell that names no region leaves the dock alone."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTableView

    window.resize(1600, 1000)
    window.show()
    qtbot.waitExposed(window)
    found = None
    for view in window.findChildren(QTableView):
        if view.objectName() in ("compareTable", "statisticsTable") or not view.isVisible():
            continue
        model = view.model()
        for row in range(min(model.rowCount(), 5)):
            index = model.index(row, 0)
            code = region_at(window.session.project, index)
            if code and not index.flags() & Qt.ItemFlag.ItemIsEditable:
                found = (view, index, code)
                break
        if found:
            break
    assert found is not None, "no visible table shows a region in its first column"
    view, index, code = found
    view.scrollTo(index)
    pos = view.visualRect(index).center()
    # as a real double-click arrives: press/release, then the double-click event
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.waitUntil(lambda: window.regions.code == code, timeout=5000)


def test_profile_uplift_shows_its_range_once_the_draws_are_in(panel, session, qtbot):
    from workbench.core.uncertainty import draw_model
    from workbench.core.uncertainty.units import GROUP, group_band
    from workbench.ui.projection.unit_bands import service_for

    session.project.uncertainty.draws, session.project.uncertainty.seed = 40, 5
    with qtbot.waitSignal(service_for(session).updated, timeout=30_000):
        assert panel.show_region("500112")
        assert "P10–P90" not in panel.profile.toPlainText()  # not waited for
    qtbot.waitUntil(lambda: "区间 P10–P90" in panel.profile.toPlainText(), timeout=5_000)
    text = panel.profile.toPlainText()
    model = draw_model(session.project, session.scenario, draws=40, seed=5)
    band = group_band(model, "location", "gdp", ("500112",)).at(GROUP, 2030)
    assert f"{band[0]:,.3f} – {band[2]:,.3f}（P50 {band[1]:,.3f}）" in text
    assert "40 次抽样" in text
