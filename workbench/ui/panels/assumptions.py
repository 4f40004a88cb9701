"""参数: every model parameter, its value, the current scenario's override and where it comes from,
plus which spillover network the projections use (the default region network or a loaded
input–output table) and the current scenario's description."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from workbench.core.addresses import (
    AssumptionField,
    FieldPath,
    OverrideField,
    ScenarioItem,
    list_head,
)
from workbench.core.edits import Changes
from workbench.ui.i18n import tr
from workbench.ui.models.assumptions import (
    COL_LABEL,
    COL_OVERRIDE,
    COL_SOURCE,
    COL_UNIT,
    COL_VALUE,
    AssumptionsModel,
)
from workbench.ui.panels.delegates import ChoiceDelegate
from workbench.ui.session import ProjectSession


class AssumptionsPanel(QWidget):
    loadMrioRequested = Signal()
    resetMrioRequested = Signal()
    describeScenarioRequested = Signal()

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assumptionsPanel")
        self.session = session
        net_row, sc_row = self._build_summary_rows()
        self._build_tree()

        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(net_row)
        lay.addLayout(sc_row)
        lay.addWidget(self.search)
        lay.addWidget(self.tree, 1)

        self.tree.expandAll()
        self._fit_columns()
        # The network line reads the engine's parameters (importing pandas/scipy): it is filled
        # on the next event-loop turn, after the window is shown.
        self._refresh_labels(network=False)
        self.network_label.setText(tr("network.computing"))
        session.computeStarted.connect(self._refresh_labels)
        if session.compute_started:
            QTimer.singleShot(0, self, self._refresh_labels)
        session.changed.connect(self._on_changed)
        session.scenarioChanged.connect(lambda _n: (self._refresh_labels(), self._fit_columns()))
        session.projectReplaced.connect(lambda: (self._refresh_labels(), self._fit_columns()))

    # ------------------------------------------------------------------ building
    def _build_summary_rows(self) -> tuple[QHBoxLayout, QHBoxLayout]:
        """The network line with its MRIO buttons, and the scenario line with its describe button."""
        self.network_label = QLabel(self)
        self.network_label.setObjectName("assumptionsNetworkLabel")
        self.network_label.setWordWrap(True)
        self.network_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.load_button = QPushButton(tr("act.mrio_load"), self)
        self.load_button.setObjectName("assumptionsLoadMrioButton")
        self.load_button.clicked.connect(lambda _c=False: self.loadMrioRequested.emit())
        self.reset_button = QPushButton(tr("act.mrio_reset"), self)
        self.reset_button.setObjectName("assumptionsResetMrioButton")
        self.reset_button.clicked.connect(lambda _c=False: self.resetMrioRequested.emit())
        net_row = QHBoxLayout()
        net_row.addWidget(self.network_label, 1)
        net_row.addWidget(self.load_button)
        net_row.addWidget(self.reset_button)

        self.scenario_label = QLabel(self)
        self.scenario_label.setObjectName("assumptionsScenarioLabel")
        self.scenario_label.setWordWrap(True)
        self.describe_button = QPushButton(tr("act.scenario_describe"), self)
        self.describe_button.setObjectName("assumptionsDescribeButton")
        self.describe_button.clicked.connect(lambda _c=False: self.describeScenarioRequested.emit())
        sc_row = QHBoxLayout()
        sc_row.addWidget(self.scenario_label, 1)
        sc_row.addWidget(self.describe_button)
        return net_row, sc_row

    def _build_tree(self) -> None:
        """The search box and the filtered parameter tree."""
        self.search = QLineEdit(self)
        self.search.setObjectName("assumptionsSearch")
        self.search.setPlaceholderText(tr("assumption.search"))
        self.search.setClearButtonEnabled(True)

        self.model = AssumptionsModel(self.session, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.search.textChanged.connect(self._filter)

        self.tree = QTreeView(self)
        self.tree.setObjectName("assumptionsTree")
        self.tree.setModel(self.proxy)
        self.tree.setItemDelegate(ChoiceDelegate(self.tree))
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.tree.header()
        header.setStretchLastSection(True)
        for col, width in (
            (COL_LABEL, 290),
            (COL_VALUE, 56),
            (COL_OVERRIDE, 130),
            (COL_UNIT, 124),
            (COL_SOURCE, 360),
        ):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.tree.setColumnWidth(col, width)
        self.model.modelReset.connect(self.tree.expandAll)

    # ------------------------------------------------------------------ refresh
    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("mrio", "assumptions", "scenarios"):
            self._refresh_labels()

    def _refresh_labels(self, network: bool = True) -> None:
        p = self.session.project
        sc = self.session.current_scenario()
        t = p.mrio
        if not network:
            pass
        elif t is None:
            from workbench.core.projections.parameters import value as parameter_value

            # What the engine reads for the current scenario, overrides included.
            self.network_label.setText(
                tr(
                    "network.default",
                    share=parameter_value(p, "network.spillover_share", sc),
                    decay=parameter_value(p, "network.decay_km", sc),
                )
            )
            self.network_label.setStyleSheet("")
        else:
            source = tr("network.mrio.source", source=t.source) if t.source.strip() else ""
            self.network_label.setText(
                tr("network.mrio", name=t.name, n=len(t.regions), source=source)
            )
            self.network_label.setStyleSheet("color: #1b5e20; font-weight: bold;")
        self.reset_button.setEnabled(t is not None)
        if sc is None:
            self.scenario_label.setText("")
            self.describe_button.setEnabled(False)
            return
        self.describe_button.setEnabled(True)
        self.scenario_label.setText(
            tr(
                "scenario.description",
                name=sc.name,
                description=sc.description.strip() or tr("scenario.no_description"),
            )
        )

    def _fit_columns(self) -> None:
        """Numbers, units and the override header (it names the scenario) are never cut off."""
        for col in (COL_VALUE, COL_OVERRIDE, COL_UNIT):
            self.tree.resizeColumnToContents(col)

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self.tree.expandAll()

    # ------------------------------------------------------------------ navigation
    def select_key(self, key: str, column: int = COL_VALUE) -> bool:
        src = self.model.index_of_key(key, column)
        if not src.isValid():
            return False
        if not self.proxy.mapFromSource(src).isValid():
            self.search.clear()
        idx = self.proxy.mapFromSource(src)
        self.tree.expand(idx.parent())
        self.tree.setCurrentIndex(idx)
        self.tree.scrollTo(idx)
        self.tree.setFocus()
        return True

    @staticmethod
    def owns(path: FieldPath) -> bool:
        item = ScenarioItem.of(path)
        return list_head(path) in ("assumptions", "mrio") or (
            item is not None and item.field == "assumption_overrides"
        )

    def jump_to(self, path: FieldPath) -> bool:
        if (a := AssumptionField.of(path)) is not None:
            return self.select_key(str(a.key))
        if (o := OverrideField.of(path)) is not None:
            self.session.set_scenario(str(o.scenario))
            return self.select_key(str(o.key), COL_OVERRIDE)
        if list_head(path) == "mrio":
            self.network_label.setFocus()
            return True
        return False
