"""The 优化 dialog and the 方案对比 view, driven like a planner would: they compute off the UI
thread, show the proposal or the differences, and change the project only through undoable edits."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from workbench.core.allocation_sums import allocation_sums
from workbench.core.enums import Status
from workbench.ui import i18n
from workbench.ui.decide.compare_dialog import CompareDialog
from workbench.ui.decide.optimise_dialog import OptimiseDialog


def _solve(qtbot, dlg):
    with qtbot.waitSignal(dlg.run().finished, timeout=60_000):
        pass
    return dlg.outcome


@pytest.fixture
def optimise_dialog(qtbot, win):
    dlg = OptimiseDialog(win)
    qtbot.addWidget(dlg)
    dlg.form.status_boxes[Status.SHORTLISTED].setChecked(True)
    return dlg


def test_optimise_shows_the_proposal_then_adds_it_as_a_new_scenario(qtbot, win, optimise_dialog):
    dlg = optimise_dialog
    assert not dlg.new_button.isEnabled() and not dlg.apply_button.isEnabled()
    assert dlg.form.rules_table.rowCount() >= 8  # the fund rules with their current values
    r = _solve(qtbot, dlg)
    assert r.ok and r.errors == [] and r.exact_value > r.base_value
    assert "净增加值" in dlg.summary.text() and "间隙" in dlg.summary.text()
    assert dlg.cand_model.rowCount() > 0 and dlg.city_model.rowCount() > 0
    assert dlg.new_button.isEnabled()
    session = win.session
    n = len(session.project.scenarios)
    dlg.name_edit.setText("优化方案甲")
    assert dlg.accept_as_new()
    assert len(session.project.scenarios) == n + 1 and session.scenario == "优化方案甲"
    session.undo_stack.undo()
    assert session.project.scenario("优化方案甲") is None


def test_apply_to_the_current_scenario_is_one_undo_step(qtbot, win, optimise_dialog):
    session = win.session
    current = session.current_scenario()
    before = dict(allocation_sums(current).amounts)
    steps = session.undo_stack.count()
    r = _solve(qtbot, optimise_dialog)
    assert optimise_dialog.apply_to_current()
    assert session.undo_stack.count() == steps + 1
    assert allocation_sums(current).amounts == pytest.approx(allocation_sums(r.scenario).amounts)
    session.undo_stack.undo()
    assert allocation_sums(current).amounts == pytest.approx(before)


def test_locked_cells_and_an_infeasible_request(qtbot, win, optimise_dialog):
    dlg = optimise_dialog
    dlg.form.locked_table.item(0, 0).setCheckState(Qt.CheckState.Checked)
    key, amount = dlg.form.locked_keys[0]
    r = _solve(qtbot, dlg)
    assert allocation_sums(r.scenario).amounts[key] == pytest.approx(amount)
    dlg.form.reverse.setChecked(True)
    dlg.form.target.setValue(5000)
    r = _solve(qtbot, dlg)
    assert not r.ok and "无可行方案" in dlg.summary.text() and "目标" in dlg.summary.text()
    assert not dlg.new_button.isEnabled() and not dlg.apply_button.isEnabled()


def test_cancel_stops_and_changes_nothing(qtbot, win, optimise_dialog, monkeypatch):
    import workbench.core.optimise.responses as responses

    gate = threading.Event()
    real = responses.responses

    def slow(*a, **k):
        gate.wait(10)
        return real(*a, **k)

    monkeypatch.setattr(responses, "responses", slow)
    n = len(win.session.project.scenarios)
    task = optimise_dialog.run()
    assert optimise_dialog.cancel_button.isEnabled() and not optimise_dialog.run_button.isEnabled()
    with qtbot.waitSignal(task.cancelled, timeout=20_000):
        optimise_dialog.cancel()
        gate.set()
    assert "已取消" in optimise_dialog.summary.text()
    assert optimise_dialog.run_button.isEnabled()
    assert len(win.session.project.scenarios) == n


def test_compare_view_splits_each_difference(qtbot, win):
    dlg = CompareDialog(win)
    qtbot.addWidget(dlg)
    assert dlg.chosen() == ["基准方案", "双核加力"]
    with qtbot.waitSignal(dlg.run().succeeded, timeout=60_000):
        pass
    m = dlg.city_model
    assert m.rowCount() > 10
    cols = [
        m.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for c in range(m.columnCount())
    ]
    d, a, s = (cols.index(h) for h in ("差异", "来自分配", "来自参数"))
    for r in range(m.rowCount()):
        assert m.raw(r, a) + m.raw(r, s) == pytest.approx(m.raw(r, d), abs=1e-12)
    assert "全域" in dlg.summary.text() and "两种顺序取平均" in dlg.summary.text()
    dlg.metric_combo.setCurrentIndex(dlg.metric_combo.findData("tax"))
    assert dlg.basis_combo.findData("fiscal") >= 0 and m.rowCount() > 0
    for view in (dlg.money_model, dlg.breach_model, dlg.cell_model):
        assert view.rowCount() > 0


def test_compare_needs_two_scenarios(qtbot, win):
    dlg = CompareDialog(win)
    qtbot.addWidget(dlg)
    dlg.scenarios.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert dlg.run() is None and "两个" in dlg.summary.text()


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, on showing a window
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_screenshots_in_both_languages(qtbot, win, lang, tmp_path):
    """Rendered offscreen for a look (saved under /tmp/opt when it exists, never committed)."""
    import os

    i18n.set_language(lang)
    try:
        out = "/tmp/opt" if os.path.isdir("/tmp/opt") else str(tmp_path)
        cmp = CompareDialog(win)
        qtbot.addWidget(cmp)
        with qtbot.waitSignal(cmp.run().succeeded, timeout=60_000):
            pass
        cmp.show()
        cmp.grab().save(f"{out}/compare_{lang}.png")
        opt = OptimiseDialog(win)
        qtbot.addWidget(opt)
        opt.form.status_boxes[Status.SHORTLISTED].setChecked(True)
        _solve(qtbot, opt)
        opt.show()
        opt.grab().save(f"{out}/optimise_{lang}.png")
        assert ("Scenario" in cmp.summary.text() or "vs" in cmp.summary.text()) == (lang == "en")
        if lang == "en":  # money says 100M yuan in English, in headers, summaries and rules
            models = (cmp.city_model, cmp.cell_model, opt.cand_model, opt.city_model)
            shown = [cmp.summary.text(), opt.summary.text()] + [
                str(m.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole))
                for m in models
                for c in range(m.columnCount())
            ]
            assert "亿元" not in " ".join(shown)
            assert any("100M yuan" in text for text in shown)
    finally:
        i18n.set_language("zh")


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_tools_menu_opens_both(qtbot, window):
    names = [a.objectName() for a in window.findChild(type(window.menuBar()), "menuBar").actions()]
    assert names  # the menu bar is built
    cmp = window.run_decide_action("open_compare")
    opt = window.run_decide_action("open_optimise")
    qtbot.addWidget(cmp)
    qtbot.addWidget(opt)
    assert cmp.objectName() == "compareDialog" and opt.objectName() == "optimiseDialog"
    assert window.actions_by_name["actionOptimise"].text() == "优化分配…"
