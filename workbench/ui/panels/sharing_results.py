"""The settlement forms of the current scenario, read-only, in tabs: 统计分算, 税收结算, 财政转移 and
each city's fund account, with the fund's IRR and DPI. Computed in core (``core.sharing``) when
the panel is in view, a moment after the last edit; hidden, it only notes that it is out of date."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.core.edits import Changes
from workbench.core.enums import GdpRule, SettlementMethod
from workbench.core.sharing.model import TAX_LABELS
from workbench.core.sharing.settlement import EXISTING, EXISTING_LABEL
from workbench.ui.i18n import label, pick, tr
from workbench.ui.models.agreements import FrameModel
from workbench.ui.session import ProjectSession
from workbench.ui.tables import fit_table

DELAY_MS = 250
# Parts of the project that move a settlement figure.
PARTS = (
    "agreements",
    "parks",
    "candidates",
    "allocations",
    "assumptions",
    "scenarios",
    "fund",
    "regions",
)

TAX_WORDS = {**TAX_LABELS, EXISTING: EXISTING_LABEL}
TABS: tuple[tuple[str, str, list[tuple[str, str, Any]]], ...] = (
    (
        "statistics",
        "share.tab.statistics",
        [
            ("agreement", "share.col.agreement", None),
            ("year", "share.year", None),
            ("party", "share.col.party", None),
            ("rule", "share.col.rule", lambda v: label(GdpRule(v))),
            ("unit_gdp", "share.col.unit_gdp", 3),
            ("share_pct", "share.col.share", 1),
            ("booked_gdp", "share.col.booked", 3),
            ("summable", "share.col.summable", None),
        ],
    ),
    (
        "tax",
        "share.tab.tax",
        [
            ("agreement", "share.col.agreement", None),
            ("year", "share.year", None),
            ("tax", "share.col.tax", lambda v: pick(*TAX_WORDS.get(v, (v, v)))),
            ("party", "share.col.party", None),
            ("collected", "share.col.collected", 4),
            ("share_pct", "share.col.share", 1),
            ("owed", "share.col.owed", 4),
            ("net", "share.col.net", 4),
        ],
    ),
    (
        "transfers",
        "share.tab.transfers",
        [
            ("agreement", "share.col.agreement", None),
            ("year", "share.year", None),
            ("from_party", "share.col.from", None),
            ("to_party", "share.col.to", None),
            ("amount", "share.col.amount", 4),
            ("settlement", "share.col.method", lambda v: label(SettlementMethod(v))),
        ],
    ),
    (
        "fund",
        "share.tab.fund",
        [
            ("region", "share.col.city", None),
            ("year", "share.year", None),
            ("paid_in", "share.col.paid_in", 3),
            ("invested_in", "share.col.invested_in", 3),
            ("received_back", "share.col.received", 3),
            ("net_position", "share.col.net_position", 3),
        ],
    ),
)


class SettlementTabs(QWidget):
    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sharingResults")
        self.session = session
        self.year = QComboBox(self)
        self.year.setObjectName("sharingYear")
        self.year.addItem(tr("share.all_years"), None)
        for y in range(2026, 2031):
            self.year.addItem(str(y), y)
        self.year.currentIndexChanged.connect(lambda _i: self.show_tables())
        self.performance = QLabel(self)
        self.performance.setObjectName("sharingFundPerformance")
        self.performance.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("sharingTabs")
        self.models: dict[str, FrameModel] = {}
        for key, title, cols in TABS:
            m = FrameModel(cols, self)
            view = QTableView(self)
            view.setObjectName(f"sharing_{key}")
            view.setModel(m)
            view.verticalHeader().setVisible(False)
            fit_table(view)
            self.models[key] = m
            self.tabs.addTab(view, tr(title))
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("share.year"), self))
        top.addWidget(self.year)
        top.addWidget(self.performance, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(top)
        lay.addWidget(self.tabs, 1)
        self.tables: dict[str, Any] = {}
        self.dirty = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.recompute)
        session.changed.connect(self._on_changed)
        session.projectReplaced.connect(self._later)
        session.scenarioChanged.connect(lambda _n: self._later())

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*PARTS):
            self._later()

    def _later(self) -> None:
        self.dirty = True
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self.dirty:
            self._timer.start()

    def recompute(self) -> None:
        """Settle the current scenario now (tests call it directly)."""
        from workbench.core.sharing import fund_accounts, fund_performance, settlement_tables

        sc = self.session.current_scenario()
        p = self.session.project
        self.dirty = False
        if sc is None:
            self.tables = {}
        else:
            self.tables = dict(settlement_tables(p, sc.name))
            self.tables["fund"] = fund_accounts(p, sc.name)
            perf = fund_performance(p, sc.name).iloc[0]
            self.performance.setText(
                tr(
                    "share.fund_perf",
                    scenario=sc.name,
                    paid=perf.paid_in,
                    got=perf.distributed,
                    dpi=perf.dpi,
                    irr=perf.irr_pct,
                )
            )
        self.show_tables()

    def show_tables(self) -> None:
        year = self.year.currentData()
        for key, model in self.models.items():
            df = self.tables.get(key)
            if df is not None and year is not None:
                df = df[df.year == year]
            model.set_frame(df)
