"""The main window as a planner uses it: open the sample, filter, shortlist, allocate, see the
status bar and problems follow, undo, save and reopen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QMessageBox

from workbench.core.edits import SetValue
from workbench.core.enums import Instrument, Status
from workbench.io.codec import encode
from workbench.io.project_file import load
from workbench.ui.main_window import MainWindow

# The offscreen platform warns on every shown top-level window; it says nothing about our code.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _cell(window: MainWindow, cid: str, year: int, inst: str = "equity"):
    return window.allocations.model.cell_index(cid, inst, year)


def test_window_shows_sample_with_title_docks_and_status(window: MainWindow) -> None:
    assert "sample.wbp" in window.windowTitle()
    assert not window.isWindowModified()
    names = {d.objectName() for d in window.findChildren(QDockWidget)}
    assert {
        "catalogueDock",
        "allocationsDock",
        "fundDock",
        "parksDock",
        "problemsDock",
        "historyDock",
    } <= names
    # the scenario selector lists the project's scenarios
    combo = window.scenario_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["基准方案", "双核加力"]
    # status bar numbers carry their unit and come from the scenario's allocations (73.61 亿元)
    assert "73.61 亿元" in window.fund_label.text()
    assert "剩余 106.39 亿元" in window.fund_label.text()  # 200 − 5 × 2 % fee − 73.61
    assert "0 个错误" in window.problems_label.text()
    assert window.illustrative_label.text() == "含示例数据"


def test_window_is_shown_before_computing_and_says_so(qtbot, settings, sample_copy) -> None:
    """Start-up: the window paints first; plots and problems follow, saying "computing" meanwhile,
    and the status bar never claims "0 problems" before validation ran."""
    from workbench.ui.session import ProjectSession

    session = ProjectSession(
        load(sample_copy), sample_copy
    )  # built as app.py does, then the window
    w = MainWindow(session, settings)
    qtbot.addWidget(w)
    assert w.projection is not None and w.projection.computing
    assert w.projection.engine is None and not w.projection.tabs.isEnabled()
    assert "计算中" in w.projection.note_label.text()
    assert w.problems_label.text() == "问题：计算中…"
    assert "计算中" in w.problems.empty.text()
    assert not session.problems_ready
    assert "计算中" in w.assumptions.network_label.text()
    w.show()  # the first paint releases the computation
    qtbot.waitUntil(w.is_computed, timeout=10_000)
    assert w.projection.engine is not None and w.projection.tabs.isEnabled()
    assert "0 个错误" in w.problems_label.text()
    assert w.problems.empty.text() == "没有问题" or w.problems.model.rowCount() > 0
    assert w.assumptions.network_label.text().startswith("区域外溢网络：默认")
    assert w.projection.uplift_values()
    w.files.shutdown()


def test_standard_shortcuts_are_bound(window: MainWindow) -> None:
    a = window.actions_by_name
    assert a["actionNew"].shortcut() == QKeySequence("Ctrl+N")
    assert a["actionOpen"].shortcut() == QKeySequence("Ctrl+O")
    assert a["actionSave"].shortcut() == QKeySequence("Ctrl+S")
    assert a["actionSaveAs"].shortcut() == QKeySequence("Ctrl+Shift+S")
    assert a["actionUndo"].shortcut() == QKeySequence("Ctrl+Z")
    assert set(a["actionRedo"].shortcuts()) == {
        QKeySequence("Ctrl+Y"),
        QKeySequence("Ctrl+Shift+Z"),
    }
    assert a["actionFind"].shortcut() == QKeySequence("Ctrl+F")
    menus = [
        m.title() for m in window.menuBar().findChildren(type(window.recent_menu)) if m.title()
    ]
    for title in ("文件(&F)", "编辑(&E)", "视图(&V)", "工具(&T)", "帮助(&H)"):
        assert title in menus
    for name, action in a.items():
        assert action.objectName() == name


def test_scenario_selector_switches_allocations_and_status(window: MainWindow) -> None:
    with_one = window.fund_label.text()
    window.scenario_combo.setCurrentIndex(1)
    assert window.session.scenario == "双核加力"
    assert "79.05 亿元" in window.fund_label.text() and window.fund_label.text() != with_one


def test_filter_shortlist_allocate_undo_save_reopen(
    window: MainWindow, sample_copy: Path, qtbot
) -> None:
    cat = window.catalogue
    project = window.session.project
    units = project.planning_units()
    city = units[next(c for c in project.candidates if c.status is Status.CANDIDATE).region_code]
    cat.city_combo.setCurrentIndex(cat.city_combo.findData(city))
    cat.status_combo.setCurrentIndex(cat.status_combo.findData(Status.CANDIDATE.value))
    shown = cat.proxy.rowCount()
    expected = [
        c.id
        for c in project.candidates
        if units[c.region_code] == city and c.status is Status.CANDIDATE
    ]
    assert shown == len(expected) > 0
    assert cat.count_label.text().startswith(f"显示 {shown} / 60")
    cid = expected[0]
    cat.select_ids([cid])
    assert cat.selected_ids() == [cid]
    assert cat.set_status(Status.SHORTLISTED, reason="尽调通过")
    cand = project.candidate(cid)
    assert cand.status is Status.SHORTLISTED and cand.decisions[-1].reason == "尽调通过"
    # the filter (status 候选) now hides it
    assert cat.proxy.rowCount() == shown - 1

    # allocate 2027 equity money in place
    window.allocations.only_filled.setChecked(False)
    idx = window.allocations.proxy.mapFromSource(_cell(window, cid, 2027))
    with qtbot.waitSignal(window.session.changed, timeout=1000):
        assert window.allocations.proxy.setData(idx, "1.25")
    sc = project.scenario("基准方案")
    assert any(a.key == (cid, 2027, "equity") and a.amount == 1.25 for a in sc.allocations)
    assert "74.86 亿元" in window.fund_label.text()  # 73.61 + 1.25, within the same change notice
    undo = window.actions_by_name["actionUndo"]
    assert undo.text() == f"撤销 修改“{cand.name}”的 2027 年分配"
    assert window.isWindowModified()

    undo.trigger()
    assert not any(a.key == (cid, 2027, "equity") for a in sc.allocations)
    assert "73.61 亿元" in window.fund_label.text()
    undo.trigger()
    assert cand.status is Status.CANDIDATE
    assert all(d.reason != "尽调通过" for d in cand.decisions)
    assert not window.isWindowModified()
    window.actions_by_name["actionRedo"].trigger()
    window.actions_by_name["actionRedo"].trigger()
    assert cand.status is Status.SHORTLISTED

    assert window.files.save()
    assert not window.isWindowModified()
    reopened = load(sample_copy)
    assert encode(reopened) == encode(window.session.project)
    assert reopened.candidate(cid).status is Status.SHORTLISTED
    assert any(a.key == (cid, 2027, "equity") for a in reopened.scenario("基准方案").allocations)


def test_breach_is_a_problem_and_double_click_jumps_to_the_cell(window: MainWindow, qtbot) -> None:
    cid = window.session.project.candidates[0].id
    # 单个项目上限 5% of 200 亿元 = 10 亿元; 12 亿元 in one cell breaches it
    idx = window.allocations.proxy.mapFromSource(_cell(window, cid, 2026, Instrument.TALENT.value))
    window.allocations.only_filled.setChecked(False)
    idx = window.allocations.proxy.mapFromSource(_cell(window, cid, 2026, Instrument.TALENT.value))
    with qtbot.waitSignal(window.session.problemsChanged, timeout=2000):
        assert window.allocations.proxy.setData(idx, 12)  # problems follow on the next loop pass
    problems = window.problems.model
    codes = [p.code for p in window.session.problems()]
    assert "alloc.project_cap" in codes
    errors = sum(1 for p in window.session.problems() if p.severity.value == "error")
    assert errors >= 1 and f"{errors} 个错误" in window.problems_label.text()
    row = next(i for i, p in enumerate(window.session.problems()) if p.code == "alloc.project_cap")
    assert problems.data(problems.index(row, 1)).startswith(
        f"“{window.session.project.candidates[0].name}”合计"
    )
    window.allocations.only_filled.setChecked(True)
    window.docks["catalogueDock"].raise_()
    window.problems.activate_row(row)
    current = window.allocations.table.currentIndex()
    src = window.allocations.proxy.mapToSource(current)
    assert window.allocations.model.row_key(src.row())[0] == cid
    # the breached cell is tinted and explains itself on hover
    tip = window.allocations.model.data(
        _cell(window, cid, 2026, "talent"), Qt.ItemDataRole.ToolTipRole
    )
    assert "单个项目上限" in tip
    assert window.allocations.model.data(
        _cell(window, cid, 2026, "talent"), Qt.ItemDataRole.BackgroundRole
    )


def test_problem_on_candidate_jumps_to_catalogue_field(window: MainWindow, qtbot) -> None:
    cand = window.session.project.candidates[3]
    model = window.catalogue.model
    col = model.column_of("criteria:jobs")
    window.catalogue.set_filters(status="rejected")  # hide most rows: the jump must widen filters
    with qtbot.waitSignal(window.session.problemsChanged, timeout=2000):
        window.session.push(SetValue(("candidates", cand.id, "sector"), "不存在的产业"))
    row = next(
        i for i, p in enumerate(window.session.problems()) if p.code == "candidate.unknown_sector"
    )
    window.problems.activate_row(row)
    current = window.catalogue.proxy.mapToSource(window.catalogue.table.currentIndex())
    assert model.candidate_id(current.row()) == cand.id
    assert current.column() == model.column_of("sector") != col


def test_ctrl_f_focuses_catalogue_search(window: MainWindow, qtbot) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    window.docks["fundDock"].raise_()
    window.actions_by_name["actionFind"].trigger()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.catalogue.search, timeout=1000)


def test_rejected_input_shows_message_and_changes_nothing(window: MainWindow) -> None:
    window.allocations.only_filled.setChecked(False)
    cid = window.session.project.candidates[0].id
    before = encode(window.session.project)
    idx = window.allocations.proxy.mapFromSource(_cell(window, cid, 2027))
    assert not window.allocations.proxy.setData(idx, "-3")
    assert "不能为负数" in window.message_label.text()
    assert not window.allocations.proxy.setData(idx, "abc")
    assert "不是数字" in window.message_label.text()
    assert encode(window.session.project) == before
    assert window.session.undo_stack.count() == 0


def test_close_with_unsaved_work_asks_and_cancel_keeps_window(window: MainWindow, dialogs) -> None:
    window.catalogue.set_weight("jobs", 3.0)
    dialogs.answers["question"] = QMessageBox.StandardButton.Cancel
    assert not window.close()
    assert dialogs.texts("question") == ["“sample.wbp”有未保存的修改。是否保存？"]
    assert window.session.project.criteria[2].weight == 3.0  # nothing was lost
    dialogs.answers["question"] = QMessageBox.StandardButton.Discard
    assert window.close()


def test_dock_layout_is_remembered(qtbot, settings, session) -> None:
    w = MainWindow(session, settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.docks["historyDock"].close()
    assert w.close()
    from workbench.ui.session import ProjectSession

    w2 = MainWindow(ProjectSession(session.project, session.path), settings)
    qtbot.addWidget(w2)
    w2.show()
    qtbot.waitExposed(w2)
    assert not w2.docks["historyDock"].isVisible()
    assert w2.docks["problemsDock"].isVisible()
    w2.reset_layout()
    assert w2.docks["historyDock"].isVisible()
    w2.files.shutdown()


def test_english_interface_after_restart(qtbot, settings, session) -> None:
    from workbench.ui import i18n

    settings.language = "en"
    i18n.set_language(settings.language)
    w = MainWindow(session, settings)
    qtbot.addWidget(w)
    assert w.menuBar().actions()[0].text() == "&File"
    assert w.docks["catalogueDock"].windowTitle() == "Catalogue"
    assert "100M yuan" in w.fund_label.text()
    w.files.shutdown()


def test_dropping_files_opens_projects_and_routes_tables(
    window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    calls = []
    monkeypatch.setattr(
        window, "run_dialog_action", lambda name, path=None: calls.append((name, path))
    )
    csv = tmp_path / "gdp.csv"
    csv.write_text("地区,2024\n成都市,1\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(csv))])
    event = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert calls == [("import_statistics", str(csv))]
    assert not window.open_dropped(tmp_path / "notes.txt")
    assert "只接受" in window.message_label.text()


@pytest.mark.parametrize(
    "name",
    [
        "catalogueTable",
        "allocationTable",
        "contributionsTable",
        "fundYearTable",
        "parksList",
        "problemsTable",
        "undoView",
        "scenarioCombo",
        "catalogueSearch",
    ],
)
def test_main_widgets_have_stable_object_names(window: MainWindow, name: str) -> None:
    from PySide6.QtWidgets import QWidget

    assert window.findChild(QWidget, name) is not None


def test_every_ui_string_has_both_languages_with_the_same_placeholders() -> None:
    import string

    from workbench.ui.i18n import STRINGS

    fields = string.Formatter()
    for key, (zh, en) in STRINGS.items():
        assert zh.strip() and en.strip(), key
        zh_fields = {f for _t, f, _s, _c in fields.parse(zh) if f}
        en_fields = {f.split("!")[0] for _t, f, _s, _c in fields.parse(en) if f}
        assert zh_fields == en_fields, key
