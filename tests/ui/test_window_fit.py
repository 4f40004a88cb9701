"""The window on real screens and at start-up: it fits 1366×768 and 1920×1080 in both languages,
the toolbar stands still, extra height goes to the tables, and the first paint does not wait for
pandas, scipy, Excel or the panels hidden behind tabs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from start_up_probe import modules_at_start_up

from workbench.core.edits import SetValue
from workbench.ui import docks, i18n
from workbench.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _inner(widget):  # the panel, also when fit_to put it in a scroll area
    return widget.widget() if hasattr(widget, "cap") else widget


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("screen", [(1366, 768), (1920, 1080)])
def test_window_fits_the_screen_and_no_panel_is_squeezed(qtbot, settings, session, lang, screen):
    i18n.set_language(lang)
    w = MainWindow(session, settings)
    qtbot.addWidget(w)
    width, height = screen
    w.resize(width, height)
    w.fit_to(QRect(0, 0, width, height))
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(w.is_computed, timeout=10_000)
    qtbot.waitUntil(lambda: docks.all_built(w))
    hint = w.minimumSizeHint()
    assert hint.width() <= width and hint.height() <= height, (lang, hint)
    assert w.width() <= width and w.height() <= height
    for name, dock in w.docks.items():
        if not dock.isVisible() or dock.widget().visibleRegion().isEmpty():
            continue  # a tab behind another
        holder = dock.widget()
        assert holder.width() >= holder.minimumSizeHint().width(), name
        panel = _inner(holder)  # a panel scrolls rather than being squeezed into overlaps
        assert panel.width() >= panel.minimumSizeHint().width(), name
        assert panel.height() >= panel.minimumSizeHint().height(), name
    w.files.shutdown()


def test_a_restored_layout_wider_than_the_screen_is_fitted(qtbot, settings, session) -> None:
    i18n.set_language("en")
    w = MainWindow(session, settings)
    qtbot.addWidget(w)
    w.resize(2400, 1300)
    settings.set_window_state(w.saveGeometry(), w.saveState())
    w.files.shutdown()
    from workbench.ui.session import ProjectSession

    w2 = MainWindow(ProjectSession(session.project, session.path), settings)
    qtbot.addWidget(w2)
    w2.fit_to(QRect(0, 0, 1366, 768))
    assert w2.width() <= 1366 and w2.height() <= 768
    assert w2.minimumSizeHint().width() <= 1366
    w2.files.shutdown()


def test_toolbar_keeps_its_width_as_the_undo_text_changes(window: MainWindow) -> None:
    before = window.toolbar.sizeHint().width()
    from PySide6.QtWidgets import QToolButton

    undo = window.toolbar.findChild(QToolButton, "actionUndoButton")
    assert undo is not None and not undo.isEnabled()
    cand = window.session.project.candidates[0]
    assert window.session.push(SetValue(("candidates", cand.id, "notes"), "很长的备注" * 8))
    assert undo.isEnabled() and undo.text() == "撤销"
    assert undo.toolTip() == window.actions_by_name["actionUndo"].text() != "撤销"
    assert window.toolbar.sizeHint().width() == before
    undo.click()
    assert window.session.project.candidates[0].notes != "很长的备注" * 8


def test_extra_height_goes_to_the_tables_not_the_problems_strip(qtbot, settings, session) -> None:
    w = MainWindow(session, settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    qtbot.wait(50)  # laid out, as a window is long before a user resizes it
    strip, tables = w.docks["problemsDock"], w.docks["catalogueDock"]
    before = strip.height(), tables.height()
    w.resize(w.width(), w.height() + 200)
    qtbot.waitUntil(lambda: tables.height() > before[1])
    assert strip.height() - before[0] < 50  # was +200: all of it went to the strip
    assert tables.height() - before[1] > 150
    w.files.shutdown()


def test_panels_behind_tabs_are_built_after_the_first_paint(qtbot, settings, sample_copy) -> None:
    from workbench.io.project_file import load
    from workbench.ui.session import ProjectSession

    w = MainWindow(ProjectSession(load(sample_copy), sample_copy), settings)  # as app.py does
    qtbot.addWidget(w)
    assert "catalogue" in w.panels and "problems" in w.panels
    assert not {"allocations", "fund", "parks", "assumptions"} & set(w.panels)
    assert w.fund is w.panels["fund"]  # read before: built on demand, in its dock
    assert w.docks["fundDock"].widget() is w.fund
    w.session.release_computing()
    qtbot.waitUntil(lambda: w.is_computed(), timeout=10_000)
    qtbot.waitUntil(lambda: docks.all_built(w))
    assert {"allocations", "parks", "assumptions", "undo_view"} <= set(w.panels)
    w.files.shutdown()


def test_start_up_imports_no_pandas_or_excel_and_no_scipy_before_the_first_paint() -> None:
    heavy = ("pandas", "scipy", "openpyxl", "python_calamine", "workbench.io.excel")
    before_paint, when_ready = modules_at_start_up(heavy)
    assert before_paint == []
    assert when_ready == []  # dense matrices up to matrices.DENSE_LIMIT candidates
