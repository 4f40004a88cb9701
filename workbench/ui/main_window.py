"""The main window: menus, toolbar with the scenario selector, status bar, and dockable panels.

It wires panels to the session and to the file controller, and shows what others compute: the
status-bar figures come from ``fund_summary.status_numbers``, the problems from the session's
validator. Dialogs live in ``ui.dialogs`` and file reading in ``io``; the window only routes to them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QPaintEvent,
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
    QWidget,
)

from workbench import __version__
from workbench.core.addresses import FieldPath
from workbench.core.edits import Changes
from workbench.core.fund_summary import status_numbers
from workbench.core.locations import describe
from workbench.ui.files import FileController
from workbench.ui.i18n import language, tr
from workbench.ui.mrio_actions import load_mrio_table, reset_mrio
from workbench.ui.panels.registry import PANELS, owner_of
from workbench.ui.scenario_actions import ScenarioActions
from workbench.ui.session import ProjectSession
from workbench.ui.settings import Settings
from workbench.ui.worker import BackgroundTask

PROJECT_SUFFIXES = {".wbp"}
TABLE_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".csv"}


class MainWindow(QMainWindow):
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
        # The panels (window.catalogue, window.problems…), built from the registry.
        self.panels: dict[str, QWidget] = {}
        for spec in PANELS:
            panel = spec.make(self)
            setattr(self, spec.attr, panel)
            if panel is not None:
                self.panels[spec.attr] = panel

        self._shown_once = False
        self._layout_restored = False
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_docks()
        self._build_status_bar()
        self._default_state = self.saveState()
        self._restore_layout()

        for spec in PANELS:
            if spec.wire is not None and spec.attr in self.panels:
                spec.wire(self, self.panels[spec.attr])
        session.changed.connect(self._on_changed)
        session.problemsChanged.connect(self._update_problem_count)
        session.scenarioChanged.connect(self._on_scenario)
        session.projectReplaced.connect(self._on_replaced)
        session.modifiedChanged.connect(lambda _m: self._update_title())
        session.editFailed.connect(self.show_error_message)
        session.changed.connect(self._clear_error_message)
        self._on_replaced()

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
        self.recent_menu.aboutToShow.connect(self._fill_recent)
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

    def _dock(
        self, name: str, title_key: str, widget: QWidget, area: Qt.DockWidgetArea
    ) -> QDockWidget:
        d = QDockWidget(tr(title_key), self)
        d.setObjectName(name)
        d.setWidget(widget)
        d.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(area, d)
        toggle = d.toggleViewAction()
        toggle.setObjectName(f"actionShow_{name}")
        self.view_menu.addAction(toggle)
        self.docks[name] = d
        return d

    def _build_docks(self) -> None:
        """One dock per registered panel; each group's docks are tabbed, its first one raised."""
        groups: dict[str, list[QDockWidget]] = {}
        for spec in PANELS:
            if spec.attr in self.panels:
                d = self._dock(spec.dock, spec.title_key, self.panels[spec.attr], spec.area)
                groups.setdefault(spec.group, []).append(d)
        tabbed = [docks for docks in groups.values() if len(docks) > 1]
        for first, *rest in tabbed:
            for d in rest:
                self.tabifyDockWidget(first, d)
        for first, *_rest in tabbed:
            first.raise_()
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.actions_by_name["actionResetLayout"])
        self.resize(1400, 860)
        self._apply_default_sizes()

    def _apply_default_sizes(self) -> None:
        """Tables get the room; the problems strip stays short. Dock sizes only take effect on a
        laid-out window, so this runs again when the window is first shown (see showEvent)."""
        cat, problems = self.docks["catalogueDock"], self.docks["problemsDock"]
        if self.projection is not None:
            self.resizeDocks(
                [cat, self.docks["projectionDock"]], [820, 560], Qt.Orientation.Horizontal
            )
        self.resizeDocks([cat, problems], [680, 130], Qt.Orientation.Vertical)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            if not self._layout_restored:
                self._apply_default_sizes()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        # The window is on screen: the first computation (engine, validation) may start now.
        self.session.release_computing()

    def is_computed(self) -> bool:
        """Whether the projections and the problems list show computed results (not "computing")."""
        projection_done = self.projection is None or not self.projection.computing
        return projection_done and self.session.problems_ready

    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        sb.setObjectName("statusBar")
        self.message_label = QLabel(self)
        self.message_label.setObjectName("messageLabel")
        self.fund_label = QLabel(self)
        self.fund_label.setObjectName("fundStatusLabel")
        self.problems_label = QLabel(self)
        self.problems_label.setObjectName("problemsStatusLabel")
        self.illustrative_label = QLabel(tr("status.illustrative"), self)
        self.illustrative_label.setObjectName("illustrativeStatusLabel")
        self.illustrative_label.setStyleSheet("color: #8a5a00;")
        sb.addWidget(self.message_label, 1)
        sb.addPermanentWidget(self.illustrative_label)
        sb.addPermanentWidget(self.fund_label)
        sb.addPermanentWidget(self.problems_label)
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.timeout.connect(lambda: self.message_label.setText(""))

    def _restore_layout(self) -> None:
        geometry, state = self.settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self._layout_restored = self.restoreState(state)

    def reset_layout(self) -> None:
        self.restoreState(self._default_state)
        for d in self.docks.values():
            d.setVisible(True)
        self._apply_default_sizes()

    # ------------------------------------------------------------------ refresh
    def _on_changed(self, changes: Changes) -> None:
        self._update_status()
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
        self._update_status()

    def _on_replaced(self) -> None:
        self._fill_scenarios()
        self._update_actions()
        self._update_status()
        self._update_problem_count()
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

    def _update_status(self) -> None:
        n = status_numbers(self.session.project, self.session.current_scenario(), [])
        self.fund_label.setText(
            tr("status.fund", used=n.allocated, left=n.remaining, size=n.fund_size)
        )
        p = self.session.project
        self.illustrative_label.setVisible(
            bool(p.illustrative_note)
            or any(c.illustrative for c in p.candidates)
            or any(k.illustrative for k in p.parks)
        )

    def _update_problem_count(self) -> None:
        if not self.session.problems_ready:  # never "0 problems" before validation ran
            self.problems_label.setText(tr("status.problems.computing"))
            self.problems_label.setStyleSheet("")
            return
        n = status_numbers(
            self.session.project, self.session.current_scenario(), self.session.problems()
        )
        self.problems_label.setText(tr("status.problems", errors=n.errors, warnings=n.warnings))
        self.problems_label.setStyleSheet("color: #b00020;" if n.errors else "")

    def _update_title(self) -> None:
        self.setWindowTitle(
            f"{self.files.display_name()}[*] — {self.session.project.name} — {tr('app.title')}"
        )
        self.setWindowModified(self.session.modified)

    def show_message(self, text: str, error: bool = False) -> None:
        self.message_label.setProperty("error", error)
        self.message_label.setStyleSheet("color: #b00020;" if error else "")
        self.message_label.setText(text)
        self.message_label.setToolTip(text)
        self._message_timer.start(15_000)

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

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = self.settings.recent_files
        if not files:
            a = self.recent_menu.addAction(tr("menu.recent.empty"))
            a.setEnabled(False)
            return
        for i, f in enumerate(files):
            a = self.recent_menu.addAction(f"&{i + 1} {f}")
            a.setObjectName(f"actionRecent{i + 1}")
            a.triggered.connect(lambda _c=False, path=f: self.files.open(path))

    def run_dialog_action(self, name: str, path: str | None = None) -> Any:
        """Import/export dialogs live in ``workbench.ui.dialogs.actions`` (imported when used)."""
        try:
            mod = importlib.import_module("workbench.ui.dialogs.actions")
        except ImportError as e:
            self.show_error_message(f"{tr(f'act.{name}')}: {e}")
            return None
        func = getattr(mod, name)
        return func(self, path) if path is not None else func(self)

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
        if spec is None or spec.attr not in self.panels:
            self.show_message(describe(self.session.project, path, language()))
            return False
        d = self.docks[spec.dock]
        d.show()
        d.raise_()
        return self.panels[spec.attr].jump_to(path)  # type: ignore[attr-defined]

    # ------------------------------------------------------------------ drag and drop
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if any(
            Path(u.toLocalFile()).suffix.lower() in PROJECT_SUFFIXES | TABLE_SUFFIXES for u in urls
        ):
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
        suffix = path.suffix.lower()
        if suffix in PROJECT_SUFFIXES:
            return self.files.open(path)
        if suffix in TABLE_SUFFIXES:
            # io.excel pulls in openpyxl and pandas: loaded on the first drop, not at start-up
            from workbench.io.excel.layout import ALLOCATIONS
            from workbench.io.excel.reading import workbook_has_sheet

            func = (
                "import_allocations"
                if workbook_has_sheet(path, ALLOCATIONS)
                else "import_statistics"
            )
            self.run_dialog_action(func, str(path))
            return True
        self.show_error_message(tr("file.drop.unknown", name=path.name))
        return False

    # ------------------------------------------------------------------ closing
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        self.settings.set_window_state(self.saveGeometry(), self.saveState())
        self.settings.sync()
        self.files.shutdown()
        event.accept()
