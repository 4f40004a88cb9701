"""The main window: menus, toolbar with the scenario selector, and the wiring of panels.

It wires panels to the session and to the file controller and routes commands; the docks and
their layout are ``ui.docks``, the status bar ``ui.status_bar``, dropped files ``ui.drops``.
Dialogs live in ``ui.dialogs`` and file reading in ``io``; the window only routes to them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QPaintEvent,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QToolBar,
    QToolButton,
    QWidget,
)

from workbench import __version__
from workbench.core.addresses import FieldPath
from workbench.core.edits import Changes
from workbench.ui import docks, drops, figure_actions, publish_actions
from workbench.ui.files import FileController
from workbench.ui.i18n import language, pick, tr
from workbench.ui.mrio_actions import load_mrio_table, reset_mrio
from workbench.ui.panels.registry import PanelSpec, owner_of
from workbench.ui.scenario_actions import ScenarioActions
from workbench.ui.session import ProjectSession
from workbench.ui.settings import Settings
from workbench.ui.status_bar import StatusBar
from workbench.ui.worker import BackgroundTask


class MainWindow(QMainWindow):
    ready = Signal()  # computed, painted, every deferred panel built: what tests wait for

    def __init__(
        self, session: ProjectSession, settings: Settings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.session = session
        self.settings = settings
        # Plots and problems are computed after the window's first paint (see paintEvent).
        session.hold_computing()
        self.files = FileController(self, session, settings)
        self.actions_by_name: dict[str, QAction] = {}
        self.docks: dict[str, QDockWidget] = {}
        self.setAcceptDrops(True)
        self.setDockNestingEnabled(True)
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks
            | QMainWindow.DockOption.AllowTabbedDocks
            | QMainWindow.DockOption.AllowNestedDocks
        )

        self.scenario_actions = ScenarioActions(self, session)
        # The panels (window.catalogue, window.problems…), built from the registry; those behind
        # another tab are built when first shown or read (see docks.build_deferred).
        self.panels: dict[str, QWidget] = {}
        self._deferred: dict[str, PanelSpec] = {}
        self._building_later = self._ready = False  # see docks.build_deferred_later
        self._available: QRect | None = None  # the screen fit_to last fitted the window to
        eager = docks.build_panels(self)

        self._shown_once = False
        self._layout_restored = False
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self.publish_actions = publish_actions.install(self)  # 规划草案, 总体思路, 使用指南
        self.status = StatusBar(self, session)
        self.message_label = self.status.message_label
        self.fund_label = self.status.fund_label
        self.problems_label = self.status.problems_label
        self.illustrative_label = self.status.illustrative_label
        docks.build_docks(self)
        self.view_menu.addSeparator()
        figure_actions.install(self)  # 导出图片… / 复制图片 of the figure in view
        self.view_menu.addAction(self.actions_by_name["actionResetLayout"])
        self._default_state = self.saveState()
        self._layout_restored = docks.restore_layout(self)

        for spec in eager:  # deferred panels are wired when built
            if spec.wire is not None:
                spec.wire(self, self.panels[spec.attr])
        docks.follow_computation(self)  # the panels behind tabs follow the computed paint
        session.changed.connect(self._on_changed)
        session.problemsChanged.connect(self.status.update_problems)
        session.scenarioChanged.connect(self._on_scenario)
        session.projectReplaced.connect(self._on_replaced)
        session.modifiedChanged.connect(lambda _m: self._update_title())
        session.editFailed.connect(self.show_error_message)
        session.changed.connect(self._clear_error_message)
        self._on_replaced()

    def __getattr__(self, name: str) -> Any:
        """A deferred panel (``window.fund``…) is built on first read."""
        deferred = self.__dict__.get("_deferred")
        if deferred and name in deferred:
            return docks.build_deferred(self, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    # ------------------------------------------------------------------ construction
    def _make_projection(self) -> QWidget | None:
        try:
            mod = importlib.import_module("workbench.ui.projection_panel")
        except ImportError:
            return None
        return mod.ProjectionPanel(self.session, self)

    def _action(
        self,
        name: str,
        text: str,
        slot: Callable[[], Any] | None = None,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | list[Any] | None = None,
    ) -> QAction:
        a = QAction(text, self)
        a.setObjectName(name)
        if shortcut is not None:
            if isinstance(shortcut, list):
                a.setShortcuts(shortcut)
            else:
                a.setShortcut(QKeySequence(shortcut))
        if slot is not None:
            a.triggered.connect(lambda _checked=False: slot())
        self.actions_by_name[name] = a
        return a

    def _build_actions(self) -> None:
        k = QKeySequence.StandardKey
        self._action("actionNew", tr("act.new"), self.files.new, QKeySequence("Ctrl+N"))
        self._action("actionOpen", tr("act.open"), self.files.open, QKeySequence("Ctrl+O"))
        self._action("actionSave", tr("act.save"), self.files.save, QKeySequence("Ctrl+S"))
        self._action(
            "actionSaveAs", tr("act.save_as"), self.files.save_as, QKeySequence("Ctrl+Shift+S")
        )
        self._action("actionQuit", tr("act.quit"), self.close, QKeySequence("Ctrl+Q"))
        stack = self.session.undo_stack
        undo = stack.createUndoAction(self, tr("act.undo"))
        undo.setObjectName("actionUndo")
        undo.setShortcut(QKeySequence(k.Undo))
        redo = stack.createRedoAction(self, tr("act.redo"))
        redo.setObjectName("actionRedo")
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.actions_by_name["actionUndo"] = undo
        self.actions_by_name["actionRedo"] = redo
        self._action("actionFind", tr("act.find"), self.find, QKeySequence("Ctrl+F"))
        self._action("actionSettings", tr("act.settings"), self.open_settings)
        self._action("actionAbout", tr("act.about"), self.about)
        self._action("actionResetLayout", tr("act.reset_layout"), self.reset_layout)
        for name, key, func in (
            ("actionImportStatistics", "act.import_statistics", "import_statistics"),
            ("actionExportAllocations", "act.export_allocations", "export_allocations"),
            ("actionImportAllocations", "act.import_allocations", "import_allocations"),
            ("actionExportTemplate", "act.export_template", "export_template"),
            ("actionImportCandidates", "act.import_candidates", "import_candidates"),
        ):
            self._action(name, tr(key), lambda f=func: self.run_dialog_action(f))
        sa = self.scenario_actions
        self._action("actionScenarioNew", tr("act.scenario_new"), sa.new_scenario)
        self._action(
            "actionScenarioCopy",
            tr("act.scenario_copy"),
            lambda: sa.new_scenario(copy_current=True),
        )
        self._action("actionScenarioRename", tr("act.scenario_rename"), sa.rename_scenario)
        self._action("actionScenarioDelete", tr("act.scenario_delete"), sa.delete_scenario)
        self._action("actionScenarioDescribe", tr("act.scenario_describe"), sa.edit_description)
        self._action("actionLoadMrio", tr("act.mrio_load"), self.load_mrio)
        for name, zh, en, func in (
            ("actionCompare", "方案对比…", "Compare scenarios…", "open_compare"),
            ("actionOptimise", "优化分配…", "Optimise allocations…", "open_optimise"),
        ):
            self._action(name, pick(zh, en), lambda f=func: self.run_decide_action(f))
        self._action("actionResetMrio", tr("act.mrio_reset"), self.reset_mrio)

    def _build_menus(self) -> None:
        a = self.actions_by_name
        bar = self.menuBar()
        bar.setObjectName("menuBar")
        file_menu = bar.addMenu(tr("menu.file"))
        file_menu.setObjectName("menuFile")
        for n in ("actionNew", "actionOpen"):
            file_menu.addAction(a[n])
        self.recent_menu = QMenu(tr("menu.recent"), self)
        self.recent_menu.setObjectName("menuRecent")
        self.recent_menu.aboutToShow.connect(lambda: self.files.fill_recent_menu(self.recent_menu))
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        for n in ("actionSave", "actionSaveAs"):
            file_menu.addAction(a[n])
        file_menu.addSeparator()
        for n in ("actionImportStatistics", "actionImportCandidates", "actionExportTemplate"):
            file_menu.addAction(a[n])
        file_menu.addSeparator()
        file_menu.addAction(a["actionQuit"])
        edit_menu = bar.addMenu(tr("menu.edit"))
        edit_menu.setObjectName("menuEdit")
        for n in ("actionUndo", "actionRedo"):
            edit_menu.addAction(a[n])
        edit_menu.addSeparator()
        scenario_menu = edit_menu.addMenu(tr("menu.scenario"))
        scenario_menu.setObjectName("menuScenario")
        for n in ("actionScenarioNew", "actionScenarioCopy", "actionScenarioRename"):
            scenario_menu.addAction(a[n])
        scenario_menu.addAction(a["actionScenarioDescribe"])
        scenario_menu.addSeparator()
        scenario_menu.addAction(a["actionScenarioDelete"])
        edit_menu.addSeparator()
        edit_menu.addAction(a["actionFind"])
        self.view_menu = bar.addMenu(tr("menu.view"))
        self.view_menu.setObjectName("menuView")
        tools = bar.addMenu(tr("menu.tools"))
        tools.setObjectName("menuTools")
        for n in (
            "actionImportStatistics",
            "actionExportAllocations",
            "actionImportAllocations",
            "actionExportTemplate",
            "actionImportCandidates",
        ):
            tools.addAction(a[n])
        tools.addSeparator()
        tools.addAction(a["actionCompare"])
        tools.addAction(a["actionOptimise"])
        tools.addSeparator()
        tools.addAction(a["actionLoadMrio"])
        tools.addAction(a["actionResetMrio"])
        tools.addSeparator()
        tools.addAction(a["actionSettings"])
        help_menu = bar.addMenu(tr("menu.help"))
        help_menu.setObjectName("menuHelp")
        help_menu.addAction(a["actionAbout"])

    def _build_toolbar(self) -> None:
        a = self.actions_by_name
        tb = QToolBar(tr("toolbar.main"), self)
        tb.setObjectName("mainToolBar")
        tb.setMovable(False)
        tb.setFloatable(False)
        tb.toggleViewAction().setEnabled(False)  # the scenario selector must stay in view
        for n in (
            "actionNew",
            "actionOpen",
            "actionSave",
            None,
            "actionUndo",
            "actionRedo",
            None,
            "actionImportStatistics",
            "actionExportAllocations",
        ):
            if n is None:
                tb.addSeparator()
            elif n in ("actionUndo", "actionRedo"):
                self._fixed_button(tb, a[n], "act.undo" if n == "actionUndo" else "act.redo")
            else:
                tb.addAction(a[n])
        tb.addSeparator()
        tb.addWidget(QLabel(tr("toolbar.scenario"), tb))
        self.scenario_combo = QComboBox(tb)
        self.scenario_combo.setObjectName("scenarioCombo")
        self.scenario_combo.setMinimumWidth(140)
        self.scenario_combo.currentIndexChanged.connect(self._scenario_picked)
        tb.addWidget(self.scenario_combo)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, tb)
        self.toolbar = tb

    def _fixed_button(self, tb: QToolBar, action: QAction, key: str) -> None:
        """A toolbar button whose text never changes: the action's text ("撤销 设置…") goes to
        its tooltip, so the toolbar does not shift as the undo text changes."""
        button = QToolButton(tb)
        button.setObjectName(f"{action.objectName()}Button")
        button.setText(tr(key))
        button.setAutoRaise(True)

        def follow() -> None:
            if shiboken6.isValid(action) and shiboken6.isValid(button):  # not while closing
                button.setEnabled(action.isEnabled())
                button.setToolTip(action.text())

        follow()
        action.changed.connect(follow)
        button.clicked.connect(action.trigger)
        tb.addWidget(button)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            if not self._layout_restored:
                docks.apply_default_sizes(self)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        old, new = event.oldSize().height(), event.size().height()
        if self._shown_once and old > 0 and old != new:
            docks.keep_strip_height(self, old, new)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        # The window is on screen: the first computation (engine, validation) may start now.
        self.session.release_computing()

    def is_computed(self) -> bool:
        """Whether the projections and the problems list show computed results (not "computing")."""
        projection_done = self.projection is None or not self.projection.computing
        return projection_done and self.session.problems_ready

    def is_ready(self) -> bool:
        """Whether ``ready`` was emitted: computed, painted, and every panel built."""
        return self._ready

    def wait_ready(self, timeout_ms: int = 10_000) -> bool:
        """Run the event loop until ``ready`` (False on timeout); see ``docks.wait_ready``."""
        return docks.wait_ready(self, timeout_ms)

    def reset_layout(self) -> None:
        docks.reset_layout(self)

    def fit_to(self, available: QRect) -> None:
        """Keep the window inside a screen's available geometry (see ``docks.fit_to``)."""
        docks.fit_to(self, available)

    # ------------------------------------------------------------------ refresh
    def _on_changed(self, changes: Changes) -> None:
        self.status.update_fund()
        if changes.touches("scenarios"):
            self._fill_scenarios()
        if changes.touches("mrio"):
            self._update_actions()

    def _on_scenario(self, name: str) -> None:
        i = self.scenario_combo.findData(name)
        if i >= 0 and i != self.scenario_combo.currentIndex():
            self.scenario_combo.blockSignals(True)
            self.scenario_combo.setCurrentIndex(i)
            self.scenario_combo.blockSignals(False)
        self.status.update_fund()

    def _on_replaced(self) -> None:
        self._fill_scenarios()
        self._update_actions()
        self.status.update_fund()
        self.status.update_problems()
        self._update_title()

    def _fill_scenarios(self) -> None:
        combo = self.scenario_combo
        combo.blockSignals(True)
        combo.clear()
        for i, sc in enumerate(self.session.project.scenarios):
            combo.addItem(sc.name, sc.name)
            combo.setItemData(i, sc.description, Qt.ItemDataRole.ToolTipRole)
        combo.setCurrentIndex(max(combo.findData(self.session.scenario), 0))
        combo.blockSignals(False)
        self._update_actions()

    def _update_actions(self) -> None:
        a, p = self.actions_by_name, self.session.project
        has = self.session.current_scenario() is not None
        for n in ("actionScenarioCopy", "actionScenarioRename", "actionScenarioDescribe"):
            a[n].setEnabled(has)
        a["actionScenarioDelete"].setEnabled(has and len(p.scenarios) > 1)
        a["actionResetMrio"].setEnabled(p.mrio is not None)

    def _scenario_picked(self, index: int) -> None:
        name = self.scenario_combo.itemData(index)
        if name:
            self.session.set_scenario(name)

    def _update_title(self) -> None:
        self.setWindowTitle(
            f"{self.files.display_name()}[*] — {self.session.project.name} — {tr('app.title')}"
        )
        self.setWindowModified(self.session.modified)

    def show_message(self, text: str, error: bool = False) -> None:
        self.status.show_message(text, error)

    def show_error_message(self, text: str) -> None:
        self.show_message(text, error=True)

    def _clear_error_message(self, *_args: object) -> None:
        """An input error is about the edit that failed: the next edit that succeeds clears it
        (else it stands in red beside later, successful work until the timeout)."""
        if self.message_label.property("error"):
            self.message_label.setProperty("error", False)
            self.message_label.clear()
            self.message_label.setToolTip("")

    # ------------------------------------------------------------------ commands
    def find(self) -> None:
        dock = self.docks["catalogueDock"]
        dock.show()
        dock.raise_()
        self.catalogue.focus_search()
        # A tab raised just now becomes visible on the next event-loop pass; focus it then too.
        QTimer.singleShot(0, self.catalogue.focus_search)

    def run_dialog_action(self, name: str, path: str | None = None) -> Any:
        """Import/export dialogs live in ``workbench.ui.dialogs.actions`` (imported when used)."""
        try:
            mod = importlib.import_module("workbench.ui.dialogs.actions")
        except ImportError as e:
            self.show_error_message(f"{tr(f'act.{name}')}: {e}")
            return None
        func = getattr(mod, name)
        return func(self, path) if path is not None else func(self)

    def run_decide_action(self, name: str) -> Any:
        """方案对比 and 优化 (``workbench.ui.decide.actions``, imported when used)."""
        return getattr(importlib.import_module("workbench.ui.decide.actions"), name)(self)

    def open_settings(self) -> None:
        from workbench.ui.dialogs.settings_dialog import open_settings

        open_settings(self)

    def load_mrio(self, path: str | Path | None = None) -> BackgroundTask | None:
        """Read an input–output table in the background; the edit is pushed when it is read."""
        self.mrio_task = load_mrio_table(self, path)
        return self.mrio_task

    def reset_mrio(self) -> bool:
        return reset_mrio(self)

    def about(self) -> None:
        QMessageBox.about(self, tr("act.about"), tr("about.text", version=__version__))

    # ------------------------------------------------------------------ jump to a problem
    def jump_to(self, path: FieldPath) -> bool:
        """Show the panel that owns the field at ``path`` (see the registry) and select it there."""
        if not path:
            return False
        spec = owner_of(path)
        if spec is None or spec.dock not in self.docks:
            from workbench.core.locations import describe  # only on a jump, not at start-up

            self.show_message(describe(self.session.project, path, language()))
            return False
        panel = docks.build_deferred(self, spec.attr)
        d = self.docks[spec.dock]
        d.show()
        d.raise_()
        return bool(panel.jump_to(path))  # type: ignore[union-attr]

    # ------------------------------------------------------------------ drag and drop
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasUrls() and drops.accepts(mime.urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        for u in event.mimeData().urls():
            if self.open_dropped(Path(u.toLocalFile())):
                event.acceptProposedAction()
                return
        event.ignore()

    def open_dropped(self, path: Path) -> bool:
        return drops.open_dropped(self, path)

    # ------------------------------------------------------------------ closing
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        self.settings.set_window_state(self.saveGeometry(), self.saveState())
        self.settings.sync()
        self.files.shutdown()
        event.accept()
